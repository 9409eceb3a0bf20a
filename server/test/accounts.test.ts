import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Account, AccountPage, Member, Team } from '@lagverk/shared';
import { formatToken, hashSecret, newSecret } from '../src/auth/secrets.ts';
import { createTestApp, type TestContext } from './support/app.ts';
import { createOrganisation } from './support/database.ts';
import { createPerson, expectProblem, fetchJson, unique } from './support/factories.ts';
import { createAccount, sessionFor, signedInAs, testPassword, type SessionHeaders, type TestAccount } from './support/accounts.ts';

let t: TestContext;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.close());

/** Each organisation's administrator, signed in: accounts are managed by a person, never by a token. */
const administrators = new Map<string, Headers>();
const administratorIds = new Set<string>();
const newOrg = async () => {
  const org = (await createOrganisation(t.db)).id;
  const { account, headers } = await signedInAs(t.db, org, ['member', 'administrator']);
  administrators.set(org, headers);
  administratorIds.add(account.accountId);
  return org;
};
/** The accounts a list shows, but the signed-in administrator's own (every organisation here has one). */
const listed = async (org: string, query = '') =>
  (await fetchJson<AccountPage>(t.app, org, `/api/v1/accounts${query}`)).items.filter((a) => !administratorIds.has(a.id));
/** Headers of `org`'s signed-in administrator, with `extra` (If-Match, Idempotency-Key…). */
const asAdmin = (org: string, extra: Headers = {}): Headers => ({ ...administrators.get(org)!, ...extra });
const ifMatch = (version: number) => ({ 'if-match': `"${version}"` });

type Headers = Record<string, string>;
const get = (url: string, headers: Headers) => t.app.inject({ method: 'GET', url: `/api/v1${url}`, headers });
const post = (url: string, headers: Headers, payload: object) => t.app.inject({ method: 'POST', url: `/api/v1${url}`, headers, payload });
const patch = (url: string, headers: Headers, payload: object) => t.app.inject({ method: 'PATCH', url: `/api/v1${url}`, headers, payload });

/** Creates an account through the API, as the organisation's administrator. */
async function newAccount(org: string, payload: Partial<{ personId: string; email: string; roles: string[]; password: string }> = {}) {
  const personId = payload.personId ?? (await createPerson(t.app, org)).id;
  const res = await post('/accounts', asAdmin(org), { email: `konto.${unique()}@lagvik.kommune.no`, roles: ['member'], ...payload, personId });
  expect(res.statusCode, res.body).toBe(201);
  return res.json<Account>();
}

const signIn = (org: string, email: string, password: string) =>
  t.app.inject({ method: 'POST', url: '/api/v1/auth/session', payload: { email, password, organisationId: org } });

/** Whether a session's cookie still lets its holder in. */
const sessionWorks = async (session: SessionHeaders) => (await get('/auth/session', { cookie: session.cookie })).statusCode === 200;

/** An integration token made by `account`, as one made through the tokens page would be. */
async function tokenCreatedBy(account: TestAccount) {
  const secret = newSecret();
  const row = await t.db.insertInto('api_tokens').values({
    organisation_id: account.organisationId, name: `HR ${unique()}`, token_hash: hashSecret(secret), scopes: ['people:read'],
    created_by_account_id: account.accountId,
  }).returning('id').executeTakeFirstOrThrow();
  return { id: row.id, headers: { authorization: `Bearer ${formatToken(account.organisationId, secret)}` } };
}

const tokenWorks = async (headers: Headers) => (await get('/people', headers)).statusCode === 200;

