import { sql, type Kysely } from 'kysely';
import type { ResultCategory, ShowcaseTeam } from '@lagverk/shared';
import type { DB } from '../db/types.ts';

// The showcase of teams on the home page: active teams with their latest result, the
// team whose result is newest first. One query: LATERAL picks each team's latest result
// (through team_results_team_idx), and the units and professions ride along as JSON.

interface ShowcaseRow {
  team_id: string;
  name: string;
  purpose: string | null;
  result_id: string;
  title: string;
  category: ResultCategory;
  achieved_on: string;
  units: string;
  professions: string;
}

export async function teamShowcase(db: Kysely<DB>, organisationId: string, limit: number): Promise<ShowcaseTeam[]> {
  // json_agg(...)::text, parsed here: both drivers hand text back the same way.
  const rows = await sql<ShowcaseRow>`
    select t.id as team_id, t.name, t.purpose, r.id as result_id, r.title, r.category, r.achieved_on,
      coalesce((select json_agg(json_build_object('id', u.id, 'name', u.name) order by u.name, u.id)
        from team_units tu join units u on u.organisation_id = tu.organisation_id and u.id = tu.unit_id
        where tu.organisation_id = t.organisation_id and tu.team_id = t.id), '[]'::json)::text as units,
      coalesce((select json_agg(distinct p.profession order by p.profession)
        from team_members m join people p on p.organisation_id = m.organisation_id and p.id = m.person_id
        where m.organisation_id = t.organisation_id and m.team_id = t.id and m.left_on is null and p.profession is not null), '[]'::json)::text as professions
    from teams t
    cross join lateral (
      select r.id, r.title, r.category, r.achieved_on, r.created_at from team_results r
      where r.organisation_id = t.organisation_id and r.team_id = t.id
      order by r.achieved_on desc, r.created_at desc, r.id desc
      limit 1
    ) r
    where t.organisation_id = ${organisationId} and t.status = 'active'
    order by r.achieved_on desc, r.created_at desc, t.id desc
    limit ${limit}`.execute(db);
  return rows.rows.map((row) => ({
    teamId: row.team_id,
    name: row.name,
    purpose: row.purpose,
    units: JSON.parse(row.units) as ShowcaseTeam['units'],
    professions: JSON.parse(row.professions) as string[],
    latestResult: { id: row.result_id, title: row.title, category: row.category, achievedOn: row.achieved_on },
  }));
}
