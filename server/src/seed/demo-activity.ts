import type { Transaction } from 'kysely';
import type { DB } from '../db/types.ts';
import { textArray } from '../db/arrays.ts';
import { demoDay, isoDay, type DemoPeople } from './demo-arenas.ts';

// What the demo's people have done besides the teams: experiences in the library (bokmål,
// from the teams and their results), competence measures for coordinators and unit
// managers with sessions this year and attendance, and the news on the home page.

export async function seedDemoExperiences(trx: Transaction<DB>, organisationId: string, people: DemoPeople, heldMeetingId: string) {
  const results = await trx.selectFrom('team_results').select(['id', 'title']).where('organisation_id', '=', organisationId).execute();
  const resultId = (title: string) => results.find((r) => r.title === title)?.id ?? null;
  const coordinatorOf = (team: string) => people.teamMembers(team, 'coordinator')[0]?.personId ?? null;
  const experiences = [
    {
      title: 'Felles intervjuguide ga raskere opptak av lærlinger', team: 'Arbeidslag for lærlinger', daysAgo: 35,
      result: 'Strukturert intervjuguide og faste intervjudager', meeting: true,
      tried: 'Vi intervjuet alle søkere til læreplass etter samme guide, med én fagperson og én fra HR, på faste intervjudager to uker etter søknadsfristen.',
      worked: 'Søkerne fikk svar mye raskere, og færre trakk seg før intervjuet. Fagpersonene syntes det var lettere å sammenligne søkerne.',
      didNotWork: 'I travle perioder var det vanskelig å frigjøre fagpersoner til intervjudagene.',
      advice: 'Sett av intervjudagene i årshjulet tidlig, og avtal med virksomhetslederne hvem som stiller.',
      goals: ['resourceEfficiency', 'competenceMobilisation'], tags: ['lærlinger', 'rekruttering', 'intervju'],
    },
    {
      title: 'Fadder fra en annen virksomhet holder lærlingene på plass', team: 'Arbeidslag for lærlinger', daysAgo: 14,
      result: 'Fast oppfølgingsløp med fadder og samtaler hver sjette uke', meeting: false,
      tried: 'Hver lærling fikk en fadder fra en annen virksomhet i tillegg til instruktøren, og en kort samtale hver sjette uke.',
      worked: 'Lærlingene sa fra tidligere når noe var vanskelig, og færre avbrøt læretiden.',
      didNotWork: null,
      advice: 'Gi fadderne en halv dags opplæring og en fast kontaktperson i HR.',
      goals: ['serviceQuality'], tags: ['lærlinger', 'oppfølging'],
    },
    {
      title: 'Opptrening i eget hjem krever faste folk rundt brukeren', team: 'Hverdagsrehabilitering', daysAgo: 21, result: null, meeting: false,
      tried: 'Ergoterapeut, fysioterapeut og helsefagarbeider la en felles plan sammen med brukeren og fulgte den opp hjemme i seks uker.',
      worked: 'Brukerne klarte mer selv etter perioden, og behovet for hjemmesykepleie gikk ned.',
      didNotWork: 'Når nye vikarer kom inn, ble opptreningen ofte erstattet av vanlig hjelp.',
      advice: 'Hold de samme folkene rundt brukeren hele perioden, og skriv planen så vikarer forstår den.',
      goals: ['serviceQuality', 'unusedPotential'], tags: ['hverdagsrehabilitering', 'hjemmetjenesten'],
    },
    {
      title: 'Felles vikarpool: hvorfor vi tok pause', team: 'Felles vikarpool i helse', daysAgo: 7, result: null, meeting: false,
      tried: 'Sykehjemmet og hjemmetjenesten delte en pool av faste vikarer med felles bemanningsplan.',
      worked: 'Brukerne møtte oftere kjente vikarer.',
      didNotWork: 'Turnusene passet dårlig sammen, og lønnsbudsjettene lå i hver sin virksomhet.',
      advice: 'Avklar budsjett og turnus før dere starter, ikke underveis.',
      goals: ['resourceEfficiency'], tags: ['vikarer', 'bemanning'],
    },
  ];
  await trx.insertInto('experiences').values(experiences.map((e) => ({
    organisation_id: organisationId, title: e.title, tried: e.tried, worked: e.worked, did_not_work: e.didNotWork, advice: e.advice,
    author_person_id: coordinatorOf(e.team), team_id: people.teamId(e.team), result_id: e.result ? resultId(e.result) : null,
    arena_meeting_id: e.meeting ? heldMeetingId : null, effect_goals: textArray(e.goals), tags: textArray(e.tags),
    created_at: demoDay(-e.daysAgo, 9), updated_at: demoDay(-e.daysAgo, 9),
  }))).execute();
}

