import type { Kysely } from 'kysely';
import type { DB } from '../db/types.ts';
import { conflict, unprocessable } from './problem.ts';

// A reference to a unit or person must name a row of the caller's own organisation;
// anything else is answered like a missing row, so ids never leak across organisations.

/**
 * Checks that a unit exists and, with `active`, that it is active: an inactive unit takes
 * no new active people or sub-units. The row is locked FOR SHARE, so it cannot be
 * deactivated or deleted before this transaction ends (deactivation locks it FOR UPDATE).
 */
export async function assertUnitExists(db: Kysely<DB>, organisationId: string, id: string, field: string, options: { active?: boolean } = {}) {
  const row = await db.selectFrom('units').select(['id', 'active'])
    .where('organisation_id', '=', organisationId).where('id', '=', id).forShare().executeTakeFirst();
  if (!row) throw unprocessable('unknown-reference', 'The request refers to a unit that does not exist.', [{ path: `/body/${field}`, message: 'no such unit', code: 'reference' }]);
  if (options.active && !row.active) {
    throw conflict('unit-inactive', 'The unit is inactive. Reactivate it first, or choose another unit.',
      { errors: [{ path: `/body/${field}`, message: 'is inactive', code: 'inactive' }] });
  }
}

export async function assertPersonExists(db: Kysely<DB>, organisationId: string, id: string, field: string) {
  const row = await db.selectFrom('people').select('id').where('organisation_id', '=', organisationId).where('id', '=', id).executeTakeFirst();
  if (!row) throw unprocessable('unknown-reference', 'The request refers to a person who does not exist.', [{ path: `/body/${field}`, message: 'no such person', code: 'reference' }]);
}

/** `%` and `_` in a search are literal characters, not wildcards. */
export function containsPattern(text: string): string {
  return `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}
