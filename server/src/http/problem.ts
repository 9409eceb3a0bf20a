import type { ProblemFieldError } from '@lagverk/shared';

/**
 * An error the API answers with on purpose. The error handler turns it into RFC 9457
 * problem+json; anything else that reaches the handler is a bug and becomes a 500.
 */
export class HttpProblem extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    readonly title: string,
    readonly detail: string,
    readonly extras: { errors?: ProblemFieldError[]; currentVersion?: number; allowed?: string[] } = {},
    readonly headers: Record<string, string> = {},
  ) {
    super(detail);
    this.name = 'HttpProblem';
  }
}

export const notFound = (what: string) =>
  new HttpProblem(404, 'not-found', 'Not found', `${what} was not found.`);

export const conflict = (code: string, detail: string, extras: HttpProblem['extras'] = {}) =>
  new HttpProblem(409, code, 'Conflict', detail, extras);

export const unprocessable = (code: string, detail: string, errors?: ProblemFieldError[]) =>
  new HttpProblem(422, code, 'Unprocessable request', detail, errors ? { errors } : {});

export const badRequest = (code: string, detail: string, errors?: ProblemFieldError[]) =>
  new HttpProblem(400, code, 'Invalid request', detail, errors ? { errors } : {});
