import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LightMyRequestResponse } from 'fastify';
import type { AuditPage, CurrentSession, IdentityProvider, IdentityProviderList, SignInProviderList } from '@lagverk/shared';
import { buildApp, type App } from '../src/app.ts';
import type { Database } from '../src/db/database.ts';
import { safeReturnPath } from '../src/sso/flow.ts';
import { openSecret, sealSecret, SecretUnavailable } from '../src/sso/secret-box.ts';
import { createAccount, signedInAs } from './support/accounts.ts';
import { createOrganisation, openTestDatabase } from './support/database.ts';
import { unique } from './support/factories.ts';
import {
  confidentialClient, CookieJar, publicClient, signInAtProvider, startIdentityProvider, type TestIdentityProvider,
} from './support/identity-provider.ts';

// Single sign-on through a real OpenID Connect provider running on this machine: every
// sign-in here goes through discovery, the provider's login and consent forms, the
// authorization code with PKCE, and openid-client's checks of the signed ID token.

const publicUrl = 'http://lagverk.test';
const redirectUri = `${publicUrl}/api/v1/auth/oidc/callback`;
const secretsKey = randomBytes(32);

let database: Database;
let app: App;
let idp: TestIdentityProvider;
let org: string;
/** A signed-in administrator's cookie and CSRF token. */
let admin: Record<string, string>;
/** Matches by email, with a client secret. */
let byEmail: IdentityProvider;
/** Matches by the employeeId claim, as a public client (PKCE alone). */
let byEmployeeId: IdentityProvider;

beforeAll(async () => {
  database = await openTestDatabase();
  app = await buildApp({ database, singleSignOn: { publicUrl, secretsKey } });
  await app.ready();
  idp = await startIdentityProvider(redirectUri);
  org = (await createOrganisation(database.db)).id;
  admin = await headersOf(org, 'administrator');
  byEmail = await addProvider(admin, { name: 'Kommunens Entra ID', clientId: confidentialClient.clientId, clientSecret: confidentialClient.clientSecret, matchBy: 'email' });
  byEmployeeId = await addProvider(admin, { name: 'HR-katalogen', clientId: publicClient.clientId, matchBy: 'externalId', externalIdClaim: 'employeeId' });
});
afterAll(async () => {
  await app?.close();
  await database?.close();
  await idp?.close();
});

async function headersOf(organisationId: string, role: 'administrator' | 'member'): Promise<Record<string, string>> {
  return { ...(await signedInAs(database.db, organisationId, [role])).headers };
}

async function addProvider(headers: Record<string, string>, body: Record<string, unknown>): Promise<IdentityProvider> {
  const res = await app.inject({ method: 'POST', url: '/api/v1/identity-providers', headers, payload: { issuer: idp.issuer, ...body } });
  if (res.statusCode !== 201) throw new Error(`adding a provider failed with ${res.statusCode}: ${res.body}`);
  return res.json<IdentityProvider>();
}

/** A user of the identity provider, with the claims it will vouch for. */
function providerUser(claims: Record<string, unknown>) {
  const login = `user-${unique()}`;
  idp.users.set(login, claims);
  return login;
}

const startUrl = (providerId: string, query: Record<string, string>) => `/api/v1/auth/oidc/${providerId}/start?${new URLSearchParams(query)}`;

/** The browser's first step: Lagverk sends it to the provider. */
async function start(providerId: string, jar: CookieJar, query: Record<string, string> = {}) {
  const res = await app.inject({ method: 'GET', url: startUrl(providerId, { organisationId: org, ...query }), headers: { cookie: jar.header() } });
  jar.take(res.headers['set-cookie']);
  return res;
}

/** The browser's last step: back from the provider to Lagverk. */
async function finish(callback: URL, jar: CookieJar) {
  const res = await app.inject({ method: 'GET', url: callback.pathname + callback.search, headers: { cookie: jar.header() } });
  jar.take(res.headers['set-cookie']);
  return res;
}

