import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Person } from '@lagverk/shared';
import { tokenScopes } from '@lagverk/shared';
import { countAttempt } from '../src/auth/rate-limit.ts';
import { createTestApp, type TestContext } from './support/app.ts';
import { createOrganisation } from './support/database.ts';
import { createAccount, sessionFor, signedInAs } from './support/accounts.ts';
import { as, expectProblem, fetchJson } from './support/factories.ts';

// Ways to become someone else, closed: each found in review and proven before the fix.

let t: TestContext;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.close());

const newOrg = async () => (await createOrganisation(t.db)).id;

describe("an administrator's identity", () => {
  it("cannot be moved to HR's own employee number (single sign-on may match by it)", async () => {
    const org = await newOrg();
    const admin = await createAccount(t.db, org, ['member', 'administrator']);
    const { headers: hr } = await signedInAs(t.db, org, ['member', 'hr']);
    const person = await fetchJson<Person>(t.app, org, `/api/v1/people/${admin.personId}`);
    const patch = (headers: Record<string, string>, version: number, externalId: string, personId = admin.personId) => t.app.inject({
      method: 'PATCH', url: `/api/v1/people/${personId}`, headers: { ...headers, 'if-match': `"${version}"` }, payload: { externalId },
    });
    expectProblem(await patch(hr, person.version, 'HR-4242'), 403, 'privileged-identity');
    // Other fields of the same person are HR's to change.
    const titled = await t.app.inject({
      method: 'PATCH', url: `/api/v1/people/${admin.personId}`, headers: { ...hr, 'if-match': `"${person.version}"` }, payload: { title: 'IT-sjef' },
    });
    expect(titled.statusCode, titled.body).toBe(200);
    // An administrator (who manages accounts) may change it.
    const { sessionId: _s, ...adminSession } = await sessionFor(t.db, await createAccount(t.db, org, ['member', 'administrator']));
    const changed = await patch(adminSession, titled.json<Person>().version, 'HR-1001');
    expect(changed.statusCode, changed.body).toBe(200);
    // A plain member's employee number stays HR's to keep right.
    const member = await createAccount(t.db, org, ['member']);
    const memberPerson = await fetchJson<Person>(t.app, org, `/api/v1/people/${member.personId}`);
    const memberChange = await patch(hr, memberPerson.version, 'HR-2002', member.personId);
    expect(memberChange.statusCode, memberChange.body).toBe(200);
  });

  it('cannot be reached by an integration token: no token manages accounts', async () => {
    expect(tokenScopes).not.toContain('accounts:write');
    expect(tokenScopes).not.toContain('tokens:write');
    const org = await newOrg();
    const { headers } = await signedInAs(t.db, org, ['member', 'administrator']);
    const res = await t.app.inject({
      method: 'POST', url: '/api/v1/tokens', headers, payload: { name: 'Alt', scopes: ['accounts:write'] },
    });
    expectProblem(res, 400, 'validation');
    // The feature tests' all-scope token cannot create accounts either.
    const made = await t.app.inject({
      method: 'POST', url: '/api/v1/accounts', headers: as(org), payload: { personId: (await createAccount(t.db, org)).personId, email: 'x@y.no', roles: ['administrator'] },
    });
    expectProblem(made, 403, 'forbidden');
  });
});

describe('the last administrator', () => {
  it('cannot be switched off, by HR leaving their person or by another account', async () => {
    const org = await newOrg();
    const only = await createAccount(t.db, org, ['member', 'administrator']);
    const { headers: hr } = await signedInAs(t.db, org, ['member', 'hr']);
    const person = await fetchJson<Person>(t.app, org, `/api/v1/people/${only.personId}`);
    const leave = () => t.app.inject({
      method: 'POST', url: `/api/v1/people/${only.personId}/deactivate`, headers: { ...hr, 'if-match': `"${person.version}"` },
    });
    expectProblem(await leave(), 409, 'last-administrator');
    // With a second administrator, the first may leave.
    await createAccount(t.db, org, ['administrator']);
    expect((await leave()).statusCode).toBe(200);
  });
});

describe('sign-in throttling', () => {
  it("stops counting at a throttled address, so it cannot lock other people's accounts", async () => {
    const org = await newOrg();
    const limits = [{ key: 'address:203.0.113.9', max: 2, windowSeconds: 900 }, { key: 'account:offer@kommune.no', max: 10, windowSeconds: 900 }];
    expect(await countAttempt(t.db, org, limits)).toBe(0);
    expect(await countAttempt(t.db, org, limits)).toBe(0);
    expect(await countAttempt(t.db, org, limits)).toBeGreaterThan(0);
    expect(await countAttempt(t.db, org, limits)).toBeGreaterThan(0);
    const account = await t.db.selectFrom('rate_limits').select('hits').where('organisation_id', '=', org).where('key', '=', limits[1]!.key).executeTakeFirstOrThrow();
    expect(account.hits).toBe(2);
  });
});
