import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { FastifyRequest } from 'fastify';
import type { Kysely } from 'kysely';
import QRCode from 'qrcode';
import Type from 'typebox';
import {
  IdempotencyHeaders, IdParams, IfMatchHeaders, MySurveyInvitationList, SurveyRound, SurveyRoundCreate, SurveyRoundListQuery,
  SurveyRoundPage, SurveyRoundPatch,
} from '@lagverk/shared';
import { actorOf } from '../auth/actor.ts';
import type { DB } from '../db/types.ts';
import { conflict, HttpProblem, notFound } from '../http/problem.ts';
import { ifMatchVersion, setEtag } from '../http/preconditions.ts';
import { json, problemResponses, writeProblems } from '../http/responses.ts';
import { openInvitationsOf } from './invitations.ts';
import { findSurveyRound, listSurveyRounds, readSurveyRound } from './repository.ts';
import { closeSurveyRound, createSurveyRound, openSurveyRound, patchSurveyRound, removeSurveyRound } from './rounds.ts';

const tags = ['Surveys'];
const emptyBody = Type.Optional(Type.Object({}, { additionalProperties: false }));
const file = (maxLength: number) => Type.Unsafe<Buffer>({ type: 'string', format: 'binary', maxLength });

/** Where people reach Lagverk: PUBLIC_URL, else the request's own origin. */
const originOf = (request: FastifyRequest, publicUrl: string | undefined) =>
  (publicUrl ?? `${request.protocol}://${request.host}`).replace(/\/+$/, '');