describe('creating and reading an account', () => {
  it('answers 201 with Location, ETag and the person\'s name, and reads back the same', async () => {
    const org = await newOrg();
    const person = await createPerson(t.app, org, { name: 'Kari Nordmann' });
    const res = await post('/accounts', asAdmin(org), { personId: person.id, email: 'Kari.Nordmann@lagvik.kommune.no', roles: ['member', 'hr'] });
    expect(res.statusCode, res.body).toBe(201);
    const account = res.json<Account>();
    expect(account).toMatchObject({
      personId: person.id, personName: 'Kari Nordmann', email: 'Kari.Nordmann@lagvik.kommune.no', roles: ['member', 'hr'],
      active: true, hasPassword: false, lastSignInAt: null, version: 1,
    });
    expect(res.headers.location).toBe(`/api/v1/accounts/${account.id}`);
    expect(res.headers.etag).toBe('"1"');
    const got = await get(`/accounts/${account.id}`, asAdmin(org));
    expect(got.headers.etag).toBe('"1"');
    expect(got.json()).toEqual(account);
  });

  it('takes a password, which then signs in (and the sign-in is shown)', async () => {
    const org = await newOrg();
    const account = await newAccount(org, { password: 'fjord måke sykkel lykt' });
    expect(account.hasPassword).toBe(true);
    expect((await signIn(org, account.email, 'fjord måke sykkel lykt')).statusCode).toBe(201);
    const after = await fetchJson<Account>(t.app, org, `/api/v1/accounts/${account.id}`);
    expect(after.lastSignInAt).not.toBeNull();
  });

  it('refuses a common password (422 weak-password) and creates nothing', async () => {
    const org = await newOrg();
    const person = await createPerson(t.app, org);
    const res = await post('/accounts', asAdmin(org), { personId: person.id, email: 'ola@lagvik.kommune.no', roles: ['member'], password: 'qwerty123456' });
    expect(expectProblem(res, 422, 'weak-password').errors?.[0]?.path).toBe('/body/password');
    expect(await listed(org)).toEqual([]);
  });

  it('answers 404 for an account of another organisation', async () => {
    const account = await newAccount(await newOrg());
    expectProblem(await get(`/accounts/${account.id}`, asAdmin(await newOrg())), 404, 'not-found');
  });

  it('replays a create sent again with the same Idempotency-Key', async () => {
    const org = await newOrg();
    const person = await createPerson(t.app, org);
    const headers = asAdmin(org, { 'idempotency-key': `create-${unique()}` });
    const payload = { personId: person.id, email: 'gjentatt@lagvik.kommune.no', roles: ['member'] };
    const first = await post('/accounts', headers, payload);
    const again = await post('/accounts', headers, payload);
    expect(first.statusCode).toBe(201);
    expect(again.statusCode).toBe(201);
    expect(again.json()).toEqual(first.json());
    expect(await listed(org)).toHaveLength(1);
  });
});

describe('conflicts and impossible references', () => {
  it('gives a person one account (409 account-exists)', async () => {
    const org = await newOrg();
    const account = await newAccount(org);
    const res = await post('/accounts', asAdmin(org), { personId: account.personId, email: 'annen@lagvik.kommune.no', roles: ['member'] });
    expect(expectProblem(res, 409, 'account-exists').errors?.[0]?.path).toBe('/body/personId');
  });

  it('keeps emails unique whatever their case, on create and on edit (409 email-taken)', async () => {
    const org = await newOrg();
    await newAccount(org, { email: 'Kari@Lagvik.kommune.no' });
    const person = await createPerson(t.app, org);
    const res = await post('/accounts', asAdmin(org), { personId: person.id, email: 'kari@lagvik.KOMMUNE.no', roles: ['member'] });
    expect(expectProblem(res, 409, 'email-taken').errors?.[0]?.path).toBe('/body/email');
    const other = await newAccount(org);
    expectProblem(await patch(`/accounts/${other.id}`, asAdmin(org, ifMatch(1)), { email: 'KARI@lagvik.kommune.no' }), 409, 'email-taken');
    // The same email in another organisation is another person's business.
    await newAccount(await newOrg(), { email: 'kari@lagvik.kommune.no' });
  });

  it('lets an account keep its own email in another case', async () => {
    const org = await newOrg();
    const account = await newAccount(org, { email: 'ola@lagvik.kommune.no' });
    const res = await patch(`/accounts/${account.id}`, asAdmin(org, ifMatch(1)), { email: 'Ola@Lagvik.kommune.no' });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json<Account>().email).toBe('Ola@Lagvik.kommune.no');
  });

  it('refuses a person of another organisation (422 unknown-reference) and an inactive one (422 person-inactive)', async () => {
    const org = await newOrg();
    const foreign = await createPerson(t.app, await newOrg());
    const unknown = await post('/accounts', asAdmin(org), { personId: foreign.id, email: 'a@lagvik.kommune.no', roles: ['member'] });
    expect(expectProblem(unknown, 422, 'unknown-reference').errors?.[0]?.path).toBe('/body/personId');
    const gone = await createPerson(t.app, org);
    await post(`/people/${gone.id}/deactivate`, asAdmin(org), {});
    const inactive = await post('/accounts', asAdmin(org), { personId: gone.id, email: 'b@lagvik.kommune.no', roles: ['member'] });
    expect(expectProblem(inactive, 422, 'person-inactive').errors?.[0]?.path).toBe('/body/personId');
    expect(await listed(org)).toEqual([]);
  });
});

