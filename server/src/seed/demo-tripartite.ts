import type { Transaction } from 'kysely';
import { textArray } from '../db/arrays.ts';
import type { DB } from '../db/types.ts';
import { demoDay, isoDay, type DemoPeople } from './demo-arenas.ts';

// The demo's tripartite agreement: HR's first draft, then the text the tripartite workshop
// agreed on at its last meeting, written up by the chief union representative. Two
// versions, so the history and the comparison have something to show.

const section = (title: string, text: string) => `${title}\n\n${text}`;
const purpose = section('1. Formål', 'Politikere, administrasjon og tillitsvalgte i Lagvik kommune samarbeider om utvikling av tjenestene og arbeidsplassene. Samarbeidet skal gi bedre beslutninger og eierskap til endringer.');
const meetingsDraft = section('2. Møteplasser', 'Trepartsverkstedet møtes ved behov. Rådmannen kaller inn.');
const meetingsAgreed = section('2. Møteplasser', 'Trepartsverkstedet møtes to ganger i halvåret, med tre representanter fra hver part. Hver part kan be om ekstra møte.');
const earlyInvolvement = section('3. Tidlig involvering', 'Tillitsvalgte og politikere involveres før en omstilling er besluttet, ikke etter. Saker som berører de ansattes arbeidsforhold drøftes i trepartsverkstedet før de legges fram for politisk behandling.');
const openness = section('4. Åpenhet', 'Referater fra trepartsverkstedet publiseres for alle ansatte. Avtalen evalueres årlig.');

export async function seedDemoTripartite(trx: Transaction<DB>, organisationId: string, people: DemoPeople, workshopMeetingId: string) {
  const title = 'Samarbeidsavtale om trepartssamarbeid i Lagvik kommune';
  const agreedAt = demoDay(-38, 9);
  const agreement = await trx.insertInto('tripartite_agreements').values({
    organisation_id: organisationId, title, status: 'agreed', current_version: 2, version: 3,
    created_at: demoDay(-75, 9), updated_at: agreedAt,
  }).returning('id').executeTakeFirstOrThrow();
  await trx.insertInto('tripartite_agreement_versions').values([
    {
      organisation_id: organisationId, agreement_id: agreement.id, number: 1, title,
      body: [purpose, meetingsDraft, openness].join('\n\n'),
      change_note: 'Første utkast fra administrasjonen, til drøfting i trepartsverkstedet.',
      agreed_on: null, agreed_by: textArray([]) as never, author_person_id: people.account('hr@lagvik.kommune.no'), created_at: demoDay(-75, 9),
    },
    {
      organisation_id: organisationId, agreement_id: agreement.id, number: 2, title,
      body: [purpose, meetingsAgreed, earlyInvolvement, openness].join('\n\n'),
      change_note: 'Fast møteplan og nytt punkt om tidlig involvering, som avtalt i trepartsverkstedet.',
      agreed_on: isoDay(demoDay(-40, 12)), agreed_by: textArray(['politicians', 'administration', 'unions']) as never,
      arena_meeting_id: workshopMeetingId, author_person_id: people.account('tillitsvalgt@lagvik.kommune.no'), created_at: agreedAt,
    },
  ]).execute();
}
