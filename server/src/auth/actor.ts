import type { FastifyRequest } from 'fastify';
import type { Kysely } from 'kysely';
import type { DB } from '../db/types.ts';
import { HttpProblem } from '../http/problem.ts';

/**
 * Who makes a request. Every route reads the organisation from here and nowhere else,
 * so accounts, sessions and tokens (issue 3) replace the resolver without touching routes.
 */
export interface Actor {
  organisationId: string;
  /** How the actor was established; `installation` until accounts exist. */
  via: 'installation' | 'test';
}

export type ActorResolver = (request: FastifyRequest) => Promise<Actor | null>;

/**
 * Until accounts exist the API acts as the organisation created first on this
 * installation. Its id never changes once created, so it is looked up once and kept;
 * that is a cache of an immutable fact, not state another replica would need.
 */
export function installationOrganisation(db: Kysely<DB>): ActorResolver {
  let organisationId: string | undefined;
  return async () => {
    if (!organisationId) {
      const row = await db.selectFrom('organisations').select('id').orderBy('created_at').orderBy('id').limit(1).executeTakeFirst();
      if (!row) {
        throw new HttpProblem(503, 'no-organisation', 'Service unavailable',
          'No organisation exists yet. Create one with `pnpm lagverk org create` or `pnpm lagverk seed demo`.',
          {}, { 'retry-after': '60' });
      }
      organisationId = row.id;
    }
    return { organisationId, via: 'installation' };
  };
}

/**
 * Permissions each route declares in its config. Not enforced per role yet (issue 3
 * brings roles); declared now so the route table is complete when it is.
 */
export type Permission =
  | 'organisation:read' | 'organisation:write'
  | 'units:read' | 'units:write'
  | 'people:read' | 'people:write'
  | 'teams:read' | 'teams:write' | 'teams:decide'
  | 'criteria:read' | 'criteria:write'
  | 'results:read' | 'results:write';

declare module 'fastify' {
  interface FastifyRequest {
    actor: Actor;
  }
  interface FastifyContextConfig {
    permission?: Permission | 'public';
    idempotent?: boolean;
  }
}
