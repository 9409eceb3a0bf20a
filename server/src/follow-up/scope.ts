import { sql, type Kysely } from 'kysely';
import type { FastifyRequest } from 'fastify';
import { permissionTable } from '@lagverk/shared';
import type { DB } from '../db/types.ts';
import { actorOf } from '../auth/actor.ts';
import { scopeChecked } from '../auth/access.ts';
import { involvesUnitLedBy } from '../auth/scope.ts';
import { HttpProblem } from '../http/problem.ts';

// Who may write which follow-up action (`actions:write`, route scope `handler`): an
// organisation-wide grant any; a unit manager those for the units they lead and the units
// below them, and for teams that involve such a unit; a coordinator those for the teams
// they coordinate. An action for the whole organisation (no unit, no team) needs the
// organisation-wide grant.

export interface ActionTarget {
  unitId: string | null;
  teamId: string | null;
}

const outOfScope = () =>
  new HttpProblem(403, 'out-of-scope', 'Forbidden',
    'You can do this only for actions on the units you lead (and those below them), on teams in them, or on teams you coordinate.');

/** Whether `personId` leads the unit or a unit above it. */
function unitLedBy(organisationId: string, unitId: string, personId: string) {
  return sql<boolean>`exists (
    with recursive led as (
      select u.id from units u where u.organisation_id = ${organisationId} and u.manager_id = ${personId} and u.active
      union
      select c.id from units c join led on c.parent_id = led.id where c.organisation_id = ${organisationId}
    )
    select 1 from led where led.id = ${unitId})`;
}

function coordinates(organisationId: string, teamId: string, personId: string) {
  return sql<boolean>`exists (select 1 from team_members m where m.organisation_id = ${organisationId} and m.team_id = ${teamId}
    and m.person_id = ${personId} and m.role = 'coordinator' and m.left_on is null)`;
}

async function inScope(db: Kysely<DB>, organisationId: string, target: ActionTarget, personId: string, manager: boolean, coordinator: boolean) {
  if (target.unitId === null && target.teamId === null) return false;
  const no = sql<boolean>`false`;
  const unitOk = target.unitId === null ? sql<boolean>`true` : manager ? unitLedBy(organisationId, target.unitId, personId) : no;
  const teamOk = target.teamId === null ? sql<boolean>`true`
    : sql<boolean>`(${coordinator ? coordinates(organisationId, target.teamId, personId) : no}
      or ${manager ? involvesUnitLedBy(sql`${organisationId}::uuid`, sql`${target.teamId}::uuid`, personId) : no})`;
  const row = await sql<{ ok: boolean }>`select (${unitOk} and ${teamOk}) as ok`.execute(db);
  return row.rows[0]?.ok === true;
}

/**
 * Refuses (403 `out-of-scope`) unless every target lies within the caller's grant of
 * `actions:write`, then tells the access hook the check was made. Call it with the
 * action's targets before and after a change.
 */
export async function assertActionScope(db: Kysely<DB>, request: FastifyRequest, targets: ActionTarget[]) {
  if (request.grant !== 'all') {
    const actor = actorOf(request);
    const roles = actor.roles.filter((r) => permissionTable['actions:write'][r] === 'scoped');
    if (!actor.personId || roles.length === 0) throw outOfScope();
    for (const target of targets) {
      if (!(await inScope(db, actor.organisationId, target, actor.personId, roles.includes('unitManager'), roles.includes('coordinator')))) {
        throw outOfScope();
      }
    }
  }
  scopeChecked(request);
}
