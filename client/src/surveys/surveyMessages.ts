import type { Composer } from 'vue-i18n';
import { featureProblemMessage } from '../api/problemMessage.ts';
import type { FieldError } from '../forms/fieldErrors.ts';
import { validationMessage } from '../forms/validationMessage.ts';

type Translate = Pick<Composer, 't' | 'te' | 'locale'>;

const camel = (code: string) => code.replace(/-([a-z])/g, (_, letter: string) => letter.toUpperCase());

/** A refusal in the user's language; the survey rules have their own texts, the rest the general ones. */
export const surveyProblemMessage = featureProblemMessage('surveys');

/** A field error; codes only surveys have (option count, thresholds, order of times) first. */
export function surveyFieldMessage(i18n: Translate, field: string, error: FieldError): string {
  const key = `surveys.validation.${camel(error.code)}`;
  return i18n.te(key) ? i18n.t(key, error.params) : validationMessage(i18n, field, error);
}