describe('editing an account', () => {
  it('changes roles with If-Match, bumping the version and ETag', async () => {
    const org = await newOrg();
    const account = await newAccount(org);
    const res = await patch(`/accounts/${account.id}`, asAdmin(org, ifMatch(1)), { roles: ['member', 'hr'] });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json<Account>()).toMatchObject({ roles: ['member', 'hr'], version: 2 });
    expect(res.headers.etag).toBe('"2"');
  });

  it('needs If-Match (428) and refuses a stale one (412 with the current version), changing nothing', async () => {
    const org = await newOrg();
    const account = await newAccount(org);
    await patch(`/accounts/${account.id}`, asAdmin(org, ifMatch(1)), { roles: ['hr'] });
    expectProblem(await patch(`/accounts/${account.id}`, asAdmin(org), { roles: ['politician'] }), 428, 'if-match-required');
    const stale = await patch(`/accounts/${account.id}`, asAdmin(org, ifMatch(1)), { roles: ['politician'] });
    expect(expectProblem(stale, 412, 'stale-version').currentVersion).toBe(2);
    expect(await fetchJson<Account>(t.app, org, `/api/v1/accounts/${account.id}`)).toMatchObject({ roles: ['hr'], version: 2 });
  });

  it('answers 404 for a missing account', async () => {
    const org = await newOrg();
    expectProblem(await patch(`/accounts/${randomUUID()}`, asAdmin(org, ifMatch(1)), { active: false }), 404, 'not-found');
  });

  it('takes effect on the next request: a role taken away is a permission gone', async () => {
    const org = await newOrg();
    const hr = await createAccount(t.db, org, ['member', 'hr']);
    const { sessionId: _id, ...session } = await sessionFor(t.db, hr);
    expect((await post('/units', session, { name: 'Ny eining', kind: 'unit' })).statusCode).toBe(201);
    await patch(`/accounts/${hr.accountId}`, asAdmin(org, ifMatch(1)), { roles: ['member'] });
    expectProblem(await post('/units', session, { name: 'Ei til', kind: 'unit' }), 403, 'forbidden');
  });
});

