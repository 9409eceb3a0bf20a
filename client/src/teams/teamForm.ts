import type { Team } from '@lagverk/shared';
import { inputText, optionalText, requiredText } from '../forms/formValues.ts';

/** The team form's inputs as strings; lists (effect goals, units) are space-separated ids. */
export interface TeamFormValues extends Record<string, string> {
  name: string;
  purpose: string;
  mandate: string;
  everydayTask: string;
  expectedEffect: string;
  effectGoals: string;
  unitIds: string;
  startDate: string;
  plannedEndDate: string;
  hoursPerMemberPerMonth: string;
  meetingRhythm: string;
  budgetNok: string;
  otherResources: string;
  evaluationIntervalMonths: string;
}

export const emptyTeamValues = (): TeamFormValues => ({
  name: '', purpose: '', mandate: '', everydayTask: '', expectedEffect: '', effectGoals: '', unitIds: '',
  startDate: '', plannedEndDate: '', hoursPerMemberPerMonth: '', meetingRhythm: '', budgetNok: '', otherResources: '',
  // The server's default: a team is evaluated every six months unless set otherwise.
  evaluationIntervalMonths: '6',
});

const numberText = (value: number | null) => (value === null ? '' : String(value));

export const teamToValues = (team: Team): TeamFormValues => ({
  name: team.name,
  purpose: inputText(team.purpose),
  mandate: inputText(team.mandate),
  everydayTask: inputText(team.everydayTask),
  expectedEffect: inputText(team.expectedEffect),
  effectGoals: team.effectGoals.join(' '),
  unitIds: team.unitIds.join(' '),
  startDate: inputText(team.startDate),
  plannedEndDate: inputText(team.plannedEndDate),
  hoursPerMemberPerMonth: numberText(team.hoursPerMemberPerMonth),
  meetingRhythm: inputText(team.meetingRhythm),
  budgetNok: numberText(team.budgetNok),
  otherResources: inputText(team.otherResources),
  evaluationIntervalMonths: String(team.evaluationIntervalMonths),
});

export const listValue = (text: string): string[] => text.split(' ').filter(Boolean);

/**
 * A number typed in a Norwegian way ("7,5", "150 000") becomes a number; anything else is
 * passed on as typed so validation says what is wrong next to the field.
 */
export function numberValue(text: string): number | string | null {
  const cleaned = text.replace(/[\s\u00a0]/g, '').replace(',', '.');
  if (cleaned === '') return null;
  return /^-?\d+(\.\d+)?$/.test(cleaned) ? Number(cleaned) : text;
}

export const teamPayload = (values: TeamFormValues) => ({
  name: requiredText(values.name),
  purpose: optionalText(values.purpose),
  mandate: optionalText(values.mandate),
  everydayTask: optionalText(values.everydayTask),
  expectedEffect: optionalText(values.expectedEffect),
  effectGoals: listValue(values.effectGoals),
  unitIds: listValue(values.unitIds),
  startDate: optionalText(values.startDate),
  plannedEndDate: optionalText(values.plannedEndDate),
  hoursPerMemberPerMonth: numberValue(values.hoursPerMemberPerMonth),
  meetingRhythm: optionalText(values.meetingRhythm),
  budgetNok: numberValue(values.budgetNok),
  otherResources: optionalText(values.otherResources),
  evaluationIntervalMonths: numberValue(values.evaluationIntervalMonths),
});
