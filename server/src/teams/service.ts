import { sql, type Kysely, type Transaction } from 'kysely';
import type { AssessmentPut, ProblemFieldError, TeamCreate, TeamDecision, TeamPatch } from '@lagverk/shared';
import type { DB } from '../db/types.ts';
import { deleteVersioned, updateVersioned } from '../db/versioned.ts';
import { conflict, notFound, unprocessable } from '../http/problem.ts';
import { staleVersion } from '../http/preconditions.ts';
import { assertUnitExists } from '../http/references.ts';
import { assertPublishedEstablishmentSet, checkAnswers, criteriaOfSet, loadAssessment, replaceAnswers } from './assessment.ts';
import { recordEvent } from './events.ts';
import { assessmentEditable, editableFields, nextStatus, transitions, type TeamAction } from './lifecycle.ts';
import { textArray } from '../db/arrays.ts';
import { findTeam, replaceTeamUnits, teamUnitIds, type TeamRow } from './repository.ts';
import { notifyTeamTransition } from '../notifications/triggers.ts';

// The rules of a team's life. Every write locks the team's row first, so an edit, an
// assessment, a member change and a transition never interleave on one team.

function columns(input: Partial<TeamCreate>) {
  return {
    ...(input.name !== undefined && { name: input.name }),
    ...(input.purpose !== undefined && { purpose: input.purpose }),
    ...(input.mandate !== undefined && { mandate: input.mandate }),
    ...(input.everydayTask !== undefined && { everyday_task: input.everydayTask }),
    ...(input.expectedEffect !== undefined && { expected_effect: input.expectedEffect }),
    ...(input.effectGoals !== undefined && { effect_goals: input.effectGoals }),
    ...(input.startDate !== undefined && { start_date: input.startDate }),
    ...(input.plannedEndDate !== undefined && { planned_end_date: input.plannedEndDate }),
    ...(input.hoursPerMemberPerMonth !== undefined && { hours_per_member_per_month: input.hoursPerMemberPerMonth }),
    ...(input.meetingRhythm !== undefined && { meeting_rhythm: input.meetingRhythm }),
    ...(input.budgetNok !== undefined && { budget_nok: input.budgetNok }),
    ...(input.otherResources !== undefined && { other_resources: input.otherResources }),
    ...(input.evaluationIntervalMonths !== undefined && { evaluation_interval_months: input.evaluationIntervalMonths }),
  };
}


function checkDates(startDate: string | null | undefined, plannedEndDate: string | null | undefined) {
  if (startDate && plannedEndDate && plannedEndDate < startDate) {
    throw unprocessable('dates-out-of-order', 'The planned end cannot be before the start.',
      [{ path: '/body/plannedEndDate', message: 'is before startDate', code: 'order' }]);
  }
}

async function checkUnits(trx: Transaction<DB>, organisationId: string, unitIds: string[]) {
  for (const [i, unitId] of unitIds.entries()) await assertUnitExists(trx, organisationId, unitId, `unitIds/${i}`, { active: true });
}

/** The team, locked for this transaction; 404 if missing, 412 if `expected` is stale. */
export async function lockTeam(trx: Transaction<DB>, organisationId: string, id: string, expected: number | null) {
  const team = await findTeam(trx, organisationId, id, { forUpdate: true });
  if (!team) throw notFound('The team');
  if (expected !== null && team.version !== expected) throw staleVersion(team.version);
  return team;
}

/** Bumps the team's version (so its ETag changes) and sets `values`. */
function bump(trx: Transaction<DB>, organisationId: string, id: string, values: Record<string, unknown>) {
  return updateVersioned(trx, 'teams', organisationId, id, null, values) as Promise<TeamRow>;
}

/**
 * `coordinatorId`: a person who proposes a team but may edit only teams they coordinate
 * becomes its coordinator, in the same transaction, so they can go on working on it.
 */
export function createTeam(db: Kysely<DB>, organisationId: string, input: TeamCreate, options: { coordinatorId?: string | null } = {}) {
  return db.transaction().execute(async (trx) => {
    checkDates(input.startDate, input.plannedEndDate);
    const unitIds = input.unitIds ?? [];
    await checkUnits(trx, organisationId, unitIds);
    const { effect_goals: goals, ...rest } = columns(input);
    const row = await trx.insertInto('teams')
      .values({ organisation_id: organisationId, ...rest, name: input.name, ...(goals && { effect_goals: textArray(goals) }) })
      .returningAll().executeTakeFirstOrThrow();
    await replaceTeamUnits(trx, organisationId, row.id, unitIds);
    await recordEvent(trx, organisationId, { teamId: row.id, kind: 'team.created', data: { name: row.name } });
    if (options.coordinatorId) {
      const member = await trx.insertInto('team_members')
        .values({ organisation_id: organisationId, team_id: row.id, person_id: options.coordinatorId, role: 'coordinator' })
        .returningAll().executeTakeFirstOrThrow();
      await recordEvent(trx, organisationId, {
        teamId: row.id, kind: 'member.added', data: { memberId: member.id, personId: member.person_id, role: member.role, joinedOn: member.joined_on },
      });
    }
    return row;
  });
}

