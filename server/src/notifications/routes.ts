import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { FastifyRequest } from 'fastify';
import type { Kysely } from 'kysely';
import Type from 'typebox';
import {
  IfMatchHeaders, Notification, NotificationListQuery, NotificationPage, NotificationParams, NotificationPreferences,
  NotificationPreferencesUpdate, NotificationReadAllResult,
} from '@lagverk/shared';
import { actorOf } from '../auth/actor.ts';
import type { DB } from '../db/types.ts';
import { HttpProblem } from '../http/problem.ts';
import { ifMatchVersion, setEtag } from '../http/preconditions.ts';
import { json, problemResponses, writeProblems } from '../http/responses.ts';
import { enableEmail } from './notify.ts';
import { getPreferences, listNotifications, markAllRead, markRead, updatePreferences, type Me } from './repository.ts';
import { startNotificationWorker, type NotificationWorkerOptions } from './worker.ts';

// The signed-in person's notifications and choices, under /me. An integration token has
// no inbox: these answer it 403 `session-required`.

const tags = ['Notifications'];
const emptyBody = Type.Optional(Type.Object({}, { additionalProperties: false }));
const onlyMine = 'For a signed-in person only (403 `session-required` for an integration token).';

export interface NotificationOptions extends NotificationWorkerOptions {
  /** PUBLIC_URL: the emails' links start with it. */
  publicUrl: string;
  /** Run the sender loop in this process (the server does; tests drain by hand). */
  worker?: boolean;
}

function me(request: FastifyRequest): Me {
  const actor = actorOf(request);
  if (!actor.session || !actor.personId) {
    throw new HttpProblem(403, 'session-required', 'Forbidden', 'This route is for a signed-in person, not an integration token.');
  }
  return { organisationId: actor.organisationId, personId: actor.personId };
}

export const notificationRoutes: FastifyPluginAsyncTypebox<{ db: Kysely<DB>; email?: NotificationOptions | undefined }> = async (app, { db, email }) => {
  // Email is on only with SMTP configured; without it notify() writes no outbox rows.
  enableEmail(email ? { publicUrl: email.publicUrl } : null);
  if (email && email.worker !== false) {
    const worker = startNotificationWorker(db, email, app.log);
    app.addHook('onClose', async () => worker.stop());
  }

  app.get('/me/notifications', {
    config: { permission: 'authenticated' },
    schema: {
      operationId: 'listMyNotifications', tags, summary: 'My notifications',
      description: `The signed-in person's notifications, newest first, with how many are unread in all. \`unread=true\` lists only the unread ones. ${onlyMine}`,
      querystring: NotificationListQuery,
      response: { 200: json(NotificationPage, 'A page of notifications and the unread count.'), ...problemResponses() },
    },
  }, async (request, reply) => {
    reply.header('cache-control', 'no-store');
    return listNotifications(db, me(request), request.query);
  });

  app.post('/me/notifications/read-all', {
    config: { permission: 'authenticated' },
    schema: {
      operationId: 'markAllMyNotificationsRead', tags, summary: 'Mark all my notifications read',
      description: `Marks every unread notification of the signed-in person read. Running it again changes nothing. ${onlyMine}`,
      body: emptyBody,
      response: { 200: json(NotificationReadAllResult, 'How many were marked, and the unread count now (0).'), ...problemResponses(...writeProblems) },
    },
  }, async (request) => markAllRead(db, me(request)));

  app.post('/me/notifications/:id/read', {
    config: { permission: 'authenticated' },
    schema: {
      operationId: 'markMyNotificationRead', tags, summary: 'Mark a notification read',
      description: `Marks one of the signed-in person's notifications read; marking it again keeps the first time. Another person's notification is a 404. ${onlyMine}`,
      params: NotificationParams, body: emptyBody,
      response: { 200: json(Notification, 'The notification, read.'), ...problemResponses(404, ...writeProblems) },
    },
  }, async (request) => markRead(db, me(request), request.params.id));

  app.get('/me/notification-preferences', {
    config: { permission: 'authenticated' },
    schema: {
      operationId: 'getMyNotificationPreferences', tags, summary: 'My notification choices',
      description: `For each kind of notification, whether it reaches the signed-in person in the app and by email, the emails' language, and the address they go to (from the people register). Until changed: everything in the app and by email, in bokmål. Its version is the \`ETag\`. ${onlyMine}`,
      response: { 200: json(NotificationPreferences, 'The choices.'), ...problemResponses() },
    },
  }, async (request, reply) => {
    const prefs = await getPreferences(db, me(request));
    setEtag(reply, prefs.version);
    return prefs;
  });

  app.put('/me/notification-preferences', {
    config: { permission: 'authenticated' },
    schema: {
      operationId: 'updateMyNotificationPreferences', tags, summary: 'Change my notification choices',
      description: `Changes the kinds sent (the others keep their choice) and the emails' language. \`If-Match\` is honoured when sent (412 when stale). ${onlyMine}`,
      headers: IfMatchHeaders, body: NotificationPreferencesUpdate,
      response: { 200: json(NotificationPreferences, 'The choices after the change; `ETag` is set.'), ...problemResponses(412, ...writeProblems) },
    },
  }, async (request, reply) => {
    const prefs = await updatePreferences(db, me(request), ifMatchVersion(request, false), request.body);
    setEtag(reply, prefs.version);
    return prefs;
  });
};
