import type { Kysely, Transaction } from 'kysely';
import type {
  CompetenceEnrolmentPatch, CompetenceMeasureCreate, CompetenceMeasurePatch, CompetenceSessionCreate, CompetenceSessionPatch,
} from '@lagverk/shared';
import type { DB } from '../db/types.ts';
import { conflict, notFound, unprocessable } from '../http/problem.ts';
import { staleVersion } from '../http/preconditions.ts';
import { osloDate } from '../time.ts';
import {
  findEnrolment, findMeasure, findSession, lockSession, type Executor,
} from './repository.ts';
import { updateLockedRow } from '../db/versioned.ts';
import { textArray } from '../db/arrays.ts';

// The rules of competence measures: references checked (422), versions compared (412),
// and enrolment decided with the session row locked, so two people racing for the last
// place cannot both get it.

const isUniqueViolation = (error: unknown, constraint: string) => {
  const e = (error ?? {}) as { code?: unknown; constraint?: unknown };
  return e.code === '23505' && e.constraint === constraint;
};

async function assertTeams(trx: Executor, organisationId: string, teamIds: readonly string[]) {
  if (teamIds.length === 0) return;
  const found = new Set((await trx.selectFrom('teams').select('id').where('organisation_id', '=', organisationId).where('id', 'in', teamIds).execute()).map((r) => r.id));
  const errors = teamIds.flatMap((id, i) => (found.has(id) ? [] : [{ path: `/body/targetTeamIds/${i}`, message: 'no such team', code: 'reference' }]));
  if (errors.length > 0) throw unprocessable('unknown-reference', 'The request refers to something that does not exist.', errors);
}

async function assertExternalKeyFree(trx: Executor, organisationId: string, key: string | null | undefined, exceptId: string | null) {
  if (!key) return;
  const holder = await trx.selectFrom('competence_measures').select('id').where('organisation_id', '=', organisationId)
    .where('external_key', '=', key).executeTakeFirst();
  if (holder && holder.id !== exceptId) throw conflict('duplicate-external-key', `Another measure already has the course code ${key}.`);
}

async function replaceTeams(trx: Transaction<DB>, organisationId: string, measureId: string, teamIds: readonly string[]) {
  await trx.deleteFrom('competence_measure_teams').where('organisation_id', '=', organisationId).where('measure_id', '=', measureId).execute();
  if (teamIds.length > 0) {
    await trx.insertInto('competence_measure_teams').values(teamIds.map((teamId) => ({ organisation_id: organisationId, measure_id: measureId, team_id: teamId }))).execute();
  }
}

const checkVersion = (current: number, expected: number | null) => {
  if (expected !== null && current !== expected) throw staleVersion(current);
};

export function createMeasure(db: Kysely<DB>, organisationId: string, input: CompetenceMeasureCreate) {
  return db.transaction().execute(async (trx) => {
    const teamIds = input.targetTeamIds ?? [];
    await assertTeams(trx, organisationId, teamIds);
    await assertExternalKeyFree(trx, organisationId, input.externalKey, null);
    const inserted = await trx.insertInto('competence_measures').values({
      organisation_id: organisationId, kind: input.kind, title: input.title, description: input.description ?? null,
      target_roles: textArray(input.targetRoles ?? []), planned_year: input.plannedYear, planned_sessions: input.plannedSessions ?? 1,
      planned_hours: input.plannedHours ?? 0, provider: input.provider ?? null, external_key: input.externalKey ?? null,
      status: input.status ?? 'planned',
    }).returning('id').executeTakeFirstOrThrow().catch((error: unknown) => {
      if (isUniqueViolation(error, 'competence_measures_external_key_key')) throw conflict('duplicate-external-key', `Another measure already has the course code ${input.externalKey}.`);
      throw error;
    });
    await replaceTeams(trx, organisationId, inserted.id, teamIds);
    return (await findMeasure(trx, organisationId, inserted.id))!;
  });
}

