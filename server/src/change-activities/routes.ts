import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import {
  ChangeActivity, ChangeActivityCreate, ChangeActivityListQuery, ChangeActivityPage, ChangeActivityParams, ChangeActivityPatch,
  ChangeActivitySummary, ChangeInterviewListQuery, IdempotencyHeaders, IdParams, IfMatchHeaders,
} from '@lagverk/shared';
import type { FastifyRequest } from 'fastify';
import type { Kysely } from 'kysely';
import { actorOf, grantOf } from '../auth/actor.ts';
import type { DB } from '../db/types.ts';
import { notFound } from '../http/problem.ts';
import { ifMatchVersion, setEtag } from '../http/preconditions.ts';
import { json, problemResponses, writeProblems } from '../http/responses.ts';
import { findActivity, findProcess, listActivities, toActivities, type ActivityReader } from './repository.ts';
import { createActivity, deleteActivity, patchActivity } from './service.ts';
import { activitySummary } from './summary.ts';

// The activities of a change process: site visits, interviews, staff meetings, process
// days and project-group meetings. Everyone following the process reads them (politicians
// too); those who run it (changeProcesses:write) record them. Interview notes go only to
// callers holding changeInterviews:read, on every path that returns an activity.

const tags = ['Change processes'];
const notesRule = 'Interview notes are returned only to callers holding `changeInterviews:read` (an integration token needs that scope too); anyone else gets `notes: null` and `notesHidden: true`.';

function readerOf(request: FastifyRequest): ActivityReader {
  return { seesInterviewNotes: grantOf(actorOf(request), 'changeInterviews:read') !== null };
}

