import { sql, type Kysely, type Transaction } from 'kysely';
import type {
  ArenaCreate, ArenaMemberInput, ArenaPatch, MeetingAgendaItem, MeetingAnswer, MeetingAttendance, MeetingCreate, MeetingDecision,
  MeetingFollowUpItem, MeetingInvite, MeetingPatch, ProblemFieldError,
} from '@lagverk/shared';
import type { DB } from '../db/types.ts';
import { conflict, notFound, unprocessable } from '../http/problem.ts';
import { staleVersion } from '../http/preconditions.ts';
import { notify } from '../notifications/notify.ts';
import { findArena, instant, listInvitations, lockMeeting, meetingsOf } from './repository.ts';

// The rules of arenas and meetings. Each write runs in one transaction with the row it
// changes locked; its parts (composition, agenda, decisions, follow-up items) are replaced
// as a whole, under the parent's version.

type Trx = Transaction<DB>;

const unknownReference = (errors: ProblemFieldError[]) => unprocessable('unknown-reference', 'The request refers to something that does not exist.', errors);

/** Which of `ids` are not rows of `table` in the organisation. */
async function missing(trx: Trx, table: 'people' | 'teams', organisationId: string, ids: string[]) {
  const unique = [...new Set(ids)];
  if (unique.length === 0) return new Set<string>();
  const found = new Set((await trx.selectFrom(table).select('id').where('organisation_id', '=', organisationId).where('id', 'in', unique).execute()).map((r) => r.id));
  return new Set(unique.filter((id) => !found.has(id)));
}

async function assertMembers(trx: Trx, organisationId: string, members: ArenaMemberInput[]) {
  const errors: ProblemFieldError[] = [];
  const seen = new Set<string>();
  members.forEach((m, i) => {
    if (seen.has(m.personId)) errors.push({ path: `/body/members/${i}/personId`, message: 'is already a member', code: 'uniqueItems' });
    seen.add(m.personId);
  });
  if (errors.length > 0) throw unprocessable('duplicate-member', 'A person sits in an arena once.', errors);
  const people = await missing(trx, 'people', organisationId, members.map((m) => m.personId));
  const teams = await missing(trx, 'teams', organisationId, members.flatMap((m) => (m.teamId ? [m.teamId] : [])));
  members.forEach((m, i) => {
    if (people.has(m.personId)) errors.push({ path: `/body/members/${i}/personId`, message: 'no such person', code: 'reference' });
    if (m.teamId && teams.has(m.teamId)) errors.push({ path: `/body/members/${i}/teamId`, message: 'no such team', code: 'reference' });
  });
  if (errors.length > 0) throw unknownReference(errors);
}

async function replaceMembers(trx: Trx, organisationId: string, arenaId: string, members: ArenaMemberInput[]) {
  await trx.deleteFrom('arena_members').where('organisation_id', '=', organisationId).where('arena_id', '=', arenaId).execute();
  if (members.length === 0) return;
  await trx.insertInto('arena_members').values(members.map((m, position) => ({
    organisation_id: organisationId, arena_id: arenaId, person_id: m.personId, party: m.party, team_id: m.teamId ?? null, position,
  }))).execute();
}

export function createArena(db: Kysely<DB>, organisationId: string, input: ArenaCreate) {
  return db.transaction().execute(async (trx) => {
    const members = input.members ?? [];
    await assertMembers(trx, organisationId, members);
    const row = await trx.insertInto('arenas').values({
      organisation_id: organisationId, type: input.type, name: input.name, purpose: input.purpose ?? null, rhythm: input.rhythm ?? null,
      interval_weeks: input.intervalWeeks ?? null, active: input.active ?? true,
    }).returningAll().executeTakeFirstOrThrow();
    await replaceMembers(trx, organisationId, row.id, members);
    return row.id;
  });
}

async function lockArena(trx: Trx, organisationId: string, id: string, expected: number | null) {
  const row = await findArena(trx, organisationId, id, { forUpdate: true });
  if (!row) throw notFound('The arena');
  if (expected !== null && row.version !== expected) throw staleVersion(row.version);
  return row;
}

