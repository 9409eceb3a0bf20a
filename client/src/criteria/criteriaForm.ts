import { AnswerType, CriteriaSetCreate, type CriteriaSet, type CriterionInput } from '@lagverk/shared';
import type { TSchema } from 'typebox';
import { Value } from 'typebox/value';
import type { ApiError } from '../api/client.ts';
import type { FieldError, FieldErrors } from '../forms/fieldErrors.ts';
import { inputText, optionalText, requiredText } from '../forms/formValues.ts';

export const answerTypes = AnswerType.anyOf.map((member) => member.const) as CriterionInput['answerType'][];

/** One criterion row as the editor holds it: text inputs are strings until saved. */
export interface CriterionRow {
  /** Stable across moves, so Vue keeps each row's inputs (and focus) with its row. */
  key: number;
  title: string;
  guidance: string;
  answerType: string;
  unit: string;
  weight: string;
  required: boolean;
}

export interface CriteriaSetValues {
  kind: string;
  name: string;
  description: string;
  criteria: CriterionRow[];
}

let nextKey = 1;

export const emptyRow = (): CriterionRow => ({
  key: nextKey++, title: '', guidance: '', answerType: 'yesNo', unit: '', weight: '1', required: false,
});

export const emptyValues = (): CriteriaSetValues => ({ kind: '', name: '', description: '', criteria: [emptyRow()] });

export const toValues = (set: CriteriaSet): CriteriaSetValues => ({
  kind: set.kind,
  name: set.name,
  description: inputText(set.description),
  criteria: set.criteria.map((c) => ({
    key: nextKey++,
    title: c.title,
    guidance: inputText(c.guidance),
    answerType: c.answerType,
    unit: inputText(c.unit),
    weight: String(c.weight),
    required: c.required,
  })),
});

/** A whole number stays a number; anything else is passed on as typed so validation names it. */
function weightValue(text: string | number): number | string | undefined {
  // v-model on a number input hands back a number once the user has typed in it.
  const trimmed = String(text).trim();
  if (trimmed === '') return undefined;
  return /^-?\d+$/.test(trimmed) ? Number(trimmed) : trimmed;
}

function criterionPayload(row: CriterionRow) {
  const weight = weightValue(row.weight);
  return {
    title: requiredText(row.title),
    guidance: optionalText(row.guidance),
    answerType: row.answerType,
    // Only a number has a unit ("timer per sak"); a unit left over from another type is dropped.
    unit: row.answerType === 'number' ? optionalText(row.unit) : null,
    ...(weight === undefined ? {} : { weight }),
    required: row.required,
  };
}

export const toPayload = (values: CriteriaSetValues) => ({
  kind: values.kind,
  name: requiredText(values.name),
  description: optionalText(values.description),
  criteria: values.criteria.map(criterionPayload),
});

/** The parts of a payload a PATCH may change, each only when it differs from what was loaded. */
export function changedParts(next: ReturnType<typeof toPayload>, before: ReturnType<typeof toPayload>) {
  const patch: Record<string, unknown> = {};
  for (const key of ['name', 'description', 'criteria'] as const) {
    if (JSON.stringify(next[key]) !== JSON.stringify(before[key])) patch[key] = next[key];
  }
  return patch;
}

// As in forms/fieldErrors.ts, a union's "must be null" branch says nothing useful.
const isNoise = (keyword: string, params: Record<string, unknown>) =>
  keyword === 'anyOf' || keyword === 'const' || (keyword === 'type' && params.type === 'null');

/** Field errors keyed by dotted path ("name", "criteria.2.title"), first useful reason each. */
export function editorErrors(data: unknown, schema: TSchema = CriteriaSetCreate): FieldErrors {
  const specific: FieldErrors = {};
  const fallback: FieldErrors = {};
  for (const error of Value.Errors(schema, data)) {
    const params = (error.params ?? {}) as Record<string, unknown>;
    const base = error.instancePath.split('/').filter(Boolean);
    const paths =
      error.keyword === 'required'
        ? ((params.requiredProperties as string[] | undefined) ?? []).map((field) => [...base, field].join('.'))
        : [base.join('.')];
    for (const path of paths) {
      if (!path) continue;
      const noise = isNoise(error.keyword, params);
      (noise ? fallback : specific)[path] ??= { code: noise ? 'anyOf' : error.keyword, params };
    }
  }
  return { ...fallback, ...specific };
}

/** The server's field errors (/body/criteria/0/title) keyed the same way. */
export function serverEditorErrors(error: ApiError): FieldErrors {
  const out: FieldErrors = {};
  for (const item of error.errors) {
    const match = /^\/body\/(.+)$/.exec(item.path);
    if (!match?.[1]) continue;
    const entry: FieldError = { code: item.code, params: {}, message: item.message };
    out[match[1].split('/').join('.')] ??= entry;
  }
  return out;
}

/** The DOM id of a field's input: "criteria.2.title" is "criteria-2-title". */
export const fieldId = (path: string) => `criteria-set-${path.split('.').join('-')}`;
