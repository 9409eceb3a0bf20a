import { sql, type Kysely, type Transaction } from 'kysely';
import type { FastifyRequest } from 'fastify';
import type { FollowUpActionCreate, FollowUpActionPatch, FollowUpReviewCreate, ProblemFieldError } from '@lagverk/shared';
import type { DB } from '../db/types.ts';
import { deleteVersioned, updateVersioned } from '../db/versioned.ts';
import { notFound, unprocessable } from '../http/problem.ts';
import { staleVersion } from '../http/preconditions.ts';
import { uuidArray } from '../db/arrays.ts';
import { findAction, toReview, type ActionRow } from './repository.ts';
import { assertActionScope, type ActionTarget } from './scope.ts';

// Follow-up actions: every write checks the references (422), then the caller's scope for
// the action as it is and as it will be (403), in one transaction with the action locked.

/** The fields of an action that name other rows, as they are after a create or a patch. */
interface References {
  roundId: string | null;
  unitId: string | null;
  teamId: string | null;
  questionId: string | null;
  ownerPersonId: string;
  involvedPersonIds: string[];
}

const reference = (field: string, what: string): ProblemFieldError => ({ path: `/body/${field}`, message: `no such ${what}`, code: 'reference' });

async function exists(trx: Transaction<DB>, table: 'survey_rounds' | 'units' | 'teams' | 'people', organisationId: string, id: string) {
  return (await trx.selectFrom(table).select('id').where('organisation_id', '=', organisationId).where('id', '=', id).executeTakeFirst()) !== undefined;
}

/** Every reference names a row of the organisation, and a question is one of the round's. */
async function assertReferences(trx: Transaction<DB>, organisationId: string, refs: References, sent: Partial<Record<keyof References, unknown>>) {
  const errors: ProblemFieldError[] = [];
  if ('roundId' in sent && refs.roundId !== null && !(await exists(trx, 'survey_rounds', organisationId, refs.roundId))) errors.push(reference('roundId', 'survey round'));
  if ('unitId' in sent && refs.unitId !== null && !(await exists(trx, 'units', organisationId, refs.unitId))) errors.push(reference('unitId', 'unit'));
  if ('teamId' in sent && refs.teamId !== null && !(await exists(trx, 'teams', organisationId, refs.teamId))) errors.push(reference('teamId', 'team'));
  if ('ownerPersonId' in sent && !(await exists(trx, 'people', organisationId, refs.ownerPersonId))) errors.push(reference('ownerPersonId', 'person'));
  if ('involvedPersonIds' in sent && refs.involvedPersonIds.length > 0) {
    const found = new Set((await trx.selectFrom('people').select('id')
      .where('organisation_id', '=', organisationId).where('id', 'in', refs.involvedPersonIds).execute()).map((r) => r.id));
    refs.involvedPersonIds.forEach((id, i) => {
      if (!found.has(id)) errors.push({ path: `/body/involvedPersonIds/${i}`, message: 'no such person', code: 'reference' });
    });
  }
  if (errors.length > 0) throw unprocessable('unknown-reference', 'The request refers to something that does not exist.', errors);

  if (refs.questionId !== null && ('questionId' in sent || 'roundId' in sent)) {
    const inRound = refs.roundId !== null && await trx.selectFrom('survey_questions as q')
      .innerJoin('survey_rounds as r', (j) => j.onRef('r.organisation_id', '=', 'q.organisation_id').onRef('r.template_id', '=', 'q.template_id'))
      .select('q.id').where('q.organisation_id', '=', organisationId).where('q.id', '=', refs.questionId).where('r.id', '=', refs.roundId)
      .executeTakeFirst() !== undefined;
    if (!inRound) {
      throw unprocessable('question-not-in-round', 'A question must be one of the round\'s template; name the round too.',
        [{ path: '/body/questionId', message: 'is not a question of the round', code: 'reference' }]);
    }
  }
}

async function assertNotFuture(trx: Transaction<DB>, date: string, field: string) {
  const row = await sql<{ future: boolean }>`select ${date}::date > current_date as future`.execute(trx);
  if (row.rows[0]?.future) throw unprocessable('date-in-future', 'A review is recorded when it has taken place.', [{ path: `/body/${field}`, message: 'is in the future', code: 'date' }]);
}

const target = (row: Pick<ActionRow, 'unit_id' | 'team_id'>): ActionTarget => ({ unitId: row.unit_id, teamId: row.team_id });

export function createAction(db: Kysely<DB>, request: FastifyRequest, organisationId: string, input: FollowUpActionCreate) {
  return db.transaction().execute(async (trx) => {
    const refs: References = {
      roundId: input.roundId ?? null, unitId: input.unitId ?? null, teamId: input.teamId ?? null, questionId: input.questionId ?? null,
      ownerPersonId: input.ownerPersonId, involvedPersonIds: input.involvedPersonIds ?? [],
    };
    await assertReferences(trx, organisationId, refs, { ...input, ownerPersonId: true });
    await assertActionScope(trx, request, [{ unitId: refs.unitId, teamId: refs.teamId }]);
    const interval = input.reviewIntervalMonths ?? 3;
    const inserted = await trx.insertInto('follow_up_actions').values({
      organisation_id: organisationId, round_id: refs.roundId, unit_id: refs.unitId, team_id: refs.teamId,
      effect_goal: input.effectGoal ?? null, question_id: refs.questionId, title: input.title, description: input.description ?? null,
      owner_person_id: refs.ownerPersonId, due_on: input.dueOn ?? null, status: input.status ?? 'planned',
      review_interval_months: interval,
      next_review_on: input.nextReviewOn ?? sql<string>`cast(current_date + make_interval(months => ${interval}::integer) as date)`,
      involved_person_ids: uuidArray(refs.involvedPersonIds),
    }).returning('id').executeTakeFirstOrThrow();
    return (await findAction(trx, organisationId, inserted.id))!;
  });
}

