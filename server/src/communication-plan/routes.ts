import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import {
  ChangeMessage, ChangeMessageCreate, ChangeMessageListQuery, ChangeMessagePage, ChangeMessagePatch, CommunicationTimeline,
  CommunicationTimelineQuery, IdempotencyHeaders, IdParams, IfMatchHeaders,
} from '@lagverk/shared';
import type { Kysely } from 'kysely';
import { actorOf } from '../auth/actor.ts';
import type { DB } from '../db/types.ts';
import { notFound } from '../http/problem.ts';
import { ifMatchVersion, setEtag } from '../http/preconditions.ts';
import { json, problemResponses, writeProblems } from '../http/responses.ts';
import { findProcess } from '../change-questions/repository.ts';
import { findMessage, listMessages, timeline, toChangeMessage } from './repository.ts';
import { createMessage, deleteMessage, patchMessage } from './service.ts';

// A change process's communication plan, open to everyone who follows the process
// (changeProcesses:read, politicians too), written by those who run it; and the timeline
// of what was communicated when.

const tags = ['Change processes'];

export const communicationPlanRoutes: FastifyPluginAsyncTypebox<{ db: Kysely<DB> }> = async (app, { db }) => {
  app.get('/change-processes/:id/messages', {
    config: { permission: 'changeProcesses:read' },
    schema: {
      operationId: 'listChangeMessages', tags, summary: "List a change process's communication plan",
      description: 'The messages by planned date. `overdue` marks a message still planned whose date has passed (in Norway). Filter by `status`.',
      params: IdParams, querystring: ChangeMessageListQuery,
      response: { 200: json(ChangeMessagePage, 'A page of the plan.'), ...problemResponses(404) },
    },
  }, async (request) => {
    const { organisationId } = actorOf(request);
    await findProcess(db, organisationId, request.params.id);
    return listMessages(db, organisationId, request.params.id, request.query);
  });

  app.post('/change-processes/:id/messages', {
    config: { permission: 'changeProcesses:write', idempotent: true },
    schema: {
      operationId: 'createChangeMessage', tags, summary: 'Add a message to the communication plan',
      description: 'What will be told, to whom (`audience`), how (`channel`) and when (`plannedOn`); optionally in a phase of the process and with an owner (a person of the organisation; 422 `unknown-reference` otherwise). '
        + 'It is planned unless `status` says otherwise; status done needs `doneOn` (422 `done-needs-date`), and only done takes it (422 `date-needs-done`). Send `Idempotency-Key` to retry safely.',
      params: IdParams, headers: IdempotencyHeaders, body: ChangeMessageCreate,
      response: { 201: json(ChangeMessage, 'The message as saved; `Location` and `ETag` are set.'), ...problemResponses(404, ...writeProblems) },
    },
  }, async (request, reply) => {
    const row = await createMessage(db, actorOf(request).organisationId, request.params.id, request.body);
    setEtag(reply, row.version);
    return reply.code(201).header('location', `/api/v1/change-messages/${row.id}`).send(toChangeMessage(row));
  });

  app.get('/change-processes/:id/communication-timeline', {
    config: { permission: 'changeProcesses:read' },
    schema: {
      operationId: 'getCommunicationTimeline', tags, summary: 'What was communicated when',
      description: 'One list, newest first: messages of the plan that are done (on `doneOn`), answers published (the day they were first answered) and staff meetings held (from the activities, with attendance when recorded). '
        + 'Planned and cancelled messages, open and hidden questions, and meetings still to come are not on it. The newest `limit` entries (100 unless given).',
      params: IdParams, querystring: CommunicationTimelineQuery,
      response: { 200: json(CommunicationTimeline, 'The timeline.'), ...problemResponses(404) },
    },
  }, async (request) => {
    const { organisationId } = actorOf(request);
    await findProcess(db, organisationId, request.params.id);
    return { items: await timeline(db, organisationId, request.params.id, request.query.limit ?? 100), nextCursor: null };
  });

  app.get('/change-messages/:id', {
    config: { permission: 'changeProcesses:read' },
    schema: {
      operationId: 'getChangeMessage', tags, summary: 'Get a message of a communication plan',
      description: 'One message; its version is the `ETag`.',
      params: IdParams,
      response: { 200: json(ChangeMessage, 'The message.'), ...problemResponses(404) },
    },
  }, async (request, reply) => {
    const row = await findMessage(db, actorOf(request).organisationId, request.params.id);
    if (!row) throw notFound('The message');
    setEtag(reply, row.version);
    return toChangeMessage(row);
  });

  app.patch('/change-messages/:id', {
    config: { permission: 'changeProcesses:write' },
    schema: {
      operationId: 'updateChangeMessage', tags, summary: 'Edit a message, or mark it done or cancelled',
      description: 'Changes the fields sent. `status: done` needs `doneOn` (sent now, or kept from before); moving away from done clears `doneOn`. References are checked as on create. Requires `If-Match`.',
      params: IdParams, headers: IfMatchHeaders, body: ChangeMessagePatch,
      response: { 200: json(ChangeMessage, 'The message after the edit.'), ...problemResponses(404, 412, 428, ...writeProblems) },
    },
  }, async (request, reply) => {
    const row = await patchMessage(db, actorOf(request).organisationId, request.params.id, ifMatchVersion(request, true)!, request.body);
    setEtag(reply, row.version);
    return toChangeMessage(row);
  });

  app.delete('/change-messages/:id', {
    config: { permission: 'changeProcesses:write' },
    schema: {
      operationId: 'deleteChangeMessage', tags, summary: 'Remove a message from the communication plan',
      description: 'Removes the message (the audit trail keeps it); to record that it will not happen, mark it cancelled instead. Requires `If-Match`.',
      params: IdParams, headers: IfMatchHeaders,
      response: { 204: { description: 'Removed.', type: 'null' }, ...problemResponses(404, 412, 428) },
    },
  }, async (request, reply) => {
    await deleteMessage(db, actorOf(request).organisationId, request.params.id, ifMatchVersion(request, true)!);
    return reply.code(204).send(null);
  });
};
