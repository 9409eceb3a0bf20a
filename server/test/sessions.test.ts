import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import type { LightMyRequestResponse } from 'fastify';
import { grantFor, permissions, type CurrentSession, type SessionList } from '@lagverk/shared';
import { buildApp } from '../src/app.ts';
import { createTestApp, type TestContext } from './support/app.ts';
import { createOrganisation } from './support/database.ts';
import { createUnit, expectProblem, snapshot } from './support/factories.ts';
import { createAccount, testPassword, type TestAccount } from './support/accounts.ts';

// Signing in, the session cookie and what it allows, through the real routes.

let t: TestContext;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.close());

const newOrg = async () => (await createOrganisation(t.db)).id;

const signIn = (payload: object, headers: Record<string, string> = {}) =>
  t.app.inject({ method: 'POST', url: '/api/v1/auth/session', payload, headers });

const signInAs = (account: TestAccount, password = testPassword) =>
  signIn({ email: account.email, password, organisationId: account.organisationId });

interface Browser {
  cookie: string;
  csrfToken: string;
  session: CurrentSession;
}

/** Signs in as a browser would and keeps what it would keep: the cookie and the CSRF token. */
async function signedIn(account: TestAccount, password = testPassword): Promise<Browser> {
  const res = await signInAs(account, password);
  expect(res.statusCode, res.body).toBe(201);
  const cookie = res.cookies[0]!;
  const session = res.json<CurrentSession>();
  return { cookie: `${cookie.name}=${cookie.value}`, csrfToken: session.csrfToken, session };
}

type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
const request = (browser: Browser, method: Method, url: string, payload?: object, csrf: string | null = browser.csrfToken) =>
  t.app.inject({
    method, url: `/api/v1${url}`, payload,
    headers: { cookie: browser.cookie, ...(csrf !== null && method !== 'GET' && { 'x-csrf-token': csrf }) },
  });

const sessionsTable = () => t.db.updateTable('sessions');
const sessionIdOf = async (browser: Browser) => (await request(browser, 'GET', '/auth/sessions')).json<SessionList>().items.find((s) => s.current)!.id;

