import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { Kysely } from 'kysely';
import type { DB } from '../db/types.ts';
import { actorOf } from '../auth/actor.ts';
import { ifMatchVersion } from '../http/preconditions.ts';
import { invalidSyntax, scimNotFound } from './errors.ts';
import { desiredGroup, toScimGroup } from './group-mapping.ts';
import { findGroup, groupFilter, listGroups, membersOf } from './group-repository.ts';
import { createGroup, deactivateGroup, updateGroup } from './group-service.ts';
import { ListQuery, listResponse, pageOf, projectionOf, ResourceQuery } from './list.ts';
import { IdParams, NoQuery } from './params.ts';
import { applyPatch, readPatchRequest } from './patch.ts';
import { baseUrlOf, sendScim } from './reply.ts';
import { canonicalResource, groupSchema, groupShape, isObject } from './schemas.ts';

const read = { permission: 'units:read' as const };
const write = { permission: 'units:write' as const };

function bodyOf(body: unknown) {
  if (!isObject(body)) throw invalidSyntax('The body must be a Group JSON object.');
  return canonicalResource(groupShape, body);
}

export const groupRoutes: FastifyPluginAsyncTypebox<{ db: Kysely<DB> }> = async (app, { db }) => {
  /** The Group as it is now, with members unless the client excluded them (a big unit has hundreds). */
  async function current(organisationId: string, id: string, baseUrl: string, withMembers = true) {
    const unit = await findGroup(db, organisationId, id);
    if (!unit) throw scimNotFound('Group');
    const members = withMembers ? (await membersOf(db, organisationId, [id])).get(id) : undefined;
    return { unit, group: toScimGroup(unit, members, baseUrl) };
  }

  app.get('/Groups', { config: read, schema: { hide: true, querystring: ListQuery } }, async (request, reply) => {
    const organisationId = actorOf(request).organisationId;
    const filter = request.query.filter !== undefined ? groupFilter(request.query.filter) : undefined;
    const { startIndex, count, offset } = pageOf(request.query);
    const projection = projectionOf(groupSchema, request.query);
    const { total, rows } = await listGroups(db, organisationId, filter, offset, count);
    const members = projection.returns('members') ? await membersOf(db, organisationId, rows.map((r) => r.id)) : undefined;
    const baseUrl = baseUrlOf(request);
    const resources = rows.map((unit) => projection.apply(toScimGroup(unit, members?.get(unit.id), baseUrl)));
    return sendScim(reply, 200, listResponse(total, startIndex, resources));
  });

  app.get('/Groups/:id', { config: read, schema: { hide: true, params: IdParams, querystring: ResourceQuery } }, async (request, reply) => {
    const projection = projectionOf(groupSchema, request.query);
    const { unit, group } = await current(actorOf(request).organisationId, request.params.id, baseUrlOf(request), projection.returns('members'));
    return sendScim(reply, 200, projection.apply(group), unit.version);
  });

  app.post('/Groups', { config: write, schema: { hide: true, querystring: NoQuery } }, async (request, reply) => {
    const actor = actorOf(request);
    const id = await createGroup(db, actor, desiredGroup(bodyOf(request.body)));
    const { unit, group } = await current(actor.organisationId, id, baseUrlOf(request));
    reply.header('location', (group.meta as { location: string }).location);
    return sendScim(reply, 201, group, unit.version);
  });

  app.put('/Groups/:id', { config: write, schema: { hide: true, params: IdParams, querystring: NoQuery } }, async (request, reply) => {
    const actor = actorOf(request);
    const body = bodyOf(request.body);
    await updateGroup(db, actor, request.params.id, ifMatchVersion(request, false), () => desiredGroup(body));
    const { unit, group } = await current(actor.organisationId, request.params.id, baseUrlOf(request));
    return sendScim(reply, 200, group, unit.version);
  });

  app.patch('/Groups/:id', { config: write, schema: { hide: true, params: IdParams, querystring: NoQuery } }, async (request, reply) => {
    const actor = actorOf(request);
    const operations = readPatchRequest(request.body);
    const baseUrl = baseUrlOf(request);
    await updateGroup(db, actor, request.params.id, ifMatchVersion(request, false), (unit, members) => {
      const patched = applyPatch(groupShape, toScimGroup(unit, members, baseUrl), operations);
      // Removing `members` altogether empties the unit.
      return desiredGroup({ ...patched, members: patched.members ?? [] });
    });
    const { unit, group } = await current(actor.organisationId, request.params.id, baseUrl);
    return sendScim(reply, 200, group, unit.version);
  });

  app.delete('/Groups/:id', { config: write, schema: { hide: true, params: IdParams, querystring: NoQuery } }, async (request, reply) => {
    await deactivateGroup(db, actorOf(request), request.params.id, ifMatchVersion(request, false));
    return reply.code(204).send();
  });
};
