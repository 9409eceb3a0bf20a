import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Person, PersonPage, ProfessionList } from '@lagverk/shared';
import { createTestApp, type TestContext } from './support/app.ts';
import { createOrganisation } from './support/database.ts';
import { resourceRequests } from './support/requests.ts';
import { as, createPerson, createUnit, expectProblem, fetchJson, snapshot } from './support/factories.ts';

let t: TestContext;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.close());

async function newOrg() {
  return (await createOrganisation(t.db)).id;
}

const { action, list, patch, post, remove, upsert } = resourceRequests<Person>(() => t.app, 'people');

const names = (page: PersonPage) => page.items.map((p) => p.name);

describe('creating and reading a person', () => {
  it('answers 201 with Location, ETag and every field', async () => {
    const org = await newOrg();
    const unit = await createUnit(t.app, org);
    const res = await post(org, {
      name: 'Kari Nordmann',
      email: 'kari@lagvik.kommune.no',
      phone: '+47 412 34 567',
      title: 'Sykepleier',
      profession: 'Sykepleie',
      unitId: unit.id,
      externalId: 'HR-1',
    });
    expect(res.statusCode, res.body).toBe(201);
    const person = res.json<Person>();
    expect(person).toMatchObject({
      name: 'Kari Nordmann',
      email: 'kari@lagvik.kommune.no',
      phone: '+47 412 34 567',
      title: 'Sykepleier',
      profession: 'Sykepleie',
      unitId: unit.id,
      externalId: 'HR-1',
      active: true,
      version: 1,
    });
    expect(res.headers.location).toBe(`/api/v1/people/${person.id}`);
    expect(res.headers.etag).toBe('"1"');
    const got = await t.app.inject({ method: 'GET', url: `/api/v1/people/${person.id}`, headers: as(org) });
    expect(got.headers.etag).toBe('"1"');
    expect(got.json()).toEqual(person);
  });

  it('needs only a name', async () => {
    const person = await createPerson(t.app, await newOrg(), { name: 'Ola' });
    expect(person).toMatchObject({
      name: 'Ola',
      email: null,
      phone: null,
      title: null,
      profession: null,
      unitId: null,
      externalId: null,
    });
  });

  it('refuses a unit of another organisation (422), writing nothing', async () => {
    const org = await newOrg();
    const foreign = await createUnit(t.app, await newOrg());
    const res = await post(org, { name: 'Ola', unitId: foreign.id });
    expect(expectProblem(res, 422, 'unknown-reference').errors?.[0]?.path).toBe('/body/unitId');
    expect((await snapshot(t.db, org)).people).toHaveLength(0);
  });
});

describe('uniqueness', () => {
  it('refuses a duplicate email, whatever its case (409 naming the field)', async () => {
    const org = await newOrg();
    await createPerson(t.app, org, { email: 'Kari.Nordmann@Lagvik.kommune.no' });
    const res = await post(org, { name: 'Kopi', email: 'kari.nordmann@lagvik.kommune.no' });
    const body = expectProblem(res, 409, 'duplicate');
    expect(body.errors).toEqual([expect.objectContaining({ path: '/body/email' })]);
    expect((await snapshot(t.db, org)).people).toHaveLength(1);
  });

  it('refuses a duplicate externalId (409 naming the field), on create, edit and PUT', async () => {
    const org = await newOrg();
    await createPerson(t.app, org, { externalId: 'HR-7' });
    const other = await createPerson(t.app, org, { externalId: 'HR-8' });
    const before = await snapshot(t.db, org);
    const created = await post(org, { name: 'Kopi', externalId: 'HR-7' });
    expect(expectProblem(created, 409, 'duplicate').errors?.[0]?.path).toBe('/body/externalId');
    const edited = await patch(org, other.id, 1, { externalId: 'HR-7' });
    expect(expectProblem(edited, 409, 'duplicate').errors?.[0]?.path).toBe('/body/externalId');
    expect(await snapshot(t.db, org)).toEqual(before);
  });

  it('lets another organisation use the same email and externalId', async () => {
    await createPerson(t.app, await newOrg(), { email: 'felles@kommune.no', externalId: 'HR-1' });
    const res = await post(await newOrg(), { name: 'Annen', email: 'FELLES@kommune.no', externalId: 'HR-1' });
    expect(res.statusCode, res.body).toBe(201);
  });

  it('allows any number of people without email or externalId', async () => {
    const org = await newOrg();
    for (let i = 0; i < 3; i++) await createPerson(t.app, org, { email: null, externalId: null });
    expect((await snapshot(t.db, org)).people).toHaveLength(3);
  });
});

