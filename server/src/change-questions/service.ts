import { sql, type Kysely, type Transaction } from 'kysely';
import type { ChangeQuestionCreate } from '@lagverk/shared';
import type { Actor } from '../auth/actor.ts';
import { notOwner } from '../auth/scope.ts';
import type { DB } from '../db/types.ts';
import { conflict, HttpProblem, notFound, unprocessable } from '../http/problem.ts';
import { staleVersion } from '../http/preconditions.ts';
import { notify } from '../notifications/notify.ts';
import { osloDate } from '../time.ts';
import { findProcess } from './repository.ts';

// Asking, answering, hiding and removing questions. Each change locks the question,
// checks the version it was made from and bumps it, in one transaction.
//
// An anonymous question is written with no asker at all: not in the row (the migration
// also keeps its time of day and its insert out of the audit trail), not in a
// notification, not in an idempotency record (the route takes no Idempotency-Key).

/** A completed or cancelled process takes no more questions. */
function assertOpenProcess(status: string) {
  if (status === 'completed' || status === 'cancelled') {
    throw conflict('process-closed', 'The change process is completed or cancelled and takes no more questions.');
  }
}

export function askQuestion(db: Kysely<DB>, actor: Actor, processId: string, input: ChangeQuestionCreate, writer: boolean) {
  return db.transaction().execute(async (trx) => {
    const process = await findProcess(trx, actor.organisationId, processId);
    assertOpenProcess(process.status);
    const viaMeeting = input.askedVia === 'meeting';
    let askedOn = osloDate();
    if (viaMeeting) {
      if (!writer) {
        throw new HttpProblem(403, 'forbidden', 'Forbidden', 'Only those who run the process (changeProcesses:write) record questions from a meeting.');
      }
      if (input.activityId === undefined) {
        throw unprocessable('activity-required', 'A question from a meeting names the staff meeting it was asked at.',
          [{ path: '/body/activityId', message: 'is required when askedVia is meeting', code: 'required' }]);
      }
      const activity = await trx.selectFrom('change_activities').select(['kind', 'held_on'])
        .where('organisation_id', '=', actor.organisationId).where('process_id', '=', processId).where('id', '=', input.activityId)
        .executeTakeFirst();
      if (!activity) {
        throw unprocessable('unknown-reference', 'The request refers to an activity that is not one of this process.',
          [{ path: '/body/activityId', message: 'no such activity in this process', code: 'reference' }]);
      }
      if (activity.kind !== 'staffMeeting') {
        throw unprocessable('not-a-staff-meeting', 'Questions are recorded from staff meetings only.',
          [{ path: '/body/activityId', message: 'is not a staff meeting', code: 'kind' }]);
      }
      askedOn = activity.held_on;
    } else if (input.activityId !== undefined) {
      throw unprocessable('activity-only-for-meetings', 'Only a question from a meeting names an activity.',
        [{ path: '/body/activityId', message: 'is allowed only when askedVia is meeting', code: 'meeting' }]);
    }
    // A question from a meeting names nobody: the writer records what was asked in the room.
    const anonymous = viaMeeting || input.anonymous === true;
    if (!anonymous && actor.personId === null) {
      throw unprocessable('no-person', 'You are not a person of the organisation, so a question cannot carry your name: ask anonymously.',
        [{ path: '/body/anonymous', message: 'must be true for a caller without a person', code: 'person' }]);
    }
    const row = await trx.insertInto('change_questions').values({
      organisation_id: actor.organisationId, process_id: processId, activity_id: viaMeeting ? input.activityId! : null,
      asked_via: viaMeeting ? 'meeting' : 'online', asker_person_id: anonymous ? null : actor.personId,
      question: input.question, asked_on: askedOn,
    }).returning('id').executeTakeFirstOrThrow();
    return row.id;
  });
}

async function lockQuestion(trx: Transaction<DB>, organisationId: string, id: string, expected: number | null) {
  const row = await trx.selectFrom('change_questions')
    .select(['id', 'process_id', 'version', 'status', 'asker_person_id', 'answer'])
    .where('organisation_id', '=', organisationId).where('id', '=', id).forUpdate().executeTakeFirst();
  if (!row) throw notFound('The question');
  if (expected !== null && row.version !== expected) throw staleVersion(row.version);
  return row;
}

async function update(trx: Transaction<DB>, organisationId: string, id: string, values: Record<string, unknown>) {
  await trx.updateTable('change_questions').set({ ...values, version: sql`version + 1`, updated_at: sql`now()` })
    .where('organisation_id', '=', organisationId).where('id', '=', id).execute();
}

/**
 * Publishes the answer (or changes it: then If-Match is required, so one writer does not
 * overwrite another's answer unseen). Answering a hidden question publishes it after all.
 * A named asker is notified the first time only.
 */
export function answerQuestion(db: Kysely<DB>, actor: Actor, id: string, expected: number | null, answer: string) {
  return db.transaction().execute(async (trx) => {
    const current = await lockQuestion(trx, actor.organisationId, id, expected);
    if (current.answer !== null && expected === null) {
      throw new HttpProblem(428, 'if-match-required', 'Precondition required',
        'The question has an answer already: send If-Match with the ETag of the version you edited to change it.');
    }
    const first = current.status !== 'answered' && current.answer === null;
    await update(trx, actor.organisationId, id, {
      status: 'answered', answer, hidden_reason: null, answerer_person_id: actor.personId,
      ...(current.answer === null && { answered_at: sql`date_trunc('milliseconds', now())` }),
    });
    if (first && current.asker_person_id !== null) {
      const process = await findProcess(trx, actor.organisationId, current.process_id);
      await notify(trx, {
        organisationId: actor.organisationId, personIds: [current.asker_person_id], kind: 'changeQuestionAnswered',
        subjectId: current.process_id, title: process.title, link: `/change-processes/${current.process_id}/questions`,
      });
    }
  });
}

export function hideQuestion(db: Kysely<DB>, actor: Actor, id: string, expected: number | null, reason: string) {
  return db.transaction().execute(async (trx) => {
    await lockQuestion(trx, actor.organisationId, id, expected);
    await update(trx, actor.organisationId, id, { status: 'hidden', hidden_reason: reason });
  });
}

/** The named asker removes their own question while it is open; a writer removes any. */
export function deleteQuestion(db: Kysely<DB>, actor: Actor, id: string, expected: number, writer: boolean) {
  return db.transaction().execute(async (trx) => {
    const current = await lockQuestion(trx, actor.organisationId, id, expected);
    if (!writer) {
      if (current.asker_person_id === null || current.asker_person_id !== actor.personId) throw notOwner();
      if (current.status !== 'open') {
        throw conflict('question-not-open', 'The question has been answered or hidden; ask those who run the process to remove it.');
      }
    }
    await trx.deleteFrom('change_questions').where('organisation_id', '=', actor.organisationId).where('id', '=', id).execute();
  });
}
