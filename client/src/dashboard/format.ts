import type { DashboardSurveyFigure, DashboardTrendPoint } from '@lagverk/shared';

const languageTags: Record<string, string> = { nb: 'nb-NO', nn: 'nn-NO', en: 'en-GB' };
const tag = (locale: string) => languageTags[locale] ?? locale;

/** "3,6" in Norwegian, "3.6" in English: survey means and averages, one decimal. */
export function formatDecimal(value: number, locale: string, signed = false): string {
  return new Intl.NumberFormat(tag(locale), { minimumFractionDigits: 1, maximumFractionDigits: 1, signDisplay: signed ? 'exceptZero' : 'auto' }).format(value);
}

/** "28,5" or "18": hours, at most one decimal. */
export function formatHours(value: number, locale: string): string {
  return new Intl.NumberFormat(tag(locale), { maximumFractionDigits: 1 }).format(value);
}

export function formatCount(value: number, locale: string): string {
  return new Intl.NumberFormat(tag(locale)).format(value);
}

/** A date without time (YYYY-MM-DD) as people write it; read as a calendar day, not in UTC. */
export function formatDay(day: string, locale: string): string {
  const [y, m, d] = day.split('-').map(Number);
  return new Intl.DateTimeFormat(tag(locale), { dateStyle: 'medium' }).format(new Date(y!, m! - 1, d!));
}

/** "okt. 2025": short enough for a chart's axis. */
export function formatMonth(day: string, locale: string): string {
  const [y, m] = day.split('-').map(Number);
  return new Intl.DateTimeFormat(tag(locale), { month: 'short', year: 'numeric' }).format(new Date(y!, m! - 1, 1));
}

export const shownMean = (figure: DashboardSurveyFigure): number | null => (figure.suppressed ? null : figure.mean);

/** The change from the first shown round to the last shown round; null with fewer than two. */
export function trendChange(rounds: DashboardTrendPoint[]): number | null {
  const shown = rounds.map((r) => shownMean(r.figure)).filter((v): v is number => v !== null);
  if (shown.length < 2) return null;
  return Math.round((shown[shown.length - 1]! - shown[0]!) * 10) / 10;
}