describe('listing people', () => {
  let org: string;
  let helse: string;
  let skole: string;
  beforeAll(async () => {
    org = await newOrg();
    helse = (await createUnit(t.app, org, { name: 'Helse' })).id;
    skole = (await createUnit(t.app, org, { name: 'Skole' })).id;
    await createPerson(t.app, org, { name: 'Kari Nordmann', email: 'kari@x.no', profession: 'Sykepleie', unitId: helse });
    await createPerson(t.app, org, { name: 'Åse Ødegård', email: 'ase@x.no', profession: 'Lærer', unitId: skole });
    await createPerson(t.app, org, { name: 'Ola Hansen', email: 'ola.nordmann@x.no', profession: 'Sykepleie', unitId: skole });
    const gone = await createPerson(t.app, org, { name: 'Per Borte', profession: 'Sykepleie', unitId: helse });
    expect((await action(org, gone.id, 'deactivate')).statusCode).toBe(200);
  });

  it('sorts by name, either way', async () => {
    expect(names(await list(org, ''))).toEqual(['Kari Nordmann', 'Ola Hansen', 'Per Borte', 'Åse Ødegård']);
    expect(names(await list(org, 'sort=-name'))).toEqual(['Åse Ødegård', 'Per Borte', 'Ola Hansen', 'Kari Nordmann']);
    expect(names(await list(org, 'sort=createdAt'))).toEqual(['Kari Nordmann', 'Åse Ødegård', 'Ola Hansen', 'Per Borte']);
    expect(names(await list(org, 'sort=-updatedAt'))[0]).toBe('Per Borte');
  });

  it('searches name and email, case-insensitively', async () => {
    expect(names(await list(org, 'q=NORDMANN'))).toEqual(['Kari Nordmann', 'Ola Hansen']);
    expect(names(await list(org, `q=${encodeURIComponent('ødegård')}`))).toEqual(['Åse Ødegård']);
    expect(names(await list(org, 'q=ase%40x'))).toEqual(['Åse Ødegård']);
  });

  it('filters by unit, profession and active', async () => {
    expect(names(await list(org, `unitId=${helse}`))).toEqual(['Kari Nordmann', 'Per Borte']);
    expect(names(await list(org, `unitId=${skole}&profession=Sykepleie`))).toEqual(['Ola Hansen']);
    expect(names(await list(org, 'profession=Sykepleie&active=true'))).toEqual(['Kari Nordmann', 'Ola Hansen']);
    expect(names(await list(org, 'active=false'))).toEqual(['Per Borte']);
  });

  it('counts the professions of active people', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/api/v1/professions', headers: as(org) });
    expect(res.statusCode).toBe(200);
    expect(res.json<ProfessionList>()).toEqual({
      items: [
        { profession: 'Lærer', count: 1 },
        { profession: 'Sykepleie', count: 2 },
      ],
      nextCursor: null,
    });
  });

  it('refuses unknown parameters on the professions list', async () => {
    expectProblem(await t.app.inject({ method: 'GET', url: '/api/v1/professions?unit=1', headers: as(org) }), 400, 'validation');
  });
});

describe('editing a person', () => {
  it('changes the fields sent and bumps the version', async () => {
    const org = await newOrg();
    const unit = await createUnit(t.app, org);
    const person = await createPerson(t.app, org, { title: 'Sykepleier', email: 'a@b.no' });
    const res = await patch(org, person.id, 1, { title: 'Fagleder', unitId: unit.id, email: null });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ title: 'Fagleder', unitId: unit.id, email: null, name: person.name, version: 2 });
    expect(res.headers.etag).toBe('"2"');
  });

  it('refuses a stale version (412 with currentVersion), a missing one (428) and a malformed one (400)', async () => {
    const org = await newOrg();
    const person = await createPerson(t.app, org);
    await patch(org, person.id, 1, { title: 'Ny' });
    const before = await snapshot(t.db, org);
    expect(expectProblem(await patch(org, person.id, 1, { title: 'Eldre' }), 412, 'stale-version').currentVersion).toBe(2);
    expectProblem(await patch(org, person.id, null, { title: 'Eldre' }), 428, 'if-match-required');
    const bad = await t.app.inject({
      method: 'PATCH',
      url: `/api/v1/people/${person.id}`,
      headers: as(org, { 'if-match': 'version 2' }),
      payload: { title: 'X' },
    });
    expectProblem(bad, 400, 'invalid-if-match');
    expect(await snapshot(t.db, org)).toEqual(before);
  });

  it('refuses moving someone to a unit of another organisation (422)', async () => {
    const org = await newOrg();
    const person = await createPerson(t.app, org);
    const foreign = await createUnit(t.app, await newOrg());
    expectProblem(await patch(org, person.id, 1, { unitId: foreign.id }), 422, 'unknown-reference');
    expect(await fetchJson<Person>(t.app, org, `/api/v1/people/${person.id}`)).toMatchObject({ unitId: null, version: 1 });
  });
});

