import type { Composer } from 'vue-i18n';
import type { ApiError } from '../api/client.ts';
import { featureProblemMessage } from '../api/problemMessage.ts';
import { problemErrors, type FieldErrors } from '../forms/fieldErrors.ts';

type Translate = Pick<Composer, 't' | 'te' | 'locale'>;

const camel = (code: string) => code.replace(/-([a-z])/g, (_, letter: string) => letter.toUpperCase());

/** A refusal in the user's language; the follow-up rules have their own texts, the rest the general ones. */
export const followUpProblemMessage = featureProblemMessage('followUp');

/**
 * The server's field errors, with this feature's wording where it has one (an unknown
 * person, a review dated in the future); the code is namespaced so that the general
 * validation texts do not take it over.
 */
export function followUpFieldErrors(i18n: Translate, error: ApiError): FieldErrors {
  const { fields } = problemErrors(error);
  const out: FieldErrors = {};
  for (const [field, fieldError] of Object.entries(fields)) {
    const key = `followUp.fieldErrors.${camel(fieldError.code)}`;
    out[field] = i18n.te(key) ? { code: `followUp.${fieldError.code}`, params: {}, message: i18n.t(key) } : fieldError;
  }
  return out;
}
