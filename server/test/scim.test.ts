import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import type { LightMyRequestResponse } from 'fastify';
import { randomUUID } from 'node:crypto';
import type { Permission } from '@lagverk/shared';
import { createTestApp, type TestContext } from './support/app.ts';
import { createOrganisation } from './support/database.ts';
import { createAccount, sessionFor } from './support/accounts.ts';
import { as, createUnit, snapshot, unique } from './support/factories.ts';
import { formatToken, hashSecret, newSecret } from '../src/auth/secrets.ts';

// SCIM 2.0 as identity providers use it: the request sequences of Okta's SCIM 2.0 test
// suite (its Runscope spec) and Entra ID's SCIM validator are replayed step by step, and
// then the rules around them (filters, paging, errors, access, the audit trail).

let t: TestContext;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.close());

const userSchema = 'urn:ietf:params:scim:schemas:core:2.0:User';
const groupSchema = 'urn:ietf:params:scim:schemas:core:2.0:Group';
const enterprise = 'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User';
const patchOp = 'urn:ietf:params:scim:api:messages:2.0:PatchOp';
const errorSchema = 'urn:ietf:params:scim:api:messages:2.0:Error';
const listSchema = 'urn:ietf:params:scim:api:messages:2.0:ListResponse';

type Json = Record<string, any>;

async function newOrg() {
  return (await createOrganisation(t.db)).id;
}

/** A SCIM request as the organisation's integration (every scope), unless `headers` say otherwise. */
function scim(org: string, method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE', url: string, body?: unknown, headers: Record<string, string> = {}) {
  return t.app.inject({
    method,
    url: `/scim/v2${url}`,
    headers: { ...as(org), ...(body !== undefined && { 'content-type': 'application/scim+json' }), ...headers },
    ...(body !== undefined && { payload: JSON.stringify(body) }),
  });
}

function expectScim(res: LightMyRequestResponse, status: number): Json {
  expect(res.statusCode, res.body).toBe(status);
  expect(res.headers['content-type']).toMatch(/^application\/scim\+json/);
  return res.json<Json>();
}

function expectScimError(res: LightMyRequestResponse, status: number, scimType?: string) {
  const body = expectScim(res, status);
  expect(body.schemas).toEqual([errorSchema]);
  expect(body.status).toBe(String(status));
  expect(typeof body.detail).toBe('string');
  if (scimType) expect(body.scimType).toBe(scimType);
  return body;
}

const filterQuery = (filter: string, extra = '') => `?filter=${encodeURIComponent(filter)}${extra}`;

async function list(org: string, resource: 'Users' | 'Groups', query: string) {
  const body = expectScim(await scim(org, 'GET', `/${resource}${query}`), 200);
  expect(body.schemas).toEqual([listSchema]);
  return body as { totalResults: number; startIndex: number; itemsPerPage: number; Resources: Json[] };
}

const patch = (...Operations: object[]) => ({ schemas: [patchOp], Operations });

/** A user as Okta's test suite creates one. */
function oktaUser(overrides: Json = {}) {
  const id = unique();
  return {
    schemas: [userSchema],
    userName: `Runscope${id}Username@atko.com`,
    name: { givenName: `Given${id}`, familyName: `Family${id}` },
    emails: [{ primary: true, value: `runscope${id}@atko.com`, type: 'work' }],
    displayName: `Given${id} Family${id}`,
    active: true,
    ...overrides,
  };
}

async function createUser(org: string, overrides: Json = {}) {
  return expectScim(await scim(org, 'POST', '/Users', oktaUser(overrides)), 201);
}

const accountOf = (org: string, personId: string) =>
  t.db.selectFrom('accounts').selectAll().where('organisation_id', '=', org).where('person_id', '=', personId).executeTakeFirst();
const personOf = (org: string, id: string) =>
  t.db.selectFrom('people').selectAll().where('organisation_id', '=', org).where('id', '=', id).executeTakeFirstOrThrow();

/** An integration token of `org` with only `scopes`. */
async function tokenWith(org: string, scopes: Permission[]) {
  const secret = newSecret();
  await t.db.insertInto('api_tokens').values({ organisation_id: org, name: `Smal ${unique()}`, token_hash: hashSecret(secret), scopes }).execute();
  return { authorization: `Bearer ${formatToken(org, secret)}` };
}

