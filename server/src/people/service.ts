import type { Kysely, Transaction } from 'kysely';
import type { PersonCreate, PersonPatch, PersonUpsert } from '@lagverk/shared';
import type { DB, PersonRow } from '../db/types.ts';
import { deleteVersioned, updateVersioned } from '../db/versioned.ts';
import { conflict, HttpProblem, notFound } from '../http/problem.ts';
import { staleVersion } from '../http/preconditions.ts';
import { assertUnitExists } from '../http/references.ts';
import { endMembershipsOfPerson } from '../teams/members.ts';
import { deactivateAccountOfPerson } from '../accounts/end-access.ts';
import { findPerson, findPersonByExternalId, insertPerson } from './repository.ts';

/** `active`: whether the person is (or will be) active; an active person needs an active unit. */
async function checkReferences(trx: Transaction<DB>, organisationId: string, active: boolean, input: Partial<PersonCreate>) {
  if (input.unitId) await assertUnitExists(trx, organisationId, input.unitId, 'unitId', { active });
}

/**
 * Someone who leaves the organisation leaves their teams (the memberships stay as
 * history) and loses their access: the account is deactivated, its sessions end and
 * its tokens are revoked. Every way a person is deactivated (the API, the HR system's
 * PUT, imports) comes through here, inside its transaction.
 */
async function personLeft(trx: Transaction<DB>, organisationId: string, personId: string) {
  await endMembershipsOfPerson(trx, organisationId, personId);
  await deactivateAccountOfPerson(trx, organisationId, personId);
}

function columns(input: Partial<PersonCreate> & { active?: boolean }) {
  return {
    ...(input.name !== undefined && { name: input.name }),
    ...(input.email !== undefined && { email: input.email }),
    ...(input.phone !== undefined && { phone: input.phone }),
    ...(input.title !== undefined && { title: input.title }),
    ...(input.profession !== undefined && { profession: input.profession }),
    ...(input.unitId !== undefined && { unit_id: input.unitId }),
    ...(input.externalId !== undefined && { external_id: input.externalId }),
    ...(input.active !== undefined && { active: input.active }),
  };
}

export function createPerson(db: Kysely<DB>, organisationId: string, input: PersonCreate) {
  return db.transaction().execute(async (trx) => {
    await checkReferences(trx, organisationId, true, input);
    return insertPerson(trx, { organisation_id: organisationId, ...columns(input), name: input.name });
  });
}

/**
 * `mayReassignPrivileged`: whether the caller may change the externalId of someone whose
 * account holds a role beyond member. Single sign-on can find accounts by externalId, so
 * moving an administrator's employee number to another identity would hand over the
 * administrator's account: only those who manage accounts (accounts:write) may.
 */
export function patchPerson(
  db: Kysely<DB>, organisationId: string, id: string, expected: number | null, patch: PersonPatch,
  options: { mayReassignPrivileged?: boolean } = {},
) {
  return db.transaction().execute(async (trx) => {
    const person = await findPerson(trx, organisationId, id);
    if (!person) throw notFound('The person');
    if (patch.externalId !== undefined && patch.externalId !== person.external_id && !options.mayReassignPrivileged) {
      await assertNotPrivileged(trx, organisationId, id);
    }
    await checkReferences(trx, organisationId, person.active, patch);
    return updateVersioned(trx, 'people', organisationId, id, expected, columns(patch)) as Promise<PersonRow>;
  });
}

export function upsertPerson(db: Kysely<DB>, organisationId: string, externalId: string, expected: number | null, input: PersonUpsert) {
  return db.transaction().execute((trx) => upsertPersonIn(trx, organisationId, externalId, expected, input));
}

/** upsertPerson inside the caller's transaction (an import runs many in one). */
export async function upsertPersonIn(trx: Transaction<DB>, organisationId: string, externalId: string, expected: number | null, input: PersonUpsert) {
  // A full representation: fields left out are cleared, as PUT means.
  const full = { email: null, phone: null, title: null, profession: null, unitId: null, active: true, ...input, externalId };
  await checkReferences(trx, organisationId, full.active, full);
  const existing = await findPersonByExternalId(trx, organisationId, externalId);
  if (!existing) {
    if (expected !== null) throw notFound('The person');
    const row = await insertPerson(trx, { organisation_id: organisationId, ...columns(full), name: input.name });
    return { row, created: true };
  }
  const row = (await updateVersioned(trx, 'people', organisationId, existing.id, expected, columns(full))) as PersonRow;
  if (existing.active && !row.active) await personLeft(trx, organisationId, row.id);
  return { row, created: false };
}

export function setPersonActive(db: Kysely<DB>, organisationId: string, id: string, expected: number | null, active: boolean) {
  return db.transaction().execute(async (trx) => {
    const person = await findPerson(trx, organisationId, id);
    if (!person) throw notFound('The person');
    if (expected !== null && person.version !== expected) throw staleVersion(person.version);
    if (person.active === active) return person;
    if (active && person.unit_id) await assertUnitExists(trx, organisationId, person.unit_id, 'unitId', { active: true });
    const row = (await updateVersioned(trx, 'people', organisationId, id, person.version, { active })) as PersonRow;
    if (!active) await personLeft(trx, organisationId, id);
    return row;
  });
}

export function deletePerson(db: Kysely<DB>, organisationId: string, id: string, expected: number | null) {
  return db.transaction().execute(async (trx) => {
    const manages = await trx.selectFrom('units').select('id').where('organisation_id', '=', organisationId).where('manager_id', '=', id).limit(1).executeTakeFirst();
    if (manages) throw conflict('person-in-use', 'The person manages a unit; deactivate them instead of deleting, so history is kept.');
    await deleteVersioned(trx, 'people', organisationId, id, expected);
  });
}

async function assertNotPrivileged(trx: Transaction<DB>, organisationId: string, personId: string) {
  const account = await trx.selectFrom('accounts').select('roles')
    .where('organisation_id', '=', organisationId).where('person_id', '=', personId).executeTakeFirst();
  if (account && account.roles.some((role) => role !== 'member')) {
    throw new HttpProblem(403, 'privileged-identity', 'Forbidden',
      'This person\'s account holds a role beyond member. Single sign-on may find accounts by externalId, so only an administrator (accounts:write) can change it.');
  }
}
