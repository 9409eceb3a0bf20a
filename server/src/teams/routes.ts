import { actorOf, grantOf } from '../auth/actor.ts';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import Type from 'typebox';
import {
  IdempotencyHeaders, IdParams, IfMatchHeaders, Team, TeamCreate, TeamDecision, TeamListQuery, TeamPage, TeamPatch, TeamTimeline, TimelineQuery,
} from '@lagverk/shared';
import type { Kysely } from 'kysely';
import type { DB } from '../db/types.ts';
import { notFound } from '../http/problem.ts';
import { ifMatchVersion, setEtag } from '../http/preconditions.ts';
import { json, problemResponses, writeProblems } from '../http/responses.ts';
import { listTimeline } from './events.ts';
import { transitions, type TeamAction } from './lifecycle.ts';
import { findTeam, listTeams, teamWithExtras } from './repository.ts';
import { createTeam, deleteTeam, patchTeam, transitionTeam } from './service.ts';

const tags = ['Teams'];

const actionDocs: Record<TeamAction, { summary: string; description: string }> = {
  propose: {
    summary: 'Propose a team',
    description: 'draft → proposed. Needs an assessment against a published establishment set with every required criterion answered, at least one participating unit and a current coordinator; otherwise 422 `proposal-incomplete` lists what is missing.',
  },
  approve: {
    summary: 'Approve a proposed team',
    description: 'proposed → approved, with the written reason. Refused with 409 `required-criteria-unmet` while a required criterion is not met.',
  },
  reject: { summary: 'Reject a proposed team', description: 'proposed → rejected, with the written reason. The team can be revised and proposed again.' },
  activate: { summary: 'Start an approved team', description: 'approved → active.' },
  pause: { summary: 'Pause an active team', description: 'active → paused.' },
  resume: { summary: 'Resume a paused team', description: 'paused → active.' },
  conclude: { summary: 'Conclude a team', description: 'active or paused → concluded. A concluded team is read-only.' },
  revise: { summary: 'Revise a rejected team', description: 'rejected → draft, to rework the proposal. The last decision stays on the team and in its timeline.' },
};

const emptyBody = Type.Optional(Type.Object({}, { additionalProperties: false }));