describe("Okta's SCIM 2.0 test sequence", () => {
  it('lists, finds, creates, refuses a duplicate, matches userName case-blind, updates and deactivates', async () => {
    const org = await newOrg();
    for (let i = 0; i < 3; i++) await createUser(org);

    // Test Users endpoint
    const page = await list(org, 'Users', '?startIndex=1&count=2');
    expect(page).toMatchObject({ totalResults: 3, startIndex: 1, itemsPerPage: 2 });
    expect(page.Resources).toHaveLength(2);
    // Get Users/{{id}}
    const first = expectScim(await scim(org, 'GET', `/Users/${page.Resources[0]!.id}`), 200);
    expect(first).toMatchObject({ schemas: [userSchema], id: page.Resources[0]!.id, userName: page.Resources[0]!.userName });
    // Test invalid User by username
    const user = oktaUser();
    expect(await list(org, 'Users', filterQuery(`userName eq "${user.userName}"`))).toMatchObject({ totalResults: 0, Resources: [] });
    // Test invalid User by ID
    expectScimError(await scim(org, 'GET', '/Users/010101001010101'), 404);

    // Create Okta user with realistic values
    const createdRes = await scim(org, 'POST', '/Users', user);
    const created = expectScim(createdRes, 201);
    expect(created).toMatchObject({
      active: true, userName: user.userName,
      name: { givenName: user.name.givenName, familyName: user.name.familyName },
      emails: [{ value: user.emails[0]!.value, type: 'work', primary: true }],
      meta: { resourceType: 'User', version: 'W/"1"' },
    });
    expect(createdRes.headers.location).toBe(created.meta.location);
    expect(created.meta.location).toMatch(new RegExp(`/scim/v2/Users/${created.id}$`));
    expect(createdRes.headers.etag).toBe('W/"1"');
    // Verify that user was created
    expect(expectScim(await scim(org, 'GET', `/Users/${created.id}`), 200)).toMatchObject({ id: created.id, userName: user.userName });
    // Expect failure when recreating user with same values
    expectScimError(await scim(org, 'POST', '/Users', user), 409, 'uniqueness');
    // Username Case Sensitivity Check
    const caps = await list(org, 'Users', filterQuery(`userName eq "${user.userName.toUpperCase()}"`));
    expect(caps.totalResults).toBe(1);
    expect(caps.Resources[0]!.id).toBe(created.id);

    // Update user (PUT)
    const replaced = expectScim(await scim(org, 'PUT', `/Users/${created.id}`, {
      ...user, id: created.id, name: { givenName: 'Another', familyName: user.name.familyName },
    }), 200);
    expect(replaced.name).toMatchObject({ givenName: 'Another', familyName: user.name.familyName });
    expect((await personOf(org, created.id)).name).toBe(`Another ${user.name.familyName}`);
    // Deactivate (PATCH active false, no path)
    const deactivated = expectScim(await scim(org, 'PATCH', `/Users/${created.id}`, patch({ op: 'replace', value: { active: false } })), 200);
    expect(deactivated.active).toBe(false);
    expect(await accountOf(org, created.id)).toMatchObject({ active: false });
    // Inactive users stay readable, and listed
    expect(expectScim(await scim(org, 'GET', `/Users/${created.id}`), 200).active).toBe(false);
    expect((await list(org, 'Users', filterQuery(`userName eq "${user.userName}"`))).Resources[0]).toMatchObject({ active: false });
    // A random id
    expectScimError(await scim(org, 'GET', `/Users/${randomUUID()}`), 404);
  });

  it('creates the person with a member account without a password, in one go', async () => {
    const org = await newOrg();
    const created = await createUser(org, { emails: undefined });
    const person = await personOf(org, created.id);
    expect(person).toMatchObject({ email: created.userName, active: true });
    expect(await accountOf(org, created.id)).toMatchObject({ email: created.userName, roles: ['member'], password_hash: null, active: true });
  });
});