describe('signing in', () => {
  it('sets an HttpOnly, SameSite=Lax session cookie and returns who is signed in and what they may do', async () => {
    const org = await newOrg();
    const account = await createAccount(t.db, org, ['member', 'hr']);
    const res = await signInAs(account);
    expect(res.statusCode, res.body).toBe(201);
    expect(res.cookies).toHaveLength(1);
    const cookie = res.cookies[0]!;
    expect(cookie).toMatchObject({ name: 'lagverk_session', httpOnly: true, sameSite: 'Lax', path: '/' });
    expect(cookie.secure).toBeFalsy();
    expect(cookie.value).toMatch(new RegExp(`^${org}\\.`));

    const session = res.json<CurrentSession>();
    expect(session.account).toMatchObject({ id: account.accountId, personId: account.personId, email: account.email, roles: ['member', 'hr'] });
    expect(session.organisation.id).toBe(org);
    expect([...session.roles].sort()).toEqual(['hr', 'member']);
    // HR manages people and units; it neither runs accounts nor edits teams.
    expect(session.permissions).toMatchObject({ 'people:write': 'all', 'units:write': 'all', 'teams:create': 'all' });
    expect(session.permissions['accounts:read']).toBeUndefined();
    expect(session.permissions['teams:write']).toBeUndefined();
    const expected = Object.fromEntries(permissions.flatMap((p) => {
      const grant = grantFor(p, ['member', 'hr']);
      return grant ? [[p, grant]] : [];
    }));
    expect(session.permissions).toEqual(expected);
    expect(Date.parse(session.expiresAt)).toBeGreaterThan(Date.now() + 11 * 3_600_000);

    const browser = { cookie: `${cookie.name}=${cookie.value}`, csrfToken: session.csrfToken, session };
    const current = await request(browser, 'GET', '/auth/session');
    expect(current.statusCode).toBe(200);
    expect(current.json()).toEqual(session);
  });

  it('adds the roles that follow from the data: leading a unit makes a unit manager', async () => {
    const org = await newOrg();
    const account = await createAccount(t.db, org, ['member']);
    await t.db.insertInto('units').values({ organisation_id: org, name: 'Lagvik skole', kind: 'unit', manager_id: account.personId }).execute();
    const { session } = await signedIn(account);
    expect([...session.roles].sort()).toEqual(['member', 'unitManager']);
    expect(session.permissions['teams:write']).toBe('scoped');
  });

  it('uses a Secure __Host- cookie with Path=/ and no Domain when cookies are secure', async () => {
    const app = await buildApp({ database: t.database, session: { secureCookies: true, idleMinutes: 60, maxHours: 12 } });
    try {
      const account = await createAccount(t.db, await newOrg(), ['member']);
      const res = await app.inject({
        method: 'POST', url: '/api/v1/auth/session', payload: { email: account.email, password: testPassword, organisationId: account.organisationId },
      });
      expect(res.statusCode, res.body).toBe(201);
      const cookie = res.cookies[0]!;
      expect(cookie).toMatchObject({ name: '__Host-lagverk', secure: true, httpOnly: true, sameSite: 'Lax', path: '/' });
      expect(cookie.domain).toBeUndefined();
      expect(String(res.headers['set-cookie'])).not.toMatch(/domain=/i);
      const current = await app.inject({ method: 'GET', url: '/api/v1/auth/session', headers: { cookie: `${cookie.name}=${cookie.value}` } });
      expect(current.statusCode).toBe(200);
      // The development cookie name means nothing to this installation.
      const plain = await app.inject({ method: 'GET', url: '/api/v1/auth/session', headers: { cookie: `lagverk_session=${cookie.value}` } });
      expectProblem(plain, 401, 'not-authenticated');
    } finally {
      await app.close();
    }
  });

  it('answers a wrong password and an unknown email alike (401 sign-in-failed), setting no cookie', async () => {
    const org = await newOrg();
    const account = await createAccount(t.db, org, ['member']);
    const wrongPassword = await signIn({ email: account.email, password: 'ikke passordet mitt', organisationId: org });
    const unknownEmail = await signIn({ email: 'ingen.her@lagvik.kommune.no', password: testPassword, organisationId: org });
    const withoutRequestId = (res: LightMyRequestResponse) => {
      const { requestId: _requestId, ...rest } = expectProblem(res, 401, 'sign-in-failed') as Record<string, unknown>;
      return rest;
    };
    expect(withoutRequestId(wrongPassword)).toEqual(withoutRequestId(unknownEmail));
    expect(wrongPassword.cookies).toEqual([]);
    expect(unknownEmail.cookies).toEqual([]);
  });

  it('takes the email in any case', async () => {
    const org = await newOrg();
    const account = await createAccount(t.db, org, ['member'], { email: 'Kari.Nordmann@Lagvik.kommune.no' });
    expect((await signIn({ email: 'kari.nordmann@lagvik.KOMMUNE.no', password: testPassword, organisationId: org })).statusCode).toBe(201);
    expect(account.email).not.toBe('kari.nordmann@lagvik.kommune.no');
  });

  it('refuses an inactive account with the same 401', async () => {
    const org = await newOrg();
    const account = await createAccount(t.db, org, ['member']);
    await t.db.updateTable('accounts').set({ active: false }).where('organisation_id', '=', org).where('id', '=', account.accountId).execute();
    expectProblem(await signInAs(account), 401, 'sign-in-failed');
  });

  it('refuses an account of another organisation than the one named', async () => {
    const account = await createAccount(t.db, await newOrg(), ['member']);
    expectProblem(await signIn({ email: account.email, password: testPassword, organisationId: await newOrg() }), 401, 'sign-in-failed');
  });

  it('asks which organisation when the installation has several and none is named (422 organisation-required)', async () => {
    const account = await createAccount(t.db, await newOrg(), ['member']);
    await newOrg();
    const res = await signIn({ email: account.email, password: testPassword });
    expect(expectProblem(res, 422, 'organisation-required').errors?.[0]?.path).toBe('/body/organisationId');
    expect(res.cookies).toEqual([]);
  });

  it('starts a new session at every sign-in, and ends the one the browser held before', async () => {
    const org = await newOrg();
    const account = await createAccount(t.db, org, ['member']);
    const first = await signedIn(account);
    const firstId = await sessionIdOf(first);
    const again = await signIn({ email: account.email, password: testPassword, organisationId: org }, { cookie: first.cookie });
    expect(again.statusCode).toBe(201);
    const second = { cookie: `${again.cookies[0]!.name}=${again.cookies[0]!.value}`, csrfToken: again.json<CurrentSession>().csrfToken, session: again.json<CurrentSession>() };
    expect(second.cookie).not.toBe(first.cookie);
    expect(second.csrfToken).not.toBe(first.csrfToken);
    expect(await sessionIdOf(second)).not.toBe(firstId);
    expect((await request(first, 'GET', '/auth/session')).statusCode).toBe(401);
  });

  it('records the sign-in and the sign-out in the audit trail', async () => {
    const org = await newOrg();
    const account = await createAccount(t.db, org, ['member']);
    const res = await signInAs(account);
    const browser = { cookie: `${res.cookies[0]!.name}=${res.cookies[0]!.value}`, csrfToken: res.json<CurrentSession>().csrfToken, session: res.json<CurrentSession>() };
    const sessionId = await sessionIdOf(browser);
    const out = await request(browser, 'DELETE', '/auth/session');
    const events = await t.db.selectFrom('audit_events').selectAll()
      .where('organisation_id', '=', org).where('entity', '=', 'sessions').orderBy('id').execute();
    const actor = { actor_kind: 'account', actor_account_id: account.accountId, actor_person_id: account.personId, entity_id: sessionId };
    expect(events).toMatchObject([
      { ...actor, action: 'signIn', request_id: res.headers['x-request-id'] },
      { ...actor, action: 'signOut', request_id: out.headers['x-request-id'] },
    ]);
  });
});

