import { attachmentTypes, type AttachmentContentType } from '@lagverk/shared';

// Which file types a result may have attached, and whether a file's bytes are what its
// type says. The declared type (from the browser, which guesses it from the name) is only
// a claim: a program renamed to .pdf must not be stored, and later handed out, as a PDF.

const allowed = new Set<string>(Object.keys(attachmentTypes));

/** Names some systems send for an allowed type. */
const aliases: Record<string, AttachmentContentType> = {
  'image/jpg': 'image/jpeg',
  'image/pjpeg': 'image/jpeg',
  'application/csv': 'text/csv',
  'text/x-csv': 'text/csv',
};

/**
 * Types that say nothing (an unknown name ending) or say it wrongly (Windows with Excel
 * calls every .csv file an Excel sheet): then the name's ending decides.
 */
const vague = new Set(['', 'application/octet-stream', 'binary/octet-stream', 'application/vnd.ms-excel']);

export const extensionOf = (fileName: string) => /\.[^.]+$/.exec(fileName)?.[0]?.toLowerCase() ?? '';

function typeOfExtension(extension: string): AttachmentContentType | undefined {
  return (Object.keys(attachmentTypes) as AttachmentContentType[])
    .find((type) => (attachmentTypes[type] as readonly string[]).includes(extension));
}

/** The allowed type a file is declared as, or undefined when it is not one we take. */
export function declaredType(mimeType: string, fileName: string): AttachmentContentType | undefined {
  const declared = mimeType.split(';')[0]!.trim().toLowerCase();
  if (allowed.has(declared)) return declared as AttachmentContentType;
  if (aliases[declared]) return aliases[declared];
  if (!vague.has(declared)) return undefined;
  const byName = typeOfExtension(extensionOf(fileName));
  // "An Excel sheet" named .csv is a CSV file; named anything else it is an old .xls, which we do not take.
  if (declared === 'application/vnd.ms-excel' && byName !== 'text/csv') return undefined;
  return byName;
}

const startsWith = (bytes: Buffer, prefix: number[] | string, at = 0) => {
  const expected = typeof prefix === 'string' ? Buffer.from(prefix, 'latin1') : Buffer.from(prefix);
  return bytes.length >= at + expected.length && bytes.subarray(at, at + expected.length).equals(expected);
};

/** Whether the bytes are text: no control characters but tab, line breaks and form feed. */
function isText(bytes: Buffer): boolean {
  // Excel's "Unicode text" is UTF-16 with a byte order mark; other text is UTF-8 or a one-byte encoding.
  const utf16 = startsWith(bytes, [0xff, 0xfe]) ? 'le' : startsWith(bytes, [0xfe, 0xff]) ? 'be' : null;
  if (utf16) {
    if (bytes.length % 2 !== 0) return false;
    for (let i = 2; i < bytes.length; i += 2) {
      const unit = utf16 === 'le' ? bytes.readUInt16LE(i) : bytes.readUInt16BE(i);
      if (isControl(unit)) return false;
    }
    return true;
  }
  for (const byte of bytes) if (isControl(byte)) return false;
  return true;
}

const isControl = (code: number) => (code < 0x20 && code !== 0x09 && code !== 0x0a && code !== 0x0d && code !== 0x0c) || code === 0x7f;

/** The names of the entries in a ZIP file, from its central directory; null when it is no ZIP file. */
export function zipEntryNames(bytes: Buffer): string[] | null {
  if (!startsWith(bytes, 'PK\x03\x04')) return null;
  // The end-of-central-directory record: 22 bytes, then a comment of up to 65,535 bytes.
  const earliest = Math.max(0, bytes.length - 22 - 0xffff);
  let end = -1;
  for (let i = bytes.length - 22; i >= earliest; i--) {
    if (bytes.readUInt32LE(i) === 0x06054b50) {
      end = i;
      break;
    }
  }
  if (end < 0) return null;
  const count = bytes.readUInt16LE(end + 10);
  let at = bytes.readUInt32LE(end + 16);
  const names: string[] = [];
  for (let n = 0; n < count; n++) {
    if (at + 46 > bytes.length || bytes.readUInt32LE(at) !== 0x02014b50) return null;
    const nameLength = bytes.readUInt16LE(at + 28);
    const rest = nameLength + bytes.readUInt16LE(at + 30) + bytes.readUInt16LE(at + 32);
    if (at + 46 + nameLength > bytes.length) return null;
    names.push(bytes.subarray(at + 46, at + 46 + nameLength).toString('utf8'));
    at += 46 + rest;
  }
  return names;
}

/** An Office Open XML document: a ZIP file with a content-types part and the folder of its kind. */
function isOoxml(bytes: Buffer, folder: string): boolean {
  const names = zipEntryNames(bytes);
  return names !== null && names.includes('[Content_Types].xml') && names.some((name) => name.startsWith(folder));
}

/** An OpenDocument file: a ZIP file whose first entry, stored as is, is `mimetype` holding its type. */
function isOpenDocument(bytes: Buffer, type: string): boolean {
  if (!startsWith(bytes, 'PK\x03\x04') || bytes.length < 30) return false;
  const nameLength = bytes.readUInt16LE(26);
  const dataAt = 30 + nameLength + bytes.readUInt16LE(28);
  return bytes.subarray(30, 30 + nameLength).toString('latin1') === 'mimetype'
    && bytes.readUInt32LE(18) === type.length
    && startsWith(bytes, type, dataAt);
}

/** Whether `bytes` are a file of `type`, judged by the content alone. */
export function contentMatches(type: AttachmentContentType, bytes: Buffer): boolean {
  switch (type) {
    case 'application/pdf': return startsWith(bytes, '%PDF-');
    case 'image/png': return startsWith(bytes, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
    case 'image/jpeg': return startsWith(bytes, [0xff, 0xd8, 0xff]);
    case 'image/webp': return startsWith(bytes, 'RIFF') && startsWith(bytes, 'WEBP', 8);
    case 'text/plain': case 'text/csv': return isText(bytes);
    case 'application/vnd.openxmlformats-officedocument.wordprocessingml.document': return isOoxml(bytes, 'word/');
    case 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet': return isOoxml(bytes, 'xl/');
    case 'application/vnd.openxmlformats-officedocument.presentationml.presentation': return isOoxml(bytes, 'ppt/');
    case 'application/vnd.oasis.opendocument.text':
    case 'application/vnd.oasis.opendocument.spreadsheet':
    case 'application/vnd.oasis.opendocument.presentation':
      return isOpenDocument(bytes, type);
  }
}

/** Text is served as UTF-8 when it is valid UTF-8; otherwise the reader's program guesses. */
export function servedContentType(type: AttachmentContentType, bytes: Uint8Array): string {
  if (type !== 'text/plain' && type !== 'text/csv') return type;
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(bytes);
    return `${type}; charset=utf-8`;
  } catch {
    return type;
  }
}