describe("Entra ID's SCIM validator sequence", () => {
  it('creates a user with the enterprise extension, finds them by userName in any case and by externalId', async () => {
    const org = await newOrg();
    const id = unique();
    const res = await scim(org, 'POST', '/Users', {
      schemas: [userSchema, enterprise],
      externalId: `ext-${id}`,
      userName: `Test_User_${id}@Contoso.com`,
      active: true,
      addresses: [{ type: 'work', streetAddress: 'Storgata 1', locality: 'Lagvik', country: 'NO', primary: false }],
      displayName: `Ola ${id}`,
      emails: [{ type: 'work', value: `ola.${id}@contoso.com`, primary: true }],
      meta: { resourceType: 'User' },
      name: { familyName: id, givenName: 'Ola' },
      phoneNumbers: [{ type: 'mobile', value: '+47 900 00 000' }, { type: 'work', value: '+47 412 34 567' }],
      title: 'Sykepleier',
      locale: 'nb-NO',
      [enterprise]: { department: 'Helse', employeeNumber: `emp-${id}`, manager: { value: randomUUID() } },
    });
    const created = expectScim(res, 201);
    expect(created).toMatchObject({
      externalId: `ext-${id}`, userName: `Test_User_${id}@Contoso.com`, displayName: `Ola ${id}`, title: 'Sykepleier',
      phoneNumbers: [{ value: '+47 412 34 567', type: 'work' }],
    });
    expect(await personOf(org, created.id)).toMatchObject({ external_id: `ext-${id}`, phone: '+47 412 34 567', email: `ola.${id}@contoso.com` });

    const byUserName = await list(org, 'Users', filterQuery(`userName eq "test_user_${id}@contoso.COM"`));
    expect(byUserName.Resources.map((u) => u.id)).toEqual([created.id]);
    const byExternalId = await list(org, 'Users', filterQuery(`externalId eq "ext-${id}"`));
    expect(byExternalId.Resources.map((u) => u.id)).toEqual([created.id]);
    // externalId is compared exactly
    expect((await list(org, 'Users', filterQuery(`externalId eq "EXT-${id}"`))).totalResults).toBe(0);
  });

  it('keeps the employee number as externalId when no externalId is sent', async () => {
    const org = await newOrg();
    const created = await createUser(org, { [enterprise]: { employeeNumber: 'A-10442' } });
    expect(created.externalId).toBe('A-10442');
    const changed = expectScim(await scim(org, 'PATCH', `/Users/${created.id}`,
      patch({ op: 'Replace', path: `${enterprise}:employeeNumber`, value: 'A-20000' })), 200);
    expect(changed.externalId).toBe('A-20000');
  });

  it('applies capitalised ops and value-path paths to the person', async () => {
    const org = await newOrg();
    const created = await createUser(org);
    const res = await scim(org, 'PATCH', `/Users/${created.id}`, patch(
      { op: 'Replace', path: 'userName', value: 'ny.brukar@contoso.com' },
      { op: 'Replace', path: 'name.givenName', value: 'Kari' },
      { op: 'Replace', path: 'name.familyName', value: 'Nordmann' },
      { op: 'Replace', path: 'emails[type eq "work"].value', value: 'kari.nordmann@contoso.com' },
      { op: 'Add', path: 'phoneNumbers[type eq "work"].value', value: '+47 412 34 567' },
      { op: 'Add', path: 'title', value: 'Fagleiar' },
      { op: 'Replace', path: 'externalId', value: 'kari' },
    ));
    const user = expectScim(res, 200);
    expect(user).toMatchObject({
      userName: 'ny.brukar@contoso.com', displayName: 'Kari Nordmann', name: { givenName: 'Kari', familyName: 'Nordmann' },
      emails: [{ value: 'kari.nordmann@contoso.com', type: 'work' }], phoneNumbers: [{ value: '+47 412 34 567' }], title: 'Fagleiar',
      externalId: 'kari', meta: { version: 'W/"2"' },
    });
    expect(res.headers.etag).toBe('W/"2"');
    expect(await accountOf(org, created.id)).toMatchObject({ email: 'ny.brukar@contoso.com' });
    expect(await personOf(org, created.id)).toMatchObject({ name: 'Kari Nordmann', email: 'kari.nordmann@contoso.com', phone: '+47 412 34 567', title: 'Fagleiar' });
  });

  it('applies a PATCH without a path, whose value keys may be paths, and "False" as a string', async () => {
    const org = await newOrg();
    const created = await createUser(org);
    const user = expectScim(await scim(org, 'PATCH', `/Users/${created.id}`, patch({
      op: 'Replace',
      value: { displayName: 'Per Hansen', 'emails[type eq "work"].value': 'per.hansen@contoso.com', title: 'Rådgjevar', active: 'False' },
    })), 200);
    expect(user).toMatchObject({ displayName: 'Per Hansen', emails: [{ value: 'per.hansen@contoso.com' }], title: 'Rådgjevar', active: false });
    expect(await accountOf(org, created.id)).toMatchObject({ active: false });
  });

  it('removes attributes, and leaves the user alone when nothing changes', async () => {
    const org = await newOrg();
    const created = await createUser(org, { title: 'Lærar', phoneNumbers: [{ type: 'work', value: '+47 22 33 44 55' }] });
    const same = expectScim(await scim(org, 'PATCH', `/Users/${created.id}`, patch({ op: 'replace', path: 'title', value: 'Lærar' })), 200);
    expect(same.meta.version).toBe('W/"1"');
    const removed = expectScim(await scim(org, 'PATCH', `/Users/${created.id}`, patch(
      { op: 'remove', path: 'title' },
      { op: 'Remove', path: 'phoneNumbers[type eq "work"]' },
    )), 200);
    expect(removed.title).toBeUndefined();
    expect(removed.phoneNumbers).toBeUndefined();
    expect(await personOf(org, created.id)).toMatchObject({ title: null, phone: null });
  });

  it('creates a group with members, finds it without members, adds and removes members, renames and deletes it', async () => {
    const org = await newOrg();
    const [ada, bo] = [await createUser(org), await createUser(org)];
    const name = `Heimetenesta ${unique()}`;
    const createdRes = await scim(org, 'POST', '/Groups', { schemas: [groupSchema], displayName: name, externalId: `g-${unique()}`, members: [{ value: ada.id }] });
    const group = expectScim(createdRes, 201);
    expect(group).toMatchObject({ schemas: [groupSchema], displayName: name, members: [{ value: ada.id, display: ada.displayName }], meta: { resourceType: 'Group' } });
    expect(createdRes.headers.location).toMatch(new RegExp(`/scim/v2/Groups/${group.id}$`));
    expect(await t.db.selectFrom('units').select(['kind', 'parent_id']).where('id', '=', group.id).executeTakeFirstOrThrow()).toEqual({ kind: 'unit', parent_id: null });
    expect((await personOf(org, ada.id)).unit_id).toBe(group.id);

    const found = await list(org, 'Groups', filterQuery(`displayName eq "${name.toUpperCase()}"`, '&excludedAttributes=members'));
    expect(found.Resources).toHaveLength(1);
    expect(found.Resources[0]).toMatchObject({ id: group.id, displayName: name });
    expect(found.Resources[0]!.members).toBeUndefined();
    expect(expectScim(await scim(org, 'GET', `/Groups/${group.id}?excludedAttributes=members`), 200).members).toBeUndefined();
    // Is Ada a member? (Entra ID asks this way.)
    const membership = (user: string) => list(org, 'Groups', filterQuery(`id eq "${group.id}" and members[value eq "${user}"]`, '&excludedAttributes=members'));
    expect((await membership(ada.id)).totalResults).toBe(1);
    expect((await membership(bo.id)).totalResults).toBe(0);

    const added = expectScim(await scim(org, 'PATCH', `/Groups/${group.id}`, patch({ op: 'Add', path: 'members', value: [{ value: bo.id }] })), 200);
    expect(added.members.map((m: Json) => m.value).sort()).toEqual([ada.id, bo.id].sort());
    expect((await membership(bo.id)).totalResults).toBe(1);
    // Entra ID names the members to remove in value; RFC 7644 in the path.
    const removed = expectScim(await scim(org, 'PATCH', `/Groups/${group.id}`, patch(
      { op: 'Remove', path: 'members', value: [{ value: ada.id }] },
      { op: 'Replace', path: 'displayName', value: `${name} nord` },
    )), 200);
    expect(removed).toMatchObject({ displayName: `${name} nord`, members: [{ value: bo.id }] });
    expect((await personOf(org, ada.id)).unit_id).toBeNull();
    const emptied = expectScim(await scim(org, 'PATCH', `/Groups/${group.id}`, patch({ op: 'remove', path: `members[value eq "${bo.id}"]` })), 200);
    expect(emptied.members).toEqual([]);

    expect((await scim(org, 'DELETE', `/Groups/${group.id}`)).statusCode).toBe(204);
    expect(await t.db.selectFrom('units').select('active').where('id', '=', group.id).executeTakeFirstOrThrow()).toEqual({ active: false });
    expectScimError(await scim(org, 'GET', `/Groups/${group.id}`), 404);
    expect((await list(org, 'Groups', filterQuery(`displayName eq "${name} nord"`))).totalResults).toBe(0);
  });

  it('deletes a user by deactivating them; they stay readable', async () => {
    const org = await newOrg();
    const created = await createUser(org);
    const res = await scim(org, 'DELETE', `/Users/${created.id}`);
    expect(res.statusCode).toBe(204);
    expect(res.body).toBe('');
    expect(expectScim(await scim(org, 'GET', `/Users/${created.id}`), 200)).toMatchObject({ id: created.id, active: false });
    expect(await accountOf(org, created.id)).toMatchObject({ active: false });
    expect((await scim(org, 'DELETE', `/Users/${created.id}`)).statusCode).toBe(204);
  });
});

