import { featureProblemMessage } from '../api/problemMessage.ts';

/** The arena feature's own problem codes first ("arena-has-meetings"), then the shared messages. */
export const arenaProblem = featureProblemMessage('arenas');

/** A `datetime-local` value (local time, minutes) for an ISO timestamp, and back. */
export function toLocalInput(iso: string): string {
  const d = new Date(iso);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}T${pad(d.getHours())}:${pad(d.getMinutes())}`;
}
export const fromLocalInput = (value: string) => new Date(value).toISOString();