describe('deactivation', () => {
  it('ends every session of the account and revokes the tokens it created, at once', async () => {
    const org = await newOrg();
    const admin = await createAccount(t.db, org, ['administrator']);
    const [first, second] = [await sessionFor(t.db, admin), await sessionFor(t.db, admin)];
    const token = await tokenCreatedBy(admin);
    const bystander = await createAccount(t.db, org, ['administrator']);
    const bystanderSession = await sessionFor(t.db, bystander);
    const bystanderToken = await tokenCreatedBy(bystander);
    expect(await tokenWorks(token.headers)).toBe(true);

    const res = await patch(`/accounts/${admin.accountId}`, asAdmin(org, ifMatch(1)), { active: false });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json<Account>()).toMatchObject({ active: false, version: 2 });

    expectProblem(await get('/auth/session', { cookie: first.cookie }), 401, 'not-authenticated');
    expect(await sessionWorks(second)).toBe(false);
    expectProblem(await get('/people', token.headers), 401, 'invalid-token');
    const revoked = await t.db.selectFrom('api_tokens').select('revoked_at').where('organisation_id', '=', org).where('id', '=', token.id).executeTakeFirstOrThrow();
    expect(revoked.revoked_at).not.toBeNull();
    // Nobody else lost anything.
    expect(await sessionWorks(bystanderSession)).toBe(true);
    expect(await tokenWorks(bystanderToken.headers)).toBe(true);
    // And it cannot sign in again.
    expectProblem(await signIn(org, admin.email, testPassword), 401, 'sign-in-failed');
  });

  it('follows the person: deactivating a person deactivates their account, ends its sessions and revokes its tokens', async () => {
    const org = await newOrg();
    const account = await createAccount(t.db, org, ['administrator']);
    const session = await sessionFor(t.db, account);
    const token = await tokenCreatedBy(account);
    const res = await post(`/people/${account.personId}/deactivate`, asAdmin(org), {});
    expect(res.statusCode, res.body).toBe(200);
    expect(await fetchJson<Account>(t.app, org, `/api/v1/accounts/${account.accountId}`)).toMatchObject({ active: false, version: 2 });
    expect(await sessionWorks(session)).toBe(false);
    expect(await tokenWorks(token.headers)).toBe(false);
    // Reactivating the person leaves the account to an administrator's decision.
    await post(`/people/${account.personId}/reactivate`, asAdmin(org), {});
    expect(await fetchJson<Account>(t.app, org, `/api/v1/accounts/${account.accountId}`)).toMatchObject({ active: false });
  });

  it('follows the HR system too: a PUT that makes the person inactive ends their access', async () => {
    const org = await newOrg();
    const externalId = `HR-${unique()}`;
    const put = (active: boolean) => t.app.inject({
      method: 'PUT', url: `/api/v1/people/by-external-id/${externalId}`, headers: asAdmin(org), payload: { name: 'Per Hansen', active },
    });
    const person = (await put(true)).json<{ id: string }>();
    const account = await createAccount(t.db, org, ['member'], { personId: person.id });
    const session = await sessionFor(t.db, account);
    expect((await put(false)).statusCode).toBe(200);
    expect(await sessionWorks(session)).toBe(false);
    expect(await fetchJson<Account>(t.app, org, `/api/v1/accounts/${account.accountId}`)).toMatchObject({ active: false });
  });

  it('cannot switch an account back on while its person is inactive (422), but can once they are back', async () => {
    const org = await newOrg();
    const account = await newAccount(org);
    await post(`/people/${account.personId}/deactivate`, asAdmin(org), {});
    expectProblem(await patch(`/accounts/${account.id}`, asAdmin(org, ifMatch(2)), { active: true }), 422, 'person-inactive');
    await post(`/people/${account.personId}/reactivate`, asAdmin(org), {});
    const res = await patch(`/accounts/${account.id}`, asAdmin(org, ifMatch(2)), { active: true });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json<Account>().active).toBe(true);
  });
});