describe('users', () => {
  it('reactivates the person and their account with active true', async () => {
    const org = await newOrg();
    const created = await createUser(org, { active: false });
    expect(created.active).toBe(false);
    expect(await accountOf(org, created.id)).toMatchObject({ active: false });
    const back = expectScim(await scim(org, 'PATCH', `/Users/${created.id}`, patch({ op: 'replace', path: 'active', value: true })), 200);
    expect(back.active).toBe(true);
    expect(await accountOf(org, created.id)).toMatchObject({ active: true });
  });

  it('shows a person who has no account yet, and gives them one when the provider takes them over', async () => {
    const org = await newOrg();
    const person = await t.db.insertInto('people').values({ organisation_id: org, name: 'Hanne Haug', email: 'hanne.haug@lagvik.no' })
      .returning('id').executeTakeFirstOrThrow();
    const found = await list(org, 'Users', filterQuery('userName eq "Hanne.Haug@lagvik.no"'));
    expect(found.Resources.map((u) => u.id)).toEqual([person.id]);
    expect(await accountOf(org, person.id)).toBeUndefined();
    expectScim(await scim(org, 'PATCH', `/Users/${person.id}`, patch({ op: 'replace', path: 'title', value: 'Sjukepleiar' })), 200);
    expect(await accountOf(org, person.id)).toMatchObject({ email: 'hanne.haug@lagvik.no', roles: ['member'], active: true });
  });

  it('refuses a userName another account has (409) and leaves nothing half made', async () => {
    const org = await newOrg();
    const existing = await createAccount(t.db, org, ['administrator']);
    const before = await t.db.selectFrom('people').select('id').where('organisation_id', '=', org).execute();
    const body = oktaUser({ userName: existing.email.toUpperCase() });
    expect(expectScimError(await scim(org, 'POST', '/Users', body), 409, 'uniqueness').detail).toMatch(/userName/);
    expect(await t.db.selectFrom('people').select('id').where('organisation_id', '=', org).execute()).toEqual(before);

    const other = await createUser(org);
    expectScimError(await scim(org, 'PATCH', `/Users/${other.id}`, patch({ op: 'replace', path: 'userName', value: existing.email })), 409, 'uniqueness');
    expect(await accountOf(org, other.id)).toMatchObject({ email: other.userName });
  });

  it("never renames the sign-in or employee number of an account with roles beyond member (they could redirect single sign-on)", async () => {
    const org = await newOrg();
    const admin = await createAccount(t.db, org, ['member', 'administrator']);
    const res = await scim(org, 'PATCH', `/Users/${admin.personId}`, patch({ op: 'replace', path: 'userName', value: 'angriper@example.com' }));
    expectScimError(res, 400, 'mutability');
    expect(await accountOf(org, admin.personId)).toMatchObject({ email: admin.email });
    // Nor its externalId, which single sign-on may match by.
    expectScimError(await scim(org, 'PATCH', `/Users/${admin.personId}`, patch({ op: 'replace', path: 'externalId', value: 'HR-666' })), 403);
    // Other changes to the same person still go through.
    expectScim(await scim(org, 'PATCH', `/Users/${admin.personId}`, patch({ op: 'replace', path: 'title', value: 'Systemansvarlig' })), 200);
  });

  it('refuses invalid values with 400 invalidValue, naming the SCIM attribute', async () => {
    const org = await newOrg();
    const cases: [Json, RegExp][] = [
      [{ userName: undefined }, /userName/],
      [{ userName: 'ikkje-ein-epost' }, /userName/],
      [{ emails: [{ type: 'work', value: 'nope' }] }, /emails/],
      [{ phoneNumbers: [{ type: 'work', value: 'ring meg' }] }, /phoneNumbers/],
      [{ displayName: 'x'.repeat(201) }, /displayName/],
      [{ title: 42 }, /title/],
      [{ active: 'kanskje' }, /active/],
      [{ emails: 'a@b.no' }, /emails/],
    ];
    for (const [overrides, detail] of cases) {
      expect(expectScimError(await scim(org, 'POST', '/Users', oktaUser(overrides)), 400, 'invalidValue').detail).toMatch(detail);
    }
    expectScimError(await scim(org, 'POST', '/Users', [1, 2]), 400, 'invalidSyntax');
    expect(await t.db.selectFrom('people').select('id').where('organisation_id', '=', org).execute()).toEqual([]);
  });

  it('honours If-Match with the weak ETag it hands out', async () => {
    const org = await newOrg();
    const created = await createUser(org);
    const edit = (etag: string) => scim(org, 'PATCH', `/Users/${created.id}`, patch({ op: 'replace', path: 'title', value: `T ${unique()}` }), { 'if-match': etag });
    expect((await edit('W/"1"')).statusCode).toBe(200);
    const stale = await edit('W/"1"');
    expectScimError(stale, 412);
    expect(stale.headers.etag).toBe('W/"2"');
    expectScimError(await scim(org, 'DELETE', `/Users/${created.id}`, undefined, { 'if-match': 'W/"1"' }), 412);
    expect((await scim(org, 'DELETE', `/Users/${created.id}`, undefined, { 'if-match': 'W/"2"' })).statusCode).toBe(204);
  });

  it('refuses malformed PATCH requests', async () => {
    const org = await newOrg();
    const created = await createUser(org);
    const url = `/Users/${created.id}`;
    expectScimError(await scim(org, 'PATCH', url, { Operations: [{ op: 'replace', path: 'title', value: 'x' }] }), 400, 'invalidSyntax');
    expectScimError(await scim(org, 'PATCH', url, patch({ op: 'move', path: 'title', value: 'x' })), 400, 'invalidSyntax');
    expectScimError(await scim(org, 'PATCH', url, patch({ op: 'remove' })), 400, 'noTarget');
    expectScimError(await scim(org, 'PATCH', url, patch({ op: 'replace', path: 'emails[type eq', value: 'x' })), 400, 'invalidPath');
    expectScimError(await scim(org, 'PATCH', url, patch({ op: 'replace', path: 'emails[type co "w"].value', value: 'x' })), 400, 'invalidPath');
    expectScimError(await scim(org, 'PATCH', url, patch({ op: 'replace', path: 'urn:example:unknown:attr', value: 'x' })), 400, 'invalidPath');
    expectScimError(await scim(org, 'PATCH', url, patch({ op: 'remove', path: 'userName' })), 400, 'invalidValue');
    expect(expectScim(await scim(org, 'GET', url), 200).meta.version).toBe('W/"1"');
  });
});