export async function seedDemoCompetence(trx: Transaction<DB>, organisationId: string, people: DemoPeople) {
  const org = { organisation_id: organisationId };
  const year = new Date().getUTCFullYear();
  const coordinators = [...new Set(['Arbeidslag for lærlinger', 'Hverdagsrehabilitering', 'Tidlig innsats i skole og barnehage', 'Felles vikarpool i helse',
    'Digital postgang', 'Trepartsverksted for omstilling'].flatMap((team) => people.teamMembers(team, 'coordinator').map((m) => m.personId)))];
  const managers = (await trx.selectFrom('units').select('manager_id').where('organisation_id', '=', organisationId).where('kind', '=', 'unit')
    .orderBy('name').execute()).map((u) => u.manager_id!).filter(Boolean);
  const leader = people.account('leder@lagvik.kommune.no');

  async function measure(spec: {
    kind: 'course' | 'workshop' | 'eLearning'; title: string; description: string; roles: string[]; sessions: number; hours: number;
    provider: string; externalKey: string | null; status: 'planned' | 'active';
  }) {
    return (await trx.insertInto('competence_measures').values({
      ...org, kind: spec.kind, title: spec.title, description: spec.description, target_roles: textArray(spec.roles), planned_year: year,
      planned_sessions: spec.sessions, planned_hours: spec.hours, provider: spec.provider, external_key: spec.externalKey, status: spec.status,
    }).returning('id').executeTakeFirstOrThrow()).id;
  }
  async function session(measureId: string, startsAt: Date, hours: number, place: string, capacity: number) {
    return (await trx.insertInto('competence_sessions').values({
      ...org, measure_id: measureId, starts_at: startsAt, ends_at: new Date(startsAt.getTime() + hours * 3600 * 1000), place, capacity, hours,
    }).returning('id').executeTakeFirstOrThrow()).id;
  }

  // Held three weeks ago, but within this year, so its hours count in this year's plan.
  let heldAt = demoDay(-21, 8);
  if (heldAt.getUTCFullYear() < year) heldAt = new Date(Date.UTC(year, 0, 2, 8));
  const held = heldAt.getTime() < Date.now();
  /** A session about `days` ahead, brought closer when that would fall in next year's plan. */
  const ahead = (days: number) => {
    let at = demoDay(days, 8);
    for (let d = days; at.getUTCFullYear() > year && d > 1; at = demoDay(d, 8)) d = Math.floor(d / 2);
    return at;
  };

  const coordinatorMeasure = await measure({
    kind: 'workshop', title: 'Koordinatorsamling: å lede tverrfaglige møter', roles: ['coordinator'], sessions: 2, hours: 12,
    description: 'To samlinger for koordinatorene om å lede møter på tvers av fag og virksomheter, med øving på egne saker.',
    provider: 'KS Læring', externalKey: 'LAGVIK-KOORD-1', status: held ? 'active' : 'planned',
  });
  const first = await session(coordinatorMeasure, heldAt, 6, 'Rådhuset, kommunestyresalen', 20);
  const second = await session(coordinatorMeasure, ahead(30), 6, 'Rådhuset, kommunestyresalen', 20);
  await trx.insertInto('competence_enrolments').values([
    ...coordinators.map((personId, i) => {
      const attended = held && i < coordinators.length - 1;
      return {
        ...org, measure_id: coordinatorMeasure, session_id: first, person_id: personId,
        status: attended ? 'attended' as const : held ? 'absent' as const : 'enrolled' as const,
        hours: attended ? 6 : null, completed_on: attended ? isoDay(heldAt) : null,
      };
    }),
    ...coordinators.slice(0, 3).map((personId) => ({ ...org, measure_id: coordinatorMeasure, session_id: second, person_id: personId, status: 'enrolled' as const })),
  ]).execute();

  const managerMeasure = await measure({
    kind: 'course', title: 'Arbeidslag i praksis for virksomhetsledere', roles: ['unitManager'], sessions: 1, hours: 6,
    description: 'Virksomhetslederens rolle når egne ansatte er med i arbeidslag: mandat, tid, oppfølging og evaluering.',
    provider: 'Lagvik kommune, HR', externalKey: null, status: 'planned',
  });
  const managerSession = await session(managerMeasure, ahead(40), 6, 'Lagvik sykehjem, møterommet', 25);
  const enrolledManagers = [...new Set([leader, ...managers.slice(0, 4)])];
  await trx.insertInto('competence_enrolments').values(enrolledManagers.map((personId) => ({
    ...org, measure_id: managerMeasure, session_id: managerSession, person_id: personId, status: 'enrolled' as const,
  }))).execute();

  // An e-learning course done on the learning platform: completions imported, no sessions.
  const eLearning = await measure({
    kind: 'eLearning', title: 'E-læring: trepartssamarbeid i praksis', roles: ['coordinator', 'unitManager'], sessions: 0, hours: 1.5,
    description: 'Et kort nettkurs om trepartssamarbeid og hvordan arbeidslag forankres hos politikere, administrasjon og tillitsvalgte.',
    provider: 'KS Læring', externalKey: 'KS-TREPART-1', status: 'active',
  });
  if (held) {
    await trx.insertInto('competence_enrolments').values([...coordinators.slice(0, 2), ...managers.slice(0, 2)].map((personId) => ({
      ...org, measure_id: eLearning, session_id: null, person_id: personId, status: 'attended' as const, hours: 1.5,
      completed_on: isoDay(heldAt), source: 'import' as const,
    }))).execute();
  }
}

