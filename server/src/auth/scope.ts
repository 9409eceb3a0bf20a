import { sql, type Expression, type Kysely } from 'kysely';
import { permissionTable, type Permission, type Role } from '@lagverk/shared';
import type { DB } from '../db/types.ts';
import { HttpProblem } from '../http/problem.ts';
import type { Actor } from './actor.ts';

// A scoped grant reaches only part of the organisation: a unit manager the teams that
// involve a unit they lead (or one below it), a coordinator the teams they coordinate.

/** Whether any role holds `permission` only within a scope (so its routes must name one). */
export const isScopable = (permission: Permission) => Object.values(permissionTable[permission]).includes('scoped');

const scopedRoles = (permission: Permission, held: Role[]) => held.filter((r) => permissionTable[permission][r] === 'scoped');

/**
 * Refuses (403) when the team exists but lies outside the actor's scope for
 * `permission`. A team that does not exist is left to the route, which answers 404.
 */
export async function assertTeamInScope(db: Kysely<DB>, actor: Actor, permission: Permission, teamId: string) {
  const roles = scopedRoles(permission, actor.roles);
  const personId = actor.personId;
  if (!personId || roles.length === 0) throw outOfScope();
  const coordinates = roles.includes('coordinator')
    ? sql<boolean>`exists (select 1 from team_members m where m.organisation_id = t.organisation_id and m.team_id = t.id
        and m.person_id = ${personId} and m.role = 'coordinator' and m.left_on is null)`
    : sql<boolean>`false`;
  const manages = roles.includes('unitManager') ? involvesUnitLedBy(sql.ref('t.organisation_id'), sql.ref('t.id'), personId) : sql<boolean>`false`;
  const row = await db
    .selectFrom('teams as t')
    .select(sql<boolean>`${coordinates} or ${manages}`.as('inScope'))
    .where('t.organisation_id', '=', actor.organisationId)
    .where('t.id', '=', teamId)
    .executeTakeFirst();
  if (row && !row.inScope) throw outOfScope();
}

/** Whether the team involves a unit `personId` leads, or a unit below one they lead. */
export function involvesUnitLedBy(organisationId: Expression<string>, teamId: Expression<string>, personId: string) {
  return sql<boolean>`exists (
    with recursive led as (
      select u.id from units u where u.organisation_id = ${organisationId} and u.manager_id = ${personId} and u.active
      union
      select c.id from units c join led on c.parent_id = led.id where c.organisation_id = ${organisationId}
    )
    select 1 from team_units tu join led on led.id = tu.unit_id where tu.organisation_id = ${organisationId} and tu.team_id = ${teamId})`;
}

const outOfScope = () =>
  new HttpProblem(403, 'out-of-scope', 'Forbidden',
    'You can do this only for teams you coordinate, or teams in the units you lead.');

/**
 * For a route declared `owner: true`: the caller holds the permission, but the resource is
 * someone else's (an experience or a comment they did not write) and they do not moderate.
 */
export const notOwner = () =>
  new HttpProblem(403, 'not-owner', 'Forbidden', 'Only the author, or someone who moderates, can change this.');
