import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Person, Unit } from '@lagverk/shared';
import { createTestApp, type TestContext } from './support/app.ts';
import { createOrganisation } from './support/database.ts';
import { as, createPerson, createUnit, expectProblem, snapshot } from './support/factories.ts';

// Two municipalities on one installation: neither can see, change or even detect the
// other's rows. An id of the other organisation answers exactly like an unknown id.

let t: TestContext;
let mine: string;
let theirs: string;
let theirUnit: Unit;
let theirChild: Unit;
let theirPerson: Person;
let theirManager: Person;
let myUnit: Unit;
let myPerson: Person;

beforeAll(async () => {
  t = await createTestApp();
  mine = (await createOrganisation(t.db, { name: 'Min kommune' })).id;
  theirs = (await createOrganisation(t.db, { name: 'Nabokommunen', writtenStandard: 'nn' })).id;
  theirManager = await createPerson(t.app, theirs, {
    name: 'Nabo Leder',
    email: 'leder@nabo.no',
    externalId: 'HR-1',
    profession: 'Ledelse',
  });
  theirUnit = await createUnit(t.app, theirs, {
    name: 'Nabo helse',
    kind: 'serviceArea',
    managerId: theirManager.id,
    externalId: 'ORG-1',
  });
  theirChild = await createUnit(t.app, theirs, { name: 'Nabo heimeteneste', parentId: theirUnit.id });
  theirPerson = await createPerson(t.app, theirs, {
    name: 'Nabo Tilsett',
    unitId: theirChild.id,
    profession: 'Sjukepleie',
    externalId: 'HR-2',
  });
  myUnit = await createUnit(t.app, mine, { name: 'Min helse' });
  myPerson = await createPerson(t.app, mine, { name: 'Min Ansatt', unitId: myUnit.id });
});
afterAll(() => t.close());

describe('ids of another organisation', () => {
  it('answer 404 to every read, edit, delete and action, and change nothing', async () => {
    const before = await snapshot(t.db, theirs);
    const requests = [];
    for (const [resource, row] of [
      ['units', theirUnit],
      ['units', theirChild],
      ['people', theirPerson],
      ['people', theirManager],
    ] as const) {
      const url = `/api/v1/${resource}/${row.id}`;
      requests.push(
        { method: 'GET', url },
        { method: 'PATCH', url, headers: { 'if-match': '"1"' }, payload: { name: 'Kapret' } },
        { method: 'PATCH', url, headers: { 'if-match': '*' }, payload: { name: 'Kapret' } },
        { method: 'DELETE', url, headers: { 'if-match': '"1"' } },
        { method: 'DELETE', url, headers: { 'if-match': '*' } },
        { method: 'POST', url: `${url}/deactivate` },
        { method: 'POST', url: `${url}/reactivate` },
      );
    }
    for (const req of requests) {
      const res = await t.app.inject({
        ...req,
        method: req.method as 'GET',
        headers: as(mine, 'headers' in req ? req.headers : {}),
      });
      expectProblem(res, 404, 'not-found');
    }
    expect(await snapshot(t.db, theirs)).toEqual(before);
  });

  it('answer 422 when used as a reference, like an id that does not exist', async () => {
    const before = await snapshot(t.db, theirs);
    const missing = '00000000-0000-4000-8000-000000000000';
    for (const id of [theirUnit.id, missing]) {
      const unit = await t.app.inject({
        method: 'POST',
        url: '/api/v1/units',
        headers: as(mine),
        payload: { name: 'X', kind: 'unit', parentId: id },
      });
      const person = await t.app.inject({
        method: 'PATCH',
        url: `/api/v1/people/${myPerson.id}`,
        headers: as(mine, { 'if-match': '"1"' }),
        payload: { unitId: id },
      });
      // Same status, code and detail: nothing tells a foreign id from a missing one.
      const a = expectProblem(unit, 422, 'unknown-reference');
      const b = expectProblem(person, 422, 'unknown-reference');
      expect([a.detail, b.detail]).toEqual([expect.stringContaining('unit'), expect.stringContaining('unit')]);
    }
    const managed = await t.app.inject({
      method: 'PATCH',
      url: `/api/v1/units/${myUnit.id}`,
      headers: as(mine, { 'if-match': '"1"' }),
      payload: { managerId: theirManager.id },
    });
    expectProblem(managed, 422, 'unknown-reference');
    expect(await snapshot(t.db, theirs)).toEqual(before);
  });
});

