import { sql, type Kysely, type Selectable, type Transaction } from 'kysely';
import type { DB } from './types.ts';
import { notFound } from '../http/problem.ts';
import { staleVersion } from '../http/preconditions.ts';

type VersionedTable = 'units' | 'people' | 'teams' | 'team_members' | 'team_results' | 'identity_providers' | 'follow_up_actions';
type Executor = Kysely<DB> | Transaction<DB>;

const labels: Record<VersionedTable, string> = {
  units: 'The unit', people: 'The person', teams: 'The team', team_members: 'The membership', team_results: 'The result',
  identity_providers: 'The identity provider', follow_up_actions: 'The follow-up action',
};

/**
 * Updates one row if it still has the expected version (null: any), bumping the
 * version. Tells a missing row (404) from a stale one (412) with one extra read, only
 * on the failure path.
 */
export async function updateVersioned<T extends VersionedTable>(
  db: Executor, table: T, organisationId: string, id: string, expected: number | null, values: Record<string, unknown>,
) {
  const untyped = db as unknown as Kysely<any>;
  const row = await untyped
    .updateTable(table as string)
    .set({ ...values, version: sql`version + 1`, updated_at: sql`now()` })
    .where('organisation_id', '=', organisationId)
    .where('id', '=', id)
    .$if(expected !== null, (qb) => qb.where('version', '=', expected))
    .returningAll()
    .executeTakeFirst();
  if (row) return row as Selectable<DB[T]>;
  throw await missingOrStale(untyped, table, organisationId, id);
}

export async function deleteVersioned(db: Executor, table: VersionedTable, organisationId: string, id: string, expected: number | null) {
  const untyped = db as unknown as Kysely<any>;
  const result = await untyped
    .deleteFrom(table as string)
    .where('organisation_id', '=', organisationId)
    .where('id', '=', id)
    .$if(expected !== null, (qb) => qb.where('version', '=', expected))
    .executeTakeFirst();
  if (result.numDeletedRows > 0n) return;
  throw await missingOrStale(untyped, table, organisationId, id);
}

/** Tables whose services lock the row and compare its version first, then write. */
type LockedTable = 'competence_measures' | 'competence_sessions' | 'competence_enrolments' | 'news_items';

/**
 * Writes `values` to a row the caller has locked (FOR UPDATE) and whose version it has
 * checked, bumping the version: the second half of lock, check, write.
 */
export async function updateLockedRow(db: Executor, table: LockedTable, organisationId: string, id: string, values: Record<string, unknown>) {
  const untyped = db as unknown as Kysely<any>;
  await untyped.updateTable(table).set({ ...values, version: sql`version + 1`, updated_at: sql`now()` })
    .where('organisation_id', '=', organisationId).where('id', '=', id).execute();
}

async function missingOrStale(db: Kysely<any>, table: VersionedTable, organisationId: string, id: string) {
  const current = await db.selectFrom(table).select('version').where('organisation_id', '=', organisationId).where('id', '=', id).executeTakeFirst();
  return current ? staleVersion(current.version as number) : notFound(labels[table]);
}

/** Serialises changes to one organisation's unit tree, so two moves cannot make a cycle. */
export async function lockOrganisation(trx: Transaction<DB>, organisationId: string) {
  await trx.selectFrom('organisations').select('id').where('id', '=', organisationId).forUpdate().execute();
}
