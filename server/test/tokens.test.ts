import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import type { ApiToken, ApiTokenCreated, ApiTokenList } from '@lagverk/shared';
import { createTestApp, type TestContext } from './support/app.ts';
import { createOrganisation } from './support/database.ts';
import { signedInAs, type SessionHeaders } from './support/accounts.ts';
import { expectProblem } from './support/factories.ts';
import { hashSecret, parseToken } from '../src/auth/secrets.ts';

// Integration tokens as an administrator makes them and an integration uses them: the
// secret is shown once, works for its scopes and nothing else, and stops at once when
// revoked or expired. Requests here send their own credentials, never the test token.

/** Credentials a request sends: a session's cookie and CSRF token, or a bearer token. */
type Headers = SessionHeaders | Record<string, string>;

let t: TestContext;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.close());

const tokenPattern = /^lvk_[0-9a-f]{32}_[A-Za-z0-9_-]{43}$/;

async function newAdmin() {
  const organisationId = (await createOrganisation(t.db)).id;
  const { account, headers } = await signedInAs(t.db, organisationId, ['administrator']);
  const person = await t.db.selectFrom('people').select('name').where('id', '=', account.personId).executeTakeFirstOrThrow();
  return { organisationId, headers, account, name: person.name };
}

const bearer = (secret: string) => ({ authorization: `Bearer ${secret}` });

function createToken(headers: Headers, payload: object) {
  return t.app.inject({ method: 'POST', url: '/api/v1/tokens', headers: { ...headers }, payload });
}

async function mint(headers: Headers, payload: object = {}): Promise<ApiTokenCreated> {
  const res = await createToken(headers, { name: 'HR-systemet', scopes: ['people:read'], ...payload });
  expect(res.statusCode, res.body).toBe(201);
  return res.json<ApiTokenCreated>();
}

const list = (headers: Headers) => t.app.inject({ method: 'GET', url: '/api/v1/tokens', headers: { ...headers } });
const revoke = (headers: Headers, id: string) => t.app.inject({ method: 'POST', url: `/api/v1/tokens/${id}/revoke`, headers: { ...headers } });

function expectInvalidToken(res: Awaited<ReturnType<typeof list>>) {
  expectProblem(res, 401, 'invalid-token');
  expect(res.headers['www-authenticate']).toBe('Bearer error="invalid_token"');
}

describe('creating a token', () => {
  it('shows the secret once, stores only its hash, and names the administrator who made it', async () => {
    const admin = await newAdmin();
    const created = await mint(admin.headers, { name: 'Lønnssystemet', scopes: ['people:read', 'units:read'] });
    expect(created.secret).toMatch(tokenPattern);
    expect(created.token).toEqual({
      id: expect.any(String), name: 'Lønnssystemet', scopes: ['people:read', 'units:read'], expiresAt: null,
      lastUsedAt: null, revokedAt: null, createdAt: expect.any(String), createdBy: admin.name,
    });
    const row = await t.db.selectFrom('api_tokens').selectAll().where('id', '=', created.token.id).executeTakeFirstOrThrow();
    expect(row.created_by_account_id).toBe(admin.account.accountId);
    expect(row.token_hash).toBe(hashSecret(parseToken(created.secret)!.secret));
    expect(JSON.stringify(row)).not.toContain(parseToken(created.secret)!.secret);
  });

  it('keeps an expiry in the future, and refuses one in the past (422)', async () => {
    const admin = await newAdmin();
    const expiresAt = new Date(Date.now() + 86_400_000).toISOString();
    expect((await mint(admin.headers, { expiresAt })).token.expiresAt).toBe(expiresAt);
    const past = await createToken(admin.headers, { name: 'Gammal', scopes: ['people:read'], expiresAt: '2020-01-01T00:00:00.000Z' });
    expect(expectProblem(past, 422, 'expiry-in-past').errors?.[0]?.path).toBe('/body/expiresAt');
  });

  it('refuses an unknown scope, and tokens:write, which no token may carry (400)', async () => {
    const admin = await newAdmin();
    for (const scopes of [['people:delete'], ['tokens:write'], []]) {
      expectProblem(await createToken(admin.headers, { name: 'X', scopes }), 400, 'validation');
    }
    const tokens = await t.db.selectFrom('api_tokens').select('id').where('organisation_id', '=', admin.organisationId).execute();
    expect(tokens).toHaveLength(1);
  });

  it('is for a signed-in administrator only: a member (403), any token (403), a write without the CSRF token (403)', async () => {
    const admin = await newAdmin();
    const member = await signedInAs(t.db, admin.organisationId, ['member']);
    expectProblem(await createToken(member.headers, { name: 'X', scopes: ['people:read'] }), 403, 'forbidden');
    expectProblem(await list(member.headers), 403, 'forbidden');
    const everyScope = await mint(admin.headers, { scopes: ['tokens:read', 'people:read', 'audit:read'] });
    const byToken = await t.app.inject({
      method: 'POST', url: '/api/v1/tokens', headers: bearer(everyScope.secret), payload: { name: 'X', scopes: ['people:read'] },
    });
    expectProblem(byToken, 403, 'forbidden');
    expect((await list(bearer(everyScope.secret))).statusCode).toBe(200);
    const { 'x-csrf-token': _csrf, ...cookieOnly } = admin.headers;
    expectProblem(await t.app.inject({ method: 'POST', url: '/api/v1/tokens', headers: cookieOnly, payload: { name: 'X', scopes: ['people:read'] } }), 403, 'csrf-token-invalid');
  });
});

