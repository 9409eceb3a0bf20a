import type { Transaction } from 'kysely';
import type { EffectGoal, MemberRole, TeamStatus } from '@lagverk/shared';
import type { DB } from '../db/types.ts';
import { recordEvents, type EventInput } from '../teams/events.ts';
import { seedDemoResults } from './demo-results.ts';
import { textArray } from '../db/arrays.ts';

// The demo municipality's work teams: across units and professions, one in each stage
// of the lifecycle, with the apprentice team from the Sørum source as the model example.

interface DemoTeam {
  name: string;
  status: TeamStatus;
  purpose: string;
  everydayTask: string;
  expectedEffect: string;
  effectGoals: EffectGoal[];
  units: string[];
  /** [unit, profession, role]: the first person in the unit (or its sections) with the profession. */
  members: [string, string, MemberRole][];
  framework?: { startDate: string; plannedEndDate: string; hours: number; rhythm: string; budget?: number };
  /** Assessed against the published establishment set; `failing` answers the first criterion no. */
  assessed?: 'passing' | 'failing';
  reason?: string;
}

const teams: DemoTeam[] = [
  {
    name: 'Arbeidslag for lærlinger', status: 'active',
    purpose: 'Flere lærlinger som fullfører og blir i kommunen.',
    everydayTask: 'Inntak, intervju, utlysning, opplæringsplaner og oppfølging av lærlinger.',
    expectedEffect: 'Kortere tid fra utlysning til kontrakt, færre avbrudd og flere fagbrev.',
    effectGoals: ['competenceMobilisation', 'resourceEfficiency'],
    units: ['HR og lønn', 'Lagvik sykehjem', 'Hjemmetjenesten', 'Kommunalteknikk'],
    members: [
      ['HR og lønn', 'HR-rådgivning', 'coordinator'], ['Lagvik sykehjem', 'Helsefagarbeider', 'member'],
      ['Hjemmetjenesten', 'Sykepleie', 'member'], ['Kommunalteknikk', 'Fagarbeider drift', 'member'], ['HR og lønn', 'Lønn', 'resourcePerson'],
    ],
    framework: { startDate: '2025-08-18', plannedEndDate: '2026-12-18', hours: 6, rhythm: 'Annenhver uke', budget: 80000 },
    assessed: 'passing', reason: 'Oppfyller kriteriene; godt forankret hos virksomhetslederne og de tillitsvalgte.',
  },
  {
    name: 'Hverdagsrehabilitering', status: 'active',
    purpose: 'Hjemmeboende skal mestre hverdagen lenger.',
    everydayTask: 'Opptrening i eget hjem etter sykehusopphold.',
    expectedEffect: 'Færre vedtak om hjemmesykepleie og høyere brukertilfredshet.',
    effectGoals: ['serviceQuality', 'unusedPotential'],
    units: ['Hjemmetjenesten', 'Tjenester for funksjonshemmede'],
    members: [
      ['Hjemmetjenesten', 'Ergoterapi', 'coordinator'], ['Hjemmetjenesten', 'Fysioterapi', 'member'],
      ['Hjemmetjenesten', 'Helsefagarbeider', 'member'], ['Tjenester for funksjonshemmede', 'Vernepleie', 'member'],
    ],
    framework: { startDate: '2025-10-01', plannedEndDate: '2026-09-30', hours: 8, rhythm: 'Ukentlig' },
    assessed: 'passing', reason: 'Tydelig mandat og forventet effekt.',
  },
  {
    name: 'Tidlig innsats i skole og barnehage', status: 'proposed',
    purpose: 'Fange opp barn som trenger støtte, før de trenger spesialundervisning.',
    everydayTask: 'Overgangen fra barnehage til skole.',
    expectedEffect: 'Færre henvisninger til PPT og bedre overganger.',
    effectGoals: ['serviceQuality'],
    units: ['Lagvik skole', 'Solbakken barnehage', 'Pedagogisk-psykologisk tjeneste'],
    members: [
      ['Pedagogisk-psykologisk tjeneste', 'Spesialpedagogikk', 'coordinator'], ['Lagvik skole', 'Lærer', 'member'],
      ['Solbakken barnehage', 'Barnehagelærer', 'member'], ['Helsestasjon og skolehelsetjeneste', 'Helsesykepleie', 'resourcePerson'],
    ],
    framework: { startDate: '2026-01-05', plannedEndDate: '2026-12-31', hours: 4, rhythm: 'Hver fjerde uke' },
    assessed: 'passing',
  },
  {
    name: 'Digital postgang', status: 'draft',
    purpose: 'Mindre papir og raskere saksgang.',
    everydayTask: 'Inngående post og journalføring.',
    expectedEffect: 'Kortere tid fra mottak til saksbehandler.',
    effectGoals: ['resourceEfficiency'],
    units: ['Servicetorg og dokumentsenter', 'IKT'],
    members: [['Servicetorg og dokumentsenter', 'Arkiv', 'coordinator'], ['IKT', 'Systemforvaltning', 'member']],
  },
  {
    name: 'Felles vikarpool i helse', status: 'paused',
    purpose: 'Færre innleide vikarer.',
    everydayTask: 'Bemanning ved sykefravær.',
    expectedEffect: 'Lavere kostnad til innleie og kjente vikarer for brukerne.',
    effectGoals: ['resourceEfficiency', 'serviceQuality'],
    units: ['Lagvik sykehjem', 'Hjemmetjenesten'],
    members: [['Lagvik sykehjem', 'Sykepleie', 'coordinator'], ['Hjemmetjenesten', 'Helsefagarbeider', 'member'], ['Økonomi', 'Økonomi', 'resourcePerson']],
    framework: { startDate: '2025-03-01', plannedEndDate: '2026-06-30', hours: 3, rhythm: 'Månedlig' },
    assessed: 'passing', reason: 'Godt begrunnet behov i begge virksomhetene.',
  },
  {
    name: 'Trepartsverksted for omstilling', status: 'concluded',
    purpose: 'Politikere, administrasjon og tillitsvalgte utvikler omstillingen sammen.',
    everydayTask: 'Forberede saker om organisering til administrasjonsutvalget.',
    expectedEffect: 'Bredere forankring av endringer.',
    effectGoals: ['tripartiteCooperation'],
    units: ['HR og lønn', 'Økonomi'],
    members: [['HR og lønn', 'HR-rådgivning', 'coordinator'], ['Økonomi', 'Regnskap', 'member']],
    framework: { startDate: '2024-09-01', plannedEndDate: '2025-06-30', hours: 2, rhythm: 'Hver sjette uke' },
    assessed: 'passing', reason: 'Viktig for trepartssamarbeidet.',
  },
  {
    name: 'Felles kantine for rådhuset', status: 'rejected',
    purpose: 'Én kantine for alle på rådhuset.',
    everydayTask: 'Lunsjtilbud til ansatte.',
    expectedEffect: 'Lavere kostnad.',
    effectGoals: ['resourceEfficiency'],
    units: ['Servicetorg og dokumentsenter'],
    members: [['Servicetorg og dokumentsenter', 'Saksbehandling', 'coordinator']],
    assessed: 'failing', reason: 'Oppgaven krever ikke flere fagområder; løses i linjen.',
  },
];

