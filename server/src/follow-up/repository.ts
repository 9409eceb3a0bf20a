import { sql, type Kysely, type Selectable, type Transaction } from 'kysely';
import type { EffectGoal, FollowUpAction, FollowUpActionListQuery, FollowUpReview } from '@lagverk/shared';
import type { DB, FollowUpActionsTable, FollowUpReviewsTable } from '../db/types.ts';
import { keysetPage } from '../http/pagination.ts';

type Executor = Kysely<DB> | Transaction<DB>;
export type ActionRow = Selectable<FollowUpActionsTable> & { last_reviewed_on: string | null };
export type ReviewRow = Selectable<FollowUpReviewsTable>;

export function toAction(row: ActionRow): FollowUpAction {
  return {
    id: row.id,
    roundId: row.round_id,
    unitId: row.unit_id,
    teamId: row.team_id,
    effectGoal: row.effect_goal as EffectGoal | null,
    questionId: row.question_id,
    title: row.title,
    description: row.description,
    ownerPersonId: row.owner_person_id,
    dueOn: row.due_on,
    status: row.status,
    reviewIntervalMonths: row.review_interval_months,
    nextReviewOn: row.next_review_on,
    involvedPersonIds: row.involved_person_ids,
    lastReviewedOn: row.last_reviewed_on,
    version: row.version,
    createdAt: row.created_at.toISOString(),
    updatedAt: row.updated_at.toISOString(),
  };
}

export function toReview(row: ReviewRow): FollowUpReview {
  return {
    id: row.id,
    actionId: row.action_id,
    reviewedOn: row.reviewed_on,
    status: row.status,
    note: row.note,
    reviewerPersonId: row.reviewer_person_id,
    createdAt: row.created_at.toISOString(),
  };
}


const lastReviewedOn = sql<string | null>`(select max(r.reviewed_on) from follow_up_reviews r
  where r.organisation_id = follow_up_actions.organisation_id and r.action_id = follow_up_actions.id)`;

function selectActions(db: Executor, organisationId: string) {
  return db.selectFrom('follow_up_actions').selectAll().select(lastReviewedOn.as('last_reviewed_on'))
    .where('organisation_id', '=', organisationId);
}

export function findAction(db: Executor, organisationId: string, id: string, options: { forUpdate?: boolean } = {}): Promise<ActionRow | undefined> {
  // FOR UPDATE cannot go with the subquery's aggregate, so the lock is taken on its own.
  if (options.forUpdate) {
    return db.selectFrom('follow_up_actions').select('id').where('organisation_id', '=', organisationId).where('id', '=', id)
      .forUpdate().executeTakeFirst()
      .then((locked) => (locked ? selectActions(db, organisationId).where('id', '=', id).executeTakeFirst() : undefined));
  }
  return selectActions(db, organisationId).where('id', '=', id).executeTakeFirst();
}

const sortColumns = { nextReviewOn: 'next_review_on', createdAt: 'created_at', title: 'title' };

export async function listActions(db: Executor, organisationId: string, query: FollowUpActionListQuery) {
  const { roundId, unitId, teamId, status, ownerPersonId, involvedPersonId, reviewDue } = query;
  const filtered = selectActions(db, organisationId)
    .$if(roundId !== undefined, (qb) => qb.where('round_id', '=', roundId!))
    .$if(unitId !== undefined, (qb) => qb.where(sql<boolean>`unit_id in (
      with recursive below as (
        select u.id from units u where u.organisation_id = ${organisationId} and u.id = ${unitId!}
        union
        select c.id from units c join below on c.parent_id = below.id where c.organisation_id = ${organisationId}
      ) select id from below)`))
    .$if(teamId !== undefined, (qb) => qb.where('team_id', '=', teamId!))
    .$if(status !== undefined, (qb) => qb.where('status', '=', status!))
    .$if(ownerPersonId !== undefined, (qb) => qb.where('owner_person_id', '=', ownerPersonId!))
    .$if(involvedPersonId !== undefined, (qb) => qb.where(sql<boolean>`involved_person_ids @> array[${involvedPersonId!}]::uuid[]`))
    .$if(reviewDue !== undefined, (qb) => qb.where(reviewDue
      ? sql<boolean>`(status in ('planned', 'inProgress') and next_review_on <= current_date)`
      : sql<boolean>`not (status in ('planned', 'inProgress') and next_review_on <= current_date)`));
  const page = await keysetPage(filtered, { sort: query.sort ?? 'nextReviewOn', columns: sortColumns, cursor: query.cursor, limit: query.limit });
  return { items: page.rows.map(toAction), nextCursor: page.nextCursor };
}

export async function listReviews(db: Executor, organisationId: string, actionId: string, query: { limit?: number | undefined; cursor?: string | undefined }) {
  const filtered = db.selectFrom('follow_up_reviews').selectAll()
    .where('organisation_id', '=', organisationId).where('action_id', '=', actionId);
  const page = await keysetPage(filtered, { sort: '-reviewedOn', columns: { reviewedOn: 'reviewed_on' }, cursor: query.cursor, limit: query.limit });
  return { items: page.rows.map(toReview), nextCursor: page.nextCursor };
}
