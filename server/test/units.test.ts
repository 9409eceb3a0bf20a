import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Unit, UnitPage } from '@lagverk/shared';
import { createTestApp, type TestContext } from './support/app.ts';
import { createOrganisation } from './support/database.ts';
import { resourceRequests } from './support/requests.ts';
import { as, createPerson, createUnit, expectProblem, fetchJson, snapshot } from './support/factories.ts';

let t: TestContext;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.close());

/** Each test that counts or lists gets an organisation of its own. */
async function newOrg() {
  return (await createOrganisation(t.db)).id;
}

const { action, list, patch, remove, upsert } = resourceRequests<Unit>(() => t.app, 'units');

describe('creating and reading a unit', () => {
  it('answers 201 with Location, ETag and the stored unit', async () => {
    const org = await newOrg();
    const manager = await createPerson(t.app, org);
    const parent = await createUnit(t.app, org, { kind: 'serviceArea' });
    const res = await t.inject({
      method: 'POST',
      url: '/api/v1/units',
      headers: as(org),
      payload: {
        name: 'Hjemmetjenesten',
        kind: 'unit',
        parentId: parent.id,
        managerId: manager.id,
        description: 'Hjemmebaserte tjenester',
        externalId: 'ORG-1',
      },
    });
    expect(res.statusCode, res.body).toBe(201);
    const unit = res.json<Unit>();
    expect(unit).toMatchObject({
      name: 'Hjemmetjenesten',
      kind: 'unit',
      parentId: parent.id,
      managerId: manager.id,
      description: 'Hjemmebaserte tjenester',
      externalId: 'ORG-1',
      active: true,
      version: 1,
    });
    expect(res.headers.location).toBe(`/api/v1/units/${unit.id}`);
    expect(res.headers.etag).toBe('"1"');
    expect(Date.parse(unit.createdAt)).not.toBeNaN();

    const got = await t.inject({ method: 'GET', url: res.headers.location as string, headers: as(org) });
    expect(got.statusCode).toBe(200);
    expect(got.headers.etag).toBe('"1"');
    expect(got.json()).toEqual(unit);
  });

  it('fills optional fields with null', async () => {
    const org = await newOrg();
    const unit = await createUnit(t.app, org, { name: 'Bare navn', kind: 'section' });
    expect(unit).toMatchObject({ parentId: null, managerId: null, description: null, externalId: null, active: true });
  });

  it('answers 404 problem+json for an unknown id', async () => {
    const res = await t.inject({ method: 'GET', url: '/api/v1/units/00000000-0000-4000-8000-000000000000' });
    expectProblem(res, 404, 'not-found');
  });

  it('refuses a second unit with the same externalId in the organisation', async () => {
    const org = await newOrg();
    await createUnit(t.app, org, { externalId: 'DUP-1' });
    const res = await t.inject({
      method: 'POST',
      url: '/api/v1/units',
      headers: as(org),
      payload: { name: 'Kopi', kind: 'unit', externalId: 'DUP-1' },
    });
    const body = expectProblem(res, 409, 'duplicate');
    expect(body.errors?.[0]?.path).toBe('/body/externalId');
    expect((await snapshot(t.db, org)).units).toHaveLength(1);
  });
});