describe('lists', () => {
  it('never show the other organisation\u2019s rows, whatever the filter', async () => {
    const urls = [
      '/api/v1/units',
      '/api/v1/units?limit=200',
      '/api/v1/units?q=Nabo',
      `/api/v1/units?parentId=${theirUnit.id}`,
      '/api/v1/units?kind=serviceArea',
      '/api/v1/people',
      '/api/v1/people?q=nabo',
      '/api/v1/people?q=leder%40nabo.no',
      `/api/v1/people?unitId=${theirChild.id}`,
      '/api/v1/people?profession=Sjukepleie',
      '/api/v1/people?sort=-createdAt',
    ];
    const theirIds = [theirUnit.id, theirChild.id, theirPerson.id, theirManager.id];
    for (const url of urls) {
      const res = await t.app.inject({ method: 'GET', url, headers: as(mine) });
      expect(res.statusCode, url).toBe(200);
      const ids = res.json<{ items: { id: string }[] }>().items.map((i) => i.id);
      for (const id of theirIds) expect(ids, url).not.toContain(id);
    }
    const mineOnly = await t.app.inject({ method: 'GET', url: '/api/v1/units', headers: as(mine) });
    expect(mineOnly.json().items.map((u: Unit) => u.id)).toEqual([myUnit.id]);
  });

  it('count only the caller\u2019s professions', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/api/v1/professions', headers: as(mine) });
    expect(res.json().items).toEqual([]);
  });

  it('show the organisation itself only to its members', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/api/v1/organisations/current', headers: as(mine) });
    expect(res.json()).toMatchObject({ id: mine, name: 'Min kommune' });
  });
});

describe('external ids', () => {
  it('belong to one organisation: the same key upserts a separate row, leaving the other untouched', async () => {
    const before = await snapshot(t.db, theirs);
    const person = await t.app.inject({
      method: 'PUT',
      url: '/api/v1/people/by-external-id/HR-2',
      headers: as(mine),
      payload: { name: 'Min HR-2' },
    });
    expect(person.statusCode, person.body).toBe(201);
    expect(person.json<Person>().id).not.toBe(theirPerson.id);
    const unit = await t.app.inject({
      method: 'PUT',
      url: '/api/v1/units/by-external-id/ORG-1',
      headers: as(mine),
      payload: { name: 'Min ORG-1', kind: 'unit' },
    });
    expect(unit.statusCode, unit.body).toBe(201);
    expect(unit.json<Unit>().id).not.toBe(theirUnit.id);
    // With If-Match a PUT only edits an existing row: the other's row is not one.
    const guarded = await t.app.inject({
      method: 'PUT',
      url: '/api/v1/units/by-external-id/ORG-1-none',
      headers: as(mine, { 'if-match': '"1"' }),
      payload: { name: 'X', kind: 'unit' },
    });
    expectProblem(guarded, 404);
    expect(await snapshot(t.db, theirs)).toEqual(before);
  });

  it('and emails too: the same address is free in another organisation', async () => {
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/v1/people',
      headers: as(mine),
      payload: { name: 'Samme e-post', email: 'LEDER@nabo.no' },
    });
    expect(res.statusCode, res.body).toBe(201);
  });
});

describe('idempotency keys', () => {
  it('are kept per organisation: the same key in another organisation is a new request', async () => {
    const key = 'shared-key-1';
    const a = await t.app.inject({
      method: 'POST',
      url: '/api/v1/units',
      headers: as(mine, { 'idempotency-key': key }),
      payload: { name: 'Med nøkkel', kind: 'unit' },
    });
    const b = await t.app.inject({
      method: 'POST',
      url: '/api/v1/units',
      headers: as(theirs, { 'idempotency-key': key }),
      payload: { name: 'Med nøkkel', kind: 'unit' },
    });
    expect([a.statusCode, b.statusCode]).toEqual([201, 201]);
    expect(b.headers['idempotent-replayed']).toBeUndefined();
    expect(b.json<Unit>().id).not.toBe(a.json<Unit>().id);
    const theirRows = await t.db
      .selectFrom('units')
      .select('id')
      .where('organisation_id', '=', theirs)
      .where('name', '=', 'Med nøkkel')
      .execute();
    expect(theirRows.map((r) => r.id)).toEqual([b.json<Unit>().id]);
  });
});
