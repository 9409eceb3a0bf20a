import type { Kysely } from 'kysely';
import type { DB } from '../db/types.ts';

const uuidPattern = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export const orgOptionHelp = 'the organisation: its id or nine-digit organisation number (not needed when the installation has one)';

/**
 * The organisation a command acts in: the one `--org` names (by id or organisation
 * number), or the installation's only one.
 */
export async function organisationFor(db: Kysely<DB>, given: string | undefined): Promise<{ id: string; name: string }> {
  if (given !== undefined) {
    const value = given.trim();
    if (!uuidPattern.test(value) && !/^\d{9}$/.test(value)) {
      throw new Error('--org takes an organisation id (a UUID) or a nine-digit organisation number.');
    }
    const row = await db.selectFrom('organisations').select(['id', 'name'])
      .where(uuidPattern.test(value) ? 'id' : 'org_number', '=', value.toLowerCase())
      .executeTakeFirst();
    if (!row) throw new Error(`No organisation has the id or number ${value} (see \`pnpm lagverk org list\`).`);
    return row;
  }
  const rows = await db.selectFrom('organisations').select(['id', 'name']).orderBy('created_at').limit(2).execute();
  if (rows.length === 0) throw new Error('The installation has no organisation yet: create one with `pnpm lagverk org create`.');
  if (rows.length > 1) {
    throw new Error('The installation has several organisations: name one with --org <id or organisation number> (see `pnpm lagverk org list`).');
  }
  return rows[0]!;
}
