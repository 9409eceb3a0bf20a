import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { FastifyRequest } from 'fastify';
import { sql, type Kysely } from 'kysely';
import {
  CurrentSession, IdParams, PasswordChange, permissions, SessionList, SignIn, SignInOrganisationList,
  type CurrentSession as CurrentSessionType, type GrantableRole, type PermissionGrants,
} from '@lagverk/shared';
import type { DB } from '../db/types.ts';
import type { SessionSettings } from '../config.ts';
import { HttpProblem, notFound, unprocessable } from '../http/problem.ts';
import { json, problemResponses, writeProblems } from '../http/responses.ts';
import { recordAuditEvent } from '../audit/record.ts';
import { actorOf, grantOf, type Actor } from './actor.ts';
import { auditActorOf, clearSessionCookie } from './access.ts';
import { assertAcceptablePassword, hashPassword, verifyPassword } from './passwords.ts';
import { actorForSession, endSession, endSessionsOf, listSessions } from './sessions.ts';
import { countAttempt, uncount } from './rate-limit.ts';
import { endPreviousSession, passwordGuesses, setSignedInCookie, signIn, tooManyAttempts } from './sign-in.ts';

const tags = ['Sign-in and sessions'];

/** The routes here act on the caller's own session; a token has none. */
function sessionActor(request: FastifyRequest): Actor & { session: NonNullable<Actor['session']>; accountId: string } {
  const actor = actorOf(request);
  if (!actor.session || !actor.accountId) {
    throw new HttpProblem(403, 'session-required', 'Forbidden', 'This route is for a signed-in person, not an integration token.');
  }
  return actor as Actor & { session: NonNullable<Actor['session']>; accountId: string };
}

