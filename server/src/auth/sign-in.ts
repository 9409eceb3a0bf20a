import type { FastifyBaseLogger, FastifyReply, FastifyRequest } from 'fastify';
import { sql, type Kysely } from 'kysely';
import type { SignIn } from '@lagverk/shared';
import type { DB } from '../db/types.ts';
import type { SessionSettings } from '../config.ts';
import { HttpProblem, unprocessable } from '../http/problem.ts';
import { recordAuditEvent } from '../audit/record.ts';
import { withAuditActor } from '../audit/context.ts';
import { verifyPassword } from './passwords.ts';
import { clear, countAttempt, sweep, uncount, type Limit } from './rate-limit.ts';
import { createSession, endSessionBySecret, type NewSession } from './sessions.ts';
import { sessionCookieName, setSessionCookie } from './access.ts';
import { formatSessionCookie, parseSessionCookie } from './secrets.ts';

// Ten wrong passwords for one account, or a hundred from one address, within fifteen
// minutes, and that account or address waits until the window ends. (Behind a proxy,
// TRUST_PROXY must be set, or every client shares the proxy's address.)
const perAccount = { max: 10, windowSeconds: 15 * 60 };
const perAddress = { max: 100, windowSeconds: 15 * 60 };

/** The guesses at one email's password, counted wherever a password is checked. */
export const passwordGuesses = (email: string): Limit => ({ key: `account:${email.toLowerCase()}`, ...perAccount });

export const tooManyAttempts = (wait: number) =>
  new HttpProblem(429, 'too-many-attempts', 'Too many attempts',
    `Too many failed attempts. Try again in ${Math.ceil(wait / 60)} minute(s).`, {}, { 'retry-after': String(wait) });

const signInFailed = () =>
  new HttpProblem(401, 'sign-in-failed', 'Not authenticated', 'The email or the password is wrong, or the account is not active.');

export interface SignedIn {
  organisationId: string;
  accountId: string;
  session: NewSession;
}

export interface SignInClient {
  ipAddress: string;
  userAgent: string | null;
  requestId: string;
}

export async function signIn(
  db: Kysely<DB>, settings: SessionSettings, body: SignIn, client: SignInClient, log: FastifyBaseLogger,
): Promise<SignedIn> {
  const organisationId = await organisationToSignInTo(db, body.organisationId);
  if (!organisationId) throw signInFailed();
  const email = body.email.toLowerCase();
  // The address first: once it is throttled, its attempts no longer count against accounts.
  const limits: Limit[] = [{ key: `address:${client.ipAddress}`, ...perAddress }, passwordGuesses(email)];
  const wait = await countAttempt(db, organisationId, limits);
  if (wait > 0) {
    log.warn({ organisationId, event: 'sign-in-throttled' }, 'sign-in refused: too many attempts');
    throw tooManyAttempts(wait);
  }
  const account = await db.selectFrom('accounts as a')
    .innerJoin('people as p', (j) => j.onRef('p.organisation_id', '=', 'a.organisation_id').onRef('p.id', '=', 'a.person_id'))
    .select(['a.id', 'a.person_id', 'a.password_hash', 'p.name'])
    .where('a.organisation_id', '=', organisationId)
    .where(sql`lower(a.email)`, '=', email)
    .where('a.active', '=', true)
    .executeTakeFirst();
  if (!(await verifyPassword(account?.password_hash ?? null, body.password)) || !account) {
    log.info({ organisationId, event: 'sign-in-failed' }, 'sign-in failed');
    throw signInFailed();
  }
  await clear(db, organisationId, limits[1]!.key);
  await uncount(db, organisationId, [limits[0]!.key]);
  await sweep(db, organisationId, 2 * perAddress.windowSeconds);
  return startSession(db, settings, organisationId, account, client, log, 'password');
}

/**
 * Starts a session for an active account that has proved who it is, by password or by
 * single sign-on: one way in, so both get the same session, sign-in time and audit event.
 */
export async function startSession(
  db: Kysely<DB>, settings: SessionSettings, organisationId: string, account: { id: string; person_id: string; name: string },
  client: SignInClient, log: FastifyBaseLogger, method: 'password' | 'oidc',
): Promise<SignedIn> {
  const actor = { kind: 'account' as const, accountId: account.id, personId: account.person_id, name: account.name, requestId: client.requestId };
  const session = await withAuditActor(actor, () => db.transaction().execute(async (trx) => {
    const created = await createSession(trx, settings, organisationId, account.id, client);
    await trx.updateTable('accounts').set({ last_sign_in_at: sql`now()` })
      .where('organisation_id', '=', organisationId).where('id', '=', account.id).execute();
    await recordAuditEvent(trx, { organisationId, actor, entity: 'sessions', entityId: created.id, action: 'signIn' });
    return created;
  }));
  log.info({ organisationId, accountId: account.id, method, event: 'signed-in' }, 'signed in');
  return { organisationId, accountId: account.id, session };
}

/** A session this browser held before is ended, not left running beside the new one. */
export async function endPreviousSession(db: Kysely<DB>, settings: SessionSettings, request: FastifyRequest) {
  const previous = parseSessionCookie(request.cookies[sessionCookieName(settings)]);
  if (previous) await endSessionBySecret(db, previous.organisationId, previous.secret);
}

/** The session cookie for a session just started. */
export function setSignedInCookie(reply: FastifyReply, settings: SessionSettings, signedIn: SignedIn) {
  setSessionCookie(reply, settings, formatSessionCookie(signedIn.organisationId, signedIn.session.secret), signedIn.session.expiresAt);
}

/**
 * The organisation named, or the only one on the installation. With several and none
 * named the client must ask which (422), whatever the email: nothing about accounts leaks.
 */
async function organisationToSignInTo(db: Kysely<DB>, given: string | undefined): Promise<string | null> {
  if (given) {
    const row = await db.selectFrom('organisations').select('id').where('id', '=', given).executeTakeFirst();
    return row?.id ?? null;
  }
  const rows = await db.selectFrom('organisations').select('id').limit(2).execute();
  if (rows.length > 1) {
    throw unprocessable('organisation-required', 'This installation serves several organisations: choose the one to sign in to.', [
      { path: '/body/organisationId', message: 'is required on this installation', code: 'required' },
    ]);
  }
  return rows[0]?.id ?? null;
}
