import type { InjectOptions, LightMyRequestResponse } from 'fastify';
import type { Kysely } from 'kysely';
import { buildApp, type App } from '../../src/app.ts';
import type { Database } from '../../src/db/database.ts';
import type { DB } from '../../src/db/types.ts';
import { createOrganisation, openTestDatabase } from './database.ts';
import { as } from './factories.ts';

export interface TestContext {
  app: App;
  db: Kysely<DB>;
  database: Database;
  /** An organisation made for this app; `as(t.organisationId)` acts as it. */
  organisationId: string;
  /** `app.inject` as the organisation's integration, unless the request sends its own authorization. */
  inject(options: InjectOptions): Promise<LightMyRequestResponse>;
  close(): Promise<void>;
}

/**
 * Builds the real app on the test database, with one organisation ready. Requests act
 * as an organisation by sending its integration token: `headers: as(organisationId)`.
 */
export async function createTestApp(options: { bodyLimit?: number; attachmentMaxBytes?: number } = {}): Promise<TestContext> {
  const database = await openTestDatabase();
  const org = await createOrganisation(database.db);
  const app = await buildApp({ database, bodyLimit: options.bodyLimit, attachmentMaxBytes: options.attachmentMaxBytes });
  await app.ready();
  return {
    app,
    db: database.db,
    database,
    organisationId: org.id,
    inject: (options) => app.inject({ ...options, headers: { ...as(org.id), ...options.headers } }),
    async close() {
      await app.close();
      await database.close();
    },
  };
}
