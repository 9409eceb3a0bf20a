import { sql, type ExpressionBuilder, type Kysely, type Transaction } from 'kysely';
import type { DB, UnitRow } from '../db/types.ts';
import { scimFilter, type FilterAttributes, type FilterExpression } from './filter.ts';
import { groupSchema } from './schemas.ts';
import { isUuid } from './user-repository.ts';

// A SCIM Group is an active unit; its members are the active people placed in it
// (people.unit_id). A deactivated unit is no longer a Group.

type Executor = Kysely<DB> | Transaction<DB>;
type GroupTables = DB & { u: DB['units'] };
type GroupExpressions = ExpressionBuilder<GroupTables, 'u'>;

export interface MemberRow {
  unit_id: string;
  id: string;
  name: string;
}

const never = () => sql<boolean>`false`;

const groupFilters: FilterAttributes<GroupExpressions> = {
  id: { type: 'string', eq: (eb, v) => (isUuid(v) ? eb('u.id', '=', v) : never()) },
  externalid: { type: 'string', eq: (eb, v) => eb('u.external_id', '=', v) },
  displayname: { type: 'string', eq: (eb, v) => eb(eb.fn('lower', [eb.ref('u.name')]), '=', eb.fn('lower', [eb.val(v)])) },
  // Entra ID asks whether someone is a member with `id eq "…" and members[value eq "…"]`.
  'members.value': {
    type: 'string',
    eq: (eb, v) => (isUuid(v)
      ? eb.exists(eb.selectFrom('people as m').select('m.id')
        .whereRef('m.organisation_id', '=', 'u.organisation_id').whereRef('m.unit_id', '=', 'u.id')
        .where('m.id', '=', v).where('m.active', '=', true))
      : never()),
  },
};

export type GroupFilter = FilterExpression<GroupExpressions>;

export const groupFilter = (text: string): GroupFilter => scimFilter(text, groupSchema, groupFilters);

const groups = (db: Executor, organisationId: string) =>
  db.selectFrom('units as u').where('u.organisation_id', '=', organisationId).where('u.active', '=', true);

export async function listGroups(db: Executor, organisationId: string, filter: GroupFilter | undefined, offset: number, count: number) {
  const matching = groups(db, organisationId).$if(filter !== undefined, (qb) => qb.where((eb) => filter!(eb)));
  const total = await matching.select(sql<number>`count(*)::int`.as('n')).executeTakeFirstOrThrow();
  const rows = count === 0 ? [] : await matching.selectAll('u').orderBy('u.created_at').orderBy('u.id').offset(offset).limit(count).execute();
  return { total: Number(total.n), rows: rows as UnitRow[] };
}

/** One Group; `lock` holds the unit's row until the transaction ends. */
export async function findGroup(db: Executor, organisationId: string, id: string, options: { lock?: boolean } = {}) {
  if (!isUuid(id)) return undefined;
  return groups(db, organisationId).selectAll('u').where('u.id', '=', id)
    .$if(options.lock === true, (qb) => qb.forUpdate())
    .executeTakeFirst() as Promise<UnitRow | undefined>;
}

/** The members of each unit in `unitIds`, by name, in one query. */
export async function membersOf(db: Executor, organisationId: string, unitIds: string[]): Promise<Map<string, MemberRow[]>> {
  const byUnit = new Map(unitIds.map((id) => [id, [] as MemberRow[]]));
  if (unitIds.length === 0) return byUnit;
  const rows = await db.selectFrom('people').select(['unit_id', 'id', 'name'])
    .where('organisation_id', '=', organisationId).where('unit_id', 'in', unitIds).where('active', '=', true)
    .orderBy('name').orderBy('id')
    .execute();
  for (const row of rows) byUnit.get(row.unit_id!)?.push(row as MemberRow);
  return byUnit;
}

/** Which of `ids` are people of the organisation. */
export async function existingPeople(db: Executor, organisationId: string, ids: string[]): Promise<Set<string>> {
  const valid = ids.filter(isUuid);
  if (valid.length === 0) return new Set();
  const rows = await db.selectFrom('people').select('id').where('organisation_id', '=', organisationId).where('id', 'in', valid).execute();
  return new Set(rows.map((r) => r.id));
}
