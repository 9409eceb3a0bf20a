import { sql, type Kysely, type Transaction } from 'kysely';
import {
  changeProcessTransitions, type ChangeProcessCreate, type ChangeProcessMemberInput, type ChangeProcessPatch, type ChangeProcessPhaseInput,
  type ChangeProcessStatus, type ProblemFieldError,
} from '@lagverk/shared';
import type { DB } from '../db/types.ts';
import { uuidArray } from '../db/arrays.ts';
import { conflict, notFound, unprocessable } from '../http/problem.ts';
import { staleVersion } from '../http/preconditions.ts';
import { findProcess } from './repository.ts';

// The rules of a change process. Each write runs in one transaction with the process
// locked; its phases and project group are lists edited with it, under its version. A
// phase keeps its id across edits, because activities link to it.

type Trx = Transaction<DB>;

const unknownReference = (errors: ProblemFieldError[]) =>
  unprocessable('unknown-reference', 'The request refers to something that does not exist.', errors);

/** Which of `ids` are not rows of `table` in the organisation. */
async function missing(trx: Trx, table: 'people' | 'units', organisationId: string, ids: string[]) {
  const unique = [...new Set(ids)];
  if (unique.length === 0) return new Set<string>();
  const found = new Set((await trx.selectFrom(table).select('id').where('organisation_id', '=', organisationId).where('id', 'in', unique).execute()).map((r) => r.id));
  return new Set(unique.filter((id) => !found.has(id)));
}

interface Parts {
  phases?: ChangeProcessPhaseInput[] | undefined;
  projectGroup?: ChangeProcessMemberInput[] | undefined;
  affectedUnitIds?: string[] | undefined;
}

/** Every rule on the lists, all failures at once: dates, phase ids, people once, references. */
async function assertParts(trx: Trx, organisationId: string, processId: string | null, parts: Parts) {
  const dates: ProblemFieldError[] = [];
  parts.phases?.forEach((p, i) => {
    if (p.endsOn < p.startsOn) dates.push({ path: `/body/phases/${i}/endsOn`, message: 'is before startsOn', code: 'date' });
  });
  if (dates.length > 0) throw unprocessable('phase-ends-before-start', 'A phase ends on or after the day it starts.', dates);

  const duplicates: ProblemFieldError[] = [];
  const seen = new Set<string>();
  parts.projectGroup?.forEach((m, i) => {
    if (seen.has(m.personId)) duplicates.push({ path: `/body/projectGroup/${i}/personId`, message: 'is already in the project group', code: 'uniqueItems' });
    seen.add(m.personId);
  });
  if (duplicates.length > 0) throw unprocessable('duplicate-member', 'A person is in the project group once.', duplicates);

  const errors: ProblemFieldError[] = [];
  const keptIds = (parts.phases ?? []).flatMap((p) => (p.id ? [p.id] : []));
  if (keptIds.length > 0) {
    const own = processId === null ? new Set<string>() : new Set((await trx.selectFrom('change_process_phases').select('id')
      .where('organisation_id', '=', organisationId).where('process_id', '=', processId).where('id', 'in', keptIds).execute()).map((r) => r.id));
    const sent = new Set<string>();
    parts.phases!.forEach((p, i) => {
      if (!p.id) return;
      if (!own.has(p.id) || sent.has(p.id)) errors.push({ path: `/body/phases/${i}/id`, message: sent.has(p.id) ? 'is sent twice' : 'is not a phase of this process', code: 'reference' });
      sent.add(p.id);
    });
  }
  const people = await missing(trx, 'people', organisationId, (parts.projectGroup ?? []).map((m) => m.personId));
  parts.projectGroup?.forEach((m, i) => {
    if (people.has(m.personId)) errors.push({ path: `/body/projectGroup/${i}/personId`, message: 'no such person', code: 'reference' });
  });
  const units = await missing(trx, 'units', organisationId, parts.affectedUnitIds ?? []);
  parts.affectedUnitIds?.forEach((id, i) => {
    if (units.has(id)) errors.push({ path: `/body/affectedUnitIds/${i}`, message: 'no such unit', code: 'reference' });
  });
  if (errors.length > 0) throw unknownReference(errors);
}

/**
 * The phases become `phases`, in order: those sent with an id are updated in place (so
 * activities stay linked), the others inserted, and the rest deleted (their activities
 * stay in the process without a phase). Positions are unique, so the kept phases are
 * first moved out of the way.
 */
