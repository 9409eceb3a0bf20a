import type { AssessmentAnswersPut, Criterion, EvaluationAnswer, EvaluationAssessment } from '@lagverk/shared';
import { optionalText } from '../forms/formValues.ts';
import { answerValue } from '../teams/assessment.ts';

/** One criterion's answer as the form holds it: "" is "not answered"; evidence as result ids. */
export interface EvaluationInput {
  value: string;
  comment: string;
  resultIds: string[];
}

export type EvaluationInputs = Record<string, EvaluationInput>;

const valueText = (value: EvaluationAnswer['value']) => (value === null ? '' : String(value));

export function evaluationInputs(criteria: Criterion[], assessment: EvaluationAssessment): EvaluationInputs {
  const saved = new Map(assessment.answers.map((answer) => [answer.criterionId, answer]));
  return Object.fromEntries(
    criteria.map((criterion) => {
      const answer = saved.get(criterion.id);
      return [criterion.id, { value: answer ? valueText(answer.value) : '', comment: answer?.comment ?? '', resultIds: [...(answer?.resultIds ?? [])] }];
    }),
  );
}

const inputOf = (inputs: EvaluationInputs, id: string): EvaluationInput => inputs[id] ?? { value: '', comment: '', resultIds: [] };

/** Every criterion exactly once, null for "not answered yet", as the PUT wants it. */
export function evaluationPayload(criteria: Criterion[], inputs: EvaluationInputs): AssessmentAnswersPut {
  return {
    answers: criteria.map((criterion) => {
      const input = inputOf(inputs, criterion.id);
      return {
        criterionId: criterion.id,
        value: answerValue(criterion, input.value) as EvaluationAnswer['value'],
        comment: optionalText(input.comment),
        resultIds: input.resultIds,
      };
    }),
  };
}

/** Criteria whose number answer does not read as a number. */
export function invalidNumbers(criteria: Criterion[], inputs: EvaluationInputs): string[] {
  return criteria
    .filter((c) => c.answerType === 'number' && typeof answerValue(c, inputOf(inputs, c.id).value) === 'string')
    .map((c) => c.id);
}

/** Criteria not answered yet: a part is submitted only when there are none (the server's rule). */
export function unanswered(criteria: Criterion[], inputs: EvaluationInputs): string[] {
  return criteria.filter((c) => answerValue(c, inputOf(inputs, c.id).value) === null).map((c) => c.id);
}

const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

/**
 * After someone else saved the part: what the user has not touched since loading (each
 * criterion's answer, comment and evidence on their own) takes the newer value; the user's
 * own edits stay, to be saved over the newer version.
 */
export function mergeLatest(criteria: Criterion[], mine: EvaluationInputs, base: EvaluationInputs, theirs: EvaluationInputs): EvaluationInputs {
  return Object.fromEntries(
    criteria.map((c) => {
      const [m, b, t] = [inputOf(mine, c.id), inputOf(base, c.id), inputOf(theirs, c.id)];
      const pick = <F extends keyof EvaluationInput>(f: F) => (same(m[f], b[f]) ? t[f] : m[f]);
      const merged: EvaluationInput = { value: pick('value'), comment: pick('comment'), resultIds: [...pick('resultIds')] };
      return [c.id, merged];
    }),
  );
}

/** The element a message about a criterion's answer points to. */
export const answerFieldId = (prefix: string, criterion: Criterion, index: number) =>
  criterion.answerType === 'number' || criterion.answerType === 'text' ? `${prefix}-${index}-value` : `${prefix}-${index}`;
