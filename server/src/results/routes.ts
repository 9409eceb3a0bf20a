import { actorOf } from '../auth/actor.ts';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import {
  IdempotencyHeaders, IdParams, IfMatchHeaders, TeamResult, TeamResultCreate, TeamResultListQuery, TeamResultPage, TeamResultParams, TeamResultPatch,
} from '@lagverk/shared';
import type { Kysely } from 'kysely';
import type { DB } from '../db/types.ts';
import { notFound } from '../http/problem.ts';
import { ifMatchVersion, setEtag } from '../http/preconditions.ts';
import { json, problemResponses, writeProblems } from '../http/responses.ts';
import { findTeam } from '../teams/repository.ts';
import { findResult, listResults, toResult } from './repository.ts';
import { createResult, deleteResult, patchResult } from './service.ts';

// A team's results: what it changed (intake, interviews, training plans …), with before
// and after measures and links to the evidence.

const tags = ['Results'];

export const resultRoutes: FastifyPluginAsyncTypebox<{ db: Kysely<DB> }> = async (app, { db }) => {
  app.get('/teams/:id/results', {
    config: { permission: 'results:read' },
    schema: {
      operationId: 'listTeamResults', tags, summary: "A team's results",
      description: 'The results of the team, newest first (by `achievedOn`, then id); filter by `category`.',
      params: IdParams, querystring: TeamResultListQuery,
      response: { 200: json(TeamResultPage, 'A page of results.'), ...problemResponses(404) },
    },
  }, async (request) => {
    const organisationId = actorOf(request).organisationId;
    if (!(await findTeam(db, organisationId, request.params.id))) throw notFound('The team');
    return listResults(db, organisationId, request.params.id, request.query);
  });

  app.post('/teams/:id/results', {
    config: { permission: 'results:write', scope: 'team', idempotent: true },
    schema: {
      operationId: 'addTeamResult', tags, summary: 'Record a result',
      description: 'Records a concrete change the team made. Only a team that has started (approved, active, paused or concluded) has results; a draft, proposed or rejected team answers 409 `team-not-started`. Adds `result.added` to the team\'s timeline. Send `Idempotency-Key` to retry safely.',
      params: IdParams, headers: IdempotencyHeaders, body: TeamResultCreate,
      response: { 201: json(TeamResult, 'The result as recorded; `Location` and `ETag` are set.'), ...problemResponses(404, 409, ...writeProblems) },
    },
  }, async (request, reply) => {
    const row = await createResult(db, actorOf(request).organisationId, request.params.id, request.body);
    setEtag(reply, row.version);
    return reply.code(201).header('location', `/api/v1/teams/${row.team_id}/results/${row.id}`).send(toResult(row));
  });

  app.get('/teams/:id/results/:resultId', {
    config: { permission: 'results:read' },
    schema: {
      operationId: 'getTeamResult', tags, summary: 'Get a result', description: 'One result of the team; its version is the `ETag`.',
      params: TeamResultParams,
      response: { 200: json(TeamResult, 'The result.'), ...problemResponses(404) },
    },
  }, async (request, reply) => {
    const row = await findResult(db, actorOf(request).organisationId, request.params.id, request.params.resultId);
    if (!row) throw notFound('The result');
    setEtag(reply, row.version);
    return toResult(row);
  });

  app.patch('/teams/:id/results/:resultId', {
    config: { permission: 'results:write', scope: 'team' },
    schema: {
      operationId: 'updateTeamResult', tags, summary: 'Edit a result',
      description: 'Changes the fields sent; `measures` and `links` are replaced as a whole. Adds `result.changed` to the team\'s timeline. Requires `If-Match`.',
      params: TeamResultParams, headers: IfMatchHeaders, body: TeamResultPatch,
      response: { 200: json(TeamResult, 'The result after the edit.'), ...problemResponses(404, 412, 428, ...writeProblems) },
    },
  }, async (request, reply) => {
    const { id, resultId } = request.params;
    const row = await patchResult(db, actorOf(request).organisationId, id, resultId, ifMatchVersion(request, true), request.body);
    setEtag(reply, row.version);
    return toResult(row);
  });

  app.delete('/teams/:id/results/:resultId', {
    config: { permission: 'results:write', scope: 'team' },
    schema: {
      operationId: 'deleteTeamResult', tags, summary: 'Remove a result',
      description: 'Removes a result recorded by mistake; the team\'s timeline keeps a `result.removed` event with its title. Requires `If-Match`.',
      params: TeamResultParams, headers: IfMatchHeaders,
      response: { 204: { description: 'Removed.', type: 'null' }, ...problemResponses(404, 412, 428) },
    },
  }, async (request, reply) => {
    const { id, resultId } = request.params;
    await deleteResult(db, actorOf(request).organisationId, id, resultId, ifMatchVersion(request, true));
    return reply.code(204).send(null);
  });
};