/** The whole sign-in as a browser does it; `jar` is the browser's cookies for Lagverk. */
async function signInWith(provider: IdentityProvider, login: string, query: Record<string, string> = {}, jar = new CookieJar()) {
  const started = await start(provider.id, jar, query);
  expect(started.statusCode).toBe(302);
  const callback = await signInAtProvider(started.headers.location as string, login, redirectUri);
  return { callback, finished: await finish(callback, jar), jar };
}

/** Who the browser is signed in as, if anyone. */
async function sessionOf(jar: CookieJar) {
  return app.inject({ method: 'GET', url: '/api/v1/auth/session', headers: { cookie: jar.header() } });
}

const hasSessionCookie = (res: LightMyRequestResponse) => [res.headers['set-cookie'] ?? []].flat().some((c) => c.startsWith('lagverk_session=') && !c.startsWith('lagverk_session=;'));

describe('signing in with an identity provider', () => {
  it('finds the account by its email and lands signed in where the sign-in started', async () => {
    const account = await createAccount(database.db, org, ['member'], { email: `Kari.${unique()}@kommune.no` });
    const login = providerUser({ email: account.email.toUpperCase(), email_verified: true, name: 'Kari' });
    const { finished, jar } = await signInWith(byEmail, login, { returnTo: '/teams?status=active' });

    expect(finished.statusCode).toBe(302);
    expect(finished.headers.location).toBe('/teams?status=active');
    const session = await sessionOf(jar);
    expect(session.statusCode).toBe(200);
    expect(session.json<CurrentSession>().account.id).toBe(account.accountId);

    // The same way in as a password: the sign-in time and the audit trail record it.
    const row = await database.db.selectFrom('accounts').select('last_sign_in_at').where('organisation_id', '=', org).where('id', '=', account.accountId).executeTakeFirstOrThrow();
    expect(row.last_sign_in_at).not.toBeNull();
    const trail = await app.inject({ method: 'GET', url: `/api/v1/audit-events?entity=sessions&personId=${account.personId}`, headers: admin });
    expect(trail.json<AuditPage>().items.map((e) => e.action)).toEqual(['signIn']);
  });

  it('finds the person by the configured claim and signs in their account, as a public client', async () => {
    const employeeNumber = `A-${unique()}`;
    const person = await database.db.insertInto('people').values({ organisation_id: org, name: 'Ola Normann', external_id: employeeNumber }).returning('id').executeTakeFirstOrThrow();
    const account = await createAccount(database.db, org, ['hr'], { personId: person.id });
    // The email the provider knows is another one: only the employee number counts here.
    const login = providerUser({ employeeId: employeeNumber, email: 'ola.privat@example.org' });
    const { finished, jar } = await signInWith(byEmployeeId, login);

    expect(finished.headers.location).toBe('/');
    const session = await sessionOf(jar);
    expect(session.statusCode).toBe(200);
    expect(session.json<CurrentSession>().account).toMatchObject({ id: account.accountId, roles: ['hr'] });
  });

  it('sends someone without an account back to the sign-in page, not signed in', async () => {
    const login = providerUser({ email: `ukjend.${unique()}@kommune.no`, email_verified: true });
    const { finished, jar } = await signInWith(byEmail, login, { returnTo: '/teams' });

    expect(finished.statusCode).toBe(302);
    expect(finished.headers.location).toBe('/sign-in?error=sso-no-account&redirect=%2Fteams');
    expect(hasSessionCookie(finished)).toBe(false);
    expect((await sessionOf(jar)).statusCode).toBe(401);
  });

  it('refuses an inactive account', async () => {
    const account = await createAccount(database.db, org, ['member']);
    await database.db.updateTable('accounts').set({ active: false }).where('organisation_id', '=', org).where('id', '=', account.accountId).execute();
    const { finished, jar } = await signInWith(byEmail, providerUser({ email: account.email }));

    expect(finished.headers.location).toBe('/sign-in?error=sso-no-account');
    expect((await sessionOf(jar)).statusCode).toBe(401);
  });

  it('refuses an email the provider says it has not verified', async () => {
    const account = await createAccount(database.db, org, ['member']);
    const { finished } = await signInWith(byEmail, providerUser({ email: account.email, email_verified: false }));
    expect(finished.headers.location).toBe('/sign-in?error=sso-no-account');
    expect(hasSessionCookie(finished)).toBe(false);
  });

  it('uses each sign-in once: the same answer again is refused', async () => {
    const account = await createAccount(database.db, org, ['member']);
    const { callback, finished, jar } = await signInWith(byEmail, providerUser({ email: account.email }));
    expect(finished.headers.location).toBe('/');

    const again = await finish(callback, jar);
    expect(again.headers.location).toBe('/sign-in?error=sso-failed');
    expect(hasSessionCookie(again)).toBe(false);
  });

  it('refuses a sign-in that took longer than ten minutes', async () => {
    const account = await createAccount(database.db, org, ['member']);
    const jar = new CookieJar();
    const started = await start(byEmail.id, jar);
    const callback = await signInAtProvider(started.headers.location as string, providerUser({ email: account.email }), redirectUri);
    const state = callback.searchParams.get('state')!.slice(org.length + 1);
    await database.db.updateTable('sign_in_attempts').set({ expires_at: new Date(Date.now() - 1000) }).where('organisation_id', '=', org).where('state', '=', state).execute();

    const res = await finish(callback, jar);
    expect(res.headers.location).toBe('/sign-in?error=sso-failed');
    expect((await sessionOf(jar)).statusCode).toBe(401);
  });

  it('refuses a state it never handed out', async () => {
    const jar = new CookieJar();
    await start(byEmail.id, jar);
    const forged = new URL(redirectUri);
    forged.search = new URLSearchParams({ code: 'made-up', state: `${org}.${randomBytes(32).toString('base64url')}` }).toString();
    const res = await finish(forged, jar);
    expect(res.headers.location).toBe('/sign-in?error=sso-failed');
    expect((await sessionOf(jar)).statusCode).toBe(401);

    const noState = await app.inject({ method: 'GET', url: '/api/v1/auth/oidc/callback?code=x' });
    expect(noState.statusCode).toBe(302);
    expect(noState.headers.location).toBe('/sign-in?error=sso-failed');
  });

  it('refuses a state moved to another organisation, and the real one still works', async () => {
    const other = (await createOrganisation(database.db)).id;
    const account = await createAccount(database.db, org, ['member']);
    const jar = new CookieJar();
    const started = await start(byEmail.id, jar);
    const callback = await signInAtProvider(started.headers.location as string, providerUser({ email: account.email }), redirectUri);

    const moved = new URL(callback);
    moved.searchParams.set('state', callback.searchParams.get('state')!.replace(org, other));
    const refused = await finish(moved, jar);
    expect(refused.headers.location).toBe('/sign-in?error=sso-failed');
    expect(hasSessionCookie(refused)).toBe(false);

    const accepted = await finish(callback, jar);
    expect(accepted.headers.location).toBe('/');
    expect((await sessionOf(jar)).json<CurrentSession>().account.id).toBe(account.accountId);
  });

  it('refuses an answer brought to another browser than the one that started', async () => {
    const account = await createAccount(database.db, org, ['member']);
    const jar = new CookieJar();
    const started = await start(byEmail.id, jar);
    const callback = await signInAtProvider(started.headers.location as string, providerUser({ email: account.email }), redirectUri);

    const elsewhere = new CookieJar();
    const res = await finish(callback, elsewhere);
    expect(res.headers.location).toBe('/sign-in?error=sso-failed');
    expect((await sessionOf(elsewhere)).statusCode).toBe(401);
  });

  it('goes to / instead of another site after signing in', async () => {
    const account = await createAccount(database.db, org, ['member']);
    const { finished, jar } = await signInWith(byEmail, providerUser({ email: account.email }), { returnTo: '//evil.example/steal' });
    expect(finished.headers.location).toBe('/');
    expect((await sessionOf(jar)).statusCode).toBe(200);
  });

  it.each([
    ['//evil.example', '/'], ['/\\evil.example', '/'], ['/\t/evil.example', '/'], ['https://evil.example', '/'],
    ['evil', '/'], ['/sign-in?error=x', '/'], ['/teams/1?tab=results#top', '/teams/1?tab=results#top'],
  ])('keeps only paths on this site: %j → %j', (given, kept) => {
    expect(safeReturnPath(given)).toBe(kept);
  });

  it('takes the provider\'s refusal back to the sign-in page', async () => {
    const jar = new CookieJar();
    const started = await start(byEmail.id, jar);
    const state = new URL(started.headers.location as string).searchParams.get('state')!;
    const res = await finish(new URL(`${redirectUri}?${new URLSearchParams({ error: 'access_denied', state })}`), jar);
    expect(res.headers.location).toBe('/sign-in?error=sso-failed');
  });

  it('does not start with an unknown or inactive provider', async () => {
    const inactive = await addProvider(admin, { name: 'Avslått', clientId: confidentialClient.clientId, clientSecret: confidentialClient.clientSecret, matchBy: 'email', active: false });
    for (const id of [inactive.id, crypto.randomUUID()]) {
      const res = await start(id, new CookieJar());
      expect(res.statusCode).toBe(302);
      expect(res.headers.location).toBe('/sign-in?error=sso-failed');
    }
    const offered = await app.inject({ method: 'GET', url: `/api/v1/auth/providers?organisationId=${org}` });
    expect(offered.statusCode).toBe(200);
    const names = offered.json<SignInProviderList>().items.map((p) => p.name);
    expect(names).toEqual(expect.arrayContaining(['Kommunens Entra ID', 'HR-katalogen']));
    expect(names).not.toContain('Avslått');
  });

  it('stops starting sign-ins for an address that started too many, storing nothing more', async () => {
    const key = 'sso-start:127.0.0.1';
    const limit = () => database.db.selectFrom('rate_limits').select('hits').where('organisation_id', '=', org).where('key', '=', key).executeTakeFirst();
    const attempts = async () => (await database.db.selectFrom('sign_in_attempts').select('state').where('organisation_id', '=', org).execute()).length;
    try {
      await start(byEmail.id, new CookieJar());
      await database.db.updateTable('rate_limits').set({ hits: 60 }).where('organisation_id', '=', org).where('key', '=', key).execute();
      const before = await attempts();
      const refused = await start(byEmail.id, new CookieJar());
      expect(refused.headers.location).toBe('/sign-in?error=sso-failed');
      expect(await attempts()).toBe(before);
      expect((await limit())!.hits).toBe(61);
    } finally {
      // The other tests here start sign-ins from the same address.
      await database.db.deleteFrom('rate_limits').where('organisation_id', '=', org).where('key', '=', key).execute();
    }
  });

  it('sends the browser to the provider with PKCE, state and nonce, and keeps them in the database', async () => {
    const res = await start(byEmail.id, new CookieJar());
    const to = new URL(res.headers.location as string);
    expect(to.origin).toBe(idp.issuer);
    expect(Object.fromEntries(to.searchParams)).toMatchObject({
      client_id: confidentialClient.clientId, response_type: 'code', redirect_uri: redirectUri,
      code_challenge_method: 'S256', scope: 'openid email profile',
    });
    for (const param of ['state', 'nonce', 'code_challenge']) expect(to.searchParams.get(param)).toMatch(/^[\w.-]{20,}$/);
    const state = to.searchParams.get('state')!;
    expect(state.startsWith(`${org}.`)).toBe(true);
    const row = await database.db.selectFrom('sign_in_attempts').selectAll().where('organisation_id', '=', org).where('state', '=', state.slice(org.length + 1)).executeTakeFirst();
    expect(row).toMatchObject({ provider_id: byEmail.id, nonce: to.searchParams.get('nonce') });
  });
});

