import { sql, type Kysely, type Selectable, type Transaction } from 'kysely';
import {
  arenaParties, type Arena, type ArenaListQuery, type ArenaPartyBalance, type Meeting, type MeetingInvitation, type MeetingListQuery,
  type MeetingSummary, type MyMeeting,
} from '@lagverk/shared';
import type { ArenasTable, DB } from '../db/types.ts';
import { keysetPage } from '../http/pagination.ts';

// Every read of arenas and meetings, and the one place rows become API objects.

export type Executor = Kysely<DB> | Transaction<DB>;
export type ArenaRow = Selectable<ArenasTable>;

/**
 * A date-time the schema accepted, as a Date. RFC 3339 allows a leap second (23:59:60),
 * which JavaScript cannot parse: it is read as the start of the next second, as
 * PostgreSQL reads it, so an Invalid Date never reaches a query.
 */
export function instant(value: string | Date): Date {
  const date = new Date(value);
  if (typeof value !== 'string' || !Number.isNaN(date.getTime())) return date;
  return new Date(new Date(value.replace(/:60(?=(?:\.\d+)?(?:[Zz]|[+-]\d{2}:\d{2})$)/, ':59')).getTime() + 1000);
}

export function findArena(db: Executor, organisationId: string, id: string, options: { forUpdate?: boolean } = {}) {
  return db.selectFrom('arenas').selectAll().where('organisation_id', '=', organisationId).where('id', '=', id)
    .$if(options.forUpdate === true, (qb) => qb.forUpdate()).executeTakeFirst();
}

/** The tripartite model (Sørum's trepartsverksted) has as many politicians as administration and union representatives. */
export function isBalanced(type: ArenaRow['type'], balance: ArenaPartyBalance): boolean | null {
  if (type !== 'tripartiteWorkshop') return null;
  return balance.politician > 0 && balance.politician === balance.administration && balance.administration === balance.union;
}

/** The arenas with their members, in the order of `rows`. */
export async function withMembers(db: Executor, organisationId: string, rows: ArenaRow[]): Promise<Arena[]> {
  if (rows.length === 0) return [];
  const members = await db.selectFrom('arena_members as m')
    .innerJoin('people as p', (j) => j.onRef('p.organisation_id', '=', 'm.organisation_id').onRef('p.id', '=', 'm.person_id'))
    .leftJoin('teams as t', (j) => j.onRef('t.organisation_id', '=', 'm.organisation_id').onRef('t.id', '=', 'm.team_id'))
    .select(['m.arena_id', 'm.person_id', 'p.name as person_name', 'm.party', 'm.team_id', 't.name as team_name'])
    .where('m.organisation_id', '=', organisationId).where('m.arena_id', 'in', rows.map((r) => r.id))
    .orderBy('m.position').execute();
  return rows.map((row) => {
    const own = members.filter((m) => m.arena_id === row.id);
    const balance = Object.fromEntries(arenaParties.map((p) => [p, own.filter((m) => m.party === p).length])) as ArenaPartyBalance;
    return {
      id: row.id, type: row.type, name: row.name, purpose: row.purpose, rhythm: row.rhythm, intervalWeeks: row.interval_weeks, active: row.active,
      members: own.map((m) => ({ personId: m.person_id, personName: m.person_name, party: m.party, teamId: m.team_id, teamName: m.team_name ?? null })),
      balance, balanced: isBalanced(row.type, balance),
      version: row.version, createdAt: row.created_at.toISOString(), updatedAt: row.updated_at.toISOString(),
    };
  });
}

export async function listArenas(db: Executor, organisationId: string, query: ArenaListQuery) {
  const { type, active, q } = query;
  const filtered = db.selectFrom('arenas').selectAll().where('organisation_id', '=', organisationId)
    .$if(type !== undefined, (qb) => qb.where('type', '=', type!))
    .$if(active !== undefined, (qb) => qb.where('active', '=', active!))
    .$if(q !== undefined, (qb) => qb.where(sql<boolean>`(strpos(lower(name), lower(${q!})) > 0 or strpos(lower(coalesce(purpose, '')), lower(${q!})) > 0)`));
  const page = await keysetPage(filtered, { sort: query.sort ?? 'name', columns: { name: 'name', createdAt: 'created_at' }, cursor: query.cursor, limit: query.limit });
  return { items: await withMembers(db, organisationId, page.rows), nextCursor: page.nextCursor };
}

/** Meetings with their arena's name and type, as one relation (so pagination's `id` is the meeting's). */
function meetings(db: Executor, organisationId: string) {
  return db.selectFrom((eb) => eb.selectFrom('arena_meetings as m')
    .innerJoin('arenas as a', (j) => j.onRef('a.organisation_id', '=', 'm.organisation_id').onRef('a.id', '=', 'm.arena_id'))
    .selectAll('m').select(['a.name as arena_name', 'a.type as arena_type'])
    .where('m.organisation_id', '=', organisationId)
    .as('x')).selectAll();
}

type MeetingRow = Awaited<ReturnType<ReturnType<typeof meetings>['executeTakeFirstOrThrow']>>;

export function toMeetingSummary(row: MeetingRow): MeetingSummary {
  return {
    id: row.id, arenaId: row.arena_id, arenaName: row.arena_name, arenaType: row.arena_type,
    startsAt: row.starts_at.toISOString(), endsAt: row.ends_at.toISOString(), place: row.place, videoUrl: row.video_url,
    status: row.status, version: row.version,
  };
}

export function findMeetingRow(db: Executor, organisationId: string, id: string) {
  return meetings(db, organisationId).where('id', '=', id).executeTakeFirst();
}

