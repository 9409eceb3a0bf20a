import type { Kysely, Selectable, Transaction } from 'kysely';
import type { Assessment, AssessmentAnswer, AssessmentPut, ProblemFieldError } from '@lagverk/shared';
import type { CriteriaTable, DB } from '../db/types.ts';
import { unprocessable } from '../http/problem.ts';

// The establishment assessment: one answer per criterion of a published establishment
// set, each fitting the criterion's answer type, and which required criteria are unmet.

type Executor = Kysely<DB> | Transaction<DB>;
type CriterionRow = Selectable<CriteriaTable>;

/** A required criterion is met by yes, by a scale of 3 or more, or by any number or text. */
export function meets(criterion: Pick<CriterionRow, 'answer_type'>, value: unknown): boolean {
  if (value === null || value === undefined) return false;
  switch (criterion.answer_type) {
    case 'yesNo':
      return value === true;
    case 'scale':
      return typeof value === 'number' && value >= 3;
    case 'number':
    case 'text':
      return true;
  }
}

function fits(criterion: CriterionRow, value: AssessmentAnswer['value']): boolean {
  if (value === null) return true;
  switch (criterion.answer_type) {
    case 'yesNo':
      return typeof value === 'boolean';
    case 'scale':
      return typeof value === 'number' && Number.isInteger(value) && value >= 1 && value <= 5;
    case 'number':
      return typeof value === 'number';
    case 'text':
      return typeof value === 'string';
  }
}

const expected: Record<CriterionRow['answer_type'], string> = {
  yesNo: 'must be true, false or null (a yes/no criterion)',
  scale: 'must be a whole number from 1 to 5, or null (a scale criterion)',
  number: 'must be a number or null (a number criterion)',
  text: 'must be a text or null (a text criterion)',
};

export function criteriaOfSet(db: Executor, organisationId: string, setId: string) {
  return db.selectFrom('criteria').selectAll().where('organisation_id', '=', organisationId).where('set_id', '=', setId).orderBy('position').execute();
}

/** The published establishment set the PUT names, or a 422 saying why it cannot be used. */
export async function assertPublishedEstablishmentSet(db: Executor, organisationId: string, setId: string) {
  const set = await db.selectFrom('criteria_sets').select(['id', 'kind', 'status'])
    .where('organisation_id', '=', organisationId).where('id', '=', setId).executeTakeFirst();
  const path = '/body/criteriaSetId';
  if (!set) throw unprocessable('unknown-reference', 'The request refers to a criteria set that does not exist.', [{ path, message: 'no such criteria set', code: 'reference' }]);
  if (set.kind !== 'establishment') {
    throw unprocessable('wrong-criteria-kind', 'A team is assessed against an establishment set, not an evaluation set.', [{ path, message: 'is not an establishment set', code: 'kind' }]);
  }
  if (set.status !== 'published') {
    throw unprocessable('criteria-set-not-published', 'Assess against a published set: a draft can still change, a superseded one has a newer version.',
      [{ path, message: `is ${set.status}, not published`, code: 'status' }]);
  }
}

/** Checks that the answers cover each criterion of the set exactly once, with fitting values. */
export function checkAnswers(criteria: CriterionRow[], answers: AssessmentPut['answers']) {
  const byId = new Map(criteria.map((c) => [c.id, c]));
  const seen = new Set<string>();
  const errors: ProblemFieldError[] = [];
  answers.forEach((answer, i) => {
    const criterion = byId.get(answer.criterionId);
    if (!criterion) errors.push({ path: `/body/answers/${i}/criterionId`, message: 'is not a criterion of this set', code: 'reference' });
    else if (seen.has(answer.criterionId)) errors.push({ path: `/body/answers/${i}/criterionId`, message: 'is answered twice', code: 'uniqueItems' });
    else if (!fits(criterion, answer.value)) errors.push({ path: `/body/answers/${i}/value`, message: expected[criterion.answer_type], code: 'answerType' });
    seen.add(answer.criterionId);
  });
  for (const criterion of criteria) {
    if (!seen.has(criterion.id)) errors.push({ path: '/body/answers', message: `has no answer for criterion ${criterion.id} (send null for not answered)`, code: 'required' });
  }
  if (errors.length) throw unprocessable('invalid-assessment', `The assessment has ${errors.length} problem${errors.length === 1 ? '' : 's'}.`, errors);
}

export async function replaceAnswers(db: Executor, organisationId: string, teamId: string, answers: AssessmentPut['answers']) {
  await db.deleteFrom('team_assessment_answers').where('organisation_id', '=', organisationId).where('team_id', '=', teamId).execute();
  if (answers.length === 0) return;
  await db.insertInto('team_assessment_answers').values(answers.map((answer) => ({
    organisation_id: organisationId, team_id: teamId, criterion_id: answer.criterionId,
    value: JSON.stringify(answer.value), comment: answer.comment,
  }))).execute();
}

/** The assessment of a team against `setId` (its establishment set), with the unmet required criteria. */
export async function loadAssessment(db: Executor, organisationId: string, teamId: string, setId: string | null): Promise<Assessment & { unanswered: string[] }> {
  if (!setId) return { criteriaSetId: null, answers: [], unmetRequired: [], unanswered: [] };
  const [criteria, rows] = await Promise.all([
    criteriaOfSet(db, organisationId, setId),
    db.selectFrom('team_assessment_answers').selectAll().where('organisation_id', '=', organisationId).where('team_id', '=', teamId).execute(),
  ]);
  const answerOf = new Map(rows.map((row) => [row.criterion_id, row]));
  const answers: AssessmentAnswer[] = criteria.flatMap((criterion) => {
    const row = answerOf.get(criterion.id);
    return row ? [{ criterionId: criterion.id, value: (row.value ?? null) as AssessmentAnswer['value'], comment: row.comment }] : [];
  });
  const required = criteria.filter((c) => c.required);
  const valueOf = (id: string) => answerOf.get(id)?.value ?? null;
  return {
    criteriaSetId: setId,
    answers,
    unmetRequired: required.filter((c) => !meets(c, valueOf(id(c)))).map(id),
    unanswered: required.filter((c) => valueOf(c.id) === null).map(id),
  };
}

const id = (row: { id: string }) => row.id;
