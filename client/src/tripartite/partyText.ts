import type { TripartiteParty } from '@lagverk/shared';

type T = (key: string) => string;

/** "Politicians, administration and unions", in the order the parties are always named. */
export function partiesText(t: T, parties: readonly TripartiteParty[], conjunction: string): string {
  const names = (['politicians', 'administration', 'unions'] as const).filter((p) => parties.includes(p)).map((p) => t(`tripartite.parties.${p}`));
  if (names.length <= 1) return names.join('');
  return `${names.slice(0, -1).join(', ')} ${conjunction} ${names.at(-1)}`;
}

/** Plain text as paragraphs: a blank line separates them. */
export const paragraphs = (text: string) => text.split(/\n\s*\n/).map((p) => p.trim()).filter(Boolean);
