import { randomUUID } from 'node:crypto';
import type { Kysely, Transaction } from 'kysely';
import type { CriteriaSetCreate, CriteriaSetPatch, CriterionInput } from '@lagverk/shared';
import type { DB } from '../db/types.ts';
import { conflict, notFound, unprocessable } from '../http/problem.ts';
import { staleVersion } from '../http/preconditions.ts';
import {
  criteriaBySet, deleteCriteriaSet, findCriteriaSet, findDraftOfSeries, highestVersionNumber, insertCriteria, insertCriteriaSet,
  replaceCriteria, supersedePublished, toCriteriaSet, updateCriteriaSet, type CriteriaSetRow,
} from './repository.ts';

// A criteria set is edited as a draft and published as an immutable version, because
// teams and evaluations keep answers against the exact criteria they were assessed by.
// Changing a published set means revising it: the series' next version starts as a draft.

const notDraft = (row: CriteriaSetRow) =>
  conflict('criteria-set-not-draft',
    `Version ${row.version_number} of this criteria set is ${row.status} and cannot be changed, because teams and evaluations may refer to it. Revise it (POST /api/v1/criteria-sets/${row.id}/revise) to get an editable draft of the next version.`);

const draftExists = () =>
  conflict('draft-exists', 'This criteria set already has a draft of its next version; edit or delete that draft instead of revising again.');

/** A unit only means something for a number answer ("timer per sak"); elsewhere it is a mistake. */
function checkCriteria(criteria: CriterionInput[] | undefined) {
  const errors = (criteria ?? []).flatMap((c, index) =>
    c.answerType !== 'number' && c.unit !== undefined && c.unit !== null
      ? [{ path: `/body/criteria/${index}/unit`, message: 'is only allowed for answerType number', code: 'unit' }]
      : []);
  if (errors.length > 0) {
    throw unprocessable('unit-not-allowed', 'A unit is only meaningful for criteria answered with a number; remove it from the others.', errors);
  }
}

async function withCriteria(trx: Transaction<DB>, row: CriteriaSetRow) {
  const criteria = await criteriaBySet(trx, row.organisation_id, [row.id]);
  return toCriteriaSet(row, criteria.get(row.id) ?? []);
}

/** Locks the set and checks it exists, is at the expected version (null: any) and, with `draft`, is a draft. */
async function lockSet(trx: Transaction<DB>, organisationId: string, id: string, expected: number | null, draft: boolean) {
  const row = await findCriteriaSet(trx, organisationId, id, { forUpdate: true });
  if (!row) throw notFound('The criteria set');
  // Not a draft first: reloading would not help, revising would.
  if (draft && row.status !== 'draft') throw notDraft(row);
  if (expected !== null && row.version !== expected) throw staleVersion(row.version);
  return row;
}

export function createCriteriaSet(db: Kysely<DB>, organisationId: string, input: CriteriaSetCreate) {
  checkCriteria(input.criteria);
  return db.transaction().execute(async (trx) => {
    const row = await insertCriteriaSet(trx, {
      organisation_id: organisationId, series_id: randomUUID(), version_number: 1,
      kind: input.kind, name: input.name, description: input.description ?? null, status: 'draft',
    });
    await insertCriteria(trx, organisationId, row.id, input.criteria);
    return withCriteria(trx, row);
  });
}

export function patchCriteriaSet(db: Kysely<DB>, organisationId: string, id: string, expected: number | null, patch: CriteriaSetPatch) {
  checkCriteria(patch.criteria);
  return db.transaction().execute(async (trx) => {
    await lockSet(trx, organisationId, id, expected, true);
    if (patch.criteria !== undefined) await replaceCriteria(trx, organisationId, id, patch.criteria);
    const row = await updateCriteriaSet(trx, organisationId, id, {
      ...(patch.name !== undefined && { name: patch.name }),
      ...(patch.description !== undefined && { description: patch.description }),
    });
    return withCriteria(trx, row);
  });
}

export function removeCriteriaSet(db: Kysely<DB>, organisationId: string, id: string, expected: number | null) {
  return db.transaction().execute(async (trx) => {
    await lockSet(trx, organisationId, id, expected, true);
    await deleteCriteriaSet(trx, organisationId, id);
  });
}

/** Publishes a draft in the transaction given; the series' previous published version is superseded. */
export async function publishInTransaction(trx: Transaction<DB>, organisationId: string, id: string, expected: number | null) {
  const row = await lockSet(trx, organisationId, id, expected, true);
  const criteria = (await criteriaBySet(trx, organisationId, [id])).get(id) ?? [];
  if (criteria.length === 0) {
    throw unprocessable('criteria-set-empty', 'A criteria set without criteria cannot be published; add at least one criterion first.');
  }
  await supersedePublished(trx, organisationId, row.series_id);
  const published = await updateCriteriaSet(trx, organisationId, id, { status: 'published', published_at: new Date() });
  return toCriteriaSet(published, criteria);
}

export function publishCriteriaSet(db: Kysely<DB>, organisationId: string, id: string, expected: number | null) {
  return db.transaction().execute((trx) => publishInTransaction(trx, organisationId, id, expected));
}

/** Either unique index may catch a concurrent revise first: one draft per series, one row per version number. */
const raceConstraints = new Set(['criteria_sets_one_draft', 'criteria_sets_series_version_key']);

function isRevisionRace(error: unknown) {
  const e = error as { code?: unknown; constraint?: unknown } | null;
  return e !== null && typeof e === 'object' && e.code === '23505' && typeof e.constraint === 'string' && raceConstraints.has(e.constraint);
}

export async function reviseCriteriaSet(db: Kysely<DB>, organisationId: string, id: string) {
  try {
    return await db.transaction().execute(async (trx) => {
      const source = await findCriteriaSet(trx, organisationId, id);
      if (!source) throw notFound('The criteria set');
      if (await findDraftOfSeries(trx, organisationId, source.series_id)) throw draftExists();
      const versionNumber = (await highestVersionNumber(trx, organisationId, source.series_id)) + 1;
      const row = await insertCriteriaSet(trx, {
        organisation_id: organisationId, series_id: source.series_id, version_number: versionNumber,
        kind: source.kind, name: source.name, description: source.description, status: 'draft',
      });
      const criteria = (await criteriaBySet(trx, organisationId, [id])).get(id) ?? [];
      await insertCriteria(trx, organisationId, row.id, criteria.map((c) => ({
        title: c.title, guidance: c.guidance, answerType: c.answer_type, unit: c.unit, weight: c.weight, required: c.required,
      })));
      return withCriteria(trx, row);
    });
  } catch (error) {
    // Two revises at once both saw no draft; the index let only one through.
    if (isRevisionRace(error)) throw draftExists();
    throw error;
  }
}
