import type { Kysely, Transaction } from 'kysely';
import type { TeamResultCreate, TeamResultPatch, TeamStatus } from '@lagverk/shared';
import type { DB } from '../db/types.ts';
import { deleteVersioned, updateVersioned } from '../db/versioned.ts';
import { conflict, notFound } from '../http/problem.ts';
import { recordEvent } from '../teams/events.ts';
import { lockTeam } from '../teams/service.ts';
import { findResult, type ResultRow } from './repository.ts';

// A team's results: the concrete changes it made. Every write locks the team's row (as
// the team's own writes do), so a result never lands while the team changes status, and
// each write leaves an event in the team's timeline in the same transaction.

/** Statuses in which the team has started its work; before that it has nothing to report. */
const startedStatuses: readonly TeamStatus[] = ['approved', 'active', 'paused', 'concluded'];

function columns(input: TeamResultPatch) {
  return {
    ...(input.title !== undefined && { title: input.title }),
    ...(input.description !== undefined && { description: input.description }),
    ...(input.category !== undefined && { category: input.category }),
    ...(input.achievedOn !== undefined && { achieved_on: input.achievedOn }),
    ...(input.measures !== undefined && { measures: JSON.stringify(input.measures) }),
    ...(input.links !== undefined && { links: JSON.stringify(input.links) }),
  };
}

/** The team's result, with the team locked; 404 when either is missing or belongs elsewhere. */
export async function lockResult(trx: Transaction<DB>, organisationId: string, teamId: string, id: string) {
  await lockTeam(trx, organisationId, teamId, null);
  const result = await findResult(trx, organisationId, teamId, id);
  if (!result) throw notFound('The result');
  return result;
}

export function createResult(db: Kysely<DB>, organisationId: string, teamId: string, input: TeamResultCreate) {
  return db.transaction().execute(async (trx) => {
    const team = await lockTeam(trx, organisationId, teamId, null);
    if (!startedStatuses.includes(team.status)) {
      throw conflict('team-not-started',
        `A ${team.status} team has not started its work, so it has no results yet. Results can be added once the team is approved.`);
    }
    const row = await trx.insertInto('team_results')
      .values({
        organisation_id: organisationId, team_id: teamId, title: input.title, category: input.category, achieved_on: input.achievedOn,
        description: input.description ?? null, measures: JSON.stringify(input.measures ?? []), links: JSON.stringify(input.links ?? []),
      })
      .returningAll().executeTakeFirstOrThrow();
    await recordEvent(trx, organisationId, { teamId, kind: 'result.added', data: { resultId: row.id, title: row.title } });
    return row;
  });
}

export function patchResult(db: Kysely<DB>, organisationId: string, teamId: string, id: string, expected: number | null, patch: TeamResultPatch) {
  return db.transaction().execute(async (trx) => {
    await lockResult(trx, organisationId, teamId, id);
    const row = (await updateVersioned(trx, 'team_results', organisationId, id, expected, columns(patch))) as ResultRow;
    await recordEvent(trx, organisationId, { teamId, kind: 'result.changed', data: { resultId: id, title: row.title, fields: Object.keys(patch) } });
    return row;
  });
}

export function deleteResult(db: Kysely<DB>, organisationId: string, teamId: string, id: string, expected: number | null) {
  return db.transaction().execute(async (trx) => {
    const result = await lockResult(trx, organisationId, teamId, id);
    await deleteVersioned(trx, 'team_results', organisationId, id, expected);
    await recordEvent(trx, organisationId, { teamId, kind: 'result.removed', data: { resultId: id, title: result.title } });
  });
}
