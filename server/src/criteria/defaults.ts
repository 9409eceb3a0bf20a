import { randomUUID } from 'node:crypto';
import type { Transaction } from 'kysely';
import type { CriteriaKind, CriterionInput, WrittenStandard } from '@lagverk/shared';
import type { DB } from '../db/types.ts';
import { insertCriteria, insertCriteriaSet } from './repository.ts';

// The criteria every new organisation starts with, drawn from the work-team programme
// (Sørum kommune): what makes a good proposal, and what a team's results are judged by.
// Written in both Norwegian standards, since a municipality uses one of them in all it
// publishes; it revises the sets to make them its own.

interface DefaultSet {
  kind: CriteriaKind;
  name: string;
  description: string;
  criteria: CriterionInput[];
}

const bokmål: DefaultSet[] = [
  {
    kind: 'establishment',
    name: 'Kriterier for opprettelse av arbeidslag',
    description: 'Et forslag til arbeidslag vurderes mot disse kriteriene før lederne for de deltakende virksomhetene godkjenner det. Kriterier merket som påkrevd må være oppfylt.',
    criteria: [
      { title: 'Oppgaven krever flere fagområder', answerType: 'yesNo', required: true, weight: 20,
        guidance: 'Beskriv hvilken hverdagsoppgave laget skal løse, og hvorfor den ikke kan løses godt innenfor ett fag alene.' },
      { title: 'Minst to virksomheter eller profesjoner deltar', answerType: 'yesNo', required: true, weight: 20,
        guidance: 'Oppgi hvilke virksomheter og profesjoner som deltar. Et arbeidslag er tverrfaglig, ellers er det ordinært arbeid i egen enhet.' },
      { title: 'Tydelig mandat og forventet effekt', answerType: 'yesNo', required: true, weight: 20,
        guidance: 'Mandatet sier hva laget skal gjøre og hva som ligger utenfor. Knytt forventet effekt til ett eller flere av kommunens effektmål, for eksempel bedre tjenestekvalitet eller mer ressurseffektiv oppgaveløsning.' },
      { title: 'Forankret hos virksomhetslederne', answerType: 'yesNo', required: true, weight: 15,
        guidance: 'Lederne for de deltakende virksomhetene kjenner forslaget og støtter at ansatte bruker arbeidstid i laget.' },
      { title: 'Tillitsvalgte er informert', answerType: 'yesNo', required: true, weight: 10,
        guidance: 'Tillitsvalgte i de berørte virksomhetene er orientert om arbeidslaget, i tråd med trepartssamarbeidet i kommunen.' },
      { title: 'Tid er satt av', answerType: 'number', unit: 'timer per medlem per måned', required: true, weight: 15,
        guidance: 'Oppgi hvor mange timer hvert medlem kan bruke i laget per måned, og hvordan tiden dekkes inn i arbeidsplan eller turnus.' },
    ],
  },
  {
    kind: 'evaluation',
    name: 'Kriterier for evaluering av arbeidslag',
    description: 'Brukes når laget evaluerer seg selv og når virksomhetslederne evaluerer laget. Skala 1–5, der 1 er svakest og 5 er best; begrunn med resultatene laget har dokumentert.',
    criteria: [
      { title: 'Måloppnåelse', answerType: 'scale', weight: 25,
        guidance: 'I hvilken grad har laget nådd målene i mandatet? 1 = ikke nådd, 5 = nådd fullt ut.' },
      { title: 'Tjenestekvalitet for brukerne', answerType: 'scale', weight: 25,
        guidance: 'Har tjenesten blitt bedre for brukerne? Vis gjerne til brukerundersøkelser eller tilbakemeldinger. 1 = ingen endring, 5 = tydelig forbedring.' },
      { title: 'Ressurseffektivitet', answerType: 'scale', weight: 20,
        guidance: 'Løses oppgaven med mindre tid, færre overleveringer eller lavere kostnad enn før? 1 = ingen endring, 5 = tydelig gevinst.' },
      { title: 'Anslått tidsbesparelse', answerType: 'number', unit: 'timer per måned', weight: 0,
        guidance: 'Hvor mye arbeidstid sparer de berørte virksomhetene til sammen? Skriv 0 hvis gevinsten er av et annet slag.' },
      { title: 'Kompetanseutvikling', answerType: 'scale', weight: 15,
        guidance: 'Har medlemmene lært av hverandres fag, og er kompetansen tatt i bruk i egen virksomhet? 1 = i liten grad, 5 = i stor grad.' },
      { title: 'Erfaringer er delt', answerType: 'scale', weight: 15,
        guidance: 'Er erfaringene delt med andre arbeidslag og resten av organisasjonen, for eksempel i nettverksmøter, trepartsverkstedet eller administrasjonsutvalget? 1 = ikke delt, 5 = delt bredt.' },
      { title: 'Læring og anbefaling', answerType: 'text', weight: 0,
        guidance: 'Hva bør videreføres, endres eller avsluttes? Skriv kort hva andre arbeidslag kan lære av dette.' },
    ],
  },
];

