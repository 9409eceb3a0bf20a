import type { Kysely } from 'kysely';
import type { DB } from '../db/types.ts';
import { unprocessable } from './problem.ts';

// A reference to a unit or person must name a row of the caller's own organisation;
// anything else is answered like a missing row, so ids never leak across organisations.

export async function assertUnitExists(db: Kysely<DB>, organisationId: string, id: string, field: string) {
  const row = await db.selectFrom('units').select('id').where('organisation_id', '=', organisationId).where('id', '=', id).executeTakeFirst();
  if (!row) throw unprocessable('unknown-reference', 'The request refers to a unit that does not exist.', [{ path: `/body/${field}`, message: 'no such unit', code: 'reference' }]);
}

export async function assertPersonExists(db: Kysely<DB>, organisationId: string, id: string, field: string) {
  const row = await db.selectFrom('people').select('id').where('organisation_id', '=', organisationId).where('id', '=', id).executeTakeFirst();
  if (!row) throw unprocessable('unknown-reference', 'The request refers to a person who does not exist.', [{ path: `/body/${field}`, message: 'no such person', code: 'reference' }]);
}

/** `%` and `_` in a search are literal characters, not wildcards. */
export function containsPattern(text: string): string {
  return `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}
