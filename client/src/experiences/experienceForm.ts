import type { Experience, ExperienceCreate } from '@lagverk/shared';
import type { LocationQuery } from 'vue-router';
import { optionalText, requiredText } from '../forms/formValues.ts';
import { queryText } from '../shell/listQuery.ts';

// The experience form's values are strings (as every edit form's): tags comma-separated,
// effect goals space-separated for the checkbox group.
export interface ExperienceFormValues extends Record<string, string> {
  title: string;
  tried: string;
  worked: string;
  didNotWork: string;
  advice: string;
  teamId: string;
  effectGoals: string;
  tags: string;
}

export const emptyExperienceValues = (query: LocationQuery = {}): ExperienceFormValues => ({
  title: '', tried: '', worked: '', didNotWork: '', advice: '', teamId: queryText(query, 'teamId'), effectGoals: '', tags: '',
});

export const experienceToValues = (e: Experience): ExperienceFormValues => ({
  title: e.title, tried: e.tried, worked: e.worked ?? '', didNotWork: e.didNotWork ?? '', advice: e.advice ?? '',
  teamId: e.teamId ?? '', effectGoals: e.effectGoals.join(' '), tags: e.tags.join(', '),
});

export const experiencePayload = (v: ExperienceFormValues): ExperienceCreate => ({
  title: requiredText(v.title),
  tried: requiredText(v.tried),
  worked: optionalText(v.worked),
  didNotWork: optionalText(v.didNotWork),
  advice: optionalText(v.advice),
  teamId: v.teamId || null,
  effectGoals: v.effectGoals.split(' ').filter(Boolean) as ExperienceCreate['effectGoals'],
  tags: v.tags.split(',').map((tag) => tag.trim()).filter(Boolean),
});
