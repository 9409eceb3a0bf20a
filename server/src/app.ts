import Fastify, { type FastifyReply, type FastifyRequest, type FastifyServerOptions } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import fastifyStatic from '@fastify/static';
import fastifyCookie from '@fastify/cookie';
import fastifyHelmet from '@fastify/helmet';
import Type from 'typebox';
import { randomUUID } from 'node:crypto';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { attachmentDefaultMaxBytes } from '@lagverk/shared';
import type { Database } from './db/database.ts';
import { registerAccessControl } from './auth/access.ts';
import { authRoutes } from './auth/routes.ts';
import { defaultSessionSettings, type SessionSettings } from './config.ts';
import { registerErrorHandling, sendProblem } from './http/error-handler.ts';
import { HttpProblem } from './http/problem.ts';
import { registerIdempotency } from './http/idempotency.ts';
import { registerOpenApi } from './http/openapi.ts';
import { validatorCompiler } from './http/validation.ts';
import { serializerCompiler } from './http/serialization.ts';
import { healthRoutes } from './health/routes.ts';
import { organisationRoutes } from './organisations/routes.ts';
import { unitRoutes } from './units/routes.ts';
import { peopleRoutes } from './people/routes.ts';
import { teamRoutes } from './teams/routes.ts';
import { teamMemberRoutes } from './teams/member-routes.ts';
import { criteriaRoutes } from './criteria/routes.ts';
import { resultRoutes } from './results/routes.ts';
import { attachmentRoutes } from './results/attachment-routes.ts';
import { evaluationRoutes } from './evaluations/routes.ts';
import { surveyTemplateRoutes } from './surveys/template-routes.ts';
import { surveyRoundRoutes } from './surveys/round-routes.ts';
import { surveyAnsweringRoutes } from './survey-answering/routes.ts';
import { surveyResultRoutes } from './survey-results/routes.ts';
import { followUpRoutes } from './follow-up/routes.ts';
import { experienceRoutes } from './experiences/routes.ts';
import { arenaRoutes } from './arenas/routes.ts';
import { newsRoutes } from './news/routes.ts';
import { changeProcessRoutes } from './change-processes/routes.ts';
import { changeActivityRoutes } from './change-activities/routes.ts';
import { changeQuestionRoutes } from './change-questions/routes.ts';
import { communicationPlanRoutes } from './communication-plan/routes.ts';
import { tripartiteRoutes } from './tripartite/routes.ts';
import { orgChartRoutes } from './org-charts/routes.ts';
import { dashboardRoutes } from './dashboard/routes.ts';
import { reportRoutes } from './reports/routes.ts';
import { publicDashboardRoutes } from './public-dashboard/routes.ts';
import { tokenRoutes } from './tokens/routes.ts';
import { auditRoutes } from './audit/routes.ts';
import { accountRoutes } from './accounts/routes.ts';
import { scimRoutes } from './scim/plugin.ts';
import { importRoutes } from './imports/routes.ts';
import { competenceRoutes } from './competence/routes.ts';
import { competenceImportRoutes } from './competence/import-routes.ts';
import { identityProviderRoutes } from './sso/admin-routes.ts';
import { singleSignOnRoutes } from './sso/sign-in-routes.ts';
import type { SsoSettings } from './sso/service.ts';
import { notificationRoutes, type NotificationOptions } from './notifications/routes.ts';

export interface AppOptions {
  database: Database;
  logger?: FastifyServerOptions['logger'];
  bodyLimit?: number;
  /** The built web client to serve on the same origin; none in API-only tests. */
  clientDist?: string | undefined;
  /** Cookie security and session lifetimes (config.ts reads them from the environment). */
  session?: SessionSettings;
  trustProxy?: boolean;
  /** The largest file attached to a result (ATTACHMENT_MAX_BYTES); 10 MiB unless told. */
  attachmentMaxBytes?: number;
  /** PUBLIC_URL and SECRETS_KEY, for single sign-on (config.ts reads them). */
  singleSignOn?: SsoSettings;
  /** Email notifications (SMTP_URL, MAIL_FROM, PUBLIC_URL); none: in-app only. */
  notifications?: NotificationOptions;
}

