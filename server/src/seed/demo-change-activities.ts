import type { Transaction } from 'kysely';
import type { IntervieweeRole } from '@lagverk/shared';
import type { DB } from '../db/types.ts';
import { uuidArray } from '../db/arrays.ts';
import { demoDay, isoDay, type DemoPeople } from './demo-arenas.ts';
import type { DemoChange } from './demo-change.ts';

// The demo process's activities, after the source document (Fjaler): site visits to most
// of the affected units (one is still to come, so the summary shows a gap), interviews
// with staff, leaders, politicians and union and safety representatives, two staff
// meetings for 219 employees, two process days with case work, and three project-group
// meetings. Dated around today, inside the phases of demo-change.ts.

type Row = { phase: number; day: number; kind: DB['change_activities']['kind']; title: string; summary?: string; unitIds?: string[]; details: object };

const interviews: { role: IntervieweeRole; themes: string[]; notes: string }[] = [
  { role: 'leader', themes: ['Tverrfaglig samarbeid', 'Ledelse', 'Rekruttering'], notes: 'Mye tid går til å koordinere mellom sykehjem og hjemmetjeneste. Ønsker én leder med ansvar for hele pasientforløpet.' },
  { role: 'employee', themes: ['Tverrfaglig samarbeid', 'Arbeidsmiljø'], notes: 'Opplever at informasjon om brukere ikke følger med ved overgang fra sykehus. Gode kolleger, men lite tid til faglig påfyll.' },
  { role: 'employee', themes: ['Turnus', 'Arbeidsmiljø'], notes: 'Helgebelastningen er stor. Mange små stillinger gjør det vanskelig å planlegge.' },
  { role: 'unionRepresentative', themes: ['Medvirkning', 'Turnus'], notes: 'Vil være med tidlig når forslag til organisering lages. Bekymret for endringer i arbeidstid.' },
  { role: 'safetyRepresentative', themes: ['Arbeidsmiljø', 'Medvirkning'], notes: 'Alenearbeid på natt er en risiko. Ber om at arbeidsmiljøet vurderes før vedtak.' },
  { role: 'politician', themes: ['Økonomi', 'Tverrfaglig samarbeid'], notes: 'Ønsker en organisering som gir bedre styringsinformasjon og som tåler flere eldre.' },
  { role: 'leader', themes: ['Ledelse', 'Økonomi'], notes: 'Lederspennet er for stort i dag. Trenger et ledernivå mellom kommunedirektør og virksomhetene.' },
  { role: 'projectLead', themes: ['Medvirkning', 'Rekruttering'], notes: 'Prosessen må vise at innspillene brukes. Rekruttering av sykepleiere er den største risikoen.' },
];

