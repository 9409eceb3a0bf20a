import { sql, type Insertable, type Kysely, type Selectable, type Transaction } from 'kysely';
import type { CriteriaSet, CriteriaSetListQuery, CriterionInput } from '@lagverk/shared';
import type { CriteriaSetsTable, CriteriaTable, DB } from '../db/types.ts';
import { keysetPage } from '../http/pagination.ts';
import { containsPattern } from '../http/references.ts';

type Executor = Kysely<DB> | Transaction<DB>;
export type CriteriaSetRow = Selectable<CriteriaSetsTable>;
export type CriterionRow = Selectable<CriteriaTable>;

export function toCriteriaSet(row: CriteriaSetRow, criteria: CriterionRow[]): CriteriaSet {
  return {
    id: row.id,
    seriesId: row.series_id,
    versionNumber: row.version_number,
    kind: row.kind,
    name: row.name,
    description: row.description,
    status: row.status,
    publishedAt: row.published_at ? row.published_at.toISOString() : null,
    criteria: criteria.map((c) => ({
      id: c.id,
      title: c.title,
      guidance: c.guidance,
      answerType: c.answer_type,
      unit: c.unit,
      weight: c.weight,
      required: c.required,
    })),
    version: row.version,
    createdAt: row.created_at.toISOString(),
    updatedAt: row.updated_at.toISOString(),
  };
}

/** The criteria of each set, in position order, keyed by set id. */
export async function criteriaBySet(db: Executor, organisationId: string, setIds: string[]) {
  const bySet = new Map<string, CriterionRow[]>(setIds.map((id) => [id, []]));
  if (setIds.length === 0) return bySet;
  const rows = await db.selectFrom('criteria').selectAll()
    .where('organisation_id', '=', organisationId).where('set_id', 'in', setIds)
    .orderBy('set_id').orderBy('position').execute();
  for (const row of rows) bySet.get(row.set_id)?.push(row);
  return bySet;
}

export async function listCriteriaSets(db: Executor, organisationId: string, query: CriteriaSetListQuery) {
  const filtered = db
    .selectFrom('criteria_sets')
    .selectAll()
    .where('organisation_id', '=', organisationId)
    .$if(query.q !== undefined, (qb) => qb.where('name', 'ilike', containsPattern(query.q!)))
    .$if(query.kind !== undefined, (qb) => qb.where('kind', '=', query.kind!))
    .$if(query.status !== undefined, (qb) => qb.where('status', '=', query.status!));
  // Newest first, with no `sort` parameter: editors look for what changed last.
  const page = await keysetPage(filtered, { sort: '-updatedAt', columns: { updatedAt: 'updated_at' }, cursor: query.cursor, limit: query.limit });
  const criteria = await criteriaBySet(db, organisationId, page.rows.map((r) => r.id));
  return { items: page.rows.map((r) => toCriteriaSet(r, criteria.get(r.id) ?? [])), nextCursor: page.nextCursor };
}

export function findCriteriaSet(db: Executor, organisationId: string, id: string, options: { forUpdate?: boolean } = {}) {
  return db.selectFrom('criteria_sets').selectAll().where('organisation_id', '=', organisationId).where('id', '=', id)
    .$if(options.forUpdate === true, (qb) => qb.forUpdate())
    .executeTakeFirst();
}

/** A set with its criteria, as the API shows it; undefined when it is not in the organisation. */
export async function readCriteriaSet(db: Executor, organisationId: string, id: string) {
  const row = await findCriteriaSet(db, organisationId, id);
  if (!row) return undefined;
  const criteria = await criteriaBySet(db, organisationId, [id]);
  return toCriteriaSet(row, criteria.get(id) ?? []);
}

export function insertCriteriaSet(db: Executor, values: Insertable<CriteriaSetsTable>) {
  return db.insertInto('criteria_sets').values(values).returningAll().executeTakeFirstOrThrow();
}

export async function insertCriteria(db: Executor, organisationId: string, setId: string, criteria: CriterionInput[]) {
  if (criteria.length === 0) return;
  await db.insertInto('criteria').values(criteria.map((c, position) => ({
    organisation_id: organisationId,
    set_id: setId,
    position,
    title: c.title,
    guidance: c.guidance ?? null,
    answer_type: c.answerType,
    unit: c.unit ?? null,
    ...(c.weight !== undefined && { weight: c.weight }),
    ...(c.required !== undefined && { required: c.required }),
  }))).execute();
}

/** Replaces the whole ordered list: a draft's criteria are not referenced by anything yet. */
export async function replaceCriteria(db: Executor, organisationId: string, setId: string, criteria: CriterionInput[]) {
  await db.deleteFrom('criteria').where('organisation_id', '=', organisationId).where('set_id', '=', setId).execute();
  await insertCriteria(db, organisationId, setId, criteria);
}

/** Changes a set's fields, bumping its version; the caller has locked and checked the row. */
export function updateCriteriaSet(db: Executor, organisationId: string, id: string, values: Partial<Insertable<CriteriaSetsTable>>) {
  return db.updateTable('criteria_sets')
    .set({ ...values, version: sql`version + 1`, updated_at: sql`now()` })
    .where('organisation_id', '=', organisationId).where('id', '=', id)
    .returningAll().executeTakeFirstOrThrow();
}

/** Marks the series' published version superseded (there is at most one). */
export function supersedePublished(db: Executor, organisationId: string, seriesId: string) {
  return db.updateTable('criteria_sets')
    .set({ status: 'superseded', version: sql`version + 1`, updated_at: sql`now()` })
    .where('organisation_id', '=', organisationId).where('series_id', '=', seriesId).where('status', '=', 'published')
    .execute();
}

export async function highestVersionNumber(db: Executor, organisationId: string, seriesId: string) {
  const row = await db.selectFrom('criteria_sets').select((eb) => eb.fn.max('version_number').as('max'))
    .where('organisation_id', '=', organisationId).where('series_id', '=', seriesId).executeTakeFirst();
  return Number(row?.max ?? 0);
}

export function findDraftOfSeries(db: Executor, organisationId: string, seriesId: string) {
  return db.selectFrom('criteria_sets').select(['id']).where('organisation_id', '=', organisationId)
    .where('series_id', '=', seriesId).where('status', '=', 'draft').executeTakeFirst();
}

export function deleteCriteriaSet(db: Executor, organisationId: string, id: string) {
  return db.deleteFrom('criteria_sets').where('organisation_id', '=', organisationId).where('id', '=', id).execute();
}
