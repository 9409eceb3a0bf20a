import { randomUUID } from 'node:crypto';
import type { FastifyBaseLogger } from 'fastify';
import type { Kysely } from 'kysely';
import type { IdentityProviderCreate, IdentityProviderPatch, ProblemFieldError } from '@lagverk/shared';
import type { DB } from '../db/types.ts';
import { notFound, unprocessable } from '../http/problem.ts';
import { deleteVersioned, updateVersioned } from '../db/versioned.ts';
import { staleVersion } from '../http/preconditions.ts';
import { discoverIssuer, issuerProblem, secretBinding } from './oidc.ts';
import { findProvider } from './repository.ts';
import { sealSecret } from './secret-box.ts';

// The rules of identity providers: an issuer is only saved once its metadata has been
// read, only over HTTPS, and the client secret is sealed before it reaches the database.

export interface SsoSettings {
  /** Where users reach Lagverk; the callback URL is built from it. Unset: the request's own origin. */
  publicUrl?: string | undefined;
  /** Seals client secrets (AES-256-GCM); unset: they are stored as given. */
  secretsKey?: Buffer | undefined;
}

/** Refuses what no provider could work with, listing every field at once. */
function assertUsable(input: { issuer?: string | undefined; scopes?: string | undefined }) {
  const errors: ProblemFieldError[] = [];
  const problem = input.issuer === undefined ? null : issuerProblem(input.issuer);
  if (problem) errors.push({ path: '/body/issuer', message: problem, code: 'insecure-issuer' });
  if (input.scopes !== undefined && !input.scopes.split(' ').includes('openid')) {
    errors.push({ path: '/body/scopes', message: 'must include openid', code: 'openid-required' });
  }
  if (errors.length) throw unprocessable('invalid-identity-provider', 'The identity provider cannot be used as given.', errors);
}

/** The issuer's metadata must be readable now, or nobody could sign in with it (422). */
async function assertDiscoverable(issuer: string, clientId: string, log: FastifyBaseLogger) {
  try {
    await discoverIssuer(issuer, clientId);
  } catch (error) {
    log.info({ issuer, reason: error instanceof Error ? error.message : String(error), event: 'oidc-discovery-failed' }, 'OpenID Connect discovery failed');
    throw unprocessable('issuer-discovery-failed',
      'The issuer\'s OpenID Connect metadata could not be read from <issuer>/.well-known/openid-configuration, or it names another issuer. Check the URL, and that this server can reach it.',
      [{ path: '/body/issuer', message: 'metadata could not be read', code: 'discovery' }]);
  }
}

export async function createProvider(db: Kysely<DB>, settings: SsoSettings, organisationId: string, input: IdentityProviderCreate, log: FastifyBaseLogger) {
  assertUsable(input);
  await assertDiscoverable(input.issuer, input.clientId, log);
  const id = randomUUID();
  const clientSecret = input.clientSecret === undefined ? null : sealSecret(input.clientSecret, settings.secretsKey, secretBinding({ organisation_id: organisationId, id }));
  return db.insertInto('identity_providers')
    .values({
      organisation_id: organisationId,
      id,
      name: input.name,
      issuer: input.issuer,
      client_id: input.clientId,
      client_secret: clientSecret,
      match_by: input.matchBy,
      ...(input.scopes !== undefined && { scopes: input.scopes }),
      ...(input.externalIdClaim !== undefined && { external_id_claim: input.externalIdClaim }),
      ...(input.active !== undefined && { active: input.active }),
    })
    .returningAll()
    .executeTakeFirstOrThrow();
}

export async function patchProvider(
  db: Kysely<DB>, settings: SsoSettings, organisationId: string, id: string, expected: number | null, patch: IdentityProviderPatch, log: FastifyBaseLogger,
) {
  const current = await findProvider(db, organisationId, id);
  if (!current) throw notFound('The identity provider');
  // Stale before anything slow: no point reading the issuer's metadata for a lost edit.
  if (expected !== null && current.version !== expected) throw staleVersion(current.version);
  assertUsable(patch);
  if (patch.issuer !== undefined) await assertDiscoverable(patch.issuer, patch.clientId ?? current.client_id, log);
  const binding = secretBinding({ organisation_id: organisationId, id });
  // The version check makes this safe although discovery ran outside a transaction: a
  // concurrent edit (say, of the issuer) makes this one stale (412).
  return updateVersioned(db, 'identity_providers', organisationId, id, expected, {
    ...(patch.name !== undefined && { name: patch.name }),
    ...(patch.issuer !== undefined && { issuer: patch.issuer }),
    ...(patch.clientId !== undefined && { client_id: patch.clientId }),
    ...(patch.clientSecret !== undefined && { client_secret: patch.clientSecret === null ? null : sealSecret(patch.clientSecret, settings.secretsKey, binding) }),
    ...(patch.scopes !== undefined && { scopes: patch.scopes }),
    ...(patch.matchBy !== undefined && { match_by: patch.matchBy }),
    ...(patch.externalIdClaim !== undefined && { external_id_claim: patch.externalIdClaim }),
    ...(patch.active !== undefined && { active: patch.active }),
  });
}

/** Sign-ins in progress with the provider end with it (their rows cascade). */
export function deleteProvider(db: Kysely<DB>, organisationId: string, id: string, expected: number | null) {
  return deleteVersioned(db, 'identity_providers', organisationId, id, expected);
}