describe('filters', () => {
  it('translates eq, and, and value paths over the whitelisted attributes', async () => {
    const org = await newOrg();
    const kari = await createUser(org, { displayName: 'Kari Nordmann', externalId: 'HR-1', emails: [{ type: 'work', value: 'kari@lagvik.no' }] });
    await createUser(org, { displayName: 'Ola Nordmann', externalId: 'HR-2', emails: [{ type: 'work', value: 'ola@lagvik.no' }] });
    const ids = async (filter: string) => (await list(org, 'Users', filterQuery(filter))).Resources.map((u) => u.id);
    expect(await ids('emails[type eq "work"].value eq "KARI@lagvik.no"')).toEqual([kari.id]);
    expect(await ids('emails[type eq "home"].value eq "kari@lagvik.no"')).toEqual([]);
    expect(await ids('emails.value eq "kari@lagvik.no"')).toEqual([kari.id]);
    expect(await ids(`userName eq "${kari.userName}" and externalId eq "HR-1"`)).toEqual([kari.id]);
    expect(await ids(`userName eq "${kari.userName}" and externalId eq "HR-2"`)).toEqual([]);
    expect(await ids('displayName eq "kari nordmann"')).toEqual([kari.id]);
    expect(await ids(`${userSchema}:userName eq "${kari.userName}"`)).toEqual([kari.id]);
    expect(await ids(`UserName EQ "${kari.userName}"`)).toEqual([kari.id]);
    expect(await ids(`id eq "${kari.id}"`)).toEqual([kari.id]);
    expect(await ids('id eq "not-a-uuid"')).toEqual([]);
    expect(await ids('active eq true and externalId eq "HR-1"')).toEqual([kari.id]);
    // Values are data, never SQL.
    expect(await ids(`userName eq "x' or '1'='1"`)).toEqual([]);
  });

  it('answers anything else with 400 invalidFilter', async () => {
    const org = await newOrg();
    const refused = [
      'userName co "x"', 'title eq "x"', 'userName eq "a" or userName eq "b"', 'not (userName eq "x")', 'userName pr',
      'userName eq', '((', 'userName eq "x" garbage', 'userName eq 5', 'active eq "yes"', 'meta.lastModified gt "2020-01-01T00:00:00Z"',
      'addresses[type eq "work"].locality eq "Lagvik"', 'emails[type co "w"].value eq "x"',
    ];
    for (const filter of refused) {
      const body = expectScimError(await scim(org, 'GET', `/Users${filterQuery(filter)}`), 400, 'invalidFilter');
      expect(body.detail.length, filter).toBeGreaterThan(0);
    }
    expectScimError(await scim(org, 'GET', `/Groups${filterQuery('members pr')}`), 400, 'invalidFilter');
    expectScimError(await scim(org, 'GET', `/Groups${filterQuery('userName eq "x"')}`), 400, 'invalidFilter');
  });
});