describe('listing units', () => {
  let org: string;
  let area: Unit;
  let child: Unit;
  let section: Unit;
  let inactive: Unit;
  beforeAll(async () => {
    org = await newOrg();
    area = await createUnit(t.app, org, { name: 'Helse og omsorg', kind: 'serviceArea' });
    child = await createUnit(t.app, org, { name: 'Hjemmetjenesten', kind: 'unit', parentId: area.id });
    section = await createUnit(t.app, org, { name: 'Sone nord', kind: 'section', parentId: child.id });
    inactive = await createUnit(t.app, org, { name: 'Gamle helsekontoret', kind: 'unit' });
    const res = await action(org, inactive.id, 'deactivate');
    expect(res.statusCode, res.body).toBe(200);
    // A later edit, so updatedAt order differs from createdAt order.
    const edited = await patch(org, area.id, 1, { description: 'Endret sist' });
    expect(edited.statusCode, edited.body).toBe(200);
  });

  const names = (page: UnitPage) => page.items.map((u) => u.name);

  it('sorts by name by default, and by every other sort it offers', async () => {
    expect(names(await list(org, ''))).toEqual(['Gamle helsekontoret', 'Helse og omsorg', 'Hjemmetjenesten', 'Sone nord']);
    expect(names(await list(org, 'sort=-name'))).toEqual([
      'Sone nord',
      'Hjemmetjenesten',
      'Helse og omsorg',
      'Gamle helsekontoret',
    ]);
    expect(names(await list(org, 'sort=createdAt'))).toEqual([
      'Helse og omsorg',
      'Hjemmetjenesten',
      'Sone nord',
      'Gamle helsekontoret',
    ]);
    expect(names(await list(org, 'sort=-createdAt'))).toEqual([
      'Gamle helsekontoret',
      'Sone nord',
      'Hjemmetjenesten',
      'Helse og omsorg',
    ]);
    expect(names(await list(org, 'sort=-updatedAt'))[0]).toBe('Helse og omsorg');
    expect(names(await list(org, 'sort=updatedAt')).at(-1)).toBe('Helse og omsorg');
  });

  it('searches names case-insensitively, with % and _ taken literally', async () => {
    expect(names(await list(org, 'q=HELSE'))).toEqual(['Gamle helsekontoret', 'Helse og omsorg']);
    expect(names(await list(org, 'q=nord'))).toEqual(['Sone nord']);
    expect((await list(org, 'q=%25')).items).toEqual([]);
    expect((await list(org, 'q=_')).items).toEqual([]);
  });

  it('filters by kind, parent and active', async () => {
    expect(names(await list(org, 'kind=section'))).toEqual(['Sone nord']);
    expect(names(await list(org, 'kind=unit'))).toEqual(['Gamle helsekontoret', 'Hjemmetjenesten']);
    expect(names(await list(org, `parentId=${area.id}`))).toEqual(['Hjemmetjenesten']);
    expect(names(await list(org, `parentId=${child.id}`))).toEqual(['Sone nord']);
    expect(names(await list(org, 'parentId=none'))).toEqual(['Gamle helsekontoret', 'Helse og omsorg']);
    expect(names(await list(org, 'active=false'))).toEqual(['Gamle helsekontoret']);
    expect(names(await list(org, 'active=true&kind=unit'))).toEqual(['Hjemmetjenesten']);
    expect(section.parentId).toBe(child.id);
  });

  it('pages with limit and nextCursor', async () => {
    const first = await list(org, 'limit=3');
    expect(first.items).toHaveLength(3);
    expect(first.nextCursor).toEqual(expect.any(String));
    const second = await list(org, `limit=3&cursor=${first.nextCursor}`);
    expect(names(second)).toEqual(['Sone nord']);
    expect(second.nextCursor).toBeNull();
  });
});

describe('editing a unit with If-Match', () => {
  it('applies the change and bumps the version and ETag', async () => {
    const org = await newOrg();
    const unit = await createUnit(t.app, org, { name: 'Før', description: 'beholdes' });
    const res = await patch(org, unit.id, 1, { name: 'Etter' });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ name: 'Etter', description: 'beholdes', version: 2 });
    expect(res.headers.etag).toBe('"2"');
    expect(Date.parse(res.json<Unit>().updatedAt)).toBeGreaterThanOrEqual(Date.parse(unit.updatedAt));
  });

  it('clears a field sent as null', async () => {
    const org = await newOrg();
    const unit = await createUnit(t.app, org, { description: 'vekk' });
    const res = await patch(org, unit.id, 1, { description: null });
    expect(res.json()).toMatchObject({ description: null, version: 2 });
  });

  it('refuses a stale version with 412 and the current version, changing nothing', async () => {
    const org = await newOrg();
    const unit = await createUnit(t.app, org, { name: 'Original' });
    expect((await patch(org, unit.id, 1, { name: 'Første' })).statusCode).toBe(200);
    const before = await snapshot(t.db, org);
    const stale = await patch(org, unit.id, 1, { name: 'Andre' });
    const body = expectProblem(stale, 412, 'stale-version');
    expect(body.currentVersion).toBe(2);
    expect(stale.headers.etag).toBe('"2"');
    expect(await snapshot(t.db, org)).toEqual(before);
  });

  it('requires If-Match (428) and refuses a malformed one (400)', async () => {
    const org = await newOrg();
    const unit = await createUnit(t.app, org);
    expectProblem(await patch(org, unit.id, null, { name: 'X' }), 428, 'if-match-required');
    for (const bad of ['1', '"abc"', '"1", "2"', 'W/']) {
      const res = await t.inject({
        method: 'PATCH',
        url: `/api/v1/units/${unit.id}`,
        headers: as(org, { 'if-match': bad }),
        payload: { name: 'X' },
      });
      expectProblem(res, 400, 'invalid-if-match');
    }
    expect(await fetchJson<Unit>(t.app, org, `/api/v1/units/${unit.id}`)).toMatchObject({ name: unit.name, version: 1 });
  });

  it('accepts a weak ETag and *', async () => {
    const org = await newOrg();
    const unit = await createUnit(t.app, org);
    const weak = await t.inject({
      method: 'PATCH',
      url: `/api/v1/units/${unit.id}`,
      headers: as(org, { 'if-match': 'W/"1"' }),
      payload: { name: 'Svak' },
    });
    expect(weak.statusCode, weak.body).toBe(200);
    const any = await t.inject({
      method: 'PATCH',
      url: `/api/v1/units/${unit.id}`,
      headers: as(org, { 'if-match': '*' }),
      payload: { name: 'Hva som helst' },
    });
    expect(any.json()).toMatchObject({ name: 'Hva som helst', version: 3 });
  });

  it('answers 404 for an unknown unit', async () => {
    expectProblem(await patch(t.organisationId, '00000000-0000-4000-8000-000000000000', 1, { name: 'X' }), 404, 'not-found');
  });
});