export function patchArena(db: Kysely<DB>, organisationId: string, id: string, expected: number | null, patch: ArenaPatch) {
  return db.transaction().execute(async (trx) => {
    await lockArena(trx, organisationId, id, expected);
    if (patch.members) await assertMembers(trx, organisationId, patch.members);
    await trx.updateTable('arenas').set({
      ...(patch.type !== undefined && { type: patch.type }),
      ...(patch.name !== undefined && { name: patch.name }),
      ...(patch.purpose !== undefined && { purpose: patch.purpose }),
      ...(patch.rhythm !== undefined && { rhythm: patch.rhythm }),
      ...(patch.intervalWeeks !== undefined && { interval_weeks: patch.intervalWeeks }),
      ...(patch.active !== undefined && { active: patch.active }),
      version: sql`version + 1`, updated_at: sql`now()`,
    }).where('organisation_id', '=', organisationId).where('id', '=', id).execute();
    if (patch.members) await replaceMembers(trx, organisationId, id, patch.members);
  });
}

export function deleteArena(db: Kysely<DB>, organisationId: string, id: string, expected: number | null) {
  return db.transaction().execute(async (trx) => {
    await lockArena(trx, organisationId, id, expected);
    const meeting = await trx.selectFrom('arena_meetings').select('id').where('organisation_id', '=', organisationId).where('arena_id', '=', id).limit(1).executeTakeFirst();
    if (meeting) throw conflict('arena-has-meetings', 'An arena with meetings keeps their minutes: make it inactive instead.');
    await trx.deleteFrom('arenas').where('organisation_id', '=', organisationId).where('id', '=', id).execute();
  });
}

interface Times { startsAt: string | Date; endsAt: string | Date; place: string | null; videoUrl: string | null }

function assertTimes(t: Times) {
  if (instant(t.endsAt).getTime() <= instant(t.startsAt).getTime()) {
    throw unprocessable('ends-before-start', 'A meeting ends after it starts.', [{ path: '/body/endsAt', message: 'is not after startsAt', code: 'time' }]);
  }
  if (t.place === null && t.videoUrl === null) {
    throw unprocessable('place-required', 'A meeting needs a place, a video link or both.', [{ path: '/body/place', message: 'give a place or a videoUrl', code: 'required' }]);
  }
}

async function assertParts(trx: Trx, organisationId: string, parts: { agenda?: MeetingAgendaItem[] | undefined; followUpItems?: MeetingFollowUpItem[] | undefined }) {
  const teams = await missing(trx, 'teams', organisationId, (parts.agenda ?? []).flatMap((a) => (a.teamId ? [a.teamId] : [])));
  const people = await missing(trx, 'people', organisationId, (parts.followUpItems ?? []).map((f) => f.ownerPersonId));
  const errors: ProblemFieldError[] = [];
  parts.agenda?.forEach((a, i) => {
    if (a.teamId && teams.has(a.teamId)) errors.push({ path: `/body/agenda/${i}/teamId`, message: 'no such team', code: 'reference' });
  });
  parts.followUpItems?.forEach((f, i) => {
    if (people.has(f.ownerPersonId)) errors.push({ path: `/body/followUpItems/${i}/ownerPersonId`, message: 'no such person', code: 'reference' });
  });
  if (errors.length > 0) throw unknownReference(errors);
}

async function replaceParts(trx: Trx, organisationId: string, meetingId: string, parts: { agenda?: MeetingAgendaItem[] | undefined; decisions?: MeetingDecision[] | undefined; followUpItems?: MeetingFollowUpItem[] | undefined }) {
  const base = { organisation_id: organisationId, meeting_id: meetingId };
  if (parts.agenda) {
    await trx.deleteFrom('meeting_agenda_items').where('organisation_id', '=', organisationId).where('meeting_id', '=', meetingId).execute();
    if (parts.agenda.length > 0) {
      await trx.insertInto('meeting_agenda_items').values(parts.agenda.map((a, position) => ({
        ...base, position, title: a.title, team_id: a.teamId ?? null, duration_minutes: a.durationMinutes ?? null,
      }))).execute();
    }
  }
  if (parts.decisions) {
    await trx.deleteFrom('meeting_decisions').where('organisation_id', '=', organisationId).where('meeting_id', '=', meetingId).execute();
    if (parts.decisions.length > 0) {
      await trx.insertInto('meeting_decisions').values(parts.decisions.map((d, position) => ({ ...base, position, text: d.text }))).execute();
    }
  }
  if (parts.followUpItems) {
    await trx.deleteFrom('meeting_follow_up_items').where('organisation_id', '=', organisationId).where('meeting_id', '=', meetingId).execute();
    if (parts.followUpItems.length > 0) {
      await trx.insertInto('meeting_follow_up_items').values(parts.followUpItems.map((f, position) => ({
        ...base, position, title: f.title, owner_person_id: f.ownerPersonId, due_on: f.dueOn ?? null, done: f.done ?? false,
      }))).execute();
    }
  }
}

