import { actorOf } from '../auth/actor.ts';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { IfMatchHeaders, Organisation, OrganisationPatch } from '@lagverk/shared';
import type { Kysely } from 'kysely';
import type { DB } from '../db/types.ts';
import { notFound } from '../http/problem.ts';
import { ifMatchVersion, setEtag } from '../http/preconditions.ts';
import { json, problemResponses, writeProblems } from '../http/responses.ts';
import { findOrganisation, toOrganisation, updateOrganisation } from './repository.ts';

const tags = ['Organisation'];

// `current` rather than an id: a caller only ever sees its own organisation, so the
// resource is a singleton from its point of view (API.md allows the exception when said).
export const organisationRoutes: FastifyPluginAsyncTypebox<{ db: Kysely<DB> }> = async (app, { db }) => {
  app.get('/organisations/current', {
    config: { permission: 'organisation:read' },
    schema: {
      operationId: 'getCurrentOrganisation', tags, summary: "Get the caller's organisation",
      description: 'The municipality the caller belongs to, with its chosen written standard (bokmål or nynorsk). A singleton: callers never see other organisations.',
      response: { 200: json(Organisation, 'The organisation.'), ...problemResponses(404) },
    },
  }, async (request, reply) => {
    const row = await findOrganisation(db, actorOf(request).organisationId);
    if (!row) throw notFound('The organisation');
    setEtag(reply, row.version);
    return toOrganisation(row);
  });

  app.patch('/organisations/current', {
    config: { permission: 'organisation:write' },
    schema: {
      operationId: 'updateCurrentOrganisation', tags, summary: "Edit the caller's organisation",
      description: 'Changes name, organisation number or written standard. Requires `If-Match`.',
      headers: IfMatchHeaders, body: OrganisationPatch,
      response: { 200: json(Organisation, 'The organisation after the edit.'), ...problemResponses(404, 409, 412, 428, ...writeProblems) },
    },
  }, async (request, reply) => {
    const row = await updateOrganisation(db, actorOf(request).organisationId, ifMatchVersion(request, true), request.body);
    setEtag(reply, row.version);
    return toOrganisation(row);
  });
};
