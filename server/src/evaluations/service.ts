import { sql, type Kysely, type Transaction } from 'kysely';
import type { AssessmentAnswersPut, EvaluationPart, Grant, ProblemFieldError, TeamStatus } from '@lagverk/shared';
import type { DB } from '../db/types.ts';
import { involvesUnitLedBy } from '../auth/scope.ts';
import { conflict, HttpProblem, notFound, unprocessable } from '../http/problem.ts';
import { staleVersion } from '../http/preconditions.ts';
import { checkAnswers, criteriaOfSet } from '../teams/assessment.ts';
import { recordEvent } from '../teams/events.ts';
import { lockTeam } from '../teams/service.ts';
import { uuidArray } from '../db/arrays.ts';
import { findAssessment, findEvaluation, foreignResults, openEvaluationOf } from './repository.ts';

// The rules of an evaluation. Every write locks the team's row first (as the team's own
// writes do), then the evaluation's, so two requests never interleave on one evaluation,
// and each write leaves an event in the team's timeline in the same transaction.

/** Who writes: their grant of evaluations:write and their person (none for a token). */
export interface Writer {
  grant: Grant | null;
  personId: string | null;
}

/** Statuses in which the team has started its work, and so has something to evaluate. */
const startedStatuses: readonly TeamStatus[] = ['approved', 'active', 'paused', 'concluded'];

const notYourPart = (part: EvaluationPart) =>
  new HttpProblem(403, 'not-your-part', 'Forbidden', part === 'self'
    ? "The self-assessment is the team's own: only its coordinator (or someone acting for the whole organisation) writes it."
    : 'The assessment of the team is its managers\': only a manager of a unit the team involves (or someone acting for the whole organisation) writes it and closes the evaluation.');

/**
 * Refuses (403 `not-your-part`) a writer who may not write `part` of the team's evaluation:
 * the self part is the coordinator's, the manager part (and closing) a manager's of a unit
 * the team involves, or a unit above one. A grant for the whole organisation writes both.
 */
export async function assertMayWritePart(trx: Transaction<DB>, organisationId: string, teamId: string, part: EvaluationPart, writer: Writer) {
  if (writer.grant === 'all') return;
  const personId = writer.personId;
  if (writer.grant !== 'scoped' || !personId) throw notYourPart(part);
  const allowed = part === 'self'
    ? sql<boolean>`exists (select 1 from team_members m where m.organisation_id = ${organisationId} and m.team_id = ${teamId}
        and m.person_id = ${personId} and m.role = 'coordinator' and m.left_on is null)`
    : involvesUnitLedBy(sql.val(organisationId), sql.val(teamId), personId);
  const row = await trx.selectNoFrom(allowed.as('allowed')).executeTakeFirstOrThrow();
  if (!row.allowed) throw notYourPart(part);
}

/** A 422 unless `setId` is a published evaluation set of the organisation. */
async function assertPublishedEvaluationSet(trx: Transaction<DB>, organisationId: string, setId: string) {
  const set = await trx.selectFrom('criteria_sets').select(['kind', 'status'])
    .where('organisation_id', '=', organisationId).where('id', '=', setId).executeTakeFirst();
  const path = '/body/criteriaSetId';
  if (!set) throw unprocessable('unknown-reference', 'The request refers to a criteria set that does not exist.', [{ path, message: 'no such criteria set', code: 'reference' }]);
  if (set.kind !== 'evaluation') {
    throw unprocessable('wrong-criteria-kind', 'A team is evaluated against an evaluation set, not an establishment set.', [{ path, message: 'is not an evaluation set', code: 'kind' }]);
  }
  if (set.status !== 'published') {
    throw unprocessable('criteria-set-not-published', 'Evaluate against a published set: a draft can still change, a superseded one has a newer version.',
      [{ path, message: `is ${set.status}, not published`, code: 'status' }]);
  }
}

const evaluationClosed = () =>
  conflict('evaluation-closed', 'The evaluation is closed: its assessments and conclusion are the record and cannot change.');

/** The team and its evaluation, both locked; 404 when either is missing. */
async function lockEvaluation(trx: Transaction<DB>, organisationId: string, teamId: string, id: string) {
  await lockTeam(trx, organisationId, teamId, null);
  const evaluation = await findEvaluation(trx, organisationId, teamId, id, { forUpdate: true });
  if (!evaluation) throw notFound('The evaluation');
  return evaluation;
}

