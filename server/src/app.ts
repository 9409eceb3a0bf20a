import Fastify, { type FastifyReply, type FastifyRequest, type FastifyServerOptions } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import fastifyStatic from '@fastify/static';
import { randomUUID } from 'node:crypto';
import { existsSync } from 'node:fs';
import path from 'node:path';
import type { Database } from './db/database.ts';
import { installationOrganisation, type ActorResolver } from './auth/actor.ts';
import { registerErrorHandling } from './http/error-handler.ts';
import { HttpProblem } from './http/problem.ts';
import { registerIdempotency } from './http/idempotency.ts';
import { registerOpenApi } from './http/openapi.ts';
import { validatorCompiler } from './http/validation.ts';
import { healthRoutes } from './health/routes.ts';
import { organisationRoutes } from './organisations/routes.ts';
import { unitRoutes } from './units/routes.ts';
import { peopleRoutes } from './people/routes.ts';

export interface AppOptions {
  database: Database;
  logger?: FastifyServerOptions['logger'];
  bodyLimit?: number;
  /** The built web client to serve on the same origin; none in API-only tests. */
  clientDist?: string | undefined;
  /** Who is calling. Defaults to the installation's first organisation until accounts exist. */
  resolveActor?: ActorResolver;
  trustProxy?: boolean;
}

const requestIdPattern = /^[A-Za-z0-9._-]{1,100}$/;

/** The whole application as a Fastify instance; it does not listen (server.ts does). */
export async function buildApp(options: AppOptions) {
  const { db } = options.database;
  const app = Fastify({
    logger: options.logger ?? false,
    bodyLimit: options.bodyLimit ?? 1024 * 1024,
    trustProxy: options.trustProxy ?? false,
    // A caller's X-Request-Id is kept when it is sane, so logs can be joined across systems.
    requestIdHeader: false,
    genReqId: (req) => {
      const given = req.headers['x-request-id'];
      return typeof given === 'string' && requestIdPattern.test(given) ? given : randomUUID();
    },
  }).withTypeProvider<TypeBoxTypeProvider>();

  app.setValidatorCompiler(validatorCompiler);
  // JSON only: a text/plain body is a 415, not a string handed to a route.
  app.removeContentTypeParser(['text/plain']);
  app.addHook('onSend', async (request, reply) => {
    reply.header('x-request-id', request.id);
  });

  const spaIndex = options.clientDist && existsSync(path.join(options.clientDist, 'index.html')) ? options.clientDist : null;
  registerErrorHandling(app, spaIndex ? serveSpaIndex : undefined);
  await registerOpenApi(app);

  await app.register(healthRoutes, { prefix: '/api', db, kind: options.database.kind });

  const resolveActor = options.resolveActor ?? installationOrganisation(db);
  await app.register(async (api) => {
    api.decorateRequest('actor', null as never);
    api.addHook('onRequest', async (request) => {
      const actor = await resolveActor(request);
      if (!actor) throw new HttpProblem(401, 'not-authenticated', 'Not authenticated', 'Sign in or send a valid bearer token.');
      request.actor = actor;
    });
    registerIdempotency(api, db);
    await api.register(organisationRoutes, { db });
    await api.register(unitRoutes, { db });
    await api.register(peopleRoutes, { db });
  }, { prefix: '/api/v1' });

  if (spaIndex) {
    await app.register(fastifyStatic, { root: spaIndex, wildcard: false, index: false, maxAge: '1h', immutable: false });
  }
  return app;

  /** Client-side routes (/units/…) get the app's index.html; files are served as files. */
  function serveSpaIndex(request: FastifyRequest, reply: FastifyReply) {
    if (request.method !== 'GET' || request.url.startsWith('/api')) return false;
    if (!(request.headers.accept ?? '').includes('text/html')) return false;
    void reply.header('cache-control', 'no-cache').sendFile('index.html');
    return true;
  }
}

export type App = Awaited<ReturnType<typeof buildApp>>;
