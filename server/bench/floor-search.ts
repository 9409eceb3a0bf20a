import type { FastifyInstance } from 'fastify';
import { Kysely, PostgresAdapter, PostgresIntrospector, PostgresQueryCompiler } from 'kysely';
import type { DB } from '../src/db/types.ts';
import { searchExperiences } from '../src/experiences/search.ts';
import { RawDriver } from './floor-dashboard.ts';
import type { RunQuery } from './floor.ts';

// The floor's library search: GET /api/v1/experiences?q=…, answered by the app's own
// searchExperiences (the same ranked query, the same headlines and segments) through the
// same driver, after the same token check. So the ratio is what the app's request path
// (validation, access hooks, schema serialisation) adds to the search itself.

export function addSearchRoute(app: FastifyInstance, query: RunQuery, organisationId: string) {
  const db = new Kysely<DB>({
    dialect: {
      createAdapter: () => new PostgresAdapter(),
      createDriver: () => new RawDriver(query),
      createIntrospector: (kysely) => new PostgresIntrospector(kysely),
      createQueryCompiler: () => new PostgresQueryCompiler(),
    },
  });
  app.get<{ Querystring: { q: string; limit?: string } }>('/api/v1/experiences', async (request) =>
    searchExperiences(db, organisationId, { q: request.query.q, limit: Number(request.query.limit ?? 50) }));
}
