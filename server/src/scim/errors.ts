import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { problemOf } from '../http/error-handler.ts';
import type { HttpProblem } from '../http/problem.ts';

// SCIM clients read errors in RFC 7644 §3.12's shape, not problem+json. The rules behind
// an error stay the application's (problemOf says what any error means); this file only
// words the answer for SCIM, so a refusal means the same on /api/v1 and /scim/v2.

export const errorSchema = 'urn:ietf:params:scim:api:messages:2.0:Error';

export type ScimType =
  | 'invalidFilter' | 'tooMany' | 'uniqueness' | 'mutability' | 'invalidSyntax' | 'invalidPath' | 'noTarget' | 'invalidValue'
  | 'invalidVers' | 'sensitive';

export class ScimError extends Error {
  constructor(
    readonly status: number,
    readonly detail: string,
    readonly scimType?: ScimType,
    readonly headers: Record<string, string> = {},
  ) {
    super(detail);
    this.name = 'ScimError';
  }
}

export const invalidValue = (detail: string) => new ScimError(400, detail, 'invalidValue');
export const invalidFilter = (detail: string) => new ScimError(400, detail, 'invalidFilter');
export const invalidPath = (detail: string) => new ScimError(400, detail, 'invalidPath');
export const invalidSyntax = (detail: string) => new ScimError(400, detail, 'invalidSyntax');
export const scimNotFound = (what: string) => new ScimError(404, `${what} not found.`);

/** Codes of the application's 409s that mean "another resource already has this value". */
const uniquenessCodes = new Set(['duplicate', 'email-taken', 'account-exists']);

/** Where the application's words would mislead a SCIM client: an account's email is the User's userName. */
const scimDetails: Record<string, string> = {
  'email-taken': 'Another User in this organisation already has this userName (compared without regard to case).',
};

/** The application's answer in SCIM's words. 422 (a rule of the data) becomes a 400 invalidValue: SCIM has no 422. */
function fromProblem(problem: HttpProblem): ScimError {
  const fields = problem.extras.errors?.map((e) => `${e.path.replace(/^\/body\//, '')} ${e.message}`) ?? [];
  const detail = scimDetails[problem.code] ?? (fields.length ? `${problem.detail} (${fields.join('; ')})` : problem.detail);
  // SCIM ETags are weak (W/"3"), as meta.version shows them.
  const { etag, ...others } = problem.headers;
  const headers = etag ? { ...others, etag: `W/${etag}` } : others;
  if (problem.status === 422) return new ScimError(400, detail, 'invalidValue', headers);
  if (problem.status === 409 && uniquenessCodes.has(problem.code)) return new ScimError(409, detail, 'uniqueness', headers);
  if (problem.code === 'malformed-json') return new ScimError(400, detail, 'invalidSyntax', headers);
  const scimType = problem.status === 400 ? 'invalidValue' : undefined;
  return new ScimError(problem.status, detail, scimType, headers);
}

export function sendScimError(request: FastifyRequest, reply: FastifyReply, error: FastifyError | Error) {
  let scim: ScimError;
  if (error instanceof ScimError) {
    scim = error;
  } else {
    const problem = problemOf(error);
    if (problem) {
      scim = fromProblem(problem);
    } else {
      request.log.error({ err: error }, 'unhandled error');
      scim = new ScimError(500, `Something went wrong on our side. Quote request id ${String(request.id)}.`);
    }
  }
  if (scim.status < 500) request.log.info({ status: scim.status, scimType: scim.scimType }, 'SCIM request refused');
  return reply.code(scim.status).headers(scim.headers).type('application/scim+json; charset=utf-8').send({
    schemas: [errorSchema],
    status: String(scim.status),
    ...(scim.scimType && { scimType: scim.scimType }),
    detail: scim.detail,
  });
}
