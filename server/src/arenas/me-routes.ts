import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import Type from 'typebox';
import {
  CalendarFeedCreated, CalendarFeedParams, CalendarFeedStatus, IdParams, MeetingAnswerBody, MyCalendarQuery, MyMeeting, MyMeetingList,
} from '@lagverk/shared';
import type { FastifyRequest } from 'fastify';
import type { Kysely } from 'kysely';
import { actorOf } from '../auth/actor.ts';
import type { DB } from '../db/types.ts';
import { HttpProblem, notFound, unprocessable } from '../http/problem.ts';
import { json, problemResponses, writeProblems } from '../http/responses.ts';
import { createFeed, feedStatus, renderFeed, revokeFeed } from './calendar.ts';
import { instant, meetingsOf } from './repository.ts';
import { answer } from './service.ts';

// The signed-in person's side of the arenas: their invitations and answers, their
// calendar, and the secret feed link a calendar program subscribes to.

const tags = ['Arenas'];
const personal = 'For a signed-in person only (403 `session-required` for an integration token).';
const maxRangeMs = 100 * 24 * 3600 * 1000;

/** The signed-in person; an integration token is not one. */
function me(request: FastifyRequest) {
  const actor = actorOf(request);
  if (!actor.session || !actor.personId) {
    throw new HttpProblem(403, 'session-required', 'Forbidden', 'This route is for a signed-in person, not an integration token.');
  }
  return { organisationId: actor.organisationId, personId: actor.personId };
}

export const arenaMeRoutes: FastifyPluginAsyncTypebox<{ db: Kysely<DB>; publicUrl?: string | undefined }> = async (app, { db, publicUrl }) => {
  app.get('/me/meeting-invitations', {
    config: { permission: 'authenticated' },
    schema: {
      operationId: 'listMyMeetingInvitations', tags, summary: 'My meeting invitations',
      description: `The meetings the signed-in person is invited to that have not ended yet, soonest first, with their answer. ${personal}`,
      response: { 200: json(MyMeetingList, 'The invitations.'), ...problemResponses() },
    },
  }, async (request) => {
    const { organisationId, personId } = me(request);
    return { items: await meetingsOf(db, organisationId, personId, { from: new Date() }), nextCursor: null };
  });

  app.post('/me/meeting-invitations/:id/answer', {
    config: { permission: 'authenticated' },
    schema: {
      operationId: 'answerMeetingInvitation', tags, summary: 'Answer a meeting invitation',
      description: `The signed-in person answers their invitation to the meeting \`id\`: accepted, declined or tentative; answering again changes the answer. 404 when they are not invited; 409 \`meeting-cancelled\` or \`meeting-over\`. ${personal}`,
      params: IdParams, body: MeetingAnswerBody,
      response: { 200: json(MyMeeting, 'The meeting with the answer.'), ...problemResponses(404, 409, ...writeProblems) },
    },
  }, async (request) => {
    const { organisationId, personId } = me(request);
    return answer(db, organisationId, personId, request.params.id, request.body.answer);
  });

  app.get('/me/calendar', {
    config: { permission: 'authenticated' },
    schema: {
      operationId: 'getMyCalendar', tags, summary: 'My meetings in a period',
      description: `The meetings the signed-in person is invited to that end after \`from\` and start before \`to\` (at most 100 days apart: 422 \`range-too-long\`), by start time. ${personal}`,
      querystring: MyCalendarQuery,
      response: { 200: json(MyMeetingList, 'The meetings.'), ...problemResponses(422) },
    },
  }, async (request) => {
    const { organisationId, personId } = me(request);
    const from = instant(request.query.from);
    const to = instant(request.query.to);
    if (!(to.getTime() > from.getTime()) || to.getTime() - from.getTime() > maxRangeMs) {
      throw unprocessable('range-too-long', 'Ask for a period that ends after it starts, of at most 100 days.', [{ path: '/query/to', message: 'must be after from, within 100 days', code: 'range' }]);
    }
    return { items: await meetingsOf(db, organisationId, personId, { from, to }), nextCursor: null };
  });

  app.get('/me/calendar-feed', {
    config: { permission: 'authenticated' },
    schema: {
      operationId: 'getMyCalendarFeed', tags, summary: 'My calendar feed',
      description: `Whether the signed-in person has a calendar feed, and since when. Its link was shown once, when it was made; make a new one to see a link again. ${personal}`,
      response: { 200: json(CalendarFeedStatus, 'The feed\'s state.'), ...problemResponses() },
    },
  }, async (request) => {
    const { organisationId, personId } = me(request);
    return feedStatus(db, organisationId, personId);
  });

  app.post('/me/calendar-feed', {
    config: { permission: 'authenticated' },
    schema: {
      operationId: 'createMyCalendarFeed', tags, summary: 'Make a calendar feed link',
      description: `Makes a secret iCalendar link to the signed-in person's meetings, for a calendar program to subscribe to. Only its hash is stored, so the link is in this answer only; asking again makes a new link and the old one stops working. ${personal}`,
      response: { 201: json(CalendarFeedCreated, 'The feed link.'), ...problemResponses() },
    },
  }, async (request, reply) => {
    const { organisationId, personId } = me(request);
    const feed = await createFeed(db, organisationId, personId);
    const base = publicUrl?.replace(/\/+$/, '');
    return reply.code(201).header('cache-control', 'no-store').send({ ...feed, url: base ? `${base}${feed.path}` : null });
  });

  app.delete('/me/calendar-feed', {
    config: { permission: 'authenticated' },
    schema: {
      operationId: 'deleteMyCalendarFeed', tags, summary: 'Stop the calendar feed',
      description: `Revokes the signed-in person's feed link; calendars subscribed to it get 404 from then on. ${personal}`,
      response: { 204: { description: 'Revoked (or there was none).', type: 'null' }, ...problemResponses() },
    },
  }, async (request, reply) => {
    const { organisationId, personId } = me(request);
    await revokeFeed(db, organisationId, personId);
    return reply.code(204).send(null);
  });

  app.get('/calendar-feeds/:token.ics', {
    config: { permission: 'public' },
    schema: {
      operationId: 'getCalendarFeed', tags, summary: 'A calendar feed (iCalendar)',
      description: 'The meetings of the person whose secret feed link this is, from half a year back, as `text/calendar`; calendar programs poll it without signing in. 404 for a link that is unknown or revoked. The link is a credential: it is kept out of the server\'s log.',
      security: [],
      params: CalendarFeedParams,
      response: {
        // A file a calendar program downloads, documented as binary like the other downloads.
        200: { description: 'The calendar (RFC 5545).', content: { 'text/calendar': { schema: Type.Unsafe<string>({ type: 'string', format: 'binary', maxLength: 10_000_000 }) } } },
        ...problemResponses(404),
      },
    },
  }, async (request, reply) => {
    const body = await renderFeed(db, request.params.token, publicUrl);
    if (body === null) throw notFound('The calendar feed');
    return reply.header('content-type', 'text/calendar; charset=utf-8').header('cache-control', 'private, max-age=300')
      .header('content-disposition', 'inline; filename="lagverk.ics"').send(body);
  });
};
