import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import {
  Arena, ArenaCreate, ArenaListQuery, ArenaPage, ArenaPatch, IdempotencyHeaders, IdParams, IfMatchHeaders, Meeting, MeetingAttendance,
  MeetingCreate, MeetingInvitationList, MeetingInvite, MeetingListQuery, MeetingPage, MeetingPatch,
} from '@lagverk/shared';
import type { Kysely } from 'kysely';
import { actorOf } from '../auth/actor.ts';
import type { DB } from '../db/types.ts';
import { notFound } from '../http/problem.ts';
import { ifMatchVersion, setEtag } from '../http/preconditions.ts';
import { json, problemResponses, writeProblems } from '../http/responses.ts';
import { arenaMeRoutes } from './me-routes.ts';
import { findArena, listArenas, listMeetings, loadMeeting, withMembers } from './repository.ts';
import { createArena, createMeeting, deleteArena, deleteMeeting, invite, patchArena, patchMeeting, recordAttendance } from './service.ts';

// Arenas and their meetings. Everyone reads them, politicians included; administrators,
// the chief executive and HR set them up and minute them (arenas:write).

const tags = ['Arenas'];

export const arenaRoutes: FastifyPluginAsyncTypebox<{ db: Kysely<DB>; publicUrl?: string | undefined }> = async (app, { db, publicUrl }) => {
  await app.register(arenaMeRoutes, { db, publicUrl });

  async function arenaOrThrow(organisationId: string, id: string) {
    const row = await findArena(db, organisationId, id);
    if (!row) throw notFound('The arena');
    return (await withMembers(db, organisationId, [row]))[0]!;
  }
  async function meetingOrThrow(organisationId: string, id: string) {
    const meeting = await loadMeeting(db, organisationId, id);
    if (!meeting) throw notFound('The meeting');
    return meeting;
  }

  app.get('/arenas', {
    config: { permission: 'arenas:read' },
    schema: {
      operationId: 'listArenas', tags, summary: 'List arenas',
      description: 'Arenas with their composition, by name unless `sort` says otherwise. Filter by `type` and `active`; `q` searches name and purpose.',
      querystring: ArenaListQuery,
      response: { 200: json(ArenaPage, 'A page of arenas.'), ...problemResponses() },
    },
  }, async (request) => listArenas(db, actorOf(request).organisationId, request.query));

  app.post('/arenas', {
    config: { permission: 'arenas:write', idempotent: true },
    schema: {
      operationId: 'createArena', tags, summary: 'Create an arena',
      description: 'An arena with its purpose, rhythm and composition (each member with the party they represent; a person once: 422 `duplicate-member`). People and teams that do not exist are a 422 `unknown-reference`. A tripartite workshop whose politicians, administration and union representatives are not equally many is saved, with `balanced: false`. Send `Idempotency-Key` to retry safely.',
      headers: IdempotencyHeaders, body: ArenaCreate,
      response: { 201: json(Arena, 'The arena; `Location` and `ETag` are set.'), ...problemResponses(...writeProblems) },
    },
  }, async (request, reply) => {
    const organisationId = actorOf(request).organisationId;
    const arena = await arenaOrThrow(organisationId, await createArena(db, organisationId, request.body));
    setEtag(reply, arena.version);
    return reply.code(201).header('location', `/api/v1/arenas/${arena.id}`).send(arena);
  });

  app.get('/arenas/:id', {
    config: { permission: 'arenas:read' },
    schema: {
      operationId: 'getArena', tags, summary: 'Get an arena',
      description: 'One arena with its composition and the balance between parties; its version is the `ETag`.',
      params: IdParams,
      response: { 200: json(Arena, 'The arena.'), ...problemResponses(404) },
    },
  }, async (request, reply) => {
    const arena = await arenaOrThrow(actorOf(request).organisationId, request.params.id);
    setEtag(reply, arena.version);
    return arena;
  });

  app.patch('/arenas/:id', {
    config: { permission: 'arenas:write' },
    schema: {
      operationId: 'updateArena', tags, summary: 'Edit an arena',
      description: 'Changes the fields sent; `members` replaces the whole composition. Requires `If-Match`.',
      params: IdParams, headers: IfMatchHeaders, body: ArenaPatch,
      response: { 200: json(Arena, 'The arena after the edit.'), ...problemResponses(404, 412, 428, ...writeProblems) },
    },
  }, async (request, reply) => {
    const organisationId = actorOf(request).organisationId;
    await patchArena(db, organisationId, request.params.id, ifMatchVersion(request, true), request.body);
    const arena = await arenaOrThrow(organisationId, request.params.id);
    setEtag(reply, arena.version);
    return arena;
  });

  app.delete('/arenas/:id', {
    config: { permission: 'arenas:write' },
    schema: {
      operationId: 'deleteArena', tags, summary: 'Remove an arena',
      description: 'Removes an arena that has had no meetings (409 `arena-has-meetings` otherwise: make it inactive, so the minutes stay). Requires `If-Match`.',
      params: IdParams, headers: IfMatchHeaders,
      response: { 204: { description: 'Removed.', type: 'null' }, ...problemResponses(404, 409, 412, 428) },
    },
  }, async (request, reply) => {
    await deleteArena(db, actorOf(request).organisationId, request.params.id, ifMatchVersion(request, true));
    return reply.code(204).send(null);
  });

  app.get('/arena-meetings', {
    config: { permission: 'arenas:read' },
    schema: {
      operationId: 'listArenaMeetings', tags, summary: 'List meetings',
      description: 'Meetings of every arena (or of `arenaId`), by start time. `from` and `to` bound a period, as a calendar shows it: meetings that end after `from` and start before `to`.',
      querystring: MeetingListQuery,
      response: { 200: json(MeetingPage, 'A page of meetings.'), ...problemResponses() },
    },
  }, async (request) => listMeetings(db, actorOf(request).organisationId, request.query));

  app.post('/arenas/:id/meetings', {
    config: { permission: 'arenas:write', idempotent: true },
    schema: {
      operationId: 'createArenaMeeting', tags, summary: 'Plan a meeting',
      description: 'A meeting of the arena with its time, a place or an https video link (422 `place-required` without either), and an agenda (each item optionally with the team that presents it). It ends after it starts (422 `ends-before-start`); an inactive arena plans none (409 `arena-inactive`). Invite people with POST …/invitations. Send `Idempotency-Key` to retry safely.',
      params: IdParams, headers: IdempotencyHeaders, body: MeetingCreate,
      response: { 201: json(Meeting, 'The meeting; `Location` and `ETag` are set.'), ...problemResponses(404, 409, ...writeProblems) },
    },
  }, async (request, reply) => {
    const organisationId = actorOf(request).organisationId;
    const meeting = await meetingOrThrow(organisationId, await createMeeting(db, organisationId, request.params.id, request.body));
    setEtag(reply, meeting.version);
    return reply.code(201).header('location', `/api/v1/arena-meetings/${meeting.id}`).send(meeting);
  });

  app.get('/arena-meetings/:id', {
    config: { permission: 'arenas:read' },
    schema: {
      operationId: 'getArenaMeeting', tags, summary: 'Get a meeting',
      description: 'One meeting with its agenda, minutes, decisions, follow-up items, and the invitations with answers and attendance; its version is the `ETag`.',
      params: IdParams,
      response: { 200: json(Meeting, 'The meeting.'), ...problemResponses(404) },
    },
  }, async (request, reply) => {
    const meeting = await meetingOrThrow(actorOf(request).organisationId, request.params.id);
    setEtag(reply, meeting.version);
    return meeting;
  });

  app.patch('/arena-meetings/:id', {
    config: { permission: 'arenas:write' },
    schema: {
      operationId: 'updateArenaMeeting', tags, summary: 'Edit or minute a meeting',
      description: 'Changes the fields sent: time, place, status (planned, held, cancelled), minutes; `agenda`, `decisions` and `followUpItems` each replace the whole list. Requires `If-Match`.',
      params: IdParams, headers: IfMatchHeaders, body: MeetingPatch,
      response: { 200: json(Meeting, 'The meeting after the edit.'), ...problemResponses(404, 412, 428, ...writeProblems) },
    },
  }, async (request, reply) => {
    const organisationId = actorOf(request).organisationId;
    await patchMeeting(db, organisationId, request.params.id, ifMatchVersion(request, true), request.body);
    const meeting = await meetingOrThrow(organisationId, request.params.id);
    setEtag(reply, meeting.version);
    return meeting;
  });

  app.delete('/arena-meetings/:id', {
    config: { permission: 'arenas:write' },
    schema: {
      operationId: 'deleteArenaMeeting', tags, summary: 'Remove a meeting',
      description: 'Removes a meeting with its parts and invitations (the audit trail keeps them). To call off a meeting people were invited to, set its status to cancelled instead. Requires `If-Match`.',
      params: IdParams, headers: IfMatchHeaders,
      response: { 204: { description: 'Removed.', type: 'null' }, ...problemResponses(404, 412, 428) },
    },
  }, async (request, reply) => {
    await deleteMeeting(db, actorOf(request).organisationId, request.params.id, ifMatchVersion(request, true));
    return reply.code(204).send(null);
  });

  app.post('/arena-meetings/:id/invitations', {
    config: { permission: 'arenas:write', idempotent: true },
    schema: {
      operationId: 'inviteToArenaMeeting', tags, summary: 'Invite to a meeting',
      description: 'Invites the arena\'s members (unless `members: false`) and the people in `personIds`; those already invited keep their answer, and only the newly invited are notified. Not for a cancelled meeting or one that is over (409 `meeting-cancelled`, `meeting-over`); at most 1000 invitations a meeting (422 `too-many-invitations`). Send `Idempotency-Key` to retry safely.',
      params: IdParams, headers: IdempotencyHeaders, body: MeetingInvite,
      response: { 200: json(MeetingInvitationList, 'Every invitation to the meeting.'), ...problemResponses(404, 409, ...writeProblems) },
    },
  }, async (request) => ({ items: await invite(db, actorOf(request).organisationId, request.params.id, request.body), nextCursor: null }));

  app.put('/arena-meetings/:id/attendance', {
    config: { permission: 'arenas:write' },
    schema: {
      operationId: 'recordArenaMeetingAttendance', tags, summary: 'Record attendance',
      description: 'Records who attended, for invited people (422 `not-invited` otherwise), once the meeting has started (409 `meeting-not-started`; 409 `meeting-cancelled`). People not listed keep what was recorded.',
      params: IdParams, body: MeetingAttendance,
      response: { 200: json(MeetingInvitationList, 'Every invitation to the meeting.'), ...problemResponses(404, 409, ...writeProblems) },
    },
  }, async (request) => ({ items: await recordAttendance(db, actorOf(request).organisationId, request.params.id, request.body), nextCursor: null }));
};
