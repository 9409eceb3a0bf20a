import { sql, type RawBuilder } from 'kysely';
import type { ExperienceListQuery, LibraryHit, LibraryHitKind, LibrarySearchQuery, TextSegment } from '@lagverk/shared';
import { badRequest } from '../http/problem.ts';
import { experienceFilters, listColumns, listExtras, toListItem, type Executor } from './repository.ts';

// Norwegian full-text search: websearch_to_tsquery('norwegian', q) against the stored
// documents of experiences and the expression indexes of teams and results, ranked with
// ts_rank_cd, the best passages picked by ts_headline. Pages are keyset pages on (rank, id),
// so inserts and deletes between pages neither skip nor repeat a row; the cursor carries
// the last rank as PostgreSQL printed it, which reads back as the very same real.
//
// ts_headline marks matches with two private-use characters (taken out of the text first),
// and the text is split on them into plain segments: highlights without ever sending HTML.

const startSel = '\uE000';
const stopSel = '\uE001';
const sentinels = sql`${startSel + stopSel}`;
const snippetOptions = `StartSel=${startSel}, StopSel=${stopSel}, MaxFragments=2, MaxWords=24, MinWords=8, FragmentDelimiter=" … "`;
const titleOptions = `StartSel=${startSel}, StopSel=${stopSel}, HighlightAll=true`;

const tsQuery = (q: string) => sql`websearch_to_tsquery('norwegian', ${q})`;
const headline = (text: RawBuilder<unknown> | ReturnType<typeof sql.ref>, q: string, options: string) =>
  sql<string>`ts_headline('norwegian', translate(${text}, ${sentinels}, ''), ${tsQuery(q)}, ${options})`;

/**
 * The same expressions as the GIN indexes of migration 0013 on teams and team_results:
 * change one, change both, or the planner stops using the index.
 */
const teamDocument = sql`(setweight(to_tsvector('norwegian', t.name), 'A')
  || setweight(to_tsvector('norwegian', coalesce(t.purpose, '') || ' ' || coalesce(t.mandate, '')), 'B'))`;
const resultDocument = sql`(setweight(to_tsvector('norwegian', r.title), 'A') || setweight(to_tsvector('norwegian', coalesce(r.description, '')), 'B'))`;
const experienceBody = sql`(e.tried || ' ' || coalesce(e.worked, '') || ' ' || coalesce(e.advice, '') || ' ' || coalesce(e.did_not_work, ''))`;

/** Splits ts_headline's output on the markers into plain segments, the marked ones `match`. */
export function toSegments(marked: string): TextSegment[] {
  const segments: TextSegment[] = [];
  let match = false;
  for (const part of marked.split(/([\uE000\uE001])/)) {
    if (part === startSel) match = true;
    else if (part === stopSel) match = false;
    else if (part !== '') {
      const last = segments.at(-1);
      if (last && last.match === match) last.text += part;
      else segments.push({ text: part, match });
    }
  }
  return segments;
}

interface RankCursor {
  rank: string;
  id: string;
}

const uuidPattern = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

function encodeRankCursor(kind: string, cursor: RankCursor) {
  return Buffer.from(JSON.stringify({ s: kind, r: cursor.rank, id: cursor.id })).toString('base64url');
}

function parseJson(cursor: string): { s?: unknown; r?: unknown; id?: unknown } | null {
  try {
    const value: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    return typeof value === 'object' ? value as { s?: unknown; r?: unknown; id?: unknown } | null : null;
  } catch {
    return null;
  }
}

function decodeRankCursor(kind: string, cursor: string | undefined): RankCursor | null {
  if (cursor === undefined) return null;
  const data = parseJson(cursor);
  if (!data || data.s !== kind || typeof data.r !== 'string' || !/^[0-9.e+-]{1,40}$/.test(data.r) || !Number.isFinite(Number(data.r))
    || typeof data.id !== 'string' || !uuidPattern.test(data.id)) {
    throw badRequest('invalid-cursor', 'The cursor is not one this list gave out (or it was made for another sort order).',
      [{ path: '/query/cursor', message: 'is not a valid cursor for this sort', code: 'cursor' }]);
  }
  return { rank: data.r, id: data.id };
}

function pageOf<R extends { rank_text: string; id: string }>(rows: R[], limit: number, kind: string) {
  const hasMore = rows.length > limit;
  const kept = hasMore ? rows.slice(0, limit) : rows;
  const last = kept.at(-1);
  return { rows: kept, nextCursor: hasMore && last ? encodeRankCursor(kind, { rank: last.rank_text, id: last.id }) : null };
}

