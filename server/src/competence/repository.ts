import { sql, type Kysely, type Selectable, type Transaction } from 'kysely';
import type {
  CompetenceEnrolment, CompetenceKind, CompetenceMeasure, CompetenceMeasureListQuery, CompetenceRecord, CompetenceRole, CompetenceSession,
} from '@lagverk/shared';
import type { CompetenceEnrolmentsTable, CompetenceMeasuresTable, CompetenceSessionsTable, DB } from '../db/types.ts';
import { keysetPage } from '../http/pagination.ts';

// All SQL of competence measures, sessions and enrolments. Hours are numeric(6,1) in the
// database and come back from pg as strings; they are turned into numbers here only.

export type Executor = Kysely<DB> | Transaction<DB>;
export type MeasureRow = Selectable<CompetenceMeasuresTable> & { target_team_ids: string[] };
export type SessionRow = Selectable<CompetenceSessionsTable> & { enrolled: number; attended: number };
export type EnrolmentRow = Selectable<CompetenceEnrolmentsTable> & { person_name: string };

export const hoursOf = (value: string | number | null) => (value === null ? null : Number(value));

export function toMeasure(row: MeasureRow): CompetenceMeasure {
  return {
    id: row.id,
    kind: row.kind,
    title: row.title,
    description: row.description,
    targetRoles: row.target_roles as CompetenceRole[],
    targetTeamIds: row.target_team_ids,
    plannedYear: row.planned_year,
    plannedSessions: row.planned_sessions,
    plannedHours: Number(row.planned_hours),
    provider: row.provider,
    externalKey: row.external_key,
    status: row.status,
    version: row.version,
    createdAt: row.created_at.toISOString(),
    updatedAt: row.updated_at.toISOString(),
  };
}

export function toSession(row: SessionRow): CompetenceSession {
  return {
    id: row.id,
    measureId: row.measure_id,
    startsAt: row.starts_at.toISOString(),
    endsAt: row.ends_at.toISOString(),
    place: row.place,
    capacity: row.capacity,
    hours: Number(row.hours),
    enrolled: row.enrolled,
    attended: row.attended,
    version: row.version,
    createdAt: row.created_at.toISOString(),
    updatedAt: row.updated_at.toISOString(),
  };
}

export function toEnrolment(row: EnrolmentRow): CompetenceEnrolment {
  return {
    id: row.id,
    measureId: row.measure_id,
    sessionId: row.session_id,
    personId: row.person_id,
    personName: row.person_name,
    status: row.status,
    hours: hoursOf(row.hours),
    completedOn: row.completed_on,
    source: row.source,
    version: row.version,
    createdAt: row.created_at.toISOString(),
    updatedAt: row.updated_at.toISOString(),
  };
}

/** A text[] value both drivers pass the same way (PGlite does not serialise a JavaScript array). */

const targetTeamIds = sql<string[]>`coalesce((select array_agg(t.team_id::text order by t.team_id) from competence_measure_teams t
  where t.organisation_id = competence_measures.organisation_id and t.measure_id = competence_measures.id), '{}'::text[])`;

function selectMeasures(db: Executor, organisationId: string) {
  return db.selectFrom('competence_measures').selectAll().select(targetTeamIds.as('target_team_ids'))
    .where('organisation_id', '=', organisationId);
}

export async function findMeasure(db: Executor, organisationId: string, id: string, options: { forUpdate?: boolean } = {}) {
  if (options.forUpdate) {
    // FOR UPDATE cannot go with the subquery's aggregate, so the lock is taken on its own.
    const locked = await db.selectFrom('competence_measures').select('id').where('organisation_id', '=', organisationId).where('id', '=', id)
      .forUpdate().executeTakeFirst();
    if (!locked) return undefined;
  }
  return selectMeasures(db, organisationId).where('id', '=', id).executeTakeFirst() as Promise<MeasureRow | undefined>;
}

const measureSorts = { title: 'title', createdAt: 'created_at' };

export async function listMeasures(db: Executor, organisationId: string, query: CompetenceMeasureListQuery) {
  const { q, year, kind, status, targetRole, teamId } = query;
  const filtered = selectMeasures(db, organisationId)
    .$if(q !== undefined, (qb) => qb.where(sql<boolean>`title ilike ${`%${q!.replace(/[\\%_]/g, (c) => `\\${c}`)}%`}`))
    .$if(year !== undefined, (qb) => qb.where('planned_year', '=', year!))
    .$if(kind !== undefined, (qb) => qb.where('kind', '=', kind!))
    .$if(status !== undefined, (qb) => qb.where('status', '=', status!))
    .$if(targetRole !== undefined, (qb) => qb.where(sql<boolean>`${targetRole!}::text = any(target_roles)`))
    .$if(teamId !== undefined, (qb) => qb.where(sql<boolean>`exists (select 1 from competence_measure_teams t
      where t.organisation_id = competence_measures.organisation_id and t.measure_id = competence_measures.id and t.team_id = ${teamId!})`));
  const page = await keysetPage(filtered, { sort: query.sort ?? 'title', columns: measureSorts, cursor: query.cursor, limit: query.limit });
  return { items: (page.rows as MeasureRow[]).map(toMeasure), nextCursor: page.nextCursor };
}

