import Fastify from 'fastify';
import pg from 'pg';
import { CompiledQuery, DummyDriver, Kysely, PostgresAdapter, PostgresIntrospector, PostgresQueryCompiler } from 'kysely';
import type { PGlite } from '@electric-sql/pglite';
import { PGliteDialect } from '../src/db/pglite-driver.ts';
import { listPeople } from '../src/people/repository.ts';
import { actorForToken } from '../src/auth/tokens.ts';
import { hashSecret, parseToken } from '../src/auth/secrets.ts';
import { addTeamsRoute, teamsSqlDrift } from './floor-teams.ts';
import { addSurveyResultsRoute } from './floor-survey-results.ts';
import { addDashboardRoute } from './floor-dashboard.ts';
import { addSearchRoute } from './floor-search.ts';

// The floor: the least a server can do to answer GET /api/v1/people?limit=50 (and the team
// catalogue, floor-teams.ts) with the same body, for a caller with the same bearer token. Bare Fastify, no hooks, no validation, no Kysely per request: the SQL the
// real route runs, sent through the same driver, rows mapped by hand.

/** The SQL Kysely compiles for the real route's first page; `assertSameSql` keeps it honest. */
export const listPeopleSql = 'select * from "people" where "organisation_id" = $1 order by "name" asc, "id" asc limit $2';

type Row = Record<string, unknown> & { id: string; name: string; created_at: Date; updated_at: Date };
export type RunQuery = (sql: string, parameters: unknown[]) => Promise<Row[]>;

export function poolQuery(pool: pg.Pool): RunQuery {
  return async (sql, parameters) => (await pool.query<Row>(sql, parameters)).rows;
}

/** Through the app's own PGlite driver, so the floor waits for its turn exactly as the app does. */
export function pgliteQuery(pglite: PGlite): RunQuery {
  const driver = new PGliteDialect(pglite).createDriver();
  return async (sql, parameters) => {
    const connection = await driver.acquireConnection();
    try {
      return (await connection.executeQuery<Row>(CompiledQuery.raw(sql, parameters))).rows;
    } finally {
      await driver.releaseConnection(connection);
    }
  };
}

/** Runs `statements` (settings, without parameters) and then the query in one transaction, as the app's Kysely transaction does. */
export type RunInTransaction = (statements: string[], sql: string, parameters: unknown[]) => Promise<Row[]>;

export function poolTransaction(pool: pg.Pool): RunInTransaction {
  return async (statements, sql, parameters) => {
    const client = await pool.connect();
    try {
      await client.query('begin');
      for (const statement of statements) await client.query(statement);
      const rows = (await client.query<Row>(sql, parameters)).rows;
      await client.query('commit');
      return rows;
    } catch (error) {
      await client.query('rollback');
      throw error;
    } finally {
      client.release();
    }
  };
}

export function pgliteTransaction(pglite: PGlite): RunInTransaction {
  const driver = new PGliteDialect(pglite).createDriver();
  return async (statements, sql, parameters) => {
    const connection = await driver.acquireConnection();
    try {
      await driver.beginTransaction(connection, {});
      for (const statement of statements) await connection.executeQuery(CompiledQuery.raw(statement, []));
      const rows = (await connection.executeQuery<Row>(CompiledQuery.raw(sql, parameters))).rows;
      await driver.commitTransaction(connection);
      return rows;
    } finally {
      await driver.releaseConnection(connection);
    }
  };
}

/** The SQL the app runs to check a bearer token (server/src/auth/tokens.ts). */
export const tokenSql = 'select "id", "name", "scopes", "last_used_at" from "api_tokens" where "organisation_id" = $1 and "token_hash" = $2 and "revoked_at" is null and ("expires_at" is null or "expires_at" > now())';

export function buildFloor(query: RunQuery, organisationId: string, inTransaction: RunInTransaction) {
  const app = Fastify({ logger: false });
  // The least authentication can cost: the same token lookup, nothing else.
  app.addHook('onRequest', async (request, reply) => {
    const match = /^Bearer\s+(\S+)$/i.exec(request.headers.authorization ?? '');
    const parsed = match ? parseToken(match[1]!) : null;
    const rows = parsed ? await query(tokenSql, [parsed.organisationId, hashSecret(parsed.secret)]) : [];
    if (rows.length === 0) return reply.code(401).send({ status: 401 });
  });
  app.get<{ Querystring: { limit?: string } }>('/api/v1/people', async (request) => {
    const limit = Number(request.query.limit ?? 50);
    const rows = await query(listPeopleSql, [organisationId, limit + 1]);
    const items = rows.slice(0, limit);
    const last = items.at(-1);
    const nextCursor = rows.length > limit && last
      ? Buffer.from(JSON.stringify({ s: 'name', v: last.name, id: last.id })).toString('base64url')
      : null;
    return {
      items: items.map((r) => ({
        id: r.id, name: r.name, email: r.email, phone: r.phone, title: r.title, profession: r.profession,
        unitId: r.unit_id, externalId: r.external_id, active: r.active, version: r.version,
        createdAt: r.created_at.toISOString(), updatedAt: r.updated_at.toISOString(),
      })),
      nextCursor,
    };
  });
  addTeamsRoute(app, query, organisationId);
  addSurveyResultsRoute(app, query, inTransaction, organisationId);
  addDashboardRoute(app, query, organisationId);
  addSearchRoute(app, query, organisationId);
  return app;
}

/** Fails when a real route's SQL has changed and the floor was not updated with it. */
export async function assertSameSql() {
  const compiled: CompiledQuery[] = [];
  const capture = new Kysely<any>({
    dialect: {
      createAdapter: () => new PostgresAdapter(),
      createDriver: () => new DummyDriver(),
      createIntrospector: (db) => new PostgresIntrospector(db),
      createQueryCompiler: () => new PostgresQueryCompiler(),
    },
    log: (event) => void compiled.push(event.query),
  });
  await actorForToken(capture, '00000000-0000-4000-8000-000000000000', 'secret');
  if (compiled[0]?.sql !== tokenSql) throw new Error(`The token check's SQL changed; copy it into bench/floor.ts:\n  ${compiled[0]?.sql}`);
  compiled.length = 0;
  await listPeople(capture, '00000000-0000-4000-8000-000000000000', { limit: 50 });
  const actual = compiled.map((q) => q.sql);
  if (actual.length !== 1 || actual[0] !== listPeopleSql) {
    throw new Error(`The people route's SQL changed; copy it into bench/floor.ts:\n  ${actual.join('\n  ')}`);
  }
  compiled.length = 0;
  const teams = await teamsSqlDrift(capture, compiled);
  if (teams.length > 0) throw new Error(`The teams route's SQL changed; copy it into bench/floor-teams.ts:\n  ${teams.join('\n  ')}`);
}
