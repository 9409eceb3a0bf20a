import { PGlite } from '@electric-sql/pglite';
import { readFile } from 'node:fs/promises';
import { inject } from 'vitest';
import { randomInt } from 'node:crypto';
import { tokenScopes } from '@lagverk/shared';
import { formatToken, hashSecret, newSecret } from '../../src/auth/secrets.ts';
import type { Kysely } from 'kysely';
import { openDatabase, type Database } from '../../src/db/database.ts';
import type { DB } from '../../src/db/types.ts';
import { insertOrganisation } from '../../src/organisations/repository.ts';

export const testDatabaseKind = (process.env.TEST_DB ?? 'pglite') as 'pglite' | 'postgres';

/**
 * The migrated database for this test file: the run's PostgreSQL database, or a PGlite
 * loaded from the migrated template. Tests isolate themselves by organisation, which
 * is exactly the isolation the product promises.
 */
export async function openTestDatabase(): Promise<Database> {
  if (testDatabaseKind === 'postgres') {
    const url = inject('databaseUrl');
    if (!url) throw new Error('globalSetup did not provide a PostgreSQL database');
    return openDatabase({ databaseUrl: url, poolMax: 5 });
  }
  const template = inject('pgliteTemplate');
  if (!template) throw new Error('globalSetup did not provide a PGlite template');
  const pglite = new PGlite({ loadDataDir: new Blob([await readFile(template)]) });
  return openDatabase({ pglite, dataDir: 'memory://' });
}

/** A fresh organisation with a random, unused organisation number. */
export async function createOrganisation(db: Kysely<DB>, overrides: { name?: string; writtenStandard?: 'nb' | 'nn' } = {}) {
  const orgNumber = String(randomInt(100_000_000, 999_999_999));
  const organisation = await insertOrganisation(db, { name: overrides.name ?? `Testkommune ${orgNumber}`, orgNumber, writtenStandard: overrides.writtenStandard ?? 'nb' });
  const secret = newSecret();
  await db.insertInto('api_tokens').values({
    organisation_id: organisation.id, name: 'Test integration (every scope)', token_hash: hashSecret(secret), scopes: [...tokenScopes],
  }).execute();
  integrationTokens.set(organisation.id, formatToken(organisation.id, secret));
  return organisation;
}

/**
 * Each test organisation's integration token with every scope: feature tests act
 * through it, over the real bearer-token path. Access rules themselves are tested with
 * accounts and narrower tokens (access-*.test.ts).
 */
const integrationTokens = new Map<string, string>();

/** The bearer token of a test organisation; for an unknown id one that fails (401). */
export function integrationToken(organisationId: string): string {
  return integrationTokens.get(organisationId) ?? formatToken(organisationId, newSecret());
}
