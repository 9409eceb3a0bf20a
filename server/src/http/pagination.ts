import { sql, type ExpressionBuilder, type Expression, type SelectQueryBuilder, type SqlBool } from 'kysely';
import { badRequest } from './problem.ts';

// Keyset pagination: the cursor carries the sort and the last row's (sort value, id),
// so a page never skips or repeats rows when others are inserted or deleted meanwhile.

export interface SortSpec {
  column: string;
  direction: 'asc' | 'desc';
  sort: string;
  timestamp: boolean;
  /** A `date` column (`…_on`): its cursor value is a 'YYYY-MM-DD' string, compared as a date. */
  date?: boolean;
}

export function parseSort(sort: string, columns: Record<string, string>): SortSpec {
  const direction = sort.startsWith('-') ? 'desc' : 'asc';
  const field = sort.replace(/^-/, '');
  const column = columns[field];
  if (!column) throw badRequest('invalid-sort', `Cannot sort by ${field}.`);
  return { column, direction, sort, timestamp: column.endsWith('_at'), date: column.endsWith('_on') };
}

interface CursorData {
  s: string;
  v: string;
  id: string;
}

export function encodeCursor(spec: SortSpec, row: Record<string, unknown>): string {
  const value = row[spec.column];
  const v = value instanceof Date ? value.toISOString() : String(value);
  return Buffer.from(JSON.stringify({ s: spec.sort, v, id: String(row.id) } satisfies CursorData)).toString('base64url');
}

const uuidPattern = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function decodeCursor(cursor: string, spec: SortSpec): CursorData {
  const invalid = () =>
    badRequest('invalid-cursor', 'The cursor is not one this list gave out (or it was made for another sort order).',
      [{ path: '/query/cursor', message: 'is not a valid cursor for this sort', code: 'cursor' }]);
  let data: unknown;
  try {
    data = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    throw invalid();
  }
  const d = data as Partial<CursorData>;
  if (typeof d !== 'object' || d === null || d.s !== spec.sort || typeof d.v !== 'string' || typeof d.id !== 'string'
    || !uuidPattern.test(d.id) || d.v.length > 400) throw invalid();
  if (spec.timestamp && Number.isNaN(Date.parse(d.v))) throw invalid();
  if (spec.date && !isCalendarDate(d.v)) throw invalid();
  return d as CursorData;
}

/** 'YYYY-MM-DD' naming a real day (not 2026-02-30, not year 0), so the database never sees a bad date. */
function isCalendarDate(value: string) {
  const time = /^(?!0000)\d{4}-\d{2}-\d{2}$/.test(value) ? Date.parse(`${value}T00:00:00Z`) : Number.NaN;
  return !Number.isNaN(time) && new Date(time).toISOString().slice(0, 10) === value;
}

/** The WHERE condition for "rows after the cursor" in the sort order. */
export function afterCursor<DB, TB extends keyof DB>(eb: ExpressionBuilder<DB, TB>, spec: SortSpec, cursor: CursorData): Expression<SqlBool> {
  const value = spec.timestamp ? sql`${cursor.v}::timestamptz` : spec.date ? sql`${cursor.v}::date` : sql`${cursor.v}`;
  const op = spec.direction === 'asc' ? sql.raw('>') : sql.raw('<');
  return sql<SqlBool>`(${sql.ref(spec.column)}, ${sql.ref('id')}) ${op} (${value}, ${cursor.id}::uuid)`;
}

/** Fetch limit + 1 rows; this trims the extra and makes the next cursor from the last kept row. */
export function toPage<R extends Record<string, unknown>>(rows: R[], limit: number, spec: SortSpec) {
  const hasMore = rows.length > limit;
  const items = hasMore ? rows.slice(0, limit) : rows;
  const last = items[items.length - 1];
  return { rows: items, nextCursor: hasMore && last ? encodeCursor(spec, last) : null };
}

/**
 * Runs a list query one page at a time: the rows after the cursor, in the sort order
 * with id as the tie-breaker, one more than the limit to know whether a page follows.
 */
export async function keysetPage<R extends Record<string, unknown>>(
  query: SelectQueryBuilder<any, any, R>, options: { sort: string; columns: Record<string, string>; cursor?: string | undefined; limit?: number | undefined },
) {
  const limit = options.limit ?? 50;
  const spec = parseSort(options.sort, options.columns);
  const cursor = options.cursor ? decodeCursor(options.cursor, spec) : null;
  const rows = await query
    .$if(cursor !== null, (qb) => qb.where((eb) => afterCursor(eb, spec, cursor!)))
    .orderBy(sql.ref(spec.column), spec.direction)
    .orderBy(sql.ref('id'), spec.direction)
    .limit(limit + 1)
    .execute();
  return toPage(rows, limit, spec);
}
