import { sql, type Kysely, type Selectable, type SqlBool, type Transaction } from 'kysely';
import type { ChangeProcess, ChangeProcessListQuery, ChangeProcessStatus } from '@lagverk/shared';
import type { ChangeProcessesTable, DB } from '../db/types.ts';
import { badRequest } from '../http/problem.ts';
import { osloDate } from '../time.ts';

// Every read of change processes, and the one place rows become API objects.

export type Executor = Kysely<DB> | Transaction<DB>;
export type ChangeProcessRow = Selectable<ChangeProcessesTable>;

/** The list's order: processes under way first, then those to come, then the finished. */
const rankOf = sql<number>`case status when 'active' then 0 when 'planned' then 1 when 'completed' then 2 else 3 end`;

export function findProcess(db: Executor, organisationId: string, id: string, options: { forUpdate?: boolean } = {}) {
  return db.selectFrom('change_processes').selectAll().where('organisation_id', '=', organisationId).where('id', '=', id)
    .$if(options.forUpdate === true, (qb) => qb.forUpdate()).executeTakeFirst();
}

/** The phase whose dates contain `today` (the first in order, if phases overlap). */
export function currentPhaseId(phases: { id: string; startsOn: string; endsOn: string }[], today = osloDate()): string | null {
  return phases.find((p) => p.startsOn <= today && today <= p.endsOn)?.id ?? null;
}

/** The processes with their phases, project groups and affected units, in the order of `rows`. */
export async function withParts(db: Executor, organisationId: string, rows: ChangeProcessRow[]): Promise<ChangeProcess[]> {
  if (rows.length === 0) return [];
  const ids = rows.map((r) => r.id);
  const unitIds = [...new Set(rows.flatMap((r) => r.affected_unit_ids))];
  const [phases, members, units] = await Promise.all([
    db.selectFrom('change_process_phases').select(['id', 'process_id', 'name', 'description', 'starts_on', 'ends_on'])
      .where('organisation_id', '=', organisationId).where('process_id', 'in', ids).orderBy('position').execute(),
    db.selectFrom('change_process_members as m')
      .innerJoin('people as p', (j) => j.onRef('p.organisation_id', '=', 'm.organisation_id').onRef('p.id', '=', 'm.person_id'))
      .select(['m.process_id', 'm.person_id', 'p.name', 'm.role'])
      .where('m.organisation_id', '=', organisationId).where('m.process_id', 'in', ids).orderBy('m.position').execute(),
    unitIds.length === 0 ? Promise.resolve([]) : db.selectFrom('units').select(['id', 'name'])
      .where('organisation_id', '=', organisationId).where('id', 'in', unitIds).orderBy('name').orderBy('id').execute(),
  ]);
  const today = osloDate();
  return rows.map((row) => {
    const own = phases.filter((p) => p.process_id === row.id)
      .map((p) => ({ id: p.id, name: p.name, description: p.description, startsOn: p.starts_on, endsOn: p.ends_on }));
    const affected = new Set(row.affected_unit_ids);
    return {
      id: row.id, title: row.title, mandate: row.mandate, background: row.background, status: row.status,
      phases: own, currentPhaseId: currentPhaseId(own, today),
      projectGroup: members.filter((m) => m.process_id === row.id).map((m) => ({ personId: m.person_id, name: m.name, role: m.role })),
      affectedUnits: units.filter((u) => affected.has(u.id)).map((u) => ({ id: u.id, name: u.name })),
      version: row.version, createdAt: row.created_at.toISOString(), updatedAt: row.updated_at.toISOString(),
    };
  });
}

export async function loadProcess(db: Executor, organisationId: string, id: string): Promise<ChangeProcess | undefined> {
  const row = await findProcess(db, organisationId, id);
  return row ? (await withParts(db, organisationId, [row]))[0] : undefined;
}

// The cursor carries the last row's rank, title and id, so inserts and deletes between
// pages neither skip nor repeat a process. A status change between pages may move a
// process past the cursor; that is a different list, not a broken one.
interface ListCursor {
  r: number;
  t: string;
  id: string;
}

const uuidPattern = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const ranks: Record<ChangeProcessStatus, number> = { active: 0, planned: 1, completed: 2, cancelled: 3 };

function decodeCursor(cursor: string): ListCursor {
  let data: Partial<ListCursor> | null = null;
  try {
    data = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as Partial<ListCursor>;
  } catch {
    // Refused below.
  }
  if (typeof data !== 'object' || data === null || !Number.isInteger(data.r) || data.r! < 0 || data.r! > 3
    || typeof data.t !== 'string' || data.t.length > 200 || typeof data.id !== 'string' || !uuidPattern.test(data.id)) {
    throw badRequest('invalid-cursor', 'The cursor is not one this list gave out.',
      [{ path: '/query/cursor', message: 'is not a valid cursor for this list', code: 'cursor' }]);
  }
  return data as ListCursor;
}

const encodeCursor = (row: ChangeProcessRow) =>
  Buffer.from(JSON.stringify({ r: ranks[row.status], t: row.title, id: row.id } satisfies ListCursor)).toString('base64url');

export async function listProcesses(db: Executor, organisationId: string, query: ChangeProcessListQuery) {
  const limit = query.limit ?? 50;
  const cursor = query.cursor ? decodeCursor(query.cursor) : null;
  const rows = await db.selectFrom('change_processes').selectAll()
    .where('organisation_id', '=', organisationId)
    .$if(query.status !== undefined, (qb) => qb.where('status', '=', query.status!))
    .$if(cursor !== null, (qb) => qb.where(sql<SqlBool>`(${rankOf}, title, id) > (${cursor!.r}::integer, ${cursor!.t}::text, ${cursor!.id}::uuid)`))
    .orderBy(rankOf).orderBy('title').orderBy('id')
    .limit(limit + 1)
    .execute();
  const page = rows.slice(0, limit);
  const last = page.at(-1);
  return { items: await withParts(db, organisationId, page), nextCursor: rows.length > limit && last ? encodeCursor(last) : null };
}