describe('an administrator cannot lock themselves out', () => {
  it('refuses removing their own administrator role or deactivating themselves (422 own-account)', async () => {
    const org = await newOrg();
    const { account, headers } = await signedInAs(t.db, org, ['member', 'administrator']);
    const url = `/accounts/${account.accountId}`;
    expectProblem(await patch(url, { ...headers, ...ifMatch(1) }, { roles: ['member'] }), 422, 'own-account');
    expectProblem(await patch(url, { ...headers, ...ifMatch(1) }, { active: false }), 422, 'own-account');
    expectProblem(await post(`/people/${account.personId}/deactivate`, headers, {}), 422, 'own-account');
    expect(await fetchJson<Account>(t.app, org, `/api/v1/accounts/${account.accountId}`)).toMatchObject({ roles: ['member', 'administrator'], active: true, version: 1 });
    // Their other edits of themselves are fine.
    const edit = await patch(url, { ...headers, ...ifMatch(1) }, { roles: ['administrator', 'hr'], email: 'ny.adresse@lagvik.kommune.no' });
    expect(edit.statusCode, edit.body).toBe(200);
  });

  it('lets another administrator do it', async () => {
    const org = await newOrg();
    const target = await createAccount(t.db, org, ['administrator']);
    const { headers } = await signedInAs(t.db, org, ['administrator']);
    const res = await patch(`/accounts/${target.accountId}`, { ...headers, ...ifMatch(1) }, { roles: ['member'] });
    expect(res.statusCode, res.body).toBe(200);
  });
});

describe('who may manage accounts', () => {
  it('refuses a member every accounts route (403 forbidden)', async () => {
    const org = await newOrg();
    const target = await newAccount(org);
    const person = await createPerson(t.app, org);
    for (const roles of [['member'], ['member', 'hr'], ['chiefExecutive']] as const) {
      const { headers } = await signedInAs(t.db, org, [...roles]);
      const requests = [
        get('/accounts', headers),
        get(`/accounts/${target.id}`, headers),
        post('/accounts', headers, { personId: person.id, email: 'x@lagvik.kommune.no', roles: ['administrator'] }),
        patch(`/accounts/${target.id}`, { ...headers, ...ifMatch(1) }, { roles: ['administrator'] }),
        post(`/accounts/${target.id}/password`, headers, { password: 'fjord måke sykkel lykt' }),
      ];
      for (const res of await Promise.all(requests)) expectProblem(res, 403, 'forbidden');
    }
    expect(await fetchJson<Account>(t.app, org, `/api/v1/accounts/${target.id}`)).toMatchObject({ roles: ['member'], version: 1, hasPassword: false });
  });

  it('lets an administrator, signed in, do it all', async () => {
    const org = await newOrg();
    const { headers } = await signedInAs(t.db, org, ['administrator']);
    const person = await createPerson(t.app, org);
    const created = await post('/accounts', headers, { personId: person.id, email: 'ny@lagvik.kommune.no', roles: ['member'] });
    expect(created.statusCode, created.body).toBe(201);
    const id = created.json<Account>().id;
    expect((await get('/accounts', headers)).statusCode).toBe(200);
    expect((await patch(`/accounts/${id}`, { ...headers, ...ifMatch(1) }, { roles: ['hr'] })).statusCode).toBe(200);
    expect((await post(`/accounts/${id}/password`, headers, { password: 'fjord måke sykkel lykt' })).statusCode).toBe(204);
  });
});

describe('setting a password', () => {
  it('sets it and ends every session of the account', async () => {
    const org = await newOrg();
    const account = await createAccount(t.db, org, ['member']);
    const session = await sessionFor(t.db, account);
    const res = await post(`/accounts/${account.accountId}/password`, asAdmin(org), { password: 'fjord måke sykkel lykt' });
    expect(res.statusCode, res.body).toBe(204);
    expect(await sessionWorks(session)).toBe(false);
    expectProblem(await signIn(org, account.email, testPassword), 401, 'sign-in-failed');
    expect((await signIn(org, account.email, 'fjord måke sykkel lykt')).statusCode).toBe(201);
  });

  it('refuses a common password or the email itself (422 weak-password), and 404 for a missing account', async () => {
    const org = await newOrg();
    const account = await createAccount(t.db, org, ['member'], { email: 'langtnavnpaapersonen@lagvik.kommune.no' });
    const session = await sessionFor(t.db, account);
    expectProblem(await post(`/accounts/${account.accountId}/password`, asAdmin(org), { password: '1qaz2wsx3edc' }), 422, 'weak-password');
    expectProblem(await post(`/accounts/${account.accountId}/password`, asAdmin(org), { password: 'LangtNavnPaaPersonen' }), 422, 'weak-password');
    expect(await sessionWorks(session)).toBe(true);
    expectProblem(await post(`/accounts/${randomUUID()}/password`, asAdmin(org), { password: 'fjord måke sykkel lykt' }), 404, 'not-found');
  });

  it('refuses a password shorter than 12 characters (400)', async () => {
    const org = await newOrg();
    const account = await newAccount(org);
    expectProblem(await post(`/accounts/${account.id}/password`, asAdmin(org), { password: 'kort' }), 400, 'validation');
  });
});

