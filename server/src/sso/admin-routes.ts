import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { Kysely } from 'kysely';
import {
  IdempotencyHeaders, IdentityProvider, IdentityProviderCreate, IdentityProviderList, IdentityProviderPatch, IdParams, IfMatchHeaders,
} from '@lagverk/shared';
import type { DB } from '../db/types.ts';
import { actorOf } from '../auth/actor.ts';
import { notFound } from '../http/problem.ts';
import { ifMatchVersion, setEtag } from '../http/preconditions.ts';
import { json, problemResponses, writeProblems } from '../http/responses.ts';
import { redirectUri } from './flow.ts';
import { findProvider, listProviders, toIdentityProvider } from './repository.ts';
import { createProvider, deleteProvider, patchProvider, type SsoSettings } from './service.ts';

// Administrators configure their organisation's identity providers. Who may do that is
// who may manage accounts: a provider decides who can sign in as whom.

const tags = ['Single sign-on'];

export const identityProviderRoutes: FastifyPluginAsyncTypebox<{ db: Kysely<DB>; sso: SsoSettings }> = async (app, { db, sso }) => {
  app.get('/identity-providers', {
    config: { permission: 'accounts:read' },
    schema: {
      operationId: 'listIdentityProviders', tags, summary: 'List identity providers',
      description: 'The OpenID Connect providers the organisation\'s people can sign in with, by name, inactive ones included. Client secrets are never returned (`hasClientSecret` says whether one is stored).',
      response: { 200: json(IdentityProviderList, 'The identity providers.'), ...problemResponses() },
    },
  }, async (request) => {
    const rows = await listProviders(db, actorOf(request).organisationId);
    return { items: rows.map((row) => toIdentityProvider(row, redirectUri(request, sso))) };
  });

  app.post('/identity-providers', {
    config: { permission: 'accounts:write', idempotent: true },
    schema: {
      operationId: 'createIdentityProvider', tags, summary: 'Add an identity provider',
      description: 'Adds an OpenID Connect provider (Entra ID, Feide or any standard one). Its metadata is read from `<issuer>/.well-known/openid-configuration` first: 422 `issuer-discovery-failed` when it cannot be, 422 `invalid-identity-provider` for a plain-HTTP issuer (allowed only on localhost) or scopes without `openid`. Register the answer\'s `redirectUri` at the provider. Send `Idempotency-Key` to retry safely.',
      headers: IdempotencyHeaders, body: IdentityProviderCreate,
      response: { 201: json(IdentityProvider, 'The provider as saved; `Location` and `ETag` are set.'), ...problemResponses(...writeProblems) },
    },
  }, async (request, reply) => {
    const row = await createProvider(db, sso, actorOf(request).organisationId, request.body, request.log);
    setEtag(reply, row.version);
    return reply.code(201).header('location', `/api/v1/identity-providers/${row.id}`).send(toIdentityProvider(row, redirectUri(request, sso)));
  });

  app.get('/identity-providers/:id', {
    config: { permission: 'accounts:read' },
    schema: {
      operationId: 'getIdentityProvider', tags, summary: 'Get an identity provider', description: 'One identity provider, with its version as `ETag`. The client secret is never returned.',
      params: IdParams,
      response: { 200: json(IdentityProvider, 'The identity provider.'), ...problemResponses(404) },
    },
  }, async (request, reply) => {
    const row = await findProvider(db, actorOf(request).organisationId, request.params.id);
    if (!row) throw notFound('The identity provider');
    setEtag(reply, row.version);
    return toIdentityProvider(row, redirectUri(request, sso));
  });

  app.patch('/identity-providers/:id', {
    config: { permission: 'accounts:write' },
    schema: {
      operationId: 'updateIdentityProvider', tags, summary: 'Edit an identity provider',
      description: 'Changes the fields sent. A new `issuer` is checked by discovery like a new provider (422 `issuer-discovery-failed`). `clientSecret` replaces the stored secret; null removes it. `active: false` takes the provider off the sign-in page and stops sign-ins in progress with it; sessions already started go on. Requires `If-Match`.',
      params: IdParams, headers: IfMatchHeaders, body: IdentityProviderPatch,
      response: { 200: json(IdentityProvider, 'The provider after the edit.'), ...problemResponses(404, 412, 428, ...writeProblems) },
    },
  }, async (request, reply) => {
    const row = await patchProvider(db, sso, actorOf(request).organisationId, request.params.id, ifMatchVersion(request, true), request.body, request.log);
    setEtag(reply, row.version);
    return toIdentityProvider(row, redirectUri(request, sso));
  });

  app.delete('/identity-providers/:id', {
    config: { permission: 'accounts:write' },
    schema: {
      operationId: 'deleteIdentityProvider', tags, summary: 'Remove an identity provider',
      description: 'Removes the provider and any sign-in in progress with it. Accounts and their sessions are untouched. Requires `If-Match`.',
      params: IdParams, headers: IfMatchHeaders,
      response: { 204: { description: 'Removed.', type: 'null' }, ...problemResponses(404, 412, 428) },
    },
  }, async (request, reply) => {
    await deleteProvider(db, actorOf(request).organisationId, request.params.id, ifMatchVersion(request, true));
    return reply.code(204).send(null);
  });
};
