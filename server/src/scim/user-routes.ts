import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { Kysely } from 'kysely';
import type { DB } from '../db/types.ts';
import { actorOf } from '../auth/actor.ts';
import { ifMatchVersion } from '../http/preconditions.ts';
import { invalidSyntax, scimNotFound } from './errors.ts';
import { ListQuery, listResponse, pageOf, projectionOf, ResourceQuery } from './list.ts';
import { applyPatch, readPatchRequest } from './patch.ts';
import { baseUrlOf, sendScim } from './reply.ts';
import { canonicalResource, isObject, userSchema, userShape } from './schemas.ts';
import { desiredUser, toScimUser } from './user-mapping.ts';
import { findUser, listUsers, userFilter } from './user-repository.ts';
import { createUser, deactivateUser, updateUser } from './user-service.ts';
import { IdParams, NoQuery } from './params.ts';

const read = { permission: 'people:read' as const };
const write = { permission: 'people:write' as const };

function bodyOf(body: unknown) {
  if (!isObject(body)) throw invalidSyntax('The body must be a User JSON object.');
  return canonicalResource(userShape, body);
}

export const userRoutes: FastifyPluginAsyncTypebox<{ db: Kysely<DB> }> = async (app, { db }) => {
  app.get('/Users', { config: read, schema: { hide: true, querystring: ListQuery } }, async (request, reply) => {
    const filter = request.query.filter !== undefined ? userFilter(request.query.filter) : undefined;
    const { startIndex, count, offset } = pageOf(request.query);
    const projection = projectionOf(userSchema, request.query);
    const { total, rows } = await listUsers(db, actorOf(request).organisationId, filter, offset, count);
    const baseUrl = baseUrlOf(request);
    return sendScim(reply, 200, listResponse(total, startIndex, rows.map((row) => projection.apply(toScimUser(row, baseUrl)))));
  });

  app.get('/Users/:id', { config: read, schema: { hide: true, params: IdParams, querystring: ResourceQuery } }, async (request, reply) => {
    const row = await findUser(db, actorOf(request).organisationId, request.params.id);
    if (!row) throw scimNotFound('User');
    return sendScim(reply, 200, projectionOf(userSchema, request.query).apply(toScimUser(row, baseUrlOf(request))), row.version);
  });

  app.post('/Users', { config: write, schema: { hide: true, querystring: NoQuery } }, async (request, reply) => {
    const row = await createUser(db, actorOf(request), desiredUser(bodyOf(request.body)));
    const user = toScimUser(row, baseUrlOf(request));
    reply.header('location', (user.meta as { location: string }).location);
    return sendScim(reply, 201, user, row.version);
  });

  app.put('/Users/:id', { config: write, schema: { hide: true, params: IdParams, querystring: NoQuery } }, async (request, reply) => {
    const body = bodyOf(request.body);
    const baseUrl = baseUrlOf(request);
    const row = await updateUser(db, actorOf(request), request.params.id, ifMatchVersion(request, false),
      (current) => desiredUser(body, { resource: toScimUser(current, baseUrl), row: current }));
    return sendScim(reply, 200, toScimUser(row, baseUrl), row.version);
  });

  app.patch('/Users/:id', { config: write, schema: { hide: true, params: IdParams, querystring: NoQuery } }, async (request, reply) => {
    const operations = readPatchRequest(request.body);
    const baseUrl = baseUrlOf(request);
    const row = await updateUser(db, actorOf(request), request.params.id, ifMatchVersion(request, false), (current) => {
      const resource = toScimUser(current, baseUrl);
      return desiredUser(applyPatch(userShape, resource, operations), { resource, row: current });
    });
    return sendScim(reply, 200, toScimUser(row, baseUrl), row.version);
  });

  app.delete('/Users/:id', { config: write, schema: { hide: true, params: IdParams, querystring: NoQuery } }, async (request, reply) => {
    await deactivateUser(db, actorOf(request), request.params.id, ifMatchVersion(request, false));
    return reply.code(204).send();
  });
};