const placesTaken = (status: string) => sql<number>`(select count(*)::int from competence_enrolments e
  where e.organisation_id = competence_sessions.organisation_id and e.session_id = competence_sessions.id and e.status ${sql.raw(status)})`;

function selectSessions(db: Executor, organisationId: string) {
  return db.selectFrom('competence_sessions').selectAll('competence_sessions')
    .select([placesTaken(`in ('enrolled', 'attended')`).as('enrolled'), placesTaken(`= 'attended'`).as('attended')])
    .where('competence_sessions.organisation_id', '=', organisationId);
}

export function findSession(db: Executor, organisationId: string, id: string) {
  return selectSessions(db, organisationId).where('competence_sessions.id', '=', id).executeTakeFirst() as Promise<SessionRow | undefined>;
}

/** Locks the session row: enrolments in it are decided one at a time, so its places are never overbooked. */
export function lockSession(db: Transaction<DB>, organisationId: string, id: string) {
  return db.selectFrom('competence_sessions').selectAll().where('organisation_id', '=', organisationId).where('id', '=', id)
    .forUpdate().executeTakeFirst();
}

export function listSessions(db: Executor, organisationId: string, measureId: string) {
  return selectSessions(db, organisationId).where('competence_sessions.measure_id', '=', measureId).orderBy('competence_sessions.starts_at').orderBy('competence_sessions.id')
    .limit(1000).execute() as Promise<SessionRow[]>;
}

/** Sessions not started yet, of measures still planned or active, with the caller's own enrolment. */
export function openSessions(db: Executor, organisationId: string, personId: string) {
  return selectSessions(db, organisationId)
    .innerJoin('competence_measures as m', (j) => j.onRef('m.organisation_id', '=', 'competence_sessions.organisation_id')
      .onRef('m.id', '=', 'competence_sessions.measure_id'))
    .select(['m.title as measure_title', 'm.kind as measure_kind'])
    .select(sql<string | null>`(select e.id from competence_enrolments e where e.organisation_id = competence_sessions.organisation_id
      and e.session_id = competence_sessions.id and e.person_id = ${personId} and e.status <> 'cancelled')`.as('my_enrolment_id'))
    .where('m.status', 'in', ['planned', 'active'])
    .where('competence_sessions.starts_at', '>', sql<Date>`now()`)
    .orderBy('competence_sessions.starts_at').orderBy('competence_sessions.id')
    .limit(1000).execute() as Promise<(SessionRow & { measure_title: string; measure_kind: CompetenceKind; my_enrolment_id: string | null })[]>;
}

function selectEnrolments(db: Executor, organisationId: string) {
  return db.selectFrom('competence_enrolments as e')
    .innerJoin('people as p', (j) => j.onRef('p.organisation_id', '=', 'e.organisation_id').onRef('p.id', '=', 'e.person_id'))
    .selectAll('e').select('p.name as person_name')
    .where('e.organisation_id', '=', organisationId);
}

export function findEnrolment(db: Executor, organisationId: string, id: string) {
  return selectEnrolments(db, organisationId).where('e.id', '=', id).executeTakeFirst() as Promise<EnrolmentRow | undefined>;
}

export function listEnrolments(db: Executor, organisationId: string, sessionId: string) {
  return selectEnrolments(db, organisationId).where('e.session_id', '=', sessionId).orderBy('p.name').orderBy('e.id')
    .limit(10000).execute() as Promise<EnrolmentRow[]>;
}

/** One person's enrolments and completions, latest first; `year` by the day the hours count for (or the session's start). */
export async function personRecords(db: Executor, organisationId: string, personId: string, year: number | undefined): Promise<CompetenceRecord[]> {
  const rows = await db.selectFrom('competence_enrolments as e')
    .innerJoin('competence_measures as m', (j) => j.onRef('m.organisation_id', '=', 'e.organisation_id').onRef('m.id', '=', 'e.measure_id'))
    .leftJoin('competence_sessions as s', (j) => j.onRef('s.organisation_id', '=', 'e.organisation_id').onRef('s.id', '=', 'e.session_id'))
    .select(['e.id', 'e.measure_id', 'm.title', 'm.kind', 'e.session_id', 's.starts_at', 's.place', 'e.status', 'e.hours', 'e.completed_on', 'e.source', 'e.version'])
    .select(sql<string>`coalesce(e.completed_on, cast(s.starts_at at time zone 'Europe/Oslo' as date))`.as('day'))
    .where('e.organisation_id', '=', organisationId).where('e.person_id', '=', personId)
    .$if(year !== undefined, (qb) => qb.where(sql<boolean>`extract(year from coalesce(e.completed_on, cast(s.starts_at at time zone 'Europe/Oslo' as date))) = ${year!}`))
    .orderBy('day', 'desc').orderBy('e.id').limit(10000).execute();
  return rows.map((r) => ({
    enrolmentId: r.id,
    measureId: r.measure_id,
    measureTitle: r.title,
    kind: r.kind,
    sessionId: r.session_id,
    startsAt: r.starts_at ? r.starts_at.toISOString() : null,
    place: r.place,
    status: r.status,
    hours: hoursOf(r.hours),
    completedOn: r.completed_on,
    source: r.source,
    version: r.version,
  }));
}

