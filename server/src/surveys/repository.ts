import { sql, type Insertable, type InsertObject, type Kysely, type Selectable, type Transaction } from 'kysely';
import type {
  SurveyQuestionInput, SurveyRound, SurveyRoundListQuery, SurveyTemplate, SurveyTemplateListQuery,
} from '@lagverk/shared';
import type { DB, SurveyQuestionsTable, SurveyRoundsTable, SurveyTemplatesTable } from '../db/types.ts';
import { keysetPage } from '../http/pagination.ts';
import { containsPattern } from '../http/references.ts';

// All SQL for survey templates, their questions and rounds. Invitations and answers are
// in invitations.ts and survey-answering/, where the anonymity rules live.

export type Executor = Kysely<DB> | Transaction<DB>;
export type SurveyTemplateRow = Selectable<SurveyTemplatesTable>;
export type SurveyQuestionRow = Selectable<SurveyQuestionsTable>;
export type SurveyRoundRow = Selectable<SurveyRoundsTable>;

/** A Postgres array literal with every element quoted, so commas, quotes and braces in option texts stay text. */
export function arrayLiteral(values: readonly string[], type: 'text' | 'uuid') {
  const literal = `{${values.map((v) => `"${v.replace(/[\\"]/g, (c) => `\\${c}`)}"`).join(',')}}`;
  return sql<string[]>`cast(${literal} as ${sql.raw(type)}[])`;
}

export function toSurveyTemplate(row: SurveyTemplateRow, questions: SurveyQuestionRow[], locked: boolean): SurveyTemplate {
  return {
    id: row.id,
    name: row.name,
    description: row.description,
    language: row.language,
    audience: row.audience,
    questions: questions.map((q) => ({
      id: q.id,
      position: q.position,
      text: q.text,
      help: q.help,
      type: q.type,
      options: q.options,
      effectGoal: q.effect_goal,
      indicator: q.indicator,
      background: q.background,
      required: q.required,
    })),
    locked,
    version: row.version,
    createdAt: row.created_at.toISOString(),
    updatedAt: row.updated_at.toISOString(),
  };
}

/** Whether a round using the template has opened (then its questions are what answers refer to). */
const lockedExpression = sql<boolean>`exists (select 1 from survey_rounds r
  where r.organisation_id = survey_templates.organisation_id and r.template_id = survey_templates.id and r.status <> 'draft')`;

/** The questions of each template, in position order. */
export async function questionsByTemplate(db: Executor, organisationId: string, templateIds: string[]) {
  const byTemplate = new Map<string, SurveyQuestionRow[]>(templateIds.map((id) => [id, []]));
  if (templateIds.length === 0) return byTemplate;
  const rows = await db.selectFrom('survey_questions').selectAll()
    .where('organisation_id', '=', organisationId).where('template_id', 'in', templateIds)
    .orderBy('template_id').orderBy('position').execute();
  for (const row of rows) byTemplate.get(row.template_id)?.push(row);
  return byTemplate;
}

export async function listSurveyTemplates(db: Executor, organisationId: string, query: SurveyTemplateListQuery) {
  const filtered = db.selectFrom('survey_templates').selectAll().select(lockedExpression.as('locked'))
    .where('organisation_id', '=', organisationId)
    .$if(query.q !== undefined, (qb) => qb.where('name', 'ilike', containsPattern(query.q!)))
    .$if(query.audience !== undefined, (qb) => qb.where('audience', '=', query.audience!));
  const page = await keysetPage(filtered, { sort: 'name', columns: { name: 'name' }, cursor: query.cursor, limit: query.limit });
  const questions = await questionsByTemplate(db, organisationId, page.rows.map((r) => r.id));
  return { items: page.rows.map((r) => toSurveyTemplate(r, questions.get(r.id) ?? [], r.locked)), nextCursor: page.nextCursor };
}

export function findSurveyTemplate(db: Executor, organisationId: string, id: string, options: { forUpdate?: boolean } = {}) {
  return db.selectFrom('survey_templates').selectAll().select(lockedExpression.as('locked'))
    .where('organisation_id', '=', organisationId).where('id', '=', id)
    .$if(options.forUpdate === true, (qb) => qb.forUpdate())
    .executeTakeFirst();
}