describe('lists', () => {
  it('pages with startIndex and count in a stable order, each user once', async () => {
    const org = await newOrg();
    for (let i = 0; i < 5; i++) await createUser(org);
    const pages = [];
    for (const startIndex of [1, 3, 5]) pages.push(await list(org, 'Users', `?startIndex=${startIndex}&count=2`));
    expect(pages.map((p) => [p.startIndex, p.itemsPerPage, p.totalResults])).toEqual([[1, 2, 5], [3, 2, 5], [5, 1, 5]]);
    const seen = pages.flatMap((p) => p.Resources.map((u) => u.id));
    expect(new Set(seen).size).toBe(5);
    const all = await list(org, 'Users', '');
    expect(all.Resources.map((u) => u.id)).toEqual(seen);

    expect(await list(org, 'Users', '?count=0')).toMatchObject({ totalResults: 5, itemsPerPage: 0, Resources: [] });
    expect(await list(org, 'Users', '?startIndex=0&count=1000')).toMatchObject({ startIndex: 1, itemsPerPage: 5 });
    expect(await list(org, 'Users', '?startIndex=10')).toMatchObject({ totalResults: 5, startIndex: 10, Resources: [] });
    const projected = await list(org, 'Users', `?count=1&attributes=${encodeURIComponent(`${userSchema}:userName,name.givenName`)}`);
    expect(Object.keys(projected.Resources[0]!).sort()).toEqual(['id', 'name', 'schemas', 'userName']);
    const trimmed = await list(org, 'Users', '?count=1&excludedAttributes=emails,meta');
    expect(trimmed.Resources[0]).toMatchObject({ id: seen[0], userName: expect.any(String) });
    expect(trimmed.Resources[0]!.emails).toBeUndefined();
    expect(trimmed.Resources[0]!.meta).toBeUndefined();
    expectScimError(await scim(org, 'GET', '/Users?count=many'), 400, 'invalidValue');
    expectScimError(await scim(org, 'GET', '/Users?colour=blue'), 400, 'invalidValue');
  });
});

describe('the protocol', () => {
  it('takes application/scim+json and application/json, and answers application/scim+json', async () => {
    const org = await newOrg();
    const asJson = await t.app.inject({
      method: 'POST', url: '/scim/v2/Users', headers: { ...as(org), 'content-type': 'application/json; charset=utf-8' }, payload: JSON.stringify(oktaUser()),
    });
    expectScim(asJson, 201);
    const asText = await t.app.inject({ method: 'POST', url: '/scim/v2/Users', headers: { ...as(org), 'content-type': 'text/plain' }, payload: 'userName=x' });
    expectScimError(asText, 415);
    expectScimError(await t.app.inject({ method: 'POST', url: '/scim/v2/Users', headers: { ...as(org), 'content-type': 'application/scim+json' }, payload: '{"userName":' }), 400, 'invalidSyntax');
    expectScimError(await scim(org, 'GET', '/Widgets'), 404);
  });

  it('describes itself: ServiceProviderConfig, Schemas and ResourceTypes', async () => {
    const org = await newOrg();
    expect(expectScim(await scim(org, 'GET', '/ServiceProviderConfig'), 200)).toMatchObject({
      patch: { supported: true }, bulk: { supported: false }, filter: { supported: true, maxResults: 200 }, sort: { supported: false },
      etag: { supported: true }, changePassword: { supported: false }, authenticationSchemes: [{ type: 'oauthbearertoken' }],
    });
    const schemas = expectScim(await scim(org, 'GET', '/Schemas'), 200);
    expect(schemas.Resources.map((s: Json) => s.id)).toEqual([userSchema, enterprise, groupSchema]);
    expect(expectScim(await scim(org, 'GET', `/Schemas/${userSchema}`), 200).attributes.map((a: Json) => a.name)).toContain('userName');
    const types = expectScim(await scim(org, 'GET', '/ResourceTypes'), 200);
    expect(types.Resources.map((r: Json) => [r.id, r.endpoint])).toEqual([['User', '/Users'], ['Group', '/Groups']]);
    expectScimError(await scim(org, 'GET', '/ResourceTypes/Printer'), 404);
  });
});