export function createMeeting(db: Kysely<DB>, organisationId: string, arenaId: string, input: MeetingCreate) {
  return db.transaction().execute(async (trx) => {
    const arena = await findArena(trx, organisationId, arenaId);
    if (!arena) throw notFound('The arena');
    if (!arena.active) throw conflict('arena-inactive', 'The arena is inactive: make it active before planning a meeting.');
    assertTimes({ startsAt: input.startsAt, endsAt: input.endsAt, place: input.place ?? null, videoUrl: input.videoUrl ?? null });
    await assertParts(trx, organisationId, input);
    const row = await trx.insertInto('arena_meetings').values({
      organisation_id: organisationId, arena_id: arenaId, starts_at: input.startsAt, ends_at: input.endsAt,
      place: input.place ?? null, video_url: input.videoUrl ?? null,
    }).returning('id').executeTakeFirstOrThrow();
    await replaceParts(trx, organisationId, row.id, input);
    return row.id;
  });
}

async function lockedMeeting(trx: Trx, organisationId: string, id: string, expected: number | null) {
  const row = await lockMeeting(trx, organisationId, id);
  if (!row) throw notFound('The meeting');
  if (expected !== null && row.version !== expected) throw staleVersion(row.version);
  return row;
}

export function patchMeeting(db: Kysely<DB>, organisationId: string, id: string, expected: number | null, patch: MeetingPatch) {
  return db.transaction().execute(async (trx) => {
    const current = await lockedMeeting(trx, organisationId, id, expected);
    assertTimes({
      startsAt: patch.startsAt ?? current.starts_at, endsAt: patch.endsAt ?? current.ends_at,
      place: patch.place !== undefined ? patch.place : current.place, videoUrl: patch.videoUrl !== undefined ? patch.videoUrl : current.video_url,
    });
    await assertParts(trx, organisationId, patch);
    await trx.updateTable('arena_meetings').set({
      ...(patch.startsAt !== undefined && { starts_at: patch.startsAt }),
      ...(patch.endsAt !== undefined && { ends_at: patch.endsAt }),
      ...(patch.place !== undefined && { place: patch.place }),
      ...(patch.videoUrl !== undefined && { video_url: patch.videoUrl }),
      ...(patch.status !== undefined && { status: patch.status }),
      ...(patch.minutes !== undefined && { minutes: patch.minutes }),
      version: sql`version + 1`, updated_at: sql`now()`,
    }).where('organisation_id', '=', organisationId).where('id', '=', id).execute();
    await replaceParts(trx, organisationId, id, patch);
  });
}

export function deleteMeeting(db: Kysely<DB>, organisationId: string, id: string, expected: number | null) {
  return db.transaction().execute(async (trx) => {
    await lockedMeeting(trx, organisationId, id, expected);
    await trx.deleteFrom('arena_meetings').where('organisation_id', '=', organisationId).where('id', '=', id).execute();
  });
}

const dateLabel = (d: Date) => d.toISOString().slice(0, 10);
/** As many as a meeting's answer lists (`MeetingInvitationList`). */
const maxInvitations = 1000;

/**
 * Invites the arena's members (unless `members: false`) and the people named; those
 * already invited keep their answer. The newly invited are notified in the same transaction.
 */
