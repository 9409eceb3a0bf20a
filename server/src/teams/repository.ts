import type { Grant } from '@lagverk/shared';
import { involvesUnitLedBy } from '../auth/scope.ts';
import { sql, type Kysely, type Selectable, type Transaction } from 'kysely';
import type { EffectGoal, Member, Team, TeamListQuery } from '@lagverk/shared';
import type { DB, TeamMembersTable, TeamsTable } from '../db/types.ts';
import { keysetPage } from '../http/pagination.ts';
import { containsPattern } from '../http/references.ts';

type Executor = Kysely<DB> | Transaction<DB>;
export type TeamRow = Selectable<TeamsTable>;
export type MemberRow = Selectable<TeamMembersTable>;

/** What a team shows besides its own row: derived from team_units and the current members. */
export interface TeamExtras {
  unitIds: string[];
  professions: string[];
  memberCount: number;
  coordinators: { personId: string; name: string }[];
}

/** A text[] value, as an array literal both drivers pass the same way (effect goals are plain identifiers). */

const noExtras: TeamExtras = { unitIds: [], professions: [], memberCount: 0, coordinators: [] };

export function toTeam(row: TeamRow, extras: TeamExtras = noExtras): Team {
  return {
    id: row.id,
    name: row.name,
    purpose: row.purpose,
    mandate: row.mandate,
    everydayTask: row.everyday_task,
    expectedEffect: row.expected_effect,
    effectGoals: row.effect_goals as EffectGoal[],
    unitIds: extras.unitIds,
    startDate: row.start_date,
    plannedEndDate: row.planned_end_date,
    hoursPerMemberPerMonth: row.hours_per_member_per_month === null ? null : Number(row.hours_per_member_per_month),
    meetingRhythm: row.meeting_rhythm,
    budgetNok: row.budget_nok,
    otherResources: row.other_resources,
    evaluationIntervalMonths: row.evaluation_interval_months,
    status: row.status,
    establishmentSetId: row.establishment_set_id,
    decisionReason: row.decision_reason,
    decidedAt: row.decided_at ? row.decided_at.toISOString() : null,
    professions: extras.professions,
    memberCount: extras.memberCount,
    coordinators: extras.coordinators,
    version: row.version,
    createdAt: row.created_at.toISOString(),
    updatedAt: row.updated_at.toISOString(),
  };
}

export function toMember(row: MemberRow): Member {
  return {
    id: row.id,
    personId: row.person_id,
    role: row.role,
    joinedOn: row.joined_on,
    leftOn: row.left_on,
    version: row.version,
    createdAt: row.created_at.toISOString(),
    updatedAt: row.updated_at.toISOString(),
  };
}

/**
 * Units, professions, member counts and coordinators of a whole page of teams in two
 * queries, however long the page (no query per team).
 */
export async function loadExtras(db: Executor, organisationId: string, teamIds: string[]): Promise<Map<string, TeamExtras>> {
  const extras = new Map<string, TeamExtras>(teamIds.map((id) => [id, { unitIds: [], professions: [], memberCount: 0, coordinators: [] }]));
  if (teamIds.length === 0) return extras;
  const [units, members] = await Promise.all([
    db.selectFrom('team_units').select(['team_id', 'unit_id'])
      .where('organisation_id', '=', organisationId).where('team_id', 'in', teamIds)
      .orderBy('team_id').orderBy('unit_id').execute(),
    db.selectFrom('team_members as m')
      .innerJoin('people as p', (join) => join.onRef('p.organisation_id', '=', 'm.organisation_id').onRef('p.id', '=', 'm.person_id'))
      .select(['m.team_id', 'm.role', 'm.person_id', 'p.name', 'p.profession'])
      .where('m.organisation_id', '=', organisationId).where('m.team_id', 'in', teamIds).where('m.left_on', 'is', null)
      .orderBy('m.joined_on').orderBy('m.id')
      .execute(),
  ]);
  for (const row of units) extras.get(row.team_id)!.unitIds.push(row.unit_id);
  for (const row of members) {
    const team = extras.get(row.team_id)!;
    team.memberCount += 1;
    if (row.profession && !team.professions.includes(row.profession)) team.professions.push(row.profession);
    if (row.role === 'coordinator') team.coordinators.push({ personId: row.person_id, name: row.name });
  }
  for (const team of extras.values()) team.professions.sort((a, b) => a.localeCompare(b, 'nb'));
  return extras;
}

export async function teamWithExtras(db: Executor, organisationId: string, row: TeamRow): Promise<Team> {
  const extras = await loadExtras(db, organisationId, [row.id]);
  return toTeam(row, extras.get(row.id));
}