describe('deleting a unit', () => {
  it('deletes with the current version (204) and then answers 404', async () => {
    const org = await newOrg();
    const unit = await createUnit(t.app, org);
    const res = await remove(org, unit.id, 1);
    expect(res.statusCode).toBe(204);
    expect(res.body).toBe('');
    expectProblem(await t.inject({ method: 'GET', url: `/api/v1/units/${unit.id}`, headers: as(org) }), 404);
    expectProblem(await remove(org, unit.id, 1), 404);
  });

  it('requires If-Match (428) and a current one (412)', async () => {
    const org = await newOrg();
    const unit = await createUnit(t.app, org);
    expectProblem(await remove(org, unit.id, null), 428);
    expect(expectProblem(await remove(org, unit.id, 7), 412).currentVersion).toBe(1);
    expect((await snapshot(t.db, org)).units).toHaveLength(1);
  });

  it('refuses a unit that has sub-units or people, even inactive ones (409)', async () => {
    const org = await newOrg();
    const parent = await createUnit(t.app, org);
    await createUnit(t.app, org, { parentId: parent.id });
    const home = await createUnit(t.app, org);
    const member = await createPerson(t.app, org, { unitId: home.id });
    expect(
      (await t.inject({ method: 'POST', url: `/api/v1/people/${member.id}/deactivate`, headers: as(org) })).statusCode,
    ).toBe(200);
    const before = await snapshot(t.db, org);
    expectProblem(await remove(org, parent.id, 1), 409, 'unit-in-use');
    expectProblem(await remove(org, home.id, 1), 409, 'unit-in-use');
    expect(await snapshot(t.db, org)).toEqual(before);
  });

  it('deletes a unit that has a manager (the person stays)', async () => {
    const org = await newOrg();
    const manager = await createPerson(t.app, org);
    const unit = await createUnit(t.app, org, { managerId: manager.id });
    expect((await remove(org, unit.id, 1)).statusCode).toBe(204);
    expect(await fetchJson(t.app, org, `/api/v1/people/${manager.id}`)).toMatchObject({ id: manager.id });
  });
});

describe('PUT by external id', () => {
  it('creates (201 with Location), then replaces (200), clearing fields left out', async () => {
    const org = await newOrg();
    const parent = await createUnit(t.app, org, { kind: 'serviceArea' });
    const manager = await createPerson(t.app, org);
    const created = await upsert(org, 'HR/ORG 7', {
      name: 'Skole',
      kind: 'unit',
      parentId: parent.id,
      managerId: manager.id,
      description: 'Barneskole',
    });
    expect(created.statusCode, created.body).toBe(201);
    const unit = created.json<Unit>();
    expect(unit).toMatchObject({
      externalId: 'HR/ORG 7',
      parentId: parent.id,
      managerId: manager.id,
      description: 'Barneskole',
      version: 1,
    });
    expect(created.headers.location).toBe(`/api/v1/units/${unit.id}`);
    expect(created.headers.etag).toBe('"1"');

    const replaced = await upsert(org, 'HR/ORG 7', { name: 'Skule', kind: 'section' });
    expect(replaced.statusCode, replaced.body).toBe(200);
    expect(replaced.headers.location).toBeUndefined();
    expect(replaced.json()).toMatchObject({
      id: unit.id,
      name: 'Skule',
      kind: 'section',
      parentId: null,
      managerId: null,
      description: null,
      externalId: 'HR/ORG 7',
      version: 2,
    });
    expect((await snapshot(t.db, org)).units).toHaveLength(2);
  });

  it('honours If-Match: 412 when stale, 404 when the unit does not exist yet', async () => {
    const org = await newOrg();
    await upsert(org, 'E1', { name: 'A', kind: 'unit' });
    expect((await upsert(org, 'E1', { name: 'B', kind: 'unit' }, { 'if-match': '"1"' })).json()).toMatchObject({
      name: 'B',
      version: 2,
    });
    const stale = await upsert(org, 'E1', { name: 'C', kind: 'unit' }, { 'if-match': '"1"' });
    expect(expectProblem(stale, 412, 'stale-version').currentVersion).toBe(2);
    expectProblem(await upsert(org, 'E2', { name: 'Ny', kind: 'unit' }, { 'if-match': '"1"' }), 404);
    expectProblem(await upsert(org, 'E1', { name: 'C', kind: 'unit' }, { 'if-match': 'nonsense' }), 400, 'invalid-if-match');
    const units = (await snapshot(t.db, org)).units;
    expect(units.map((u) => [u.external_id, u.name, u.version])).toEqual([['E1', 'B', 2]]);
  });
});
