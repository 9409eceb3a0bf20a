import { sql, type Kysely, type RawBuilder } from 'kysely';
import {
  evaluationDueWindowDays, resultCategories, teamStatuses,
  type DashboardEvaluations, type DashboardFollowUp, type DashboardPeriod, type DashboardTeams, type ResultCategoryCounts, type TeamStatusCounts,
} from '@lagverk/shared';
import type { DB } from '../db/types.ts';

// The dashboard's figures, each one aggregate query. A unit narrows them to the teams
// that involve the unit or a unit below it (and the follow-up actions about those units
// or teams). Nothing here returns a row about a person.

export interface Scope {
  organisationId: string;
  /** The unit whose subtree the figures cover; null for the whole organisation. */
  unitId: string | null;
}

/** The ids of the scope's unit and every unit below it, as a subquery. */
export function subtree(scope: Scope & { unitId: string }): RawBuilder<unknown> {
  return sql`(
    with recursive below as (
      select u.id from units u where u.organisation_id = ${scope.organisationId} and u.id = ${scope.unitId}
      union
      select c.id from units c join below on c.parent_id = below.id where c.organisation_id = ${scope.organisationId}
    )
    select id from below)`;
}

/** Whether team `t` falls in the scope. */
export function teamInScope(scope: Scope, team: RawBuilder<unknown> = sql.ref('t.id')): RawBuilder<boolean> {
  if (scope.unitId === null) return sql<boolean>`true`;
  return sql<boolean>`exists (select 1 from team_units tu where tu.organisation_id = ${scope.organisationId}
    and tu.team_id = ${team} and tu.unit_id in ${subtree({ ...scope, unitId: scope.unitId })})`;
}

export async function findUnitName(db: Kysely<DB>, organisationId: string, unitId: string) {
  const row = await db.selectFrom('units').select('name').where('organisation_id', '=', organisationId).where('id', '=', unitId).executeTakeFirst();
  return row?.name ?? null;
}

export async function teamFigures(db: Kysely<DB>, scope: Scope): Promise<DashboardTeams> {
  const statuses = await sql<{ status: keyof TeamStatusCounts; n: number }>`
    select t.status, count(*)::int as n from teams t
    where t.organisation_id = ${scope.organisationId} and ${teamInScope(scope)}
    group by t.status`.execute(db);
  const byStatus = Object.fromEntries(teamStatuses.map((s) => [s, 0])) as TeamStatusCounts;
  for (const row of statuses.rows) byStatus[row.status] = row.n;

  // Per active team: how many units take part, and how many professions its current members
  // have; then how many teams have each count. Set-based (one pass over the memberships),
  // not a subquery per team. (No leading WITH: the audited driver would take a raw query
  // starting with one for a possible write and wrap it in a transaction.)
  const composition = await sql<{ figure: 'units' | 'professions'; count: number; teams: number }>`
    select case when grouping(units) = 0 then 'units' else 'professions' end as figure,
      case when grouping(units) = 0 then units else professions end as count, count(*)::int as teams
    from (
      select coalesce(u.n, 0) as units, coalesce(pc.n, 0) as professions
      from teams t
      left join (
        select tu.team_id, count(*)::int as n from team_units tu
          join teams a on a.organisation_id = tu.organisation_id and a.id = tu.team_id and a.status = 'active'
        where tu.organisation_id = ${scope.organisationId} group by tu.team_id
      ) u on u.team_id = t.id
      left join (
        select m.team_id, count(distinct p.profession)::int as n from team_members m
          join teams a on a.organisation_id = m.organisation_id and a.id = m.team_id and a.status = 'active'
          join people p on p.organisation_id = m.organisation_id and p.id = m.person_id
        where m.organisation_id = ${scope.organisationId} and m.left_on is null and p.profession is not null
        group by m.team_id
      ) pc on pc.team_id = t.id
      where t.organisation_id = ${scope.organisationId} and t.status = 'active' and ${teamInScope(scope)}
    ) per_team
    group by grouping sets ((units), (professions))
    order by figure, count`.execute(db);
  const figure = (name: 'units' | 'professions') => {
    const distribution = composition.rows.filter((r) => r.figure === name).map((r) => ({ count: r.count, teams: r.teams }));
    const teams = distribution.reduce((sum, d) => sum + d.teams, 0);
    const total = distribution.reduce((sum, d) => sum + d.count * d.teams, 0);
    return { average: teams === 0 ? null : Math.round((total / teams) * 100) / 100, distribution };
  };
  return {
    total: Object.values(byStatus).reduce((a, b) => a + b, 0),
    byStatus,
    composition: { teams: byStatus.active, unitsPerTeam: figure('units'), professionsPerTeam: figure('professions') },
  };
}

