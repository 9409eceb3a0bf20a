import type { Kysely } from 'kysely';
import { buildApp, type App } from '../../src/app.ts';
import type { Database } from '../../src/db/database.ts';
import type { DB } from '../../src/db/types.ts';
import { createOrganisation, openTestDatabase } from './database.ts';

export interface TestContext {
  app: App;
  db: Kysely<DB>;
  database: Database;
  /** The organisation requests act as unless they send `x-test-organisation`. */
  organisationId: string;
  close(): Promise<void>;
}

/**
 * Builds the real app on the test database. Until accounts exist (issue 3), a test
 * picks the calling organisation with the `x-test-organisation` header; the resolver is
 * passed in here and cannot be switched on in a running server.
 */
export async function createTestApp(options: { bodyLimit?: number } = {}): Promise<TestContext> {
  const database = await openTestDatabase();
  const org = await createOrganisation(database.db);
  const app = await buildApp({
    database,
    bodyLimit: options.bodyLimit,
    resolveActor: async (request) => {
      const chosen = request.headers['x-test-organisation'];
      return { organisationId: typeof chosen === 'string' ? chosen : org.id, via: 'test' };
    },
  });
  await app.ready();
  return {
    app,
    db: database.db,
    database,
    organisationId: org.id,
    async close() {
      await app.close();
      await database.close();
    },
  };
}
