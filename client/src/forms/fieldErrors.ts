import type { TSchema } from 'typebox';
import { Value } from 'typebox/value';
import type { ApiError } from '../api/client.ts';

/** Why one field is invalid: the JSON Schema keyword (or a server code) and its parameters. */
export interface FieldError {
  code: string;
  params: Record<string, unknown>;
  /** The server's own wording, used only when no translation exists for the code. */
  message?: string;
}

export type FieldErrors = Record<string, FieldError>;

// A union such as `string | null` fails every branch; the "must be null" branch and the
// anyOf summary say nothing useful next to the field, so the specific reason wins.
function isNoise(keyword: string, params: Record<string, unknown>) {
  return keyword === 'anyOf' || keyword === 'const' || (keyword === 'type' && params.type === 'null');
}

/** The first useful reason per field, from the same TypeBox schema the API validates with. */
export function schemaErrors(schema: TSchema, data: unknown): FieldErrors {
  const specific: FieldErrors = {};
  const fallback: FieldErrors = {};
  for (const error of Value.Errors(schema, data)) {
    const params = (error.params ?? {}) as Record<string, unknown>;
    const fields =
      error.keyword === 'required'
        ? ((params.requiredProperties as string[] | undefined) ?? [])
        : [error.instancePath.split('/')[1] ?? ''];
    for (const field of fields) {
      if (!field) continue;
      const target = isNoise(error.keyword, params) ? fallback : specific;
      target[field] ??= { code: isNoise(error.keyword, params) ? 'anyOf' : error.keyword, params };
    }
  }
  return { ...fallback, ...specific };
}

/** The problem's field errors (paths like /body/name) by field name; the rest are general. */
export function problemErrors(error: ApiError): { fields: FieldErrors; general: string[] } {
  const fields: FieldErrors = {};
  const general: string[] = [];
  for (const item of error.errors) {
    const match = /^\/body\/([^/]+)/.exec(item.path);
    if (match?.[1]) fields[match[1]] ??= { code: item.code, params: {}, message: item.message };
    else general.push(item.message);
  }
  return { fields, general };
}
