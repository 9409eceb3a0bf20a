import { actorOf } from '../auth/actor.ts';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import Type from 'typebox';
import {
  ExternalIdParams, IdempotencyHeaders, IdParams, IfMatchHeaders, Unit, UnitCreate, UnitListQuery, UnitPage, UnitPatch, UnitUpsert,
} from '@lagverk/shared';
import type { Kysely } from 'kysely';
import type { DB } from '../db/types.ts';
import { notFound } from '../http/problem.ts';
import { ifMatchVersion, setEtag } from '../http/preconditions.ts';
import { json, problemResponses, writeProblems } from '../http/responses.ts';
import { findUnit, listUnits, toUnit } from './repository.ts';
import { createUnit, deleteUnit, patchUnit, setUnitActive, upsertUnit } from './service.ts';

const tags = ['Units'];

export const unitRoutes: FastifyPluginAsyncTypebox<{ db: Kysely<DB> }> = async (app, { db }) => {
  app.get('/units', {
    config: { permission: 'units:read' },
    schema: {
      operationId: 'listUnits', tags, summary: 'List units',
      description: 'Service areas, units and sections of the organisation, filtered and paged. Build the tree from `parentId`.',
      querystring: UnitListQuery,
      response: { 200: json(UnitPage, 'A page of units.'), ...problemResponses() },
    },
  }, async (request) => listUnits(db, actorOf(request).organisationId, request.query));

  app.post('/units', {
    config: { permission: 'units:write', idempotent: true },
    schema: {
      operationId: 'createUnit', tags, summary: 'Create a unit',
      description: 'Creates a unit. `parentId` and `managerId` must name rows of the same organisation (422 otherwise). Send `Idempotency-Key` to retry safely.',
      headers: IdempotencyHeaders,
      body: UnitCreate,
      response: { 201: json(Unit, 'The unit as created; `Location` and `ETag` are set.'), ...problemResponses(409, ...writeProblems) },
    },
  }, async (request, reply) => {
    const row = await createUnit(db, actorOf(request).organisationId, request.body);
    setEtag(reply, row.version);
    return reply.code(201).header('location', `/api/v1/units/${row.id}`).send(toUnit(row));
  });

  app.get('/units/:id', {
    config: { permission: 'units:read' },
    schema: {
      operationId: 'getUnit', tags, summary: 'Get a unit', description: 'One unit, with its version as `ETag`.',
      params: IdParams,
      response: { 200: json(Unit, 'The unit.'), ...problemResponses(404) },
    },
  }, async (request, reply) => {
    const row = await findUnit(db, actorOf(request).organisationId, request.params.id);
    if (!row) throw notFound('The unit');
    setEtag(reply, row.version);
    return toUnit(row);
  });

  app.patch('/units/:id', {
    config: { permission: 'units:write' },
    schema: {
      operationId: 'updateUnit', tags, summary: 'Edit a unit',
      description: 'Changes the fields sent. Requires `If-Match`; moving a unit below itself or its own sub-unit is a 422.',
      params: IdParams, headers: IfMatchHeaders, body: UnitPatch,
      response: { 200: json(Unit, 'The unit after the edit.'), ...problemResponses(404, 409, 412, 428, ...writeProblems) },
    },
  }, async (request, reply) => {
    const expected = ifMatchVersion(request, true);
    const row = await patchUnit(db, actorOf(request).organisationId, request.params.id, expected, request.body);
    setEtag(reply, row.version);
    return toUnit(row);
  });

  app.delete('/units/:id', {
    config: { permission: 'units:write' },
    schema: {
      operationId: 'deleteUnit', tags, summary: 'Delete a unit',
      description: 'Deletes a unit that nothing refers to (no sub-units, no people). Otherwise 409: deactivate it instead, so history is kept. Requires `If-Match`.',
      params: IdParams, headers: IfMatchHeaders,
      response: { 204: { description: 'Deleted.', type: 'null' }, ...problemResponses(404, 409, 412, 428) },
    },
  }, async (request, reply) => {
    const expected = ifMatchVersion(request, true);
    await deleteUnit(db, actorOf(request).organisationId, request.params.id, expected);
    return reply.code(204).send(null);
  });

  app.put('/units/by-external-id/:externalId', {
    config: { permission: 'units:write' },
    schema: {
      operationId: 'upsertUnitByExternalId', tags, summary: 'Create or replace a unit by external id',
      description: 'For systems of record: creates the unit with this `externalId` (201) or replaces it (200). Fields left out are cleared. `If-Match` is honoured when sent.',
      params: ExternalIdParams, headers: IfMatchHeaders, body: UnitUpsert,
      response: {
        200: json(Unit, 'The unit was replaced.'),
        201: json(Unit, 'The unit was created.'),
        ...problemResponses(404, 409, 412, ...writeProblems),
      },
    },
  }, async (request, reply) => {
    const expected = ifMatchVersion(request, false);
    const { row, created } = await upsertUnit(db, actorOf(request).organisationId, request.params.externalId, expected, request.body);
    setEtag(reply, row.version);
    if (created) reply.code(201).header('location', `/api/v1/units/${row.id}`);
    return toUnit(row);
  });

  for (const action of ['deactivate', 'reactivate'] as const) {
    app.post(`/units/:id/${action}`, {
      config: { permission: 'units:write' },
      schema: {
        operationId: `${action}Unit`, tags,
        summary: action === 'deactivate' ? 'Deactivate a unit' : 'Reactivate a unit',
        description: action === 'deactivate'
          ? 'Marks the unit inactive; history keeps referring to it. Refused (409) while it has active sub-units or people. `If-Match` is honoured when sent.'
          : 'Marks the unit active again. Refused (409) while the unit above is inactive. `If-Match` is honoured when sent.',
        params: IdParams, headers: IfMatchHeaders,
        body: Type.Optional(Type.Object({}, { additionalProperties: false })),
        response: { 200: json(Unit, 'The unit after the change.'), ...problemResponses(404, 409, 412, 415) },
      },
    }, async (request, reply) => {
      const expected = ifMatchVersion(request, false);
      const row = await setUnitActive(db, actorOf(request).organisationId, request.params.id, expected, action === 'reactivate');
      setEtag(reply, row.version);
      return toUnit(row);
    });
  }
};
