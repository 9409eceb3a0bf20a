import { sql, type Kysely, type RawBuilder } from 'kysely';
import {
  arenaTypes, competenceGroupMinimum, competenceRoles,
  type ArenaType, type CompetenceRole, type DashboardArenas, type DashboardCompetence, type DashboardExperiences, type DashboardPeriod,
} from '@lagverk/shared';
import type { DB } from '../db/types.ts';
import { subtree, teamInScope, type Scope } from './repository.ts';

// What the programme did besides the teams, for the dashboard and the management review:
// competence hours credited, arena meetings held and experiences shared in the period.
// One aggregate query each; nothing here returns a row about a person, and competence
// figures of one or two people are hidden (politicians read the dashboard).

/** The first and the day after the last day of the period, as instants in Norwegian time (index-friendly bounds). */
const periodStart = (period: DashboardPeriod) => sql`(${period.from}::date)::timestamp at time zone 'Europe/Oslo'`;
const periodEnd = (period: DashboardPeriod) => sql`(${period.to}::date + 1)::timestamp at time zone 'Europe/Oslo'`;

/** Whether person `p` is placed in the scope's unit or a unit below it. */
function personInScope(scope: Scope): RawBuilder<boolean> {
  if (scope.unitId === null) return sql<boolean>`true`;
  return sql<boolean>`p.unit_id in ${subtree({ ...scope, unitId: scope.unitId })}`;
}

const round1 = (hours: string | number) => Math.round(Number(hours) * 10) / 10;
const isSmall = (participants: number) => participants > 0 && participants < competenceGroupMinimum;

interface CompetenceRow {
  participants: number;
  hours: string;
  /** Per role, in competenceRoles' order: people in the role's measures, their hours, and the people credited for other measures. */
  role_participants: number[];
  role_hours: string[];
  role_rest: number[];
}

/**
 * Hours credited and people who took part in the period: attended enrolments and imported
 * completions, by the day their hours count for (`completed_on`). A figure of one or two
 * people is hidden; so is a role whose complement (the total less the role) is one or two
 * people, or subtracting it from the total would show their hours. Grouped by person
 * first, then counted: one pass, no count(distinct) per role.
 */
export async function competenceFigures(db: Kysely<DB>, scope: Scope, period: DashboardPeriod): Promise<DashboardCompetence> {
  const forRole = (role: CompetenceRole) => sql`${role}::text = any(m.target_roles)`;
  const perPerson = competenceRoles.map((role, i) => sql`
    bool_or(${forRole(role)}) as ${sql.raw(`in_${i}`)},
    bool_or(not ${forRole(role)}) as ${sql.raw(`out_${i}`)},
    coalesce(sum(e.hours) filter (where ${forRole(role)}), 0) as ${sql.raw(`hours_${i}`)}`);
  const arrayOf = (pick: (i: number) => string) => sql.raw(`array[${competenceRoles.map((_, i) => pick(i)).join(', ')}]`);
  const { rows } = await sql<CompetenceRow>`
    select count(*)::int as participants, coalesce(sum(hours), 0)::text as hours,
      ${arrayOf((i) => `(count(*) filter (where in_${i}))::int`)} as role_participants,
      ${arrayOf((i) => `coalesce(sum(hours_${i}), 0)::text`)} as role_hours,
      ${arrayOf((i) => `(count(*) filter (where out_${i}))::int`)} as role_rest
    from (
      select e.person_id, sum(e.hours) as hours, ${sql.join(perPerson)}
      from competence_enrolments e
      join competence_measures m on m.organisation_id = e.organisation_id and m.id = e.measure_id
      join people p on p.organisation_id = e.organisation_id and p.id = e.person_id
      where e.organisation_id = ${scope.organisationId} and e.status = 'attended'
        and e.completed_on between ${period.from} and ${period.to} and ${personInScope(scope)}
      group by e.person_id
    ) per_person`.execute(db);
  const row = rows[0]!;
  const hidden = isSmall(row.participants);
  const byRole = competenceRoles.map((role, i) => {
    const n = row.role_participants[i]!;
    if (hidden || isSmall(n) || (n > 0 && isSmall(row.role_rest[i]!))) return { role, participants: null, hours: null };
    return { role, participants: n, hours: round1(row.role_hours[i]!) };
  });
  return { participants: hidden ? null : row.participants, hours: hidden ? null : round1(row.hours), byRole };
}

/**
 * Arena meetings held (marked so) that started in the period, and the invitations to them
 * marked attended, per arena type. Arenas belong to the whole organisation: never narrowed to a unit.
 */
export async function arenaFigures(db: Kysely<DB>, organisationId: string, period: DashboardPeriod): Promise<DashboardArenas> {
  const { rows } = await sql<{ type: ArenaType; meetings: number; attendance: number }>`
    select a.type, count(distinct m.id)::int as meetings, count(i.id)::int as attendance
    from arena_meetings m
    join arenas a on a.organisation_id = m.organisation_id and a.id = m.arena_id
    left join meeting_invitations i on i.organisation_id = m.organisation_id and i.meeting_id = m.id and i.attended
    where m.organisation_id = ${organisationId} and m.status = 'held'
      and m.starts_at >= ${periodStart(period)} and m.starts_at < ${periodEnd(period)}
    group by a.type`.execute(db);
  const byType = arenaTypes.map((type) => {
    const row = rows.find((r) => r.type === type);
    return { type, meetingsHeld: row?.meetings ?? 0, attendance: row?.attendance ?? 0 };
  });
  return {
    meetingsHeld: byType.reduce((sum, t) => sum + t.meetingsHeld, 0),
    attendance: byType.reduce((sum, t) => sum + t.attendance, 0),
    byType,
  };
}

/**
 * Experiences added to the library in the period, how many of them someone marked useful,
 * and the marks on them. With a unit: the experiences of teams that involve its subtree.
 */
export async function experienceFigures(db: Kysely<DB>, scope: Scope, period: DashboardPeriod): Promise<DashboardExperiences> {
  const inScope = scope.unitId === null ? sql<boolean>`true` : sql<boolean>`(x.team_id is not null and ${teamInScope(scope, sql.ref('x.team_id'))})`;
  const { rows } = await sql<{ shared: number; marked: number; marks: number }>`
    select count(distinct x.id)::int as shared, count(distinct um.experience_id)::int as marked, count(um.person_id)::int as marks
    from experiences x
    left join experience_useful_marks um on um.organisation_id = x.organisation_id and um.experience_id = x.id
    where x.organisation_id = ${scope.organisationId}
      and x.created_at >= ${periodStart(period)} and x.created_at < ${periodEnd(period)} and ${inScope}`.execute(db);
  const row = rows[0]!;
  return { shared: row.shared, markedUseful: row.marked, usefulMarks: row.marks };
}