describe('CSRF protection of cookie writes', () => {
  it('refuses a write without the token or with a wrong one (403 csrf-token-invalid), changing nothing', async () => {
    const org = await newOrg();
    const browser = await signedIn(await createAccount(t.db, org, ['hr']));
    const other = await signedIn(await createAccount(t.db, org, ['hr']));
    const unit = await createUnit(t.app, org);
    const before = await snapshot(t.db, org);
    expectProblem(await request(browser, 'POST', '/units', { name: 'Ny eining', kind: 'unit' }, null), 403, 'csrf-token-invalid');
    expectProblem(await request(browser, 'POST', '/units', { name: 'Ny eining', kind: 'unit' }, 'feil'), 403, 'csrf-token-invalid');
    expectProblem(await request(browser, 'POST', '/units', { name: 'Ny eining', kind: 'unit' }, other.csrfToken), 403, 'csrf-token-invalid');
    expectProblem(await request(browser, 'DELETE', '/auth/session', undefined, null), 403, 'csrf-token-invalid');
    // Every writing method, not only POST and DELETE.
    expectProblem(await request(browser, 'PUT', '/units/by-external-id/U-CSRF', { name: 'Ny eining', kind: 'unit' }, null), 403, 'csrf-token-invalid');
    expectProblem(await request(browser, 'PATCH', `/units/${unit.id}`, { name: 'Nytt namn' }, null), 403, 'csrf-token-invalid');
    expect(await snapshot(t.db, org)).toEqual(before);
    expect((await request(browser, 'GET', '/auth/session')).statusCode).toBe(200);

    const res = await request(browser, 'POST', '/units', { name: 'Ny eining', kind: 'unit' });
    expect(res.statusCode, res.body).toBe(201);
  });

  it('needs no token to read', async () => {
    const browser = await signedIn(await createAccount(t.db, await newOrg(), ['member']));
    const res = await t.app.inject({ method: 'GET', url: '/api/v1/units', headers: { cookie: browser.cookie } });
    expect(res.statusCode, res.body).toBe(200);
  });
});

