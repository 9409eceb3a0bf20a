import { sql, type Kysely, type SqlBool, type Transaction } from 'kysely';
import type { ChangeMessage, ChangeMessageListQuery, CommunicationTimelineEntry } from '@lagverk/shared';
import type { ChangeMessagesTable, DB } from '../db/types.ts';
import { badRequest } from '../http/problem.ts';
import type { Selectable } from 'kysely';

type Executor = Kysely<DB> | Transaction<DB>;
export type MessageRow = Selectable<ChangeMessagesTable> & { phase_name: string | null; owner_name: string | null; overdue: boolean };

const osloToday = sql<string>`(now() at time zone 'Europe/Oslo')::date`;

export function toChangeMessage(row: MessageRow): ChangeMessage {
  return {
    id: row.id,
    processId: row.process_id,
    phaseId: row.phase_id,
    phaseName: row.phase_name,
    title: row.title,
    content: row.content,
    audience: row.audience,
    channel: row.channel,
    plannedOn: row.planned_on,
    ownerPersonId: row.owner_person_id,
    ownerName: row.owner_name,
    status: row.status,
    doneOn: row.done_on,
    overdue: row.overdue,
    version: row.version,
    createdAt: row.created_at.toISOString(),
    updatedAt: row.updated_at.toISOString(),
  };
}

function selectMessages(db: Executor, organisationId: string) {
  return db.selectFrom('change_messages as m')
    .leftJoin('change_process_phases as ph', (j) => j.onRef('ph.organisation_id', '=', 'm.organisation_id').onRef('ph.id', '=', 'm.phase_id'))
    .leftJoin('people as owner', (j) => j.onRef('owner.organisation_id', '=', 'm.organisation_id').onRef('owner.id', '=', 'm.owner_person_id'))
    .selectAll('m')
    .select(['ph.name as phase_name', 'owner.name as owner_name', sql<boolean>`(m.status = 'planned' and m.planned_on < ${osloToday})`.as('overdue')])
    .where('m.organisation_id', '=', organisationId);
}

export function findMessage(db: Executor, organisationId: string, id: string): Promise<MessageRow | undefined> {
  return selectMessages(db, organisationId).where('m.id', '=', id).executeTakeFirst();
}

interface MessageCursor {
  d: string;
  id: string;
}

const uuid = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

function decodeCursor(cursor: string): MessageCursor {
  let data: Partial<MessageCursor> | null = null;
  try {
    data = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as Partial<MessageCursor>;
  } catch {
    // Refused below.
  }
  if (typeof data !== 'object' || data === null || typeof data.d !== 'string' || !/^\d{4}-\d{2}-\d{2}$/.test(data.d)
    || Number.isNaN(Date.parse(data.d)) || typeof data.id !== 'string' || !uuid.test(data.id)) {
    throw badRequest('invalid-cursor', 'The cursor is not one this list gave out.',
      [{ path: '/query/cursor', message: 'is not a valid cursor for this list', code: 'cursor' }]);
  }
  return data as MessageCursor;
}

/** The plan by planned date (then id), so it reads as a calendar. */
export async function listMessages(db: Executor, organisationId: string, processId: string, query: ChangeMessageListQuery) {
  const limit = query.limit ?? 50;
  const cursor = query.cursor ? decodeCursor(query.cursor) : null;
  const rows = await selectMessages(db, organisationId)
    .where('m.process_id', '=', processId)
    .$if(query.status !== undefined, (qb) => qb.where('m.status', '=', query.status!))
    .$if(cursor !== null, (qb) => qb.where(sql<SqlBool>`(m.planned_on, m.id) > (${cursor!.d}::date, ${cursor!.id}::uuid)`))
    .orderBy('m.planned_on').orderBy('m.id')
    .limit(limit + 1)
    .execute();
  const items = rows.slice(0, limit);
  const last = items.at(-1);
  const nextCursor = rows.length > limit && last
    ? Buffer.from(JSON.stringify({ d: last.planned_on, id: last.id } satisfies MessageCursor)).toString('base64url') : null;
  return { items: items.map(toChangeMessage), nextCursor };
}

interface TimelineRow {
  kind: 'message' | 'answer' | 'staffMeeting';
  id: string;
  date: string;
  title: string;
  channel: string | null;
  audience: string | null;
  attended: string | null;
}

/**
 * What was communicated when, newest first: messages done (on their day), answers
 * published (the day in Norway), and staff meetings held (on or before today).
 */
export async function timeline(db: Executor, organisationId: string, processId: string, limit: number): Promise<CommunicationTimelineEntry[]> {
  const { rows } = await sql<TimelineRow>`
    select * from (
      select 'message' as kind, m.id, m.done_on as date, m.title, m.channel, m.audience, null::text as attended
        from change_messages m
        where m.organisation_id = ${organisationId} and m.process_id = ${processId} and m.status = 'done'
      union all
      select 'answer', q.id, (q.answered_at at time zone 'Europe/Oslo')::date, q.question, null, null, null
        from change_questions q
        where q.organisation_id = ${organisationId} and q.process_id = ${processId} and q.status = 'answered'
      union all
      select 'staffMeeting', a.id, a.held_on, a.title, null, null, a.details ->> 'attendedCount'
        from change_activities a
        where a.organisation_id = ${organisationId} and a.process_id = ${processId} and a.kind = 'staffMeeting' and a.held_on <= ${osloToday}
    ) t
    order by date desc, kind, id
    limit ${limit}`.execute(db);
  return rows.map((r) => {
    const attended = r.attended === null ? null : Number(r.attended);
    return {
      kind: r.kind, id: r.id, date: r.date, title: r.title,
      ...(r.channel !== null && { channel: r.channel as CommunicationTimelineEntry['channel'] }),
      ...(r.audience !== null && { audience: r.audience as CommunicationTimelineEntry['audience'] }),
      ...(r.kind === 'staffMeeting' && { attendedCount: attended !== null && Number.isInteger(attended) && attended >= 0 ? attended : null }),
    };
  });
}
