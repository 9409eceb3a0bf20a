import type { Composer } from 'vue-i18n';
import type { ApiError } from './client.ts';

/** What went wrong, in the user's language; known problem codes have their own text. */
export function problemMessage({ t, te }: Pick<Composer, 't' | 'te'>, error: ApiError): string {
  // Problem codes are kebab-case ("stale-version"); message keys are camelCase.
  const key = `problem.${error.code.replace(/-([a-z])/g, (_, letter: string) => letter.toUpperCase())}`;
  if (te(key)) return t(key);
  if (error.status === 404) return t('problem.notFound');
  return t('problem.unknown', { status: error.status });
}
