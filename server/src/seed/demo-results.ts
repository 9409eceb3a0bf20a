import { createHash } from 'node:crypto';
import type { Transaction } from 'kysely';
import type { TeamResultCreate } from '@lagverk/shared';
import type { DB } from '../db/types.ts';
import type { EventInput } from '../teams/events.ts';

// The demo teams' results. The apprentice team's are the model from the Sørum source:
// concrete changes to intake, interviews, job postings, training plans and follow-up.

const base = 'https://lagvik.kommune.no';

const resultsByTeam: Record<string, TeamResultCreate[]> = {
  'Arbeidslag for lærlinger': [
    {
      title: 'Felles opptak av lærlinger to ganger i året', category: 'routineChange', achievedOn: '2025-11-03',
      description: 'Lærlingplassene i helse, teknisk drift og HR tas nå opp samlet i mars og oktober, med én søknadsfrist og én opptakskomité, i stedet for at hver virksomhet gjør opptak for seg.',
      measures: [
        { label: 'Tid fra søknadsfrist til tilbud om læreplass', unit: 'dager', before: 63, after: 28 },
        { label: 'Virksomheter med egne opptaksrutiner', unit: 'antall', before: 4, after: 1 },
      ],
      links: [{ title: 'Rutine for felles lærlingopptak', url: `${base}/larling/opptak` }],
    },
    {
      title: 'Strukturert intervjuguide og faste intervjudager', category: 'routineChange', achievedOn: '2025-12-01',
      description: 'Alle søkere intervjues etter samme guide av en fagperson og en fra HR, på faste intervjudager to uker etter søknadsfristen. Søkerne får svar innen en uke etter intervjuet.',
      measures: [
        { label: 'Tid fra søknad til intervju', unit: 'dager', before: 42, after: 14 },
        { label: 'Søkere som trekker seg før intervju', unit: 'prosent', before: 22, after: 9 },
      ],
      links: [{ title: 'Intervjuguide for lærlinger', url: `${base}/larling/intervjuguide` }],
    },
    {
      title: 'Nye utlysninger på klarspråk, også i sosiale medier', category: 'serviceQuality', achievedOn: '2026-01-20',
      description: 'Utlysningstekstene er skrevet om sammen med lærlinger, beskriver en vanlig arbeidsdag og deles på skolenes kanaler og i sosiale medier i tillegg til kommunens nettside.',
      measures: [
        { label: 'Søkere per utlysning', unit: 'antall', before: 14, after: 31 },
        { label: 'Kvalifiserte søkere per læreplass', unit: 'antall', before: 2.1, after: 4.3 },
      ],
      links: [],
    },
    {
      title: 'Felles mal for opplæringsplaner', category: 'competence', achievedOn: '2026-03-02',
      description: 'Én mal for opplæringsplan på tvers av fagene, fylt ut av instruktør og lærling første uke og gjennomgått hvert halvår. Instruktørene har fått en halv dags opplæring i å bruke den.',
      measures: [
        { label: 'Lærlinger med skriftlig opplæringsplan ved oppstart', unit: 'prosent', before: 45, after: 100 },
        { label: 'Instruktører med opplæring i veiledning', unit: 'antall', before: 6, after: 23 },
      ],
      links: [{ title: 'Mal for opplæringsplan', url: `${base}/larling/opplaeringsplan` }],
    },
    {
      title: 'Fast oppfølgingsløp med fadder og samtaler hver sjette uke', category: 'serviceQuality', achievedOn: '2026-09-15',
      description: 'Hver lærling får en fadder fra en annen virksomhet og en oppfølgingssamtale med instruktør hver sjette uke. Tegn på at noen vurderer å avbryte meldes tidlig til HR, som følger opp sammen med fagopplæringskontoret.',
      measures: [
        { label: 'Lærlinger som fullfører læretiden', unit: 'prosent', before: 68, after: 84 },
        { label: 'Avbrutte lærekontrakter', unit: 'per år', before: 7, after: 3 },
        { label: 'Lærlinger som får fast stilling i kommunen etter fagbrev', unit: 'prosent', before: 30, after: null },
      ],
      links: [{ title: 'Oppfølgingsløp for lærlinger', url: `${base}/larling/oppfolging` }],
    },
  ],
  Hverdagsrehabilitering: [
    {
      title: 'Hverdagsrehabilitering før vedtak om hjemmesykepleie', category: 'serviceQuality', achievedOn: '2026-04-15',
      description: 'Nye brukere etter sykehusopphold får først fire til seks uker opptrening i eget hjem med ergoterapeut, fysioterapeut og helsefagarbeider, før behovet for hjemmesykepleie vurderes.',
      measures: [
        { label: 'Nye brukere med hjemmesykepleie etter seks uker', unit: 'prosent', before: 71, after: 48 },
        { label: 'Brukertilfredshet', unit: 'skår 1–6', before: 4.2, after: 5.1 },
      ],
      links: [],
    },
  ],
  'Felles vikarpool i helse': [
    {
      title: 'Felles vikarliste for sykehjem og hjemmetjeneste', category: 'resourceEfficiency', achievedOn: '2025-11-10',
      description: 'Vikarene står på én felles liste og får opplæring i begge virksomhetene, slik at ledige vakter dekkes av kjente vikarer før det leies inn fra byrå.',
      measures: [{ label: 'Vakter dekket av innleid vikar fra byrå', unit: 'vakter per måned', before: 38, after: 21 }],
      links: [],
    },
  ],
};