describe('how a session ends', () => {
  it('signs out on the server: the old cookie is refused afterwards (401)', async () => {
    const browser = await signedIn(await createAccount(t.db, await newOrg(), ['member']));
    const res = await request(browser, 'DELETE', '/auth/session');
    expect(res.statusCode).toBe(204);
    const cleared = res.cookies.find((c) => c.name === 'lagverk_session');
    expect(cleared?.value).toBe('');
    expectProblem(await request(browser, 'GET', '/auth/session'), 401, 'not-authenticated');
  });

  it('ends a session left idle longer than the idle timeout (401), clearing the cookie', async () => {
    const browser = await signedIn(await createAccount(t.db, await newOrg(), ['member']));
    const id = await sessionIdOf(browser);
    await sessionsTable().set({ last_seen_at: sql`now() - interval '59 minutes'` }).where('id', '=', id).execute();
    expect((await request(browser, 'GET', '/auth/session')).statusCode).toBe(200);
    // That request counted as activity: the clock starts again from it.
    await sessionsTable().set({ last_seen_at: sql`now() - interval '61 minutes'` }).where('id', '=', id).execute();
    const res = await request(browser, 'GET', '/auth/session');
    expectProblem(res, 401, 'not-authenticated');
    expect(res.cookies.find((c) => c.name === 'lagverk_session')?.value).toBe('');
  });

  it('ends a session at its absolute expiry however active it is (401)', async () => {
    const browser = await signedIn(await createAccount(t.db, await newOrg(), ['member']));
    const id = await sessionIdOf(browser);
    await sessionsTable().set({ expires_at: sql`now() - interval '1 second'` }).where('id', '=', id).execute();
    expectProblem(await request(browser, 'GET', '/auth/session'), 401, 'not-authenticated');
  });
});

describe('my sessions', () => {
  it('lists my sessions only, marking the current one', async () => {
    const org = await newOrg();
    const account = await createAccount(t.db, org, ['member']);
    const laptop = await signedIn(account);
    const phone = await signedIn(account);
    await signedIn(await createAccount(t.db, org, ['member']));
    const res = await request(laptop, 'GET', '/auth/sessions');
    expect(res.statusCode).toBe(200);
    const items = res.json<SessionList>().items;
    expect(items).toHaveLength(2);
    expect(items.filter((s) => s.current).map((s) => s.id)).toEqual([await sessionIdOf(laptop)]);
    expect(items.find((s) => !s.current)!.id).toBe(await sessionIdOf(phone));
    expect(items[0]).toMatchObject({ ipAddress: '127.0.0.1' });
  });

  it('ends another of my sessions, and answers 404 for another account\'s session, which goes on', async () => {
    const org = await newOrg();
    const account = await createAccount(t.db, org, ['member']);
    const laptop = await signedIn(account);
    const phone = await signedIn(account);
    const someoneElse = await signedIn(await createAccount(t.db, org, ['member']));

    const phoneId = await sessionIdOf(phone);
    const res = await request(laptop, 'DELETE', `/auth/sessions/${phoneId}`);
    expect(res.statusCode).toBe(204);
    expect(res.cookies).toEqual([]);
    // The trail says who ended it, from which request.
    expect(await t.db.selectFrom('audit_events').selectAll().where('organisation_id', '=', org).where('action', '=', 'signOut').execute())
      .toMatchObject([{ entity: 'sessions', entity_id: phoneId, actor_account_id: account.accountId, request_id: res.headers['x-request-id'] }]);
    expectProblem(await request(phone, 'GET', '/auth/session'), 401, 'not-authenticated');
    expect((await request(laptop, 'GET', '/auth/session')).statusCode).toBe(200);

    expectProblem(await request(laptop, 'DELETE', `/auth/sessions/${await sessionIdOf(someoneElse)}`), 404, 'not-found');
    expectProblem(await request(laptop, 'DELETE', `/auth/sessions/${randomUUID()}`), 404, 'not-found');
    expect((await request(someoneElse, 'GET', '/auth/session')).statusCode).toBe(200);
  });
});

describe('changing my password', () => {
  it('needs the current password (422 wrong-password) and refuses a common one (422 weak-password)', async () => {
    const account = await createAccount(t.db, await newOrg(), ['member']);
    const browser = await signedIn(account);
    const wrong = await request(browser, 'POST', '/auth/password', { currentPassword: 'ikke det gamle', newPassword: 'fjord måke sykkel lykt' });
    expect(expectProblem(wrong, 422, 'wrong-password').errors?.[0]?.path).toBe('/body/currentPassword');
    const weak = await request(browser, 'POST', '/auth/password', { currentPassword: testPassword, newPassword: 'qwerty123456' });
    expect(expectProblem(weak, 422, 'weak-password').errors?.[0]?.path).toBe('/body/newPassword');
    expect((await signInAs(account)).statusCode).toBe(201);
  });

  it('changes it and ends my other sessions, but not this one', async () => {
    const account = await createAccount(t.db, await newOrg(), ['member']);
    const here = await signedIn(account);
    const elsewhere = await signedIn(account);
    const res = await request(here, 'POST', '/auth/password', { currentPassword: testPassword, newPassword: 'fjord måke sykkel lykt' });
    expect(res.statusCode, res.body).toBe(204);
    expect((await request(here, 'GET', '/auth/session')).statusCode).toBe(200);
    expectProblem(await request(elsewhere, 'GET', '/auth/session'), 401, 'not-authenticated');
    expectProblem(await signInAs(account), 401, 'sign-in-failed');
    expect((await signInAs(account, 'fjord måke sykkel lykt')).statusCode).toBe(201);
  });
});