/** The meeting, locked for a write; undefined when it is missing or another organisation's. */
export async function lockMeeting(trx: Transaction<DB>, organisationId: string, id: string) {
  const locked = await trx.selectFrom('arena_meetings').select('id').where('organisation_id', '=', organisationId).where('id', '=', id)
    .forUpdate().executeTakeFirst();
  return locked ? findMeetingRow(trx, organisationId, id) : undefined;
}

export async function listMeetings(db: Executor, organisationId: string, query: MeetingListQuery) {
  const { arenaId, status, from, to } = query;
  const filtered = meetings(db, organisationId)
    .$if(arenaId !== undefined, (qb) => qb.where('arena_id', '=', arenaId!))
    .$if(status !== undefined, (qb) => qb.where('status', '=', status!))
    .$if(from !== undefined, (qb) => qb.where('ends_at', '>', instant(from!)))
    .$if(to !== undefined, (qb) => qb.where('starts_at', '<', instant(to!)));
  const page = await keysetPage(filtered, { sort: query.sort ?? 'startsAt', columns: { startsAt: 'starts_at' }, cursor: query.cursor, limit: query.limit });
  return { items: page.rows.map(toMeetingSummary), nextCursor: page.nextCursor };
}

export async function listInvitations(db: Executor, organisationId: string, meetingId: string): Promise<MeetingInvitation[]> {
  const rows = await db.selectFrom('meeting_invitations as i')
    .innerJoin('people as p', (j) => j.onRef('p.organisation_id', '=', 'i.organisation_id').onRef('p.id', '=', 'i.person_id'))
    .select(['i.person_id', 'p.name', 'i.answer', 'i.answered_at', 'i.attended'])
    .where('i.organisation_id', '=', organisationId).where('i.meeting_id', '=', meetingId)
    .orderBy('p.name').orderBy('i.person_id').execute();
  return rows.map((r) => ({ personId: r.person_id, personName: r.name, answer: r.answer, answeredAt: r.answered_at?.toISOString() ?? null, attended: r.attended }));
}

/** The meeting with every part, or undefined. */
export async function loadMeeting(db: Executor, organisationId: string, id: string): Promise<Meeting | undefined> {
  const row = await findMeetingRow(db, organisationId, id);
  if (!row) return undefined;
  const [agenda, decisions, followUps, invitations] = await Promise.all([
    db.selectFrom('meeting_agenda_items as g')
      .leftJoin('teams as t', (j) => j.onRef('t.organisation_id', '=', 'g.organisation_id').onRef('t.id', '=', 'g.team_id'))
      .select(['g.title', 'g.team_id', 't.name as team_name', 'g.duration_minutes'])
      .where('g.organisation_id', '=', organisationId).where('g.meeting_id', '=', id).orderBy('g.position').execute(),
    db.selectFrom('meeting_decisions').select('text')
      .where('organisation_id', '=', organisationId).where('meeting_id', '=', id).orderBy('position').execute(),
    db.selectFrom('meeting_follow_up_items as f')
      .innerJoin('people as p', (j) => j.onRef('p.organisation_id', '=', 'f.organisation_id').onRef('p.id', '=', 'f.owner_person_id'))
      .select(['f.title', 'f.owner_person_id', 'p.name', 'f.due_on', 'f.done'])
      .where('f.organisation_id', '=', organisationId).where('f.meeting_id', '=', id).orderBy('f.position').execute(),
    listInvitations(db, organisationId, id),
  ]);
  return {
    ...toMeetingSummary(row),
    minutes: row.minutes,
    agenda: agenda.map((a) => ({ title: a.title, teamId: a.team_id, teamName: a.team_name ?? null, durationMinutes: a.duration_minutes })),
    decisions: decisions.map((d) => ({ text: d.text })),
    followUpItems: followUps.map((f) => ({ title: f.title, ownerPersonId: f.owner_person_id, ownerName: f.name, dueOn: f.due_on, done: f.done })),
    invitations,
    createdAt: row.created_at.toISOString(),
    updatedAt: row.updated_at.toISOString(),
  };
}

/** The meetings `personId` is invited to, by start time: those ending after `from` and starting before `to`. */
export async function meetingsOf(db: Executor, organisationId: string, personId: string, range: { from?: Date; to?: Date; meetingId?: string; limit?: number }): Promise<MyMeeting[]> {
  const rows = await db.selectFrom('meeting_invitations as i')
    .innerJoin('arena_meetings as m', (j) => j.onRef('m.organisation_id', '=', 'i.organisation_id').onRef('m.id', '=', 'i.meeting_id'))
    .innerJoin('arenas as a', (j) => j.onRef('a.organisation_id', '=', 'm.organisation_id').onRef('a.id', '=', 'm.arena_id'))
    .select(['m.id', 'm.arena_id', 'a.name', 'm.starts_at', 'm.ends_at', 'm.place', 'm.video_url', 'm.status', 'i.answer'])
    .where('i.organisation_id', '=', organisationId).where('i.person_id', '=', personId)
    .$if(range.from !== undefined, (qb) => qb.where('m.ends_at', '>', range.from!))
    .$if(range.to !== undefined, (qb) => qb.where('m.starts_at', '<', range.to!))
    .$if(range.meetingId !== undefined, (qb) => qb.where('m.id', '=', range.meetingId!))
    .orderBy('m.starts_at').orderBy('m.id').limit(range.limit ?? 1000).execute();
  return rows.map((r) => ({
    meetingId: r.id, arenaId: r.arena_id, arenaName: r.name, startsAt: r.starts_at.toISOString(), endsAt: r.ends_at.toISOString(),
    place: r.place, videoUrl: r.video_url, status: r.status, answer: r.answer,
  }));
}
