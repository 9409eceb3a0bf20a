import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Person, Unit } from '@lagverk/shared';
import { createTestApp, type TestContext } from './support/app.ts';
import { createOrganisation } from './support/database.ts';
import { resourceRequests } from './support/requests.ts';
import { as, createPerson, createUnit, expectProblem, fetchJson, snapshot } from './support/factories.ts';

// The rules that keep the unit tree sound: no cycles, no references across
// organisations, and deactivation that follows the tree.

let t: TestContext;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.close());

/** Each test that counts or lists gets an organisation of its own. */
async function newOrg() {
  return (await createOrganisation(t.db)).id;
}

const { action, patch, post, upsert } = resourceRequests<Unit>(() => t.app, 'units');
const people = resourceRequests<Person>(() => t.app, 'people');

describe('the unit tree has no cycles', () => {
  it('refuses a unit as its own parent (422)', async () => {
    const org = await newOrg();
    const unit = await createUnit(t.app, org);
    const res = await patch(org, unit.id, 1, { parentId: unit.id });
    const body = expectProblem(res, 422, 'unit-cycle');
    expect(body.errors?.[0]?.path).toBe('/body/parentId');
    expect(await fetchJson<Unit>(t.app, org, `/api/v1/units/${unit.id}`)).toMatchObject({ parentId: null, version: 1 });
  });

  it('refuses moving a unit below its own child or grandchild (422)', async () => {
    const org = await newOrg();
    const top = await createUnit(t.app, org, { kind: 'serviceArea' });
    const child = await createUnit(t.app, org, { parentId: top.id });
    const grandchild = await createUnit(t.app, org, { kind: 'section', parentId: child.id });
    const before = await snapshot(t.db, org);
    expectProblem(await patch(org, top.id, 1, { parentId: child.id }), 422, 'unit-cycle');
    expectProblem(await patch(org, top.id, 1, { parentId: grandchild.id }), 422, 'unit-cycle');
    expect(await snapshot(t.db, org)).toEqual(before);
  });

  it('refuses the same cycle through PUT by external id', async () => {
    const org = await newOrg();
    const top = await upsert(org, 'TOP', { name: 'Topp', kind: 'serviceArea' });
    expect(top.statusCode).toBe(201);
    const child = await createUnit(t.app, org, { parentId: top.json<Unit>().id });
    const res = await upsert(org, 'TOP', { name: 'Topp', kind: 'serviceArea', parentId: child.id });
    expectProblem(res, 422, 'unit-cycle');
  });

  it('still allows moving a unit sideways or to the top', async () => {
    const org = await newOrg();
    const a = await createUnit(t.app, org, { kind: 'serviceArea' });
    const b = await createUnit(t.app, org, { kind: 'serviceArea' });
    const child = await createUnit(t.app, org, { parentId: a.id });
    const moved = await patch(org, child.id, 1, { parentId: b.id });
    expect(moved.json()).toMatchObject({ parentId: b.id, version: 2 });
    const top = await patch(org, child.id, 2, { parentId: null });
    expect(top.json()).toMatchObject({ parentId: null, version: 3 });
  });
});

describe('references to another organisation', () => {
  it('refuses parentId and managerId from another organisation with 422, writing nothing', async () => {
    const org = await newOrg();
    const other = await newOrg();
    const foreignUnit = await createUnit(t.app, other);
    const foreignPerson = await createPerson(t.app, other);
    const before = await snapshot(t.db, org);
    const otherBefore = await snapshot(t.db, other);

    const withParent = await t.app.inject({
      method: 'POST',
      url: '/api/v1/units',
      headers: as(org),
      payload: { name: 'X', kind: 'unit', parentId: foreignUnit.id },
    });
    expect(expectProblem(withParent, 422, 'unknown-reference').errors?.[0]?.path).toBe('/body/parentId');
    const withManager = await t.app.inject({
      method: 'POST',
      url: '/api/v1/units',
      headers: as(org),
      payload: { name: 'X', kind: 'unit', managerId: foreignPerson.id },
    });
    expect(expectProblem(withManager, 422, 'unknown-reference').errors?.[0]?.path).toBe('/body/managerId');
    expectProblem(await upsert(org, 'EXT', { name: 'X', kind: 'unit', parentId: foreignUnit.id }), 422, 'unknown-reference');
    expect(await snapshot(t.db, org)).toEqual(before);

    const own = await createUnit(t.app, org);
    const ownBefore = await snapshot(t.db, org);
    expectProblem(await patch(org, own.id, 1, { parentId: foreignUnit.id }), 422, 'unknown-reference');
    expectProblem(await patch(org, own.id, 1, { managerId: foreignPerson.id }), 422, 'unknown-reference');
    expect(await snapshot(t.db, org)).toEqual(ownBefore);
    expect(await snapshot(t.db, other)).toEqual(otherBefore);
  });

  it('refuses a parent or manager that does not exist at all', async () => {
    const org = await newOrg();
    const missing = '00000000-0000-4000-8000-000000000001';
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/v1/units',
      headers: as(org),
      payload: { name: 'X', kind: 'unit', parentId: missing, managerId: missing },
    });
    expectProblem(res, 422, 'unknown-reference');
    expect((await snapshot(t.db, org)).units).toHaveLength(0);
  });
});

