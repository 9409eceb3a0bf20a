import type { Transaction } from 'kysely';
import type { DB } from '../db/types.ts';
import { demoDay, isoDay, type DemoPeople } from './demo-arenas.ts';
import type { DemoChange } from './demo-change.ts';

// The demo process's questions and answers and its communication plan. Questions: some
// anonymous, some named, some recorded at the staff meetings (when the activities are
// there); most answered, two still open, of different ages. The plan: about eight
// messages, done, planned (one overdue) and cancelled. All dated around today.

interface DemoQuestion {
  day: number;
  question: string;
  asker?: string;
  meeting?: 'Personalmøte 1' | 'Personalmøte 2';
  answer?: { day: number; text: string };
}

const questions: DemoQuestion[] = [
  { day: -40, meeting: 'Personalmøte 1', question: 'Blir noen sagt opp som følge av omorganiseringen?',
    answer: { day: -39, text: 'Nei. Omorganiseringen skal ikke føre til oppsigelser. Alle beholder sin stilling, men noen kan få ny leder eller nytt arbeidssted etter drøftinger med tillitsvalgte.' } },
  { day: -40, meeting: 'Personalmøte 1', question: 'Hvordan kan vi som jobber natt være med på prosessen?',
    answer: { day: -38, text: 'Vi holder et ekstra personalmøte på kveldstid, og alle kan stille spørsmål her i Lagverk – også anonymt.' } },
  { day: -38, meeting: 'Personalmøte 2', question: 'Hva skjer med turnusen når avdelingene slås sammen?',
    answer: { day: -36, text: 'Turnusene beholdes ut året. Ny turnus lages sammen med tillitsvalgte og verneombud før den tas i bruk.' } },
  { day: -30, question: 'Får vi egen leder på hvert sykehjem også i den nye modellen?',
    answer: { day: -27, text: 'Forslaget er at hvert sykehjem fortsatt har en enhetsleder. Det nye er en kommunalsjef for helse og omsorg mellom enhetslederne og kommunedirektøren.' } },
  { day: -21, asker: 'ansatt@lagvik.kommune.no', question: 'Når kommer forslaget til nytt organisasjonskart?',
    answer: { day: -20, text: 'Forslaget legges fram i fasen «Forslag til organisasjonskart», med høringsrunde der alle kan gi innspill.' } },
  { day: -15, asker: 'tillitsvalgt@lagvik.kommune.no', question: 'Hvordan blir de tillitsvalgte involvert i drøftingene av nye stillinger?',
    answer: { day: -13, text: 'Tillitsvalgte sitter i prosjektgruppen og drøfter alle endringer i stillinger og arbeidssted før de gjennomføres.' } },
  { day: -12, question: 'Må vi flytte til et annet bygg?' },
  { day: -2, asker: 'leder@lagvik.kommune.no', question: 'Hvem får personalansvar for de ansatte i hjemmetjenesten i overgangsperioden?' },
];

interface DemoMessage {
  title: string;
  audience: 'allStaff' | 'affectedStaff' | 'managers' | 'projectGroup' | 'unionRepresentatives' | 'politicians' | 'public' | 'serviceUsers';
  channel: 'informationMeeting' | 'staffMeeting' | 'email' | 'intranet' | 'news' | 'letter' | 'press' | 'other';
  day: number;
  phase: number;
  status: 'planned' | 'done' | 'cancelled';
  content?: string;
  owner: string;
}

const messages: DemoMessage[] = [
  { title: 'Oppstart av prosessen: mandat og framdrift', audience: 'allStaff', channel: 'intranet', day: -118, phase: 0, status: 'done', owner: 'radmann@lagvik.kommune.no',
    content: 'Kommunedirektøren orienterer om kommunestyrets vedtak, mandatet og fasene i prosessen.' },
  { title: 'Orientering til hovedtillitsvalgte', audience: 'unionRepresentatives', channel: 'informationMeeting', day: -115, phase: 0, status: 'done', owner: 'hr@lagvik.kommune.no' },
  { title: 'Personalmøter for alle ansatte i helse og omsorg', audience: 'affectedStaff', channel: 'staffMeeting', day: -40, phase: 2, status: 'done', owner: 'hr@lagvik.kommune.no',
    content: 'To møter med samme innhold, på dagtid og kveldstid, så alle kan delta.' },
  { title: 'Status til formannskapet', audience: 'politicians', channel: 'informationMeeting', day: -25, phase: 2, status: 'done', owner: 'radmann@lagvik.kommune.no' },
  { title: 'Informasjon til brukere og pårørende', audience: 'serviceUsers', channel: 'letter', day: -5, phase: 3, status: 'planned', owner: 'hr@lagvik.kommune.no',
    content: 'Brev om at tjenestene fortsetter som før mens organiseringen endres.' },
  { title: 'Pressemelding om forslaget', audience: 'public', channel: 'press', day: -3, phase: 3, status: 'cancelled', owner: 'radmann@lagvik.kommune.no' },
  { title: 'Forslag til organisasjonskart på høring', audience: 'allStaff', channel: 'news', day: 7, phase: 3, status: 'planned', owner: 'hr@lagvik.kommune.no' },
  { title: 'Ledersamling om ny struktur', audience: 'managers', channel: 'informationMeeting', day: 35, phase: 4, status: 'planned', owner: 'radmann@lagvik.kommune.no' },
];

export async function seedDemoChangeQuestions(trx: Transaction<DB>, organisationId: string, change: DemoChange, people: DemoPeople) {
  const meetings = await trx.selectFrom('change_activities').select(['id', 'title', 'held_on'])
    .where('organisation_id', '=', organisationId).where('process_id', '=', change.processId).where('kind', '=', 'staffMeeting').execute();
  const answerer = people.account('hr@lagvik.kommune.no');
  for (const q of questions) {
    const meeting = q.meeting ? meetings.find((m) => m.title === q.meeting) : undefined;
    // Without the staff meetings seeded, their questions are left out rather than made up as online ones.
    if (q.meeting && !meeting) continue;
    const asker = q.asker ? people.account(q.asker) : null;
    await trx.insertInto('change_questions').values({
      organisation_id: organisationId, process_id: change.processId, question: q.question,
      asked_via: meeting ? 'meeting' : 'online', activity_id: meeting?.id ?? null,
      asker_person_id: asker, asked_on: meeting?.held_on ?? isoDay(demoDay(q.day, 12)),
      // A named question keeps its hour; an anonymous one gets the start of its day from the table's trigger.
      ...(asker && { created_at: demoDay(q.day, 9), updated_at: demoDay(q.answer?.day ?? q.day, 9) }),
      ...(q.answer && { status: 'answered' as const, answer: q.answer.text, answered_at: demoDay(q.answer.day, 13), answerer_person_id: answerer }),
    }).execute();
  }
  for (const m of messages) {
    await trx.insertInto('change_messages').values({
      organisation_id: organisationId, process_id: change.processId, phase_id: change.phaseIds[m.phase] ?? null,
      title: m.title, content: m.content ?? null, audience: m.audience, channel: m.channel, planned_on: isoDay(demoDay(m.day, 12)),
      owner_person_id: people.account(m.owner), status: m.status, done_on: m.status === 'done' ? isoDay(demoDay(m.day, 12)) : null,
    }).execute();
  }
}
