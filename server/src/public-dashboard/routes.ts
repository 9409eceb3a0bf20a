import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { IfMatchHeaders, PublicDashboard, PublicDashboardParams, PublicDashboardSettings, PublicDashboardSettingsPut } from '@lagverk/shared';
import type { Kysely } from 'kysely';
import { actorOf } from '../auth/actor.ts';
import type { DB } from '../db/types.ts';
import { notFound } from '../http/problem.ts';
import { ifMatchVersion, setEtag } from '../http/preconditions.ts';
import { json, problemResponses, writeProblems } from '../http/responses.ts';
import { findSettings, publicDashboard, saveSettings, toSettings } from './repository.ts';

const tags = ['Dashboard'];

export const publicDashboardRoutes: FastifyPluginAsyncTypebox<{ db: Kysely<DB> }> = async (app, { db }) => {
  app.get('/public-dashboard', {
    config: { permission: 'organisation:read' },
    schema: {
      operationId: 'getPublicDashboardSettings', tags, summary: 'Settings of the public dashboard',
      description: "Whether the organisation's public page is on, which figures it shows and its introduction. Off, with no figures, until an administrator saves it (version 1 until then). A singleton: the caller's own organisation.",
      response: { 200: json(PublicDashboardSettings, 'The settings; the `ETag` is their version.'), ...problemResponses(404) },
    },
  }, async (request, reply) => {
    const settings = await findSettings(db, actorOf(request).organisationId);
    if (!settings) throw notFound('The organisation');
    setEtag(reply, settings.version);
    return settings;
  });

  app.put('/public-dashboard', {
    config: { permission: 'organisation:write' },
    schema: {
      operationId: 'updatePublicDashboardSettings', tags, summary: 'Change the public dashboard',
      description: 'Replaces the settings: switch the page on or off, choose its figures (in the order shown) and write its introduction. Requires `If-Match` (version 1 before the first save; 412 when stale).',
      headers: IfMatchHeaders, body: PublicDashboardSettingsPut,
      response: { 200: json(PublicDashboardSettings, 'The settings as saved.'), ...problemResponses(404, 412, 428, ...writeProblems) },
    },
  }, async (request, reply) => {
    const organisationId = actorOf(request).organisationId;
    const expected = ifMatchVersion(request, true);
    const org = await db.selectFrom('organisations').select('org_number').where('id', '=', organisationId).executeTakeFirst();
    if (!org) throw notFound('The organisation');
    const row = await saveSettings(db, organisationId, expected, request.body);
    setEtag(reply, row.version);
    return toSettings(row, org.org_number);
  });

  app.get('/public/organisations/:orgNumber/dashboard', {
    config: { permission: 'public' },
    schema: {
      operationId: 'getPublicDashboard', tags, summary: "An organisation's public dashboard",
      description: "The figures an organisation chose to publish, for anyone (no sign-in; a session or token sent along is ignored): the number of active teams, results documented per category, survey means per effect goal for the whole organisation (hidden where fewer answered than the round's minimum) and the titles of the newest results of active and concluded teams. Only the chosen figures are present; no person is named. 404 when the organisation has no public page or has switched it off, the same as for an unknown organisation number. May be cached for five minutes.",
      params: PublicDashboardParams,
      security: [],
      response: { 200: json(PublicDashboard, 'The public figures.'), ...problemResponses(404) },
    },
  }, async (request, reply) => {
    const page = await publicDashboard(db, request.params.orgNumber);
    if (!page) throw notFound('The public dashboard');
    reply.header('cache-control', 'public, max-age=300');
    return page;
  });
};
