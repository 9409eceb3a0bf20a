import { sql, type Insertable, type Kysely } from 'kysely';
import { effectGoals, type TeamStatus } from '@lagverk/shared';
import type { DB, TeamMembersTable, TeamsTable } from '../src/db/types.ts';
import { textArray } from '../src/db/arrays.ts';

// The team catalogue of a large municipality: teams across its units, a word the catalogue
// is searched for ("samarbeid") in about a quarter of them, members drawn from all its
// people so that professions vary from team to team. Multi-row inserts, like the people.

/** The word the teams scenario searches for; `searchTeamsPath` in run.ts uses it. */
export const searchWord = 'samarbeid';

const topics = ['Tidlig innsats', 'Hverdagsrehabilitering', 'Lærlingløftet', 'Velferdsteknologi', 'Heltidskultur',
  'Sykefravær', 'Rekruttering', 'Tverrfaglig samarbeid', 'Demensomsorg', 'Ungdomsløftet', 'Innkjøp', 'Digitale skjema',
  'Klimatilpasning', 'Frisklivssentral', 'Bosetting av flyktninger', 'Samarbeid med frivilligheten', 'Overgang skole–arbeid'];
const purposes = ['Flere lærlinger som fullfører og blir i kommunen.', 'Hjemmeboende skal mestre hverdagen lenger.',
  'Færre innleggelser gjennom bedre samarbeid mellom tjenestene.', 'Lavere sykefravær i turnusenhetene.',
  'Fange opp barn som trenger støtte tidlig.', 'Raskere saksbehandling med digitale skjema.',
  'Tettere samarbeid med frivillige lag og foreninger.', 'Bruke kompetansen på tvers av virksomhetene.'];
const tasks = ['Ukentlige tverrfaglige møter om enkeltsaker.', 'Kartlegging, tiltak og oppfølging i hjemmet.',
  'Felles opplæring og hospitering mellom enhetene.', 'Samarbeid om turnus og vaktplaner.', 'Gjennomgang av rutiner og skjema.'];
const rhythms = ['Ukentlig', 'Annenhver uke', 'Månedlig'];
/** Weighted like a catalogue some years in: most teams active, some in each other stage. */
const statuses: TeamStatus[] = ['active', 'active', 'active', 'active', 'draft', 'draft', 'proposed', 'approved', 'rejected', 'paused', 'concluded', 'concluded'];
const decided = new Set<TeamStatus>(['approved', 'rejected', 'active', 'paused', 'concluded']);

/** Rows per insert: at most 17 columns × 500 rows, well under PostgreSQL's 65,535 parameters. */
const batchSize = 500;

async function insertBatches<T>(rows: T[], insert: (batch: T[]) => Promise<unknown>) {
  for (let i = 0; i < rows.length; i += batchSize) await insert(rows.slice(i, i + batchSize));
}

const day = (next: () => number, year: number) =>
  `${year}-${String(1 + Math.floor(next() * 12)).padStart(2, '0')}-${String(1 + Math.floor(next() * 28)).padStart(2, '0')}`;

export async function seedBenchTeams(db: Kysely<DB>, organisationId: string, count: { teams: number; memberships: number }, next: () => number) {
  const pick = <T>(list: T[]) => list[Math.floor(next() * list.length)]!;
  const units = await db.selectFrom('units').select(['id', 'name']).where('organisation_id', '=', organisationId).execute();
  const people = await db.selectFrom('people').select('id').where('organisation_id', '=', organisationId).execute();

  // effect_goals goes in as a text[] expression, which Insertable's plain string[] does not allow.
  const teams: (Omit<Insertable<TeamsTable>, 'effect_goals'> & { effect_goals: ReturnType<typeof textArray> })[] = [];
  const teamUnits: string[][] = [];
  for (let i = 0; i < count.teams; i++) {
    const status = pick(statuses);
    const home = pick(units);
    const framework = status !== 'draft' && status !== 'proposed' && status !== 'rejected';
    teams.push({
      organisation_id: organisationId, name: `${pick(topics)} – ${home.name}`, purpose: pick(purposes),
      everyday_task: pick(tasks), expected_effect: 'Bedre tjenester for innbyggerne og mer effektiv ressursbruk.',
      effect_goals: textArray(effectGoals.filter(() => next() < 0.4)), status,
      start_date: framework ? day(next, 2025) : null, planned_end_date: framework ? day(next, 2027) : null,
      hours_per_member_per_month: framework ? String(2 + Math.floor(next() * 16)) : null,
      meeting_rhythm: framework ? pick(rhythms) : null, budget_nok: framework && next() < 0.5 ? 10_000 * Math.floor(1 + next() * 20) : null,
      decision_reason: decided.has(status) ? 'Vurdert mot kriteriene for etablering.' : null,
      decided_at: decided.has(status) ? new Date(Date.UTC(2025, Math.floor(next() * 12), 1 + Math.floor(next() * 28))) : null,
    });
    teamUnits.push([...new Set([home.id, ...units.filter(() => next() < 0.05).map((u) => u.id)])]);
  }
  const teamIds: string[] = [];
  await insertBatches(teams, async (batch) => {
    const rows = await db.insertInto('teams').values(batch).returning('id').execute();
    teamIds.push(...rows.map((r) => r.id));
  });
  // Without statistics the foreign-key checks of the rows below scan all teams for each row
  // (30 s instead of 1 s for the memberships).
  await sql`analyze teams`.execute(db);
  const unitRows = teamIds.flatMap((teamId, i) => teamUnits[i]!.map((unitId) => ({ organisation_id: organisationId, team_id: teamId, unit_id: unitId })));
  await insertBatches(unitRows, (batch) => db.insertInto('team_units').values(batch).execute());

  // Each membership joins a random team and person; one current membership per person and team.
  const members: Insertable<TeamMembersTable>[] = [];
  const taken = new Set<string>();
  while (members.length < count.memberships) {
    const teamId = pick(teamIds);
    const personId = pick(people).id;
    if (taken.has(`${teamId}/${personId}`)) continue;
    taken.add(`${teamId}/${personId}`);
    const role = next() < 0.1 ? 'coordinator' : next() < 0.15 ? 'resourcePerson' : 'member';
    // About one in ten has left: history the catalogue's member counts must leave out.
    members.push({ organisation_id: organisationId, team_id: teamId, person_id: personId, role,
      joined_on: day(next, 2024), left_on: next() < 0.1 ? day(next, 2025) : null });
  }
  await insertBatches(members, (batch) => db.insertInto('team_members').values(batch).execute());
}
