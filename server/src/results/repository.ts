import type { Kysely, Selectable, Transaction } from 'kysely';
import type { TeamResult, TeamResultListQuery } from '@lagverk/shared';
import type { DB, TeamResultsTable } from '../db/types.ts';
import { keysetPage } from '../http/pagination.ts';

type Executor = Kysely<DB> | Transaction<DB>;
export type ResultRow = Selectable<TeamResultsTable>;

export function toResult(row: ResultRow): TeamResult {
  return {
    id: row.id,
    teamId: row.team_id,
    title: row.title,
    description: row.description,
    category: row.category,
    achievedOn: row.achieved_on,
    measures: row.measures,
    links: row.links,
    version: row.version,
    createdAt: row.created_at.toISOString(),
    updatedAt: row.updated_at.toISOString(),
  };
}

/** A result of this team in this organisation; another team's or organisation's id finds nothing. */
export function findResult(db: Executor, organisationId: string, teamId: string, id: string) {
  return db.selectFrom('team_results').selectAll()
    .where('organisation_id', '=', organisationId).where('team_id', '=', teamId).where('id', '=', id)
    .executeTakeFirst();
}

// Newest first: the date the change took effect, then id so equal dates page stably.
const sortColumns = { achievedOn: 'achieved_on' };

export async function listResults(db: Executor, organisationId: string, teamId: string, query: TeamResultListQuery) {
  const filtered = db.selectFrom('team_results').selectAll()
    .where('organisation_id', '=', organisationId).where('team_id', '=', teamId)
    .$if(query.category !== undefined, (qb) => qb.where('category', '=', query.category!));
  const page = await keysetPage(filtered, { sort: '-achievedOn', columns: sortColumns, cursor: query.cursor, limit: query.limit });
  return { items: page.rows.map(toResult), nextCursor: page.nextCursor };
}
