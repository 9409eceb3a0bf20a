import { sql, type Kysely, type Transaction } from 'kysely';
import type { ChangeMessageCreate, ChangeMessagePatch, ProblemFieldError } from '@lagverk/shared';
import type { DB } from '../db/types.ts';
import { notFound, unprocessable } from '../http/problem.ts';
import { staleVersion } from '../http/preconditions.ts';
import { findProcess } from '../change-questions/repository.ts';
import { findMessage } from './repository.ts';

// Writing the communication plan: each change locks the message, checks the version it
// was made from and bumps it, in one transaction. `doneOn` goes with status done and
// only with it (the table checks it too): marking a message done needs the day; leaving
// done clears it.

/** The phase is one of this process's, the owner a person of the organisation (422 otherwise). */
async function assertReferences(trx: Transaction<DB>, organisationId: string, processId: string, phaseId: string | null | undefined, ownerPersonId: string | null | undefined) {
  const errors: ProblemFieldError[] = [];
  if (phaseId) {
    const phase = await trx.selectFrom('change_process_phases').select('id')
      .where('organisation_id', '=', organisationId).where('process_id', '=', processId).where('id', '=', phaseId).executeTakeFirst();
    if (!phase) errors.push({ path: '/body/phaseId', message: 'no such phase in this process', code: 'reference' });
  }
  if (ownerPersonId) {
    const person = await trx.selectFrom('people').select('id').where('organisation_id', '=', organisationId).where('id', '=', ownerPersonId).executeTakeFirst();
    if (!person) errors.push({ path: '/body/ownerPersonId', message: 'no such person', code: 'reference' });
  }
  if (errors.length > 0) throw unprocessable('unknown-reference', 'The request refers to something that does not exist.', errors);
}

/** The status and done date a write ends with; 422 when they do not go together. */
function doneState(status: 'planned' | 'done' | 'cancelled', doneOn: string | null | undefined, currentDoneOn: string | null) {
  if (status === 'done') {
    const day = doneOn === undefined ? currentDoneOn : doneOn;
    if (!day) {
      throw unprocessable('done-needs-date', 'A message marked done needs the day it was done.',
        [{ path: '/body/doneOn', message: 'is required when status is done', code: 'required' }]);
    }
    return { status, done_on: day };
  }
  if (doneOn) {
    throw unprocessable('date-needs-done', 'Only a message that is done has a day it was done.',
      [{ path: '/body/doneOn', message: 'is allowed only when status is done', code: 'status' }]);
  }
  return { status, done_on: null };
}

export function createMessage(db: Kysely<DB>, organisationId: string, processId: string, input: ChangeMessageCreate) {
  return db.transaction().execute(async (trx) => {
    await findProcess(trx, organisationId, processId);
    await assertReferences(trx, organisationId, processId, input.phaseId, input.ownerPersonId);
    const state = doneState(input.status ?? 'planned', input.doneOn, null);
    const row = await trx.insertInto('change_messages').values({
      organisation_id: organisationId, process_id: processId, phase_id: input.phaseId ?? null, title: input.title, content: input.content ?? null,
      audience: input.audience, channel: input.channel, planned_on: input.plannedOn, owner_person_id: input.ownerPersonId ?? null, ...state,
    }).returning('id').executeTakeFirstOrThrow();
    return (await findMessage(trx, organisationId, row.id))!;
  });
}

async function locked(trx: Transaction<DB>, organisationId: string, id: string, expected: number) {
  const row = await trx.selectFrom('change_messages').select(['id', 'process_id', 'version', 'status', 'done_on'])
    .where('organisation_id', '=', organisationId).where('id', '=', id).forUpdate().executeTakeFirst();
  if (!row) throw notFound('The message');
  if (row.version !== expected) throw staleVersion(row.version);
  return row;
}

export function patchMessage(db: Kysely<DB>, organisationId: string, id: string, expected: number, patch: ChangeMessagePatch) {
  return db.transaction().execute(async (trx) => {
    const current = await locked(trx, organisationId, id, expected);
    await assertReferences(trx, organisationId, current.process_id, patch.phaseId, patch.ownerPersonId);
    const state = patch.status !== undefined || patch.doneOn !== undefined
      ? doneState(patch.status ?? current.status, patch.doneOn, current.done_on)
      : {};
    await trx.updateTable('change_messages').set({
      ...(patch.title !== undefined && { title: patch.title }),
      ...(patch.content !== undefined && { content: patch.content }),
      ...(patch.audience !== undefined && { audience: patch.audience }),
      ...(patch.channel !== undefined && { channel: patch.channel }),
      ...(patch.plannedOn !== undefined && { planned_on: patch.plannedOn }),
      ...(patch.phaseId !== undefined && { phase_id: patch.phaseId }),
      ...(patch.ownerPersonId !== undefined && { owner_person_id: patch.ownerPersonId }),
      ...state,
      version: sql`version + 1`, updated_at: sql`now()`,
    }).where('organisation_id', '=', organisationId).where('id', '=', id).execute();
    return (await findMessage(trx, organisationId, id))!;
  });
}

export function deleteMessage(db: Kysely<DB>, organisationId: string, id: string, expected: number) {
  return db.transaction().execute(async (trx) => {
    await locked(trx, organisationId, id, expected);
    await trx.deleteFrom('change_messages').where('organisation_id', '=', organisationId).where('id', '=', id).execute();
  });
}