const sortColumns = { name: 'name', createdAt: 'created_at', updatedAt: 'updated_at' };

/** A current membership of the team, with a condition on the member's person row. */
function currentMemberExists(organisationId: string, personCondition: { personId?: string; profession?: string }) {
  return sql<boolean>`exists (
    select 1 from team_members m join people p on p.organisation_id = m.organisation_id and p.id = m.person_id
    where m.organisation_id = ${organisationId} and m.team_id = teams.id and m.left_on is null
    ${personCondition.personId !== undefined ? sql`and m.person_id = ${personCondition.personId}` : sql``}
    ${personCondition.profession !== undefined ? sql`and p.profession = ${personCondition.profession}` : sql``})`;
}

/** Who asks for the proposals they may decide (`decidable`): their grant and person. */
export interface Decider {
  grant: Grant | null;
  personId: string | null;
}

export async function listTeams(db: Executor, organisationId: string, query: TeamListQuery, decider: Decider = { grant: null, personId: null }) {
  const { q, status, unitId, profession, effectGoal, personId, decidable } = query;
  const filtered = db
    .selectFrom('teams')
    .selectAll()
    .where('organisation_id', '=', organisationId)
    .$if(q !== undefined, (qb) => qb.where((eb) => eb.or([
      eb('name', 'ilike', containsPattern(q!)), eb('purpose', 'ilike', containsPattern(q!)), eb('everyday_task', 'ilike', containsPattern(q!)),
    ])))
    .$if(status !== undefined, (qb) => qb.where('status', '=', status!))
    .$if(effectGoal !== undefined, (qb) => qb.where(sql<boolean>`effect_goals @> array[${effectGoal!}]::text[]`))
    .$if(unitId !== undefined, (qb) => qb.where(sql<boolean>`exists (select 1 from team_units u
      where u.organisation_id = ${organisationId} and u.team_id = teams.id and u.unit_id = ${unitId!})`))
    .$if(profession !== undefined || personId !== undefined, (qb) => qb.where(currentMemberExists(organisationId, { personId, profession })))
    .$if(decidable === true, (qb) => qb.where('status', '=', 'proposed').where(decidableBy(decider)));
  const page = await keysetPage(filtered, { sort: query.sort ?? 'name', columns: sortColumns, cursor: query.cursor, limit: query.limit });
  const extras = await loadExtras(db, organisationId, page.rows.map((row) => row.id));
  return { items: page.rows.map((row) => toTeam(row, extras.get(row.id))), nextCursor: page.nextCursor };
}

export function findTeam(db: Executor, organisationId: string, id: string, options: { forUpdate?: boolean } = {}) {
  return db.selectFrom('teams').selectAll().where('organisation_id', '=', organisationId).where('id', '=', id)
    .$if(options.forUpdate === true, (qb) => qb.forUpdate())
    .executeTakeFirst();
}

export async function replaceTeamUnits(db: Executor, organisationId: string, teamId: string, unitIds: string[]) {
  await db.deleteFrom('team_units').where('organisation_id', '=', organisationId).where('team_id', '=', teamId).execute();
  if (unitIds.length === 0) return;
  await db.insertInto('team_units').values(unitIds.map((unitId) => ({ organisation_id: organisationId, team_id: teamId, unit_id: unitId }))).execute();
}

export async function teamUnitIds(db: Executor, organisationId: string, teamId: string) {
  const rows = await db.selectFrom('team_units').select('unit_id').where('organisation_id', '=', organisationId).where('team_id', '=', teamId).execute();
  return rows.map((row) => row.unit_id);
}

export function listMembers(db: Executor, organisationId: string, teamId: string) {
  return db.selectFrom('team_members').selectAll().where('organisation_id', '=', organisationId).where('team_id', '=', teamId)
    .orderBy('joined_on').orderBy('created_at').orderBy('id').limit(1000).execute();
}

export function findMember(db: Executor, organisationId: string, teamId: string, memberId: string) {
  return db.selectFrom('team_members').selectAll()
    .where('organisation_id', '=', organisationId).where('team_id', '=', teamId).where('id', '=', memberId).executeTakeFirst();
}

function decidableBy(decider: Decider) {
  if (decider.grant === 'all') return sql<boolean>`true`;
  if (decider.grant === 'scoped' && decider.personId) {
    return involvesUnitLedBy(sql.ref('teams.organisation_id'), sql.ref('teams.id'), decider.personId);
  }
  return sql<boolean>`false`;
}
