import { TeamResultCreate, type ResultMeasure, type TeamResult } from '@lagverk/shared';
import { inputText, optionalText, requiredText } from '../../forms/formValues.ts';
import { editorErrors } from '../../criteria/criteriaForm.ts';
import { numberValue } from '../teamForm.ts';

/** Rows keep a stable key so Vue keeps each row's inputs (and focus) with its row. */
export interface MeasureRow { key: number; label: string; unit: string; before: string; after: string }
export interface LinkRow { key: number; title: string; url: string }

export interface ResultValues {
  title: string;
  description: string;
  category: string;
  achievedOn: string;
  measures: MeasureRow[];
  links: LinkRow[];
}

let nextKey = 1;
export const emptyMeasure = (): MeasureRow => ({ key: nextKey++, label: '', unit: '', before: '', after: '' });
export const emptyLink = (): LinkRow => ({ key: nextKey++, title: '', url: '' });

export const emptyResultValues = (): ResultValues => ({ title: '', description: '', category: '', achievedOn: '', measures: [], links: [] });

const numberText = (value: number | null) => (value === null ? '' : String(value));

export const resultToValues = (result: TeamResult): ResultValues => ({
  title: result.title,
  description: inputText(result.description),
  category: result.category,
  achievedOn: result.achievedOn,
  measures: result.measures.map((m) => ({ key: nextKey++, label: m.label, unit: m.unit, before: numberText(m.before), after: numberText(m.after) })),
  links: result.links.map((l) => ({ key: nextKey++, title: l.title, url: l.url })),
});

// v-model on a number input hands back a number once the user has typed in it.
const measureNumber = (value: string | number) => numberValue(String(value));

export const resultPayload = (values: ResultValues) => ({
  title: requiredText(values.title),
  description: optionalText(values.description),
  category: values.category,
  achievedOn: values.achievedOn,
  measures: values.measures.map((m) => ({
    label: requiredText(m.label), unit: requiredText(m.unit), before: measureNumber(m.before), after: measureNumber(m.after),
  })),
  links: values.links.map((l) => ({ title: requiredText(l.title), url: l.url.trim() })),
});

/** Field errors keyed by dotted path ("title", "measures.0.before"), from the shared create schema. */
export const resultErrors = (values: ResultValues) => editorErrors(resultPayload(values), TeamResultCreate);

/** The DOM id of a field's input: "measures.0.label" is "result-measures-0-label". */
export const resultFieldId = (path: string) => `result-${path.split('.').join('-')}`;

/** How much a measure moved; null when either side is missing. */
export function measureChange(measure: ResultMeasure): number | null {
  if (measure.before === null || measure.after === null) return null;
  return measure.after - measure.before;
}
