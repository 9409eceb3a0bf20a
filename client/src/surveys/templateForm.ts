import { SurveyTemplateCreate, surveyQuestionTypes, type SurveyQuestionInput, type SurveyTemplate } from '@lagverk/shared';
import { editorErrors } from '../criteria/criteriaForm.ts';
import type { FieldErrors } from '../forms/fieldErrors.ts';
import { inputText, optionalText, requiredText } from '../forms/formValues.ts';

export const questionTypes = surveyQuestionTypes;
export const templateLanguages = ['nb', 'nn', 'en'] as const;
export const templateAudiences = ['employees', 'serviceUsers'] as const;

/** A choice question has 2 to 12 options (the database says so too). */
export const minOptions = 2;
export const maxOptions = 12;

/** One question as the editor holds it; options are typed one per line. */
export interface QuestionRow {
  /** Stable across moves, so Vue keeps each row's inputs (and focus) with its row. */
  key: number;
  /** The saved question's id: kept, so a reordered or reworded question stays the same question. */
  id: string;
  text: string;
  help: string;
  type: string;
  options: string;
  effectGoal: string;
  indicator: string;
  background: boolean;
  required: boolean;
}

export interface TemplateValues {
  name: string;
  description: string;
  language: string;
  audience: string;
  questions: QuestionRow[];
}

let nextKey = 1;

export const emptyQuestion = (): QuestionRow => ({
  key: nextKey++, id: '', text: '', help: '', type: 'scale', options: '', effectGoal: '', indicator: '', background: false, required: false,
});

export const emptyTemplateValues = (language = 'nb'): TemplateValues => ({
  name: '', description: '', language, audience: 'employees', questions: [emptyQuestion()],
});

export const templateToValues = (template: SurveyTemplate): TemplateValues => ({
  name: template.name,
  description: inputText(template.description),
  language: template.language,
  audience: template.audience,
  questions: template.questions.map((q) => ({
    key: nextKey++,
    id: q.id,
    text: q.text,
    help: inputText(q.help),
    type: q.type,
    options: q.options.join('\n'),
    effectGoal: q.effectGoal ?? '',
    indicator: inputText(q.indicator),
    background: q.background,
    required: q.required,
  })),
});

export const optionLines = (text: string) => text.split('\n').map((line) => line.trim()).filter(Boolean);

function questionPayload(row: QuestionRow): SurveyQuestionInput {
  return {
    ...(row.id ? { id: row.id } : {}),
    text: requiredText(row.text),
    help: optionalText(row.help),
    type: row.type as SurveyQuestionInput['type'],
    // Options belong to a choice question only; left-over lines from another type are dropped.
    options: row.type === 'choice' ? optionLines(row.options) : [],
    effectGoal: (row.effectGoal || null) as SurveyQuestionInput['effectGoal'],
    indicator: optionalText(row.indicator),
    background: row.background,
    required: row.required,
  };
}

export const templatePayload = (values: TemplateValues) => ({
  name: requiredText(values.name),
  description: optionalText(values.description),
  language: values.language,
  audience: values.audience,
  questions: values.questions.map(questionPayload),
});
export type TemplatePayload = ReturnType<typeof templatePayload>;

/** Schema errors, plus the option count of choice questions, which the schema cannot say. */
export function templateErrors(payload: TemplatePayload): FieldErrors {
  const errors = editorErrors(payload, SurveyTemplateCreate);
  payload.questions.forEach((question, index) => {
    const count = question.options?.length ?? 0;
    if (question.type === 'choice' && (count < minOptions || count > maxOptions)) {
      errors[`questions.${index}.options`] ??= { code: 'optionCount', params: { min: minOptions, max: maxOptions } };
    } else if (new Set(question.options).size !== count) {
      errors[`questions.${index}.options`] ??= { code: 'uniqueItems', params: {} };
    }
  });
  return errors;
}

/** The DOM id of a field's input: "questions.2.text" is "survey-template-questions-2-text". */
export const templateFieldId = (path: string) => `survey-template-${path.split('.').join('-')}`;
