import { sql, type Expression, type Kysely, type Selectable, type SqlBool, type Transaction } from 'kysely';
import type { NewsItem, NewsListQuery, NewsStatus } from '@lagverk/shared';
import type { DB, NewsItemsTable } from '../db/types.ts';
import { badRequest } from '../http/problem.ts';
import { uuidArray } from '../db/arrays.ts';

type Executor = Kysely<DB> | Transaction<DB>;
export type NewsRow = Selectable<NewsItemsTable> & { status: NewsStatus; author_name: string | null };

/**
 * Who reads. `drafts`: an editor (news:write) also sees drafts and scheduled items.
 * `audience`: 'all' for an editor or an integration; otherwise the person (null for an
 * account without one), who sees the items for everyone and those whose audience holds
 * their unit, a unit they lead, or a unit above either.
 */
export interface Reader {
  drafts: boolean;
  audience: 'all' | { personId: string | null };
}

export function toNewsItem(row: NewsRow): NewsItem {
  return {
    id: row.id,
    kind: row.kind,
    title: row.title,
    body: row.body,
    pinned: row.pinned,
    audienceUnitIds: row.audience_unit_ids,
    publishedAt: row.published_at ? row.published_at.toISOString() : null,
    expiresOn: row.expires_on,
    status: row.status,
    authorPersonId: row.author_person_id,
    authorName: row.author_name,
    version: row.version,
    createdAt: row.created_at.toISOString(),
    updatedAt: row.updated_at.toISOString(),
  };
}

// Decided by the database clock, so every replica agrees when a scheduled item appears.
// An item is shown up to and including its `expiresOn` as a day in Norway, whatever time
// zone the database runs in.
const osloToday = sql<string>`(now() at time zone 'Europe/Oslo')::date`;
const statusOf = sql<NewsStatus>`case when n.published_at is null then 'draft' when n.published_at > now() then 'scheduled'
  when n.expires_on < ${osloToday} then 'expired' else 'published' end`;

const statusCondition: Record<NewsStatus, Expression<SqlBool>> = {
  draft: sql<SqlBool>`n.published_at is null`,
  scheduled: sql<SqlBool>`n.published_at > now()`,
  published: sql<SqlBool>`(n.published_at <= now() and (n.expires_on is null or n.expires_on >= ${osloToday}))`,
  expired: sql<SqlBool>`(n.published_at <= now() and n.expires_on < ${osloToday})`,
};

/** The units whose audience reaches the person: their unit, those they lead, and every unit above those. */
function unitsReaching(organisationId: string, personId: string) {
  return sql`array(
    with recursive up as (
      select u.id, u.parent_id from units u
      where u.organisation_id = ${organisationId}
        and (u.id = (select p.unit_id from people p where p.organisation_id = ${organisationId} and p.id = ${personId}) or u.manager_id = ${personId})
      union
      select a.id, a.parent_id from units a join up on a.id = up.parent_id where a.organisation_id = ${organisationId}
    ) select id from up)`;
}

function audienceCondition(organisationId: string, reader: Reader): Expression<SqlBool> {
  if (reader.audience === 'all') return sql<SqlBool>`true`;
  const { personId } = reader.audience;
  if (personId === null) return sql<SqlBool>`cardinality(n.audience_unit_ids) = 0`;
  return sql<SqlBool>`(cardinality(n.audience_unit_ids) = 0 or n.audience_unit_ids && ${unitsReaching(organisationId, personId)})`;
}

function selectNews(db: Executor, organisationId: string) {
  return db.selectFrom('news_items as n')
    .leftJoin('people as author', (j) => j.onRef('author.organisation_id', '=', 'n.organisation_id').onRef('author.id', '=', 'n.author_person_id'))
    .selectAll('n')
    .select([statusOf.as('status'), 'author.name as author_name'])
    .where('n.organisation_id', '=', organisationId);
}

export function findNews(db: Executor, organisationId: string, id: string): Promise<NewsRow | undefined> {
  return selectNews(db, organisationId).where('n.id', '=', id).executeTakeFirst();
}

/** The item as `reader` may see it: an editor any; a reader a published (or expired) one within their audience. */
export function findVisibleNews(db: Executor, organisationId: string, id: string, reader: Reader): Promise<NewsRow | undefined> {
  return selectNews(db, organisationId).where('n.id', '=', id)
    .$if(!reader.drafts, (qb) => qb.where(sql<SqlBool>`n.published_at <= now()`))
    .where(audienceCondition(organisationId, reader))
    .executeTakeFirst();
}

export function lockNews(trx: Transaction<DB>, organisationId: string, id: string) {
  return trx.selectFrom('news_items').select(['id', 'version']).where('organisation_id', '=', organisationId).where('id', '=', id)
    .forUpdate().executeTakeFirst();
}

// The list runs pinned first, then newest first (a draft by when it was written), with id
// as the tie-breaker; the cursor carries all three, so inserts and deletes between pages
// neither skip nor repeat an item.
interface NewsCursor {
  s: NewsStatus;
  p: boolean;
  v: string;
  id: string;
}

const uuid = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

function decodeCursor(cursor: string, status: NewsStatus): NewsCursor {
  let data: Partial<NewsCursor> | null = null;
  try {
    data = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as Partial<NewsCursor>;
  } catch {
    // Refused below.
  }
  if (typeof data !== 'object' || data === null || data.s !== status || typeof data.p !== 'boolean' || typeof data.v !== 'string'
    || data.v.length > 40 || Number.isNaN(Date.parse(data.v)) || typeof data.id !== 'string' || !uuid.test(data.id)) {
    throw badRequest('invalid-cursor', 'The cursor is not one this list gave out (or it was made for another status).',
      [{ path: '/query/cursor', message: 'is not a valid cursor for this list', code: 'cursor' }]);
  }
  return data as NewsCursor;
}

const encodeCursor = (status: NewsStatus, row: NewsRow) => Buffer.from(JSON.stringify({
  s: status, p: row.pinned, v: (status === 'draft' ? row.created_at : row.published_at!).toISOString(), id: row.id,
} satisfies NewsCursor)).toString('base64url');

export async function listNews(db: Executor, organisationId: string, query: NewsListQuery, reader: Reader) {
  const status = query.status ?? 'published';
  const limit = query.limit ?? 50;
  const sortAt = status === 'draft' ? sql.ref('n.created_at') : sql.ref('n.published_at');
  const cursor = query.cursor ? decodeCursor(query.cursor, status) : null;
  const rows = await selectNews(db, organisationId)
    .where(statusCondition[status])
    .where(audienceCondition(organisationId, reader))
    .$if(query.kind !== undefined, (qb) => qb.where('n.kind', '=', query.kind!))
    .$if(query.pinned !== undefined, (qb) => qb.where('n.pinned', '=', query.pinned!))
    .$if(cursor !== null, (qb) => qb.where(sql<SqlBool>`(n.pinned, ${sortAt}, n.id) < (${cursor!.p}::boolean, ${cursor!.v}::timestamptz, ${cursor!.id}::uuid)`))
    .orderBy('n.pinned', 'desc').orderBy(sortAt, 'desc').orderBy('n.id', 'desc')
    .limit(limit + 1)
    .execute();
  const items = rows.slice(0, limit);
  const last = items.at(-1);
  return { items: items.map(toNewsItem), nextCursor: rows.length > limit && last ? encodeCursor(status, last) : null };
}

export { uuidArray };
