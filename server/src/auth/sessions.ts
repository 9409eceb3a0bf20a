import { sql, type Kysely } from 'kysely';
import type { Role } from '@lagverk/shared';
import type { DB } from '../db/types.ts';
import type { SessionSettings } from '../config.ts';
import { hashSecret, newSecret } from './secrets.ts';
import type { Actor } from './actor.ts';

// Server-side sessions in PostgreSQL: any replica can serve any request, and ending a
// session (sign-out, revocation, deactivation) takes effect on the next request.

/** Seen-at is written at most this often, so a busy user costs no write per request. */
const touchIntervalMs = 60_000;

export interface NewSession {
  id: string;
  secret: string;
  csrfToken: string;
  expiresAt: Date;
}

export async function createSession(
  db: Kysely<DB>, settings: SessionSettings, organisationId: string, accountId: string,
  client: { userAgent: string | null; ipAddress: string | null },
): Promise<NewSession> {
  const secret = newSecret();
  const csrfToken = newSecret();
  const expiresAt = new Date(Date.now() + settings.maxHours * 3_600_000);
  // Sessions that ended by time are swept here, one account at a time.
  await db.deleteFrom('sessions')
    .where('organisation_id', '=', organisationId).where('account_id', '=', accountId)
    .where((eb) => eb.or([
      eb('expires_at', '<=', sql<Date>`now()`),
      eb('last_seen_at', '<=', sql<Date>`now() - make_interval(mins => ${settings.idleMinutes})`),
    ]))
    .execute();
  const row = await db
    .insertInto('sessions')
    .values({
      organisation_id: organisationId,
      account_id: accountId,
      token_hash: hashSecret(secret),
      csrf_token: csrfToken,
      expires_at: expiresAt,
      user_agent: client.userAgent?.slice(0, 500) ?? null,
      ip_address: client.ipAddress?.slice(0, 100) ?? null,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return { id: row.id, secret, csrfToken, expiresAt };
}

// The roles that follow from the data rather than from the account (`a` is the account).
const managesUnits = sql<boolean>`exists (select 1 from units u where u.organisation_id = a.organisation_id and u.manager_id = a.person_id and u.active)`;
const coordinatesTeams = sql<boolean>`exists (select 1 from team_members m where m.organisation_id = a.organisation_id and m.person_id = a.person_id and m.role = 'coordinator' and m.left_on is null)`;

export function effectiveRoles(granted: string[], manages: boolean, coordinates: boolean): Role[] {
  const roles = new Set(granted as Role[]);
  if (manages) roles.add('unitManager');
  if (coordinates) roles.add('coordinator');
  return [...roles];
}

/** The actor behind a session cookie, or null when it is unknown, expired or idle too long. */
export async function actorForSession(db: Kysely<DB>, settings: SessionSettings, organisationId: string, secret: string): Promise<Actor | null> {
  const row = await db
    .selectFrom('sessions as s')
    .innerJoin('accounts as a', (j) => j.onRef('a.organisation_id', '=', 's.organisation_id').onRef('a.id', '=', 's.account_id'))
    .innerJoin('people as p', (j) => j.onRef('p.organisation_id', '=', 'a.organisation_id').onRef('p.id', '=', 'a.person_id'))
    .select(['s.id', 's.csrf_token', 's.expires_at', 's.last_seen_at', 'a.id as account_id', 'a.person_id', 'a.roles', 'p.name'])
    .select([managesUnits.as('manages'), coordinatesTeams.as('coordinates')])
    .where('s.organisation_id', '=', organisationId)
    .where('s.token_hash', '=', hashSecret(secret))
    .where('a.active', '=', true)
    .where('s.expires_at', '>', sql<Date>`now()`)
    .where('s.last_seen_at', '>', sql<Date>`now() - make_interval(mins => ${settings.idleMinutes})`)
    .executeTakeFirst();
  if (!row) return null;
  if (Date.now() - new Date(row.last_seen_at).getTime() > touchIntervalMs) {
    await db.updateTable('sessions').set({ last_seen_at: sql`now()` })
      .where('organisation_id', '=', organisationId).where('id', '=', row.id).execute();
  }
  return {
    organisationId,
    via: 'session',
    accountId: row.account_id,
    personId: row.person_id,
    tokenId: null,
    name: row.name,
    roles: effectiveRoles(row.roles, row.manages, row.coordinates),
    scopes: null,
    session: { id: row.id, csrfToken: row.csrf_token, expiresAt: new Date(row.expires_at) },
  };
}

export async function endSession(db: Kysely<DB>, organisationId: string, sessionId: string, accountId: string): Promise<boolean> {
  const result = await db.deleteFrom('sessions')
    .where('organisation_id', '=', organisationId).where('id', '=', sessionId).where('account_id', '=', accountId)
    .executeTakeFirst();
  return result.numDeletedRows > 0n;
}

/** Ends the session a cookie names, whoever's it is (the browser that holds it is signing in anew). */
export async function endSessionBySecret(db: Kysely<DB>, organisationId: string, secret: string) {
  await db.deleteFrom('sessions').where('organisation_id', '=', organisationId).where('token_hash', '=', hashSecret(secret)).execute();
}

/** Ends every session of an account, but `keep` (the one changing its own password). */
export async function endSessionsOf(db: Kysely<DB>, organisationId: string, accountId: string, keep?: string) {
  await db.deleteFrom('sessions')
    .where('organisation_id', '=', organisationId).where('account_id', '=', accountId)
    .$if(keep !== undefined, (qb) => qb.where('id', '<>', keep!))
    .execute();
}

export async function listSessions(db: Kysely<DB>, settings: SessionSettings, organisationId: string, accountId: string) {
  return db.selectFrom('sessions')
    .select(['id', 'created_at', 'last_seen_at', 'expires_at', 'user_agent', 'ip_address'])
    .where('organisation_id', '=', organisationId).where('account_id', '=', accountId)
    .where('expires_at', '>', sql<Date>`now()`)
    .where('last_seen_at', '>', sql<Date>`now() - make_interval(mins => ${settings.idleMinutes})`)
    .orderBy('last_seen_at', 'desc')
    .execute();
}