/** Bumps the evaluation's version, so its ETag changes whenever anything in it does. */
function touchEvaluation(trx: Transaction<DB>, organisationId: string, id: string, values: Record<string, unknown> = {}) {
  return trx.updateTable('evaluations').set({ ...values, version: sql`version + 1`, updated_at: sql`now()` })
    .where('organisation_id', '=', organisationId).where('id', '=', id)
    .returningAll().executeTakeFirstOrThrow();
}

export function startEvaluation(db: Kysely<DB>, organisationId: string, teamId: string, criteriaSetId: string) {
  return db.transaction().execute(async (trx) => {
    const team = await lockTeam(trx, organisationId, teamId, null);
    if (!startedStatuses.includes(team.status)) {
      throw conflict('team-not-started', `A ${team.status} team has not started its work, so there is nothing to evaluate yet. Evaluations start once the team is approved.`);
    }
    await assertPublishedEvaluationSet(trx, organisationId, criteriaSetId);
    const open = await openEvaluationOf(trx, organisationId, teamId);
    if (open) throw conflict('evaluation-open', `The team already has an evaluation under way (${open.id}); close or delete it before starting another.`);
    const row = await trx.insertInto('evaluations')
      .values({ organisation_id: organisationId, team_id: teamId, criteria_set_id: criteriaSetId })
      .returningAll().executeTakeFirstOrThrow();
    await trx.insertInto('evaluation_assessments')
      .values([{ organisation_id: organisationId, evaluation_id: row.id, part: 'self' }, { organisation_id: organisationId, evaluation_id: row.id, part: 'manager' }])
      .execute();
    await recordEvent(trx, organisationId, { teamId, kind: 'evaluation.started', data: { evaluationId: row.id, criteriaSetId } });
    return row;
  });
}

/** The part, locked with its evaluation; 409 when it can no longer change, 412 when `expected` is stale. */
async function lockDraftPart(trx: Transaction<DB>, organisationId: string, teamId: string, id: string, part: EvaluationPart, expected: number | null, writer: Writer) {
  const evaluation = await lockEvaluation(trx, organisationId, teamId, id);
  await assertMayWritePart(trx, organisationId, teamId, part, writer);
  if (evaluation.status === 'closed') throw evaluationClosed();
  const assessment = await findAssessment(trx, organisationId, id, part);
  if (!assessment) throw notFound('The assessment');
  if (assessment.status === 'submitted') {
    throw conflict('assessment-submitted', `The ${part} assessment has been submitted and can no longer change.`);
  }
  if (expected !== null && assessment.version !== expected) throw staleVersion(assessment.version);
  return { evaluation, assessment };
}

function bumpPart(trx: Transaction<DB>, organisationId: string, id: string, part: EvaluationPart, values: Record<string, unknown> = {}) {
  return trx.updateTable('evaluation_assessments').set({ ...values, version: sql`version + 1`, updated_at: sql`now()` })
    .where('organisation_id', '=', organisationId).where('evaluation_id', '=', id).where('part', '=', part)
    .returningAll().executeTakeFirstOrThrow();
}

export function saveAnswers(
  db: Kysely<DB>, organisationId: string, teamId: string, id: string, part: EvaluationPart, expected: number | null, writer: Writer, input: AssessmentAnswersPut,
) {
  return db.transaction().execute(async (trx) => {
    const { evaluation } = await lockDraftPart(trx, organisationId, teamId, id, part, expected, writer);
    const answers = input.answers.map((answer) => ({ ...answer, comment: answer.comment ?? null, resultIds: answer.resultIds ?? [] }));
    checkAnswers(await criteriaOfSet(trx, organisationId, evaluation.criteria_set_id), answers);
    const foreign = await foreignResults(trx, organisationId, teamId, [...new Set(answers.flatMap((answer) => answer.resultIds))]);
    if (foreign.size > 0) {
      const errors: ProblemFieldError[] = answers.flatMap((answer, i) => answer.resultIds.flatMap((resultId, j) => foreign.has(resultId)
        ? [{ path: `/body/answers/${i}/resultIds/${j}`, message: 'is not a result of this team', code: 'reference' }] : []));
      throw unprocessable('unknown-result', 'Evidence must be results of the team being evaluated.', errors);
    }
    await trx.deleteFrom('evaluation_answers')
      .where('organisation_id', '=', organisationId).where('evaluation_id', '=', id).where('part', '=', part).execute();
    if (answers.length > 0) {
      await trx.insertInto('evaluation_answers').values(answers.map((answer) => ({
        organisation_id: organisationId, evaluation_id: id, part, criterion_id: answer.criterionId,
        value: JSON.stringify(answer.value), comment: answer.comment, result_ids: uuidArray(answer.resultIds),
      }))).execute();
    }
    await touchEvaluation(trx, organisationId, id);
    return bumpPart(trx, organisationId, id, part);
  });
}