export function patchTeam(db: Kysely<DB>, organisationId: string, id: string, expected: number | null, patch: TeamPatch) {
  return db.transaction().execute(async (trx) => {
    const team = await lockTeam(trx, organisationId, id, expected);
    const editable = editableFields(team.status);
    if (editable !== 'all') {
      const locked = Object.keys(patch).filter((field) => !editable.includes(field));
      if (locked.length) {
        const errors: ProblemFieldError[] = locked.map((field) => ({ path: `/body/${field}`, message: `cannot be changed while the team is ${team.status}`, code: 'locked' }));
        throw conflict('team-not-editable', editable.length
          ? `While the team is ${team.status}, only its framework conditions can change (${editable.join(', ')}).`
          : `A ${team.status} team cannot be edited.`, { errors });
      }
    }
    checkDates(patch.startDate !== undefined ? patch.startDate : team.start_date, patch.plannedEndDate !== undefined ? patch.plannedEndDate : team.planned_end_date);
    if (patch.unitIds) {
      const current = new Set(await teamUnitIds(trx, organisationId, id));
      // Units already taking part may have been deactivated since; only new ones must be active.
      await checkUnits(trx, organisationId, patch.unitIds.filter((unitId) => !current.has(unitId)));
      await replaceTeamUnits(trx, organisationId, id, patch.unitIds);
    }
    const { effect_goals: goals, ...rest } = columns(patch);
    const row = await bump(trx, organisationId, id, { ...rest, ...(goals && { effect_goals: textArray(goals) }) });
    await recordEvent(trx, organisationId, { teamId: id, kind: 'team.updated', data: { fields: Object.keys(patch) } });
    return row;
  });
}

export function deleteTeam(db: Kysely<DB>, organisationId: string, id: string, expected: number | null) {
  return db.transaction().execute(async (trx) => {
    const team = await lockTeam(trx, organisationId, id, expected);
    if (team.status !== 'draft') {
      throw conflict('team-not-draft', `Only a draft can be deleted; a ${team.status} team is part of the record.`);
    }
    await deleteVersioned(trx, 'teams', organisationId, id, team.version);
  });
}

/** What a proposal lacks: an assessment with every required criterion answered, a unit, a coordinator. */
async function proposalGaps(trx: Transaction<DB>, organisationId: string, team: TeamRow) {
  const gaps: ProblemFieldError[] = [];
  if (!team.establishment_set_id) {
    gaps.push({ path: '/assessment', message: 'is missing: assess the team against a published establishment set', code: 'required' });
  } else {
    const set = await trx.selectFrom('criteria_sets').select('status').where('organisation_id', '=', organisationId).where('id', '=', team.establishment_set_id).executeTakeFirstOrThrow();
    if (set.status !== 'published') gaps.push({ path: '/assessment/criteriaSetId', message: `names a ${set.status} set: assess again against the published one`, code: 'status' });
    const assessment = await loadAssessment(trx, organisationId, team.id, team.establishment_set_id);
    for (const criterionId of assessment.unanswered) gaps.push({ path: `/assessment/criteria/${criterionId}`, message: 'is required and not answered', code: 'required' });
  }
  if ((await teamUnitIds(trx, organisationId, team.id)).length === 0) gaps.push({ path: '/unitIds', message: 'must name at least one participating unit', code: 'minItems' });
  const coordinator = await trx.selectFrom('team_members').select('id')
    .where('organisation_id', '=', organisationId).where('team_id', '=', team.id).where('left_on', 'is', null).where('role', '=', 'coordinator')
    .executeTakeFirst();
  if (!coordinator) gaps.push({ path: '/members', message: 'must include a current coordinator', code: 'coordinator' });
  return gaps;
}

export function transitionTeam(db: Kysely<DB>, organisationId: string, id: string, expected: number | null, action: TeamAction, decision?: TeamDecision) {
  return db.transaction().execute(async (trx) => {
    const team = await lockTeam(trx, organisationId, id, expected);
    const status = nextStatus(team.status, action);
    if (action === 'propose') {
      const gaps = await proposalGaps(trx, organisationId, team);
      if (gaps.length) throw unprocessable('proposal-incomplete', `The proposal is not complete: ${gaps.length} thing${gaps.length === 1 ? '' : 's'} missing.`, gaps);
    }
    if (action === 'approve') {
      const { unmetRequired } = await loadAssessment(trx, organisationId, id, team.establishment_set_id);
      if (unmetRequired.length) {
        throw conflict('required-criteria-unmet', `${unmetRequired.length} required criteri${unmetRequired.length === 1 ? 'on is' : 'a are'} not met, so the proposal cannot be approved. Reject it with a reason instead.`,
          { errors: unmetRequired.map((criterionId) => ({ path: `/assessment/criteria/${criterionId}`, message: 'is required and not met', code: 'unmet' })) });
      }
    }
    const decided = action === 'approve' || action === 'reject';
    const row = await bump(trx, organisationId, id, { status, ...(decided && { decision_reason: decision!.reason, decided_at: sql`now()` }) });
    await recordEvent(trx, organisationId, {
      teamId: id, kind: transitions[action].event as 'team.proposed', data: { from: team.status, to: status, ...(decided && { reason: decision!.reason }) },
    });
    await notifyTeamTransition(trx, organisationId, row, action);
    return row;
  });
}

export function putAssessment(db: Kysely<DB>, organisationId: string, id: string, expected: number | null, input: AssessmentPut) {
  return db.transaction().execute(async (trx) => {
    const team = await lockTeam(trx, organisationId, id, expected);
    if (!assessmentEditable(team.status)) {
      throw conflict('team-not-editable', `The assessment is part of the proposal and cannot change while the team is ${team.status}.`);
    }
    await assertPublishedEstablishmentSet(trx, organisationId, input.criteriaSetId);
    checkAnswers(await criteriaOfSet(trx, organisationId, input.criteriaSetId), input.answers);
    await replaceAnswers(trx, organisationId, id, input.answers);
    await bump(trx, organisationId, id, { establishment_set_id: input.criteriaSetId });
    const assessment = await loadAssessment(trx, organisationId, id, input.criteriaSetId);
    await recordEvent(trx, organisationId, { teamId: id, kind: 'team.assessed', data: { criteriaSetId: input.criteriaSetId, unmetRequired: assessment.unmetRequired.length } });
    return assessment;
  });
}

