import type { Composer } from 'vue-i18n';
import type { FieldError } from './fieldErrors.ts';

type Translate = Pick<Composer, 't' | 'te'>;

/**
 * A field error in the user's language. A required text is written as minLength 1 plus a
 * "not only spaces" pattern in the schemas; to the user all three mean "fill this in".
 */
export function validationMessage({ t, te }: Translate, field: string, error: FieldError): string {
  const { code, params } = error;
  const limit = typeof params.limit === 'number' ? params.limit : undefined;
  if (code === 'required' || (code === 'minLength' && limit === 1) || (code === 'pattern' && params.pattern === '\\S')) {
    return t('validation.required');
  }
  const specific = `validation.field.${field}`;
  if (['format', 'pattern', 'anyOf', 'const', 'type'].includes(code) && te(specific)) return t(specific);
  if (code === 'minLength' && limit !== undefined) return t('validation.minLength', { limit });
  if (code === 'maxLength' && limit !== undefined) return t('validation.maxLength', { limit });
  if (te(`validation.code.${code}`)) return t(`validation.code.${code}`);
  return error.message ?? t('validation.invalid');
}
