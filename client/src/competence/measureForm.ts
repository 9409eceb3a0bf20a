import type { CompetenceMeasure, CompetenceMeasureCreate } from '@lagverk/shared';
import { listValue } from '../teams/teamForm.ts';
import { thisYear } from './competenceMessages.ts';

/** The measure form's inputs as strings; target roles are space-separated, like other list fields. */
export interface MeasureFormValues extends Record<string, string> {
  kind: string;
  title: string;
  description: string;
  targetRoles: string;
  plannedYear: string;
  plannedSessions: string;
  plannedHours: string;
  provider: string;
  externalKey: string;
  status: string;
}

export const emptyMeasureValues = (): MeasureFormValues => ({
  kind: 'course', title: '', description: '', targetRoles: '', plannedYear: String(thisYear()), plannedSessions: '1', plannedHours: '0',
  provider: '', externalKey: '', status: 'planned',
});

export const measureToValues = (m: CompetenceMeasure): MeasureFormValues => ({
  kind: m.kind, title: m.title, description: m.description ?? '', targetRoles: m.targetRoles.join(' '), plannedYear: String(m.plannedYear),
  plannedSessions: String(m.plannedSessions), plannedHours: String(m.plannedHours), provider: m.provider ?? '', externalKey: m.externalKey ?? '',
  status: m.status,
});

/** A number as typed (1,5 in Norwegian); what is not a number stays text, so the schema names the field. */
export function numberInput(text: string): number | string {
  const value = Number(text.trim().replace(',', '.'));
  return text.trim() !== '' && Number.isFinite(value) ? value : text;
}

export const measurePayload = (v: MeasureFormValues) => ({
  kind: v.kind, title: v.title.trim(), description: v.description.trim() || null, targetRoles: listValue(v.targetRoles),
  plannedYear: numberInput(v.plannedYear), plannedSessions: numberInput(v.plannedSessions), plannedHours: numberInput(v.plannedHours),
  provider: v.provider.trim() || null, externalKey: v.externalKey.trim() || null, status: v.status,
}) as unknown as CompetenceMeasureCreate;
