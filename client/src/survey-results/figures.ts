import type { ResultsQuestion } from '@lagverk/shared';

// Numbers as the results pages write them, in the user's language.

const languageTags: Record<string, string> = { nb: 'nb-NO', nn: 'nn-NO', en: 'en-GB' };
const tag = (locale: string) => languageTags[locale] ?? locale;

/** A mean on the 1–5 scale: "3,7" or "3,62". */
export const formatMean = (value: number, locale: string) =>
  new Intl.NumberFormat(tag(locale), { minimumFractionDigits: 1, maximumFractionDigits: 2 }).format(value);

/** A share (0–1) as a whole percentage: "78 %". */
export const formatPercent = (share: number, locale: string) =>
  new Intl.NumberFormat(tag(locale), { style: 'percent', maximumFractionDigits: 0 }).format(share);

export const formatCount = (value: number, locale: string) => new Intl.NumberFormat(tag(locale)).format(value);

/** A question's mean: yes/no questions carry the share answering yes, the rest the scale. */
export function formatQuestionMean(question: Pick<ResultsQuestion, 'type'>, mean: number, locale: string): string {
  return question.type === 'yesNo' ? formatPercent(mean, locale) : formatMean(mean, locale);
}

/** The label of one answer value: the scale step, yes or no, or the option's text. */
export function valueLabel(question: Pick<ResultsQuestion, 'type' | 'options'>, value: number, t: (key: string) => string): string {
  switch (question.type) {
    case 'scale':
      return t(`surveyResults.scale.${value}`);
    case 'yesNo':
      return value === 1 ? t('common.yes') : t('common.no');
    case 'choice':
      return question.options[value] ?? String(value);
    case 'text':
      return String(value);
  }
}

/** The depth of each unit in a list that holds units with their parent ids. */
export function depths<T extends { id: string | null; parentId: string | null }>(items: readonly T[]): Map<string, number> {
  const parents = new Map(items.filter((i) => i.id).map((i) => [i.id!, i.parentId]));
  const out = new Map<string, number>();
  for (const id of parents.keys()) {
    let depth = 0;
    let parent = parents.get(id) ?? null;
    // Only parents within the list count: a unit whose parent is not shown starts a branch.
    while (parent && parents.has(parent) && depth < 50) {
      depth += 1;
      parent = parents.get(parent) ?? null;
    }
    out.set(id, depth);
  }
  return out;
}

/** One line of the trend chart: a mean per round, null where the figure is hidden. */
export interface TrendSeries {
  key: string;
  label: string;
  points: (number | null)[];
}