export function submitPart(db: Kysely<DB>, organisationId: string, teamId: string, id: string, part: EvaluationPart, expected: number | null, writer: Writer) {
  return db.transaction().execute(async (trx) => {
    const { evaluation } = await lockDraftPart(trx, organisationId, teamId, id, part, expected, writer);
    const [criteria, answers] = await Promise.all([
      criteriaOfSet(trx, organisationId, evaluation.criteria_set_id),
      trx.selectFrom('evaluation_answers').select(['criterion_id', 'value'])
        .where('organisation_id', '=', organisationId).where('evaluation_id', '=', id).where('part', '=', part).execute(),
    ]);
    const answered = new Set(answers.filter((answer) => answer.value !== null && answer.value !== undefined).map((answer) => answer.criterion_id));
    const missing = criteria.filter((criterion) => !answered.has(criterion.id));
    if (missing.length > 0) {
      throw unprocessable('assessment-incomplete', `Answer every criterion before submitting: ${missing.length} ${missing.length === 1 ? 'is' : 'are'} not answered.`,
        missing.map((criterion) => ({ path: '/answers', message: `criterion ${criterion.id} (${criterion.title}) is not answered`, code: 'required' })));
    }
    await touchEvaluation(trx, organisationId, id);
    const row = await bumpPart(trx, organisationId, id, part, { status: 'submitted', submitted_at: sql`now()`, submitted_by_person_id: writer.personId });
    await recordEvent(trx, organisationId, { teamId, kind: 'evaluation.submitted', data: { evaluationId: id, part } });
    return row;
  });
}

export function closeEvaluation(db: Kysely<DB>, organisationId: string, teamId: string, id: string, expected: number | null, writer: Writer, conclusion: string) {
  return db.transaction().execute(async (trx) => {
    const evaluation = await lockEvaluation(trx, organisationId, teamId, id);
    await assertMayWritePart(trx, organisationId, teamId, 'manager', writer);
    if (evaluation.status === 'closed') throw evaluationClosed();
    const drafts = (await trx.selectFrom('evaluation_assessments').select('part')
      .where('organisation_id', '=', organisationId).where('evaluation_id', '=', id).where('status', '<>', 'submitted').orderBy('part', 'desc').execute())
      .map((row) => row.part);
    if (drafts.length > 0) {
      throw conflict('assessments-not-submitted', `Both parts must be submitted before the evaluation closes; not yet submitted: ${drafts.join(', ')}.`);
    }
    if (expected !== null && evaluation.version !== expected) throw staleVersion(evaluation.version);
    const row = await touchEvaluation(trx, organisationId, id, {
      status: 'closed', conclusion, closed_at: sql`now()`, closed_by_person_id: writer.personId,
    });
    await recordEvent(trx, organisationId, { teamId, kind: 'evaluation.closed', data: { evaluationId: id } });
    return row;
  });
}

export function deleteEvaluation(db: Kysely<DB>, organisationId: string, teamId: string, id: string, expected: number | null) {
  return db.transaction().execute(async (trx) => {
    const evaluation = await lockEvaluation(trx, organisationId, teamId, id);
    if (evaluation.status === 'closed') throw evaluationClosed();
    const submitted = await trx.selectFrom('evaluation_assessments').select('part')
      .where('organisation_id', '=', organisationId).where('evaluation_id', '=', id).where('status', '=', 'submitted').execute();
    if (submitted.length > 0) {
      throw conflict('assessment-submitted', 'A part of the evaluation has been submitted, so it is part of the record: finish and close the evaluation instead.');
    }
    if (expected !== null && evaluation.version !== expected) throw staleVersion(evaluation.version);
    await trx.deleteFrom('evaluations').where('organisation_id', '=', organisationId).where('id', '=', id).execute();
    await recordEvent(trx, organisationId, { teamId, kind: 'evaluation.removed', data: { evaluationId: id } });
  });
}
