import type { FastifyReply, FastifyRequest } from 'fastify';
import { HttpProblem } from './problem.ts';

// Optimistic concurrency: every mutable row has an integer version, sent as a strong
// ETag ("3"). PATCH and DELETE must say which version they edited.

export const etag = (version: number) => `"${version}"`;

export function setEtag(reply: FastifyReply, version: number) {
  reply.header('etag', etag(version));
}

/** The version named by If-Match; null for `*` or when absent and not required. */
export function ifMatchVersion(request: FastifyRequest, required: boolean): number | null {
  const header = request.headers['if-match'];
  if (header === undefined || header === '') {
    if (required) {
      throw new HttpProblem(428, 'if-match-required', 'Precondition required',
        'Send If-Match with the ETag of the version you edited, so no edit silently overwrites another.');
    }
    return null;
  }
  if (header.trim() === '*') return null;
  const match = /^\s*(?:W\/)?"(\d{1,10})"\s*$/.exec(header);
  if (!match) {
    throw new HttpProblem(400, 'invalid-if-match', 'Invalid request', 'If-Match must be an ETag such as "3".',
      { errors: [{ path: '/headers/if-match', message: 'must be an ETag such as "3"', code: 'format' }] });
  }
  return Number(match[1]);
}

export const staleVersion = (current: number) =>
  new HttpProblem(412, 'stale-version', 'Precondition failed',
    `Someone else changed this since you loaded it; the current version is ${current}. Reload and apply your change again.`,
    { currentVersion: current }, { etag: etag(current) });
