import { Ajv, type ErrorObject } from 'ajv';
import addFormatsModule from 'ajv-formats';
import type { FastifySchemaCompiler } from 'fastify';
import type { ProblemFieldError } from '@lagverk/shared';

// ajv-formats is CommonJS; its default export arrives wrapped under ESM.
const addFormats = (addFormatsModule as unknown as { default?: typeof addFormatsModule }).default ?? addFormatsModule;

function makeAjv(coerce: boolean): Ajv {
  // removeAdditional stays off: unknown fields are rejected, never silently dropped.
  const ajv = new Ajv({
    allErrors: true,
    removeAdditional: false,
    useDefaults: true,
    coerceTypes: coerce ? 'array' : false,
    strict: false,
  });
  addFormats(ajv);
  return ajv;
}

// Bodies are JSON and must have the right types; query strings, path parameters and
// headers are text, so only those are coerced (limit=50 becomes a number).
const bodyAjv = makeAjv(false);
const textAjv = makeAjv(true);

/** A validator with the rules bodies get, for data that arrives in another shape (CSV rows). */
export const compileBodySchema = (schema: object) => bodyAjv.compile(schema);

export const validatorCompiler: FastifySchemaCompiler<any> = ({ schema, httpPart }) => {
  const validate = (httpPart === 'body' ? bodyAjv : textAjv).compile(schema as object);
  // A body declared Type.Optional (actions such as POST /units/{id}/deactivate) may be
  // left out; Fastify then hands the validator null, which `type: object` would refuse.
  if (httpPart !== 'body' || (schema as Record<string, unknown>)['~optional'] !== true) return validate;
  const optional = (data: unknown) => {
    const ok = data === null || data === undefined || validate(data);
    optional.errors = ok ? null : validate.errors;
    return ok;
  };
  optional.errors = null as typeof validate.errors;
  return optional;
};

const partNames: Record<string, string> = { body: 'body', querystring: 'query', params: 'path', headers: 'headers' };

/** Every failing field of a validation error as a JSON pointer into the request. */
export function fieldErrors(errors: ErrorObject[], context: string): ProblemFieldError[] {
  const part = `/${partNames[context] ?? context}`;
  const seen = new Set<string>();
  const out: ProblemFieldError[] = [];
  for (const e of errors) {
    // anyOf failures repeat each branch's complaint; the summary line says it once.
    if (e.schemaPath.includes('/anyOf/')) continue;
    let path = part + e.instancePath;
    const params = e.params as Record<string, unknown>;
    if (e.keyword === 'required') path += `/${String(params.missingProperty)}`;
    if (e.keyword === 'additionalProperties') path += `/${String(params.additionalProperty)}`;
    const message =
      e.keyword === 'additionalProperties'
        ? 'is not a known field'
        : e.keyword === 'anyOf'
          ? 'does not match any allowed type or value'
          : (e.message ?? 'is invalid');
    const key = `${path}|${e.keyword}`;
    if (seen.has(key)) continue;
    seen.add(key);
    out.push({ path: path.slice(0, 500), message: message.slice(0, 500), code: e.keyword });
  }
  return out.slice(0, 200);
}
