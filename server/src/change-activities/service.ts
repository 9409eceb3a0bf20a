import { sql, type Kysely, type Transaction } from 'kysely';
import type { ChangeActivityCreate, ChangeActivityKind, ChangeActivityPatch, ProblemFieldError } from '@lagverk/shared';
import type { DB } from '../db/types.ts';
import { uuidArray } from '../db/arrays.ts';
import { notFound, unprocessable } from '../http/problem.ts';
import { staleVersion } from '../http/preconditions.ts';
import { findActivity, findProcess, type ActivityRow, type StoredDetails } from './repository.ts';

// Writing activities: the schema has checked each kind's shape; here are the rules that
// need the database (the phase is the process's own, units and attendees are the
// organisation's), the interview pseudonym, and lock, check version, write in one
// transaction.

type Details = Record<string, unknown>;

/** The kind's details complete: the fields sent over those kept (or the defaults). */
function mergeDetails(kind: ChangeActivityKind, sent: Details, kept: Details | null): Details {
  const merged: Details = { ...kept, ...sent };
  const orNull = (key: string) => (merged[key] as string | null | undefined) ?? null;
  const orEmpty = (key: string) => (merged[key] as unknown[] | undefined) ?? [];
  switch (kind) {
    case 'siteVisit':
      return { premises: orNull('premises'), workingConditions: orNull('workingConditions'), observations: orNull('observations') } satisfies StoredDetails['siteVisit'];
    case 'interview':
      return {
        intervieweeRole: merged.intervieweeRole, pseudonym: merged.pseudonym, notes: orNull('notes'), themes: orEmpty('themes'),
      } as StoredDetails['interview'];
    case 'staffMeeting':
      return { invitedCount: merged.invitedCount, attendedCount: merged.attendedCount } as StoredDetails['staffMeeting'];
    case 'processDay':
      return {
        participantsCount: merged.participantsCount as number,
        cases: (orEmpty('cases') as StoredDetails['processDay']['cases']).map((c) => ({ title: c.title, description: c.description ?? null, groups: c.groups })),
        strengths: orEmpty('strengths') as string[], improvements: orEmpty('improvements') as string[], solutions: orEmpty('solutions') as string[],
      } satisfies StoredDetails['processDay'];
    case 'projectGroupMeeting':
      return { attendeePersonIds: orEmpty('attendeePersonIds') as string[], notes: orNull('notes'), decisions: orEmpty('decisions') as string[] } satisfies StoredDetails['projectGroupMeeting'];
  }
}

const attendeesOf = (details: Details | undefined) => details?.attendeePersonIds as string[] | undefined;

const refused = (errors: ProblemFieldError[]) => {
  if (errors.length > 0) throw unprocessable('unknown-reference', 'The request refers to something that does not exist.', errors);
};

/** Every id in `ids` is a row of `table` in the organisation; the errors name each that is not. */
async function missing(trx: Transaction<DB>, table: 'units' | 'people', organisationId: string, ids: string[], path: string, what: string) {
  if (ids.length === 0) return [];
  const found = new Set((await trx.selectFrom(table).select('id').where('organisation_id', '=', organisationId).where('id', 'in', ids).execute()).map((r) => r.id));
  return ids.flatMap((id, i) => (found.has(id) ? [] : [{ path: `${path}/${i}`, message: `no such ${what}`, code: 'reference' }]));
}

/**
 * The rules an activity must meet. References are checked as sent (`undefined`: not sent,
 * so a unit removed since does not block an edit of something else); the attendance of a
 * staff meeting as it will be.
 */
interface Next {
  kind: ChangeActivityKind;
  details: Details;
  phaseId?: string | null;
  unitIds?: string[];
  attendeePersonIds?: string[];
}

async function check(trx: Transaction<DB>, organisationId: string, processId: string, next: Next) {
  if (next.phaseId !== undefined && next.phaseId !== null) {
    const phase = await trx.selectFrom('change_process_phases').select('id')
      .where('organisation_id', '=', organisationId).where('process_id', '=', processId).where('id', '=', next.phaseId).executeTakeFirst();
    if (!phase) {
      throw unprocessable('phase-not-in-process', 'The phase is not a phase of this change process.',
        [{ path: '/body/phaseId', message: 'is not a phase of the process', code: 'reference' }]);
    }
  }
  const errors = await missing(trx, 'units', organisationId, next.unitIds ?? [], '/body/unitIds', 'unit');
  errors.push(...await missing(trx, 'people', organisationId, next.attendeePersonIds ?? [], '/body/details/attendeePersonIds', 'person'));
  refused(errors);
  if (next.kind === 'staffMeeting' && (next.details.attendedCount as number) > (next.details.invitedCount as number)) {
    throw unprocessable('attended-exceeds-invited', 'More attended than were invited.',
      [{ path: '/body/details/attendedCount', message: 'is more than invitedCount', code: 'maximum' }]);
  }
}

