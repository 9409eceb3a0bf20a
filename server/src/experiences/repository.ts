import { sql, type Kysely, type Selectable, type Transaction } from 'kysely';
import type {
  EffectGoal, Experience, ExperienceComment, ExperienceCommentListQuery, ExperienceListItem, ExperienceListQuery, SharedExperience, SharedExperienceListQuery,
} from '@lagverk/shared';
import type { DB, ExperienceCommentsTable, ExperiencesTable } from '../db/types.ts';
import { keysetPage } from '../http/pagination.ts';

// All SQL of the library but the ranked search (search.ts). Queries name the experience
// `e` and join nothing, so the keyset helper's bare `id` and sort column stay unambiguous;
// names and counts come from correlated subqueries.

export type Executor = Kysely<DB> | Transaction<DB>;
export type ExperienceRow = Selectable<ExperiencesTable>;


const personName = (column: string) => sql<string | null>`(select p.name from people p where p.organisation_id = e.organisation_id and p.id = ${sql.ref(column)})`;
const teamName = sql<string | null>`(select t.name from teams t where t.organisation_id = e.organisation_id and t.id = e.team_id)`;
const usefulCount = sql<number>`(select count(*)::int from experience_useful_marks m where m.organisation_id = e.organisation_id and m.experience_id = e.id)`;
const commentCount = sql<number>`(select count(*)::int from experience_comments c where c.organisation_id = e.organisation_id and c.experience_id = e.id)`;
const markedBy = (personId: string | null) => personId === null ? sql<boolean>`false`
  : sql<boolean>`exists (select 1 from experience_useful_marks m where m.organisation_id = e.organisation_id and m.experience_id = e.id and m.person_id = ${personId})`;

export function selectExperience(db: Executor, organisationId: string, id: string, personId: string | null) {
  return db.selectFrom('experiences as e').selectAll('e')
    .select([
      personName('e.author_person_id').as('author_name'), teamName.as('team_name'),
      sql<string | null>`(select r.title from team_results r where r.organisation_id = e.organisation_id and r.id = e.result_id)`.as('result_title'),
      usefulCount.as('useful_count'), commentCount.as('comment_count'), markedBy(personId).as('marked_useful'),
    ])
    .where('e.organisation_id', '=', organisationId).where('e.id', '=', id)
    .executeTakeFirst();
}
export type ExperienceDetailRow = NonNullable<Awaited<ReturnType<typeof selectExperience>>>;

export function lockExperience(trx: Transaction<DB>, organisationId: string, id: string) {
  return trx.selectFrom('experiences').selectAll().where('organisation_id', '=', organisationId).where('id', '=', id).forUpdate().executeTakeFirst();
}

export function toExperience(row: ExperienceDetailRow): Experience {
  return {
    id: row.id, title: row.title, tried: row.tried, worked: row.worked, didNotWork: row.did_not_work, advice: row.advice,
    teamId: row.team_id, resultId: row.result_id, arenaMeetingId: row.arena_meeting_id,
    effectGoals: row.effect_goals as EffectGoal[], tags: row.tags,
    authorPersonId: row.author_person_id, authorName: row.author_name, teamName: row.team_name, resultTitle: row.result_title,
    usefulCount: row.useful_count, markedUseful: row.marked_useful, commentCount: row.comment_count,
    sharing: row.shared_at ? { sharedAt: row.shared_at.toISOString(), showAuthor: row.share_author, showOrganisation: row.share_organisation } : null,
    version: row.version, createdAt: row.created_at.toISOString(), updatedAt: row.updated_at.toISOString(),
  };
}

/** Columns a list item needs, for the plain list and the ranked search alike. */
export const listColumns = [
  'e.id', 'e.title', 'e.team_id', 'e.tags', 'e.effect_goals', 'e.shared_at', 'e.created_at',
] as const;
export const listExtras = () => [
  sql<string>`left(e.tried, 300)`.as('excerpt'), teamName.as('team_name'), personName('e.author_person_id').as('author_name'),
  usefulCount.as('useful_count'), commentCount.as('comment_count'),
];

/**
 * The list's filters, on `e`. A unit means its teams and the teams of the units below it;
 * a profession, teams with a current member of that profession.
 */
export function experienceFilters(organisationId: string, query: ExperienceListQuery) {
  const { tag, teamId, unitId, profession, effectGoal, from, to } = query;
  const conditions = [];
  if (tag !== undefined) conditions.push(sql<boolean>`e.tags @> array[${normaliseTag(tag)}]::text[]`);
  if (effectGoal !== undefined) conditions.push(sql<boolean>`e.effect_goals @> array[${effectGoal}]::text[]`);
  if (teamId !== undefined) conditions.push(sql<boolean>`e.team_id = ${teamId}`);
  if (unitId !== undefined) {
    conditions.push(sql<boolean>`e.team_id in (
      with recursive below as (
        select u.id from units u where u.organisation_id = ${organisationId} and u.id = ${unitId}
        union
        select c.id from units c join below on c.parent_id = below.id where c.organisation_id = ${organisationId}
      ) select tu.team_id from team_units tu join below on tu.unit_id = below.id where tu.organisation_id = ${organisationId})`);
  }
  if (profession !== undefined) {
    conditions.push(sql<boolean>`exists (select 1 from team_members m join people p on p.organisation_id = m.organisation_id and p.id = m.person_id
      where m.organisation_id = e.organisation_id and m.team_id = e.team_id and m.left_on is null and lower(p.profession) = lower(${profession.trim()}))`);
  }
  // Days are the organisation's (Norwegian) days, not UTC's.
  if (from !== undefined) conditions.push(sql<boolean>`e.created_at >= (${from}::date)::timestamp at time zone 'Europe/Oslo'`);
  if (to !== undefined) conditions.push(sql<boolean>`e.created_at < (${to}::date + 1)::timestamp at time zone 'Europe/Oslo'`);
  return conditions;
}