const nynorsk: DefaultSet[] = [
  {
    kind: 'establishment',
    name: 'Kriterium for oppretting av arbeidslag',
    description: 'Eit forslag til arbeidslag blir vurdert mot desse kriteria før leiarane for dei deltakande verksemdene godkjenner det. Kriterium merkte som påkravde må vere oppfylte.',
    criteria: [
      { title: 'Oppgåva krev fleire fagområde', answerType: 'yesNo', required: true, weight: 20,
        guidance: 'Beskriv kva kvardagsoppgåve laget skal løyse, og kvifor ho ikkje kan løysast godt innanfor eitt fag åleine.' },
      { title: 'Minst to verksemder eller profesjonar deltek', answerType: 'yesNo', required: true, weight: 20,
        guidance: 'Skriv kva verksemder og profesjonar som deltek. Eit arbeidslag er tverrfagleg, elles er det ordinært arbeid i eiga eining.' },
      { title: 'Tydeleg mandat og forventa effekt', answerType: 'yesNo', required: true, weight: 20,
        guidance: 'Mandatet seier kva laget skal gjere og kva som ligg utanfor. Knyt forventa effekt til eitt eller fleire av effektmåla til kommunen, til dømes betre tenestekvalitet eller meir ressurseffektiv oppgåveløysing.' },
      { title: 'Forankra hos verksemdsleiarane', answerType: 'yesNo', required: true, weight: 15,
        guidance: 'Leiarane for dei deltakande verksemdene kjenner forslaget og støttar at tilsette brukar arbeidstid i laget.' },
      { title: 'Tillitsvalde er informerte', answerType: 'yesNo', required: true, weight: 10,
        guidance: 'Tillitsvalde i dei råka verksemdene er orienterte om arbeidslaget, i tråd med trepartssamarbeidet i kommunen.' },
      { title: 'Tid er sett av', answerType: 'number', unit: 'timar per medlem per månad', required: true, weight: 15,
        guidance: 'Skriv kor mange timar kvart medlem kan bruke i laget per månad, og korleis tida blir dekt inn i arbeidsplan eller turnus.' },
    ],
  },
  {
    kind: 'evaluation',
    name: 'Kriterium for evaluering av arbeidslag',
    description: 'Blir brukt når laget evaluerer seg sjølv og når verksemdsleiarane evaluerer laget. Skala 1–5, der 1 er svakast og 5 er best; grunngje med resultata laget har dokumentert.',
    criteria: [
      { title: 'Måloppnåing', answerType: 'scale', weight: 25,
        guidance: 'I kva grad har laget nådd måla i mandatet? 1 = ikkje nådd, 5 = heilt nådd.' },
      { title: 'Tenestekvalitet for brukarane', answerType: 'scale', weight: 25,
        guidance: 'Har tenesta blitt betre for brukarane? Vis gjerne til brukarundersøkingar eller tilbakemeldingar. 1 = inga endring, 5 = tydeleg betring.' },
      { title: 'Ressurseffektivitet', answerType: 'scale', weight: 20,
        guidance: 'Blir oppgåva løyst med mindre tid, færre overleveringar eller lågare kostnad enn før? 1 = inga endring, 5 = tydeleg vinst.' },
      { title: 'Berekna tidsinnsparing', answerType: 'number', unit: 'timar per månad', weight: 0,
        guidance: 'Kor mykje arbeidstid sparer dei råka verksemdene til saman? Skriv 0 dersom vinsten er av eit anna slag.' },
      { title: 'Kompetanseutvikling', answerType: 'scale', weight: 15,
        guidance: 'Har medlemmene lært av faga til kvarandre, og er kompetansen teken i bruk i eiga verksemd? 1 = i liten grad, 5 = i stor grad.' },
      { title: 'Erfaringar er delte', answerType: 'scale', weight: 15,
        guidance: 'Er erfaringane delte med andre arbeidslag og resten av organisasjonen, til dømes i nettverksmøte, trepartsverkstaden eller administrasjonsutvalet? 1 = ikkje delte, 5 = delte breitt.' },
      { title: 'Læring og tilråding', answerType: 'text', weight: 0,
        guidance: 'Kva bør førast vidare, endrast eller avsluttast? Skriv kort kva andre arbeidslag kan lære av dette.' },
    ],
  },
];

export const defaultCriteriaSets: Record<WrittenStandard, DefaultSet[]> = { nb: bokmål, nn: nynorsk };

/** Creates the organisation's published default sets, in the transaction that creates the organisation. */
export async function createDefaultCriteriaSets(trx: Transaction<DB>, organisationId: string, writtenStandard: WrittenStandard) {
  const publishedAt = new Date();
  for (const set of defaultCriteriaSets[writtenStandard]) {
    const row = await insertCriteriaSet(trx, {
      organisation_id: organisationId, series_id: randomUUID(), version_number: 1, kind: set.kind, name: set.name,
      description: set.description, status: 'published', published_at: publishedAt,
    });
    await insertCriteria(trx, organisationId, row.id, set.criteria);
  }
}