describe('listing accounts', () => {
  it('searches email and the person\'s name, and filters by role and active', async () => {
    const org = await newOrg();
    const kari = await newAccount(org, { personId: (await createPerson(t.app, org, { name: 'Kari Fjellheim' })).id, email: 'kari@lagvik.kommune.no', roles: ['member', 'hr'] });
    const ola = await newAccount(org, { personId: (await createPerson(t.app, org, { name: 'Ola Strand' })).id, email: 'ola.fjell@lagvik.kommune.no', roles: ['administrator'] });
    const per = await newAccount(org, { personId: (await createPerson(t.app, org, { name: 'Per Dal' })).id, email: 'per@lagvik.kommune.no', roles: ['member'] });
    await patch(`/accounts/${per.id}`, asAdmin(org, ifMatch(1)), { active: false });
    const emails = async (query: string) => (await listed(org, `?${query}`)).map((a) => a.email);

    expect(await emails('q=FJELL')).toEqual([kari.email, ola.email]);
    expect(await emails('q=strand')).toEqual([ola.email]);
    expect(await emails('q=%25')).toEqual([]);
    expect(await emails('role=member')).toEqual([kari.email, per.email]);
    expect(await emails('role=hr')).toEqual([kari.email]);
    expect(await emails('active=false')).toEqual([per.email]);
    expect(await emails('active=true&role=member')).toEqual([kari.email]);
    expectProblem(await get('/accounts?role=coordinator', asAdmin(org)), 400, 'validation');
    expectProblem(await get('/accounts?sort=email', asAdmin(org)), 400, 'validation');
  });

  it('pages by email, whatever its case, without skipping or repeating when accounts are added meanwhile', async () => {
    const org = await newOrg();
    // Local parts of one length, so no collation's handling of '@' changes the order.
    for (const email of ['dd@x.no', 'BB@x.no', 'aa@x.no', 'EE@x.no', 'cc@x.no']) await newAccount(org, { email });
    const page = (cursor: string | null) =>
      fetchJson<AccountPage>(t.app, org, `/api/v1/accounts?q=x.no&limit=2${cursor ? `&cursor=${cursor}` : ''}`);
    const first = await page(null);
    expect(first.items.map((a) => a.email)).toEqual(['aa@x.no', 'BB@x.no']);
    await newAccount(org, { email: 'ab@x.no' }); // sorts before the cursor: not seen, nothing repeated
    await newAccount(org, { email: 'Cd@x.no' }); // sorts after it: seen in its place
    const second = await page(first.nextCursor);
    expect(second.items.map((a) => a.email)).toEqual(['cc@x.no', 'Cd@x.no']);
    const third = await page(second.nextCursor);
    expect(third.items.map((a) => a.email)).toEqual(['dd@x.no', 'EE@x.no']);
    expect(third.nextCursor).toBeNull();
  });

  it('shows only the caller\'s organisation', async () => {
    const org = await newOrg();
    await newAccount(await newOrg());
    expect(await listed(org)).toEqual([]);
  });
});

