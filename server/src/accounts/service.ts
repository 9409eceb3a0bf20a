import { sql, type Kysely, type Transaction } from 'kysely';
import type { AccountCreate, AccountPatch, ProblemFieldError } from '@lagverk/shared';
import type { DB } from '../db/types.ts';
import { lockOrganisation } from '../db/versioned.ts';
import { conflict, notFound, unprocessable } from '../http/problem.ts';
import { staleVersion } from '../http/preconditions.ts';
import { assertAcceptablePassword, hashPassword } from '../auth/passwords.ts';
import type { Actor } from '../auth/actor.ts';
import { endSessionsOf } from '../auth/sessions.ts';
import { assertAnotherAdministrator, endAccess } from './end-access.ts';
import { findAccount, findAccountIdByEmail, findAccountIdByPerson, lockAccount } from './repository.ts';

// The rules of accounts: one per active person, emails unique whatever their case,
// and no administrator can lock themselves (and so perhaps everyone) out.

const emailTaken = () =>
  conflict('email-taken', 'Another account in this organisation already uses this email.',
    { errors: [{ path: '/body/email', message: 'is already in use', code: 'unique' }] });

const accountExists = () =>
  conflict('account-exists', 'This person already has an account; edit that one instead.',
    { errors: [{ path: '/body/personId', message: 'already has an account', code: 'unique' }] });

/** The person, locked FOR SHARE so they cannot be deactivated until the account is written. */
async function assertActivePerson(trx: Transaction<DB>, organisationId: string, personId: string) {
  const person = await trx.selectFrom('people').select('active')
    .where('organisation_id', '=', organisationId).where('id', '=', personId).forShare().executeTakeFirst();
  const path = '/body/personId';
  if (!person) throw unprocessable('unknown-reference', 'The request refers to a person who does not exist.', [{ path, message: 'no such person', code: 'reference' }]);
  if (!person.active) {
    throw unprocessable('person-inactive', 'The person is inactive (has left the organisation). Reactivate them first.', [{ path, message: 'is inactive', code: 'inactive' }]);
  }
}

/** A race between two requests passes both checks; the unique index then decides, with the same answer. */
function uniqueViolation(error: unknown) {
  const constraint = (error as { code?: unknown; constraint?: unknown }).code === '23505' ? (error as { constraint?: unknown }).constraint : null;
  if (constraint === 'accounts_email_key') return emailTaken();
  if (constraint === 'accounts_person_key') return accountExists();
  return error;
}

export async function createAccount(db: Kysely<DB>, organisationId: string, input: AccountCreate) {
  // Checked and hashed before the transaction: hashing takes a while and needs no lock.
  if (input.password !== undefined) assertAcceptablePassword(input.password, input.email);
  const passwordHash = input.password !== undefined ? await hashPassword(input.password) : null;
  return db.transaction().execute(async (trx) => {
    await assertActivePerson(trx, organisationId, input.personId);
    if (await findAccountIdByPerson(trx, organisationId, input.personId)) throw accountExists();
    if (await findAccountIdByEmail(trx, organisationId, input.email)) throw emailTaken();
    const { id } = await trx.insertInto('accounts')
      .values({ organisation_id: organisationId, person_id: input.personId, email: input.email, roles: input.roles, password_hash: passwordHash })
      .returning('id').executeTakeFirstOrThrow();
    return (await findAccount(trx, organisationId, id))!;
  }).catch((error: unknown) => {
    throw uniqueViolation(error);
  });
}

/** Refuses an administrator's edit that would take their own administration away (422 `own-account`). */
function assertNotLockingOut(actor: Actor, account: { id: string; roles: string[] }, patch: AccountPatch) {
  if (actor.accountId !== account.id) return;
  const errors: ProblemFieldError[] = [];
  if (patch.active === false) errors.push({ path: '/body/active', message: 'cannot be false for your own account', code: 'own-account' });
  if (patch.roles && account.roles.includes('administrator') && !patch.roles.includes('administrator')) {
    errors.push({ path: '/body/roles', message: 'must keep administrator on your own account', code: 'own-account' });
  }
  if (errors.length) {
    throw unprocessable('own-account', 'You cannot deactivate your own account or remove your own administrator role; ask another administrator.', errors);
  }
}

export async function patchAccount(db: Kysely<DB>, actor: Actor, id: string, expected: number | null, patch: AccountPatch) {
  const organisationId = actor.organisationId;
  return db.transaction().execute(async (trx) => {
    // Taking administration away needs the organisation's lock, taken before the account's
    // (the order every other path takes them in).
    if (patch.active === false || patch.roles !== undefined) await lockOrganisation(trx, organisationId);
    const account = await lockAccount(trx, organisationId, id);
    if (!account) throw notFound('The account');
    if (expected !== null && account.version !== expected) throw staleVersion(account.version);
    assertNotLockingOut(actor, account, patch);
    const losesAdministration = account.active && account.roles.includes('administrator')
      && (patch.active === false || (patch.roles !== undefined && !patch.roles.includes('administrator')));
    if (losesAdministration) await assertAnotherAdministrator(trx, organisationId, id);
    if (patch.email !== undefined && (await findAccountIdByEmail(trx, organisationId, patch.email, id))) throw emailTaken();
    if (patch.active === true && !account.active) {
      const person = await trx.selectFrom('people').select('active')
        .where('organisation_id', '=', organisationId).where('id', '=', account.person_id).forShare().executeTakeFirstOrThrow();
      if (!person.active) {
        throw unprocessable('person-inactive', 'The person has left the organisation (is inactive); reactivate them before their account.',
          [{ path: '/body/active', message: 'the person is inactive', code: 'inactive' }]);
      }
    }
    await trx.updateTable('accounts')
      .set({
        ...(patch.email !== undefined && { email: patch.email }),
        ...(patch.roles !== undefined && { roles: patch.roles }),
        ...(patch.active !== undefined && { active: patch.active }),
        version: sql`version + 1`,
        updated_at: sql`now()`,
      })
      .where('organisation_id', '=', organisationId).where('id', '=', id)
      .execute();
    if (patch.active === false && account.active) await endAccess(trx, organisationId, id);
    return (await findAccount(trx, organisationId, id))!;
  }).catch((error: unknown) => {
    throw uniqueViolation(error);
  });
}

/** Sets the password an administrator chose; every session ends, so the new one is needed everywhere. */
export async function setPassword(db: Kysely<DB>, organisationId: string, id: string, password: string) {
  const account = await findAccount(db, organisationId, id);
  if (!account) throw notFound('The account');
  assertAcceptablePassword(password, account.email);
  const passwordHash = await hashPassword(password);
  await db.transaction().execute(async (trx) => {
    const locked = await lockAccount(trx, organisationId, id);
    if (!locked) throw notFound('The account');
    await trx.updateTable('accounts').set({ password_hash: passwordHash, version: sql`version + 1`, updated_at: sql`now()` })
      .where('organisation_id', '=', organisationId).where('id', '=', id).execute();
    await endSessionsOf(trx, organisationId, id);
  });
}