describe('password guessing', () => {
  it('counts wrong current passwords at a password change too, so a session cannot guess without limit', async () => {
    const account = await createAccount(t.db, await newOrg(), ['member']);
    const browser = await signedIn(account);
    const change = (currentPassword: string) => request(browser, 'POST', '/auth/password', { currentPassword, newPassword: 'fjord måke sykkel lykt' });
    for (let attempt = 1; attempt <= 10; attempt++) expectProblem(await change(`feil passord ${attempt}`), 422, 'wrong-password');
    const refused = await change(testPassword);
    expectProblem(refused, 429, 'too-many-attempts');
    expect(Number(refused.headers['retry-after'])).toBeGreaterThan(0);
    expectProblem(await signInAs(account), 429, 'too-many-attempts');
  });


  it('counts guesses sent all at once before checking them: no more than ten get through', async () => {
    const org = await newOrg();
    const account = await createAccount(t.db, org, ['member']);
    const answers = await Promise.all(Array.from({ length: 16 }, (_, n) => signInAs(account, `feil passord ${n}`)));
    const statuses = answers.map((res) => res.statusCode).sort();
    expect(statuses.filter((s) => s === 401)).toHaveLength(10);
    expect(statuses.filter((s) => s === 429)).toHaveLength(6);
  });

  it('after ten failures for one email refuses even the right password (429, Retry-After) until the window passes', async () => {
    const org = await newOrg();
    const account = await createAccount(t.db, org, ['member']);
    for (let attempt = 1; attempt <= 10; attempt++) {
      expectProblem(await signInAs(account, `feil passord ${attempt}`), 401, 'sign-in-failed');
    }
    const eleventh = await signInAs(account, 'feil passord 11');
    expectProblem(eleventh, 429, 'too-many-attempts');
    const retryAfter = Number(eleventh.headers['retry-after']);
    expect(retryAfter).toBeGreaterThan(0);
    expect(retryAfter).toBeLessThanOrEqual(15 * 60);
    const right = await signInAs(account);
    expectProblem(right, 429, 'too-many-attempts');
    expect(right.cookies).toEqual([]);
    // The email is counted, not the account: an email in another case shares the count.
    expectProblem(await signIn({ email: account.email.toUpperCase(), password: testPassword, organisationId: org }), 429, 'too-many-attempts');

    await t.db.updateTable('rate_limits').set({ window_start: sql`now() - interval '16 minutes'` })
      .where('organisation_id', '=', org).where('key', '=', `account:${account.email.toLowerCase()}`).execute();
    expect((await signInAs(account)).statusCode).toBe(201);
  });

  it('counts per email: another account of the organisation still signs in', async () => {
    const org = await newOrg();
    const guessed = await createAccount(t.db, org, ['member']);
    for (let attempt = 1; attempt <= 11; attempt++) await signInAs(guessed, `feil passord ${attempt}`);
    expect((await signInAs(await createAccount(t.db, org, ['member']))).statusCode).toBe(201);
  });
});

describe('integration tokens and session routes', () => {
  it('answers a token on the session routes with 403 session-required', async () => {
    expectProblem(await t.inject({ method: 'GET', url: '/api/v1/auth/session' }), 403, 'session-required');
    expectProblem(await t.inject({ method: 'GET', url: '/api/v1/auth/sessions' }), 403, 'session-required');
    expectProblem(await t.inject({ method: 'POST', url: '/api/v1/auth/password', payload: { currentPassword: 'x', newPassword: 'fjord måke sykkel lykt' } }), 403, 'session-required');
  });

  it('answers no cookie and no token with 401', async () => {
    expectProblem(await t.app.inject({ method: 'GET', url: '/api/v1/auth/session' }), 401, 'not-authenticated');
  });
});