export function patchMeasure(db: Kysely<DB>, organisationId: string, id: string, expected: number | null, patch: CompetenceMeasurePatch) {
  return db.transaction().execute(async (trx) => {
    const current = await findMeasure(trx, organisationId, id, { forUpdate: true });
    if (!current) throw notFound('The competence measure');
    checkVersion(current.version, expected);
    if (patch.targetTeamIds) await assertTeams(trx, organisationId, patch.targetTeamIds);
    if (patch.externalKey !== undefined) await assertExternalKeyFree(trx, organisationId, patch.externalKey, id);
    await updateLockedRow(trx, 'competence_measures', organisationId, id, {
      ...(patch.kind !== undefined && { kind: patch.kind }),
      ...(patch.title !== undefined && { title: patch.title }),
      ...(patch.description !== undefined && { description: patch.description }),
      ...(patch.targetRoles !== undefined && { target_roles: textArray(patch.targetRoles) }),
      ...(patch.plannedYear !== undefined && { planned_year: patch.plannedYear }),
      ...(patch.plannedSessions !== undefined && { planned_sessions: patch.plannedSessions }),
      ...(patch.plannedHours !== undefined && { planned_hours: patch.plannedHours }),
      ...(patch.provider !== undefined && { provider: patch.provider }),
      ...(patch.externalKey !== undefined && { external_key: patch.externalKey }),
      ...(patch.status !== undefined && { status: patch.status }),
    });
    if (patch.targetTeamIds) await replaceTeams(trx, organisationId, id, patch.targetTeamIds);
    return (await findMeasure(trx, organisationId, id))!;
  });
}

/** Hours credited are records of what people did: a measure or session holding any is cancelled, not removed. */
async function assertNoHours(trx: Executor, organisationId: string, column: 'measure_id' | 'session_id', id: string, what: string) {
  const credited = await trx.selectFrom('competence_enrolments').select('id').where('organisation_id', '=', organisationId)
    .where(column, '=', id).where('status', '=', 'attended').limit(1).executeTakeFirst();
  if (credited) throw conflict('has-attendance', `${what} has attendance recorded; set its status to cancelled instead, so the hours are kept.`);
}

export function deleteMeasure(db: Kysely<DB>, organisationId: string, id: string, expected: number | null) {
  return db.transaction().execute(async (trx) => {
    const current = await findMeasure(trx, organisationId, id, { forUpdate: true });
    if (!current) throw notFound('The competence measure');
    checkVersion(current.version, expected);
    await assertNoHours(trx, organisationId, 'measure_id', id, 'The measure');
    await trx.deleteFrom('competence_measures').where('organisation_id', '=', organisationId).where('id', '=', id).execute();
  });
}

const timeOrder = (startsAt: string | Date, endsAt: string | Date) => {
  if (new Date(endsAt).getTime() <= new Date(startsAt).getTime()) {
    throw unprocessable('ends-before-start', 'A session ends after it starts.', [{ path: '/body/endsAt', message: 'must be after startsAt', code: 'order' }]);
  }
};

export function createSession(db: Kysely<DB>, organisationId: string, measureId: string, input: CompetenceSessionCreate) {
  return db.transaction().execute(async (trx) => {
    if (!(await findMeasure(trx, organisationId, measureId, { forUpdate: true }))) throw notFound('The competence measure');
    timeOrder(input.startsAt, input.endsAt);
    const row = await trx.insertInto('competence_sessions').values({
      organisation_id: organisationId, measure_id: measureId, starts_at: input.startsAt, ends_at: input.endsAt,
      place: input.place ?? null, capacity: input.capacity ?? null, hours: input.hours,
    }).returning('id').executeTakeFirstOrThrow();
    return (await findSession(trx, organisationId, row.id))!;
  });
}

