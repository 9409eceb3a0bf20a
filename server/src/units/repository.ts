import { sql, type Kysely, type Transaction } from 'kysely';
import type { Unit, UnitListQuery } from '@lagverk/shared';
import type { DB, NewUnit, UnitRow } from '../db/types.ts';
import { keysetPage } from '../http/pagination.ts';
import { containsPattern } from '../http/references.ts';

type Executor = Kysely<DB> | Transaction<DB>;

export function toUnit(row: UnitRow): Unit {
  return {
    id: row.id,
    name: row.name,
    kind: row.kind,
    parentId: row.parent_id,
    managerId: row.manager_id,
    description: row.description,
    externalId: row.external_id,
    active: row.active,
    version: row.version,
    createdAt: row.created_at.toISOString(),
    updatedAt: row.updated_at.toISOString(),
  };
}

const sortColumns = { name: 'name', createdAt: 'created_at', updatedAt: 'updated_at' };

export async function listUnits(db: Executor, organisationId: string, query: UnitListQuery) {
  const filtered = db
    .selectFrom('units')
    .selectAll()
    .where('organisation_id', '=', organisationId)
    .$if(query.q !== undefined, (qb) => qb.where('name', 'ilike', containsPattern(query.q!)))
    .$if(query.kind !== undefined, (qb) => qb.where('kind', '=', query.kind!))
    .$if(query.parentId === 'none', (qb) => qb.where('parent_id', 'is', null))
    .$if(query.parentId !== undefined && query.parentId !== 'none', (qb) => qb.where('parent_id', '=', query.parentId!))
    .$if(query.active !== undefined, (qb) => qb.where('active', '=', query.active!));
  const page = await keysetPage(filtered, { sort: query.sort ?? 'name', columns: sortColumns, cursor: query.cursor, limit: query.limit });
  return { items: page.rows.map(toUnit), nextCursor: page.nextCursor };
}

export function findUnit(db: Executor, organisationId: string, id: string, options: { forUpdate?: boolean } = {}) {
  return db.selectFrom('units').selectAll().where('organisation_id', '=', organisationId).where('id', '=', id)
    .$if(options.forUpdate === true, (qb) => qb.forUpdate())
    .executeTakeFirst();
}

export function findUnitByExternalId(db: Executor, organisationId: string, externalId: string) {
  return db.selectFrom('units').selectAll().where('organisation_id', '=', organisationId).where('external_id', '=', externalId).executeTakeFirst();
}

export function insertUnit(db: Executor, values: NewUnit) {
  return db.insertInto('units').values(values).returningAll().executeTakeFirstOrThrow();
}

/** True when `candidateParentId` is `unitId` itself or lies below it. */
export async function wouldCreateCycle(db: Executor, organisationId: string, unitId: string, candidateParentId: string) {
  if (unitId === candidateParentId) return true;
  const row = await db
    .withRecursive('ancestors(id, parent_id)', (qb) =>
      qb
        .selectFrom('units')
        .select(['id', 'parent_id'])
        .where('organisation_id', '=', organisationId)
        .where('id', '=', candidateParentId)
        .unionAll((qb2) =>
          qb2
            .selectFrom('units')
            .innerJoin('ancestors', 'ancestors.parent_id', 'units.id')
            .select(['units.id', 'units.parent_id'])
            .where('units.organisation_id', '=', organisationId),
        ),
    )
    .selectFrom('ancestors')
    .select('id')
    .where('id', '=', unitId)
    .limit(1)
    .executeTakeFirst();
  return row !== undefined;
}

/** What still depends on a unit: active sub-units and active people. */
export async function unitDependants(db: Executor, organisationId: string, unitId: string) {
  const row = await db
    .selectNoFrom((eb) => [
      eb.selectFrom('units').select(sql<number>`count(*)::int`.as('n'))
        .where('organisation_id', '=', organisationId).where('parent_id', '=', unitId).where('active', '=', true).as('children'),
      eb.selectFrom('people').select(sql<number>`count(*)::int`.as('n'))
        .where('organisation_id', '=', organisationId).where('unit_id', '=', unitId).where('active', '=', true).as('people'),
    ])
    .executeTakeFirstOrThrow();
  return { children: Number(row.children), people: Number(row.people) };
}
