import { attachmentTypes, type AttachmentContentType } from '@lagverk/shared';

const languageTags: Record<string, string> = { nb: 'nb-NO', nn: 'nn-NO', en: 'en-GB' };

/** "12 kB", "3,4 MB", counted in 1024s as Windows' file manager counts them (so 10 MiB is "10 MB"). */
export function formatFileSize(bytes: number, locale: string): string {
  const [unit, amount] = bytes >= 1024 * 1024 ? ['megabyte', bytes / 1024 / 1024] as const
    : bytes >= 1024 ? ['kilobyte', bytes / 1024] as const : ['byte', bytes] as const;
  return new Intl.NumberFormat(languageTags[locale] ?? locale, { style: 'unit', unit, unitDisplay: 'short', maximumFractionDigits: amount < 10 ? 1 : 0 }).format(amount);
}

/** The message key naming a file type for people ("PDF", "Word document"). */
export function fileKindKey(type: AttachmentContentType): string {
  const kinds: Record<AttachmentContentType, string> = {
    'application/pdf': 'pdf', 'image/png': 'image', 'image/jpeg': 'image', 'image/webp': 'image', 'text/plain': 'text', 'text/csv': 'csv',
    'application/vnd.openxmlformats-officedocument.wordprocessingml.document': 'word',
    'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet': 'excel',
    'application/vnd.openxmlformats-officedocument.presentationml.presentation': 'powerpoint',
    'application/vnd.oasis.opendocument.text': 'odt',
    'application/vnd.oasis.opendocument.spreadsheet': 'ods',
    'application/vnd.oasis.opendocument.presentation': 'odp',
  };
  return `results.attachments.kinds.${kinds[type]}`;
}

/** What the file picker offers: every allowed type and name ending. */
export const acceptedFiles = Object.entries(attachmentTypes).flatMap(([type, endings]) => [type, ...endings]).join(',');
