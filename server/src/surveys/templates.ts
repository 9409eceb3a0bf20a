import type { Kysely, Transaction } from 'kysely';
import type { ProblemFieldError, SurveyQuestionInput, SurveyTemplateCreate, SurveyTemplatePatch } from '@lagverk/shared';
import type { DB } from '../db/types.ts';
import { conflict, notFound, unprocessable } from '../http/problem.ts';
import { staleVersion } from '../http/preconditions.ts';
import {
  deleteSurveyTemplate, findSurveyTemplate, insertQuestions, insertSurveyTemplate, questionsByTemplate, replaceQuestions,
  templateHasRounds, toSurveyTemplate, updateSurveyTemplate, type Executor, type SurveyTemplateRow,
} from './repository.ts';

// A template is edited freely until a round using it opens: from then on answers refer to
// its questions, and a changed question would change what those answers mean. Copying it
// gives an editable duplicate for the next survey.

export const templateInUse = () =>
  conflict('template-in-use',
    'A survey round using this template has opened, so its questions can no longer change (answers refer to them). Copy the template (POST /api/v1/survey-templates/{id}/copy) and edit the copy.');

/** Options belong to choice questions only (2–12); a kept question must be one of this template's. */
export function checkQuestions(questions: SurveyQuestionInput[], pointer: string, existingIds: ReadonlySet<string>) {
  const errors: ProblemFieldError[] = [];
  const seen = new Set<string>();
  questions.forEach((q, i) => {
    const at = `${pointer}/${i}`;
    const options = q.options ?? [];
    if (q.type === 'choice' && (options.length < 2 || options.length > 12)) {
      errors.push({ path: `${at}/options`, message: 'a choice question needs 2–12 options', code: 'options' });
    }
    if (q.type !== 'choice' && options.length > 0) {
      errors.push({ path: `${at}/options`, message: 'only choice questions have options', code: 'options' });
    }
    if (new Set(options).size !== options.length) errors.push({ path: `${at}/options`, message: 'options must differ', code: 'uniqueItems' });
    if (q.id !== undefined) {
      if (!existingIds.has(q.id)) errors.push({ path: `${at}/id`, message: 'is not a question of this template', code: 'reference' });
      else if (seen.has(q.id)) errors.push({ path: `${at}/id`, message: 'appears twice', code: 'uniqueItems' });
      seen.add(q.id);
    }
  });
  if (errors.length > 0) throw unprocessable('invalid-questions', 'Some questions are not valid; see `errors`.', errors);
}

async function withQuestions(trx: Executor, row: SurveyTemplateRow, locked: boolean) {
  const questions = await questionsByTemplate(trx, row.organisation_id, [row.id]);
  return toSurveyTemplate(row, questions.get(row.id) ?? [], locked);
}

/** Locks the template and checks it exists, is at the expected version (null: any) and, with `editable`, is not in use. */
async function lockTemplate(trx: Transaction<DB>, organisationId: string, id: string, expected: number | null, editable: boolean) {
  const row = await findSurveyTemplate(trx, organisationId, id, { forUpdate: true });
  if (!row) throw notFound('The survey template');
  if (editable && row.locked) throw templateInUse();
  if (expected !== null && row.version !== expected) throw staleVersion(row.version);
  return row;
}

export function createSurveyTemplate(db: Kysely<DB>, organisationId: string, input: SurveyTemplateCreate) {
  const questions = input.questions ?? [];
  checkQuestions(questions, '/body/questions', new Set());
  return db.transaction().execute(async (trx) => {
    const row = await insertSurveyTemplate(trx, {
      organisation_id: organisationId, name: input.name, description: input.description ?? null, language: input.language, audience: input.audience,
    });
    await insertQuestions(trx, organisationId, row.id, questions);
    return withQuestions(trx, row, false);
  });
}

export function patchSurveyTemplate(db: Kysely<DB>, organisationId: string, id: string, expected: number | null, patch: SurveyTemplatePatch) {
  return db.transaction().execute(async (trx) => {
    await lockTemplate(trx, organisationId, id, expected, true);
    const row = await updateSurveyTemplate(trx, organisationId, id, {
      ...(patch.name !== undefined && { name: patch.name }),
      ...(patch.description !== undefined && { description: patch.description }),
      ...(patch.language !== undefined && { language: patch.language }),
      ...(patch.audience !== undefined && { audience: patch.audience }),
    });
    if (patch.audience !== undefined && await templateHasRounds(trx, organisationId, id)) {
      throw conflict('template-has-rounds', 'Draft rounds use this template for their audience; change or delete them before changing who the template is for.');
    }
    return withQuestions(trx, row, false);
  });
}

export function putSurveyQuestions(db: Kysely<DB>, organisationId: string, id: string, expected: number | null, questions: SurveyQuestionInput[]) {
  return db.transaction().execute(async (trx) => {
    await lockTemplate(trx, organisationId, id, expected, true);
    const existing = (await questionsByTemplate(trx, organisationId, [id])).get(id) ?? [];
    checkQuestions(questions, '/body/questions', new Set(existing.map((q) => q.id)));
    await replaceQuestions(trx, organisationId, id, questions);
    const row = await updateSurveyTemplate(trx, organisationId, id, {});
    return withQuestions(trx, row, false);
  });
}

export function removeSurveyTemplate(db: Kysely<DB>, organisationId: string, id: string, expected: number | null) {
  return db.transaction().execute(async (trx) => {
    await lockTemplate(trx, organisationId, id, expected, false);
    if (await templateHasRounds(trx, organisationId, id)) {
      throw conflict('template-in-use', 'Survey rounds use this template; it is kept for them. Delete the draft rounds first; a template of an opened round is kept for its results.');
    }
    await deleteSurveyTemplate(trx, organisationId, id);
  });
}

const copySuffix = { nb: ' (kopi)', nn: ' (kopi)', en: ' (copy)' } as const;

export function copySurveyTemplate(db: Kysely<DB>, organisationId: string, id: string) {
  return db.transaction().execute(async (trx) => {
    const source = await findSurveyTemplate(trx, organisationId, id);
    if (!source) throw notFound('The survey template');
    const suffix = copySuffix[source.language];
    const row = await insertSurveyTemplate(trx, {
      organisation_id: organisationId, name: `${source.name.slice(0, 200 - suffix.length)}${suffix}`, description: source.description,
      language: source.language, audience: source.audience,
    });
    const questions = (await questionsByTemplate(trx, organisationId, [id])).get(id) ?? [];
    await insertQuestions(trx, organisationId, row.id, questions.map((q) => ({
      text: q.text, help: q.help, type: q.type, options: q.options, effectGoal: q.effect_goal, indicator: q.indicator,
      background: q.background, required: q.required,
    })));
    return withQuestions(trx, row, false);
  });
}
