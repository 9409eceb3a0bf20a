import type { NewsItem } from '@lagverk/shared';

/** Plain text split at blank lines; each paragraph keeps its own line breaks (shown with white-space: pre-line). */
export function paragraphs(body: string): string[] {
  return body.split(/\r?\n\s*\r?\n/).map((p) => p.trim()).filter(Boolean);
}

/** The start of the first paragraph, for a list. */
export function excerpt(body: string, max = 220): string {
  const first = paragraphs(body)[0] ?? '';
  return first.length > max ? `${first.slice(0, max).replace(/\s+\S*$/, '')} …` : first;
}

/** The date shown for an item: when it was published (or is to be), or when a draft was written. */
export const shownDate = (item: NewsItem) => item.publishedAt ?? item.createdAt;
