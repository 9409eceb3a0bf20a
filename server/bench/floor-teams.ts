import type { FastifyInstance } from 'fastify';
import type { Kysely } from 'kysely';
import { listTeams, loadExtras } from '../src/teams/repository.ts';
import type { RunQuery } from './floor.ts';

// The floor's team catalogue: GET /api/v1/teams?limit=50&status=…&q=… with the three queries
// the real route runs (the page, then units and current members — professions, coordinators — of that page).

/** The page query Kysely compiles for listTeams with `q` and `status`; `assertSameTeamsSql` keeps it honest. */
export const listTeamsSql = 'select * from "teams" where "organisation_id" = $1 and ("name" ilike $2 or "purpose" ilike $3 '
  + 'or "everyday_task" ilike $4) and "status" = $5 order by "name" asc, "id" asc limit $6';

/** `$2, $3, …` for the page's team ids (the organisation is $1). */
const idList = (count: number) => Array.from({ length: count }, (_, i) => `$${i + 2}`).join(', ');

export const teamUnitsSql = (count: number) =>
  `select "team_id", "unit_id" from "team_units" where "organisation_id" = $1 and "team_id" in (${idList(count)}) order by "team_id", "unit_id"`;

export const teamMembersSql = (count: number) =>
  'select "m"."team_id", "m"."role", "m"."person_id", "p"."name", "p"."profession" from "team_members" as "m" inner join "people" as "p" '
  + 'on "p"."organisation_id" = "m"."organisation_id" and "p"."id" = "m"."person_id" '
  + `where "m"."organisation_id" = $1 and "m"."team_id" in (${idList(count)}) and "m"."left_on" is null order by "m"."joined_on", "m"."id"`;

type Row = Record<string, any>;

export function addTeamsRoute(app: FastifyInstance, query: RunQuery, organisationId: string) {
  app.get<{ Querystring: { limit?: string; status: string; q: string } }>('/api/v1/teams', async (request) => {
    const limit = Number(request.query.limit ?? 50);
    const pattern = `%${request.query.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    const rows: Row[] = await query(listTeamsSql, [organisationId, pattern, pattern, pattern, request.query.status, limit + 1]);
    const items = rows.slice(0, limit);
    const last = items.at(-1);
    const nextCursor = rows.length > limit && last
      ? Buffer.from(JSON.stringify({ s: 'name', v: last.name, id: last.id })).toString('base64url')
      : null;
    const extras = new Map(items.map((r) => [r.id as string, {
      unitIds: [] as string[], professions: [] as string[], memberCount: 0, coordinators: [] as { personId: string; name: string }[],
    }]));
    if (items.length > 0) {
      const ids = items.map((r) => r.id as string);
      const [units, members] = (await Promise.all([
        query(teamUnitsSql(ids.length), [organisationId, ...ids]),
        query(teamMembersSql(ids.length), [organisationId, ...ids]),
      ])) as Row[][] as [Row[], Row[]];
      for (const u of units) extras.get(u.team_id)!.unitIds.push(u.unit_id);
      for (const m of members) {
        const team = extras.get(m.team_id)!;
        team.memberCount += 1;
        if (m.profession && !team.professions.includes(m.profession)) team.professions.push(m.profession);
        if (m.role === 'coordinator') team.coordinators.push({ personId: m.person_id, name: m.name });
      }
      for (const team of extras.values()) team.professions.sort((a, b) => a.localeCompare(b, 'nb'));
    }
    return {
      items: items.map((r) => ({
        id: r.id, name: r.name, purpose: r.purpose, mandate: r.mandate, everydayTask: r.everyday_task,
        expectedEffect: r.expected_effect, effectGoals: r.effect_goals, unitIds: extras.get(r.id)!.unitIds,
        startDate: r.start_date, plannedEndDate: r.planned_end_date,
        hoursPerMemberPerMonth: r.hours_per_member_per_month === null ? null : Number(r.hours_per_member_per_month),
        meetingRhythm: r.meeting_rhythm, budgetNok: r.budget_nok, otherResources: r.other_resources, status: r.status,
        establishmentSetId: r.establishment_set_id, decisionReason: r.decision_reason,
        decidedAt: r.decided_at ? (r.decided_at as Date).toISOString() : null,
        professions: extras.get(r.id)!.professions, memberCount: extras.get(r.id)!.memberCount,
        coordinators: extras.get(r.id)!.coordinators, version: r.version,
        createdAt: (r.created_at as Date).toISOString(), updatedAt: (r.updated_at as Date).toISOString(),
      })),
      nextCursor,
    };
  });
}

/** The SQL the real route runs, as compiled against a capturing Kysely, next to the floor's. */
export async function teamsSqlDrift(capture: Kysely<any>, compiled: { sql: string }[]): Promise<string[]> {
  const organisationId = '00000000-0000-4000-8000-000000000000';
  await listTeams(capture, organisationId, { limit: 50, status: 'active', q: 'samarbeid' });
  // The capture returns no rows, so the extras are compiled on their own for a page of two.
  await loadExtras(capture, organisationId, [organisationId, organisationId.replace(/0$/, '1')]);
  const expected = [listTeamsSql, teamUnitsSql(2), teamMembersSql(2)];
  const actual = compiled.map((q) => q.sql);
  return actual.length === expected.length && actual.every((s, i) => s === expected[i]) ? [] : actual;
}
