import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import Type from 'typebox';
import { sql, type Kysely } from 'kysely';
import type { DB } from '../db/types.ts';
import { pendingMigrations } from '../db/database.ts';
import { HttpProblem } from '../http/problem.ts';
import { json, problemResponses } from '../http/responses.ts';

const Health = Type.Object({ status: Type.Literal('ok') }, { additionalProperties: false, examples: [{ status: 'ok' }] });
const Ready = Type.Object(
  { status: Type.Literal('ready'), database: Type.Union([Type.Literal('postgres'), Type.Literal('pglite')]) },
  { additionalProperties: false, examples: [{ status: 'ready', database: 'postgres' }] },
);

export const healthRoutes: FastifyPluginAsyncTypebox<{ db: Kysely<DB>; kind: 'postgres' | 'pglite' }> = async (app, { db, kind }) => {
  app.get('/health', {
    config: { permission: 'public' },
    schema: {
      operationId: 'health', tags: ['Operations'], summary: 'Liveness',
      description: 'Answers 200 while the process lives. Does not touch the database.',
      security: [],
      response: { 200: json(Health, 'The process is alive.') },
    },
  }, async () => ({ status: 'ok' as const }));

  app.get('/ready', {
    config: { permission: 'public' },
    schema: {
      operationId: 'ready', tags: ['Operations'], summary: 'Readiness',
      description: 'Answers 200 only when the database is reachable and every migration has run; 503 otherwise.',
      security: [],
      response: { 200: json(Ready, 'Ready to serve.'), ...problemResponses() },
    },
  }, async () => {
    try {
      await sql`select 1`.execute(db);
    } catch {
      throw new HttpProblem(503, 'database-unreachable', 'Service unavailable', 'The database cannot be reached.', {}, { 'retry-after': '5' });
    }
    const pending = await pendingMigrations(db);
    if (pending.length > 0) {
      throw new HttpProblem(503, 'migrations-pending', 'Service unavailable',
        `${pending.length} migration(s) have not run: run \`pnpm lagverk migrate latest\`.`, {}, { 'retry-after': '30' });
    }
    return { status: 'ready' as const, database: kind };
  });
};
