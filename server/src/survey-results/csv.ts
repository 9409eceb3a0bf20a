import type { GroupResults, SurveyResults } from '@lagverk/shared';

// The results as a spreadsheet: the very figures GET …/results gives (so the same ones
// hidden, with the reason and no number), one line per group and figure.

export const resultsCsvColumns = [
  'group', 'groupId', 'groupName', 'figure', 'questionId', 'position', 'question', 'effectGoal', 'indicator', 'n', 'mean', 'distribution', 'hidden',
] as const;

/** A CSV field, quoted when needed; a leading = + - @ is defused so a spreadsheet never runs it as a formula. */
function field(value: string | number | null) {
  if (value === null) return '';
  // Norwegian spreadsheets (the `;` separator) read a decimal comma.
  if (typeof value === 'number') return String(value).replace('.', ',');
  const safe = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[";\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

/** One line of the export, by column: a number stays a number, a hidden figure is null. */
export type ResultsLine = Record<(typeof resultsCsvColumns)[number], string | number | null>;

function groupLines(results: SurveyResults, group: GroupResults): ResultsLine[] {
  const questionsById = new Map(results.questions.map((q) => [q.id, q]));
  const base = { group: group.group.kind, groupId: group.group.id, groupName: group.group.name };
  const none = { questionId: null, position: null, question: null, effectGoal: null, indicator: null };
  const figures = (cell: { suppressed: boolean; n?: number; mean?: number | null; reason?: string }) => cell.suppressed
    ? { n: null, mean: null, distribution: null, hidden: cell.reason ?? 'belowMinimum' }
    : { n: cell.n ?? null, mean: cell.mean ?? null, distribution: null, hidden: null };
  return [
    { ...base, ...none, figure: 'respondents', ...figures(group.respondents) },
    ...group.questions.map((cell) => {
      const q = questionsById.get(cell.questionId)!;
      return {
        ...base, figure: 'question', questionId: q.id, position: q.position, question: q.text, effectGoal: q.effectGoal, indicator: q.indicator,
        ...figures(cell),
        distribution: cell.suppressed ? null : cell.distribution.map((d) => `${d.value}:${d.count}`).join(' ') || null,
      };
    }),
    ...group.effectGoals.map((cell) => ({ ...base, ...none, figure: 'effectGoal', effectGoal: cell.effectGoal, ...figures(cell) })),
    ...group.indicators.map((cell) => ({ ...base, ...none, figure: 'indicator', effectGoal: cell.effectGoal, indicator: cell.indicator, ...figures(cell) })),
  ];
}

/** Every line of the export, the organisation's first: what the CSV and the XLSX (xlsx.ts) both write. */
export function resultsLines(results: SurveyResults): ResultsLine[] {
  return [results.organisation, ...results.groups].flatMap((group) => groupLines(results, group));
}

export function resultsCsv(results: SurveyResults): string {
  const lines = resultsLines(results);
  const rows = [resultsCsvColumns.map(field), ...lines.map((line) => resultsCsvColumns.map((c) => field(line[c])))];
  // A BOM, so Excel reads æ, ø and å as UTF-8; `;` as Norwegian Excel expects.
  return `\uFEFF${rows.map((r) => r.join(';')).join('\r\n')}\r\n`;
}