/** Results achieved in the period, per category. */
export async function resultCounts(db: Kysely<DB>, scope: Scope, period: DashboardPeriod | null): Promise<ResultCategoryCounts> {
  const rows = await sql<{ category: keyof ResultCategoryCounts; n: number }>`
    select r.category, count(*)::int as n
    from team_results r join teams t on t.organisation_id = r.organisation_id and t.id = r.team_id
    where r.organisation_id = ${scope.organisationId} and ${teamInScope(scope)}
      ${period ? sql`and r.achieved_on between ${period.from} and ${period.to}` : sql``}
    group by r.category`.execute(db);
  const counts = Object.fromEntries(resultCategories.map((c) => [c, 0])) as ResultCategoryCounts;
  for (const row of rows.rows) counts[row.category] = row.n;
  return counts;
}

/**
 * Evaluations closed in the period, and running teams due or overdue today. The due date
 * is the one GET /evaluation-schedule shows (evaluations/schedule.ts): the day the last
 * evaluation closed, else the start date, else the decision date, plus the interval.
 */
export async function evaluationFigures(db: Kysely<DB>, scope: Scope, period: DashboardPeriod): Promise<DashboardEvaluations> {
  const closed = await sql<{ n: number }>`
    select count(*)::int as n from evaluations e join teams t on t.organisation_id = e.organisation_id and t.id = e.team_id
    where e.organisation_id = ${scope.organisationId} and e.status = 'closed' and ${teamInScope(scope)}
      and cast(e.closed_at as date) between ${period.from} and ${period.to}`.execute(db);
  const schedule = await sql<{ overdue: number; due: number }>`
    select count(*) filter (where next_due_on < current_date)::int as overdue,
      count(*) filter (where next_due_on >= current_date and next_due_on <= current_date + ${evaluationDueWindowDays}::integer)::int as due
    from (
      select cast(coalesce(
          cast((select max(e.closed_at) from evaluations e
                where e.organisation_id = t.organisation_id and e.team_id = t.id and e.status = 'closed') as date),
          t.start_date, cast(t.decided_at as date), cast(t.created_at as date))
        + make_interval(months => t.evaluation_interval_months) as date) as next_due_on
      from teams t
      where t.organisation_id = ${scope.organisationId} and t.status in ('approved', 'active', 'paused') and ${teamInScope(scope)}
    ) dated`.execute(db);
  return { closedInPeriod: closed.rows[0]!.n, dueNow: schedule.rows[0]!.due, overdueNow: schedule.rows[0]!.overdue };
}

/** Whether follow-up action `a` is about the scope: its unit is in the subtree, or its team involves one. */
function actionInScope(scope: Scope): RawBuilder<boolean> {
  if (scope.unitId === null) return sql<boolean>`true`;
  return sql<boolean>`(a.unit_id in ${subtree({ ...scope, unitId: scope.unitId })}
    or (a.team_id is not null and ${teamInScope(scope, sql.ref('a.team_id'))}))`;
}

export async function followUpFigures(db: Kysely<DB>, scope: Scope): Promise<DashboardFollowUp> {
  const rows = await sql<{ open: number; review_overdue: number }>`
    select count(*)::int as open, count(*) filter (where a.next_review_on < current_date)::int as review_overdue
    from follow_up_actions a
    where a.organisation_id = ${scope.organisationId} and a.status in ('planned', 'inProgress') and ${actionInScope(scope)}`.execute(db);
  return { open: rows.rows[0]!.open, reviewOverdue: rows.rows[0]!.review_overdue };
}
