import type { Composer } from 'vue-i18n';
import { formatTime } from '../shell/format.ts';
import type { ApiError } from './client.ts';

/** What went wrong, in the user's language; known problem codes have their own text. */
export function problemMessage({ t, te, locale }: Pick<Composer, 't' | 'te' | 'locale'>, error: ApiError): string {
  if (error.status === 429 && error.retryAt) {
    // Rounded up to the next whole minute, so "try again at 14:35" is never too early.
    const at = new Date(Math.ceil(error.retryAt.getTime() / 60_000) * 60_000);
    return t('problem.tooManyAttemptsUntil', { time: formatTime(at, locale.value) });
  }
  // Problem codes are kebab-case ("stale-version"); message keys are camelCase.
  const key = `problem.${error.code.replace(/-([a-z])/g, (_, letter: string) => letter.toUpperCase())}`;
  if (te(key)) return t(key);
  if (error.status === 404) return t('problem.notFound');
  return t('problem.unknown', { status: error.status });
}

/** What a problem message needs of vue-i18n. */
export type Translate = Pick<Composer, 't' | 'te' | 'locale'>;

/**
 * The problem messages of a feature with refusals of its own: its texts under
 * `<feature>.problems.<code in camelCase>` first ("arena-has-meetings" → arenaHasMeetings),
 * every other code as everywhere else.
 */
export function featureProblemMessage(feature: string): (i18n: Translate, error: ApiError) => string {
  return (i18n, error) => {
    const key = `${feature}.problems.${error.code.replace(/-([a-z])/g, (_, letter: string) => letter.toUpperCase())}`;
    return i18n.te(key) ? i18n.t(key) : problemMessage(i18n, error);
  };
}