describe('the audit trail of accounts', () => {
  it('records every change with its actor, and never a password hash', async () => {
    const org = await newOrg();
    const { account: admin, headers } = await signedInAs(t.db, org, ['administrator']);
    const person = await createPerson(t.app, org);
    const created = await post('/accounts', headers, { personId: person.id, email: 'revidert@lagvik.kommune.no', roles: ['member'], password: 'fjord måke sykkel lykt' });
    const id = created.json<Account>().id;
    await post(`/accounts/${id}/password`, headers, { password: 'en helt annen lang frase' });
    await patch(`/accounts/${id}`, { ...headers, ...ifMatch(2) }, { roles: ['member', 'hr'] });

    const events = await t.db.selectFrom('audit_events').selectAll()
      .where('organisation_id', '=', org).where('entity', '=', 'accounts').where('entity_id', '=', id).orderBy('id').execute();
    expect(events.map((e) => e.action)).toEqual(['create', 'update', 'update']);
    for (const event of events) expect(event).toMatchObject({ actor_kind: 'account', actor_account_id: admin.accountId, actor_person_id: admin.personId });
    expect(events[0]!.changes).toMatchObject({ email: { after: 'revidert@lagvik.kommune.no' }, password_hash: { redacted: true } });
    expect(events[1]!.changes).toEqual({ password_hash: { redacted: true } });
    expect(events[2]!.changes).toEqual({ roles: { before: ['member'], after: ['member', 'hr'] } });
    const stored = await t.db.selectFrom('accounts').select('password_hash').where('organisation_id', '=', org).where('id', '=', id).executeTakeFirstOrThrow();
    const everything = JSON.stringify(events);
    expect(everything).not.toContain('$argon2');
    expect(everything).not.toContain(stored.password_hash!);
  });

  it('records the sessions ended and the tokens revoked by a deactivation, under the same actor', async () => {
    const org = await newOrg();
    const target = await createAccount(t.db, org, ['administrator']);
    const token = await tokenCreatedBy(target);
    const res = await patch(`/accounts/${target.accountId}`, asAdmin(org, { ...ifMatch(1), 'x-request-id': `deactivate-${unique()}` }), { active: false });
    const events = await t.db.selectFrom('audit_events').selectAll()
      .where('organisation_id', '=', org).where('request_id', '=', res.headers['x-request-id'] as string).orderBy('id').execute();
    expect(events.map((e) => [e.entity, e.entity_id, e.action, e.actor_kind])).toEqual([
      ['accounts', target.accountId, 'update', 'account'],
      ['api_tokens', token.id, 'update', 'account'],
    ]);
  });
});

describe('a member who proposes a team', () => {
  it('becomes its coordinator, so they can go on editing it', async () => {
    const org = await newOrg();
    const { account, headers } = await signedInAs(t.db, org, ['member']);
    const created = await post('/teams', headers, { name: 'Arbeidslag for lærlinger' });
    expect(created.statusCode, created.body).toBe(201);
    const team = created.json<Team>();
    expect(team.memberCount).toBe(1);
    const members = (await fetchJson<{ items: Member[] }>(t.app, org, `/api/v1/teams/${team.id}/members`)).items;
    expect(members).toMatchObject([{ personId: account.personId, role: 'coordinator', leftOn: null }]);
    const edited = await patch(`/teams/${team.id}`, { ...headers, ...ifMatch(team.version) }, { purpose: 'Følge opp lærlingene sammen' });
    expect(edited.statusCode, edited.body).toBe(200);
    // Another member, coordinator of their own proposal, may still not edit this one.
    const other = await signedInAs(t.db, org, ['member']);
    expect((await post('/teams', other.headers, { name: 'Et annet lag' })).statusCode).toBe(201);
    expectProblem(await patch(`/teams/${team.id}`, { ...other.headers, ...ifMatch(team.version + 1) }, { purpose: 'Noe annet' }), 403, 'out-of-scope');
  });

  it('is not made coordinator when they may edit every team anyway', async () => {
    const org = await newOrg();
    const { headers } = await signedInAs(t.db, org, ['member', 'chiefExecutive']);
    const created = await post('/teams', headers, { name: 'Lag uten koordinator' });
    expect(created.statusCode, created.body).toBe(201);
    expect(created.json<Team>().memberCount).toBe(0);
  });
});
