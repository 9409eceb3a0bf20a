import type { Kysely } from 'kysely';
import type { TObject } from 'typebox';
import { PersonImportRow, UnitImportRow, type ImportAction, type ImportReport } from '@lagverk/shared';
import type { DB } from '../db/types.ts';
import { lockOrganisation } from '../db/versioned.ts';
import { readCsv } from './csv.ts';
import { ImportErrors } from './errors.ts';
import { columnsOf, readRows, type ImportRow } from './rows.ts';
import { applyUnits } from './units.ts';
import { applyPeople } from './people.ts';
import type { ImportContext, RowOutcome } from './context.ts';

// An import is all or nothing: every row is written in one transaction, through the same
// service functions as `PUT …/by-external-id/{externalId}`, so the same rules hold. A row
// a rule refuses becomes an error and the import goes on, to list every bad row; then
// the transaction is rolled back. A dry run runs exactly the same and always rolls back,
// so its report is what a real import would do.

export interface ImportOptions {
  dryRun: boolean;
  /** The signed-in person importing, if any: nobody deactivates themselves. */
  actorPersonId?: string | null;
}

type Apply<T> = (context: ImportContext, rows: ImportRow<T>[]) => Promise<RowOutcome[]>;

/** Thrown to roll the transaction back while keeping what it found. */
class RolledBack extends Error {
  constructor(readonly outcomes: RowOutcome[]) {
    super('rolled back');
  }
}

export function importUnits(db: Kysely<DB>, organisationId: string, text: string, options: ImportOptions) {
  return runImport(db, organisationId, text, UnitImportRow, applyUnits, options);
}

export function importPeople(db: Kysely<DB>, organisationId: string, text: string, options: ImportOptions) {
  return runImport(db, organisationId, text, PersonImportRow, applyPeople, options);
}

async function runImport<T>(
  db: Kysely<DB>, organisationId: string, text: string, schema: TObject, apply: Apply<T>, options: ImportOptions,
): Promise<ImportReport> {
  const errors = new ImportErrors();
  const { known, required } = columnsOf(schema);
  const table = readCsv(text, known, required, errors);
  const rows = readRows<T>(table, schema, errors);
  const fileIds = new Set(table.records.map((r) => r.cells.get('externalId') ?? '').filter((id) => id !== ''));
  let outcomes: RowOutcome[];
  try {
    outcomes = await db.transaction().execute(async (trx) => {
      // Imports of one organisation run one at a time, and no unit moves meanwhile.
      await lockOrganisation(trx, organisationId);
      const context = { trx, organisationId, errors, actorPersonId: options.actorPersonId ?? null, fileIds };
      const done = await apply(context, rows);
      if (options.dryRun || errors.count > 0) throw new RolledBack(done);
      return done;
    });
  } catch (error) {
    if (!(error instanceof RolledBack)) throw error;
    outcomes = error.outcomes;
  }
  if (errors.count > 0) throw errors.refusal();
  outcomes.sort((a, b) => a.line - b.line);
  const count = (action: ImportAction) => outcomes.filter((o) => o.action === action).length;
  return { dryRun: options.dryRun, created: count('create'), updated: count('update'), unchanged: count('unchanged'), rows: outcomes };
}
