import type { Kysely } from 'kysely';
import type { GrantableRole } from '@lagverk/shared';
import type { DB } from '../../src/db/types.ts';
import { defaultSessionSettings } from '../../src/config.ts';
import { hashPassword } from '../../src/auth/passwords.ts';
import { formatSessionCookie } from '../../src/auth/secrets.ts';
import { sessionCookieName } from '../../src/auth/access.ts';
import { createSession } from '../../src/auth/sessions.ts';
import { unique } from './factories.ts';

// People with accounts and signed-in sessions, made straight in the database so access
// tests can have many of them cheaply. Requests then go through the real cookie path.

export const testPassword = 'korrekt hest batteri stift';
let testPasswordHash: Promise<string> | undefined;

export interface TestAccount {
  accountId: string;
  personId: string;
  email: string;
  organisationId: string;
}

/** A person with an account holding `roles` (a password is set: `testPassword`). */
export async function createAccount(
  db: Kysely<DB>, organisationId: string, roles: GrantableRole[] = ['member'], options: { personId?: string; email?: string } = {},
): Promise<TestAccount> {
  testPasswordHash ??= hashPassword(testPassword);
  const email = options.email ?? `person.${unique()}@test.kommune.no`;
  const personId = options.personId ?? (await db.insertInto('people')
    .values({ organisation_id: organisationId, name: `Konto ${unique()}`, email })
    .returning('id').executeTakeFirstOrThrow()).id;
  const account = await db.insertInto('accounts')
    .values({ organisation_id: organisationId, person_id: personId, email, roles, password_hash: await testPasswordHash })
    .returning('id').executeTakeFirstOrThrow();
  return { accountId: account.id, personId, email, organisationId };
}

// A type, not an interface, so it passes wherever plain header records are expected.
export type SessionHeaders = {
  cookie: string;
  'x-csrf-token': string;
};

/** A signed-in session for `account`: the headers a browser would send with a write. */
export async function sessionFor(db: Kysely<DB>, account: TestAccount): Promise<SessionHeaders & { sessionId: string }> {
  const session = await createSession(db, defaultSessionSettings, account.organisationId, account.accountId, { userAgent: 'vitest', ipAddress: '127.0.0.1' });
  return {
    sessionId: session.id,
    cookie: `${sessionCookieName(defaultSessionSettings)}=${formatSessionCookie(account.organisationId, session.secret)}`,
    'x-csrf-token': session.csrfToken,
  };
}

/** Signed-in headers for a new account with `roles`, in one call. */
export async function signedInAs(db: Kysely<DB>, organisationId: string, roles: GrantableRole[] = ['member']) {
  const account = await createAccount(db, organisationId, roles);
  const { sessionId: _sessionId, ...headers } = await sessionFor(db, account);
  return { account, headers };
}
