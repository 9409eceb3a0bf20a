import { parse, CsvError } from 'csv-parse/sync';
import { importMaxRows } from '@lagverk/shared';
import { HttpProblem } from '../http/problem.ts';
import { ImportErrors } from './errors.ts';

// Reading a CSV file as spreadsheets and HR systems write it: UTF-8 with or without a BOM,
// `;` (Norwegian Excel) or `,` between fields, quoted fields that hold the delimiter or
// line breaks, Windows or Unix line ends, blank lines (Excel writes `;;;`) ignored.

export interface CsvRecord {
  /** The line of the file where the record starts, as a text editor counts. */
  line: number;
  /** The cells of the file's columns, by column name; trimmed. */
  cells: Map<string, string>;
}

export interface CsvTable {
  records: CsvRecord[];
}

const utf8 = new TextDecoder('utf-8', { fatal: true });

/** The bytes of a file as text; anything but UTF-8 is refused with a hint for Excel users. */
export function decodeCsv(bytes: Uint8Array): string {
  try {
    return utf8.decode(bytes);
  } catch {
    throw new ImportErrors()
      .add(null, null, 'is not UTF-8 text: in Excel, save it as "CSV UTF-8 (comma delimited)"', 'encoding')
      .refusal();
  }
}

/** `;` or `,`, whichever the header line uses more (outside quotes); `;` when it has neither. */
export function detectDelimiter(text: string): ';' | ',' {
  let semicolons = 0;
  let commas = 0;
  let quoted = false;
  for (const c of text.replace(/^\uFEFF/, '')) {
    if (c === '"') quoted = !quoted;
    else if (!quoted && (c === '\n' || c === '\r')) break;
    else if (!quoted && c === ';') semicolons++;
    else if (!quoted && c === ',') commas++;
  }
  return commas > semicolons ? ',' : ';';
}

/** Records read at most: the rows allowed, plus room for a header and blank lines. */
const recordCap = importMaxRows + 1000;

const tooManyRows = () =>
  new HttpProblem(413, 'too-many-rows', 'Body too large', `The file has more than ${importMaxRows} rows; split it into several files.`);

/**
 * Splits `text` into records under a header of `known` columns (matched case-insensitively,
 * in any order). Throws the refusal when the header is wrong or the file cannot be read
 * at all; a row of the wrong length is an error of that row, in `errors`.
 */
export function readCsv(text: string, known: readonly string[], required: readonly string[], errors: ImportErrors): CsvTable {
  let raw: { record: string[]; info: { lines: number } }[];
  try {
    raw = parse(text, {
      delimiter: detectDelimiter(text),
      bom: true,
      info: true,
      relax_column_count: true,
      // Blank lines are kept as records (and dropped below), so each record starts on
      // the line after the one before it ends: that is how its first line is known.
      skip_empty_lines: false,
      record_delimiter: ['\r\n', '\n', '\r'],
      // Parsing stops here, so a file of millions of tiny rows costs no more memory than
      // a file just over the limit (blank lines and the header are records too).
      to: recordCap + 1,
    }) as unknown as typeof raw; // with `info`, each record comes with where it ends
  } catch (error) {
    if (!(error instanceof CsvError)) throw error;
    const line = typeof error.lines === 'number' ? error.lines : null;
    throw errors.add(line, null, `cannot be read as CSV: ${error.message}`, 'csv-syntax').refusal();
  }

  if (raw.length > recordCap) throw tooManyRows();
  const records: CsvRecord[] = [];
  let rowCount = 0;
  let previousEnd = 0;
  let header: { line: number; names: (string | null)[] } | null = null;
  for (const { record, info } of raw) {
    const line = previousEnd + 1;
    previousEnd = info.lines;
    if (record.every((cell) => cell.trim() === '')) continue;
    if (!header) {
      header = { line, names: readHeader(record, line, known, required, errors) };
      if (errors.count > 0) throw errors.refusal();
      continue;
    }
    if (++rowCount > importMaxRows) throw tooManyRows();
    if (record.length !== header.names.length) {
      errors.add(line, null, `has ${record.length} fields, but the header has ${header.names.length}`, 'field-count');
      continue;
    }
    const cells = new Map<string, string>();
    header.names.forEach((name, i) => {
      if (name) cells.set(name, record[i]!.trim());
    });
    records.push({ line, cells });
  }
  if (!header) throw errors.add(null, null, 'is empty: the first line must name the columns', 'empty').refusal();
  return { records };
}

function readHeader(record: string[], line: number, known: readonly string[], required: readonly string[], errors: ImportErrors) {
  // Far more columns than there are: not a file of this kind (or the wrong delimiter); one error, not thousands.
  if (record.length > known.length + 20) {
    errors.add(line, null, `has ${record.length} columns; this file takes at most ${known.length}: ${known.join(', ')}`, 'unknown-column');
    return [];
  }
  const byLowerCase = new Map(known.map((name) => [name.toLowerCase(), name]));
  const seen = new Set<string>();
  const names = record.map((cell) => {
    const given = cell.trim();
    const name = byLowerCase.get(given.toLowerCase());
    if (!name) {
      errors.add(line, given || null, given ? `is not a known column (known: ${known.join(', ')})` : 'has a column without a name', 'unknown-column');
      return null;
    }
    if (seen.has(name)) errors.add(line, name, 'is named twice', 'duplicate-column');
    seen.add(name);
    return name;
  });
  for (const name of required) if (!seen.has(name)) errors.add(line, name, 'is a required column', 'missing-column');
  return names;
}