describe('deleting a person', () => {
  it('deletes with If-Match (204), then answers 404', async () => {
    const org = await newOrg();
    const person = await createPerson(t.app, org);
    expectProblem(await remove(org, person.id, null), 428);
    expect(expectProblem(await remove(org, person.id, 3), 412).currentVersion).toBe(1);
    expect((await remove(org, person.id, 1)).statusCode).toBe(204);
    expectProblem(await t.app.inject({ method: 'GET', url: `/api/v1/people/${person.id}`, headers: as(org) }), 404);
  });

  it('refuses to delete the manager of a unit (409), even an inactive unit', async () => {
    const org = await newOrg();
    const manager = await createPerson(t.app, org);
    const unit = await createUnit(t.app, org, { managerId: manager.id });
    await t.app.inject({ method: 'POST', url: `/api/v1/units/${unit.id}/deactivate`, headers: as(org) });
    const before = await snapshot(t.db, org);
    expectProblem(await remove(org, manager.id, 1), 409, 'person-in-use');
    expect(await snapshot(t.db, org)).toEqual(before);
  });
});

describe('PUT by external id', () => {
  it('creates (201), replaces (200) and clears the fields left out', async () => {
    const org = await newOrg();
    const unit = await createUnit(t.app, org);
    const created = await upsert(org, 'HR-100', {
      name: 'Kari',
      email: 'kari@x.no',
      phone: '12345',
      title: 'T',
      profession: 'P',
      unitId: unit.id,
    });
    expect(created.statusCode, created.body).toBe(201);
    const person = created.json<Person>();
    expect(person).toMatchObject({ externalId: 'HR-100', unitId: unit.id, active: true, version: 1 });
    expect(created.headers.location).toBe(`/api/v1/people/${person.id}`);

    const replaced = await upsert(org, 'HR-100', { name: 'Kari N.', active: false });
    expect(replaced.statusCode, replaced.body).toBe(200);
    expect(replaced.json()).toMatchObject({
      id: person.id,
      name: 'Kari N.',
      email: null,
      phone: null,
      title: null,
      profession: null,
      unitId: null,
      active: false,
      version: 2,
    });
    // `active` left out means active again: HR sends the whole person.
    expect((await upsert(org, 'HR-100', { name: 'Kari N.' })).json()).toMatchObject({ active: true, version: 3 });
    expect((await snapshot(t.db, org)).people).toHaveLength(1);
  });

  it('honours If-Match', async () => {
    const org = await newOrg();
    await upsert(org, 'HR-1', { name: 'A' });
    expect(expectProblem(await upsert(org, 'HR-1', { name: 'B' }, { 'if-match': '"9"' }), 412).currentVersion).toBe(1);
    expect((await upsert(org, 'HR-1', { name: 'B' }, { 'if-match': '"1"' })).json()).toMatchObject({ name: 'B', version: 2 });
    expectProblem(await upsert(org, 'HR-2', { name: 'Ny' }, { 'if-match': '"1"' }), 404);
    expect((await snapshot(t.db, org)).people.map((p) => p.name)).toEqual(['B']);
  });

  it('refuses an email another person has (409), writing nothing', async () => {
    const org = await newOrg();
    await createPerson(t.app, org, { email: 'opptatt@x.no' });
    const before = await snapshot(t.db, org);
    const res = await upsert(org, 'HR-5', { name: 'Ny', email: 'OPPTATT@x.no' });
    expect(expectProblem(res, 409, 'duplicate').errors?.[0]?.path).toBe('/body/email');
    expect(await snapshot(t.db, org)).toEqual(before);
  });
});

describe('deactivating and reactivating a person', () => {
  it('keeps the person, marks them inactive, and back', async () => {
    const org = await newOrg();
    const person = await createPerson(t.app, org, { profession: 'Kokk' });
    const off = await action(org, person.id, 'deactivate');
    expect(off.json()).toMatchObject({ active: false, version: 2 });
    expect(off.headers.etag).toBe('"2"');
    const professions = await fetchJson<ProfessionList>(t.app, org, '/api/v1/professions');
    expect(professions.items).toEqual([]);
    expect((await action(org, person.id, 'deactivate')).json()).toMatchObject({ active: false, version: 2 });
    expect((await action(org, person.id, 'reactivate', { 'if-match': '"2"' })).json()).toMatchObject({
      active: true,
      version: 3,
    });
    expect(expectProblem(await action(org, person.id, 'deactivate', { 'if-match': '"2"' }), 412).currentVersion).toBe(3);
  });

  it('answers 404 for an unknown person', async () => {
    expectProblem(await action(t.organisationId, '00000000-0000-4000-8000-000000000000', 'deactivate'), 404);
  });
});
