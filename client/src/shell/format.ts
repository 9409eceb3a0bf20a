const languageTags: Record<string, string> = { nb: 'nb-NO', nn: 'nn-NO', en: 'en-GB' };

export function formatDate(iso: string, locale: string): string {
  return new Intl.DateTimeFormat(languageTags[locale] ?? locale, { dateStyle: 'medium' }).format(new Date(iso));
}

export function formatDateTime(iso: string, locale: string): string {
  return new Intl.DateTimeFormat(languageTags[locale] ?? locale, { dateStyle: 'medium', timeStyle: 'short' }).format(new Date(iso));
}

export function formatTime(date: Date, locale: string): string {
  return new Intl.DateTimeFormat(languageTags[locale] ?? locale, { timeStyle: 'short' }).format(date);
}