describe('identity providers, for administrators', () => {
  it('never returns the client secret, and keeps it sealed in the database', async () => {
    const secret = `s3cret-${unique()}`;
    const created = await app.inject({
      method: 'POST', url: '/api/v1/identity-providers', headers: admin,
      payload: { name: 'Feide', issuer: idp.issuer, clientId: confidentialClient.clientId, clientSecret: secret, matchBy: 'externalId', externalIdClaim: 'https://n.feide.no/claims/eduPersonPrincipalName' },
    });
    expect(created.statusCode).toBe(201);
    const provider = created.json<IdentityProvider>();
    expect(provider).toMatchObject({ name: 'Feide', hasClientSecret: true, scopes: 'openid email profile', active: true, redirectUri, version: 1 });
    expect(created.body).not.toContain(secret);

    const reads = [
      await app.inject({ method: 'GET', url: '/api/v1/identity-providers', headers: admin }),
      await app.inject({ method: 'GET', url: `/api/v1/identity-providers/${provider.id}`, headers: admin }),
    ];
    for (const res of reads) {
      expect(res.statusCode).toBe(200);
      expect(res.body).not.toContain(secret);
      expect(res.body).not.toContain('clientSecret');
    }
    expect(reads[0]!.json<IdentityProviderList>().items.map((p) => p.id)).toContain(provider.id);

    const stored = await database.db.selectFrom('identity_providers').select('client_secret').where('organisation_id', '=', org).where('id', '=', provider.id).executeTakeFirstOrThrow();
    expect(stored.client_secret).toMatch(/^aes256gcm:/);
    expect(stored.client_secret).not.toContain(secret);

    const trail = await app.inject({ method: 'GET', url: `/api/v1/audit-events?entity=identity_providers&entityId=${provider.id}`, headers: admin });
    expect(trail.body).not.toContain(secret);
    expect(trail.json<AuditPage>().items[0]!.changes.client_secret).toEqual({ redacted: true });
  });

  it('edits and removes a provider, with If-Match', async () => {
    const provider = await addProvider(admin, { name: 'Gammal', clientId: 'x', clientSecret: 'y', matchBy: 'email' });
    const url = `/api/v1/identity-providers/${provider.id}`;
    expect((await app.inject({ method: 'PATCH', url, headers: admin, payload: { name: 'Ny' } })).statusCode).toBe(428);

    const edited = await app.inject({ method: 'PATCH', url, headers: { ...admin, 'if-match': '"1"' }, payload: { name: 'Ny', clientSecret: null } });
    expect(edited.statusCode).toBe(200);
    expect(edited.json<IdentityProvider>()).toMatchObject({ name: 'Ny', hasClientSecret: false, version: 2 });
    expect((await app.inject({ method: 'PATCH', url, headers: { ...admin, 'if-match': '"1"' }, payload: { active: false } })).statusCode).toBe(412);

    expect((await app.inject({ method: 'DELETE', url, headers: { ...admin, 'if-match': '"2"' } })).statusCode).toBe(204);
    expect((await app.inject({ method: 'GET', url, headers: admin })).statusCode).toBe(404);
  });

  it('refuses an issuer whose metadata cannot be read (422), and saves nothing', async () => {
    const before = await database.db.selectFrom('identity_providers').select('id').where('organisation_id', '=', org).execute();
    for (const issuer of [`${idp.issuer}/no-such-issuer`, 'http://127.0.0.1:9']) {
      const res = await app.inject({ method: 'POST', url: '/api/v1/identity-providers', headers: admin, payload: { name: 'Feil', issuer, clientId: 'x', matchBy: 'email' } });
      expect(res.statusCode, issuer).toBe(422);
      expect(res.json()).toMatchObject({ code: 'issuer-discovery-failed', errors: [{ path: '/body/issuer' }] });
    }
    const patched = await app.inject({
      method: 'PATCH', url: `/api/v1/identity-providers/${byEmail.id}`, headers: { ...admin, 'if-match': `"${byEmail.version}"` }, payload: { issuer: `${idp.issuer}/no-such-issuer` },
    });
    expect(patched.statusCode).toBe(422);
    const after = await database.db.selectFrom('identity_providers').select('id').where('organisation_id', '=', org).execute();
    expect(after).toHaveLength(before.length);
  });

  it('refuses plain HTTP beyond this machine, and scopes without openid (422)', async () => {
    const res = await app.inject({
      method: 'POST', url: '/api/v1/identity-providers', headers: admin,
      payload: { name: 'Usikker', issuer: 'http://idp.example.org', clientId: 'x', matchBy: 'email', scopes: 'email profile' },
    });
    expect(res.statusCode).toBe(422);
    expect(res.json<{ errors: { path: string }[] }>().errors.map((e) => e.path)).toEqual(['/body/issuer', '/body/scopes']);
  });

  it('is for administrators: a member gets 403, and another organisation\'s provider is not found', async () => {
    const member = await headersOf(org, 'member');
    expect((await app.inject({ method: 'GET', url: '/api/v1/identity-providers', headers: member })).statusCode).toBe(403);
    expect((await app.inject({ method: 'GET', url: `/api/v1/identity-providers/${byEmail.id}`, headers: member })).statusCode).toBe(403);
    const post = await app.inject({ method: 'POST', url: '/api/v1/identity-providers', headers: member, payload: { name: 'X', issuer: idp.issuer, clientId: 'x', matchBy: 'email' } });
    expect(post.statusCode).toBe(403);

    const other = (await createOrganisation(database.db)).id;
    const otherAdmin = await headersOf(other, 'administrator');
    expect((await app.inject({ method: 'GET', url: `/api/v1/identity-providers/${byEmail.id}`, headers: otherAdmin })).statusCode).toBe(404);
    const theirs = await app.inject({ method: 'GET', url: '/api/v1/identity-providers', headers: otherAdmin });
    expect(theirs.json<IdentityProviderList>().items).toEqual([]);
    const offered = await app.inject({ method: 'GET', url: `/api/v1/auth/providers?organisationId=${other}` });
    expect(offered.json<SignInProviderList>().items).toEqual([]);
  });
});

