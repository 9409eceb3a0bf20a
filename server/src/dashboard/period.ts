import type { DashboardPeriod } from '@lagverk/shared';
import { badRequest } from '../http/problem.ts';
import { osloDate } from '../time.ts';

// The period a dashboard or report covers: both days included. `to` is today unless
// given, `from` one year before `to` (the same day a year earlier, plus one) unless given.

/** Today's date (YYYY-MM-DD) where the municipalities are. */
export const today = (now = new Date()): string => osloDate(now);

function addDays(date: string, days: number): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

function yearBefore(date: string): string {
  const d = new Date(`${date}T00:00:00Z`);
  const year = d.getUTCFullYear() - 1;
  // 29 February has no twin a year earlier: 1 March then.
  const shifted = new Date(Date.UTC(year, d.getUTCMonth(), d.getUTCDate()));
  if (shifted.getUTCMonth() !== d.getUTCMonth()) shifted.setUTCDate(0);
  return addDays(shifted.toISOString().slice(0, 10), 1);
}

export function resolvePeriod(query: { from?: string | undefined; to?: string | undefined }): DashboardPeriod {
  const to = query.to ?? today();
  const from = query.from ?? yearBefore(to);
  if (from > to) {
    throw badRequest('invalid-period', `The period starts (${from}) after it ends (${to}).`,
      [{ path: query.from !== undefined ? '/query/from' : '/query/to', message: 'the period must not start after it ends', code: 'period' }]);
  }
  return { from, to };
}
