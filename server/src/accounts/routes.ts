import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { Kysely } from 'kysely';
import {
  Account, AccountCreate, AccountListQuery, AccountPage, AccountPatch, IdempotencyHeaders, IdParams, IfMatchHeaders, PasswordSet,
} from '@lagverk/shared';
import type { DB } from '../db/types.ts';
import { actorOf } from '../auth/actor.ts';
import { notFound } from '../http/problem.ts';
import { ifMatchVersion, setEtag } from '../http/preconditions.ts';
import { json, problemResponses, writeProblems } from '../http/responses.ts';
import { findAccount, listAccounts, toAccount } from './repository.ts';
import { createAccount, patchAccount, setPassword } from './service.ts';

const tags = ['Accounts'];

export const accountRoutes: FastifyPluginAsyncTypebox<{ db: Kysely<DB> }> = async (app, { db }) => {
  app.get('/accounts', {
    config: { permission: 'accounts:read' },
    schema: {
      operationId: 'listAccounts', tags, summary: 'List accounts',
      description: 'Every account of the organisation, by email. `q` searches the email and the person\'s name; filter by granted `role` and `active`.',
      querystring: AccountListQuery,
      response: { 200: json(AccountPage, 'A page of accounts.'), ...problemResponses() },
    },
  }, async (request) => listAccounts(db, actorOf(request).organisationId, request.query));

  app.post('/accounts', {
    config: { permission: 'accounts:write', idempotent: true },
    schema: {
      operationId: 'createAccount', tags, summary: 'Create an account',
      description: 'Gives a person a way in, with the roles granted. The person must exist and be active (422 `unknown-reference`, `person-inactive`); a person has one account (409 `account-exists`) and an email one account, whatever its case (409 `email-taken`). Without `password` the account cannot sign in with one until it is set; a common password is a 422 `weak-password`. Send `Idempotency-Key` to retry safely.',
      headers: IdempotencyHeaders, body: AccountCreate,
      response: { 201: json(Account, 'The account as created; `Location` and `ETag` are set.'), ...problemResponses(409, ...writeProblems) },
    },
  }, async (request, reply) => {
    const row = await createAccount(db, actorOf(request).organisationId, request.body);
    setEtag(reply, row.version);
    return reply.code(201).header('location', `/api/v1/accounts/${row.id}`).send(toAccount(row));
  });

  app.get('/accounts/:id', {
    config: { permission: 'accounts:read' },
    schema: {
      operationId: 'getAccount', tags, summary: 'Get an account', description: 'One account, with its version as `ETag`.',
      params: IdParams,
      response: { 200: json(Account, 'The account.'), ...problemResponses(404) },
    },
  }, async (request, reply) => {
    const row = await findAccount(db, actorOf(request).organisationId, request.params.id);
    if (!row) throw notFound('The account');
    setEtag(reply, row.version);
    return toAccount(row);
  });

  app.patch('/accounts/:id', {
    config: { permission: 'accounts:write' },
    schema: {
      operationId: 'updateAccount', tags, summary: 'Edit an account',
      description: 'Changes the email, the roles granted or whether the account is active. `active: false` ends every session of the account and revokes every integration token it created, at once. Administrators cannot deactivate their own account or remove their own administrator role (422 `own-account`), so nobody locks the organisation out by accident. An account whose person is inactive stays inactive (422 `person-inactive`). Requires `If-Match`.',
      params: IdParams, headers: IfMatchHeaders, body: AccountPatch,
      response: { 200: json(Account, 'The account after the edit.'), ...problemResponses(404, 409, 412, 428, ...writeProblems) },
    },
  }, async (request, reply) => {
    const row = await patchAccount(db, actorOf(request), request.params.id, ifMatchVersion(request, true), request.body);
    setEtag(reply, row.version);
    return toAccount(row);
  });

  app.post('/accounts/:id/password', {
    config: { permission: 'accounts:write' },
    schema: {
      operationId: 'setAccountPassword', tags, summary: 'Set an account\'s password',
      description: 'Sets a new password, for example for someone who forgot theirs, and ends every session of the account: they sign in again with it. A common password, or the email itself, is a 422 `weak-password`.',
      params: IdParams, body: PasswordSet,
      response: { 204: { description: 'Set; the account\'s sessions have ended.', type: 'null' }, ...problemResponses(404, ...writeProblems) },
    },
  }, async (request, reply) => {
    await setPassword(db, actorOf(request).organisationId, request.params.id, request.body.password);
    return reply.code(204).send(null);
  });
};
