import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Kysely } from 'kysely';
import type { DB } from '../db/types.ts';
import type { SessionSettings } from '../config.ts';
import { HttpProblem } from '../http/problem.ts';
import { auditContext, type AuditActor } from '../audit/context.ts';
import { grantOf, type Actor, type RoutePermission } from './actor.ts';
import { parseSessionCookie, parseToken, sameSecret } from './secrets.ts';
import { actorForSession } from './sessions.ts';
import { actorForToken } from './tokens.ts';
import { assertTeamInScope, isScopable } from './scope.ts';

// Every /api/v1 request passes here before its body is even read: who is calling (a
// bearer token or the session cookie), may their role do what the route needs, and, for
// a cookie-authenticated write, does it carry the session's CSRF token.

export const sessionCookieName = (settings: SessionSettings) => (settings.secureCookies ? '__Host-lagverk' : 'lagverk_session');

const safeMethods = new Set(['GET', 'HEAD', 'OPTIONS']);
const uuid = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export const notAuthenticated = () =>
  new HttpProblem(401, 'not-authenticated', 'Not authenticated', 'Sign in, or send a valid bearer token.');

/** An /api/v1 route and what it needs, as registered. */
export interface AccessRoute {
  method: string;
  url: string;
  permission: RoutePermission | undefined;
  scope: 'team' | 'handler' | undefined;
  /** Only the owner (or a moderator) may change the resource: see `config.owner`. */
  owner: boolean;
  hasBody: boolean;
}

// Each app's /api/v1 route table, keyed by its HTTP server (which the app and its plugins
// share): the access-matrix test is generated from it, so a new route is tested at once.
const routeTables = new WeakMap<object, AccessRoute[]>();

/** Every /api/v1 route of `app` with its permission and scope (HEAD twins included). */
export const accessRoutes = (app: FastifyInstance): readonly AccessRoute[] => routeTables.get(app.server) ?? [];

