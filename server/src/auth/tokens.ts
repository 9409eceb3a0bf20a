import { sql, type Kysely } from 'kysely';
import type { Permission } from '@lagverk/shared';
import type { DB } from '../db/types.ts';
import { hashSecret } from './secrets.ts';
import type { Actor } from './actor.ts';

const touchIntervalMs = 60_000;

/** The actor behind a bearer token, or null when it is unknown, revoked or expired. */
export async function actorForToken(db: Kysely<DB>, organisationId: string, secret: string): Promise<Actor | null> {
  const row = await db
    .selectFrom('api_tokens')
    .select(['id', 'name', 'scopes', 'last_used_at'])
    .where('organisation_id', '=', organisationId)
    .where('token_hash', '=', hashSecret(secret))
    .where('revoked_at', 'is', null)
    .where((eb) => eb.or([eb('expires_at', 'is', null), eb('expires_at', '>', sql<Date>`now()`)]))
    .executeTakeFirst();
  if (!row) return null;
  if (!row.last_used_at || Date.now() - new Date(row.last_used_at).getTime() > touchIntervalMs) {
    await db.updateTable('api_tokens').set({ last_used_at: sql`now()` })
      .where('organisation_id', '=', organisationId).where('id', '=', row.id).execute();
  }
  return {
    organisationId,
    via: 'token',
    accountId: null,
    personId: null,
    tokenId: row.id,
    name: row.name,
    roles: [],
    scopes: row.scopes as Permission[],
    session: null,
  };
}
