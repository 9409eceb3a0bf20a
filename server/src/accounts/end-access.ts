import { sql, type Transaction } from 'kysely';
import type { DB } from '../db/types.ts';
import { endSessionsOf } from '../auth/sessions.ts';
import { lockOrganisation } from '../db/versioned.ts';
import { conflict } from '../http/problem.ts';

// An account that is switched off must stop acting at once, through every door it
// had: its sessions end (the next request with the cookie is a 401) and the
// integration tokens it created are revoked, since a token outliving the person who
// made it is a way back in. Tokens are revoked, not deleted, so the audit trail keeps
// naming them. Runs inside the caller's transaction: the account and its access end together.

/** Ends every session of the account and revokes every integration token it created. */
export async function endAccess(trx: Transaction<DB>, organisationId: string, accountId: string) {
  await endSessionsOf(trx, organisationId, accountId);
  await trx.updateTable('api_tokens').set({ revoked_at: sql`now()` })
    .where('organisation_id', '=', organisationId).where('created_by_account_id', '=', accountId).where('revoked_at', 'is', null)
    .execute();
}

/**
 * A person who leaves the organisation loses their account too (whether they were
 * deactivated in the app, by the HR system or by an import). Reactivating the person
 * leaves the account off: an administrator decides whether they get access again.
 */
export async function deactivateAccountOfPerson(trx: Transaction<DB>, organisationId: string, personId: string) {
  const current = await trx.selectFrom('accounts').select(['id', 'roles', 'active'])
    .where('organisation_id', '=', organisationId).where('person_id', '=', personId).executeTakeFirst();
  if (current?.active && current.roles.includes('administrator')) await assertAnotherAdministrator(trx, organisationId, current.id);
  const account = await trx.updateTable('accounts')
    .set({ active: false, version: sql`version + 1`, updated_at: sql`now()` })
    .where('organisation_id', '=', organisationId).where('person_id', '=', personId).where('active', '=', true)
    .returning('id')
    .executeTakeFirst();
  if (account) await endAccess(trx, organisationId, account.id);
}

/**
 * Refuses (409) to take the last active administrator away, so an organisation always
 * has someone who can manage accounts. The organisation row is locked first, so two
 * administrators switching each other off at once cannot both succeed.
 */
export async function assertAnotherAdministrator(trx: Transaction<DB>, organisationId: string, accountId: string) {
  await lockOrganisation(trx, organisationId);
  const other = await trx.selectFrom('accounts').select('id')
    .where('organisation_id', '=', organisationId).where('id', '<>', accountId).where('active', '=', true)
    .where(sql<boolean>`'administrator' = any(roles)`)
    .limit(1).executeTakeFirst();
  if (!other) {
    throw conflict('last-administrator', 'This is the organisation\'s last active administrator. Make someone else an administrator first.');
  }
}