describe('sealed client secrets', () => {
  it('open with the key and row they were sealed for, and with nothing else', () => {
    const sealed = sealSecret('hemmeleg', secretsKey, 'row-1');
    expect(openSecret(sealed, secretsKey, 'row-1')).toBe('hemmeleg');
    expect(() => openSecret(sealed, secretsKey, 'row-2')).toThrow(SecretUnavailable);
    expect(() => openSecret(sealed, randomBytes(32), 'row-1')).toThrow(SecretUnavailable);
    expect(() => openSecret(sealed, undefined, 'row-1')).toThrow(SecretUnavailable);
    // A changed ciphertext: its first character (six whole bits) swapped for another, so the
    // change is never a no-op (the last characters may already read "AA", and base64's final
    // character carries bits a decoder drops).
    const at = sealed.lastIndexOf(':') + 1;
    const tampered = `${sealed.slice(0, at)}${sealed[at] === 'A' ? 'B' : 'A'}${sealed.slice(at + 1)}`;
    expect(() => openSecret(tampered, secretsKey, 'row-1')).toThrow(SecretUnavailable);
  });

  it('are stored as given without a key, and still open', () => {
    expect(openSecret(sealSecret('hemmeleg', undefined, 'row-1'), undefined, 'row-1')).toBe('hemmeleg');
  });
});