/** The action, locked, after checking that the caller may write it; 404 when it is missing or belongs elsewhere. */
async function lockAction(trx: Transaction<DB>, request: FastifyRequest, organisationId: string, id: string) {
  const row = await findAction(trx, organisationId, id, { forUpdate: true });
  if (!row) throw notFound('The follow-up action');
  await assertActionScope(trx, request, [target(row)]);
  return row;
}

export function patchAction(db: Kysely<DB>, request: FastifyRequest, organisationId: string, id: string, expected: number | null, patch: FollowUpActionPatch) {
  return db.transaction().execute(async (trx) => {
    const current = await lockAction(trx, request, organisationId, id);
    if (expected !== null && current.version !== expected) throw staleVersion(current.version);
    const refs: References = {
      roundId: patch.roundId !== undefined ? patch.roundId : current.round_id,
      unitId: patch.unitId !== undefined ? patch.unitId : current.unit_id,
      teamId: patch.teamId !== undefined ? patch.teamId : current.team_id,
      questionId: patch.questionId !== undefined ? patch.questionId : current.question_id,
      ownerPersonId: patch.ownerPersonId ?? current.owner_person_id,
      involvedPersonIds: patch.involvedPersonIds ?? current.involved_person_ids,
    };
    await assertReferences(trx, organisationId, refs, patch);
    // Moving an action needs the caller's reach at both ends.
    if (patch.unitId !== undefined || patch.teamId !== undefined) await assertActionScope(trx, request, [{ unitId: refs.unitId, teamId: refs.teamId }]);
    await updateVersioned(trx, 'follow_up_actions', organisationId, id, expected, {
      ...(patch.roundId !== undefined && { round_id: patch.roundId }),
      ...(patch.unitId !== undefined && { unit_id: patch.unitId }),
      ...(patch.teamId !== undefined && { team_id: patch.teamId }),
      ...(patch.effectGoal !== undefined && { effect_goal: patch.effectGoal }),
      ...(patch.questionId !== undefined && { question_id: patch.questionId }),
      ...(patch.title !== undefined && { title: patch.title }),
      ...(patch.description !== undefined && { description: patch.description }),
      ...(patch.ownerPersonId !== undefined && { owner_person_id: patch.ownerPersonId }),
      ...(patch.dueOn !== undefined && { due_on: patch.dueOn }),
      ...(patch.status !== undefined && { status: patch.status }),
      ...(patch.reviewIntervalMonths !== undefined && { review_interval_months: patch.reviewIntervalMonths }),
      ...(patch.nextReviewOn !== undefined && { next_review_on: patch.nextReviewOn }),
      ...(patch.involvedPersonIds !== undefined && { involved_person_ids: uuidArray(patch.involvedPersonIds) }),
    });
    return (await findAction(trx, organisationId, id))!;
  });
}

export function deleteAction(db: Kysely<DB>, request: FastifyRequest, organisationId: string, id: string, expected: number | null) {
  return db.transaction().execute(async (trx) => {
    await lockAction(trx, request, organisationId, id);
    await deleteVersioned(trx, 'follow_up_actions', organisationId, id, expected);
  });
}

/**
 * Records a review: the action takes its status, and its next review moves to the review
 * date plus the action's interval (counted from the review, so a late review does not
 * leave the next one already overdue).
 */
export function reviewAction(
  db: Kysely<DB>, request: FastifyRequest, organisationId: string, id: string, expected: number | null, input: FollowUpReviewCreate, reviewerPersonId: string | null,
) {
  return db.transaction().execute(async (trx) => {
    const current = await lockAction(trx, request, organisationId, id);
    if (expected !== null && current.version !== expected) throw staleVersion(current.version);
    const reviewedOn = input.reviewedOn ?? (await sql<{ today: string }>`select current_date as today`.execute(trx)).rows[0]!.today;
    await assertNotFuture(trx, reviewedOn, 'reviewedOn');
    const review = await trx.insertInto('follow_up_reviews').values({
      organisation_id: organisationId, action_id: id, reviewed_on: reviewedOn, status: input.status, note: input.note ?? null,
      reviewer_person_id: reviewerPersonId,
    }).returningAll().executeTakeFirstOrThrow();
    await updateVersioned(trx, 'follow_up_actions', organisationId, id, expected, {
      status: input.status,
      next_review_on: sql`cast(${reviewedOn}::date + make_interval(months => review_interval_months) as date)`,
    });
    return { review: toReview(review), action: (await findAction(trx, organisationId, id))! };
  });
}
