import { sql, type Kysely, type Selectable, type Transaction } from 'kysely';
import type { ApiToken } from '@lagverk/shared';
import type { ApiTokensTable, DB } from '../db/types.ts';

type Executor = Kysely<DB> | Transaction<DB>;
export type ApiTokenRow = Omit<Selectable<ApiTokensTable>, 'token_hash'> & { created_by: string | null };

const iso = (value: Date | null) => (value ? new Date(value).toISOString() : null);

export function toApiToken(row: ApiTokenRow): ApiToken {
  return {
    id: row.id,
    name: row.name,
    scopes: row.scopes as ApiToken['scopes'],
    expiresAt: iso(row.expires_at),
    lastUsedAt: iso(row.last_used_at),
    revokedAt: iso(row.revoked_at),
    createdAt: new Date(row.created_at).toISOString(),
    createdBy: row.created_by,
  };
}

/** Tokens with the name of the person whose account made them (null: made at the command line). The hash never leaves. */
function tokensWithCreator(db: Executor, organisationId: string) {
  return db
    .selectFrom('api_tokens as t')
    .leftJoin('accounts as a', (j) => j.onRef('a.organisation_id', '=', 't.organisation_id').onRef('a.id', '=', 't.created_by_account_id'))
    .leftJoin('people as p', (j) => j.onRef('p.organisation_id', '=', 'a.organisation_id').onRef('p.id', '=', 'a.person_id'))
    .select([
      't.organisation_id', 't.id', 't.name', 't.scopes', 't.expires_at', 't.last_used_at', 't.revoked_at',
      't.created_by_account_id', 't.created_at', 'p.name as created_by',
    ])
    .where('t.organisation_id', '=', organisationId);
}

/** Every token of the organisation, newest first (an organisation has a handful, so no paging). */
export function listTokens(db: Executor, organisationId: string): Promise<ApiTokenRow[]> {
  return tokensWithCreator(db, organisationId).orderBy('t.created_at', 'desc').orderBy('t.id', 'desc').limit(10_000).execute();
}

export function findToken(db: Executor, organisationId: string, id: string): Promise<ApiTokenRow | undefined> {
  return tokensWithCreator(db, organisationId).where('t.id', '=', id).executeTakeFirst();
}

export async function insertToken(
  db: Executor,
  values: { organisationId: string; name: string; tokenHash: string; scopes: string[]; expiresAt: Date | null; createdByAccountId: string | null },
): Promise<string> {
  const row = await db.insertInto('api_tokens').values({
    organisation_id: values.organisationId,
    name: values.name,
    token_hash: values.tokenHash,
    scopes: values.scopes,
    expires_at: values.expiresAt,
    created_by_account_id: values.createdByAccountId,
  }).returning('id').executeTakeFirstOrThrow();
  return row.id;
}

/** Marks the token revoked; a second revocation keeps the first time. False when there is no such token. */
export async function revokeToken(db: Executor, organisationId: string, id: string): Promise<boolean> {
  const result = await db.updateTable('api_tokens')
    .set({ revoked_at: sql`coalesce(revoked_at, now())` })
    .where('organisation_id', '=', organisationId).where('id', '=', id)
    .executeTakeFirst();
  return result.numUpdatedRows > 0n;
}