async function replacePhases(trx: Trx, organisationId: string, processId: string, phases: ChangeProcessPhaseInput[]) {
  const ofProcess = trx.deleteFrom('change_process_phases').where('organisation_id', '=', organisationId).where('process_id', '=', processId);
  const kept = phases.flatMap((p) => (p.id ? [p.id] : []));
  await (kept.length > 0 ? ofProcess.where('id', 'not in', kept) : ofProcess).execute();
  await trx.updateTable('change_process_phases').set({ position: sql`-1 - position` })
    .where('organisation_id', '=', organisationId).where('process_id', '=', processId).execute();
  for (const [position, phase] of phases.entries()) {
    const values = { position, name: phase.name, description: phase.description ?? null, starts_on: phase.startsOn, ends_on: phase.endsOn };
    if (phase.id) {
      await trx.updateTable('change_process_phases').set(values)
        .where('organisation_id', '=', organisationId).where('id', '=', phase.id).execute();
    } else {
      await trx.insertInto('change_process_phases').values({ organisation_id: organisationId, process_id: processId, ...values }).execute();
    }
  }
}

async function replaceProjectGroup(trx: Trx, organisationId: string, processId: string, members: ChangeProcessMemberInput[]) {
  await trx.deleteFrom('change_process_members').where('organisation_id', '=', organisationId).where('process_id', '=', processId).execute();
  if (members.length === 0) return;
  await trx.insertInto('change_process_members').values(members.map((m, position) => ({
    organisation_id: organisationId, process_id: processId, person_id: m.personId, role: m.role, position,
  }))).execute();
}

export function createProcess(db: Kysely<DB>, organisationId: string, input: ChangeProcessCreate) {
  return db.transaction().execute(async (trx) => {
    await assertParts(trx, organisationId, null, input);
    const row = await trx.insertInto('change_processes').values({
      organisation_id: organisationId, title: input.title, mandate: input.mandate, background: input.background ?? null,
      status: input.status ?? 'planned', affected_unit_ids: uuidArray(input.affectedUnitIds ?? []),
    }).returning('id').executeTakeFirstOrThrow();
    await replacePhases(trx, organisationId, row.id, input.phases ?? []);
    await replaceProjectGroup(trx, organisationId, row.id, input.projectGroup ?? []);
    return row.id;
  });
}

async function lockProcess(trx: Trx, organisationId: string, id: string, expected: number) {
  const row = await findProcess(trx, organisationId, id, { forUpdate: true });
  if (!row) throw notFound('The change process');
  if (row.version !== expected) throw staleVersion(row.version);
  return row;
}

function assertTransition(from: ChangeProcessStatus, to: ChangeProcessStatus) {
  if (from === to) return;
  const allowed = changeProcessTransitions[from];
  if (!allowed.includes(to)) {
    throw conflict('illegal-transition', `A ${from} process cannot become ${to}${allowed.length > 0 ? `; it can become ${allowed.join(' or ')}` : '; its status is final'}.`, { allowed });
  }
}

export function patchProcess(db: Kysely<DB>, organisationId: string, id: string, expected: number, patch: ChangeProcessPatch) {
  return db.transaction().execute(async (trx) => {
    const current = await lockProcess(trx, organisationId, id, expected);
    if (patch.status !== undefined) assertTransition(current.status, patch.status);
    await assertParts(trx, organisationId, id, patch);
    await trx.updateTable('change_processes').set({
      ...(patch.title !== undefined && { title: patch.title }),
      ...(patch.mandate !== undefined && { mandate: patch.mandate }),
      ...(patch.background !== undefined && { background: patch.background }),
      ...(patch.status !== undefined && { status: patch.status }),
      ...(patch.affectedUnitIds !== undefined && { affected_unit_ids: uuidArray(patch.affectedUnitIds) }),
      version: sql`version + 1`, updated_at: sql`now()`,
    }).where('organisation_id', '=', organisationId).where('id', '=', id).execute();
    if (patch.phases) await replacePhases(trx, organisationId, id, patch.phases);
    if (patch.projectGroup) await replaceProjectGroup(trx, organisationId, id, patch.projectGroup);
  });
}

/** Only a planned process is deleted: once started, its record stays, and it is cancelled instead. */
export function deleteProcess(db: Kysely<DB>, organisationId: string, id: string, expected: number) {
  return db.transaction().execute(async (trx) => {
    const current = await lockProcess(trx, organisationId, id, expected);
    if (current.status !== 'planned') {
      throw conflict('change-process-started', 'A process that has started is kept for the record: cancel it (status `cancelled`) instead of deleting it.');
    }
    // An applied organisation chart is the record of a change to the unit tree: it is never
    // deleted (see org-charts/service.ts), so neither is the process that holds it. Every
    // proposal is locked, so one being applied right now is seen once it is.
    const proposals = await trx.selectFrom('org_chart_proposals').select('status')
      .where('organisation_id', '=', organisationId).where('process_id', '=', id).forUpdate().execute();
    if (proposals.some((p) => p.status === 'applied')) {
      throw conflict('change-process-started', 'An organisation chart of this process has been applied to the unit tree, so the process is kept for the record: cancel it (status `cancelled`) instead of deleting it.');
    }
    await trx.deleteFrom('change_processes').where('organisation_id', '=', organisationId).where('id', '=', id).execute();
  });
}