// The training plan template itself, attached to its result as a short text file.
const trainingPlan = `Opplæringsplan for lærlinger i Lagvik kommune

Lærling:
Fag:
Instruktør:
Fadder (fra en annen virksomhet):

Første uke
- Omvisning og introduksjon i virksomheten og i fadderens virksomhet
- Gjennomgang av læreplanens kompetansemål sammen med instruktør
- Avtale om faste oppfølgingssamtaler hver sjette uke

Hvert halvår
- Instruktør og lærling går gjennom planen og krysser av nådde mål
- Nye mål og arbeidsoppgaver for neste halvår skrives inn
- Lærlingen sier fra om hva som fungerer og hva som bør endres

Ved tegn på at lærlingen vurderer å avbryte
- Instruktør melder fra til HR samme uke
- HR følger opp sammen med fagopplæringskontoret
`;

const attachmentsByResult: Record<string, { fileName: string; contentType: string; text: string }[]> = {
  'Felles mal for opplæringsplaner': [{ fileName: 'Opplæringsplan – mal.txt', contentType: 'text/plain', text: trainingPlan }],
};

/** Inserts the team's demo results and their files; returns their timeline events for the caller to record. */
export async function seedDemoResults(trx: Transaction<DB>, organisationId: string, teamId: string, teamName: string): Promise<EventInput[]> {
  const results = resultsByTeam[teamName] ?? [];
  if (results.length === 0) return [];
  const rows = await trx.insertInto('team_results').values(results.map((r) => ({
    organisation_id: organisationId, team_id: teamId, title: r.title, description: r.description ?? null, category: r.category,
    achieved_on: r.achievedOn, measures: JSON.stringify(r.measures ?? []), links: JSON.stringify(r.links ?? []),
  }))).returning(['id', 'title']).execute();
  const events: EventInput[] = [];
  for (const row of rows) {
    events.push({ teamId, kind: 'result.added', data: { resultId: row.id, title: row.title } });
    for (const file of attachmentsByResult[row.title] ?? []) {
      const content = Buffer.from(file.text, 'utf8');
      const attachment = await trx.insertInto('team_result_attachments').values({
        organisation_id: organisationId, result_id: row.id, file_name: file.fileName, content_type: file.contentType,
        size: content.length, sha256: createHash('sha256').update(content).digest('hex'),
      }).returning('id').executeTakeFirstOrThrow();
      await trx.insertInto('team_result_attachment_contents').values({ organisation_id: organisationId, attachment_id: attachment.id, content }).execute();
      events.push({ teamId, kind: 'attachment.added', data: { resultId: row.id, title: row.title, attachmentId: attachment.id, fileName: file.fileName } });
    }
  }
  return events;
}