describe('access', () => {
  it('needs a bearer token: none, a bad one or a session cookie is a 401', async () => {
    const org = await newOrg();
    const none = await t.app.inject({ method: 'GET', url: '/scim/v2/Users' });
    expectScimError(none, 401);
    expect(none.headers['www-authenticate']).toMatch(/^Bearer/);
    expectScimError(await t.app.inject({ method: 'GET', url: '/scim/v2/Users', headers: { authorization: 'Bearer lvk_nonsense' } }), 401);
    const session = await sessionFor(t.db, await createAccount(t.db, org, ['administrator']));
    expectScimError(await t.app.inject({ method: 'GET', url: '/scim/v2/Users', headers: { cookie: session.cookie } }), 401);
  });

  it('needs people scopes for Users and units scopes for Groups (403 otherwise)', async () => {
    const org = await newOrg();
    const readOnly = await tokenWith(org, ['people:read', 'units:read']);
    expectScim(await scim(org, 'GET', '/Users', undefined, readOnly), 200);
    expectScimError(await scim(org, 'POST', '/Users', oktaUser(), readOnly), 403);
    expectScimError(await scim(org, 'POST', '/Groups', { displayName: 'X' }, readOnly), 403);
    const peopleOnly = await tokenWith(org, ['people:read', 'people:write']);
    expectScimError(await scim(org, 'GET', '/Groups', undefined, peopleOnly), 403);
    expect(await t.db.selectFrom('people').select('id').where('organisation_id', '=', org).execute()).toEqual([]);
  });

  it('refuses every write, on every resource, to a token that may only read (and changes nothing)', async () => {
    const org = await newOrg();
    const user = await createUser(org);
    const group = expectScim(await scim(org, 'POST', '/Groups', { schemas: [groupSchema], displayName: `Eining ${unique()}` }), 201);
    const readOnly = await tokenWith(org, ['people:read', 'units:read']);
    const replace = patch({ op: 'replace', path: 'displayName', value: 'Ny' });
    const writes: [method: 'POST' | 'PUT' | 'PATCH' | 'DELETE', url: string, body?: unknown][] = [
      ['POST', '/Users', oktaUser()], ['PUT', `/Users/${user.id}`, oktaUser()], ['PATCH', `/Users/${user.id}`, replace], ['DELETE', `/Users/${user.id}`],
      ['POST', '/Groups', { schemas: [groupSchema], displayName: 'X' }], ['PUT', `/Groups/${group.id}`, { schemas: [groupSchema], displayName: 'X' }],
      ['PATCH', `/Groups/${group.id}`, replace], ['DELETE', `/Groups/${group.id}`],
    ];
    const before = await snapshot(t.db, org);
    for (const [method, url, body] of writes) expectScimError(await scim(org, method, url, body, readOnly), 403);
    expect(await snapshot(t.db, org)).toEqual(before);
  });

  it("answers another organisation's ids with 404 and never lists them", async () => {
    const org = await newOrg();
    const other = await newOrg();
    const theirs = await createUser(other);
    const theirGroup = expectScim(await scim(other, 'POST', '/Groups', { displayName: `Deira ${unique()}` }), 201);
    expectScimError(await scim(org, 'GET', `/Users/${theirs.id}`), 404);
    expectScimError(await scim(org, 'PUT', `/Users/${theirs.id}`, oktaUser()), 404);
    expectScimError(await scim(org, 'PATCH', `/Users/${theirs.id}`, patch({ op: 'replace', path: 'active', value: false })), 404);
    expectScimError(await scim(org, 'DELETE', `/Users/${theirs.id}`), 404);
    expectScimError(await scim(org, 'GET', `/Groups/${theirGroup.id}`), 404);
    expectScimError(await scim(org, 'PATCH', `/Groups/${theirGroup.id}`, patch({ op: 'replace', path: 'displayName', value: 'Vår' })), 404);
    expectScimError(await scim(org, 'DELETE', `/Groups/${theirGroup.id}`), 404);
    expect((await list(org, 'Users', filterQuery(`userName eq "${theirs.userName}"`))).totalResults).toBe(0);
    // Nor can their people be made members here.
    const ours = expectScim(await scim(org, 'POST', '/Groups', { displayName: `Vår ${unique()}` }), 201);
    expectScimError(await scim(org, 'PATCH', `/Groups/${ours.id}`, patch({ op: 'add', path: 'members', value: [{ value: theirs.id }] })), 400, 'invalidValue');
    expect((await personOf(other, theirs.id)).active).toBe(true);
  });
});

describe('groups', () => {
  it('refuses to delete a unit that still has sub-units, saying why (409)', async () => {
    const org = await newOrg();
    const group = expectScim(await scim(org, 'POST', '/Groups', { displayName: `Overeining ${unique()}` }), 201);
    await createUnit(t.app, org, { parentId: group.id });
    const body = expectScimError(await scim(org, 'DELETE', `/Groups/${group.id}`), 409);
    expect(body.detail).toMatch(/sub-unit/);
  });

  it('replaces the members with PUT, and keeps them when PUT leaves members out', async () => {
    const org = await newOrg();
    const [a, b, c] = [await createUser(org), await createUser(org), await createUser(org)];
    const group = expectScim(await scim(org, 'POST', '/Groups', { displayName: 'Lag', members: [{ value: a.id }, { value: b.id }] }), 201);
    const put = expectScim(await scim(org, 'PUT', `/Groups/${group.id}`, { schemas: [groupSchema], displayName: 'Lag', members: [{ value: b.id }, { value: c.id }] }), 200);
    expect(put.members.map((m: Json) => m.value).sort()).toEqual([b.id, c.id].sort());
    const kept = expectScim(await scim(org, 'PUT', `/Groups/${group.id}`, { schemas: [groupSchema], displayName: 'Lag nytt' }), 200);
    expect(kept).toMatchObject({ displayName: 'Lag nytt' });
    expect(kept.members).toHaveLength(2);
    expectScimError(await scim(org, 'POST', '/Groups', { displayName: 'Feil', members: [{ value: randomUUID() }] }), 400, 'invalidValue');
    expectScimError(await scim(org, 'POST', '/Groups', { members: [] }), 400, 'invalidValue');
    expect((await list(org, 'Groups', filterQuery('displayName eq "Feil"'))).totalResults).toBe(0);
  });
});