export function patchSession(db: Kysely<DB>, organisationId: string, id: string, expected: number | null, patch: CompetenceSessionPatch) {
  return db.transaction().execute(async (trx) => {
    const current = await lockSession(trx, organisationId, id);
    if (!current) throw notFound('The session');
    checkVersion(current.version, expected);
    timeOrder(patch.startsAt ?? current.starts_at, patch.endsAt ?? current.ends_at);
    if (patch.capacity) {
      const taken = (await findSession(trx, organisationId, id))!.enrolled;
      if (taken > patch.capacity) {
        throw conflict('capacity-below-enrolled', `${taken} people hold a place; the capacity cannot be less.`);
      }
    }
    await updateLockedRow(trx, 'competence_sessions', organisationId, id, {
      ...(patch.startsAt !== undefined && { starts_at: patch.startsAt }),
      ...(patch.endsAt !== undefined && { ends_at: patch.endsAt }),
      ...(patch.place !== undefined && { place: patch.place }),
      ...(patch.capacity !== undefined && { capacity: patch.capacity }),
      ...(patch.hours !== undefined && { hours: patch.hours }),
    });
    return (await findSession(trx, organisationId, id))!;
  });
}

export function deleteSession(db: Kysely<DB>, organisationId: string, id: string, expected: number | null) {
  return db.transaction().execute(async (trx) => {
    const current = await lockSession(trx, organisationId, id);
    if (!current) throw notFound('The session');
    checkVersion(current.version, expected);
    await assertNoHours(trx, organisationId, 'session_id', id, 'The session');
    await trx.deleteFrom('competence_sessions').where('organisation_id', '=', organisationId).where('id', '=', id).execute();
  });
}

/**
 * Gives `personId` a place in the session, or back the place they cancelled. The session
 * row is locked first, so the count of places taken cannot change until this commits.
 * `self`: the person enrols themselves, which only a session not started yet allows.
 */
export function enrol(db: Kysely<DB>, organisationId: string, sessionId: string, personId: string, options: { self: boolean }) {
  return db.transaction().execute(async (trx) => {
    const session = await lockSession(trx, organisationId, sessionId);
    if (!session) throw notFound('The session');
    const measure = await trx.selectFrom('competence_measures').select('status').where('organisation_id', '=', organisationId)
      .where('id', '=', session.measure_id).executeTakeFirstOrThrow();
    if (measure.status === 'cancelled' || measure.status === 'done') throw conflict('measure-closed', `The measure is ${measure.status}; nobody can enrol in it.`);
    if (options.self && session.starts_at.getTime() <= Date.now()) throw conflict('session-started', 'The session has started; ask HR to record your attendance.');
    const person = await trx.selectFrom('people').select(['id', 'active']).where('organisation_id', '=', organisationId).where('id', '=', personId).executeTakeFirst();
    if (!person) throw unprocessable('unknown-reference', 'The request refers to something that does not exist.', [{ path: '/body/personId', message: 'no such person', code: 'reference' }]);
    if (!person.active) throw unprocessable('person-inactive', 'The person is no longer active.', [{ path: '/body/personId', message: 'is inactive', code: 'inactive' }]);
    const existing = await trx.selectFrom('competence_enrolments').select(['id', 'status']).where('organisation_id', '=', organisationId)
      .where('session_id', '=', sessionId).where('person_id', '=', personId).executeTakeFirst();
    if (existing && existing.status !== 'cancelled') throw conflict('already-enrolled', 'The person already has a place in this session.');
    if (session.capacity !== null) {
      const taken = (await findSession(trx, organisationId, sessionId))!.enrolled;
      if (taken >= session.capacity) throw conflict('session-full', `All ${session.capacity} places are taken.`);
    }
    let id: string;
    if (existing) {
      await updateLockedRow(trx, 'competence_enrolments', organisationId, existing.id, { status: 'enrolled', hours: null, completed_on: null });
      id = existing.id;
    } else {
      id = (await trx.insertInto('competence_enrolments').values({
        organisation_id: organisationId, measure_id: session.measure_id, session_id: sessionId, person_id: personId, status: 'enrolled', source: 'manual',
      }).returning('id').executeTakeFirstOrThrow()).id;
    }
    return (await findEnrolment(trx, organisationId, id))!;
  });
}

/**
 * The day a session's hours count for: its first day in Norway, as the organisation's
 * year and the imported completions (dates on the learning platform) count days. The UTC
 * date would put a session that starts just after midnight on the day before (and, on
 * 1 January, in the year before).
 */