describe('using a token', () => {
  it('works for its scopes and is refused (403) outside them', async () => {
    const admin = await newAdmin();
    const { secret } = await mint(admin.headers, { scopes: ['people:read'] });
    expect((await t.app.inject({ method: 'GET', url: '/api/v1/people', headers: bearer(secret) })).statusCode).toBe(200);
    const write = await t.app.inject({ method: 'POST', url: '/api/v1/people', headers: bearer(secret), payload: { name: 'Ola' } });
    expectProblem(write, 403, 'forbidden');
    expectProblem(await t.app.inject({ method: 'GET', url: '/api/v1/units', headers: bearer(secret) }), 403, 'forbidden');
    const people = await t.db.selectFrom('people').select('id').where('organisation_id', '=', admin.organisationId).execute();
    expect(people).toHaveLength(1);
  });

  it('records when it was last used', async () => {
    const admin = await newAdmin();
    const { token, secret } = await mint(admin.headers);
    expect(token.lastUsedAt).toBeNull();
    await t.app.inject({ method: 'GET', url: '/api/v1/people', headers: bearer(secret) });
    const listed = (await list(admin.headers)).json<ApiTokenList>().items.find((i) => i.id === token.id)!;
    expect(Date.parse(listed.lastUsedAt!)).toBeGreaterThanOrEqual(Date.parse(token.createdAt));
  });

  it('refuses a malformed, unknown or other-scheme bearer with 401 invalid-token', async () => {
    const admin = await newAdmin();
    const { secret } = await mint(admin.headers);
    const otherSecret = `${secret.slice(0, -43)}${'A'.repeat(43)}`;
    for (const authorization of ['Bearer', 'Bearer nonsense', `Bearer ${secret}x`, `Bearer ${otherSecret}`, `Basic ${secret}`, `Bearer ${secret} ${secret}`]) {
      expectInvalidToken(await t.app.inject({ method: 'GET', url: '/api/v1/people', headers: { authorization } }));
    }
  });

  it('reads only its own organisation: the secret under another organisation\'s id is unknown (401)', async () => {
    const admin = await newAdmin();
    const other = (await createOrganisation(t.db)).id;
    const { secret } = await mint(admin.headers);
    const swapped = secret.replace(admin.organisationId.replaceAll('-', ''), other.replaceAll('-', ''));
    expect(swapped).not.toBe(secret);
    expectInvalidToken(await t.app.inject({ method: 'GET', url: '/api/v1/people', headers: bearer(swapped) }));
  });

  it('stops working once it has expired (401)', async () => {
    const admin = await newAdmin();
    const { token, secret } = await mint(admin.headers, { expiresAt: new Date(Date.now() + 3_600_000).toISOString() });
    expect((await t.app.inject({ method: 'GET', url: '/api/v1/people', headers: bearer(secret) })).statusCode).toBe(200);
    await t.db.updateTable('api_tokens').set({ expires_at: sql`now() - interval '1 second'` }).where('id', '=', token.id).execute();
    expectInvalidToken(await t.app.inject({ method: 'GET', url: '/api/v1/people', headers: bearer(secret) }));
  });
});

describe('listing and revoking', () => {
  it('lists every token newest first, revoked ones included, and never a secret or hash', async () => {
    const admin = await newAdmin();
    const first = await mint(admin.headers, { name: 'Først' });
    const second = await mint(admin.headers, { name: 'Så' });
    expect((await revoke(admin.headers, first.token.id)).statusCode).toBe(200);
    const res = await list(admin.headers);
    expect(res.statusCode).toBe(200);
    const items = res.json<ApiTokenList>().items;
    // The organisation's test integration token (made without an account) comes last.
    expect(items.map((i) => i.name)).toEqual(['Så', 'Først', 'Test integration (every scope)']);
    expect(items[1]!.revokedAt).not.toBeNull();
    expect(items[2]!.createdBy).toBeNull();
    const hashes = await t.db.selectFrom('api_tokens').select('token_hash').where('organisation_id', '=', admin.organisationId).execute();
    for (const leaked of [first.secret, second.secret, parseToken(second.secret)!.secret, ...hashes.map((h) => h.token_hash)]) {
      expect(res.body).not.toContain(leaked);
    }
  });

  it('revokes at once: the next request is 401 with WWW-Authenticate; revoking again keeps the first time', async () => {
    const admin = await newAdmin();
    const { token, secret } = await mint(admin.headers);
    expect((await t.app.inject({ method: 'GET', url: '/api/v1/people', headers: bearer(secret) })).statusCode).toBe(200);
    const res = await revoke(admin.headers, token.id);
    expect(res.statusCode, res.body).toBe(200);
    const revoked = res.json<ApiToken>();
    expect(revoked).toMatchObject({ id: token.id, name: token.name, revokedAt: expect.any(String) });
    expectInvalidToken(await t.app.inject({ method: 'GET', url: '/api/v1/people', headers: bearer(secret) }));
    const again = await revoke(admin.headers, token.id);
    expect(again.statusCode).toBe(200);
    expect(again.json<ApiToken>().revokedAt).toBe(revoked.revokedAt);
  });

  it('answers 404 for an unknown token and for another organisation\'s', async () => {
    const admin = await newAdmin();
    const other = await newAdmin();
    const theirs = await mint(other.headers);
    expectProblem(await revoke(admin.headers, theirs.token.id), 404, 'not-found');
    expectProblem(await revoke(admin.headers, '00000000-0000-4000-8000-000000000000'), 404, 'not-found');
    expect((await t.app.inject({ method: 'GET', url: '/api/v1/people', headers: bearer(theirs.secret) })).statusCode).toBe(200);
  });
});
