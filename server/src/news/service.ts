import { sql, type Kysely, type Transaction } from 'kysely';
import type { NewsItemCreate, NewsItemPatch, ProblemFieldError } from '@lagverk/shared';
import type { DB } from '../db/types.ts';
import { conflict, notFound, unprocessable } from '../http/problem.ts';
import { staleVersion } from '../http/preconditions.ts';
import { uuidArray } from '../db/arrays.ts';
import { updateLockedRow } from '../db/versioned.ts';
import { findNews, lockNews, type NewsRow } from './repository.ts';

// Writing news: each change locks the item, checks the version it was made from, and
// bumps it, in one transaction. Publishing is an action of its own, so that a plain edit
// never publishes by accident.

/** Every audience unit is one of the organisation's (422 `unknown-reference` names each that is not). */
async function assertAudience(trx: Transaction<DB>, organisationId: string, unitIds: string[]) {
  if (unitIds.length === 0) return;
  const found = new Set((await trx.selectFrom('units').select('id')
    .where('organisation_id', '=', organisationId).where('id', 'in', unitIds).execute()).map((r) => r.id));
  const errors: ProblemFieldError[] = unitIds.flatMap((id, i) =>
    found.has(id) ? [] : [{ path: `/body/audienceUnitIds/${i}`, message: 'no such unit', code: 'reference' }]);
  if (errors.length > 0) throw unprocessable('unknown-reference', 'The request refers to something that does not exist.', errors);
}

export function createNews(db: Kysely<DB>, organisationId: string, input: NewsItemCreate, authorPersonId: string | null) {
  return db.transaction().execute(async (trx) => {
    await assertAudience(trx, organisationId, input.audienceUnitIds ?? []);
    const inserted = await trx.insertInto('news_items').values({
      organisation_id: organisationId, kind: input.kind, title: input.title, body: input.body, pinned: input.pinned ?? false,
      audience_unit_ids: uuidArray(input.audienceUnitIds ?? []), expires_on: input.expiresOn ?? null, author_person_id: authorPersonId,
    }).returning('id').executeTakeFirstOrThrow();
    return (await findNews(trx, organisationId, inserted.id))!;
  });
}

/** Locks the item and checks the version the caller edited (null: any); 404 when it is missing or another organisation's. */
async function locked(trx: Transaction<DB>, organisationId: string, id: string, expected: number | null) {
  const row = await lockNews(trx, organisationId, id);
  if (!row) throw notFound('The news item');
  if (expected !== null && row.version !== expected) throw staleVersion(row.version);
  return (await findNews(trx, organisationId, id))!;
}

async function update(trx: Transaction<DB>, organisationId: string, id: string, values: Record<string, unknown>): Promise<NewsRow> {
  await updateLockedRow(trx, 'news_items', organisationId, id, values);
  return (await findNews(trx, organisationId, id))!;
}

export function patchNews(db: Kysely<DB>, organisationId: string, id: string, expected: number, patch: NewsItemPatch) {
  return db.transaction().execute(async (trx) => {
    await locked(trx, organisationId, id, expected);
    if (patch.audienceUnitIds !== undefined) await assertAudience(trx, organisationId, patch.audienceUnitIds);
    return update(trx, organisationId, id, {
      ...(patch.kind !== undefined && { kind: patch.kind }),
      ...(patch.title !== undefined && { title: patch.title }),
      ...(patch.body !== undefined && { body: patch.body }),
      ...(patch.pinned !== undefined && { pinned: patch.pinned }),
      ...(patch.audienceUnitIds !== undefined && { audience_unit_ids: uuidArray(patch.audienceUnitIds) }),
      ...(patch.expiresOn !== undefined && { expires_on: patch.expiresOn }),
    });
  });
}

export function deleteNews(db: Kysely<DB>, organisationId: string, id: string, expected: number) {
  return db.transaction().execute(async (trx) => {
    await locked(trx, organisationId, id, expected);
    await trx.deleteFrom('news_items').where('organisation_id', '=', organisationId).where('id', '=', id).execute();
  });
}

/**
 * A draft or a scheduled item is published now, or scheduled for `publishAt`; an item
 * already out is a 409 (unpublish it first), and a time in the past a 422.
 */
export function publishNews(db: Kysely<DB>, organisationId: string, id: string, expected: number | null, publishAt: string | undefined) {
  return db.transaction().execute(async (trx) => {
    const current = await locked(trx, organisationId, id, expected);
    if (current.status === 'published' || current.status === 'expired') {
      throw conflict('already-published', 'The item is already published; unpublish it first to schedule it again.');
    }
    if (publishAt !== undefined) {
      const past = (await sql<{ past: boolean }>`select ${publishAt}::timestamptz < now() as past`.execute(trx)).rows[0]?.past;
      if (past) {
        throw unprocessable('publish-at-in-past', 'A publication time must be in the future; leave it out to publish now.',
          [{ path: '/body/publishAt', message: 'is in the past', code: 'date' }]);
      }
    }
    return update(trx, organisationId, id, {
      // Truncated: the column keeps milliseconds, and rounding up would make it "scheduled" for a moment.
      published_at: publishAt === undefined ? sql`date_trunc('milliseconds', now())` : sql`${publishAt}::timestamptz`,
    });
  });
}

/** Back to a draft: a published, expired or scheduled item; a draft is a 409. */
export function unpublishNews(db: Kysely<DB>, organisationId: string, id: string, expected: number | null) {
  return db.transaction().execute(async (trx) => {
    const current = await locked(trx, organisationId, id, expected);
    if (current.status === 'draft') throw conflict('not-published', 'The item is a draft already.');
    return update(trx, organisationId, id, { published_at: null });
  });
}
