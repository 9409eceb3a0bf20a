import { sql, type Kysely } from 'kysely';
import type { ManagementReview, ManagementReviewCriteriaSet, ManagementReviewQuery, LifecycleStepCounts } from '@lagverk/shared';
import type { DB } from '../db/types.ts';
import { notFound } from '../http/problem.ts';
import { resolvePeriod } from '../dashboard/period.ts';
import { evaluationFigures, followUpFigures, resultCounts, teamFigures, type Scope } from '../dashboard/repository.ts';
import { effectGoalTrends } from '../dashboard/trends.ts';
import { arenaFigures, competenceFigures, experienceFigures } from '../dashboard/activity.ts';

// The management review (ledelsens gjennomgang) of the programme for a period: the
// procedures in use and the steps taken, teams, results, evaluations, survey trends and
// the open follow-up actions; competence hours, arena meetings and experiences shared.
// Aggregates and titles only: no person is named.

const listLimit = 200;

async function criteriaSetsInUse(db: Kysely<DB>, organisationId: string, from: string, to: string): Promise<ManagementReviewCriteriaSet[]> {
  const rows = await sql<{
    id: string; name: string; kind: 'establishment' | 'evaluation'; version_number: number;
    status: 'published' | 'superseded'; published_at: Date | null; used: number;
  }>`
    select * from (
      select cs.id, cs.name, cs.kind, cs.version_number, cs.status, cs.published_at,
        (case cs.kind
          when 'establishment' then (select count(*) from teams t where t.organisation_id = cs.organisation_id
            and t.establishment_set_id = cs.id and cast(t.decided_at as date) between ${from} and ${to})
          else (select count(*) from evaluations e where e.organisation_id = cs.organisation_id and e.criteria_set_id = cs.id
            and (cast(e.created_at as date) between ${from} and ${to} or cast(e.closed_at as date) between ${from} and ${to}))
        end)::int as used
      from criteria_sets cs
      where cs.organisation_id = ${organisationId} and cs.status <> 'draft'
    ) sets
    where status = 'published' or used > 0
    order by kind, name, version_number, id
    limit ${listLimit}`.execute(db);
  return rows.rows.map((r) => ({
    id: r.id, name: r.name, kind: r.kind, versionNumber: r.version_number, status: r.status,
    publishedAt: r.published_at ? r.published_at.toISOString() : null, usedInPeriod: r.used,
  }));
}

/** Lifecycle steps taken in the period, from the team timelines. */
async function lifecycleSteps(db: Kysely<DB>, organisationId: string, from: string, to: string): Promise<LifecycleStepCounts> {
  const rows = await sql<{ kind: string; n: number }>`
    select kind, count(*)::int as n from team_events
    where organisation_id = ${organisationId}
      and kind in ('team.proposed', 'team.approved', 'team.rejected', 'team.activated', 'team.concluded')
      and cast(at as date) between ${from} and ${to}
    group by kind`.execute(db);
  const count = (kind: string) => rows.rows.find((r) => r.kind === kind)?.n ?? 0;
  return {
    proposed: count('team.proposed'), approved: count('team.approved'), rejected: count('team.rejected'),
    activated: count('team.activated'), concluded: count('team.concluded'),
  };
}

export async function managementReview(db: Kysely<DB>, organisationId: string, query: ManagementReviewQuery): Promise<ManagementReview> {
  const period = resolvePeriod(query);
  const { from, to } = period;
  const organisation = await db.selectFrom('organisations').select(['name', 'org_number', 'written_standard'])
    .where('id', '=', organisationId).executeTakeFirst();
  if (!organisation) throw notFound('The organisation');
  const scope: Scope = { organisationId, unitId: null };

  const [criteriaSets, lifecycle, teams, byCategory, resultItems, evaluations, closedEvaluations, effectGoals, followUp, actionItems, competence, arenas, experiences] = await Promise.all([
    criteriaSetsInUse(db, organisationId, from, to),
    lifecycleSteps(db, organisationId, from, to),
    teamFigures(db, scope),
    resultCounts(db, scope, period),
    sql<{ title: string; team_name: string; category: ManagementReview['results']['items'][number]['category']; achieved_on: string }>`
      select r.title, t.name as team_name, r.category, r.achieved_on
      from team_results r join teams t on t.organisation_id = r.organisation_id and t.id = r.team_id
      where r.organisation_id = ${organisationId} and r.achieved_on between ${from} and ${to}
      order by r.achieved_on desc, r.id limit ${listLimit}`.execute(db),
    evaluationFigures(db, scope, period),
    sql<{ team_name: string; closed_on: string }>`
      select t.name as team_name, cast(e.closed_at as date) as closed_on
      from evaluations e join teams t on t.organisation_id = e.organisation_id and t.id = e.team_id
      where e.organisation_id = ${organisationId} and e.status = 'closed' and cast(e.closed_at as date) between ${from} and ${to}
      order by e.closed_at desc, e.id limit ${listLimit}`.execute(db),
    effectGoalTrends(db, organisationId, null, to),
    followUpFigures(db, scope),
    sql<{ title: string; status: 'planned' | 'inProgress'; due_on: string | null; next_review_on: string | null; effect_goal: ManagementReview['followUpActions']['items'][number]['effectGoal'] }>`
      select a.title, a.status, a.due_on, a.next_review_on, a.effect_goal from follow_up_actions a
      where a.organisation_id = ${organisationId} and a.status in ('planned', 'inProgress')
      order by a.due_on nulls last, a.title, a.id limit ${listLimit}`.execute(db),
    competenceFigures(db, scope, period),
    arenaFigures(db, organisationId, period),
    experienceFigures(db, scope, period),
  ]);

  return {
    organisation: { name: organisation.name, orgNumber: organisation.org_number, writtenStandard: organisation.written_standard },
    period,
    generatedAt: new Date().toISOString(),
    procedures: { criteriaSets, lifecycle },
    teams,
    results: {
      total: Object.values(byCategory).reduce((a, b) => a + b, 0),
      byCategory,
      items: resultItems.rows.map((r) => ({ title: r.title, teamName: r.team_name, category: r.category, achievedOn: r.achieved_on })),
    },
    evaluations: { ...evaluations, closed: closedEvaluations.rows.map((r) => ({ teamName: r.team_name, closedOn: r.closed_on })) },
    effectGoals,
    followUpActions: {
      ...followUp,
      items: actionItems.rows.map((a) => ({ title: a.title, status: a.status, dueOn: a.due_on, nextReviewOn: a.next_review_on, effectGoal: a.effect_goal })),
    },
    competence,
    arenas,
    experiences,
  };
}
