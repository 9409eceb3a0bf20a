import { sql, type Kysely } from 'kysely';
import { evaluationDueWindowDays, type EvaluationScheduleQuery, type EvaluationScheduleRow } from '@lagverk/shared';
import type { DB } from '../db/types.ts';
import { keysetPage } from '../http/pagination.ts';

// When each running team (approved, active, paused) is next due for an evaluation: the
// day its last evaluation closed — or, before its first, the day it started or was
// decided on — plus its interval. Computed in SQL, so the state filter and the keyset
// cursor work on the whole organisation, not on one page.

interface ScheduleRow {
  id: string;
  name: string;
  interval_months: number;
  last_closed_at: Date | null;
  next_due_on: string;
  state: EvaluationScheduleRow['state'];
  open_evaluation_id: string | null;
}

const toRow = (row: ScheduleRow): EvaluationScheduleRow => ({
  teamId: row.id,
  teamName: row.name,
  intervalMonths: row.interval_months,
  lastClosedAt: row.last_closed_at ? row.last_closed_at.toISOString() : null,
  nextDueOn: row.next_due_on,
  state: row.state,
  openEvaluationId: row.open_evaluation_id,
});

export async function evaluationSchedule(db: Kysely<DB>, organisationId: string, query: EvaluationScheduleQuery) {
  const { unitId } = query;
  const teams = db.selectFrom('teams as t')
    .select((eb) => [
      't.id', 't.name', 't.evaluation_interval_months as interval_months', 't.start_date', 't.decided_at', 't.created_at',
      eb.selectFrom('evaluations as e').select((e) => e.fn.max('e.closed_at').as('closed_at'))
        .whereRef('e.organisation_id', '=', 't.organisation_id').whereRef('e.team_id', '=', 't.id').where('e.status', '=', 'closed')
        .as('last_closed_at'),
      eb.selectFrom('evaluations as o').select('o.id')
        .whereRef('o.organisation_id', '=', 't.organisation_id').whereRef('o.team_id', '=', 't.id').where('o.status', '=', 'open')
        .as('open_evaluation_id'),
    ])
    .where('t.organisation_id', '=', organisationId)
    .where('t.status', 'in', ['approved', 'active', 'paused'])
    .$if(unitId !== undefined, (qb) => qb.where(sql<boolean>`exists (
      with recursive below as (
        select u.id from units u where u.organisation_id = ${organisationId} and u.id = ${unitId!}
        union
        select c.id from units c join below on c.parent_id = below.id where c.organisation_id = ${organisationId}
      )
      select 1 from team_units tu join below on below.id = tu.unit_id where tu.organisation_id = ${organisationId} and tu.team_id = t.id)`));
  const dated = db.selectFrom(teams.as('teams'))
    .select([
      'id', 'name', 'interval_months', 'last_closed_at', 'open_evaluation_id',
      sql<string>`cast(coalesce(cast(last_closed_at as date), start_date, cast(decided_at as date), cast(created_at as date))
        + make_interval(months => interval_months) as date)`.as('next_due_on'),
    ]);
  const stated = db.selectFrom(dated.as('dated'))
    .selectAll()
    .select(sql<ScheduleRow['state']>`case when next_due_on < current_date then 'overdue'
      when next_due_on <= current_date + ${evaluationDueWindowDays}::integer then 'due' else 'upcoming' end`.as('state'));
  const state = query.state ?? 'all';
  const filtered = db.selectFrom(stated.as('schedule')).selectAll()
    .$if(state !== 'all', (qb) => qb.where('state', '=', state as ScheduleRow['state']));
  const page = await keysetPage(filtered, { sort: 'nextDueOn', columns: { nextDueOn: 'next_due_on' }, cursor: query.cursor, limit: query.limit });
  return { items: (page.rows as unknown as ScheduleRow[]).map(toRow), nextCursor: page.nextCursor };
}