export function registerAccessControl(api: FastifyInstance, db: Kysely<DB>, settings: SessionSettings) {
  api.decorateRequest('actor', null);
  api.decorateRequest('grant', null);
  api.decorateRequest('scopeChecked', false);

  const table: AccessRoute[] = [];
  routeTables.set(api.server, table);
  // A route that forgets to say what it needs must not start at all.
  api.addHook('onRoute', (route) => {
    const permission = route.config?.permission;
    for (const method of [route.method].flat()) {
      table.push({ method, url: route.url, permission, scope: route.config?.scope, owner: route.config?.owner === true, hasBody: route.schema?.body !== undefined });
    }
    if (!permission) throw new Error(`${String(route.method)} ${route.url} declares no permission`);
    // Fail closed: a permission some role holds only within a scope needs a route that names it.
    if (permission !== 'public' && permission !== 'authenticated' && isScopable(permission) && !route.config?.scope) {
      throw new Error(`${String(route.method)} ${route.url} needs ${permission}, which can be scoped, but declares no scope`);
    }
  });

  api.addHook('onRequest', async (request, reply) => {
    const permission = request.routeOptions.config.permission;
    if (permission === 'public') return;
    const actor = await identify(request, reply);
    if (!actor) throw notAuthenticated();
    request.actor = actor;
    if (permission && permission !== 'authenticated') {
      const grant = grantOf(actor, permission);
      if (!grant) {
        throw new HttpProblem(403, 'forbidden', 'Forbidden', `Your access does not include ${permission}.`);
      }
      request.grant = grant;
    }
    if (actor.session && !safeMethods.has(request.method)) {
      const given = request.headers['x-csrf-token'];
      if (typeof given !== 'string' || !sameSecret(given, actor.session.csrfToken)) {
        throw new HttpProblem(403, 'csrf-token-invalid', 'Forbidden',
          'A write made with the session cookie must send the session\'s CSRF token in the X-CSRF-Token header.');
      }
    }
  });

  // A scoped grant is checked before the body is validated, like the role itself: someone
  // outside the team's reach learns that first, not which fields to fix. An id that is no
  // UUID names no team; validation answers it.
  api.addHook('preValidation', async (request) => {
    const { permission, scope } = request.routeOptions.config;
    const teamId = (request.params as { id?: string }).id;
    if (request.grant === 'scoped' && scope === 'team' && request.actor && permission && permission !== 'public' && permission !== 'authenticated'
      && teamId !== undefined && uuid.test(teamId)) {
      await assertTeamInScope(db, request.actor, permission, teamId);
    }
  });
  // Fail closed for `scope: 'handler'`: a scoped caller's success must come from a handler
  // that checked the resource (`scopeChecked`). One that forgot answers a 500 (a bug) and
  // is logged, rather than handing out what lies outside the caller's reach.
  api.addHook('onSend', async (request, reply, payload) => {
    if (request.routeOptions.config.scope !== 'handler' || request.grant !== 'scoped' || request.scopeChecked || reply.statusCode >= 400) {
      return payload;
    }
    // A retry answered from the stored first response ran no handler and wrote nothing.
    if (reply.getHeader('idempotent-replayed') === 'true') return payload;
    request.log.error({ route: request.routeOptions.url }, 'a scope: handler route answered a scoped caller without checking the scope');
    reply.removeHeader('etag');
    reply.removeHeader('location');
    reply.code(500).type('application/problem+json');
    return JSON.stringify({
      type: 'urn:lagverk:problem:internal', title: 'Internal error', status: 500,
      detail: `Something went wrong on our side. Quote request id ${String(request.id)}.`,
      instance: request.url.split('?')[0]!.slice(0, 2000), code: 'internal', requestId: String(request.id),
    });
  });
  // Runs the handler inside the audit scope, so each transaction it opens names the actor.
  // (Set here, after the body is parsed: the parser's stream callbacks would lose it.)
  api.addHook('preHandler', (request, _reply, done) => {
    const actor = request.actor;
    if (!actor) return done();
    auditContext.run({ actor: auditActorOf(actor, request.id) }, done);
  });

  async function identify(request: FastifyRequest, reply: FastifyReply): Promise<Actor | null> {
    const authorization = request.headers.authorization;
    if (authorization !== undefined) return actorForBearer(db, authorization);
    const cookie = request.cookies[sessionCookieName(settings)];
    if (cookie === undefined) return null;
    const parsed = parseSessionCookie(cookie);
    const actor = parsed ? await actorForSession(db, settings, parsed.organisationId, parsed.secret) : null;
    if (!actor) clearSessionCookie(reply, settings);
    return actor;
  }
}

/** The integration an `Authorization: Bearer <token>` header names; a 401 when it is malformed, unknown, expired or revoked. */
export async function actorForBearer(db: Kysely<DB>, authorization: string): Promise<Actor> {
  const match = /^Bearer\s+(\S+)\s*$/i.exec(authorization);
  const parsed = match ? parseToken(match[1]!) : null;
  const actor = parsed ? await actorForToken(db, parsed.organisationId, parsed.secret) : null;
  if (!actor) {
    throw new HttpProblem(401, 'invalid-token', 'Not authenticated',
      'The bearer token is malformed, unknown, expired or revoked.', {}, { 'www-authenticate': 'Bearer error="invalid_token"' });
  }
  return actor;
}

export function auditActorOf(actor: Actor, requestId: string): AuditActor {
  return {
    kind: actor.via === 'token' ? 'token' : 'account',
    accountId: actor.accountId,
    personId: actor.personId,
    tokenId: actor.tokenId,
    name: actor.name,
    requestId,
  };
}

export function setSessionCookie(reply: FastifyReply, settings: SessionSettings, value: string, expiresAt: Date) {
  reply.setCookie(sessionCookieName(settings), value, {
    path: '/',
    httpOnly: true,
    sameSite: 'lax',
    secure: settings.secureCookies,
    expires: expiresAt,
  });
}

export function clearSessionCookie(reply: FastifyReply, settings: SessionSettings) {
  reply.clearCookie(sessionCookieName(settings), { path: '/', httpOnly: true, sameSite: 'lax', secure: settings.secureCookies });
}

/**
 * Says that a `scope: 'handler'` route has made sure the resource lies within the
 * caller's scoped grant (or that the grant is organisation-wide); call it before writing.
 */
export function scopeChecked(request: FastifyRequest) {
  request.scopeChecked = true;
}
