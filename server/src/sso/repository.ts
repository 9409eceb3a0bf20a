import { sql, type Kysely, type Selectable, type Transaction } from 'kysely';
import type { IdentityProvider } from '@lagverk/shared';
import type { DB, IdentityProvidersTable } from '../db/types.ts';

type Executor = Kysely<DB> | Transaction<DB>;
export type IdentityProviderRow = Selectable<IdentityProvidersTable>;

/** The API's view of a provider: the client secret never leaves the server. */
export function toIdentityProvider(row: IdentityProviderRow, redirectUri: string): IdentityProvider {
  return {
    id: row.id,
    name: row.name,
    issuer: row.issuer,
    clientId: row.client_id,
    hasClientSecret: row.client_secret !== null,
    scopes: row.scopes,
    matchBy: row.match_by,
    externalIdClaim: row.external_id_claim,
    active: row.active,
    redirectUri,
    version: row.version,
    createdAt: row.created_at.toISOString(),
    updatedAt: row.updated_at.toISOString(),
  };
}

export function listProviders(db: Executor, organisationId: string, options: { activeOnly?: boolean } = {}) {
  return db.selectFrom('identity_providers').selectAll()
    .where('organisation_id', '=', organisationId)
    .$if(options.activeOnly === true, (qb) => qb.where('active', '=', true))
    .orderBy('name').orderBy('id')
    .execute();
}

export function findProvider(db: Executor, organisationId: string, id: string) {
  return db.selectFrom('identity_providers').selectAll()
    .where('organisation_id', '=', organisationId).where('id', '=', id)
    .executeTakeFirst();
}

// Sign-ins in progress

export interface NewAttempt {
  organisationId: string;
  state: string;
  providerId: string;
  nonce: string;
  codeVerifier: string;
  browserHash: string;
  returnTo: string;
  lifetimeMinutes: number;
}

export async function saveAttempt(db: Executor, attempt: NewAttempt) {
  // Attempts nobody came back for are swept here, one organisation at a time.
  await db.deleteFrom('sign_in_attempts')
    .where('organisation_id', '=', attempt.organisationId).where('expires_at', '<=', sql<Date>`now()`)
    .execute();
  await db.insertInto('sign_in_attempts').values({
    organisation_id: attempt.organisationId,
    state: attempt.state,
    provider_id: attempt.providerId,
    nonce: attempt.nonce,
    code_verifier: attempt.codeVerifier,
    browser_hash: attempt.browserHash,
    return_to: attempt.returnTo,
    expires_at: sql<Date>`now() + make_interval(mins => ${attempt.lifetimeMinutes})`,
  }).execute();
}

/** Takes the attempt out: whatever happens next, its state cannot be used again. */
export function takeAttempt(db: Executor, organisationId: string, state: string) {
  return db.deleteFrom('sign_in_attempts')
    .where('organisation_id', '=', organisationId).where('state', '=', state)
    .returningAll()
    .returning(sql<boolean>`expires_at > now()`.as('fresh'))
    .executeTakeFirst();
}