export function invite(db: Kysely<DB>, organisationId: string, meetingId: string, input: MeetingInvite) {
  return db.transaction().execute(async (trx) => {
    const meeting = await lockedMeeting(trx, organisationId, meetingId, null);
    if (meeting.status === 'cancelled') throw conflict('meeting-cancelled', 'The meeting is cancelled.');
    if (meeting.ends_at.getTime() <= Date.now()) throw conflict('meeting-over', 'The meeting is over; record attendance instead.');
    const extra = input.personIds ?? [];
    const unknown = await missing(trx, 'people', organisationId, extra);
    if (unknown.size > 0) {
      throw unknownReference(extra.flatMap((id, i) => (unknown.has(id) ? [{ path: `/body/personIds/${i}`, message: 'no such person', code: 'reference' }] : [])));
    }
    const members = input.members === false ? [] : (await trx.selectFrom('arena_members').select('person_id')
      .where('organisation_id', '=', organisationId).where('arena_id', '=', meeting.arena_id).execute()).map((m) => m.person_id);
    const personIds = [...new Set([...members, ...extra])];
    if (personIds.length > 0) {
      const added = await trx.insertInto('meeting_invitations')
        .values(personIds.map((person_id) => ({ organisation_id: organisationId, meeting_id: meetingId, person_id })))
        .onConflict((oc) => oc.columns(['organisation_id', 'meeting_id', 'person_id']).doNothing())
        .returning('person_id').execute();
      const total = await trx.selectFrom('meeting_invitations').select((eb) => eb.fn.countAll<string>().as('n'))
        .where('organisation_id', '=', organisationId).where('meeting_id', '=', meetingId).executeTakeFirstOrThrow();
      if (Number(total.n) > maxInvitations) {
        throw unprocessable('too-many-invitations', `A meeting has at most ${maxInvitations} invitations.`, [{ path: '/body/personIds', message: 'too many people', code: 'maxItems' }]);
      }
      await notify(trx, {
        organisationId, personIds: added.map((a) => a.person_id), kind: 'meetingInvitation', subjectId: meetingId,
        title: `${meeting.arena_name} ${dateLabel(meeting.starts_at)}`, link: `/arenas/${meeting.arena_id}/meetings/${meetingId}`,
      });
    }
    return listInvitations(trx, organisationId, meetingId);
  });
}

export function recordAttendance(db: Kysely<DB>, organisationId: string, meetingId: string, input: MeetingAttendance) {
  return db.transaction().execute(async (trx) => {
    const meeting = await lockedMeeting(trx, organisationId, meetingId, null);
    if (meeting.status === 'cancelled') throw conflict('meeting-cancelled', 'The meeting is cancelled.');
    if (meeting.starts_at.getTime() > Date.now()) throw conflict('meeting-not-started', 'Attendance is recorded once the meeting has started.');
    const invited = new Set((await trx.selectFrom('meeting_invitations').select('person_id')
      .where('organisation_id', '=', organisationId).where('meeting_id', '=', meetingId).execute()).map((r) => r.person_id));
    const errors = input.items.flatMap((item, i) => (invited.has(item.personId) ? [] : [{ path: `/body/items/${i}/personId`, message: 'is not invited', code: 'reference' }]));
    if (errors.length > 0) throw unprocessable('not-invited', 'Attendance is recorded for invited people; invite them first.', errors);
    for (const item of input.items) {
      await trx.updateTable('meeting_invitations').set({ attended: item.attended })
        .where('organisation_id', '=', organisationId).where('meeting_id', '=', meetingId).where('person_id', '=', item.personId).execute();
    }
    return listInvitations(trx, organisationId, meetingId);
  });
}

/** The signed-in person answers their invitation; 404 when they are not invited. */
export function answer(db: Kysely<DB>, organisationId: string, personId: string, meetingId: string, value: MeetingAnswer) {
  return db.transaction().execute(async (trx) => {
    const invitation = await trx.selectFrom('meeting_invitations as i')
      .innerJoin('arena_meetings as m', (j) => j.onRef('m.organisation_id', '=', 'i.organisation_id').onRef('m.id', '=', 'i.meeting_id'))
      .select(['i.id', 'm.status', 'm.ends_at'])
      .where('i.organisation_id', '=', organisationId).where('i.meeting_id', '=', meetingId).where('i.person_id', '=', personId)
      .forUpdate().executeTakeFirst();
    if (!invitation) throw notFound('The invitation');
    if (invitation.status === 'cancelled') throw conflict('meeting-cancelled', 'The meeting is cancelled.');
    if (invitation.ends_at.getTime() <= Date.now()) throw conflict('meeting-over', 'The meeting is over.');
    await trx.updateTable('meeting_invitations').set({ answer: value, answered_at: sql`now()` })
      .where('organisation_id', '=', organisationId).where('id', '=', invitation.id).execute();
    return (await meetingsOf(trx, organisationId, personId, { meetingId }))[0]!;
  });
}
