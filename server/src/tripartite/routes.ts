import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import {
  IdempotencyHeaders, IdParams, IfMatchHeaders, TripartiteAgreement, TripartiteAgreementCreate, TripartiteAgreementPage,
  TripartiteAgreementPatch, TripartiteListQuery, TripartiteVersion, TripartiteVersionCreate, TripartiteVersionParams,
} from '@lagverk/shared';
import type { FastifyReply } from 'fastify';
import type { Kysely } from 'kysely';
import { actorOf } from '../auth/actor.ts';
import type { DB } from '../db/types.ts';
import { notFound } from '../http/problem.ts';
import { ifMatchVersion, setEtag } from '../http/preconditions.ts';
import { json, problemResponses, writeProblems } from '../http/responses.ts';
import { findVersion, listAgreements, loadAgreement, toVersion } from './repository.ts';
import { addVersion, createAgreement, deleteAgreement, patchAgreement } from './service.ts';

// Tripartite agreements: how politicians, administration and union representatives
// cooperate. Everyone reads them (politicians too); the administration and the union and
// safety representatives write them. The text is versioned: a new text is a new version,
// and no version is ever changed.

const tags = ['Tripartite agreements'];

export const tripartiteRoutes: FastifyPluginAsyncTypebox<{ db: Kysely<DB> }> = async (app, { db }) => {
  async function answer(reply: FastifyReply, organisationId: string, id: string) {
    const agreement = await loadAgreement(db, organisationId, id);
    if (!agreement) throw notFound('The tripartite agreement');
    setEtag(reply, agreement.version);
    return agreement;
  }

  app.get('/tripartite-agreements', {
    config: { permission: 'tripartite:read' },
    schema: {
      operationId: 'listTripartiteAgreements', tags, summary: 'List tripartite agreements',
      description: 'Every agreement by title, with the day and parties of its current version. Filter by `status` and by the change process (`processId`) it was made within.',
      querystring: TripartiteListQuery,
      response: { 200: json(TripartiteAgreementPage, 'A page of agreements.'), ...problemResponses() },
    },
  }, async (request) => listAgreements(db, actorOf(request).organisationId, request.query));

  app.post('/tripartite-agreements', {
    config: { permission: 'tripartite:write', idempotent: true },
    schema: {
      operationId: 'createTripartiteAgreement', tags, summary: 'Write a tripartite agreement',
      description: 'Creates the agreement with its text as version 1, written by the signed-in person; a draft unless `status` says otherwise. A change process or meeting that does not exist is a 422 `unknown-reference`; parties without `agreedOn` a 422 `agreed-on-required`. Send `Idempotency-Key` to retry safely.',
      headers: IdempotencyHeaders, body: TripartiteAgreementCreate,
      response: { 201: json(TripartiteAgreement, 'The agreement as saved; `Location` and `ETag` are set.'), ...problemResponses(...writeProblems) },
    },
  }, async (request, reply) => {
    const actor = actorOf(request);
    const id = await createAgreement(db, actor.organisationId, request.body, actor.personId);
    const agreement = await answer(reply, actor.organisationId, id);
    return reply.code(201).header('location', `/api/v1/tripartite-agreements/${id}`).send(agreement);
  });

  app.get('/tripartite-agreements/:id', {
    config: { permission: 'tripartite:read' },
    schema: {
      operationId: 'getTripartiteAgreement', tags, summary: 'Get a tripartite agreement',
      description: "The agreement with its current text, and its history: every version's number, date, parties, author and note, the newest first. Its version is the `ETag`.",
      params: IdParams,
      response: { 200: json(TripartiteAgreement, 'The agreement.'), ...problemResponses(404) },
    },
  }, async (request, reply) => answer(reply, actorOf(request).organisationId, request.params.id));

  app.patch('/tripartite-agreements/:id', {
    config: { permission: 'tripartite:write' },
    schema: {
      operationId: 'updateTripartiteAgreement', tags, summary: 'Edit an agreement\'s title, status or change process',
      description: 'Changes the title, the status (draft, agreed, retired) or the change process; the text changes only by a new version (POST …/versions). Requires `If-Match`.',
      params: IdParams, headers: IfMatchHeaders, body: TripartiteAgreementPatch,
      response: { 200: json(TripartiteAgreement, 'The agreement after the edit.'), ...problemResponses(404, 412, 428, ...writeProblems) },
    },
  }, async (request, reply) => {
    const organisationId = actorOf(request).organisationId;
    await patchAgreement(db, organisationId, request.params.id, ifMatchVersion(request, true)!, request.body);
    return answer(reply, organisationId, request.params.id);
  });

  app.delete('/tripartite-agreements/:id', {
    config: { permission: 'tripartite:write' },
    schema: {
      operationId: 'deleteTripartiteAgreement', tags, summary: 'Remove a draft agreement',
      description: 'Removes a draft that has only its first version, never agreed on (the audit trail keeps it). An agreement with a history, or one agreed (now or in its version 1) or retired, is a 409 `agreement-has-history`: retire it instead. Requires `If-Match`.',
      params: IdParams, headers: IfMatchHeaders,
      response: { 204: { description: 'Removed.', type: 'null' }, ...problemResponses(404, 409, 412, 428) },
    },
  }, async (request, reply) => {
    await deleteAgreement(db, actorOf(request).organisationId, request.params.id, ifMatchVersion(request, true)!);
    return reply.code(204).send(null);
  });

  app.post('/tripartite-agreements/:id/versions', {
    config: { permission: 'tripartite:write' },
    schema: {
      operationId: 'addTripartiteAgreementVersion', tags, summary: 'Write a new version of an agreement',
      description: "Adds a new text, which becomes the current version (numbered one above it), written by the signed-in person. Requires `If-Match` with the agreement's ETag. `basedOn` names the version the text was written from: if someone else added a version since, the answer is a 409 `version-added` (read theirs first); a stale If-Match otherwise is a 412. A retired agreement is a 409 `agreement-retired`.",
      params: IdParams, headers: IfMatchHeaders, body: TripartiteVersionCreate,
      response: { 201: json(TripartiteAgreement, 'The agreement with the new version current; `Location` names the version.'), ...problemResponses(404, 409, 412, 428, ...writeProblems) },
    },
  }, async (request, reply) => {
    const actor = actorOf(request);
    const { id } = request.params;
    await addVersion(db, actor.organisationId, id, ifMatchVersion(request, true)!, request.body, actor.personId);
    const agreement = await answer(reply, actor.organisationId, id);
    return reply.code(201).header('location', `/api/v1/tripartite-agreements/${id}/versions/${agreement.currentVersion}`).send(agreement);
  });

  app.get('/tripartite-agreements/:id/versions/:number', {
    config: { permission: 'tripartite:read' },
    schema: {
      operationId: 'getTripartiteAgreementVersion', tags, summary: 'Get one version of an agreement',
      description: 'The text of version `number` exactly as it was written: a version is never changed.',
      params: TripartiteVersionParams,
      response: { 200: json(TripartiteVersion, 'The version.'), ...problemResponses(404) },
    },
  }, async (request) => {
    const { id, number } = request.params;
    const row = await findVersion(db, actorOf(request).organisationId, id, number);
    if (!row) throw notFound('The version');
    return toVersion(row);
  });
};
