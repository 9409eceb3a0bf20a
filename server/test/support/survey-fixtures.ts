import type { Kysely } from 'kysely';
import type { DB } from '../../src/db/types.ts';
import { arrayLiteral, freezeRoundUnits } from '../../src/surveys/repository.ts';
import { unique } from './factories.ts';

// Survey data straight in the database, so a results test can build groups of exactly
// the sizes it needs: a template with questions, a round in any state, and responses.

export type QuestionSpec = {
  type: 'scale' | 'yesNo' | 'choice' | 'text';
  effectGoal?: DB['survey_questions']['effect_goal'];
  indicator?: string;
  background?: boolean;
  options?: string[];
};

export async function createSurveyTemplate(db: Kysely<DB>, organisationId: string, questions: QuestionSpec[]) {
  const template = await db.insertInto('survey_templates')
    .values({ organisation_id: organisationId, name: `Kartlegging ${unique()}`, language: 'nb', audience: 'employees' })
    .returning('id').executeTakeFirstOrThrow();
  const ids: string[] = [];
  for (const [i, q] of questions.entries()) {
    const row = await db.insertInto('survey_questions').values({
      organisation_id: organisationId, template_id: template.id, position: i + 1, text: `Spørsmål ${i + 1}`, type: q.type,
      options: arrayLiteral(q.options ?? [], 'text'), effect_goal: q.effectGoal ?? null, indicator: q.indicator ?? null, background: q.background ?? false,
    }).returning('id').executeTakeFirstOrThrow();
    ids.push(row.id);
  }
  return { templateId: template.id, questionIds: ids };
}

const day = 24 * 60 * 60 * 1000;

export interface RoundSpec {
  status?: 'draft' | 'open' | 'closed';
  /** Days from now the round closed (negative: in the past) or closes. */
  closesInDays?: number;
  opensInDays?: number;
  kind?: 'baseline' | 'followUp';
  baselineRoundId?: string | null;
  minRespondents?: number;
  minTextRespondents?: number;
  invited?: number;
}

export async function createSurveyRound(db: Kysely<DB>, organisationId: string, templateId: string, spec: RoundSpec = {}) {
  const closes = Date.now() + (spec.closesInDays ?? -1) * day;
  const opens = Date.now() + (spec.opensInDays ?? (spec.closesInDays ?? -1) - 14) * day;
  const status = spec.status ?? 'closed';
  const row = await db.insertInto('survey_rounds').values({
    organisation_id: organisationId, template_id: templateId, name: `Runde ${unique()}`, kind: spec.kind ?? 'baseline',
    baseline_round_id: spec.baselineRoundId ?? null, audience: 'allEmployees',
    opens_at: new Date(opens), closes_at: new Date(closes), status,
    min_respondents: spec.minRespondents ?? 5, min_text_respondents: spec.minTextRespondents ?? 10,
    invited_count: spec.invited ?? 0,
    opened_at: status === 'draft' ? null : new Date(opens), closed_at: status === 'closed' ? new Date(closes) : null,
  }).returning('id').executeTakeFirstOrThrow();
  // As opening does: the unit tree the results group by is the one of this moment.
  if (status !== 'draft') await freezeRoundUnits(db, organisationId, row.id);
  return row.id;
}

export interface ResponseSpec {
  unitId?: string | null;
  teamIds?: string[];
  /** By question id: a number (scale, yes/no as 1/0, choice index) or a text. */
  answers: Record<string, number | string | null>;
}

/** Stores responses as the answering route would: a response row, then its answers. */
export async function respond(db: Kysely<DB>, organisationId: string, roundId: string, responses: ResponseSpec[]) {
  for (const spec of responses) {
    const response = await db.insertInto('survey_responses').values({
      organisation_id: organisationId, round_id: roundId, unit_id: spec.unitId ?? null, team_ids: arrayLiteral(spec.teamIds ?? [], 'uuid'),
      channel: 'invitation',
    }).returning('id').executeTakeFirstOrThrow();
    const answers = Object.entries(spec.answers).filter(([, v]) => v !== null).map(([questionId, value]) => ({
      organisation_id: organisationId, response_id: response.id, round_id: roundId, question_id: questionId,
      number_value: typeof value === 'number' ? value : null, text_value: typeof value === 'string' ? value : null,
    }));
    if (answers.length > 0) await db.insertInto('survey_answers').values(answers).execute();
  }
}

/** `count` identical responses. */
export const many = (count: number, spec: ResponseSpec): ResponseSpec[] => Array.from({ length: count }, () => spec);