export async function readSurveyTemplate(db: Executor, organisationId: string, id: string) {
  const row = await findSurveyTemplate(db, organisationId, id);
  if (!row) return undefined;
  const questions = await questionsByTemplate(db, organisationId, [id]);
  return toSurveyTemplate(row, questions.get(id) ?? [], row.locked);
}

export function insertSurveyTemplate(db: Executor, values: Insertable<SurveyTemplatesTable>) {
  return db.insertInto('survey_templates').values(values).returningAll().executeTakeFirstOrThrow();
}

export function updateSurveyTemplate(db: Executor, organisationId: string, id: string, values: Partial<Insertable<SurveyTemplatesTable>>) {
  return db.updateTable('survey_templates')
    .set({ ...values, version: sql`version + 1`, updated_at: sql`now()` })
    .where('organisation_id', '=', organisationId).where('id', '=', id)
    .returningAll().executeTakeFirstOrThrow();
}

function questionColumns(q: SurveyQuestionInput, position: number) {
  return {
    position,
    text: q.text,
    help: q.help ?? null,
    type: q.type,
    options: arrayLiteral(q.type === 'choice' ? q.options ?? [] : [], 'text'),
    effect_goal: q.effectGoal ?? null,
    indicator: q.indicator ?? null,
    background: q.background ?? false,
    required: q.required ?? false,
  };
}

export async function insertQuestions(db: Executor, organisationId: string, templateId: string, questions: SurveyQuestionInput[]) {
  if (questions.length === 0) return;
  await db.insertInto('survey_questions')
    .values(questions.map((q, i) => ({ organisation_id: organisationId, template_id: templateId, ...questionColumns(q, i + 1) })))
    .execute();
}

/**
 * Makes the template's questions exactly `questions`, in order: a question named by id is
 * updated in place (the audit trail shows the change), one without an id is added, and the
 * rest are removed. The position constraint is deferred, so positions may swap.
 */
export async function replaceQuestions(db: Executor, organisationId: string, templateId: string, questions: SurveyQuestionInput[]) {
  const kept = questions.flatMap((q) => (q.id ? [q.id] : []));
  await db.deleteFrom('survey_questions').where('organisation_id', '=', organisationId).where('template_id', '=', templateId)
    .$if(kept.length > 0, (qb) => qb.where('id', 'not in', kept)).execute();
  for (const [i, q] of questions.entries()) {
    if (!q.id) continue;
    await db.updateTable('survey_questions').set(questionColumns(q, i + 1))
      .where('organisation_id', '=', organisationId).where('template_id', '=', templateId).where('id', '=', q.id).execute();
  }
  const added = questions.map((q, i) => ({ q, i })).filter(({ q }) => !q.id);
  if (added.length > 0) {
    await db.insertInto('survey_questions')
      .values(added.map(({ q, i }) => ({ organisation_id: organisationId, template_id: templateId, ...questionColumns(q, i + 1) })))
      .execute();
  }
}

export function templateHasRounds(db: Executor, organisationId: string, templateId: string) {
  return db.selectFrom('survey_rounds').select('id').where('organisation_id', '=', organisationId).where('template_id', '=', templateId)
    .limit(1).executeTakeFirst().then((row) => row !== undefined);
}

export function deleteSurveyTemplate(db: Executor, organisationId: string, id: string) {
  return db.deleteFrom('survey_templates').where('organisation_id', '=', organisationId).where('id', '=', id).execute();
}

// Rounds

const responseCount = sql<number>`(select count(*)::int from survey_responses s
  where s.organisation_id = survey_rounds.organisation_id and s.round_id = survey_rounds.id)`;

