import type { DistributionEntry, EffectGoal, EffectGoalCell, IndicatorCell, QuestionCell, RespondentsCell } from '@lagverk/shared';
import type { Aggregates, QuestionRow } from './repository.ts';
import type { Decision } from './suppression.ts';

// The counted rows of one grouping, indexed by group, and turned into cells once the
// suppression has decided: a shown cell with its figures, or a hidden one with none.

/** A figure's key within a group: a question, an effect goal, an indicator, or the respondents. */
export const metricKey = {
  question: (id: string) => `q:${id}`,
  goal: (goal: string) => `g:${goal}`,
  indicator: (goal: string | null, indicator: string) => `i:${goal ?? ''}:${indicator}`,
  respondents: 'r',
};

/** An indicator of the template: its label and the effect goal of its questions. */
export interface IndicatorKey {
  effectGoal: EffectGoal | null;
  indicator: string;
}

interface MeanSums {
  respondents: number;
  total: number;
  answers: number;
}

/** One grouping's counts, by group key and then by figure. */
export class GroupFigures {
  private readonly values = new Map<string, Map<number | null, number>>();
  private readonly sums = new Map<string, MeanSums>();
  private readonly counts = new Map<string, number>();

  constructor(aggregates: Aggregates) {
    for (const row of aggregates.distributions) {
      const key = `${row.g}|${metricKey.question(row.question_id)}`;
      const byValue = this.values.get(key) ?? new Map<number | null, number>();
      byValue.set(row.value, (byValue.get(row.value) ?? 0) + row.n);
      this.values.set(key, byValue);
    }
    for (const row of aggregates.means) {
      const metric = row.indicator === null ? metricKey.goal(row.effect_goal!) : metricKey.indicator(row.effect_goal, row.indicator);
      this.sums.set(`${row.g}|${metric}`, { respondents: row.respondents, total: row.total, answers: row.answers });
    }
    for (const row of aggregates.respondents) this.counts.set(row.g, row.n);
  }

  /** The number of respondents behind a figure in a group: what the thresholds look at. */
  n(group: string, metric: string): number {
    if (metric === metricKey.respondents) return this.counts.get(group) ?? 0;
    if (metric.startsWith('q:')) {
      let n = 0;
      for (const count of this.values.get(`${group}|${metric}`)?.values() ?? []) n += count;
      return n;
    }
    return this.sums.get(`${group}|${metric}`)?.respondents ?? 0;
  }

  question(group: string, question: QuestionRow, decision: Decision): QuestionCell {
    if (decision !== null) return { questionId: question.id, suppressed: true, reason: decision };
    const byValue = this.values.get(`${group}|${metricKey.question(question.id)}`) ?? new Map<number | null, number>();
    const n = this.n(group, metricKey.question(question.id));
    const distribution: DistributionEntry[] = valuesOf(question).map((value) => ({ value, count: byValue.get(value) ?? 0 }));
    const numeric = question.type === 'scale' || question.type === 'yesNo';
    const sum = distribution.reduce((total, d) => total + d.value * d.count, 0);
    const answered = distribution.reduce((total, d) => total + d.count, 0);
    return { questionId: question.id, suppressed: false, n, mean: numeric && answered > 0 ? round2(sum / answered) : null, distribution };
  }

  goal(group: string, goal: EffectGoal, decision: Decision): EffectGoalCell {
    if (decision !== null) return { effectGoal: goal, suppressed: true, reason: decision };
    return { effectGoal: goal, suppressed: false, ...this.mean(group, metricKey.goal(goal)) };
  }

  indicator(group: string, key: IndicatorKey, decision: Decision): IndicatorCell {
    const base = { effectGoal: key.effectGoal, indicator: key.indicator };
    if (decision !== null) return { ...base, suppressed: true, reason: decision };
    return { ...base, suppressed: false, ...this.mean(group, metricKey.indicator(key.effectGoal, key.indicator)) };
  }

  respondents(group: string, decision: Decision): RespondentsCell {
    if (decision !== null) return { suppressed: true, reason: decision };
    return { suppressed: false, n: this.n(group, metricKey.respondents) };
  }

  private mean(group: string, metric: string) {
    const sums = this.sums.get(`${group}|${metric}`);
    // A shown figure has at least the minimum (3) of respondents, so answers > 0.
    return { n: sums?.respondents ?? 0, mean: sums && sums.answers > 0 ? round2(sums.total / sums.answers) : 0 };
  }
}

/** The values a question's answers can take, in order: scale 1–5, yes/no 0 and 1, a choice's option indexes. */
export function valuesOf(question: Pick<QuestionRow, 'type' | 'options'>): number[] {
  switch (question.type) {
    case 'scale': return [1, 2, 3, 4, 5];
    case 'yesNo': return [0, 1];
    case 'choice': return question.options.map((_, i) => i);
    case 'text': return [];
  }
}

export const round2 = (x: number) => Math.round(x * 100) / 100;

/** The template's effect goals and indicators that have scale questions (background ones left out). */
export function meanKeys(questions: readonly QuestionRow[]) {
  const goals: EffectGoal[] = [];
  const indicators: IndicatorKey[] = [];
  const seen = new Set<string>();
  for (const q of questions) {
    if (q.type !== 'scale' || q.background) continue;
    const goal = q.effect_goal as EffectGoal | null;
    if (goal !== null && !goals.includes(goal)) goals.push(goal);
    if (q.indicator !== null) {
      const key = metricKey.indicator(goal, q.indicator);
      if (!seen.has(key)) {
        seen.add(key);
        indicators.push({ effectGoal: goal, indicator: q.indicator });
      }
    }
  }
  return { goals, indicators };
}

/** Every figure's key for a group: its questions (background ones only for the whole), goals, indicators and respondents. */
export function metricsOf(questions: readonly QuestionRow[], whole: boolean) {
  const { goals, indicators } = meanKeys(questions);
  return [
    metricKey.respondents,
    ...questions.filter((q) => whole || !q.background).map((q) => metricKey.question(q.id)),
    ...goals.map(metricKey.goal),
    ...indicators.map((i) => metricKey.indicator(i.effectGoal, i.indicator)),
  ];
}
