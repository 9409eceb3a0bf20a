import { sql, type Kysely, type Transaction } from 'kysely';
import type {
  ProblemFieldError, TripartiteAgreementCreate, TripartiteAgreementPatch, TripartiteParty, TripartiteVersionCreate,
} from '@lagverk/shared';
import type { DB } from '../db/types.ts';
import { textArray } from '../db/arrays.ts';
import { conflict, notFound, unprocessable } from '../http/problem.ts';
import { staleVersion } from '../http/preconditions.ts';
import { lockAgreement } from './repository.ts';

// Writing agreements: every write locks the agreement and checks the version the caller
// read, in one transaction. A new text is always a new version row; the rows already
// written are never touched (the database refuses it too).

const label = 'The tripartite agreement';

interface VersionInput {
  title: string;
  body: string;
  changeNote: string | null;
  agreedOn: string | null;
  agreedBy: readonly TripartiteParty[];
  arenaMeetingId: string | null;
}

/** References to a change process or an arena meeting must be the organisation's (422 `unknown-reference`). */
async function assertReferences(trx: Transaction<DB>, organisationId: string, refs: { processId?: string | null; arenaMeetingId?: string | null }) {
  const errors: ProblemFieldError[] = [];
  if (refs.processId) {
    const found = await trx.selectFrom('change_processes').select('id')
      .where('organisation_id', '=', organisationId).where('id', '=', refs.processId).executeTakeFirst();
    if (!found) errors.push({ path: '/body/processId', message: 'no such change process', code: 'reference' });
  }
  if (refs.arenaMeetingId) {
    const found = await trx.selectFrom('arena_meetings').select('id')
      .where('organisation_id', '=', organisationId).where('id', '=', refs.arenaMeetingId).executeTakeFirst();
    if (!found) errors.push({ path: '/body/arenaMeetingId', message: 'no such meeting', code: 'reference' });
  }
  if (errors.length > 0) throw unprocessable('unknown-reference', 'The request refers to something that does not exist.', errors);
}

/** Parties agree on a day: parties without `agreedOn` are a 422. */
function assertAgreement(input: { agreedOn?: string | null; agreedBy?: readonly TripartiteParty[] }) {
  if ((input.agreedBy?.length ?? 0) > 0 && !input.agreedOn) {
    throw unprocessable('agreed-on-required', 'Name the day the parties agreed, or no parties.',
      [{ path: '/body/agreedOn', message: 'is required when agreedBy names parties', code: 'required' }]);
  }
}

function insertVersion(trx: Transaction<DB>, organisationId: string, agreementId: string, number: number, input: VersionInput, authorPersonId: string | null) {
  return trx.insertInto('tripartite_agreement_versions').values({
    organisation_id: organisationId, agreement_id: agreementId, number, title: input.title, body: input.body,
    change_note: input.changeNote, agreed_on: input.agreedOn, agreed_by: textArray(input.agreedBy) as never,
    arena_meeting_id: input.arenaMeetingId, author_person_id: authorPersonId,
  }).execute();
}

export function createAgreement(db: Kysely<DB>, organisationId: string, input: TripartiteAgreementCreate, authorPersonId: string | null) {
  assertAgreement(input);
  return db.transaction().execute(async (trx) => {
    await assertReferences(trx, organisationId, input);
    const agreement = await trx.insertInto('tripartite_agreements').values({
      organisation_id: organisationId, title: input.title, status: input.status ?? 'draft', process_id: input.processId ?? null,
    }).returning('id').executeTakeFirstOrThrow();
    await insertVersion(trx, organisationId, agreement.id, 1, {
      title: input.title, body: input.body, changeNote: input.changeNote ?? null, agreedOn: input.agreedOn ?? null,
      agreedBy: input.agreedBy ?? [], arenaMeetingId: input.arenaMeetingId ?? null,
    }, authorPersonId);
    return agreement.id;
  });
}

async function locked(trx: Transaction<DB>, organisationId: string, id: string) {
  const row = await lockAgreement(trx, organisationId, id);
  if (!row) throw notFound(label);
  return row;
}

function bump(trx: Transaction<DB>, organisationId: string, id: string, values: Record<string, unknown>) {
  return trx.updateTable('tripartite_agreements').set({ ...values, version: sql`version + 1`, updated_at: sql`now()` })
    .where('organisation_id', '=', organisationId).where('id', '=', id).execute();
}

export function patchAgreement(db: Kysely<DB>, organisationId: string, id: string, expected: number, patch: TripartiteAgreementPatch) {
  return db.transaction().execute(async (trx) => {
    const row = await locked(trx, organisationId, id);
    if (row.version !== expected) throw staleVersion(row.version);
    await assertReferences(trx, organisationId, patch);
    await bump(trx, organisationId, id, {
      ...(patch.title !== undefined && { title: patch.title }),
      ...(patch.status !== undefined && { status: patch.status }),
      ...(patch.processId !== undefined && { process_id: patch.processId }),
    });
  });
}

/**
 * A new version on top of `basedOn`. Someone else's version written since (the current
 * version is no longer `basedOn`) is a 409 `version-added`, told apart from a plain stale
 * If-Match (412): the caller must read the other text before replacing it.
 */
export function addVersion(db: Kysely<DB>, organisationId: string, id: string, expected: number, input: TripartiteVersionCreate, authorPersonId: string | null) {
  assertAgreement(input);
  return db.transaction().execute(async (trx) => {
    const row = await locked(trx, organisationId, id);
    if (row.current_version !== input.basedOn) {
      throw conflict('version-added',
        `Version ${row.current_version} was added since you started from version ${input.basedOn}. Read it, then write yours on top of it.`,
        { currentVersion: row.version });
    }
    if (row.version !== expected) throw staleVersion(row.version);
    if (row.status === 'retired') throw conflict('agreement-retired', 'A retired agreement gets no new versions; set it to draft or agreed first.');
    await assertReferences(trx, organisationId, input);
    const number = row.current_version + 1;
    const title = input.title ?? row.title;
    await insertVersion(trx, organisationId, id, number, {
      title, body: input.body, changeNote: input.changeNote, agreedOn: input.agreedOn ?? null,
      agreedBy: input.agreedBy ?? [], arenaMeetingId: input.arenaMeetingId ?? null,
    }, authorPersonId);
    await bump(trx, organisationId, id, { current_version: number, title });
  });
}

/** Only a draft that never got past its first version can go; anything else is history. */
export function deleteAgreement(db: Kysely<DB>, organisationId: string, id: string, expected: number) {
  return db.transaction().execute(async (trx) => {
    const row = await locked(trx, organisationId, id);
    if (row.version !== expected) throw staleVersion(row.version);
    // A version the parties agreed on is history even when the agreement was set back to draft.
    const agreed = await trx.selectFrom('tripartite_agreement_versions').select('number')
      .where('organisation_id', '=', organisationId).where('agreement_id', '=', id).where('agreed_on', 'is not', null)
      .executeTakeFirst();
    if (row.status !== 'draft' || row.current_version !== 1 || agreed) {
      throw conflict('agreement-has-history', 'Only a draft with one version, never agreed on, can be deleted; retire the agreement instead.');
    }
    await trx.deleteFrom('tripartite_agreements').where('organisation_id', '=', organisationId).where('id', '=', id).execute();
  });
}
