import { featureProblemMessage } from '../api/problemMessage.ts';

// What went wrong with a competence request: this feature's problem codes have their own
// text under competence.problems; anything else says what every page says.
export const competenceProblem = featureProblemMessage('competence');

/** This year, the default of every year filter. */
export const thisYear = () => new Date().getFullYear();

/** The years a filter offers: a few back and two ahead. */
export const yearChoices = () => Array.from({ length: 7 }, (_, i) => thisYear() - 4 + i).map((y) => ({ value: String(y), label: String(y) }));

/** Hours as the user's language writes them (1,5 in Norwegian). */
export const formatHours = (hours: number, locale: string) => new Intl.NumberFormat(locale === 'en' ? 'en-GB' : 'nb-NO', { maximumFractionDigits: 1 }).format(hours);