export function toSurveyRound(row: SurveyRoundRow, responses: number, now = new Date()): SurveyRound {
  return {
    id: row.id,
    templateId: row.template_id,
    name: row.name,
    kind: row.kind,
    baselineRoundId: row.baseline_round_id,
    audience: row.audience,
    unitIds: row.unit_ids,
    teamIds: row.team_ids,
    opensAt: row.opens_at.toISOString(),
    closesAt: row.closes_at.toISOString(),
    status: row.status,
    acceptingAnswers: row.status === 'open' && row.opens_at <= now && now < row.closes_at,
    minRespondents: row.min_respondents,
    minTextRespondents: row.min_text_respondents,
    sharedLink: row.public_token ? `/svar#${row.public_token}` : null,
    invitedCount: row.invited_count,
    responseCount: responses,
    openedAt: row.opened_at ? row.opened_at.toISOString() : null,
    closedAt: row.closed_at ? row.closed_at.toISOString() : null,
    version: row.version,
    createdAt: row.created_at.toISOString(),
    updatedAt: row.updated_at.toISOString(),
  };
}

export async function listSurveyRounds(db: Executor, organisationId: string, query: SurveyRoundListQuery) {
  const filtered = db.selectFrom('survey_rounds').selectAll().select(responseCount.as('response_count'))
    .where('organisation_id', '=', organisationId)
    .$if(query.q !== undefined, (qb) => qb.where('name', 'ilike', containsPattern(query.q!)))
    .$if(query.status !== undefined, (qb) => qb.where('status', '=', query.status!))
    .$if(query.templateId !== undefined, (qb) => qb.where('template_id', '=', query.templateId!))
    .$if(query.kind !== undefined, (qb) => qb.where('kind', '=', query.kind!));
  const page = await keysetPage(filtered, { sort: '-opensAt', columns: { opensAt: 'opens_at' }, cursor: query.cursor, limit: query.limit });
  return { items: page.rows.map((r) => toSurveyRound(r, r.response_count)), nextCursor: page.nextCursor };
}

export function findSurveyRound(db: Executor, organisationId: string, id: string, options: { forUpdate?: boolean } = {}) {
  return db.selectFrom('survey_rounds').selectAll().where('organisation_id', '=', organisationId).where('id', '=', id)
    .$if(options.forUpdate === true, (qb) => qb.forUpdate())
    .executeTakeFirst();
}

export async function readSurveyRound(db: Executor, organisationId: string, id: string) {
  const row = await db.selectFrom('survey_rounds').selectAll().select(responseCount.as('response_count'))
    .where('organisation_id', '=', organisationId).where('id', '=', id).executeTakeFirst();
  return row ? toSurveyRound(row, row.response_count) : undefined;
}

export async function countResponses(db: Executor, organisationId: string, roundId: string) {
  const row = await db.selectFrom('survey_responses').select(sql<number>`count(*)::int`.as('n'))
    .where('organisation_id', '=', organisationId).where('round_id', '=', roundId).executeTakeFirstOrThrow();
  return row.n;
}

export function insertSurveyRound(db: Executor, values: InsertObject<DB, 'survey_rounds'>) {
  return db.insertInto('survey_rounds').values(values).returningAll().executeTakeFirstOrThrow();
}

export function updateSurveyRound(db: Executor, organisationId: string, id: string, values: Record<string, unknown>) {
  return db.updateTable('survey_rounds')
    .set({ ...values, version: sql`version + 1`, updated_at: sql`now()` })
    .where('organisation_id', '=', organisationId).where('id', '=', id)
    .returningAll().executeTakeFirstOrThrow();
}

export function deleteSurveyRound(db: Executor, organisationId: string, id: string) {
  return db.deleteFrom('survey_rounds').where('organisation_id', '=', organisationId).where('id', '=', id).execute();
}

/**
 * Freezes the unit tree for the round: every active unit of the organisation, with its
 * parent and name, as it stands now. Called when the round opens (in the same transaction
 * as its invitations); its results are grouped by this tree from then on, so a unit moved,
 * renamed, deactivated or added later changes nothing the results show.
 */
export async function freezeRoundUnits(db: Executor, organisationId: string, roundId: string) {
  await db.insertInto('survey_round_units')
    .columns(['organisation_id', 'round_id', 'unit_id', 'parent_id', 'name'])
    .expression((eb) => eb.selectFrom('units')
      .select(['organisation_id', sql<string>`cast(${roundId} as uuid)`.as('round_id'), 'id as unit_id', 'parent_id', 'name'])
      .where('organisation_id', '=', organisationId).where('active', '=', true))
    .execute();
}
