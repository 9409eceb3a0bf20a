import type { FastifyInstance } from 'fastify';
import { CompiledQuery, Kysely, PostgresAdapter, PostgresIntrospector, PostgresQueryCompiler, type DatabaseConnection, type Driver, type QueryResult } from 'kysely';
import type { DB } from '../src/db/types.ts';
import { buildDashboard } from '../src/dashboard/service.ts';
import type { RunQuery } from './floor.ts';

// The floor's effect dashboard: GET /api/v1/dashboard, answered by the app's own
// buildDashboard (the same SQL, the same suppression, the same figures) through the same
// driver. Unlike the other floors it builds its SQL with Kysely on each request: the trend
// queries name the closed rounds found by the first one. So this floor measures what the
// app's request path (token check, validation, hooks, schema serialisation) adds to the
// dashboard's own work, not Kysely's share of it.

export class RawDriver implements Driver {
  constructor(private readonly query: RunQuery) {}
  async init() {}
  async acquireConnection(): Promise<DatabaseConnection> {
    const query = this.query;
    return {
      async executeQuery<R>(compiled: CompiledQuery): Promise<QueryResult<R>> {
        return { rows: (await query(compiled.sql, [...compiled.parameters])) as R[] };
      },
      // eslint-disable-next-line require-yield
      async *streamQuery() {
        throw new Error('not used by the dashboard');
      },
    };
  }
  async beginTransaction() {}
  async commitTransaction() {}
  async rollbackTransaction() {}
  async releaseConnection() {}
  async destroy() {}
}

export function addDashboardRoute(app: FastifyInstance, query: RunQuery, organisationId: string) {
  const db = new Kysely<DB>({
    dialect: {
      createAdapter: () => new PostgresAdapter(),
      createDriver: () => new RawDriver(query),
      createIntrospector: (kysely) => new PostgresIntrospector(kysely),
      createQueryCompiler: () => new PostgresQueryCompiler(),
    },
  });
  app.get('/api/v1/dashboard', async () => buildDashboard(db, organisationId, {}));
}
