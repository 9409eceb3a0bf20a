import { Problem } from '@lagverk/shared';

const problemDescriptions: Record<number, string> = {
  400: 'Malformed or invalid input; `errors` lists every failing field.',
  401: 'Not authenticated.',
  403: 'Authenticated but not allowed.',
  404: 'Not found, or it belongs to another organisation.',
  409: 'Conflict: a duplicate key, a reference, or an illegal state change.',
  412: 'If-Match names a stale version; `currentVersion` tells the current one.',
  413: 'The body is too large.',
  415: 'The body is not application/json.',
  422: 'Well-formed, but impossible (for example a reference to a missing row).',
  428: 'If-Match is required.',
  503: 'Not ready (for example no organisation exists yet).',
};

/** Problem responses for a route, each as application/problem+json. */
export function problemResponses(...statuses: number[]) {
  const out: Record<number, unknown> = {};
  for (const status of [400, 503, ...statuses]) {
    out[status] = {
      description: problemDescriptions[status] ?? 'Problem details.',
      content: { 'application/problem+json': { schema: Problem } },
    };
  }
  return out;
}

/** Statuses every body-carrying write can answer with. */
export const writeProblems = [413, 415, 422];

export function json<T>(schema: T, description: string) {
  return { description, content: { 'application/json': { schema } } };
}
