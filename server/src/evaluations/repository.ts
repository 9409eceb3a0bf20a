import { type Kysely, type Selectable, type Transaction } from 'kysely';
import type { Evaluation, EvaluationAnswer, EvaluationAssessment, EvaluationListQuery, EvaluationPart } from '@lagverk/shared';
import type { DB, EvaluationAnswersTable, EvaluationAssessmentsTable, EvaluationsTable } from '../db/types.ts';
import { keysetPage } from '../http/pagination.ts';

type Executor = Kysely<DB> | Transaction<DB>;
export type EvaluationRow = Selectable<EvaluationsTable>;
export type AssessmentRow = Selectable<EvaluationAssessmentsTable>;
type AnswerRow = Omit<Selectable<EvaluationAnswersTable>, 'organisation_id'>;

/** A uuid[] value, as an array literal both drivers pass the same way (the ids are validated UUIDs). */

export function toAssessment(row: AssessmentRow, answers: AnswerRow[]): EvaluationAssessment {
  return {
    part: row.part,
    status: row.status,
    submittedAt: row.submitted_at ? row.submitted_at.toISOString() : null,
    submittedByPersonId: row.submitted_by_person_id,
    answers: answers.map((answer): EvaluationAnswer => ({
      criterionId: answer.criterion_id,
      value: (answer.value ?? null) as EvaluationAnswer['value'],
      comment: answer.comment,
      resultIds: answer.result_ids,
    })),
    version: row.version,
    updatedAt: row.updated_at.toISOString(),
  };
}

function toEvaluation(row: EvaluationRow, parts: Record<EvaluationPart, EvaluationAssessment>): Evaluation {
  return {
    id: row.id,
    teamId: row.team_id,
    criteriaSetId: row.criteria_set_id,
    status: row.status,
    conclusion: row.conclusion,
    closedAt: row.closed_at ? row.closed_at.toISOString() : null,
    closedByPersonId: row.closed_by_person_id,
    assessments: parts,
    version: row.version,
    createdAt: row.created_at.toISOString(),
    updatedAt: row.updated_at.toISOString(),
  };
}

/** An evaluation of this team in this organisation; another team's or organisation's id finds nothing. */
export function findEvaluation(db: Executor, organisationId: string, teamId: string, id: string, options: { forUpdate?: boolean } = {}) {
  return db.selectFrom('evaluations').selectAll()
    .where('organisation_id', '=', organisationId).where('team_id', '=', teamId).where('id', '=', id)
    .$if(options.forUpdate === true, (qb) => qb.forUpdate())
    .executeTakeFirst();
}

export function findAssessment(db: Executor, organisationId: string, evaluationId: string, part: EvaluationPart) {
  return db.selectFrom('evaluation_assessments').selectAll()
    .where('organisation_id', '=', organisationId).where('evaluation_id', '=', evaluationId).where('part', '=', part)
    .executeTakeFirst();
}

export function assessmentsOf(db: Executor, organisationId: string, evaluationId: string) {
  return db.selectFrom('evaluation_assessments').selectAll()
    .where('organisation_id', '=', organisationId).where('evaluation_id', '=', evaluationId).execute();
}

/** The saved answers of the given evaluations, in the order of their criteria. */
function answersOf(db: Executor, organisationId: string, evaluationIds: string[], part?: EvaluationPart) {
  return db.selectFrom('evaluation_answers as a')
    .innerJoin('criteria as c', (join) => join.onRef('c.organisation_id', '=', 'a.organisation_id').onRef('c.id', '=', 'a.criterion_id'))
    .select(['a.evaluation_id', 'a.part', 'a.criterion_id', 'a.value', 'a.comment', 'a.result_ids'])
    .where('a.organisation_id', '=', organisationId).where('a.evaluation_id', 'in', evaluationIds)
    .$if(part !== undefined, (qb) => qb.where('a.part', '=', part!))
    .orderBy('c.position').orderBy('c.id')
    .execute();
}

/** One part with its answers, as the API shows it. */
export async function loadAssessment(db: Executor, organisationId: string, row: AssessmentRow) {
  return toAssessment(row, await answersOf(db, organisationId, [row.evaluation_id], row.part));
}

/** Evaluations with both their parts and answers, in three queries however many there are. */
export async function withParts(db: Executor, organisationId: string, rows: EvaluationRow[]): Promise<Evaluation[]> {
  if (rows.length === 0) return [];
  const ids = rows.map((row) => row.id);
  const [assessments, answers] = await Promise.all([
    db.selectFrom('evaluation_assessments').selectAll().where('organisation_id', '=', organisationId).where('evaluation_id', 'in', ids).execute(),
    answersOf(db, organisationId, ids),
  ]);
  return rows.map((row) => {
    const partOf = (part: EvaluationPart) => {
      const assessment = assessments.find((a) => a.evaluation_id === row.id && a.part === part);
      if (!assessment) throw new Error(`evaluation ${row.id} has no ${part} part`);
      return toAssessment(assessment, answers.filter((a) => a.evaluation_id === row.id && a.part === part));
    };
    return toEvaluation(row, { self: partOf('self'), manager: partOf('manager') });
  });
}

export async function evaluationWithParts(db: Executor, organisationId: string, row: EvaluationRow) {
  return (await withParts(db, organisationId, [row]))[0]!;
}

// Newest first: when the evaluation started, then id so rows started together page stably.
const sortColumns = { createdAt: 'created_at' };

export async function listEvaluations(db: Executor, organisationId: string, teamId: string, query: EvaluationListQuery) {
  const filtered = db.selectFrom('evaluations').selectAll()
    .where('organisation_id', '=', organisationId).where('team_id', '=', teamId)
    .$if(query.status !== undefined, (qb) => qb.where('status', '=', query.status!));
  const page = await keysetPage(filtered, { sort: '-createdAt', columns: sortColumns, cursor: query.cursor, limit: query.limit });
  return { items: await withParts(db, organisationId, page.rows), nextCursor: page.nextCursor };
}

/** The open evaluation of the team, if one is under way. */
export function openEvaluationOf(db: Executor, organisationId: string, teamId: string) {
  return db.selectFrom('evaluations').select('id')
    .where('organisation_id', '=', organisationId).where('team_id', '=', teamId).where('status', '=', 'open')
    .executeTakeFirst();
}

/** Which of `resultIds` are not results of the team (another team's, another organisation's, or none at all). */
export async function foreignResults(db: Executor, organisationId: string, teamId: string, resultIds: string[]) {
  if (resultIds.length === 0) return new Set<string>();
  const own = await db.selectFrom('team_results').select('id')
    .where('organisation_id', '=', organisationId).where('team_id', '=', teamId).where('id', 'in', resultIds).execute();
  const ownIds = new Set(own.map((row) => row.id));
  return new Set(resultIds.filter((id) => !ownIds.has(id)));
}
