import type { SurveyAnswerInput, SurveyForm, SurveyFormQuestion } from '@lagverk/shared';

/** The longest free-text answer the API takes. */
export const maxTextLength = 4000;

/** A token as the answer link carries it after '#': `i_…` an invitation, `s_…` a shared link. */
const tokenPattern = /^[is]_[A-Za-z0-9_-]{8,62}$/;

/** The token from the address's fragment (`/svar#<token>`), or null when there is none that could be one. */
export function tokenFromHash(hash: string): string | null {
  const token = decodeURIComponent(hash.replace(/^#/, '')).trim();
  return tokenPattern.test(token) ? token : null;
}

/**
 * Each question's answer as its inputs hold it: '' is no answer; a scale holds '1'–'5',
 * yes/no 'yes' or 'no', a choice the option's index, a text the text.
 */
export type AnswerValues = Record<string, string>;

export const emptyAnswers = (form: SurveyForm): AnswerValues => Object.fromEntries(form.questions.map((q) => [q.id, '']));

function answerValue(question: SurveyFormQuestion, text: string): SurveyAnswerInput['value'] {
  switch (question.type) {
    case 'scale':
    case 'choice':
      return Number(text);
    case 'yesNo':
      return text === 'yes';
    case 'text':
      return text.trim();
  }
}

const answered = (question: SurveyFormQuestion, text: string) => (question.type === 'text' ? text.trim() !== '' : text !== '');

/** The answers to send: questions left blank are left out, which the API reads as no answer. */
export function answersPayload(form: SurveyForm, values: AnswerValues): SurveyAnswerInput[] {
  return form.questions
    .filter((q) => answered(q, values[q.id] ?? ''))
    .map((q) => ({ questionId: q.id, value: answerValue(q, values[q.id] ?? '') }));
}

export type AnswerProblem = 'missing' | 'tooLong';

/** What stops the answers from being sent, per question id. */
export function answerProblems(form: SurveyForm, values: AnswerValues): Record<string, AnswerProblem> {
  const problems: Record<string, AnswerProblem> = {};
  for (const question of form.questions) {
    const text = values[question.id] ?? '';
    if (question.required && !answered(question, text)) problems[question.id] = 'missing';
    else if (question.type === 'text' && text.trim().length > maxTextLength) problems[question.id] = 'tooLong';
  }
  return problems;
}

/** The DOM id of a question's first input, where the error summary sends the user. */
export const firstInputId = (question: SurveyFormQuestion) =>
  question.type === 'text' ? `answer-${question.id}-text` : `answer-${question.id}-0`;
