import { sql, type Transaction } from 'kysely';
import type { ImportRowReport } from '@lagverk/shared';
import type { DB } from '../db/types.ts';
import { HttpProblem } from '../http/problem.ts';
import type { ImportErrors } from './errors.ts';

// What the units and people imports share: the transaction they write in, and how one
// row's writes are tried so that a refused row becomes an error instead of the end.

export interface ImportContext {
  trx: Transaction<DB>;
  organisationId: string;
  errors: ImportErrors;
  actorPersonId: string | null;
  /** Every externalId the file names, valid rows or not: a reference to a bad row is not a second error. */
  fileIds: Set<string>;
}

export type RowOutcome = ImportRowReport;

/** What a refusal from a service says about a field, in the file's column names. */
const columnOfField: Record<string, string> = {
  parentId: 'parentExternalId',
  managerId: 'managerExternalId',
  unitId: 'unitExternalId',
};

/**
 * Runs one row's writes. When a rule refuses the row, the refusal becomes an error of the
 * row (in `column` unless the refusal names its field) and the import goes on, to find
 * the other bad rows; the transaction is rolled back in the end. (What a refused row
 * wrote before the refusal, a unit updated but not reactivated, stays until then; rows
 * below it are skipped.) Anything else (a bug, a lost connection) ends the import.
 *
 * `savepoint`: for a row that a database constraint may still refuse (an email another
 * person gives up in the same file), whose failed statement would otherwise end the
 * transaction. Not for every row: a savepoint and its release double a row's round trips.
 */
export async function attempt(
  context: ImportContext, line: number, column: string | null, write: () => Promise<unknown>, options: { savepoint?: boolean } = {},
): Promise<boolean> {
  const { trx, errors } = context;
  if (options.savepoint) await sql`savepoint import_row`.execute(trx);
  try {
    await write();
    if (options.savepoint) await sql`release savepoint import_row`.execute(trx);
    return true;
  } catch (error) {
    if (options.savepoint) await sql`rollback to savepoint import_row`.execute(trx);
    if (error instanceof HttpProblem && error.status < 500) {
      const fields = error.extras.errors?.map((e) => columnOfField[e.path.replace(/^\/body\//, '')] ?? column) ?? [column];
      for (const field of new Set(fields)) errors.add(line, field, error.detail, error.code);
      return false;
    }
    if (options.savepoint && isEmailTaken(error)) {
      errors.add(line, 'email', 'is still used by another person when this row is written: swap emails in two imports', 'duplicate');
      return false;
    }
    throw error;
  }
}

function isEmailTaken(error: unknown) {
  const { code, constraint } = (error ?? {}) as { code?: unknown; constraint?: unknown };
  return code === '23505' && constraint === 'people_email_key';
}

/** A cell's value: a column missing from the file keeps what is stored, an empty cell clears it. */
export const keep = <T>(cell: T | null | undefined, stored: T | null | undefined): T | null => (cell === undefined ? (stored ?? null) : cell);

/** The columns whose values differ between what is stored and what the file says. */
export function changedColumns(pairs: Record<string, [unknown, unknown]>): string[] {
  return Object.entries(pairs).filter(([, [before, after]]) => before !== after).map(([column]) => column);
}

export function outcome(line: number, externalId: string, existed: boolean, changes: string[]): RowOutcome {
  if (!existed) return { line, externalId, action: 'create' };
  return changes.length === 0 ? { line, externalId, action: 'unchanged' } : { line, externalId, action: 'update', changes };
}
