import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { Kysely } from 'kysely';
import type { DB } from '../db/types.ts';
import { actorForBearer, auditActorOf } from '../auth/access.ts';
import { grantOf } from '../auth/actor.ts';
import { auditContext } from '../audit/context.ts';
import { discoveryRoutes } from './discovery.ts';
import { ScimError, scimNotFound, sendScimError } from './errors.ts';
import { groupRoutes } from './group-routes.ts';
import { userRoutes } from './user-routes.ts';

// SCIM 2.0 (RFC 7643/7644) for identity providers such as Entra ID and Okta: Users are
// people, Groups are units. Registered at /scim/v2, outside /api/v1, because SCIM has
// its own conventions (errors, lists, PATCH); see docs/scim.md. Integration tokens only:
// an identity provider has no session, so cookies are not looked at (and no CSRF applies).

export const scimRoutes: FastifyPluginAsyncTypebox<{ db: Kysely<DB> }> = async (app, { db }) => {
  app.decorateRequest('actor', null);
  app.decorateRequest('grant', null);
  app.addContentTypeParser('application/scim+json', { parseAs: 'string' }, app.getDefaultJsonParser('error', 'error'));
  app.setErrorHandler((error: Error, request, reply) => sendScimError(request, reply, error));
  app.setNotFoundHandler((request, reply) => sendScimError(request, reply, scimNotFound(`${request.method} ${request.url.split('?')[0]!.slice(0, 200)}`)));
  // Fail closed, as on /api/v1: a route that does not say what it needs does not start,
  // and only the discovery documents may ask for no more than a valid token.
  app.addHook('onRoute', (route) => {
    const permission = route.config?.permission;
    if (!permission || permission === 'public') throw new Error(`SCIM ${String(route.method)} ${route.url} declares no permission`);
    const reads = [route.method].flat().every((m) => m === 'GET' || m === 'HEAD');
    if (!reads && !permission.endsWith(':write')) throw new Error(`SCIM ${String(route.method)} ${route.url} writes with ${permission}`);
  });

  app.addHook('onRequest', async (request) => {
    const authorization = request.headers.authorization;
    if (authorization === undefined) {
      throw new ScimError(401, 'Send an integration token: Authorization: Bearer <token>.', undefined, { 'www-authenticate': 'Bearer realm="Lagverk SCIM"' });
    }
    const actor = await actorForBearer(db, authorization);
    request.actor = actor;
    const permission = request.routeOptions.config.permission;
    if (permission && permission !== 'public' && permission !== 'authenticated' && !grantOf(actor, permission)) {
      throw new ScimError(403, `The token's scopes do not include ${permission}.`);
    }
  });
  // Handlers run in the audit scope, so every change they make names the token.
  // (Set here, after the body is parsed: the parser's stream callbacks would lose it.)
  app.addHook('preHandler', (request, _reply, done) => {
    if (!request.actor) return done();
    auditContext.run({ actor: auditActorOf(request.actor, request.id) }, done);
  });

  discoveryRoutes(app);
  await app.register(userRoutes, { db });
  await app.register(groupRoutes, { db });
};