/** Experiences matching `q` (and the filters), best first. */
export async function searchExperiences(db: Executor, organisationId: string, query: ExperienceListQuery & { q: string }) {
  const limit = query.limit ?? 50;
  const cursor = decodeRankCursor('relevance', query.cursor);
  const rank = sql<number>`ts_rank_cd(s.document, ${tsQuery(query.q)})`;
  let ranked = db.selectFrom('experiences as e')
    .innerJoin('experience_search as s', (j) => j.onRef('s.organisation_id', '=', 'e.organisation_id').onRef('s.experience_id', '=', 'e.id'))
    .select(listColumns).select(listExtras())
    .select([rank.as('rank'), 'e.tried', 'e.worked', 'e.advice', 'e.did_not_work'])
    .where('e.organisation_id', '=', organisationId)
    .where(sql<boolean>`s.document @@ ${tsQuery(query.q)}`);
  for (const condition of experienceFilters(organisationId, query)) ranked = ranked.where(condition);
  if (cursor) ranked = ranked.where(sql<boolean>`(${rank}, e.id) < (${cursor.rank}::real, ${cursor.id}::uuid)`);
  // The headlines (and the rank's text for the cursor) are worked out for the page only:
  // computed inside, they would carry every match's document through the sort.
  const rows = await db.selectFrom(ranked.orderBy('rank', 'desc').orderBy('e.id', 'desc').limit(limit + 1).as('e'))
    .selectAll('e')
    .select([
      sql<string>`e.rank::text`.as('rank_text'),
      headline(sql.ref('e.title'), query.q, titleOptions).as('title_marked'),
      headline(experienceBody, query.q, snippetOptions).as('snippet_marked'),
    ])
    .orderBy('rank', 'desc').orderBy('e.id', 'desc')
    .execute();
  const page = pageOf(rows, limit, 'relevance');
  return {
    items: page.rows.map((row) => toListItem(row, {
      rank: row.rank, highlight: { title: toSegments(row.title_marked), snippet: toSegments(row.snippet_marked) },
    })),
    nextCursor: page.nextCursor,
  };
}

interface HitRow {
  kind: LibraryHitKind;
  id: string;
  team_id: string | null;
  title: string;
  body: string;
  rank: number;
  rank_text: string;
}

const linkOf = (row: HitRow) => row.kind === 'experience' ? `/api/v1/experiences/${row.id}`
  : row.kind === 'team' ? `/api/v1/teams/${row.id}` : `/api/v1/teams/${row.team_id}/results/${row.id}`;

/** One ranked list of the experiences, teams and results matching `q`. */
export async function searchLibrary(db: Executor, organisationId: string, query: LibrarySearchQuery) {
  const limit = query.limit ?? 50;
  const cursor = decodeRankCursor('library', query.cursor);
  const q = tsQuery(query.q);
  const after = cursor ? sql`where (hit.rank, hit.id) < (${cursor.rank}::real, ${cursor.id}::uuid)` : sql``;
  const result = await sql<HitRow & { title_marked: string; snippet_marked: string }>`
    select page.*,
      ${headline(sql.ref('page.title'), query.q, titleOptions)} as title_marked,
      ${headline(sql.ref('page.body'), query.q, snippetOptions)} as snippet_marked
    from (
      select hit.*, hit.rank::text as rank_text from (
        select 'experience' as kind, e.id, e.team_id, e.title, ${experienceBody} as body, ts_rank_cd(s.document, ${q}) as rank
          from experiences e join experience_search s on s.organisation_id = e.organisation_id and s.experience_id = e.id
          where e.organisation_id = ${organisationId} and s.document @@ ${q}
        union all
        select 'team', t.id, t.id, t.name, coalesce(t.purpose, '') || ' ' || coalesce(t.mandate, ''), ts_rank_cd(${teamDocument}, ${q})
          from teams t where t.organisation_id = ${organisationId} and ${teamDocument} @@ ${q}
        union all
        select 'result', r.id, r.team_id, r.title, coalesce(r.description, ''), ts_rank_cd(${resultDocument}, ${q})
          from team_results r where r.organisation_id = ${organisationId} and ${resultDocument} @@ ${q}
      ) hit
      ${after}
      order by hit.rank desc, hit.id desc
      limit ${limit + 1}
    ) page
    order by page.rank desc, page.id desc`.execute(db);
  const page = pageOf(result.rows, limit, 'library');
  return {
    items: page.rows.map((row): LibraryHit => ({
      kind: row.kind, id: row.id, teamId: row.team_id, title: toSegments(row.title_marked), snippet: toSegments(row.snippet_marked),
      rank: row.rank, link: linkOf(row),
    })),
    nextCursor: page.nextCursor,
  };
}
