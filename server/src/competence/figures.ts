import { sql, type Kysely } from 'kysely';
import { competenceGroupMinimum, competenceRoles, type CompetenceOverview, type CompetenceOverviewRow, type CompetencePlan, type CompetenceRole } from '@lagverk/shared';
import type { DB } from '../db/types.ts';

// The year's plan against what was done, and hours per unit and team. Aggregates only:
// anyone on the staff may read them.

interface PlanRow {
  id: string;
  title: string;
  kind: CompetencePlan['measures'][number]['kind'];
  status: CompetencePlan['measures'][number]['status'];
  target_roles: string[];
  planned_sessions: number;
  planned_hours: string;
  held_sessions: number;
  participants: number;
  hours_credited: string;
}

/**
 * The measures planned for `year`: planned sessions and hours per participant, against the
 * sessions held (ended by now), the people who attended or completed, and the hours credited.
 */
export async function competencePlan(db: Kysely<DB>, organisationId: string, year: number): Promise<CompetencePlan> {
  const { rows } = await sql<PlanRow>`
    select m.id, m.title, m.kind, m.status, m.target_roles, m.planned_sessions, m.planned_hours,
      (select count(*)::int from competence_sessions s
        where s.organisation_id = m.organisation_id and s.measure_id = m.id and s.ends_at <= now()) as held_sessions,
      (select count(distinct e.person_id)::int from competence_enrolments e
        where e.organisation_id = m.organisation_id and e.measure_id = m.id and e.status = 'attended') as participants,
      (select coalesce(sum(e.hours), 0)::text from competence_enrolments e
        where e.organisation_id = m.organisation_id and e.measure_id = m.id and e.status = 'attended') as hours_credited
    from competence_measures m
    where m.organisation_id = ${organisationId} and m.planned_year = ${year}
    order by m.title, m.id`.execute(db);
  // People per role are counted once each, however many of the role's measures they took.
  const { rows: people } = await sql<{ role: string; participants: number }>`
    select r.role, count(distinct e.person_id)::int as participants
    from competence_measures m
    cross join lateral unnest(m.target_roles) as r(role)
    join competence_enrolments e on e.organisation_id = m.organisation_id and e.measure_id = m.id and e.status = 'attended'
    where m.organisation_id = ${organisationId} and m.planned_year = ${year}
    group by r.role`.execute(db);
  const participantsByRole = new Map(people.map((p) => [p.role, p.participants]));
  const measures = rows.map((r) => ({
    measureId: r.id, title: r.title, kind: r.kind, status: r.status, targetRoles: r.target_roles as CompetenceRole[],
    plannedSessions: r.planned_sessions, plannedHours: Number(r.planned_hours),
    heldSessions: r.held_sessions, participants: r.participants, hoursCredited: Number(r.hours_credited),
  }));
  const roles = competenceRoles.map((role) => {
    const mine = measures.filter((m) => m.targetRoles.includes(role));
    const sum = (pick: (m: (typeof measures)[number]) => number) => round(mine.reduce((total, m) => total + pick(m), 0));
    return {
      role, measures: mine.length, plannedSessions: sum((m) => m.plannedSessions), plannedHours: sum((m) => m.plannedHours),
      heldSessions: sum((m) => m.heldSessions), participants: participantsByRole.get(role) ?? 0, hoursCredited: sum((m) => m.hoursCredited),
    };
  });
  return { year, measures, roles };
}

const round = (n: number) => Math.round(n * 10) / 10;

interface OverviewRow {
  id: string;
  name: string;
  parent_id: string | null;
  people: number;
  participants: number;
  hours: string;
}

/** Hours credited in `year` per person, as a CTE both overviews start from. */
const hoursInYear = (organisationId: string, year: number) => sql`
  select e.person_id, sum(e.hours) as hours from competence_enrolments e
  where e.organisation_id = ${organisationId} and e.status = 'attended'
    and e.completed_on >= make_date(${year}::int, 1, 1) and e.completed_on < make_date(${year}::int + 1, 1, 1)
  group by e.person_id`;

/**
 * Per unit: the people in the unit and every unit below it (active people counted; hours
 * of anyone placed there), in tree order. Per team: its current members, by name.
 */
export async function competenceOverview(
  db: Kysely<DB>, organisationId: string, year: number, by: 'unit' | 'team', options: { personalRecords: boolean },
): Promise<CompetenceOverview> {
  const toOverviewRow = options.personalRecords ? shown : smallGroupsHidden;
  if (by === 'team') {
    const { rows } = await sql<OverviewRow>`
      with hours as (${hoursInYear(organisationId, year)})
      select t.id, t.name, null::uuid as parent_id,
        count(distinct m.person_id)::int as people,
        count(distinct h.person_id)::int as participants,
        coalesce(sum(h.hours), 0)::text as hours
      from teams t
      left join team_members m on m.organisation_id = t.organisation_id and m.team_id = t.id and m.left_on is null
      left join hours h on h.person_id = m.person_id
      where t.organisation_id = ${organisationId}
      group by t.id, t.name
      order by t.name, t.id`.execute(db);
    return { year, by, items: rows.map(toOverviewRow) };
  }
  const { rows } = await sql<OverviewRow>`
    with recursive tree (root, id) as (
      select u.id, u.id from units u where u.organisation_id = ${organisationId}
      union all
      select tree.root, c.id from units c join tree on c.parent_id = tree.id where c.organisation_id = ${organisationId}
    ), hours as (${hoursInYear(organisationId, year)})
    select u.id, u.name, u.parent_id,
      count(p.id) filter (where p.active)::int as people,
      count(h.person_id)::int as participants,
      coalesce(sum(h.hours), 0)::text as hours
    from units u
    join tree on tree.root = u.id
    left join people p on p.organisation_id = u.organisation_id and p.unit_id = tree.id
    left join hours h on h.person_id = p.id
    where u.organisation_id = ${organisationId} and u.active
    group by u.id, u.name, u.parent_id`.execute(db);
  return { year, by, items: treeOrder(rows).map(toOverviewRow) };
}

const shown = (r: OverviewRow): CompetenceOverviewRow =>
  ({ id: r.id, name: r.name, parentId: r.parent_id, people: r.people, participants: r.participants, hours: Number(r.hours) });

// A known limit: a unit's figures minus its children's can still narrow a small remainder
// down; the overview is for planning, and the one-person case is what this rules out.
const smallGroupsHidden = (r: OverviewRow): CompetenceOverviewRow =>
  r.participants > 0 && r.participants < competenceGroupMinimum ? { ...shown(r), participants: null, hours: null } : shown(r);

/** Units depth first, siblings by name; a unit whose parent is not listed (inactive) starts a tree of its own. */
function treeOrder(rows: OverviewRow[]): OverviewRow[] {
  const ids = new Set(rows.map((r) => r.id));
  const children = new Map<string | null, OverviewRow[]>();
  for (const row of rows) {
    const parent = row.parent_id !== null && ids.has(row.parent_id) ? row.parent_id : null;
    children.set(parent, [...(children.get(parent) ?? []), row]);
  }
  const out: OverviewRow[] = [];
  const visit = (parent: string | null) => {
    for (const row of (children.get(parent) ?? []).sort((a, b) => a.name.localeCompare(b.name, 'nb') || a.id.localeCompare(b.id))) {
      out.push(row);
      visit(row.id);
    }
  };
  visit(null);
  return out;
}
