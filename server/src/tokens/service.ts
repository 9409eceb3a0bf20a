import type { Kysely } from 'kysely';
import { tokenScopes, type ApiTokenCreate, type ApiTokenCreated } from '@lagverk/shared';
import type { DB } from '../db/types.ts';
import { badRequest, unprocessable } from '../http/problem.ts';
import { formatToken, hashSecret, newSecret } from '../auth/secrets.ts';
import { findToken, insertToken, toApiToken } from './repository.ts';

// Minting an integration token, for the API and the CLI alike. The secret exists only
// in the answer: the database keeps its hash, so nobody can read a token back later.

const knownScopes = new Set<string>(tokenScopes);

/**
 * Creates a token in `organisationId`. `createdByAccountId` is the administrator's
 * account, or null at the command line. 422 when it would expire in the past.
 */
export async function createToken(
  db: Kysely<DB>, organisationId: string, input: ApiTokenCreate, createdByAccountId: string | null,
): Promise<ApiTokenCreated> {
  // The schema checks this for the API; the CLI reaches here with whatever was typed.
  const unknown = input.scopes.filter((scope) => !knownScopes.has(scope));
  if (unknown.length) {
    throw badRequest('unknown-scope', `Unknown scope ${unknown.join(', ')}. Known scopes: ${tokenScopes.join(', ')}.`,
      [{ path: '/body/scopes', message: 'has an unknown scope', code: 'enum' }]);
  }
  const expiresAt = input.expiresAt ? new Date(input.expiresAt) : null;
  if (expiresAt && !(expiresAt.getTime() > Date.now())) {
    throw unprocessable('expiry-in-past', 'A token must expire in the future (or never).', [
      { path: '/body/expiresAt', message: 'is not in the future', code: 'future' },
    ]);
  }
  const secret = newSecret();
  const token = await db.transaction().execute(async (trx) => {
    const id = await insertToken(trx, {
      organisationId, name: input.name, tokenHash: hashSecret(secret), scopes: [...new Set(input.scopes)], expiresAt, createdByAccountId,
    });
    return findToken(trx, organisationId, id);
  });
  return { token: toApiToken(token!), secret: formatToken(organisationId, secret) };
}
