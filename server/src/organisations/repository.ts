import { sql, type Kysely } from 'kysely';
import type { Organisation, OrganisationPatch } from '@lagverk/shared';
import type { DB, OrganisationRow } from '../db/types.ts';
import { notFound } from '../http/problem.ts';
import { staleVersion } from '../http/preconditions.ts';
import { createDefaultCriteriaSets } from '../criteria/defaults.ts';
import { createDefaultSurveyTemplates } from '../surveys/defaults.ts';

export function toOrganisation(row: OrganisationRow): Organisation {
  return {
    id: row.id,
    name: row.name,
    orgNumber: row.org_number,
    writtenStandard: row.written_standard,
    version: row.version,
    createdAt: row.created_at.toISOString(),
    updatedAt: row.updated_at.toISOString(),
  };
}

export function findOrganisation(db: Kysely<DB>, id: string) {
  return db.selectFrom('organisations').selectAll().where('id', '=', id).executeTakeFirst();
}

/** Creates an organisation with its default criteria sets and survey templates, all or nothing. */
export function insertOrganisation(db: Kysely<DB>, values: { name: string; orgNumber: string; writtenStandard: 'nb' | 'nn' }) {
  return db.transaction().execute(async (trx) => {
    const row = await trx
      .insertInto('organisations')
      .values({ name: values.name, org_number: values.orgNumber, written_standard: values.writtenStandard })
      .returningAll()
      .executeTakeFirstOrThrow();
    await createDefaultCriteriaSets(trx, row.id, row.written_standard);
    await createDefaultSurveyTemplates(trx, row.id, row.written_standard);
    return row;
  });
}

export async function updateOrganisation(db: Kysely<DB>, id: string, expected: number | null, patch: OrganisationPatch) {
  const row = await db
    .updateTable('organisations')
    .set({
      ...(patch.name !== undefined && { name: patch.name }),
      ...(patch.orgNumber !== undefined && { org_number: patch.orgNumber }),
      ...(patch.writtenStandard !== undefined && { written_standard: patch.writtenStandard }),
      version: sql`version + 1`,
      updated_at: sql`now()`,
    })
    .where('id', '=', id)
    .$if(expected !== null, (qb) => qb.where('version', '=', expected!))
    .returningAll()
    .executeTakeFirst();
  if (row) return row;
  const current = await findOrganisation(db, id);
  throw current ? staleVersion(current.version) : notFound('The organisation');
}