export type ListRow = Pick<ExperienceRow, 'id' | 'title' | 'team_id' | 'tags' | 'effect_goals' | 'shared_at' | 'created_at'> & {
  excerpt: string; team_name: string | null; author_name: string | null; useful_count: number; comment_count: number;
};

export function toListItem(row: ListRow, extra: Pick<ExperienceListItem, 'highlight' | 'rank'> = { highlight: null, rank: null }): ExperienceListItem {
  return {
    id: row.id, title: row.title, excerpt: row.excerpt, ...extra, teamId: row.team_id, teamName: row.team_name, authorName: row.author_name,
    effectGoals: row.effect_goals as EffectGoal[], tags: row.tags, usefulCount: row.useful_count, commentCount: row.comment_count,
    shared: row.shared_at !== null, createdAt: row.created_at.toISOString(),
  };
}

/** Without `q`: by time written, filtered. */
export async function listExperiences(db: Executor, organisationId: string, query: ExperienceListQuery) {
  let filtered = db.selectFrom('experiences as e').select(listColumns).select(listExtras()).where('e.organisation_id', '=', organisationId);
  for (const condition of experienceFilters(organisationId, query)) filtered = filtered.where(condition);
  const page = await keysetPage(filtered, { sort: query.sort ?? '-createdAt', columns: { createdAt: 'created_at' }, cursor: query.cursor, limit: query.limit });
  return { items: page.rows.map((row) => toListItem(row)), nextCursor: page.nextCursor };
}

/** Trimmed, lower case, inner whitespace collapsed. */
export const normaliseTag = (tag: string) => tag.trim().replace(/\s+/g, ' ').toLocaleLowerCase('nb');

export function toComment(row: Selectable<ExperienceCommentsTable> & { author_name: string | null }): ExperienceComment {
  return {
    id: row.id, experienceId: row.experience_id, authorPersonId: row.author_person_id, authorName: row.author_name, body: row.body,
    version: row.version, createdAt: row.created_at.toISOString(), updatedAt: row.updated_at.toISOString(),
  };
}

const commentAuthor = sql<string | null>`(select p.name from people p where p.organisation_id = c.organisation_id and p.id = c.author_person_id)`;

export function findComment(db: Executor, organisationId: string, experienceId: string, id: string) {
  return db.selectFrom('experience_comments as c').selectAll('c').select(commentAuthor.as('author_name'))
    .where('c.organisation_id', '=', organisationId).where('c.experience_id', '=', experienceId).where('c.id', '=', id)
    .executeTakeFirst();
}

export async function listComments(db: Executor, organisationId: string, experienceId: string, query: ExperienceCommentListQuery) {
  const filtered = db.selectFrom('experience_comments as c').selectAll('c').select(commentAuthor.as('author_name'))
    .where('c.organisation_id', '=', organisationId).where('c.experience_id', '=', experienceId);
  const page = await keysetPage(filtered, { sort: 'createdAt', columns: { createdAt: 'created_at' }, cursor: query.cursor, limit: query.limit });
  return { items: page.rows.map(toComment), nextCursor: page.nextCursor };
}

export async function usefulState(db: Executor, organisationId: string, experienceId: string, personId: string) {
  const row = await db.selectFrom('experiences as e').select([usefulCount.as('useful_count'), markedBy(personId).as('marked_useful')])
    .where('e.organisation_id', '=', organisationId).where('e.id', '=', experienceId).executeTakeFirstOrThrow();
  return { usefulCount: row.useful_count, markedUseful: row.marked_useful };
}

/**
 * The good examples of every organisation on the installation: the one deliberate read
 * across organisations. Only shared rows, only the shared fields, and the author's and
 * organisation's names only where the sharing organisation chose to show them.
 */
export async function listSharedExperiences(db: Executor, organisationId: string, query: SharedExperienceListQuery) {
  const filtered = db.selectFrom('experiences as e')
    .select(['e.id', 'e.title', 'e.tried', 'e.worked', 'e.did_not_work', 'e.advice', 'e.effect_goals', 'e.tags', 'e.shared_at'])
    .select([
      sql<string | null>`case when e.share_author then ${personName('e.author_person_id')} end`.as('author_name'),
      sql<string | null>`case when e.share_organisation then (select o.name from organisations o where o.id = e.organisation_id) end`.as('organisation_name'),
      sql<boolean>`e.organisation_id = ${organisationId}`.as('own'),
    ])
    .where('e.shared_at', 'is not', null)
    .$if(query.q !== undefined, (qb) => qb.where(sql<boolean>`exists (select 1 from experience_search s
      where s.organisation_id = e.organisation_id and s.experience_id = e.id and s.document @@ websearch_to_tsquery('norwegian', ${query.q!}))`));
  const page = await keysetPage(filtered, { sort: '-sharedAt', columns: { sharedAt: 'shared_at' }, cursor: query.cursor, limit: query.limit });
  return {
    items: page.rows.map((row): SharedExperience => ({
      id: row.id, title: row.title, tried: row.tried, worked: row.worked, didNotWork: row.did_not_work, advice: row.advice,
      effectGoals: row.effect_goals as EffectGoal[], tags: row.tags, sharedAt: row.shared_at!.toISOString(),
      authorName: row.author_name, organisationName: row.organisation_name, own: row.own,
    })),
    nextCursor: page.nextCursor,
  };
}
