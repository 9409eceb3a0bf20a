import { actorOf } from '../auth/actor.ts';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import Type from 'typebox';
import {
  CriteriaSet, CriteriaSetCreate, CriteriaSetListQuery, CriteriaSetPage, CriteriaSetPatch, IdempotencyHeaders, IdParams, IfMatchHeaders,
} from '@lagverk/shared';
import type { Kysely } from 'kysely';
import type { DB } from '../db/types.ts';
import { notFound } from '../http/problem.ts';
import { ifMatchVersion, setEtag } from '../http/preconditions.ts';
import { json, problemResponses, writeProblems } from '../http/responses.ts';
import { listCriteriaSets, readCriteriaSet } from './repository.ts';
import { createCriteriaSet, patchCriteriaSet, publishCriteriaSet, removeCriteriaSet, reviseCriteriaSet } from './service.ts';

const tags = ['Criteria'];
const emptyBody = Type.Optional(Type.Object({}, { additionalProperties: false }));

export const criteriaRoutes: FastifyPluginAsyncTypebox<{ db: Kysely<DB> }> = async (app, { db }) => {
  app.get('/criteria-sets', {
    config: { permission: 'criteria:read' },
    schema: {
      operationId: 'listCriteriaSets', tags, summary: 'List criteria sets',
      description: 'Establishment and evaluation criteria sets, every version, newest change first. `q` searches the name; filter by `kind` and `status` (`status=published` gives the sets in use).',
      querystring: CriteriaSetListQuery,
      response: { 200: json(CriteriaSetPage, 'A page of criteria sets, each with its criteria in order.'), ...problemResponses() },
    },
  }, async (request) => listCriteriaSets(db, actorOf(request).organisationId, request.query));

  app.post('/criteria-sets', {
    config: { permission: 'criteria:write', idempotent: true },
    schema: {
      operationId: 'createCriteriaSet', tags, summary: 'Create a criteria set',
      description: 'Creates a draft: version 1 of a new series. Edit it with PATCH, then publish it. A `unit` is only allowed on criteria answered with a number (422). Send `Idempotency-Key` to retry safely.',
      headers: IdempotencyHeaders, body: CriteriaSetCreate,
      response: { 201: json(CriteriaSet, 'The draft as created; `Location` and `ETag` are set.'), ...problemResponses(409, ...writeProblems) },
    },
  }, async (request, reply) => {
    const set = await createCriteriaSet(db, actorOf(request).organisationId, request.body);
    setEtag(reply, set.version);
    return reply.code(201).header('location', `/api/v1/criteria-sets/${set.id}`).send(set);
  });

  app.get('/criteria-sets/:id', {
    config: { permission: 'criteria:read' },
    schema: {
      operationId: 'getCriteriaSet', tags, summary: 'Get a criteria set',
      description: 'One version of a criteria set with its criteria in order, and its row version as `ETag`.',
      params: IdParams,
      response: { 200: json(CriteriaSet, 'The criteria set.'), ...problemResponses(404) },
    },
  }, async (request, reply) => {
    const set = await readCriteriaSet(db, actorOf(request).organisationId, request.params.id);
    if (!set) throw notFound('The criteria set');
    setEtag(reply, set.version);
    return set;
  });

  app.patch('/criteria-sets/:id', {
    config: { permission: 'criteria:write' },
    schema: {
      operationId: 'updateCriteriaSet', tags, summary: 'Edit a draft criteria set',
      description: 'Changes the fields sent; `criteria` replaces the whole ordered list (criteria get new ids). Only a draft can be edited: a published or superseded version is a 409 `criteria-set-not-draft` (revise it instead). Requires `If-Match`.',
      params: IdParams, headers: IfMatchHeaders, body: CriteriaSetPatch,
      response: { 200: json(CriteriaSet, 'The draft after the edit.'), ...problemResponses(404, 409, 412, 428, ...writeProblems) },
    },
  }, async (request, reply) => {
    const expected = ifMatchVersion(request, true);
    const set = await patchCriteriaSet(db, actorOf(request).organisationId, request.params.id, expected, request.body);
    setEtag(reply, set.version);
    return set;
  });

  app.delete('/criteria-sets/:id', {
    config: { permission: 'criteria:write' },
    schema: {
      operationId: 'deleteCriteriaSet', tags, summary: 'Delete a draft criteria set',
      description: 'Deletes a draft. A published or superseded version is kept for the teams and evaluations that used it (409 `criteria-set-not-draft`). Requires `If-Match`.',
      params: IdParams, headers: IfMatchHeaders,
      response: { 204: { description: 'Deleted.', type: 'null' }, ...problemResponses(404, 409, 412, 428) },
    },
  }, async (request, reply) => {
    await removeCriteriaSet(db, actorOf(request).organisationId, request.params.id, ifMatchVersion(request, true));
    return reply.code(204).send(null);
  });

  app.post('/criteria-sets/:id/publish', {
    config: { permission: 'criteria:write' },
    schema: {
      operationId: 'publishCriteriaSet', tags, summary: 'Publish a draft criteria set',
      description: 'Makes the draft the published, immutable version of its series and sets `publishedAt`; the previously published version becomes `superseded`. A set without criteria is a 422 `criteria-set-empty`; a set that is not a draft is a 409. `If-Match` is honoured when sent.',
      params: IdParams, headers: IfMatchHeaders, body: emptyBody,
      response: { 200: json(CriteriaSet, 'The published set.'), ...problemResponses(404, 409, 412, 415, 422) },
    },
  }, async (request, reply) => {
    const set = await publishCriteriaSet(db, actorOf(request).organisationId, request.params.id, ifMatchVersion(request, false));
    setEtag(reply, set.version);
    return set;
  });

  app.post('/criteria-sets/:id/revise', {
    config: { permission: 'criteria:write', idempotent: true },
    schema: {
      operationId: 'reviseCriteriaSet', tags, summary: 'Start the next version of a criteria set',
      description: 'From a published or superseded version, creates the series\' next draft (`versionNumber` one above the highest) with a copy of its criteria. The version it came from is unchanged. A series has at most one draft: 409 `draft-exists` otherwise. Send `Idempotency-Key` to retry safely.',
      params: IdParams, headers: IdempotencyHeaders, body: emptyBody,
      response: { 201: json(CriteriaSet, 'The new draft; `Location` and `ETag` are set.'), ...problemResponses(404, 409, 415, 422) },
    },
  }, async (request, reply) => {
    const set = await reviseCriteriaSet(db, actorOf(request).organisationId, request.params.id);
    setEtag(reply, set.version);
    return reply.code(201).header('location', `/api/v1/criteria-sets/${set.id}`).send(set);
  });
};