export const authRoutes: FastifyPluginAsyncTypebox<{ db: Kysely<DB>; settings: SessionSettings }> = async (app, { db, settings }) => {
  app.get('/auth/organisations', {
    config: { permission: 'public' },
    schema: {
      operationId: 'listSignInOrganisations', tags, summary: 'Organisations to sign in to',
      description: 'Every organisation on this installation, by name, for the sign-in form. With one, the form needs no choice.',
      security: [],
      response: { 200: json(SignInOrganisationList, 'The organisations.'), ...problemResponses() },
    },
  }, async () => ({ items: await db.selectFrom('organisations').select(['id', 'name']).orderBy('name').orderBy('id').execute() }));

  app.post('/auth/session', {
    config: { permission: 'public' },
    schema: {
      operationId: 'signIn', tags, summary: 'Sign in',
      description: 'Checks the email and password and starts a session: an HttpOnly cookie, and a CSRF token to send as `X-CSRF-Token` with every write. Wrong email and wrong password get the same 401 `sign-in-failed`. Repeated failures for one account or from one address get 429 `too-many-attempts` with `Retry-After`. 422 `organisation-required` when the installation serves several organisations and none is named.',
      security: [],
      body: SignIn,
      response: { 201: json(CurrentSession, 'Signed in; the session cookie is set.'), ...problemResponses(401, 429, ...writeProblems) },
    },
  }, async (request, reply) => {
    const signedIn = await signIn(db, settings, request.body, {
      ipAddress: request.ip,
      userAgent: request.headers['user-agent'] ?? null,
      requestId: request.id,
    }, request.log);
    await endPreviousSession(db, settings, request);
    setSignedInCookie(reply, settings, signedIn);
    const actor = await actorForSession(db, settings, signedIn.organisationId, signedIn.session.secret);
    if (!actor) throw new Error('a session just created could not be found');
    return reply.code(201).send(await currentSession(db, actor));
  });

  app.get('/auth/session', {
    config: { permission: 'authenticated' },
    schema: {
      operationId: 'getCurrentSession', tags, summary: 'The signed-in user',
      description: 'Who is signed in, their effective roles, what they may do, and the CSRF token for writes. 401 when not signed in.',
      response: { 200: json(CurrentSession, 'The current session.'), ...problemResponses() },
    },
  }, async (request) => currentSession(db, sessionActor(request)));

  app.delete('/auth/session', {
    config: { permission: 'authenticated' },
    schema: {
      operationId: 'signOut', tags, summary: 'Sign out',
      description: 'Ends the session on the server and clears the cookie.',
      response: { 204: { description: 'Signed out.', type: 'null' }, ...problemResponses() },
    },
  }, async (request, reply) => {
    const actor = sessionActor(request);
    await db.transaction().execute(async (trx) => {
      await endSession(trx, actor.organisationId, actor.session.id, actor.accountId);
      await recordAuditEvent(trx, { organisationId: actor.organisationId, actor: auditActorOf(actor, request.id), entity: 'sessions', entityId: actor.session.id, action: 'signOut' });
    });
    clearSessionCookie(reply, settings);
    return reply.code(204).send(null);
  });

  app.get('/auth/sessions', {
    config: { permission: 'authenticated' },
    schema: {
      operationId: 'listMySessions', tags, summary: 'My sessions',
      description: 'The signed-in user\'s sessions that have not ended, most recently used first.',
      response: { 200: json(SessionList, 'The sessions.'), ...problemResponses() },
    },
  }, async (request) => {
    const actor = sessionActor(request);
    const rows = await listSessions(db, settings, actor.organisationId, actor.accountId);
    return {
      items: rows.map((r) => ({
        id: r.id, createdAt: r.created_at.toISOString(), lastSeenAt: r.last_seen_at.toISOString(),
        expiresAt: new Date(r.expires_at).toISOString(), userAgent: r.user_agent, ipAddress: r.ip_address,
        current: r.id === actor.session.id,
      })),
    };
  });

  app.delete('/auth/sessions/:id', {
    config: { permission: 'authenticated' },
    schema: {
      operationId: 'endMySession', tags, summary: 'End one of my sessions',
      description: 'Signs that session out at once, for example a forgotten browser on a shared computer.',
      params: IdParams,
      response: { 204: { description: 'Ended.', type: 'null' }, ...problemResponses(404) },
    },
  }, async (request, reply) => {
    const actor = sessionActor(request);
    const ended = await db.transaction().execute(async (trx) => {
      if (!(await endSession(trx, actor.organisationId, request.params.id, actor.accountId))) return false;
      await recordAuditEvent(trx, { organisationId: actor.organisationId, actor: auditActorOf(actor, request.id), entity: 'sessions', entityId: request.params.id, action: 'signOut' });
      return true;
    });
    if (!ended) throw notFound('The session');
    if (request.params.id === actor.session.id) clearSessionCookie(reply, settings);
    return reply.code(204).send(null);
  });

  app.post('/auth/password', {
    config: { permission: 'authenticated' },
    schema: {
      operationId: 'changeMyPassword', tags, summary: 'Change my password',
      description: 'Needs the current password. Ends every other session of the account. 422 `wrong-password` or `weak-password`. Wrong current passwords count with failed sign-ins for the email: too many get 429 `too-many-attempts` with `Retry-After`.',
      body: PasswordChange,
      response: { 204: { description: 'Changed.', type: 'null' }, ...problemResponses(429, ...writeProblems) },
    },
  }, async (request, reply) => {
    const actor = sessionActor(request);
    const account = await db.selectFrom('accounts').select(['email', 'password_hash'])
      .where('organisation_id', '=', actor.organisationId).where('id', '=', actor.accountId).executeTakeFirstOrThrow();
    // Otherwise a borrowed or stolen session could try passwords here without limit.
    const guesses = [passwordGuesses(account.email)];
    const wait = await countAttempt(db, actor.organisationId, guesses);
    if (wait > 0) throw tooManyAttempts(wait);
    if (!account.password_hash || !(await verifyPassword(account.password_hash, request.body.currentPassword))) {
      throw unprocessable('wrong-password', 'The current password is wrong.', [
        { path: '/body/currentPassword', message: 'is wrong', code: 'wrong-password' },
      ]);
    }
    await uncount(db, actor.organisationId, guesses.map((g) => g.key));
    assertAcceptablePassword(request.body.newPassword, account.email, '/body/newPassword');
    const hash = await hashPassword(request.body.newPassword);
    await db.transaction().execute(async (trx) => {
      await trx.updateTable('accounts').set({ password_hash: hash, version: sql`version + 1`, updated_at: sql`now()` })
        .where('organisation_id', '=', actor.organisationId).where('id', '=', actor.accountId).execute();
      await endSessionsOf(trx, actor.organisationId, actor.accountId, actor.session.id);
    });
    return reply.code(204).send(null);
  });
};

/** The signed-in user as the web client needs them: who, where, and what they may do. */
export async function currentSession(db: Kysely<DB>, actor: Actor): Promise<CurrentSessionType> {
  if (!actor.session || !actor.accountId) throw new Error('currentSession needs a session actor');
  const row = await db.selectFrom('accounts as a')
    .innerJoin('organisations as o', 'o.id', 'a.organisation_id')
    .select(['a.id', 'a.person_id', 'a.email', 'a.roles', 'o.id as org_id', 'o.name as org_name', 'o.written_standard'])
    .where('a.organisation_id', '=', actor.organisationId).where('a.id', '=', actor.accountId)
    .executeTakeFirstOrThrow();
  const grants: PermissionGrants = {};
  for (const permission of permissions) {
    const grant = grantOf(actor, permission);
    if (grant) grants[permission] = grant;
  }
  return {
    account: { id: row.id, personId: row.person_id, name: actor.name, email: row.email, roles: row.roles as GrantableRole[] },
    organisation: { id: row.org_id, name: row.org_name, writtenStandard: row.written_standard },
    roles: actor.roles,
    permissions: grants,
    csrfToken: actor.session.csrfToken,
    expiresAt: actor.session.expiresAt.toISOString(),
  };
}