const lifecycle: Record<TeamStatus, EventInput['kind'][]> = {
  draft: [], proposed: ['team.proposed'], approved: ['team.proposed', 'team.approved'], rejected: ['team.proposed', 'team.rejected'],
  active: ['team.proposed', 'team.approved', 'team.activated'], paused: ['team.proposed', 'team.approved', 'team.activated', 'team.paused'],
  concluded: ['team.proposed', 'team.approved', 'team.activated', 'team.concluded'],
};

const goodAnswer = { yesNo: true, scale: 4, number: 4, text: 'Ja, beskrevet i mandatet.' } as const;

export async function seedDemoTeams(trx: Transaction<DB>, organisationId: string) {
  const units = await trx.selectFrom('units').select(['id', 'name', 'parent_id']).where('organisation_id', '=', organisationId).execute();
  const people = await trx.selectFrom('people').select(['id', 'unit_id', 'profession']).where('organisation_id', '=', organisationId).orderBy('external_id').execute();
  const unitId = (name: string) => units.find((u) => u.name === name)!.id;
  const set = await trx.selectFrom('criteria_sets').select('id')
    .where('organisation_id', '=', organisationId).where('kind', '=', 'establishment').where('status', '=', 'published').executeTakeFirst();
  const criteria = set ? await trx.selectFrom('criteria').selectAll().where('organisation_id', '=', organisationId).where('set_id', '=', set.id).orderBy('position').execute() : [];
  const used = new Set<string>();

  function personIn(unitName: string, profession: string) {
    const id = unitId(unitName);
    const within = new Set([id, ...units.filter((u) => u.parent_id === id).map((u) => u.id)]);
    const person = people.find((p) => within.has(p.unit_id ?? '') && p.profession === profession && !used.has(p.id))
      ?? people.find((p) => within.has(p.unit_id ?? '') && !used.has(p.id))!;
    used.add(person.id);
    return person.id;
  }

  for (const spec of teams) {
    used.clear();
    const assessed = spec.assessed && set ? spec.assessed : undefined;
    const decided = spec.reason && spec.status !== 'proposed' && spec.status !== 'draft';
    const team = await trx.insertInto('teams').values({
      organisation_id: organisationId, name: spec.name, status: spec.status, purpose: spec.purpose, everyday_task: spec.everydayTask,
      expected_effect: spec.expectedEffect, effect_goals: textArray(spec.effectGoals), mandate: `${spec.purpose} Arbeidslaget rapporterer til virksomhetslederne.`,
      start_date: spec.framework?.startDate ?? null, planned_end_date: spec.framework?.plannedEndDate ?? null,
      hours_per_member_per_month: spec.framework?.hours ?? null, meeting_rhythm: spec.framework?.rhythm ?? null, budget_nok: spec.framework?.budget ?? null,
      establishment_set_id: assessed ? set!.id : null, decision_reason: decided ? spec.reason! : null, decided_at: decided ? new Date() : null,
    }).returning('id').executeTakeFirstOrThrow();
    await trx.insertInto('team_units').values(spec.units.map((name) => ({ organisation_id: organisationId, team_id: team.id, unit_id: unitId(name) }))).execute();
    const events: EventInput[] = [{ teamId: team.id, kind: 'team.created', data: { name: spec.name } }];
    for (const [unitName, profession, role] of spec.members) {
      const personId = personIn(unitName, profession);
      const member = await trx.insertInto('team_members')
        .values({ organisation_id: organisationId, team_id: team.id, person_id: personId, role, joined_on: spec.framework?.startDate ?? '2026-01-05' })
        .returning('id').executeTakeFirstOrThrow();
      events.push({ teamId: team.id, kind: 'member.added', data: { memberId: member.id, personId, role } });
    }
    if (assessed) {
      await trx.insertInto('team_assessment_answers').values(criteria.map((c, i) => ({
        organisation_id: organisationId, team_id: team.id, criterion_id: c.id,
        value: JSON.stringify(assessed === 'failing' && i === 0 ? false : goodAnswer[c.answer_type]), comment: null,
      }))).execute();
      events.push({ teamId: team.id, kind: 'team.assessed', data: { criteriaSetId: set!.id } });
    }
    for (const kind of lifecycle[spec.status]) {
      const withReason = kind === 'team.approved' || kind === 'team.rejected';
      events.push({ teamId: team.id, kind, data: withReason && spec.reason ? { reason: spec.reason } : {} });
    }
    events.push(...await seedDemoResults(trx, organisationId, team.id, spec.name));
    await recordEvents(trx, organisationId, events);
  }
}