export async function seedDemoNews(trx: Transaction<DB>, organisationId: string, people: DemoPeople) {
  const hr = people.account('hr@lagvik.kommune.no');
  const items = [
    {
      kind: 'announcement' as const, pinned: true, daysAgo: 2, expiresOn: isoDay(demoDay(12, 0)),
      title: 'Meld inn saker til nettverksmøtet for arbeidslagene',
      body: 'Neste nettverksmøte for koordinatorene er om knapt to uker, på rådhuset og på video.\n\nHar laget ditt noe å dele, eller står dere fast? Meld inn saker til HR innen en uke før møtet.',
    },
    {
      kind: 'news' as const, pinned: false, daysAgo: 10, expiresOn: null,
      title: 'Lærlingelaget kortet tiden fra søknad til intervju med to tredjedeler',
      body: 'Arbeidslaget for lærlinger har innført felles opptak, en intervjuguide og faste intervjudager. Søkerne får nå intervju etter to uker i stedet for seks.\n\nTrepartsverkstedet har vedtatt at intervjuguiden skal brukes i alle virksomheter.',
    },
    {
      kind: 'news' as const, pinned: false, daysAgo: 5, expiresOn: null,
      title: 'Nytt kurs: arbeidslag i praksis for virksomhetsledere',
      body: 'HR tilbyr et dagskurs for virksomhetsledere om arbeidslag: mandat, tid til lagsarbeid, oppfølging og evaluering.\n\nDu melder deg på under Kompetanse.',
    },
  ];
  await trx.insertInto('news_items').values(items.map((n) => ({
    organisation_id: organisationId, kind: n.kind, title: n.title, body: n.body, pinned: n.pinned, published_at: demoDay(-n.daysAgo, 8),
    expires_on: n.expiresOn, author_person_id: hr, created_at: demoDay(-n.daysAgo, 8), updated_at: demoDay(-n.daysAgo, 8),
  }))).execute();
}