/** The next pseudonym of the process ("I-01", "I-02", …): the counter only ever goes up. */
async function nextPseudonym(trx: Transaction<DB>, organisationId: string, processId: string) {
  const row = await trx.insertInto('change_interview_pseudonyms')
    .values({ organisation_id: organisationId, process_id: processId, last_number: 1 })
    .onConflict((oc) => oc.columns(['organisation_id', 'process_id']).doUpdateSet({ last_number: sql`change_interview_pseudonyms.last_number + 1` }))
    .returning('last_number').executeTakeFirstOrThrow();
  return `I-${String(row.last_number).padStart(2, '0')}`;
}

export function createActivity(db: Kysely<DB>, organisationId: string, processId: string, input: ChangeActivityCreate): Promise<ActivityRow> {
  return db.transaction().execute(async (trx) => {
    if (!await findProcess(trx, organisationId, processId)) throw notFound('The change process');
    const unitIds = 'unitIds' in input ? input.unitIds ?? [] : [];
    const details = mergeDetails(input.kind, input.details as Details, null);
    const phaseId = input.phaseId ?? null;
    await check(trx, organisationId, processId, { kind: input.kind, details, phaseId, unitIds, attendeePersonIds: attendeesOf(details) });
    if (input.kind === 'interview') details.pseudonym = await nextPseudonym(trx, organisationId, processId);
    const inserted = await trx.insertInto('change_activities').values({
      organisation_id: organisationId, process_id: processId, phase_id: phaseId, kind: input.kind, title: input.title,
      held_on: input.heldOn, unit_ids: uuidArray(unitIds), summary: input.summary ?? null, details: JSON.stringify(details),
    }).returning('id').executeTakeFirstOrThrow();
    return (await findActivity(trx, organisationId, inserted.id))!;
  });
}

/** Locks the activity and checks the version the caller edited; 404 when missing or another organisation's. */
async function locked(trx: Transaction<DB>, organisationId: string, id: string, expected: number) {
  const row = await findActivity(trx, organisationId, id, { forUpdate: true });
  if (!row) throw notFound('The activity');
  if (row.version !== expected) throw staleVersion(row.version);
  return row;
}

export function patchActivity(db: Kysely<DB>, organisationId: string, id: string, expected: number, patch: ChangeActivityPatch): Promise<ActivityRow> {
  return db.transaction().execute(async (trx) => {
    const row = await locked(trx, organisationId, id, expected);
    if (patch.kind !== row.kind) {
      throw unprocessable('kind-cannot-change', `The activity is a ${row.kind}; its kind cannot change. Record a new activity instead.`,
        [{ path: '/body/kind', message: `must be ${row.kind}`, code: 'const' }]);
    }
    // Whatever was sent, an interview keeps the pseudonym it was given.
    const sent = { ...(patch.details as Details | undefined), ...(row.kind === 'interview' && { pseudonym: (row.details as Details).pseudonym }) };
    const details = mergeDetails(row.kind, sent, row.details as Details);
    const sentUnitIds = 'unitIds' in patch ? patch.unitIds : undefined;
    await check(trx, organisationId, row.process_id, {
      kind: row.kind, details, phaseId: patch.phaseId, unitIds: sentUnitIds, attendeePersonIds: attendeesOf(patch.details as Details | undefined),
    });
    const unitIds = sentUnitIds ?? row.unit_ids;
    const phaseId = patch.phaseId !== undefined ? patch.phaseId : row.phase_id;
    await trx.updateTable('change_activities').set({
      ...(patch.title !== undefined && { title: patch.title }),
      ...(patch.heldOn !== undefined && { held_on: patch.heldOn }),
      ...(patch.summary !== undefined && { summary: patch.summary }),
      phase_id: phaseId, unit_ids: uuidArray(unitIds), details: JSON.stringify(details),
      version: sql`version + 1`, updated_at: sql`now()`,
    }).where('organisation_id', '=', organisationId).where('id', '=', id).execute();
    return (await findActivity(trx, organisationId, id))!;
  });
}

export function deleteActivity(db: Kysely<DB>, organisationId: string, id: string, expected: number) {
  return db.transaction().execute(async (trx) => {
    await locked(trx, organisationId, id, expected);
    await trx.deleteFrom('change_activities').where('organisation_id', '=', organisationId).where('id', '=', id).execute();
  });
}
