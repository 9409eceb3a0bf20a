import type { Kysely } from 'kysely';
import type { Actor } from '../auth/actor.ts';
import type { DB, UnitRow } from '../db/types.ts';
import { lockOrganisation } from '../db/versioned.ts';
import { staleVersion } from '../http/preconditions.ts';
import { createUnit, patchUnit, setUnitActive } from '../units/service.ts';
import { patchPerson } from '../people/service.ts';
import { invalidValue, scimNotFound } from './errors.ts';
import { existingPeople, findGroup, membersOf, type MemberRow } from './group-repository.ts';
import type { DesiredGroup } from './group-mapping.ts';
import { inOneTransaction } from './transaction.ts';

// Groups are written through the unit and people services: a unit's name and key by
// the unit rules, membership by placing people in the unit (or taking them out), which
// checks that the unit is active. Each request is one transaction.

/** A new top-level unit of kind 'unit', with the members placed in it. */
export function createGroup(db: Kysely<DB>, actor: Actor, group: DesiredGroup) {
  const organisationId = actor.organisationId;
  return inOneTransaction(db, async (joined) => {
    const unit = await createUnit(joined, organisationId, { name: group.name, kind: 'unit', parentId: null, externalId: group.externalId });
    await placeMembers(joined, organisationId, unit.id, [], group.members ?? []);
    return unit.id;
  });
}

/** Makes the unit what `desiredOf` (given the unit and its members) says, for PUT and PATCH. */
export function updateGroup(
  db: Kysely<DB>, actor: Actor, id: string, expected: number | null,
  desiredOf: (unit: UnitRow, members: MemberRow[]) => DesiredGroup,
) {
  const organisationId = actor.organisationId;
  return inOneTransaction(db, async (joined, trx) => {
    // The organisation first, then the unit: the order the unit service locks in.
    await lockOrganisation(trx, organisationId);
    const unit = await findGroup(trx, organisationId, id, { lock: true });
    if (!unit) throw scimNotFound('Group');
    if (expected !== null && unit.version !== expected) throw staleVersion(unit.version);
    const members = (await membersOf(trx, organisationId, [id])).get(id)!;
    const group = desiredOf(unit, members);

    const fields = {
      ...(group.name !== unit.name && { name: group.name }),
      ...(group.externalId !== unit.external_id && { externalId: group.externalId }),
    };
    const moved = group.members === undefined
      ? false
      : await placeMembers(joined, organisationId, id, members.map((m) => m.id), group.members);
    // Bumps the version when only membership changed, so the Group's ETag follows its members.
    if (Object.keys(fields).length > 0 || moved) await patchUnit(joined, organisationId, id, null, fields);
    return id;
  });
}

/** Places the `wanted` people in the unit and takes the others of `current` out; whether anyone moved. */
async function placeMembers(joined: Kysely<DB>, organisationId: string, unitId: string, current: string[], wanted: string[]) {
  const leaving = current.filter((id) => !wanted.includes(id));
  const joining = wanted.filter((id) => !current.includes(id));
  const known = await existingPeople(joined, organisationId, joining);
  const unknown = joining.filter((id) => !known.has(id));
  if (unknown.length > 0) throw invalidValue(`members: no User has the id ${unknown.slice(0, 5).join(', ')}.`);
  for (const personId of leaving) await patchPerson(joined, organisationId, personId, null, { unitId: null });
  for (const personId of joining) await patchPerson(joined, organisationId, personId, null, { unitId });
  return leaving.length + joining.length > 0;
}

/** DELETE: units are deactivated, not deleted; refused (409) while people or sub-units are active in it. */
export async function deactivateGroup(db: Kysely<DB>, actor: Actor, id: string, expected: number | null) {
  if (!(await findGroup(db, actor.organisationId, id))) throw scimNotFound('Group');
  await setUnitActive(db, actor.organisationId, id, expected, false);
}
