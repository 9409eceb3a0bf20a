import { sql, type Kysely, type Transaction } from 'kysely';
import type { Person, PersonListQuery } from '@lagverk/shared';
import type { DB, NewPerson, PersonRow } from '../db/types.ts';
import { keysetPage } from '../http/pagination.ts';
import { containsPattern } from '../http/references.ts';

type Executor = Kysely<DB> | Transaction<DB>;

export function toPerson(row: PersonRow): Person {
  return {
    id: row.id,
    name: row.name,
    email: row.email,
    phone: row.phone,
    title: row.title,
    profession: row.profession,
    unitId: row.unit_id,
    externalId: row.external_id,
    active: row.active,
    version: row.version,
    createdAt: row.created_at.toISOString(),
    updatedAt: row.updated_at.toISOString(),
  };
}

const sortColumns = { name: 'name', createdAt: 'created_at', updatedAt: 'updated_at' };

export async function listPeople(db: Executor, organisationId: string, query: PersonListQuery) {
  const filtered = db
    .selectFrom('people')
    .selectAll()
    .where('organisation_id', '=', organisationId)
    .$if(query.q !== undefined, (qb) =>
      qb.where((eb) => eb.or([eb('name', 'ilike', containsPattern(query.q!)), eb('email', 'ilike', containsPattern(query.q!))])))
    .$if(query.unitId !== undefined, (qb) => qb.where('unit_id', '=', query.unitId!))
    .$if(query.profession !== undefined, (qb) => qb.where('profession', '=', query.profession!))
    .$if(query.active !== undefined, (qb) => qb.where('active', '=', query.active!));
  const page = await keysetPage(filtered, { sort: query.sort ?? 'name', columns: sortColumns, cursor: query.cursor, limit: query.limit });
  return { items: page.rows.map(toPerson), nextCursor: page.nextCursor };
}

export function findPerson(db: Executor, organisationId: string, id: string) {
  return db.selectFrom('people').selectAll().where('organisation_id', '=', organisationId).where('id', '=', id).executeTakeFirst();
}

export function findPersonByExternalId(db: Executor, organisationId: string, externalId: string) {
  return db.selectFrom('people').selectAll().where('organisation_id', '=', organisationId).where('external_id', '=', externalId).executeTakeFirst();
}

export function insertPerson(db: Executor, values: NewPerson) {
  return db.insertInto('people').values(values).returningAll().executeTakeFirstOrThrow();
}

/** Distinct professions in use, for filters and suggestions. */
export async function listProfessions(db: Executor, organisationId: string) {
  const rows = await db
    .selectFrom('people')
    .select(['profession', sql<number>`count(*)::int`.as('count')])
    .where('organisation_id', '=', organisationId)
    .where('profession', 'is not', null)
    .where('active', '=', true)
    .groupBy('profession')
    .orderBy('profession')
    .limit(500)
    .execute();
  return rows.map((r) => ({ profession: r.profession!, count: Number(r.count) }));
}
