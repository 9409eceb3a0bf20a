import type { FastifyInstance } from 'fastify';
import { Problem } from '@lagverk/shared';

const problemDescriptions: Record<number, string> = {
  400: 'Malformed or invalid input; `errors` lists every failing field.',
  401: 'Not authenticated.',
  403: 'Authenticated but not allowed: the role lacks the permission (`forbidden`), the resource is outside the role\'s units or teams (`out-of-scope`), or a cookie-authenticated write lacks the CSRF token (`csrf-token-invalid`).',
  404: 'Not found, or it belongs to another organisation.',
  409: 'Conflict: a duplicate key, a reference, or an illegal state change.',
  412: 'If-Match names a stale version; `currentVersion` tells the current one.',
  413: 'The body is too large.',
  414: 'A path segment is too long.',
  415: 'The body is not application/json.',
  422: 'Well-formed, but impossible (for example a reference to a missing row).',
  428: 'If-Match is required.',
  429: 'Too many attempts; `Retry-After` says how many seconds to wait.',
  500: 'A bug on our side; `detail` holds only the request id to quote.',
  503: 'Not ready (for example no organisation exists yet).',
};

// Headers a problem answer carries whatever the route (the OpenAPI document lists them).
const problemHeaders: Record<number, Record<string, unknown>> = {
  429: { 'Retry-After': { type: 'integer', format: 'int32', minimum: 1, maximum: 86_400, description: 'Seconds to wait before trying again.' } },
};

function problemResponse(status: number) {
  return {
    description: problemDescriptions[status] ?? 'Problem details.',
    ...(problemHeaders[status] && { headers: problemHeaders[status] }),
    content: { 'application/problem+json': { schema: Problem } },
  };
}

/** Problem responses for a route, each as application/problem+json. */
export function problemResponses(...statuses: number[]) {
  const out: Record<number, unknown> = {};
  for (const status of [400, 503, ...statuses]) out[status] = problemResponse(status);
  return out;
}

/**
 * Problems that come from the request pipeline, not from a route: any route can hit a bug
 * (500, from the error handler), a path parameter can be too long for the router (414),
 * and a route that needs a permission refuses a caller it cannot identify (401, from the
 * actor hook). Added here so no route can forget them.
 */
export function declarePipelineProblems(app: FastifyInstance) {
  app.addHook('onRoute', (route) => {
    const responses = route.schema?.response as Record<number, unknown> | undefined;
    if (!responses) return;
    responses[500] ??= problemResponse(500);
    // The router refuses an overlong path parameter before the route's schema sees it.
    if (route.url.includes(':')) responses[414] ??= problemResponse(414);
    const permission = route.config?.permission;
    if (permission && permission !== 'public') responses[401] ??= problemResponse(401);
    // A role without the permission, or (for a session) a write without the CSRF token.
    if (permission && permission !== 'public') responses[403] ??= problemResponse(403);
  });
}

/** Statuses every body-carrying write can answer with. */
export const writeProblems = [413, 415, 422];

export function json<T>(schema: T, description: string) {
  return { description, content: { 'application/json': { schema } } };
}