export const changeActivityRoutes: FastifyPluginAsyncTypebox<{ db: Kysely<DB> }> = async (app, { db }) => {
  app.get('/change-processes/:id/activities', {
    config: { permission: 'changeProcesses:read' },
    schema: {
      operationId: 'listChangeActivities', tags, summary: 'List the activities of a change process',
      description: `The activities of the process, the earliest first (by \`heldOn\`). Filter by \`kind\` and \`phaseId\`. A process of another organisation is a 404. ${notesRule}`,
      params: IdParams, querystring: ChangeActivityListQuery,
      response: { 200: json(ChangeActivityPage, 'A page of activities.'), ...problemResponses(404) },
    },
  }, async (request) => {
    const { organisationId } = actorOf(request);
    if (!await findProcess(db, organisationId, request.params.id)) throw notFound('The change process');
    return listActivities(db, organisationId, request.params.id, request.query, readerOf(request));
  });

  app.post('/change-processes/:id/activities', {
    config: { permission: 'changeProcesses:write', idempotent: true },
    schema: {
      operationId: 'createChangeActivity', tags, summary: 'Record an activity of a change process',
      description: 'Records a site visit (at least one unit), an interview, a staff meeting (`attendedCount` at most `invitedCount`, else 422 `attended-exceeds-invited`), a process day or a project-group meeting. `phaseId` must be a phase of the same process (422 `phase-not-in-process`); units and attendees must be the organisation\'s (422 `unknown-reference`). An interview records no person and takes no units: the server gives it the next pseudonym of the process ("I-01", "I-02", …), never one used before. Send `Idempotency-Key` to retry safely.',
      params: IdParams, headers: IdempotencyHeaders, body: ChangeActivityCreate,
      response: { 201: json(ChangeActivity, 'The activity as saved; `Location` and `ETag` are set.'), ...problemResponses(404, ...writeProblems) },
    },
  }, async (request, reply) => {
    const { organisationId } = actorOf(request);
    const row = await createActivity(db, organisationId, request.params.id, request.body);
    setEtag(reply, row.version);
    const [activity] = await toActivities(db, organisationId, [row], readerOf(request));
    return reply.code(201).header('location', `/api/v1/change-activities/${row.id}`).send(activity!);
  });

  app.get('/change-processes/:id/interviews', {
    config: { permission: 'changeInterviews:read' },
    schema: {
      operationId: 'listChangeInterviews', tags, summary: 'List the interviews of a change process, with their notes',
      description: 'The interviews of the process with their pseudonymised notes, the earliest first: for those who run the process (`changeInterviews:read`), for instance to go through the notes or hand them to an analysis tool. Everyone else reads interviews through GET /change-processes/{id}/activities, without notes. Filter by `phaseId`.',
      params: IdParams, querystring: ChangeInterviewListQuery,
      response: { 200: json(ChangeActivityPage, 'A page of interviews.'), ...problemResponses(404) },
    },
  }, async (request) => {
    const { organisationId } = actorOf(request);
    if (!await findProcess(db, organisationId, request.params.id)) throw notFound('The change process');
    return listActivities(db, organisationId, request.params.id, { ...request.query, kind: 'interview' }, { seesInterviewNotes: true });
  });

  app.get('/change-processes/:id/activity-summary', {
    config: { permission: 'changeProcesses:read' },
    schema: {
      operationId: 'getChangeActivitySummary', tags, summary: 'The figures of a change process\'s activities',
      description: 'Activities per kind; every affected unit of the process with whether it has had a site visit; staff meetings\' total invited and attended; interviews per role; and the themes the interviews raised, the most frequent first. No interview notes.',
      params: IdParams,
      response: { 200: json(ChangeActivitySummary, 'The figures.'), ...problemResponses(404) },
    },
  }, async (request) => {
    const { organisationId } = actorOf(request);
    const process = await findProcess(db, organisationId, request.params.id);
    if (!process) throw notFound('The change process');
    return activitySummary(db, organisationId, process);
  });

  app.get('/change-activities/:activityId', {
    config: { permission: 'changeProcesses:read' },
    schema: {
      operationId: 'getChangeActivity', tags, summary: 'Get an activity',
      description: `One activity; its version is the \`ETag\`. ${notesRule}`,
      params: ChangeActivityParams,
      response: { 200: json(ChangeActivity, 'The activity.'), ...problemResponses(404) },
    },
  }, async (request, reply) => {
    const { organisationId } = actorOf(request);
    const row = await findActivity(db, organisationId, request.params.activityId);
    if (!row) throw notFound('The activity');
    setEtag(reply, row.version);
    return (await toActivities(db, organisationId, [row], readerOf(request)))[0];
  });

  app.patch('/change-activities/:activityId', {
    config: { permission: 'changeProcesses:write' },
    schema: {
      operationId: 'updateChangeActivity', tags, summary: 'Edit an activity',
      description: 'Changes the fields sent; within `details`, the fields sent replace those fields and the others stay (so an edit of the themes leaves the notes alone). `kind` must be sent and be the activity\'s own (422 `kind-cannot-change`). An interview keeps its pseudonym. Requires `If-Match`.',
      params: ChangeActivityParams, headers: IfMatchHeaders, body: ChangeActivityPatch,
      response: { 200: json(ChangeActivity, 'The activity after the edit.'), ...problemResponses(404, 412, 428, ...writeProblems) },
    },
  }, async (request, reply) => {
    const { organisationId } = actorOf(request);
    const row = await patchActivity(db, organisationId, request.params.activityId, ifMatchVersion(request, true)!, request.body);
    setEtag(reply, row.version);
    return (await toActivities(db, organisationId, [row], readerOf(request)))[0];
  });

  app.delete('/change-activities/:activityId', {
    config: { permission: 'changeProcesses:write' },
    schema: {
      operationId: 'deleteChangeActivity', tags, summary: 'Remove an activity',
      description: 'Removes the activity (the audit trail keeps it). A removed interview\'s pseudonym is not given again. Requires `If-Match`.',
      params: ChangeActivityParams, headers: IfMatchHeaders,
      response: { 204: { description: 'Removed.', type: 'null' }, ...problemResponses(404, 412, 428) },
    },
  }, async (request, reply) => {
    await deleteActivity(db, actorOf(request).organisationId, request.params.activityId, ifMatchVersion(request, true)!);
    return reply.code(204).send(null);
  });
};