describe('deactivating and reactivating', () => {
  it('deactivates a unit, keeps it idempotent, and reactivates it', async () => {
    const org = await newOrg();
    const unit = await createUnit(t.app, org);
    const off = await action(org, unit.id, 'deactivate');
    expect(off.statusCode, off.body).toBe(200);
    expect(off.json()).toMatchObject({ active: false, version: 2 });
    expect(off.headers.etag).toBe('"2"');
    expect((await action(org, unit.id, 'deactivate')).json()).toMatchObject({ active: false, version: 2 });
    expect((await action(org, unit.id, 'reactivate')).json()).toMatchObject({ active: true, version: 3 });
  });

  it('refuses to deactivate while active sub-units or people remain (409)', async () => {
    const org = await newOrg();
    const parent = await createUnit(t.app, org);
    const child = await createUnit(t.app, org, { parentId: parent.id });
    const person = await createPerson(t.app, org, { unitId: child.id });
    expectProblem(await action(org, parent.id, 'deactivate'), 409, 'unit-in-use');
    expectProblem(await action(org, child.id, 'deactivate'), 409, 'unit-in-use');
    expect(
      (await t.app.inject({ method: 'POST', url: `/api/v1/people/${person.id}/deactivate`, headers: as(org) })).statusCode,
    ).toBe(200);
    expect((await action(org, child.id, 'deactivate')).statusCode).toBe(200);
    expect((await action(org, parent.id, 'deactivate')).statusCode).toBe(200);
  });

  it('refuses to reactivate a unit while the unit above is inactive (409)', async () => {
    const org = await newOrg();
    const parent = await createUnit(t.app, org);
    const child = await createUnit(t.app, org, { parentId: parent.id });
    await action(org, child.id, 'deactivate');
    await action(org, parent.id, 'deactivate');
    const before = await snapshot(t.db, org);
    expectProblem(await action(org, child.id, 'reactivate'), 409, 'parent-inactive');
    expect(await snapshot(t.db, org)).toEqual(before);
    expect((await action(org, parent.id, 'reactivate')).statusCode).toBe(200);
    expect((await action(org, child.id, 'reactivate')).json()).toMatchObject({ active: true });
  });

  it('honours If-Match on actions', async () => {
    const org = await newOrg();
    const unit = await createUnit(t.app, org);
    expect(expectProblem(await action(org, unit.id, 'deactivate', { 'if-match': '"5"' }), 412).currentVersion).toBe(1);
    expect((await action(org, unit.id, 'deactivate', { 'if-match': '"1"' })).json()).toMatchObject({ active: false });
    expectProblem(await action(org, '00000000-0000-4000-8000-000000000000', 'deactivate'), 404);
  });
});

describe('an inactive unit takes no new active sub-units or people', () => {
  async function inactiveUnit(org: string) {
    const unit = await createUnit(t.app, org);
    expect((await action(org, unit.id, 'deactivate')).statusCode).toBe(200);
    return unit;
  }

  it('refuses creating or moving an active unit below it (409), writing nothing', async () => {
    const org = await newOrg();
    const closed = await inactiveUnit(org);
    const open = await createUnit(t.app, org);
    const before = await snapshot(t.db, org);
    const created = expectProblem(await post(org, { name: 'Ny', kind: 'section', parentId: closed.id }), 409, 'unit-inactive');
    expect(created.errors?.[0]?.path).toBe('/body/parentId');
    expectProblem(await patch(org, open.id, 1, { parentId: closed.id }), 409, 'unit-inactive');
    expectProblem(await upsert(org, 'ORG-X', { name: 'Ny', kind: 'unit', parentId: closed.id }), 409, 'unit-inactive');
    expect(await snapshot(t.db, org)).toEqual(before);
  });

  it('lets an inactive unit move below another inactive one', async () => {
    const org = await newOrg();
    const closed = await inactiveUnit(org);
    const alsoClosed = await inactiveUnit(org);
    expect((await patch(org, alsoClosed.id, 2, { parentId: closed.id })).json()).toMatchObject({ parentId: closed.id, active: false });
  });

  it('refuses placing or reactivating an active person in it (409)', async () => {
    const org = await newOrg();
    const unit = await createUnit(t.app, org);
    const person = await createPerson(t.app, org, { unitId: unit.id });
    const other = await createPerson(t.app, org);
    expect((await people.action(org, person.id, 'deactivate')).statusCode).toBe(200);
    expect((await action(org, unit.id, 'deactivate')).statusCode).toBe(200);
    const before = await snapshot(t.db, org);
    expectProblem(await people.post(org, { name: 'Ny Person', unitId: unit.id }), 409, 'unit-inactive');
    expectProblem(await people.patch(org, other.id, 1, { unitId: unit.id }), 409, 'unit-inactive');
    expectProblem(await people.upsert(org, 'HR-1', { name: 'Ny Person', unitId: unit.id }), 409, 'unit-inactive');
    expectProblem(await people.action(org, person.id, 'reactivate'), 409, 'unit-inactive');
    expect(await snapshot(t.db, org)).toEqual(before);
    // HR may still record someone who has left as belonging to the closed unit.
    expect((await people.upsert(org, 'HR-2', { name: 'Sluttet Person', unitId: unit.id, active: false })).statusCode).toBe(201);
  });
});