const requestIdPattern = /^[A-Za-z0-9._-]{1,100}$/;
const noQueryParameters = Type.Object({}, { additionalProperties: false });

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
    // An externalId (up to 200 characters) travels in the path, up to 12 bytes each once
    // percent-encoded; the route schema, not the router, decides what is too long.
    routerOptions: { maxParamLength: 2400 },
    // The router's own refusals (a broken %-escape, an absurdly long segment) are problem+json too.
    frameworkErrors: (error, request, reply) => {
      const tooLong = error.statusCode === 414;
      reply.header('x-request-id', request.id);
      void sendProblem(request, reply, new HttpProblem(tooLong ? 414 : 400, tooLong ? 'uri-too-long' : 'bad-url',
        tooLong ? 'URI too long' : 'Invalid request', tooLong ? 'A path segment is too long.' : 'The URL is not validly encoded.'));
    },
  }).withTypeProvider<TypeBoxTypeProvider>();

  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  // JSON only: a text/plain body is a 415, not a string handed to a route.
  app.removeContentTypeParser(['text/plain']);
  // Set up front (not in onSend) so every answer carries it, at no cost per hook call.
  app.addHook('onRequest', (request, reply, done) => {
    reply.header('x-request-id', request.id);
    done();
  });

  await app.register(fastifyCookie);
  // Security headers on every answer. The CSP allows only this origin's scripts; inline
  // styles are allowed because Vue and Swagger UI set style attributes.
  await app.register(fastifyHelmet, {
    contentSecurityPolicy: {
      useDefaults: false,
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        styleSrc: ["'self'", "'unsafe-inline'"],
        imgSrc: ["'self'", 'data:'],
        fontSrc: ["'self'", 'data:'],
        connectSrc: ["'self'"],
        objectSrc: ["'none'"],
        baseUri: ["'self'"],
        formAction: ["'self'"],
        frameAncestors: ["'none'"],
      },
    },
    // HSTS only matters (and is only honoured) over HTTPS, which a proxy provides in use.
    strictTransportSecurity: { maxAge: 31_536_000, includeSubDomains: true },
  });

  const spaIndex = options.clientDist && existsSync(path.join(options.clientDist, 'index.html')) ? options.clientDist : null;
  registerErrorHandling(app, spaIndex ? serveSpaIndex : undefined);
  await registerOpenApi(app);

  await app.register(healthRoutes, { prefix: '/api', db, kind: options.database.kind });

  const session = options.session ?? defaultSessionSettings;
  await app.register(async (api) => {
    registerAccessControl(api, db, session);
    // Unknown query parameters are a 400 on every route (API.md), not only on the lists.
    api.addHook('onRoute', (route) => {
      route.schema ??= {};
      route.schema.querystring ??= noQueryParameters;
    });
    registerIdempotency(api, db);
    await api.register(authRoutes, { db, settings: session });
    await api.register(organisationRoutes, { db });
    await api.register(unitRoutes, { db });
    await api.register(peopleRoutes, { db });
    await api.register(teamRoutes, { db });
    await api.register(teamMemberRoutes, { db });
    await api.register(criteriaRoutes, { db });
    await api.register(resultRoutes, { db });
    await api.register(attachmentRoutes, { db, maxBytes: options.attachmentMaxBytes ?? attachmentDefaultMaxBytes });
    await api.register(evaluationRoutes, { db });
    await api.register(surveyTemplateRoutes, { db });
    await api.register(surveyRoundRoutes, { db, publicUrl: options.singleSignOn?.publicUrl });
    await api.register(surveyAnsweringRoutes, { db });
    await api.register(surveyResultRoutes, { db });
    await api.register(followUpRoutes, { db });
    await api.register(experienceRoutes, { db });
    await api.register(arenaRoutes, { db, publicUrl: options.singleSignOn?.publicUrl });
    await api.register(newsRoutes, { db });
    await api.register(changeProcessRoutes, { db });
    await api.register(changeActivityRoutes, { db });
    await api.register(changeQuestionRoutes, { db });
    await api.register(communicationPlanRoutes, { db });
    await api.register(tripartiteRoutes, { db });
    await api.register(orgChartRoutes, { db });
    await api.register(dashboardRoutes, { db });
    await api.register(reportRoutes, { db });
    await api.register(publicDashboardRoutes, { db });
    await api.register(tokenRoutes, { db });
    await api.register(auditRoutes, { db });
    await api.register(accountRoutes, { db });
    await api.register(importRoutes, { db });
    await api.register(competenceRoutes, { db });
    await api.register(competenceImportRoutes, { db });
    await api.register(identityProviderRoutes, { db, sso: options.singleSignOn ?? {} });
    await api.register(singleSignOnRoutes, { db, settings: session, sso: options.singleSignOn ?? {} });
    await api.register(notificationRoutes, { db, email: options.notifications });
  }, { prefix: '/api/v1' });
  await app.register(scimRoutes, { prefix: '/scim/v2', db });

  if (spaIndex) {
    // wildcard: files are looked up per request, so a rebuilt client is served without a restart.
    await app.register(fastifyStatic, { root: spaIndex, wildcard: true, index: false, maxAge: '1h' });
    // The static handler refuses a folder, so the start page is served here.
    app.get('/', { schema: { hide: true }, config: { permission: 'public' } }, (_request, reply) => sendIndex(reply));
  }
  return app;

  /** Client-side routes (/units/…) get the app's index.html; files are served as files. */
  function serveSpaIndex(request: FastifyRequest, reply: FastifyReply) {
    if (request.method !== 'GET' || request.url.startsWith('/api')) return false;
    if (!(request.headers.accept ?? '').includes('text/html')) return false;
    void sendIndex(reply);
    return true;
  }

  /** index.html names the hashed assets of the current build, so it is never cached stale. */
  function sendIndex(reply: FastifyReply) {
    return reply.header('cache-control', 'no-cache').sendFile('index.html', { cacheControl: false });
  }
}

export type App = Awaited<ReturnType<typeof buildApp>>;