export const surveyRoundRoutes: FastifyPluginAsyncTypebox<{ db: Kysely<DB>; publicUrl?: string | undefined }> = async (app, { db, publicUrl }) => {
  app.get('/survey-rounds', {
    config: { permission: 'surveys:read' },
    schema: {
      operationId: 'listSurveyRounds', tags, summary: 'List survey rounds',
      description: 'Survey rounds, the latest opening first, with how many were invited and how many have answered (never who). Filter by `status`, `templateId` and `kind`; `q` searches the name.',
      querystring: SurveyRoundListQuery,
      response: { 200: json(SurveyRoundPage, 'A page of rounds.'), ...problemResponses() },
    },
  }, async (request) => listSurveyRounds(db, actorOf(request).organisationId, request.query));

  app.post('/survey-rounds', {
    config: { permission: 'surveys:write', idempotent: true },
    schema: {
      operationId: 'createSurveyRound', tags, summary: 'Create a survey round',
      description: 'A draft round: a template put to an audience between `opensAt` and `closesAt`. An employee template goes to `allEmployees`, `units` (with `unitIds`: those units and the ones below) or `teamMembers` (with `teamIds`); a service-user template to `serviceUsers` (a shared link). A follow-up names its `baselineRoundId`, a baseline of the same template. `minRespondents` (at least 3, default 5) and `minTextRespondents` (not below it, default 10) decide which results may be shown. Every fault is listed in one 422 `invalid-round`. Send `Idempotency-Key` to retry safely.',
      headers: IdempotencyHeaders, body: SurveyRoundCreate,
      response: { 201: json(SurveyRound, 'The draft round; `Location` and `ETag` are set.'), ...problemResponses(...writeProblems) },
    },
  }, async (request, reply) => {
    const round = await createSurveyRound(db, actorOf(request).organisationId, request.body);
    setEtag(reply, round.version);
    return reply.code(201).header('location', `/api/v1/survey-rounds/${round.id}`).send(round);
  });

  app.get('/survey-rounds/:id', {
    config: { permission: 'surveys:read' },
    schema: {
      operationId: 'getSurveyRound', tags, summary: 'Get a survey round',
      description: 'One round with its progress: `invitedCount` and `responseCount` only. Who has answered is never shown. Its version is the `ETag`.',
      params: IdParams,
      response: { 200: json(SurveyRound, 'The round.'), ...problemResponses(404) },
    },
  }, async (request, reply) => {
    const round = await readSurveyRound(db, actorOf(request).organisationId, request.params.id);
    if (!round) throw notFound('The survey round');
    setEtag(reply, round.version);
    return round;
  });

  app.patch('/survey-rounds/:id', {
    config: { permission: 'surveys:write' },
    schema: {
      operationId: 'updateSurveyRound', tags, summary: 'Edit a survey round',
      description: 'A draft: any field. An open round: `name` and `closesAt` only (409 `round-not-draft` lists the fixed fields sent). A closed round: `name` only (409 `round-closed`). Requires `If-Match`.',
      params: IdParams, headers: IfMatchHeaders, body: SurveyRoundPatch,
      response: { 200: json(SurveyRound, 'The round after the edit.'), ...problemResponses(404, 409, 412, 428, ...writeProblems) },
    },
  }, async (request, reply) => {
    const round = await patchSurveyRound(db, actorOf(request).organisationId, request.params.id, ifMatchVersion(request, true), request.body);
    setEtag(reply, round.version);
    return round;
  });

  app.delete('/survey-rounds/:id', {
    config: { permission: 'surveys:write' },
    schema: {
      operationId: 'deleteSurveyRound', tags, summary: 'Delete a draft survey round',
      description: 'Deletes a draft round (409 `round-not-draft` once opened; 409 `round-has-follow-ups` while follow-ups name it as their baseline). Requires `If-Match`.',
      params: IdParams, headers: IfMatchHeaders,
      response: { 204: { description: 'Deleted.', type: 'null' }, ...problemResponses(404, 409, 412, 428) },
    },
  }, async (request, reply) => {
    await removeSurveyRound(db, actorOf(request).organisationId, request.params.id, ifMatchVersion(request, true));
    return reply.code(204).send(null);
  });

  app.post('/survey-rounds/:id/open', {
    config: { permission: 'surveys:write' },
    schema: {
      operationId: 'openSurveyRound', tags, summary: 'Open a survey round',
      description: 'Fixes the template (it is locked from now on), the audience and the thresholds, and in the same transaction makes one invitation for each active person in the audience; a service-user round gets its shared link instead. Answers are taken between `opensAt` and `closesAt`. 409 `round-not-draft` when opened before; 422 `template-empty` or `round-window-passed`. `If-Match` is honoured when sent.',
      params: IdParams, headers: IfMatchHeaders, body: emptyBody,
      response: { 200: json(SurveyRound, 'The open round with `invitedCount`.'), ...problemResponses(404, 409, 412, 415, 422) },
    },
  }, async (request, reply) => {
    const round = await openSurveyRound(db, actorOf(request).organisationId, request.params.id, ifMatchVersion(request, false));
    setEtag(reply, round.version);
    return round;
  });

  app.post('/survey-rounds/:id/close', {
    config: { permission: 'surveys:write' },
    schema: {
      operationId: 'closeSurveyRound', tags, summary: 'Close a survey round',
      description: 'Stops answers now, even before `closesAt` (after `closesAt` they are refused anyway). Results can be read from then on. 409 `round-not-open` for a draft or closed round. `If-Match` is honoured when sent.',
      params: IdParams, headers: IfMatchHeaders, body: emptyBody,
      response: { 200: json(SurveyRound, 'The closed round.'), ...problemResponses(404, 409, 412, 415) },
    },
  }, async (request, reply) => {
    const round = await closeSurveyRound(db, actorOf(request).organisationId, request.params.id, ifMatchVersion(request, false));
    setEtag(reply, round.version);
    return round;
  });

  app.get('/survey-rounds/:id/qr.svg', {
    config: { permission: 'surveys:read' },
    schema: {
      operationId: 'getSurveyRoundQrCode', tags, summary: "QR code of a round's shared link",
      description: 'An SVG QR code of the service-user round\'s shared answer link (at PUBLIC_URL, or this server\'s address), to print on posters and cards. 409 `no-shared-link` for a round without one (an employee round, or one not opened yet).',
      params: IdParams,
      response: {
        200: { description: 'The QR code.', content: { 'image/svg+xml': { schema: file(1024 * 1024) } } },
        ...problemResponses(404, 409),
      },
    },
  }, async (request, reply) => {
    const round = await findSurveyRound(db, actorOf(request).organisationId, request.params.id);
    if (!round) throw notFound('The survey round');
    if (!round.public_token) throw conflict('no-shared-link', 'Only an opened service-user round has a shared link.');
    const svg = await QRCode.toString(`${originOf(request, publicUrl)}/svar#${round.public_token}`, { type: 'svg', errorCorrectionLevel: 'M', margin: 2 });
    return reply
      .header('content-type', 'image/svg+xml')
      .header('content-security-policy', "default-src 'none'; style-src 'unsafe-inline'; sandbox")
      .header('cache-control', 'private, no-cache')
      .send(Buffer.from(svg, 'utf8'));
  });

  app.get('/me/survey-invitations', {
    config: { permission: 'authenticated' },
    schema: {
      operationId: 'listMySurveyInvitations', tags, summary: 'My open survey invitations',
      description: 'The open rounds the signed-in person is invited to and has not answered yet, closing soonest first, each with its answer link (`/svar#<token>`). For a signed-in person only (403 `session-required` for an integration token).',
      response: { 200: json(MySurveyInvitationList, 'The open invitations.'), ...problemResponses() },
    },
  }, async (request, reply) => {
    const actor = actorOf(request);
    // The links are personal: no shared cache may keep them.
    reply.header('cache-control', 'no-store');
    if (!actor.session || !actor.personId) {
      throw new HttpProblem(403, 'session-required', 'Forbidden', 'This route is for a signed-in person, not an integration token.');
    }
    const rows = await openInvitationsOf(db, actor.organisationId, actor.personId);
    return {
      items: rows.map((r) => ({
        roundId: r.id, roundName: r.name, opensAt: r.opens_at.toISOString(), closesAt: r.closes_at.toISOString(), link: `/svar#${r.token}`,
      })),
      nextCursor: null,
    };
  });
};