const sessionDay = (startsAt: Date) => osloDate(startsAt);

async function lockEnrolment(trx: Transaction<DB>, organisationId: string, id: string) {
  const row = await trx.selectFrom('competence_enrolments').selectAll().where('organisation_id', '=', organisationId).where('id', '=', id)
    .forUpdate().executeTakeFirst();
  if (!row) throw notFound('The enrolment');
  return row;
}

/** Attendance: attended credits the hours (the session's unless told) on the session's first day; anything else credits none. */
export function patchEnrolment(db: Kysely<DB>, organisationId: string, id: string, expected: number | null, patch: CompetenceEnrolmentPatch) {
  return db.transaction().execute(async (trx) => {
    // The session first, then the enrolment: the order enrol() takes them in (an
    // enrolment never changes session), so the two never wait on each other.
    const peek = await trx.selectFrom('competence_enrolments').select('session_id').where('organisation_id', '=', organisationId)
      .where('id', '=', id).executeTakeFirst();
    if (!peek) throw notFound('The enrolment');
    const session = peek.session_id === null ? undefined : await lockSession(trx, organisationId, peek.session_id);
    const current = await lockEnrolment(trx, organisationId, id);
    checkVersion(current.version, expected);
    const status = patch.status ?? current.status;
    // A place given back (cancelled or absent, now enrolled again) is a place like any
    // other: it must be free, or the session would be overbooked.
    if (status === 'enrolled' && current.status !== 'enrolled' && session?.capacity != null) {
      const taken = (await findSession(trx, organisationId, session.id))!.enrolled;
      if (taken >= session.capacity) throw conflict('session-full', `All ${session.capacity} places are taken.`);
    }
    if (current.session_id === null && status !== 'attended') {
      throw unprocessable('completion-status', 'An imported completion is always attended; change its hours, or import again.', [{ path: '/body/status', message: 'must be attended', code: 'enum' }]);
    }
    if (status !== 'attended' && patch.hours !== undefined && patch.hours !== null) {
      throw unprocessable('hours-need-attendance', 'Hours are credited only for attendance.', [{ path: '/body/hours', message: 'needs status attended', code: 'status' }]);
    }
    if (status === 'attended' && session) {
      const hours = patch.hours ?? (patch.status === 'attended' || current.hours === null ? session.hours : current.hours);
      await updateLockedRow(trx, 'competence_enrolments', organisationId, id, {
        status, hours, completed_on: sessionDay(session.starts_at),
      });
    } else if (status === 'attended') {
      if (patch.hours !== undefined && patch.hours !== null) await updateLockedRow(trx, 'competence_enrolments', organisationId, id, { hours: patch.hours });
    } else {
      await updateLockedRow(trx, 'competence_enrolments', organisationId, id, { status, hours: null, completed_on: null });
    }
    return (await findEnrolment(trx, organisationId, id))!;
  });
}

/** The person's own cancellation: only their own place, before the session starts. */
export function cancelOwnEnrolment(db: Kysely<DB>, organisationId: string, id: string, personId: string) {
  return db.transaction().execute(async (trx) => {
    const current = await lockEnrolment(trx, organisationId, id);
    // Someone else's place answers as if it did not exist: enrolment ids are not to be probed.
    if (current.person_id !== personId || current.session_id === null) throw notFound('The enrolment');
    const session = await trx.selectFrom('competence_sessions').select('starts_at').where('organisation_id', '=', organisationId)
      .where('id', '=', current.session_id).executeTakeFirstOrThrow();
    if (current.status !== 'enrolled') throw conflict('not-enrolled', `The enrolment is ${current.status}; only a place not yet used can be cancelled.`);
    if (session.starts_at.getTime() <= Date.now()) throw conflict('session-started', 'The session has started; ask HR to change your attendance.');
    await updateLockedRow(trx, 'competence_enrolments', organisationId, id, { status: 'cancelled' });
    return (await findEnrolment(trx, organisationId, id))!;
  });
}
