import { actorOf } from '../auth/actor.ts';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import Type from 'typebox';
import { Assessment, AssessmentPut, IdempotencyHeaders, IdParams, IfMatchHeaders, Member, MemberCreate, MemberList, MemberPatch, Uuid } from '@lagverk/shared';
import type { Kysely } from 'kysely';
import type { DB } from '../db/types.ts';
import { notFound } from '../http/problem.ts';
import { ifMatchVersion, setEtag } from '../http/preconditions.ts';
import { json, problemResponses, writeProblems } from '../http/responses.ts';
import { loadAssessment } from './assessment.ts';
import { addMember, patchMember } from './members.ts';
import { findTeam, listMembers, toMember } from './repository.ts';
import { putAssessment } from './service.ts';

// A team's sub-resources: its members (with history) and its establishment assessment.

const tags = ['Teams'];
const MemberParams = Type.Object({ id: Uuid, memberId: Uuid }, { additionalProperties: false });

export const teamMemberRoutes: FastifyPluginAsyncTypebox<{ db: Kysely<DB> }> = async (app, { db }) => {
  async function existingTeam(organisationId: string, id: string) {
    const team = await findTeam(db, organisationId, id);
    if (!team) throw notFound('The team');
    return team;
  }

  app.get('/teams/:id/members', {
    config: { permission: 'teams:read' },
    schema: {
      operationId: 'listTeamMembers', tags, summary: "A team's members",
      description: 'Every membership of the team, current and past (those with `leftOn`), in the order they joined.',
      params: IdParams,
      response: { 200: json(MemberList, 'The memberships.'), ...problemResponses(404) },
    },
  }, async (request) => {
    const organisationId = actorOf(request).organisationId;
    await existingTeam(organisationId, request.params.id);
    return { items: (await listMembers(db, organisationId, request.params.id)).map(toMember), nextCursor: null };
  });

  app.post('/teams/:id/members', {
    config: { permission: 'teams:write', scope: 'team', idempotent: true },
    schema: {
      operationId: 'addTeamMember', tags, summary: 'Add a member',
      description: 'Adds an active person of the organisation (422 if unknown, 409 `person-inactive`) who is not already a current member (409 `already-member`). `joinedOn` defaults to today. A concluded team takes no members (409). Send `Idempotency-Key` to retry safely.',
      params: IdParams, headers: IdempotencyHeaders, body: MemberCreate,
      response: { 201: json(Member, 'The membership as created; `Location` and `ETag` are set.'), ...problemResponses(404, 409, ...writeProblems) },
    },
  }, async (request, reply) => {
    const row = await addMember(db, actorOf(request).organisationId, request.params.id, request.body);
    setEtag(reply, row.version);
    return reply.code(201).header('location', `/api/v1/teams/${request.params.id}/members/${row.id}`).send(toMember(row));
  });

  app.patch('/teams/:id/members/:memberId', {
    config: { permission: 'teams:write', scope: 'team' },
    schema: {
      operationId: 'updateTeamMember', tags, summary: 'Change or end a membership',
      description: 'Changes the role, or ends the membership with `leftOn` (not before `joinedOn`: 422); the membership stays as history. `leftOn: null` reopens it. Requires `If-Match`.',
      params: MemberParams, headers: IfMatchHeaders, body: MemberPatch,
      response: { 200: json(Member, 'The membership after the change.'), ...problemResponses(404, 409, 412, 428, ...writeProblems) },
    },
  }, async (request, reply) => {
    const { id, memberId } = request.params;
    const row = await patchMember(db, actorOf(request).organisationId, id, memberId, ifMatchVersion(request, true), request.body);
    setEtag(reply, row.version);
    return toMember(row);
  });

  app.get('/teams/:id/assessment', {
    config: { permission: 'teams:read' },
    schema: {
      operationId: 'getTeamAssessment', tags, summary: "A team's establishment assessment",
      description: 'The answers against the establishment set the team was assessed with, and the required criteria not met (`unmetRequired`); a proposal with any cannot be approved.',
      params: IdParams,
      response: { 200: json(Assessment, 'The assessment; `criteriaSetId` is null before the first one.'), ...problemResponses(404) },
    },
  }, async (request) => {
    const organisationId = actorOf(request).organisationId;
    const team = await existingTeam(organisationId, request.params.id);
    const { unanswered: _, ...assessment } = await loadAssessment(db, organisationId, team.id, team.establishment_set_id);
    return assessment;
  });

  app.put('/teams/:id/assessment', {
    config: { permission: 'teams:write', scope: 'team' },
    schema: {
      operationId: 'putTeamAssessment', tags, summary: 'Assess a team against the establishment criteria',
      description: 'Replaces every answer. `criteriaSetId` must be a published establishment set, and `answers` must answer each of its criteria once (null for not answered), each fitting its answer type (422 with the path of each bad answer). Only in draft or rejected (409 `team-not-editable`). `If-Match` (the team\'s ETag) is honoured when sent.',
      params: IdParams, headers: IfMatchHeaders, body: AssessmentPut,
      response: { 200: json(Assessment, 'The assessment as stored.'), ...problemResponses(404, 409, 412, ...writeProblems) },
    },
  }, async (request) => {
    const { unanswered: _, ...assessment } = await putAssessment(db, actorOf(request).organisationId, request.params.id, ifMatchVersion(request, false), request.body);
    return assessment;
  });
};
