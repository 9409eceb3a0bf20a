import type { Kysely, Selectable, Transaction } from 'kysely';
import type { ChangeActivity, ChangeActivityListQuery, IntervieweeRole, ProcessDayCase } from '@lagverk/shared';
import type { ChangeActivitiesTable, DB } from '../db/types.ts';
import { afterCursor, decodeCursor, parseSort, toPage } from '../http/pagination.ts';

// Every read of activities, and the one place rows become API objects (where interview
// notes are withheld from those who may not read them).

export type Executor = Kysely<DB> | Transaction<DB>;
export type ActivityRow = Selectable<ChangeActivitiesTable>;

/** `details` as stored: every field of the kind, complete (the service fills the defaults). */
export interface StoredDetails {
  siteVisit: { premises: string | null; workingConditions: string | null; observations: string | null };
  interview: { intervieweeRole: IntervieweeRole; pseudonym: string; notes: string | null; themes: string[] };
  staffMeeting: { invitedCount: number; attendedCount: number };
  processDay: {
    participantsCount: number; cases: (Omit<ProcessDayCase, 'description'> & { description: string | null })[];
    strengths: string[]; improvements: string[]; solutions: string[];
  };
  projectGroupMeeting: { attendeePersonIds: string[]; notes: string | null; decisions: string[] };
}

/** What the caller may read: interview notes only with changeInterviews:read. */
export interface ActivityReader {
  seesInterviewNotes: boolean;
}

export function findProcess(db: Executor, organisationId: string, id: string) {
  return db.selectFrom('change_processes').select(['id', 'affected_unit_ids'])
    .where('organisation_id', '=', organisationId).where('id', '=', id).executeTakeFirst();
}

export function findActivity(db: Executor, organisationId: string, id: string, options: { forUpdate?: boolean } = {}) {
  return db.selectFrom('change_activities').selectAll().where('organisation_id', '=', organisationId).where('id', '=', id)
    .$if(options.forUpdate === true, (qb) => qb.forUpdate()).executeTakeFirst();
}

/** Names of the attendees of project-group meetings among `rows`, by person id. */
async function attendeeNames(db: Executor, organisationId: string, rows: ActivityRow[]) {
  const ids = [...new Set(rows.filter((r) => r.kind === 'projectGroupMeeting')
    .flatMap((r) => (r.details as StoredDetails['projectGroupMeeting']).attendeePersonIds))];
  if (ids.length === 0) return new Map<string, string>();
  const people = await db.selectFrom('people').select(['id', 'name'])
    .where('organisation_id', '=', organisationId).where('id', 'in', ids).execute();
  return new Map(people.map((p) => [p.id, p.name]));
}

function toActivity(row: ActivityRow, names: Map<string, string>, reader: ActivityReader): ChangeActivity {
  const common = {
    id: row.id, processId: row.process_id, phaseId: row.phase_id, title: row.title, heldOn: row.held_on,
    unitIds: row.unit_ids, summary: row.summary, version: row.version,
    createdAt: row.created_at.toISOString(), updatedAt: row.updated_at.toISOString(),
  };
  switch (row.kind) {
    case 'interview': {
      const d = row.details as StoredDetails['interview'];
      return {
        ...common, kind: 'interview',
        details: {
          intervieweeRole: d.intervieweeRole, pseudonym: d.pseudonym, themes: d.themes,
          notes: reader.seesInterviewNotes ? d.notes : null, notesHidden: !reader.seesInterviewNotes,
        },
      };
    }
    case 'projectGroupMeeting': {
      const d = row.details as StoredDetails['projectGroupMeeting'];
      return {
        ...common, kind: 'projectGroupMeeting',
        details: { ...d, attendees: d.attendeePersonIds.map((personId) => ({ personId, name: names.get(personId) ?? null })) },
      };
    }
    case 'siteVisit': return { ...common, kind: row.kind, details: row.details as StoredDetails['siteVisit'] };
    case 'staffMeeting': return { ...common, kind: row.kind, details: row.details as StoredDetails['staffMeeting'] };
    case 'processDay': return { ...common, kind: row.kind, details: row.details as StoredDetails['processDay'] };
  }
}

/** The rows as API objects, in their order. */
export async function toActivities(db: Executor, organisationId: string, rows: ActivityRow[], reader: ActivityReader) {
  const names = await attendeeNames(db, organisationId, rows);
  return rows.map((row) => toActivity(row, names, reader));
}

// The story of a process runs forward: the earliest activity first.
const byHeldOn = parseSort('heldOn', { heldOn: 'held_on' });

export async function listActivities(db: Executor, organisationId: string, processId: string, query: ChangeActivityListQuery, reader: ActivityReader) {
  const limit = query.limit ?? 50;
  const cursor = query.cursor ? decodeCursor(query.cursor, byHeldOn) : null;
  const rows = await db.selectFrom('change_activities').selectAll()
    .where('organisation_id', '=', organisationId).where('process_id', '=', processId)
    .$if(query.kind !== undefined, (qb) => qb.where('kind', '=', query.kind!))
    .$if(query.phaseId !== undefined, (qb) => qb.where('phase_id', '=', query.phaseId!))
    .$if(cursor !== null, (qb) => qb.where((eb) => afterCursor(eb, byHeldOn, cursor!)))
    .orderBy('held_on').orderBy('id')
    .limit(limit + 1)
    .execute();
  const page = toPage(rows, limit, byHeldOn);
  return { items: await toActivities(db, organisationId, page.rows, reader), nextCursor: page.nextCursor };
}
