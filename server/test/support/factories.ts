import { randomUUID } from 'node:crypto';
import { expect } from 'vitest';
import type { Kysely } from 'kysely';
import type { LightMyRequestResponse } from 'fastify';
import type { Person, PersonCreate, Unit, UnitCreate } from '@lagverk/shared';
import type { App } from '../../src/app.ts';
import type { DB } from '../../src/db/types.ts';
import { integrationToken } from './database.ts';

// Small builders for test data, made through the API itself so every fixture passed
// the same validation and rules a real caller's would.

/** Headers that make a request act as `organisationId`'s integration with every scope. */
export const as = (organisationId: string, extra: Record<string, string> = {}) => ({
  authorization: `Bearer ${integrationToken(organisationId)}`,
  ...extra,
});

/** A short unique suffix, so names and keys never collide between tests sharing an org. */
export const unique = () => randomUUID().slice(0, 8);

export async function createUnit(app: App, organisationId: string, overrides: Partial<UnitCreate> = {}): Promise<Unit> {
  const res = await app.inject({
    method: 'POST',
    url: '/api/v1/units',
    headers: as(organisationId),
    payload: { name: `Eining ${unique()}`, kind: 'unit', ...overrides },
  });
  if (res.statusCode !== 201) throw new Error(`createUnit failed with ${res.statusCode}: ${res.body}`);
  return res.json<Unit>();
}

export async function createPerson(app: App, organisationId: string, overrides: Partial<PersonCreate> = {}): Promise<Person> {
  const res = await app.inject({
    method: 'POST',
    url: '/api/v1/people',
    headers: as(organisationId),
    payload: { name: `Person ${unique()}`, ...overrides },
  });
  if (res.statusCode !== 201) throw new Error(`createPerson failed with ${res.statusCode}: ${res.body}`);
  return res.json<Person>();
}

/** A resource's current state, read through the API (for the current version). */
export async function fetchJson<T>(app: App, organisationId: string, url: string): Promise<T> {
  const res = await app.inject({ method: 'GET', url, headers: as(organisationId) });
  if (res.statusCode !== 200) throw new Error(`GET ${url} failed with ${res.statusCode}: ${res.body}`);
  return res.json<T>();
}

/**
 * Everything an organisation has in the database, row by row, so a test can show a
 * refused request changed nothing (not even a version or a timestamp).
 */
export async function snapshot(db: Kysely<DB>, organisationId: string) {
  const [organisation, units, people, keys] = await Promise.all([
    db.selectFrom('organisations').selectAll().where('id', '=', organisationId).execute(),
    db.selectFrom('units').selectAll().where('organisation_id', '=', organisationId).orderBy('id').execute(),
    db.selectFrom('people').selectAll().where('organisation_id', '=', organisationId).orderBy('id').execute(),
    db
      .selectFrom('idempotency_keys')
      .select(['key', 'response_status'])
      .where('organisation_id', '=', organisationId)
      .orderBy('key')
      .execute(),
  ]);
  return { organisation, units, people, keys };
}

export async function countRows(db: Kysely<DB>, organisationId: string) {
  const s = await snapshot(db, organisationId);
  return { units: s.units.length, people: s.people.length };
}

/** Asserts an RFC 9457 problem response with every field API.md promises. */
export function expectProblem(res: LightMyRequestResponse, status: number, code?: string) {
  expect(res.statusCode, res.body).toBe(status);
  expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
  const body = res.json<Record<string, unknown>>();
  expect(body).toMatchObject({ status, type: expect.stringMatching(/^urn:lagverk:problem:/) });
  for (const field of ['type', 'title', 'detail', 'instance', 'code', 'requestId']) {
    expect(typeof body[field], `problem field ${field}`).toBe('string');
  }
  expect(body.requestId).toBe(res.headers['x-request-id']);
  if (code) expect(body.code).toBe(code);
  return body as {
    code: string;
    errors?: { path: string; message: string; code: string }[];
    currentVersion?: number;
    detail: string;
  };
}

/** A validation problem whose `errors` include every given JSON pointer. */
export function expectValidation(res: LightMyRequestResponse, ...paths: string[]) {
  const body = expectProblem(res, 400);
  expect(Array.isArray(body.errors), 'errors[] present').toBe(true);
  const seen = body.errors!.map((e) => e.path);
  for (const path of paths) expect(seen).toContain(path);
  return body;
}
