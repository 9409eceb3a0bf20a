import type { Kysely, Transaction } from 'kysely';
import type { UnitCreate, UnitPatch, UnitUpsert } from '@lagverk/shared';
import type { DB, UnitRow } from '../db/types.ts';
import { deleteVersioned, lockOrganisation, updateVersioned } from '../db/versioned.ts';
import { conflict, notFound, unprocessable } from '../http/problem.ts';
import { staleVersion } from '../http/preconditions.ts';
import { assertPersonExists, assertUnitExists } from '../http/references.ts';
import { findUnit, findUnitByExternalId, insertUnit, unitDependants, wouldCreateCycle } from './repository.ts';

// The rules of the unit tree. Each write runs in one transaction that first locks the
// organisation's row, so concurrent moves are checked against each other.

/** `active`: whether the unit is (or will be) active; an active unit needs an active parent. */
async function checkReferences(trx: Transaction<DB>, organisationId: string, unitId: string | null, active: boolean, input: Partial<UnitCreate>) {
  if (input.parentId) {
    await assertUnitExists(trx, organisationId, input.parentId, 'parentId', { active });
    if (unitId && (await wouldCreateCycle(trx, organisationId, unitId, input.parentId))) {
      throw unprocessable('unit-cycle', 'A unit cannot be placed below itself or one of its own sub-units.',
        [{ path: '/body/parentId', message: 'would make the unit its own ancestor', code: 'cycle' }]);
    }
  }
  if (input.managerId) await assertPersonExists(trx, organisationId, input.managerId, 'managerId');
}

function columns(input: Partial<UnitCreate>) {
  return {
    ...(input.name !== undefined && { name: input.name }),
    ...(input.kind !== undefined && { kind: input.kind }),
    ...(input.parentId !== undefined && { parent_id: input.parentId }),
    ...(input.managerId !== undefined && { manager_id: input.managerId }),
    ...(input.description !== undefined && { description: input.description }),
    ...(input.externalId !== undefined && { external_id: input.externalId }),
  };
}

export function createUnit(db: Kysely<DB>, organisationId: string, input: UnitCreate) {
  return db.transaction().execute(async (trx) => {
    await lockOrganisation(trx, organisationId);
    await checkReferences(trx, organisationId, null, true, input);
    return insertUnit(trx, { organisation_id: organisationId, ...columns(input), name: input.name, kind: input.kind });
  });
}

export function patchUnit(db: Kysely<DB>, organisationId: string, id: string, expected: number | null, patch: UnitPatch) {
  return db.transaction().execute(async (trx) => {
    await lockOrganisation(trx, organisationId);
    const unit = await findUnit(trx, organisationId, id);
    if (!unit) throw notFound('The unit');
    await checkReferences(trx, organisationId, id, unit.active, patch);
    return updateVersioned(trx, 'units', organisationId, id, expected, columns(patch)) as Promise<UnitRow>;
  });
}

/** Creates or replaces the unit with this externalId; `created` tells which. */
export function upsertUnit(db: Kysely<DB>, organisationId: string, externalId: string, expected: number | null, input: UnitUpsert) {
  return db.transaction().execute(async (trx) => {
    await lockOrganisation(trx, organisationId);
    return upsertUnitIn(trx, organisationId, externalId, expected, input);
  });
}

/**
 * upsertUnit inside the caller's transaction, which holds the organisation lock (an
 * import runs many in one). `active`: the state the unit will be in once the caller is
 * done, which its references are checked for; a new unit is created in it. An existing
 * unit's state changes only through setUnitActiveIn, with its own rules.
 */
export async function upsertUnitIn(
  trx: Transaction<DB>, organisationId: string, externalId: string, expected: number | null, input: UnitUpsert, active?: boolean,
) {
  const existing = await findUnitByExternalId(trx, organisationId, externalId);
  // A full representation: fields left out are cleared, as PUT means.
  const full = { parentId: null, managerId: null, description: null, ...input, externalId };
  const activeAfter = active ?? existing?.active ?? true;
  await checkReferences(trx, organisationId, existing?.id ?? null, activeAfter, full);
  if (!existing) {
    if (expected !== null) throw notFound('The unit');
    const row = await insertUnit(trx, { organisation_id: organisationId, ...columns(full), name: input.name, kind: input.kind, active: activeAfter });
    return { row, created: true };
  }
  const row = (await updateVersioned(trx, 'units', organisationId, existing.id, expected, columns(full))) as UnitRow;
  return { row, created: false };
}

export function setUnitActive(db: Kysely<DB>, organisationId: string, id: string, expected: number | null, active: boolean) {
  return db.transaction().execute(async (trx) => {
    await lockOrganisation(trx, organisationId);
    return setUnitActiveIn(trx, organisationId, id, expected, active);
  });
}

/** setUnitActive inside the caller's transaction, which holds the organisation lock. */
export async function setUnitActiveIn(trx: Transaction<DB>, organisationId: string, id: string, expected: number | null, active: boolean) {
  // FOR UPDATE: people being placed in the unit hold it FOR SHARE, so the count below
  // sees them all once they commit.
  const unit = await findUnit(trx, organisationId, id, { forUpdate: true });
  if (!unit) throw notFound('The unit');
  if (expected !== null && unit.version !== expected) throw staleVersion(unit.version);
  if (!active) {
    const deps = await unitDependants(trx, organisationId, id);
    if (deps.children > 0 || deps.people > 0) {
      throw conflict('unit-in-use',
        `The unit still has ${deps.children} active sub-unit(s) and ${deps.people} active person(s); move or deactivate them first.`);
    }
  } else if (unit.parent_id) {
    const parent = await findUnit(trx, organisationId, unit.parent_id);
    if (parent && !parent.active) throw conflict('parent-inactive', 'Reactivate the unit above first.');
  }
  if (unit.active === active) return unit;
  return updateVersioned(trx, 'units', organisationId, id, unit.version, { active }) as Promise<UnitRow>;
}

export function deleteUnit(db: Kysely<DB>, organisationId: string, id: string, expected: number | null) {
  return db.transaction().execute(async (trx) => {
    await lockOrganisation(trx, organisationId);
    const children = await trx.selectFrom('units').select('id').where('organisation_id', '=', organisationId).where('parent_id', '=', id).limit(1).executeTakeFirst();
    const member = await trx.selectFrom('people').select('id').where('organisation_id', '=', organisationId).where('unit_id', '=', id).limit(1).executeTakeFirst();
    if (children || member) {
      throw conflict('unit-in-use', 'The unit has sub-units or people, past or present; deactivate it instead of deleting it.');
    }
    await deleteVersioned(trx, 'units', organisationId, id, expected);
  });
}