describe('the audit trail', () => {
  it('records every change under the token that made it', async () => {
    const org = await newOrg();
    const token = await t.db.selectFrom('api_tokens').select('id').where('organisation_id', '=', org).executeTakeFirstOrThrow();
    const user = await createUser(org);
    expectScim(await scim(org, 'PATCH', `/Users/${user.id}`, patch({ op: 'replace', path: 'title', value: 'Leiar' })), 200);
    const group = expectScim(await scim(org, 'POST', '/Groups', { displayName: `Revidert ${unique()}`, members: [{ value: user.id }] }), 201);
    expect((await scim(org, 'DELETE', `/Users/${user.id}`)).statusCode).toBe(204);

    const events = await t.db.selectFrom('audit_events').selectAll().where('organisation_id', '=', org)
      .where('entity', 'in', ['people', 'accounts', 'units']).orderBy('id').execute();
    expect(events.map((e) => [e.entity, e.action])).toEqual([
      ['people', 'create'], ['accounts', 'create'], ['people', 'update'],
      ['units', 'create'], ['people', 'update'],
      ['people', 'update'], ['accounts', 'update'],
    ]);
    for (const event of events) expect(event).toMatchObject({ actor_kind: 'token', actor_token_id: token.id, request_id: expect.any(String) });
    expect(events[2]!.changes).toEqual({ title: { before: null, after: 'Leiar' } });
    expect(events[4]!.changes).toEqual({ unit_id: { before: null, after: group.id } });
  });
});

describe('hostile input', () => {
  it('never answers 5xx, and answers every error in SCIM\'s shape', async () => {
    const org = await newOrg();
    const user = await createUser(org);
    const group = expectScim(await scim(org, 'POST', '/Groups', { displayName: `Fuzz ${unique()}`, members: [{ value: user.id }] }), 201);
    const path = fc.oneof(
      fc.constantFrom(
        'userName', 'name', 'name.givenName', 'displayName', 'title', 'active', 'externalId', 'emails', 'emails.value',
        'emails[type eq "work"].value', 'emails[type eq "work"]', 'phoneNumbers[type eq "work"].value', 'members',
        `members[value eq "${user.id}"]`, 'members[value eq "x"].display', `${enterprise}:employeeNumber`, enterprise, `${userSchema}:title`,
        'urn:x:y', 'a.b.c', 'emails[', 'emails[type eq "a"]]', 'meta.version', 'id', 'schemas',
      ),
      fc.string({ maxLength: 40 }),
    );
    const value = fc.oneof(fc.jsonValue({ maxDepth: 3 }), fc.dictionary(path, fc.jsonValue({ maxDepth: 2 }), { maxKeys: 4 }));
    const operation = fc.record(
      { op: fc.constantFrom('add', 'Replace', 'remove', 'REMOVE', 'move', 7), path, value },
      { requiredKeys: ['op'] },
    );
    const patchBody = fc.oneof(
      fc.array(operation, { minLength: 1, maxLength: 4 }).map((Operations) => ({ schemas: [patchOp], Operations })),
      fc.jsonValue({ maxDepth: 3 }),
    );
    const userBody = fc.oneof(
      fc.record({
        userName: fc.oneof(fc.emailAddress(), fc.jsonValue({ maxDepth: 1 })),
        name: fc.jsonValue({ maxDepth: 2 }), displayName: fc.jsonValue({ maxDepth: 1 }), emails: fc.jsonValue({ maxDepth: 3 }),
        phoneNumbers: fc.jsonValue({ maxDepth: 3 }), active: fc.jsonValue({ maxDepth: 1 }), externalId: fc.jsonValue({ maxDepth: 1 }),
        [enterprise]: fc.jsonValue({ maxDepth: 2 }),
      }, { requiredKeys: [] }),
      fc.jsonValue({ maxDepth: 3 }),
    );
    const groupBody = fc.record({ displayName: fc.jsonValue({ maxDepth: 1 }), members: fc.jsonValue({ maxDepth: 3 }), externalId: fc.jsonValue({ maxDepth: 1 }) }, { requiredKeys: [] });
    const query = fc.oneof(
      fc.string({ maxLength: 60 }).map((f) => filterQuery(f)),
      fc.tuple(fc.constantFrom('userName', 'emails[type eq "work"].value', 'members[value eq "x"]', 'displayName', 'title'), fc.constantFrom('eq', 'co', 'pr', 'and'), fc.jsonValue({ maxDepth: 0 }))
        .map(([a, o, v]) => filterQuery(`${a} ${o} ${JSON.stringify(v)}`)),
      fc.record({ startIndex: fc.string({ maxLength: 12 }), count: fc.string({ maxLength: 12 }), attributes: fc.string({ maxLength: 20 }) }, { requiredKeys: [] })
        .map((q) => `?${new URLSearchParams(q).toString()}`),
    );
    const request = fc.oneof(
      userBody.map((body) => ['POST', '/Users', body] as const),
      userBody.map((body) => ['PUT', `/Users/${user.id}`, body] as const),
      patchBody.map((body) => ['PATCH', `/Users/${user.id}`, body] as const),
      groupBody.map((body) => ['POST', '/Groups', body] as const),
      groupBody.map((body) => ['PUT', `/Groups/${group.id}`, body] as const),
      patchBody.map((body) => ['PATCH', `/Groups/${group.id}`, body] as const),
      fc.tuple(fc.constantFrom('/Users', '/Groups'), query).map(([resource, q]) => ['GET', `${resource}${q}`, undefined] as const),
      fc.string({ maxLength: 40 }).map((id) => ['GET', `/Users/${encodeURIComponent(id)}`, undefined] as const),
    );
    await fc.assert(fc.asyncProperty(request, async ([method, url, body]) => {
      const res = await scim(org, method, url, body);
      expect(res.statusCode, `${method} ${url} ${JSON.stringify(body)} → ${res.body}`).toBeLessThan(500);
      if (res.statusCode >= 400) expectScimError(res, res.statusCode);
    }), { numRuns: 400, seed: 20_261_125 });
  });
});
