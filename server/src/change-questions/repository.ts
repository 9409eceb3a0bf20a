import { sql, type Kysely, type SqlBool, type Transaction } from 'kysely';
import type { ChangeQuestion, ChangeQuestionListQuery, ChangeQuestionStatus } from '@lagverk/shared';
import type { DB } from '../db/types.ts';
import { badRequest, notFound } from '../http/problem.ts';

type Executor = Kysely<DB> | Transaction<DB>;

/** Who reads: a writer sees hidden questions; everyone else only their own hidden ones. */
export interface QuestionReader {
  writer: boolean;
  personId: string | null;
}

export interface QuestionRow {
  id: string;
  process_id: string;
  activity_id: string | null;
  asked_via: 'online' | 'meeting';
  asker_person_id: string | null;
  asker_name: string | null;
  question: string;
  asked_on: string;
  age_days: number;
  status: ChangeQuestionStatus;
  answer: string | null;
  answered_at: Date | null;
  answerer_name: string | null;
  hidden_reason: string | null;
  version: number;
  sort_rank: number;
  sort_key: string;
}

export function toChangeQuestion(row: QuestionRow, reader: QuestionReader): ChangeQuestion {
  return {
    id: row.id,
    processId: row.process_id,
    activityId: row.activity_id,
    askedVia: row.asked_via,
    anonymous: row.asker_person_id === null,
    askerPersonId: row.asker_person_id,
    askerName: row.asker_name,
    mine: row.asker_person_id !== null && row.asker_person_id === reader.personId,
    question: row.question,
    askedOn: row.asked_on,
    ageDays: Number(row.age_days),
    status: row.status,
    answer: row.answer,
    answeredAt: row.answered_at ? new Date(row.answered_at).toISOString() : null,
    answererName: row.answerer_name,
    hiddenReason: row.hidden_reason,
    version: row.version,
  };
}

const osloToday = sql<string>`(now() at time zone 'Europe/Oslo')::date`;
// One ascending order for the whole list: open questions oldest first, then answered ones
// with the newest answer first (a negated time), then hidden ones oldest first. The cursor
// carries (rank, key, id), so rows added or removed between pages neither skip nor repeat.
const sortRank = sql<number>`case q.status when 'open' then 0 when 'answered' then 1 else 2 end`;
const sortKey = sql<string>`case when q.status = 'answered' then -extract(epoch from q.answered_at) else extract(epoch from q.asked_on::timestamp) end`;

function selectQuestions(db: Executor, organisationId: string) {
  return db.selectFrom('change_questions as q')
    .leftJoin('people as asker', (j) => j.onRef('asker.organisation_id', '=', 'q.organisation_id').onRef('asker.id', '=', 'q.asker_person_id'))
    .leftJoin('people as answerer', (j) => j.onRef('answerer.organisation_id', '=', 'q.organisation_id').onRef('answerer.id', '=', 'q.answerer_person_id'))
    .select([
      'q.id', 'q.process_id', 'q.activity_id', 'q.asked_via', 'q.asker_person_id', 'asker.name as asker_name', 'q.question', 'q.asked_on',
      sql<number>`greatest(0, ${osloToday} - q.asked_on)`.as('age_days'),
      'q.status', 'q.answer', 'q.answered_at', 'answerer.name as answerer_name', 'q.hidden_reason', 'q.version',
      sortRank.as('sort_rank'), sql<string>`(${sortKey})::text`.as('sort_key'),
    ])
    .where('q.organisation_id', '=', organisationId);
}

function visibleTo(reader: QuestionReader) {
  if (reader.writer) return sql<SqlBool>`true`;
  if (reader.personId === null) return sql<SqlBool>`q.status <> 'hidden'`;
  return sql<SqlBool>`(q.status <> 'hidden' or q.asker_person_id = ${reader.personId})`;
}

export async function findQuestion(db: Executor, organisationId: string, id: string): Promise<QuestionRow | undefined> {
  return await selectQuestions(db, organisationId).where('q.id', '=', id).executeTakeFirst() as QuestionRow | undefined;
}

export async function findVisibleQuestion(db: Executor, organisationId: string, id: string, reader: QuestionReader) {
  return await selectQuestions(db, organisationId).where('q.id', '=', id).where(visibleTo(reader)).executeTakeFirst() as QuestionRow | undefined;
}

/** The process, or 404 when it is missing or another organisation's. */
export async function findProcess(db: Executor, organisationId: string, processId: string) {
  const row = await db.selectFrom('change_processes').select(['id', 'title', 'status'])
    .where('organisation_id', '=', organisationId).where('id', '=', processId).executeTakeFirst();
  if (!row) throw notFound('The change process');
  return row;
}

interface QuestionCursor {
  r: number;
  k: string;
  id: string;
}

const uuid = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

function decodeCursor(cursor: string): QuestionCursor {
  let data: Partial<QuestionCursor> | null = null;
  try {
    data = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as Partial<QuestionCursor>;
  } catch {
    // Refused below.
  }
  if (typeof data !== 'object' || data === null || ![0, 1, 2].includes(data.r as number) || typeof data.k !== 'string'
    || !/^-?[0-9]{1,15}(\.[0-9]{1,9})?$/.test(data.k) || typeof data.id !== 'string' || !uuid.test(data.id)) {
    throw badRequest('invalid-cursor', 'The cursor is not one this list gave out.',
      [{ path: '/query/cursor', message: 'is not a valid cursor for this list', code: 'cursor' }]);
  }
  return data as QuestionCursor;
}

const encodeCursor = (row: QuestionRow) =>
  Buffer.from(JSON.stringify({ r: Number(row.sort_rank), k: String(row.sort_key), id: row.id } satisfies QuestionCursor)).toString('base64url');

export async function listQuestions(db: Executor, organisationId: string, processId: string, query: ChangeQuestionListQuery, reader: QuestionReader) {
  const limit = query.limit ?? 50;
  const cursor = query.cursor ? decodeCursor(query.cursor) : null;
  const rows = await selectQuestions(db, organisationId)
    .where('q.process_id', '=', processId)
    .where(visibleTo(reader))
    .$if(query.status !== undefined, (qb) => qb.where('q.status', '=', query.status!))
    .$if(query.activityId !== undefined, (qb) => qb.where('q.activity_id', '=', query.activityId!))
    .$if(cursor !== null, (qb) => qb.where(sql<SqlBool>`(${sortRank}, ${sortKey}, q.id) > (${cursor!.r}::int, ${cursor!.k}::numeric, ${cursor!.id}::uuid)`))
    .orderBy(sortRank).orderBy(sortKey).orderBy('q.id')
    .limit(limit + 1)
    .execute() as QuestionRow[];
  const items = rows.slice(0, limit);
  const last = items.at(-1);
  return { items: items.map((r) => toChangeQuestion(r, reader)), nextCursor: rows.length > limit && last ? encodeCursor(last) : null };
}