export async function seedDemoChangeActivities(trx: Transaction<DB>, organisationId: string, change: DemoChange, people: DemoPeople) {
  const units = await trx.selectFrom('units').select(['id', 'name']).where('organisation_id', '=', organisationId)
    .where('id', 'in', change.affectedUnitIds).orderBy('name').execute();
  // The service area itself and its last unit are not visited yet.
  const area = change.affectedUnitIds[0];
  const visited = units.filter((u) => u.id !== area).slice(0, -1);
  const group = ['radmann@lagvik.kommune.no', 'hr@lagvik.kommune.no', 'tillitsvalgt@lagvik.kommune.no'].map((e) => people.account(e));

  const rows: Row[] = [
    { phase: 0, day: -118, kind: 'projectGroupMeeting', title: 'Prosjektgruppemøte 1: oppstart',
      details: { attendeePersonIds: group, notes: 'Mandatet gjennomgått. Plan for befaringer og intervjuer lagt.', decisions: ['Befaring på alle berørte enheter før intervjuene', 'Tillitsvalgte deltar i alle prosessdager'] } },
    ...visited.map((u, i): Row => ({
      phase: 0, day: -110 + i * 4, kind: 'siteVisit', title: `Befaring: ${u.name}`, unitIds: [u.id],
      summary: 'Omvisning og samtale med leder og ansatte.',
      details: {
        premises: i % 2 === 0 ? 'Trange vaktrom og lite plass til samtaler.' : 'Nye lokaler, men lange avstander mellom avdelingene.',
        workingConditions: 'Mange deltidsstillinger; helgene er krevende å bemanne.',
        observations: 'Ansatte er engasjerte og opptatt av brukerne. Samarbeidet med andre enheter skjer mest på telefon.',
      },
    })),
    ...interviews.map((v, i): Row => ({
      phase: 1, day: -72 + i * 3, kind: 'interview', title: `Intervju ${i + 1}`,
      details: { intervieweeRole: v.role, pseudonym: `I-${String(i + 1).padStart(2, '0')}`, notes: v.notes, themes: v.themes },
    })),
    { phase: 2, day: -40, kind: 'staffMeeting', title: 'Personalmøte 1', summary: 'Presentasjon av prosessen; alle kunne stille spørsmål.', unitIds: change.affectedUnitIds,
      details: { invitedCount: 219, attendedCount: 48 } },
    { phase: 2, day: -38, kind: 'staffMeeting', title: 'Personalmøte 2', summary: 'Samme innhold på kveldstid, for dem som jobbet på dagtid.', unitIds: change.affectedUnitIds,
      details: { invitedCount: 219, attendedCount: 52 } },
    { phase: 2, day: -30, kind: 'processDay', title: 'Prosessdag 1: tverrfaglig samarbeid', summary: 'En representativ gruppe arbeidet med case om samarbeid på tvers.',
      details: {
        participantsCount: 26,
        cases: [
          { title: 'Utskrivning fra sykehus', description: 'En bruker kommer hjem fra sykehus fredag ettermiddag. Hvem gjør hva?', groups: ['Gruppe 1', 'Gruppe 2'] },
          { title: 'Bruker med sammensatte behov', description: null, groups: ['Gruppe 3'] },
        ],
        strengths: ['Ansatte som kjenner brukerne godt', 'Kort vei til leder'],
        improvements: ['Informasjon ved overganger', 'Felles møteplasser på tvers av enheter'],
        solutions: ['Fast tverrfaglig team rundt brukere med sammensatte behov', 'Felles inntaksmøte hver uke'],
      } },
    { phase: 2, day: -20, kind: 'processDay', title: 'Prosessdag 2: organisering', summary: 'Gruppene vurderte tonivå og trenivå mot funnene fra prosessdag 1.',
      details: {
        participantsCount: 24,
        cases: [{ title: 'Hvem bør lede pasientforløpet?', description: 'Sammenlign to modeller for ledelse av helse og omsorg.', groups: ['Gruppe 1', 'Gruppe 2', 'Gruppe 3'] }],
        strengths: ['Vilje til å prøve nye løsninger'],
        improvements: ['For stort lederspenn', 'Uklare roller mellom enhetene'],
        solutions: ['Kommunalsjef for helse og omsorg', 'Felles fagledelse for sykepleie'],
      } },
    { phase: 2, day: -15, kind: 'projectGroupMeeting', title: 'Prosjektgruppemøte 2: funn',
      details: { attendeePersonIds: group, notes: 'Funn fra befaringer, intervjuer og prosessdager gjennomgått.', decisions: ['To forslag til organisasjonskart utarbeides'] } },
    { phase: 3, day: -5, kind: 'projectGroupMeeting', title: 'Prosjektgruppemøte 3: forslag',
      details: { attendeePersonIds: group, notes: 'Forslagene til organisasjonskart drøftet.', decisions: ['Forslagene sendes på høring til ansatte og tillitsvalgte'] } },
  ];

  for (const row of rows) {
    await trx.insertInto('change_activities').values({
      organisation_id: organisationId, process_id: change.processId, phase_id: change.phaseIds[row.phase] ?? null, kind: row.kind,
      title: row.title, held_on: isoDay(demoDay(row.day, 12)), unit_ids: uuidArray(row.unitIds ?? []), summary: row.summary ?? null,
      details: JSON.stringify(row.details),
    }).execute();
  }
  // The pseudonyms given so far, so the next interview recorded is I-09.
  await trx.insertInto('change_interview_pseudonyms')
    .values({ organisation_id: organisationId, process_id: change.processId, last_number: interviews.length }).execute();
}
