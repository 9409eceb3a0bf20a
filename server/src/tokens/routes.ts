import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import Type from 'typebox';
import type { Kysely } from 'kysely';
import { ApiToken, ApiTokenCreate, ApiTokenCreated, ApiTokenList, IdParams } from '@lagverk/shared';
import type { DB } from '../db/types.ts';
import { actorOf } from '../auth/actor.ts';
import { notFound } from '../http/problem.ts';
import { json, problemResponses, writeProblems } from '../http/responses.ts';
import { findToken, listTokens, revokeToken, toApiToken } from './repository.ts';
import { createToken } from './service.ts';

const tags = ['Integration tokens'];

export const tokenRoutes: FastifyPluginAsyncTypebox<{ db: Kysely<DB> }> = async (app, { db }) => {
  app.get('/tokens', {
    config: { permission: 'tokens:read' },
    schema: {
      operationId: 'listApiTokens', tags, summary: 'List integration tokens',
      description: 'Every integration token of the organisation, newest first, revoked and expired ones included. Secrets are never shown again after creation.',
      response: { 200: json(ApiTokenList, 'The tokens.'), ...problemResponses() },
    },
  }, async (request) => ({ items: (await listTokens(db, actorOf(request).organisationId)).map(toApiToken) }));

  app.post('/tokens', {
    // Not idempotent on purpose: a replayed answer would have to be stored with the secret
    // in it. A lost answer means a token no one holds: revoke it and create another.
    config: { permission: 'tokens:write' },
    schema: {
      operationId: 'createApiToken', tags, summary: 'Create an integration token',
      description: 'Mints a bearer token with the scopes given. The secret is in this answer only: store it at once. `expiresAt` must be in the future (422 `expiry-in-past`); leave it out for a token that never expires. Only a signed-in administrator can create tokens (no token carries `tokens:write`). `Idempotency-Key` is not honoured here: the secret is never stored, so it cannot be replayed.',
      body: ApiTokenCreate,
      response: { 201: json(ApiTokenCreated, 'The token and its secret.'), ...problemResponses(...writeProblems) },
    },
  }, async (request, reply) => {
    const actor = actorOf(request);
    const created = await createToken(db, actor.organisationId, request.body, actor.accountId);
    return reply.code(201).send(created);
  });

  app.post('/tokens/:id/revoke', {
    config: { permission: 'tokens:write' },
    schema: {
      operationId: 'revokeApiToken', tags, summary: 'Revoke an integration token',
      description: 'The token stops working at once: its next request is a 401. Revoking it again changes nothing and keeps the first time.',
      params: IdParams,
      body: Type.Optional(Type.Object({}, { additionalProperties: false })),
      response: { 200: json(ApiToken, 'The token, with `revokedAt`.'), ...problemResponses(404, 415) },
    },
  }, async (request) => {
    const { organisationId } = actorOf(request);
    const row = await db.transaction().execute(async (trx) => {
      if (!(await revokeToken(trx, organisationId, request.params.id))) throw notFound('The token');
      return findToken(trx, organisationId, request.params.id);
    });
    return toApiToken(row!);
  });
};
