import type { ErrorObject } from 'ajv';
import type { TObject } from 'typebox';
import { compileBodySchema } from '../http/validation.ts';
import type { CsvTable } from './csv.ts';
import type { ImportErrors } from './errors.ts';

// A CSV record becomes a row: its cells checked against the shared row schema (the same
// rules the JSON API applies to each field), `active` read as a yes or no.

/** Key missing: the file has no such column (the field is left as it is); null: an empty cell (cleared). */
export type Cells<T> = { [K in keyof T]?: Exclude<T[K], undefined> | null };

export interface ImportRow<T> {
  line: number;
  /** Empty when the row has none (an error). */
  externalId: string;
  /** Only the cells that passed their checks. */
  cells: Cells<T>;
  /** False when any cell failed, or the externalId came earlier: the row is checked further but not written. */
  valid: boolean;
}

/** The columns of a row schema and the ones a file must have. */
export function columnsOf(schema: TObject) {
  return { known: Object.keys(schema.properties), required: (schema.required ?? []) as string[] };
}

const yes = new Set(['true', 'yes', 'ja', '1']);
const no = new Set(['false', 'no', 'nei', '0']);

// Messages for the checks whose JSON Schema wording means nothing in a spreadsheet.
const patternHints: Record<string, string> = {
  phone: 'must be a phone number: digits, spaces, +, - and parentheses',
};

/**
 * Every record of `table` as a row; each cell that fails `schema` is an error of its line
 * and left out, so the rest of the row can still be checked (its references, its email).
 */
export function readRows<T>(table: CsvTable, schema: TObject, errors: ImportErrors): ImportRow<T>[] {
  const validate = compileBodySchema(schema);
  const rows: ImportRow<T>[] = [];
  const firstLine = new Map<string, number>();
  for (const { line, cells } of table.records) {
    const values: Record<string, unknown> = {};
    const failed = new Set<string>();
    for (const [column, text] of cells) {
      if (text === '') continue;
      if (column === 'active') {
        const answer = text.toLowerCase();
        if (yes.has(answer) || no.has(answer)) values.active = yes.has(answer);
        else {
          errors.add(line, column, 'must be true or false (ja/nei, yes/no and 1/0 work too)', 'type');
          failed.add(column);
        }
        continue;
      }
      values[column] = text;
    }
    if (!validate(values)) {
      for (const { column, message, code } of describeErrors(validate.errors ?? [], schema)) {
        errors.add(line, column, message, code);
        failed.add(column ?? '');
      }
    }
    const externalId = failed.has('externalId') ? '' : String(values.externalId ?? '');
    let valid = failed.size === 0;
    const first = firstLine.get(externalId);
    if (externalId && first !== undefined) {
      errors.add(line, 'externalId', `is on line ${first} too: each row needs its own externalId`, 'duplicate');
      valid = false;
    } else if (externalId) firstLine.set(externalId, line);
    const present: Record<string, unknown> = {};
    for (const column of cells.keys()) if (!failed.has(column)) present[column] = values[column] ?? null;
    rows.push({ line, externalId, cells: present as Cells<T>, valid });
  }
  return rows;
}

function describeErrors(list: ErrorObject[], schema: TObject) {
  const seen = new Set<string>();
  const out: { column: string | null; message: string; code: string }[] = [];
  for (const e of list) {
    // anyOf repeats each branch's complaint; the anyOf error itself says it once.
    if (e.schemaPath.includes('/anyOf/')) continue;
    const params = e.params as Record<string, unknown>;
    const column = e.keyword === 'required' ? String(params.missingProperty) : e.instancePath.slice(1) || null;
    // One complaint per cell: the first is enough to fix it.
    const key = column ?? '';
    if (seen.has(key)) continue;
    seen.add(key);
    out.push({ column, message: messageFor(e, column, schema), code: e.keyword });
  }
  return out;
}

function messageFor(e: ErrorObject, column: string | null, schema: TObject): string {
  if (e.keyword === 'required') return 'is required';
  if (e.keyword === 'pattern' && column) return patternHints[column] ?? 'has characters that are not allowed here';
  if (e.keyword === 'format' && (e.params as { format?: string }).format === 'email') return 'is not a valid email address';
  if (e.keyword === 'anyOf' && column) {
    const choices = (schema.properties[column] as { anyOf?: { const?: unknown }[] } | undefined)?.anyOf?.map((branch) => branch.const);
    if (choices?.every((c) => typeof c === 'string')) return `must be one of ${choices.join(', ')}`;
  }
  return e.message ?? 'is invalid';
}
