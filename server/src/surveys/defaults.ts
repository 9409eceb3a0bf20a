import type { Kysely, Transaction } from 'kysely';
import type { EffectGoal, SurveyQuestionInput, SurveyTemplateAudience, WrittenStandard } from '@lagverk/shared';
import type { DB } from '../db/types.ts';
import { insertQuestions, insertSurveyTemplate } from './repository.ts';

// The survey templates every new organisation starts with, for the effect goals of the
// work-team programme: an employee survey (goals 1, 2, 4 and 5) and a service-user survey
// (goal 3, service quality). Statements on a 1–5 agreement scale, all worded so that
// agreeing is the better outcome, so means can be compared and averaged per goal.

interface DefaultTemplate {
  name: string;
  description: string;
  audience: SurveyTemplateAudience;
  questions: SurveyQuestionInput[];
}

type Statement = [text: string, indicator: string];

const scale = (goal: EffectGoal, statements: Statement[]): SurveyQuestionInput[] =>
  statements.map(([text, indicator]) => ({ text, type: 'scale', effectGoal: goal, indicator }));

const bokmål: DefaultTemplate[] = [
  {
    name: 'Medarbeiderundersøkelse om tverrfaglig samarbeid',
    description: 'Undersøkelsen kartlegger samarbeid på tvers av fag og virksomheter. Den er anonym: svarene dine lagres uten navn, og resultater vises bare for grupper med nok svar. Svar på en skala fra 1 (helt uenig) til 5 (helt enig).',
    audience: 'employees',
    questions: [
      ...scale('unusedPotential', [
        ['Jeg samarbeider med kolleger fra andre fagområder når oppgaven krever det.', 'Samarbeid på tvers'],
        ['Jeg vet hvem i andre virksomheter jeg kan kontakte når en oppgave berører deres fag.', 'Kjennskap til andre fag'],
        ['Det er enkelt å få til samarbeid med andre virksomheter i kommunen.', 'Samarbeid på tvers'],
        ['Vi utnytter kompetansen i andre faggrupper godt i vårt arbeid.', 'Uutnyttet potensial'],
        ['Oppgaver som krever flere fag, blir løst i fellesskap og ikke stykkevis.', 'Uutnyttet potensial'],
      ]),
      ...scale('resourceEfficiency', [
        ['Oppgaver som involverer flere virksomheter, løses uten unødvendig dobbeltarbeid.', 'Dobbeltarbeid'],
        ['Overleveringer mellom virksomheter fungerer godt.', 'Overleveringer'],
        ['Samarbeid på tvers sparer tid for meg i det daglige arbeidet.', 'Ressursbruk'],
        ['Vi bruker ressursene våre der de gir mest nytte for innbyggerne.', 'Ressursbruk'],
        ['Informasjon jeg trenger fra andre virksomheter, får jeg raskt.', 'Overleveringer'],
      ]),
      ...scale('competenceMobilisation', [
        ['Kompetansen min blir brukt også utenfor min egen enhet når det er behov.', 'Bruk av egen kompetanse'],
        ['Jeg lærer av kolleger med annen fagbakgrunn.', 'Læring'],
        ['Det er lagt til rette for å dele kunnskap mellom fagmiljøer.', 'Kompetansedeling'],
        ['Jeg har fått kompetanseheving som gjør meg bedre i stand til å samarbeide på tvers.', 'Læring'],
        ['Erfaringer fra arbeidslag blir delt med resten av organisasjonen.', 'Kompetansedeling'],
      ]),
      ...scale('tripartiteCooperation', [
        ['Tillitsvalgte og verneombud er involvert i utviklingsarbeid på min arbeidsplass.', 'Trepartssamarbeid'],
        ['Jeg får god informasjon om endringer som berører arbeidet mitt.', 'Informasjon'],
        ['Jeg har mulighet til å påvirke endringer som berører arbeidet mitt.', 'Medvirkning'],
        ['Politikere, administrasjon og tillitsvalgte samarbeider godt om utviklingen av tjenestene.', 'Trepartssamarbeid'],
      ]),
      { text: 'Hvilken faggruppe tilhører du?', type: 'choice', background: true,
        options: ['Helse og omsorg', 'Oppvekst og utdanning', 'Teknisk og samfunnsutvikling', 'Administrasjon og støtte', 'Annet'] },
      { text: 'Hvor lenge har du vært ansatt i kommunen?', type: 'choice', background: true,
        options: ['Mindre enn 2 år', '2–5 år', '6–10 år', 'Mer enn 10 år'] },
      { text: 'Har du forslag til hvordan vi kan samarbeide bedre på tvers?', type: 'text',
        help: 'Ikke skriv navn eller annet som kan identifisere deg eller andre.' },
    ],
  },
  {
    name: 'Brukerundersøkelse om tjenestekvalitet',
    description: 'Vi vil gjerne vite hvordan du opplever tjenestene fra kommunen. Undersøkelsen er anonym. Svar på en skala fra 1 (helt uenig) til 5 (helt enig).',
    audience: 'serviceUsers',
    questions: [
      ...scale('serviceQuality', [
        ['Jeg får den hjelpen jeg trenger.', 'Resultat for brukeren'],
        ['De ansatte samarbeider godt om tjenestene jeg får.', 'Helhetlige tjenester'],
        ['Jeg slipper å fortelle det samme til flere ansatte eller kontorer.', 'Helhetlige tjenester'],
        ['Jeg får god informasjon om tjenestene.', 'Informasjon'],
        ['Jeg blir møtt med respekt.', 'Respekt'],
        ['Det er enkelt å komme i kontakt med tjenesten.', 'Tilgjengelighet'],
        ['Alt i alt er jeg fornøyd med tjenesten.', 'Helhetsvurdering'],
      ]),
      { text: 'Hvilken tjeneste gjelder svarene dine?', type: 'choice', background: true,
        options: ['Hjemmetjenester', 'Sykehjem', 'Skole eller barnehage', 'Helsestasjon', 'Annet'] },
      { text: 'Hva kan vi gjøre bedre?', type: 'text', help: 'Ikke skriv navn eller annet som kan identifisere deg eller andre.' },
    ],
  },
];

