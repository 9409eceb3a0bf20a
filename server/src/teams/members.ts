import { sql, type Kysely, type Transaction } from 'kysely';
import type { MemberCreate, MemberPatch } from '@lagverk/shared';
import type { DB } from '../db/types.ts';
import { updateVersioned } from '../db/versioned.ts';
import { conflict, notFound, unprocessable } from '../http/problem.ts';
import { recordEvent, recordEvents } from './events.ts';
import { membersEditable } from './lifecycle.ts';
import { findMember, type MemberRow } from './repository.ts';
import { lockTeam } from './service.ts';

// Membership with history: a membership ends (leftOn) rather than being deleted, so the
// team's record keeps who took part and when.

async function lockEditableTeam(trx: Transaction<DB>, organisationId: string, teamId: string) {
  const team = await lockTeam(trx, organisationId, teamId, null);
  if (!membersEditable(team.status)) throw conflict('team-not-editable', `A ${team.status} team's members cannot change; it is history.`);
  return team;
}

async function assertActivePerson(trx: Transaction<DB>, organisationId: string, personId: string) {
  const person = await trx.selectFrom('people').select(['id', 'active'])
    .where('organisation_id', '=', organisationId).where('id', '=', personId).forShare().executeTakeFirst();
  const path = '/body/personId';
  if (!person) throw unprocessable('unknown-reference', 'The request refers to a person who does not exist.', [{ path, message: 'no such person', code: 'reference' }]);
  if (!person.active) {
    throw conflict('person-inactive', 'The person is inactive (has left the organisation). Reactivate them first.', { errors: [{ path, message: 'is inactive', code: 'inactive' }] });
  }
}

async function assertNotCurrentMember(trx: Transaction<DB>, organisationId: string, teamId: string, personId: string) {
  const current = await trx.selectFrom('team_members').select('id')
    .where('organisation_id', '=', organisationId).where('team_id', '=', teamId).where('person_id', '=', personId).where('left_on', 'is', null)
    .executeTakeFirst();
  if (current) {
    throw conflict('already-member', 'The person is already a current member of this team; change their membership instead.',
      { errors: [{ path: '/body/personId', message: `is already a member (${current.id})`, code: 'unique' }] });
  }
}

export function addMember(db: Kysely<DB>, organisationId: string, teamId: string, input: MemberCreate) {
  return db.transaction().execute(async (trx) => {
    await lockEditableTeam(trx, organisationId, teamId);
    await assertActivePerson(trx, organisationId, input.personId);
    await assertNotCurrentMember(trx, organisationId, teamId, input.personId);
    const row = await trx.insertInto('team_members')
      .values({ organisation_id: organisationId, team_id: teamId, person_id: input.personId, role: input.role, ...(input.joinedOn && { joined_on: input.joinedOn }) })
      .returningAll().executeTakeFirstOrThrow();
    await recordEvent(trx, organisationId, { teamId, kind: 'member.added', data: { memberId: row.id, personId: row.person_id, role: row.role, joinedOn: row.joined_on } });
    return row;
  });
}

export function patchMember(db: Kysely<DB>, organisationId: string, teamId: string, memberId: string, expected: number | null, patch: MemberPatch) {
  return db.transaction().execute(async (trx) => {
    await lockEditableTeam(trx, organisationId, teamId);
    const member = await findMember(trx, organisationId, teamId, memberId);
    if (!member) throw notFound('The membership');
    if (patch.leftOn && patch.leftOn < member.joined_on) {
      throw unprocessable('left-before-joined', `The membership began on ${member.joined_on}; it cannot end before that.`,
        [{ path: '/body/leftOn', message: 'is before joinedOn', code: 'order' }]);
    }
    const rejoins = patch.leftOn === null && member.left_on !== null;
    if (rejoins) {
      // Reopening a past membership makes the person current again, with the same checks as adding them.
      await assertActivePerson(trx, organisationId, member.person_id);
      await assertNotCurrentMember(trx, organisationId, teamId, member.person_id);
    }
    const row = (await updateVersioned(trx, 'team_members', organisationId, memberId, expected, {
      ...(patch.role !== undefined && { role: patch.role }),
      ...(patch.leftOn !== undefined && { left_on: patch.leftOn }),
    })) as MemberRow;
    const leaves = patch.leftOn != null && member.left_on === null;
    const changed = Object.keys(patch).filter((field) => !(leaves && field === 'leftOn'));
    const base = { memberId, personId: member.person_id };
    await recordEvents(trx, organisationId, [
      ...(changed.length ? [{ teamId, kind: 'member.changed' as const, data: { ...base, fields: changed, role: row.role } }] : []),
      ...(leaves ? [{ teamId, kind: 'member.left' as const, data: { ...base, leftOn: row.left_on } }] : []),
    ]);
    return row;
  });
}

/**
 * A person who leaves the organisation leaves their teams: their current memberships end
 * today (or on the day they began, if that is later), history is kept, and each team's
 * timeline says so. Runs inside the deactivation's transaction.
 */
export async function endMembershipsOfPerson(trx: Transaction<DB>, organisationId: string, personId: string) {
  const ended = await trx.updateTable('team_members')
    .set({ left_on: sql`greatest(joined_on, current_date)`, version: sql`version + 1`, updated_at: sql`now()` })
    .where('organisation_id', '=', organisationId).where('person_id', '=', personId).where('left_on', 'is', null)
    .returning(['id', 'team_id', 'left_on'])
    .execute();
  await recordEvents(trx, organisationId, ended.map((row) => ({
    teamId: row.team_id, kind: 'member.left' as const, data: { memberId: row.id, personId, leftOn: row.left_on, reason: 'deactivated' },
  })));
  return ended.length;
}
