import { actorOf, grantOf } from '../auth/actor.ts';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import Type from 'typebox';
import {
  ExternalIdParams, IdempotencyHeaders, IdParams, IfMatchHeaders, Person, PersonCreate, PersonListQuery, PersonPage, PersonPatch,
  PersonUpsert, ProfessionList,
} from '@lagverk/shared';
import type { Kysely } from 'kysely';
import type { DB } from '../db/types.ts';
import { notFound, unprocessable } from '../http/problem.ts';
import { ifMatchVersion, setEtag } from '../http/preconditions.ts';
import { json, problemResponses, writeProblems } from '../http/responses.ts';
import { findPerson, listPeople, listProfessions, toPerson } from './repository.ts';
import { createPerson, deletePerson, patchPerson, setPersonActive, upsertPerson } from './service.ts';

const tags = ['People'];

export const peopleRoutes: FastifyPluginAsyncTypebox<{ db: Kysely<DB> }> = async (app, { db }) => {
  app.get('/people', {
    config: { permission: 'people:read' },
    schema: {
      operationId: 'listPeople', tags, summary: 'List people',
      description: 'Employees of the organisation. `q` searches name and email; filter by unit, profession and active.',
      querystring: PersonListQuery,
      response: { 200: json(PersonPage, 'A page of people.'), ...problemResponses() },
    },
  }, async (request) => listPeople(db, actorOf(request).organisationId, request.query));

  app.get('/professions', {
    config: { permission: 'people:read' },
    schema: {
      operationId: 'listProfessions', tags, summary: 'List professions in use',
      description: 'Each profession held by active people, with how many hold it. Not paged: an organisation has a few dozen at most (500 returned at the most).',
      querystring: Type.Object({}, { additionalProperties: false }),
      response: { 200: json(ProfessionList, 'The professions, alphabetically.'), ...problemResponses() },
    },
  }, async (request) => ({ items: await listProfessions(db, actorOf(request).organisationId), nextCursor: null }));

  app.post('/people', {
    config: { permission: 'people:write', idempotent: true },
    schema: {
      operationId: 'createPerson', tags, summary: 'Create a person',
      description: 'Adds an employee. `email` and `externalId` are unique in the organisation (409). Send `Idempotency-Key` to retry safely.',
      headers: IdempotencyHeaders, body: PersonCreate,
      response: { 201: json(Person, 'The person as created; `Location` and `ETag` are set.'), ...problemResponses(409, ...writeProblems) },
    },
  }, async (request, reply) => {
    const row = await createPerson(db, actorOf(request).organisationId, request.body);
    setEtag(reply, row.version);
    return reply.code(201).header('location', `/api/v1/people/${row.id}`).send(toPerson(row));
  });

  app.get('/people/:id', {
    config: { permission: 'people:read' },
    schema: {
      operationId: 'getPerson', tags, summary: 'Get a person', description: 'One person, with their version as `ETag`.',
      params: IdParams,
      response: { 200: json(Person, 'The person.'), ...problemResponses(404) },
    },
  }, async (request, reply) => {
    const row = await findPerson(db, actorOf(request).organisationId, request.params.id);
    if (!row) throw notFound('The person');
    setEtag(reply, row.version);
    return toPerson(row);
  });

  app.patch('/people/:id', {
    config: { permission: 'people:write' },
    schema: {
      operationId: 'updatePerson', tags, summary: 'Edit a person', description: 'Changes the fields sent. Requires `If-Match`.',
      params: IdParams, headers: IfMatchHeaders, body: PersonPatch,
      response: { 200: json(Person, 'The person after the edit.'), ...problemResponses(404, 409, 412, 428, ...writeProblems) },
    },
  }, async (request, reply) => {
    const actor = actorOf(request);
    const row = await patchPerson(db, actor.organisationId, request.params.id, ifMatchVersion(request, true), request.body, {
      mayReassignPrivileged: grantOf(actor, 'accounts:write') === 'all',
    });
    setEtag(reply, row.version);
    return toPerson(row);
  });

  app.delete('/people/:id', {
    config: { permission: 'people:write' },
    schema: {
      operationId: 'deletePerson', tags, summary: 'Delete a person',
      description: 'Deletes a person nothing refers to, such as one registered by mistake. Someone who has left is deactivated instead, so history is kept (409 says so). Requires `If-Match`.',
      params: IdParams, headers: IfMatchHeaders,
      response: { 204: { description: 'Deleted.', type: 'null' }, ...problemResponses(404, 409, 412, 428) },
    },
  }, async (request, reply) => {
    await deletePerson(db, actorOf(request).organisationId, request.params.id, ifMatchVersion(request, true));
    return reply.code(204).send(null);
  });

  app.put('/people/by-external-id/:externalId', {
    config: { permission: 'people:write' },
    schema: {
      operationId: 'upsertPersonByExternalId', tags, summary: 'Create or replace a person by external id',
      description: "For the HR system: creates the person with this `externalId` (201) or replaces them (200). Fields left out are cleared; `active` defaults to true. `If-Match` is honoured when sent.",
      params: ExternalIdParams, headers: IfMatchHeaders, body: PersonUpsert,
      response: {
        200: json(Person, 'The person was replaced.'),
        201: json(Person, 'The person was created.'),
        ...problemResponses(404, 409, 412, ...writeProblems),
      },
    },
  }, async (request, reply) => {
    const { row, created } = await upsertPerson(db, actorOf(request).organisationId, request.params.externalId, ifMatchVersion(request, false), request.body);
    setEtag(reply, row.version);
    if (created) reply.code(201).header('location', `/api/v1/people/${row.id}`);
    return toPerson(row);
  });

  for (const action of ['deactivate', 'reactivate'] as const) {
    app.post(`/people/:id/${action}`, {
      config: { permission: 'people:write' },
      schema: {
        operationId: `${action}Person`, tags,
        summary: action === 'deactivate' ? 'Deactivate a person' : 'Reactivate a person',
        description: action === 'deactivate'
          ? 'Marks someone who has left as inactive; history keeps referring to them. They leave their teams, and their account is deactivated: its sessions end and the integration tokens it created are revoked. Nobody can deactivate themselves (422 `own-account`). `If-Match` is honoured when sent.'
          : 'Marks the person active again. `If-Match` is honoured when sent.',
        params: IdParams, headers: IfMatchHeaders,
        body: Type.Optional(Type.Object({}, { additionalProperties: false })),
        response: { 200: json(Person, 'The person after the change.'), ...problemResponses(404, 412, 415, ...(action === 'deactivate' ? [422] : [])) },
      },
    }, async (request, reply) => {
      // Deactivating oneself would end one's own access: perhaps the organisation's last administrator's.
      if (action === 'deactivate' && actorOf(request).personId === request.params.id) {
        throw unprocessable('own-account', 'You cannot deactivate yourself; ask another administrator or HR.');
      }
      const row = await setPersonActive(db, actorOf(request).organisationId, request.params.id, ifMatchVersion(request, false), action === 'reactivate');
      setEtag(reply, row.version);
      return toPerson(row);
    });
  }
};