const nynorsk: DefaultTemplate[] = [
  {
    name: 'Medarbeidarundersøking om tverrfagleg samarbeid',
    description: 'Undersøkinga kartlegg samarbeid på tvers av fag og verksemder. Ho er anonym: svara dine blir lagra utan namn, og resultat blir berre viste for grupper med nok svar. Svar på ein skala frå 1 (heilt ueinig) til 5 (heilt einig).',
    audience: 'employees',
    questions: [
      ...scale('unusedPotential', [
        ['Eg samarbeider med kollegaer frå andre fagområde når oppgåva krev det.', 'Samarbeid på tvers'],
        ['Eg veit kven i andre verksemder eg kan kontakte når ei oppgåve rører ved faget deira.', 'Kjennskap til andre fag'],
        ['Det er enkelt å få til samarbeid med andre verksemder i kommunen.', 'Samarbeid på tvers'],
        ['Vi utnyttar kompetansen i andre faggrupper godt i arbeidet vårt.', 'Unytta potensial'],
        ['Oppgåver som krev fleire fag, blir løyste i fellesskap og ikkje stykkevis.', 'Unytta potensial'],
      ]),
      ...scale('resourceEfficiency', [
        ['Oppgåver som involverer fleire verksemder, blir løyste utan unødvendig dobbeltarbeid.', 'Dobbeltarbeid'],
        ['Overleveringar mellom verksemder fungerer godt.', 'Overleveringar'],
        ['Samarbeid på tvers sparer tid for meg i det daglege arbeidet.', 'Ressursbruk'],
        ['Vi brukar ressursane våre der dei gir mest nytte for innbyggjarane.', 'Ressursbruk'],
        ['Informasjon eg treng frå andre verksemder, får eg raskt.', 'Overleveringar'],
      ]),
      ...scale('competenceMobilisation', [
        ['Kompetansen min blir brukt også utanfor mi eiga eining når det er behov.', 'Bruk av eigen kompetanse'],
        ['Eg lærer av kollegaer med anna fagbakgrunn.', 'Læring'],
        ['Det er lagt til rette for å dele kunnskap mellom fagmiljø.', 'Kompetansedeling'],
        ['Eg har fått kompetanseheving som gjer meg betre i stand til å samarbeide på tvers.', 'Læring'],
        ['Erfaringar frå arbeidslag blir delte med resten av organisasjonen.', 'Kompetansedeling'],
      ]),
      ...scale('tripartiteCooperation', [
        ['Tillitsvalde og verneombod er involverte i utviklingsarbeid på arbeidsplassen min.', 'Trepartssamarbeid'],
        ['Eg får god informasjon om endringar som rører ved arbeidet mitt.', 'Informasjon'],
        ['Eg har høve til å påverke endringar som rører ved arbeidet mitt.', 'Medverknad'],
        ['Politikarar, administrasjon og tillitsvalde samarbeider godt om utviklinga av tenestene.', 'Trepartssamarbeid'],
      ]),
      { text: 'Kva faggruppe høyrer du til?', type: 'choice', background: true,
        options: ['Helse og omsorg', 'Oppvekst og utdanning', 'Teknisk og samfunnsutvikling', 'Administrasjon og støtte', 'Anna'] },
      { text: 'Kor lenge har du vore tilsett i kommunen?', type: 'choice', background: true,
        options: ['Mindre enn 2 år', '2–5 år', '6–10 år', 'Meir enn 10 år'] },
      { text: 'Har du forslag til korleis vi kan samarbeide betre på tvers?', type: 'text',
        help: 'Ikkje skriv namn eller anna som kan identifisere deg eller andre.' },
    ],
  },
  {
    name: 'Brukarundersøking om tenestekvalitet',
    description: 'Vi vil gjerne vite korleis du opplever tenestene frå kommunen. Undersøkinga er anonym. Svar på ein skala frå 1 (heilt ueinig) til 5 (heilt einig).',
    audience: 'serviceUsers',
    questions: [
      ...scale('serviceQuality', [
        ['Eg får den hjelpa eg treng.', 'Resultat for brukaren'],
        ['Dei tilsette samarbeider godt om tenestene eg får.', 'Heilskaplege tenester'],
        ['Eg slepp å fortelje det same til fleire tilsette eller kontor.', 'Heilskaplege tenester'],
        ['Eg får god informasjon om tenestene.', 'Informasjon'],
        ['Eg blir møtt med respekt.', 'Respekt'],
        ['Det er enkelt å kome i kontakt med tenesta.', 'Tilgjengelegheit'],
        ['Alt i alt er eg nøgd med tenesta.', 'Heilskapsvurdering'],
      ]),
      { text: 'Kva teneste gjeld svara dine?', type: 'choice', background: true,
        options: ['Heimetenester', 'Sjukeheim', 'Skule eller barnehage', 'Helsestasjon', 'Anna'] },
      { text: 'Kva kan vi gjere betre?', type: 'text', help: 'Ikkje skriv namn eller anna som kan identifisere deg eller andre.' },
    ],
  },
];

export const defaultSurveyTemplates: Record<WrittenStandard, DefaultTemplate[]> = { nb: bokmål, nn: nynorsk };

/**
 * Creates the organisation's default templates in its written standard, in the
 * transaction given; a template whose name the organisation already uses is skipped, so
 * running it again adds nothing. Returns the names added.
 */
export async function createDefaultSurveyTemplates(trx: Transaction<DB> | Kysely<DB>, organisationId: string, writtenStandard: WrittenStandard) {
  const added: string[] = [];
  for (const template of defaultSurveyTemplates[writtenStandard]) {
    const exists = await trx.selectFrom('survey_templates').select('id')
      .where('organisation_id', '=', organisationId).where('name', '=', template.name).executeTakeFirst();
    if (exists) continue;
    const row = await insertSurveyTemplate(trx, {
      organisation_id: organisationId, name: template.name, description: template.description, language: writtenStandard, audience: template.audience,
    });
    await insertQuestions(trx, organisationId, row.id, template.questions);
    added.push(template.name);
  }
  return added;
}