export const teamRoutes: FastifyPluginAsyncTypebox<{ db: Kysely<DB> }> = async (app, { db }) => {
  app.get('/teams', {
    config: { permission: 'teams:read' },
    schema: {
      operationId: 'listTeams', tags, summary: 'List teams',
      description: 'The team catalogue. `q` searches name, purpose and everyday task; filter by status, participating unit, profession or person of a current member, and effect goal. `decidable=true` lists the proposals the caller may approve or reject (the approval inbox).',
      querystring: TeamListQuery,
      response: { 200: json(TeamPage, 'A page of teams.'), ...problemResponses() },
    },
  }, async (request) => {
    const actor = actorOf(request);
    return listTeams(db, actor.organisationId, request.query, { grant: grantOf(actor, 'teams:decide'), personId: actor.personId });
  });

  app.post('/teams', {
    config: { permission: 'teams:create', idempotent: true },
    schema: {
      operationId: 'createTeam', tags, summary: 'Create a team (draft)',
      description: 'Registers a team as a draft. `unitIds` must name active units of the organisation (422 otherwise). Anyone on the staff may propose a team, but most may edit only the teams they coordinate: so a signed-in person without organisation-wide `teams:write` becomes the new team\'s coordinator (a current member, from today), and can then edit it, add members and propose it. Send `Idempotency-Key` to retry safely.',
      headers: IdempotencyHeaders, body: TeamCreate,
      response: { 201: json(Team, 'The team as created; `Location` and `ETag` are set.'), ...problemResponses(409, ...writeProblems) },
    },
  }, async (request, reply) => {
    const actor = actorOf(request);
    const organisationId = actor.organisationId;
    const coordinatorId = grantOf(actor, 'teams:write') === 'all' ? null : actor.personId;
    const row = await createTeam(db, organisationId, request.body, { coordinatorId });
    setEtag(reply, row.version);
    return reply.code(201).header('location', `/api/v1/teams/${row.id}`).send(await teamWithExtras(db, organisationId, row));
  });

  app.get('/teams/:id', {
    config: { permission: 'teams:read' },
    schema: {
      operationId: 'getTeam', tags, summary: 'Get a team', description: 'One team, with its units, current professions and member count; its version is the `ETag`.',
      params: IdParams,
      response: { 200: json(Team, 'The team.'), ...problemResponses(404) },
    },
  }, async (request, reply) => {
    const organisationId = actorOf(request).organisationId;
    const row = await findTeam(db, organisationId, request.params.id);
    if (!row) throw notFound('The team');
    setEtag(reply, row.version);
    return teamWithExtras(db, organisationId, row);
  });

  app.patch('/teams/:id', {
    config: { permission: 'teams:write', scope: 'team' },
    schema: {
      operationId: 'updateTeam', tags, summary: 'Edit a team',
      description: 'Changes the fields sent. Draft and rejected: every field. Approved, active, paused: only the framework conditions (dates, hours, meeting rhythm, budget, other resources). Proposed and concluded: nothing (409 `team-not-editable`). Requires `If-Match`.',
      params: IdParams, headers: IfMatchHeaders, body: TeamPatch,
      response: { 200: json(Team, 'The team after the edit.'), ...problemResponses(404, 409, 412, 428, ...writeProblems) },
    },
  }, async (request, reply) => {
    const organisationId = actorOf(request).organisationId;
    const row = await patchTeam(db, organisationId, request.params.id, ifMatchVersion(request, true), request.body);
    setEtag(reply, row.version);
    return teamWithExtras(db, organisationId, row);
  });

  app.delete('/teams/:id', {
    config: { permission: 'teams:write', scope: 'team' },
    schema: {
      operationId: 'deleteTeam', tags, summary: 'Delete a draft team',
      description: 'Deletes a draft, with its members, assessment and timeline. Any other status is part of the record (409 `team-not-draft`). Requires `If-Match`.',
      params: IdParams, headers: IfMatchHeaders,
      response: { 204: { description: 'Deleted.', type: 'null' }, ...problemResponses(404, 409, 412, 428) },
    },
  }, async (request, reply) => {
    await deleteTeam(db, actorOf(request).organisationId, request.params.id, ifMatchVersion(request, true));
    return reply.code(204).send(null);
  });

  for (const action of Object.keys(transitions) as TeamAction[]) {
    const decides = action === 'approve' || action === 'reject';
    app.post(`/teams/:id/${action}`, {
      config: { permission: decides ? 'teams:decide' : 'teams:write', scope: 'team' },
      schema: {
        operationId: `${action}Team`, tags, ...actionDocs[action],
        description: `${actionDocs[action].description} An illegal transition is a 409 \`illegal-transition\` whose \`allowed\` lists the actions allowed now. \`If-Match\` is honoured when sent.`,
        params: IdParams, headers: IfMatchHeaders,
        body: decides ? TeamDecision : emptyBody,
        response: { 200: json(Team, 'The team after the change.'), ...problemResponses(404, 409, 412, ...writeProblems) },
      },
    }, async (request, reply) => {
      const organisationId = actorOf(request).organisationId;
      const decision = decides ? (request.body as TeamDecision) : undefined;
      const row = await transitionTeam(db, organisationId, request.params.id, ifMatchVersion(request, false), action, decision);
      setEtag(reply, row.version);
      return teamWithExtras(db, organisationId, row);
    });
  }

  app.get('/teams/:id/timeline', {
    config: { permission: 'teams:read' },
    schema: {
      operationId: 'getTeamTimeline', tags, summary: "A team's timeline",
      description: 'Every event of the team, oldest first: created, edited, assessed, each transition with its reason, members added, changed and leaving.',
      params: IdParams, querystring: TimelineQuery,
      response: { 200: json(TeamTimeline, 'A page of events.'), ...problemResponses(404) },
    },
  }, async (request) => {
    const organisationId = actorOf(request).organisationId;
    if (!(await findTeam(db, organisationId, request.params.id))) throw notFound('The team');
    return listTimeline(db, organisationId, request.params.id, request.query);
  });
};
