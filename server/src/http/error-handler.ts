import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Problem } from '@lagverk/shared';
import { HttpProblem } from './problem.ts';
import { fieldErrors } from './validation.ts';

// The one place where errors become RFC 9457 problem+json. A 5xx never shows its
// message: it is a bug, logged with the request id, and the client gets only that id.

const uniqueFields: Record<string, string> = {
  organisations_org_number_key: 'orgNumber',
  units_external_id_key: 'externalId',
  people_external_id_key: 'externalId',
  people_email_key: 'email',
};

interface PgError {
  code?: unknown;
  constraint?: unknown;
}

function isPgError(e: unknown): e is PgError & Error {
  return e instanceof Error && typeof (e as PgError).code === 'string' && /^[0-9A-Z]{5}$/.test((e as PgError).code as string);
}

function fromDatabase(error: PgError & Error): HttpProblem | null {
  const code = error.code as string;
  const constraint = typeof error.constraint === 'string' ? error.constraint : '';
  if (code === '23505') {
    const field = uniqueFields[constraint];
    return new HttpProblem(409, 'duplicate', 'Conflict',
      field ? `Another row in this organisation already has this ${field}.` : 'The row would duplicate another.',
      field ? { errors: [{ path: `/body/${field}`, message: 'is already in use', code: 'unique' }] } : {});
  }
  if (code === '23503') {
    return new HttpProblem(409, 'referenced', 'Conflict', 'The change would break a reference between rows.');
  }
  if (code === '23514' || code === '23502') {
    return new HttpProblem(422, 'constraint', 'Unprocessable request', 'The change breaks a rule of the data model.');
  }
  if (code === '40001' || code === '40P01') {
    return new HttpProblem(409, 'concurrent-change', 'Conflict', 'Another change happened at the same time; try again.');
  }
  if (code.startsWith('22')) {
    return new HttpProblem(400, 'invalid-value', 'Invalid request', 'A value is out of range or malformed.');
  }
  return null;
}

function fromFastify(error: FastifyError): HttpProblem | null {
  if (error.validation) {
    const errors = fieldErrors(error.validation as never, error.validationContext ?? 'body');
    return new HttpProblem(400, 'validation', 'Invalid request',
      `The request has ${errors.length} invalid field${errors.length === 1 ? '' : 's'}.`, { errors });
  }
  const status = error.statusCode ?? 500;
  if (status >= 400 && status < 500) {
    const codes: Record<string, string> = {
      FST_ERR_CTP_INVALID_MEDIA_TYPE: 'unsupported-media-type',
      FST_ERR_CTP_BODY_TOO_LARGE: 'body-too-large',
      FST_ERR_CTP_EMPTY_JSON_BODY: 'empty-body',
      FST_ERR_CTP_INVALID_JSON_BODY: 'malformed-json',
    };
    const byStatus: Record<number, string> = { 403: 'forbidden', 404: 'not-found', 405: 'method-not-allowed' };
    const code = codes[error.code] ?? (error instanceof SyntaxError ? 'malformed-json' : (byStatus[status] ?? 'bad-request'));
    const detail = code === 'malformed-json' ? 'The body is not valid JSON.' : error.message;
    return new HttpProblem(status, code, titleFor(status), detail);
  }
  return null;
}

function titleFor(status: number): string {
  const titles: Record<number, string> = {
    400: 'Invalid request', 401: 'Not authenticated', 403: 'Forbidden', 404: 'Not found',
    405: 'Method not allowed', 409: 'Conflict', 412: 'Precondition failed', 413: 'Body too large',
    415: 'Unsupported media type', 422: 'Unprocessable request', 428: 'Precondition required',
    429: 'Too many requests',
  };
  return titles[status] ?? 'Error';
}

export function sendProblem(request: FastifyRequest, reply: FastifyReply, problem: HttpProblem) {
  const body: Problem = {
    type: `urn:lagverk:problem:${problem.code}`,
    title: problem.title,
    status: problem.status,
    detail: problem.detail,
    instance: request.url.split('?')[0]!.slice(0, 2000),
    code: problem.code,
    requestId: String(request.id),
    ...problem.extras,
  };
  return reply.code(problem.status).headers(problem.headers).type('application/problem+json').send(body);
}

/** What an error means for the caller; null for a bug (a 5xx). SCIM (scim/errors.ts) words the same answers its own way. */
export function problemOf(error: FastifyError | Error): HttpProblem | null {
  if (error instanceof HttpProblem) return error;
  return fromFastify(error as FastifyError) ?? (isPgError(error) ? fromDatabase(error) : null);
}

export function registerErrorHandling(app: FastifyInstance, servePage?: (request: FastifyRequest, reply: FastifyReply) => boolean) {
  app.setErrorHandler((error: FastifyError, request, reply) => {
    const problem = problemOf(error);
    if (problem) {
      request.log.info({ code: problem.code, status: problem.status }, 'request refused');
      return sendProblem(request, reply, problem);
    }
    request.log.error({ err: error }, 'unhandled error');
    return sendProblem(request, reply,
      new HttpProblem(500, 'internal', 'Internal error', `Something went wrong on our side. Quote request id ${String(request.id)}.`));
  });

  app.setNotFoundHandler((request, reply) => {
    if (servePage?.(request, reply)) return reply;
    return sendProblem(request, reply, new HttpProblem(404, 'no-route', 'Not found', `No route ${request.method} ${request.url.split('?')[0]}.`));
  });
}
