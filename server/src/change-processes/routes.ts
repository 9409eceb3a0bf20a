import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import {
  ChangeProcess, ChangeProcessCreate, ChangeProcessListQuery, ChangeProcessPage, ChangeProcessPatch, IdempotencyHeaders, IdParams, IfMatchHeaders,
} from '@lagverk/shared';
import type { Kysely } from 'kysely';
import { actorOf } from '../auth/actor.ts';
import type { DB } from '../db/types.ts';
import { notFound } from '../http/problem.ts';
import { ifMatchVersion, setEtag } from '../http/preconditions.ts';
import { json, problemResponses, writeProblems } from '../http/responses.ts';
import { listProcesses, loadProcess } from './repository.ts';
import { createProcess, deleteProcess, patchProcess } from './service.ts';

// Change processes (omstilling), run in the open: everyone reads them, politicians
// included; administrators, the chief executive and HR run them (changeProcesses:write).

const tags = ['Change processes'];
const partsRules = 'Each phase ends on or after the day it starts (422 `phase-ends-before-start`); a person is in the project group once (422 `duplicate-member`); people and affected units must be the organisation\'s, and a phase `id` one of this process\'s phases (422 `unknown-reference`).';

export const changeProcessRoutes: FastifyPluginAsyncTypebox<{ db: Kysely<DB> }> = async (app, { db }) => {
  async function processOrThrow(organisationId: string, id: string) {
    const process = await loadProcess(db, organisationId, id);
    if (!process) throw notFound('The change process');
    return process;
  }

  app.get('/change-processes', {
    config: { permission: 'changeProcesses:read' },
    schema: {
      operationId: 'listChangeProcesses', tags, summary: 'List change processes',
      description: 'Every change process of the organisation with its phases, project group and affected units: active ones first, then planned, completed and cancelled, each by title. Filter by `status`.',
      querystring: ChangeProcessListQuery,
      response: { 200: json(ChangeProcessPage, 'A page of change processes.'), ...problemResponses() },
    },
  }, async (request) => listProcesses(db, actorOf(request).organisationId, request.query));

  app.post('/change-processes', {
    config: { permission: 'changeProcesses:write', idempotent: true },
    schema: {
      operationId: 'createChangeProcess', tags, summary: 'Start a change process',
      description: `A process with its mandate, phases, project group and affected units; \`planned\` unless sent as \`active\`. ${partsRules} Send \`Idempotency-Key\` to retry safely.`,
      headers: IdempotencyHeaders, body: ChangeProcessCreate,
      response: { 201: json(ChangeProcess, 'The process; `Location` and `ETag` are set.'), ...problemResponses(...writeProblems) },
    },
  }, async (request, reply) => {
    const organisationId = actorOf(request).organisationId;
    const process = await processOrThrow(organisationId, await createProcess(db, organisationId, request.body));
    setEtag(reply, process.version);
    return reply.code(201).header('location', `/api/v1/change-processes/${process.id}`).send(process);
  });

  app.get('/change-processes/:id', {
    config: { permission: 'changeProcesses:read' },
    schema: {
      operationId: 'getChangeProcess', tags, summary: 'Get a change process',
      description: "One process with its phases (and `currentPhaseId`, the phase today's date in Norway falls in), project group and affected units; its version is the `ETag`.",
      params: IdParams,
      response: { 200: json(ChangeProcess, 'The process.'), ...problemResponses(404) },
    },
  }, async (request, reply) => {
    const process = await processOrThrow(actorOf(request).organisationId, request.params.id);
    setEtag(reply, process.version);
    return process;
  });

  app.patch('/change-processes/:id', {
    config: { permission: 'changeProcesses:write' },
    schema: {
      operationId: 'updateChangeProcess', tags, summary: 'Edit a change process',
      description: `Changes the fields sent. \`phases\` and \`projectGroup\` replace the whole list: a phase sent with its \`id\` keeps it (activities linked to it stay linked), a phase without one is new, and a phase left out is removed (its activities stay in the process, without a phase). \`status\` moves planned → active or cancelled, active → completed or cancelled; any other change is a 409 \`illegal-transition\` whose \`allowed\` lists the statuses possible now. ${partsRules} Requires \`If-Match\`.`,
      params: IdParams, headers: IfMatchHeaders, body: ChangeProcessPatch,
      response: { 200: json(ChangeProcess, 'The process after the edit.'), ...problemResponses(404, 409, 412, 428, ...writeProblems) },
    },
  }, async (request, reply) => {
    const organisationId = actorOf(request).organisationId;
    await patchProcess(db, organisationId, request.params.id, ifMatchVersion(request, true)!, request.body);
    const process = await processOrThrow(organisationId, request.params.id);
    setEtag(reply, process.version);
    return process;
  });

  app.delete('/change-processes/:id', {
    config: { permission: 'changeProcesses:write' },
    schema: {
      operationId: 'deleteChangeProcess', tags, summary: 'Delete a planned change process',
      description: 'Removes a process that has not started, with everything in it (the audit trail keeps it). A process that has started, or one with an organisation chart applied to the unit tree, is kept for the record: 409 `change-process-started` — cancel it instead. Requires `If-Match`.',
      params: IdParams, headers: IfMatchHeaders,
      response: { 204: { description: 'Removed.', type: 'null' }, ...problemResponses(404, 409, 412, 428) },
    },
  }, async (request, reply) => {
    await deleteProcess(db, actorOf(request).organisationId, request.params.id, ifMatchVersion(request, true)!);
    return reply.code(204).send(null);
  });
};
