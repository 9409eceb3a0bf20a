import { ScimError } from './errors.ts';
import type { Kysely } from 'kysely';
import type { Actor } from '../auth/actor.ts';
import type { DB } from '../db/types.ts';
import { staleVersion } from '../http/preconditions.ts';
import { createPerson, patchPerson, setPersonActive } from '../people/service.ts';
import { createAccount, patchAccount } from '../accounts/service.ts';
import { scimNotFound } from './errors.ts';
import { inOneTransaction } from './transaction.ts';
import { findUser, type UserRow } from './user-repository.ts';
import { assertValidUser, personFields, type DesiredUser } from './user-mapping.ts';

// Provisioning writes go through the people and account services, so their rules hold
// here too: a person who leaves loses their account, sessions and tokens; emails are
// unique whatever their case. Each request is one transaction.

/** A new person with a member account for userName, no password: single sign-on comes later. */
export function createUser(db: Kysely<DB>, actor: Actor, user: DesiredUser): Promise<UserRow> {
  assertValidUser(user);
  const organisationId = actor.organisationId;
  return inOneTransaction(db, async (joined) => {
    const person = await createPerson(joined, organisationId, personFields(user));
    await createAccount(joined, organisationId, { personId: person.id, email: user.userName, roles: ['member'] });
    if (!user.active) await setPersonActive(joined, organisationId, person.id, null, false);
    return (await findUser(joined, organisationId, person.id))!;
  });
}

/**
 * Makes the person what `desiredOf` (given the User as it is) says, for PUT and PATCH.
 * `active` false deactivates the person and their account; true, for someone inactive,
 * reactivates both: the identity provider decides who has access.
 */
export function updateUser(
  db: Kysely<DB>, actor: Actor, id: string, expected: number | null, desiredOf: (current: UserRow) => DesiredUser,
): Promise<UserRow> {
  const organisationId = actor.organisationId;
  return inOneTransaction(db, async (joined) => {
    const current = await findUser(joined, organisationId, id, { lock: true });
    if (!current) throw scimNotFound('User');
    if (expected !== null && current.version !== expected) throw staleVersion(current.version);
    const user = desiredOf(current);
    assertValidUser(user);

    const fields = changedFields(current, user);
    const reactivating = user.active && !current.active;
    const activeAfter = user.active || current.active;
    const account = current.account_id === null
      ? (activeAfter ? 'create' : 'none')
      : (current.account_email !== user.userName ? 'rename' : 'keep');
    if (Object.keys(fields).length === 0 && account === 'keep' && user.active === current.active) return current;
    // Renaming an administrator's (or HR's…) sign-in would let whoever holds the
    // provisioning token redirect single sign-on to that account: such accounts are
    // renamed in Lagverk by an administrator, not by provisioning.
    if (account === 'rename' && (current.account_roles ?? []).some((role) => role !== 'member')) {
      throw new ScimError(400, 'This account holds roles beyond member; its userName (sign-in email) is changed in Lagverk by an administrator, not by provisioning.', 'mutability');
    }

    if (reactivating) await setPersonActive(joined, organisationId, id, null, true);
    // Bumps the version even when only the account changes: the User's ETag covers userName too.
    await patchPerson(joined, organisationId, id, null, fields);
    if (account === 'create') {
      await createAccount(joined, organisationId, { personId: id, email: user.userName, roles: ['member'] });
    } else if (account === 'rename') {
      await patchAccount(joined, actor, current.account_id!, null, { email: user.userName });
    }
    if (reactivating && current.account_active === false) await patchAccount(joined, actor, current.account_id!, null, { active: true });
    if (!user.active && current.active) await setPersonActive(joined, organisationId, id, null, false);
    return (await findUser(joined, organisationId, id))!;
  });
}

/** DELETE: people are never deleted (history refers to them); the person and account are deactivated. */
export async function deactivateUser(db: Kysely<DB>, actor: Actor, id: string, expected: number | null) {
  if (!(await findUser(db, actor.organisationId, id))) throw scimNotFound('User');
  await setPersonActive(db, actor.organisationId, id, expected, false);
}

function changedFields(current: UserRow, user: DesiredUser) {
  const wanted = personFields(user);
  const now = { name: current.name, email: current.email, phone: current.phone, title: current.title, externalId: current.external_id };
  return Object.fromEntries(Object.entries(wanted).filter(([key, value]) => now[key as keyof typeof now] !== value));
}
