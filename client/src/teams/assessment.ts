import type { Assessment, AssessmentAnswer, Criterion } from '@lagverk/shared';
import { optionalText } from '../forms/formValues.ts';
import { numberValue } from './teamForm.ts';

/** One criterion's answer as the checklist holds it: "" is "not answered". */
export interface AnswerInput {
  value: string;
  comment: string;
}

export type AnswerInputs = Record<string, AnswerInput>;

function valueText(value: AssessmentAnswer['value']): string {
  return value === null ? '' : String(value);
}

export function answerInputs(criteria: Criterion[], assessment: Assessment | null): AnswerInputs {
  const saved = new Map((assessment?.answers ?? []).map((answer) => [answer.criterionId, answer]));
  return Object.fromEntries(
    criteria.map((criterion) => {
      const answer = saved.get(criterion.id);
      return [criterion.id, { value: answer ? valueText(answer.value) : '', comment: answer?.comment ?? '' }];
    }),
  );
}

/** The API value of an input; a number that does not parse stays text so it can be flagged. */
export function answerValue(criterion: Criterion, text: string): AssessmentAnswer['value'] | string {
  if (text.trim() === '') return null;
  switch (criterion.answerType) {
    case 'yesNo':
      return text === 'true';
    case 'scale':
      return Number(text);
    case 'number':
      return numberValue(text);
    case 'text':
      return optionalText(text);
  }
}

/** Criteria whose number answer is not a number: the only answer a checklist can get wrong. */
export function invalidAnswers(criteria: Criterion[], inputs: AnswerInputs): string[] {
  return criteria
    .filter((c) => c.answerType === 'number' && typeof answerValue(c, inputs[c.id]?.value ?? '') === 'string')
    .map((c) => c.id);
}

export function answersPayload(criteria: Criterion[], inputs: AnswerInputs): AssessmentAnswer[] {
  return criteria.map((criterion) => ({
    criterionId: criterion.id,
    value: answerValue(criterion, inputs[criterion.id]?.value ?? '') as AssessmentAnswer['value'],
    comment: optionalText(inputs[criterion.id]?.comment ?? ''),
  }));
}

/** The server's rule (teams/assessment.ts), so the checklist can show an unmet criterion as it is answered. */
export function meets(criterion: Criterion, value: AssessmentAnswer['value'] | string): boolean {
  if (value === null) return false;
  switch (criterion.answerType) {
    case 'yesNo':
      return value === true;
    case 'scale':
      return typeof value === 'number' && value >= 3;
    case 'number':
      return typeof value === 'number';
    case 'text':
      return true;
  }
}

/** An answer in words, for the read-only view. */
export function answerText(criterion: Criterion, value: AssessmentAnswer['value'], t: (key: string) => string): string {
  if (value === null) return t('teams.assessment.notAnswered');
  if (criterion.answerType === 'yesNo') return value === true ? t('common.yes') : t('common.no');
  if (criterion.answerType === 'number' && criterion.unit) return `${String(value)} ${criterion.unit}`;
  return String(value);
}
