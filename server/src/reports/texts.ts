import type { ArenaType, CompetenceRole, EffectGoal, ResultCategory, TeamStatus, WrittenStandard } from '@lagverk/shared';

// The management review's words in the organisation's written standard: bokmål or nynorsk.

export interface ReportTexts {
  lang: string;
  title: string;
  subtitle: (org: string, orgNumber: string) => string;
  period: (from: string, to: string) => string;
  generated: (at: string) => string;
  procedures: string;
  criteriaSets: string;
  noCriteriaSets: string;
  criteriaSet: (s: { name: string; versionNumber: number; kind: 'establishment' | 'evaluation'; status: 'published' | 'superseded'; publishedOn: string | null; used: number }) => string;
  lifecycle: string;
  lifecycleSteps: Record<'proposed' | 'approved' | 'rejected' | 'activated' | 'concluded', string>;
  teams: string;
  teamsTotal: (n: number) => string;
  statuses: Record<TeamStatus, string>;
  composition: (units: string, professions: string, teams: number) => string;
  results: string;
  resultsTotal: (n: number) => string;
  categories: Record<ResultCategory, string>;
  resultItem: (title: string, team: string, on: string) => string;
  evaluations: string;
  evaluationFigures: (closed: number, due: number, overdue: number) => string;
  evaluationItem: (team: string, on: string) => string;
  effectGoals: string;
  goals: Record<EffectGoal, string>;
  noRounds: string;
  roundShown: (round: string, on: string, mean: string, n: number) => string;
  roundHidden: (round: string, on: string, reason: 'belowMinimum' | 'differencing') => string;
  followUp: string;
  followUpFigures: (open: number, overdue: number) => string;
  actionItem: (title: string, dueOn: string | null, nextReviewOn: string | null) => string;
  activity: string;
  competence: string;
  /** Participants and hours, null when hidden (one or two people). */
  competenceFigures: (participants: number | null, hours: string | null) => string;
  competenceRoles: Record<CompetenceRole, string>;
  competenceRole: (role: string, participants: number | null, hours: string | null) => string;
  arenas: string;
  arenaFigures: (meetings: number, attendance: number) => string;
  arenaTypes: Record<ArenaType, string>;
  arenaType: (type: string, meetings: number, attendance: number) => string;
  experiences: string;
  experienceFigures: (shared: number, marked: number, marks: number) => string;
  more: (n: number) => string;
  none: string;
}

/** 31.12.2026, as Norwegians write a date. */
export const norwegianDate = (iso: string) => `${iso.slice(8, 10)}.${iso.slice(5, 7)}.${iso.slice(0, 4)}`;
/** 3,62: a decimal comma. */
export const norwegianNumber = (value: number) => String(value).replace('.', ',');

const nb: ReportTexts = {
  lang: 'nb-NO',
  title: 'Ledelsens gjennomgang av arbeidslagene',
  subtitle: (org, orgNumber) => `${org} (org.nr. ${orgNumber})`,
  period: (from, to) => `Periode: ${norwegianDate(from)}–${norwegianDate(to)}`,
  generated: (at) => `Laget ${norwegianDate(at)}`,
  procedures: 'Prosedyrer',
  criteriaSets: 'Kriteriesett i bruk',
  noCriteriaSets: 'Ingen kriteriesett er publisert eller brukt i perioden.',
  criteriaSet: (s) => `${s.name}, versjon ${s.versionNumber} (${s.kind === 'establishment' ? 'opprettelse' : 'evaluering'}; ${
    s.status === 'published' ? 'publisert' : 'erstattet'}${s.publishedOn ? ` ${norwegianDate(s.publishedOn)}` : ''}): brukt ${s.used} ${s.used === 1 ? 'gang' : 'ganger'} i perioden`,
  lifecycle: 'Steg i livsløpet i perioden',
  lifecycleSteps: { proposed: 'Foreslått', approved: 'Godkjent', rejected: 'Avslått', activated: 'Startet', concluded: 'Avsluttet' },
  teams: 'Arbeidslag',
  teamsTotal: (n) => `${n} arbeidslag i alt. Etter status nå:`,
  statuses: { draft: 'Utkast', proposed: 'Foreslått', approved: 'Godkjent', rejected: 'Avslått', active: 'Aktivt', paused: 'På pause', concluded: 'Avsluttet' },
  composition: (units, professions, teams) =>
    `De ${teams} aktive lagene har i snitt ${units} deltakende enheter og ${professions} fag hver.`,
  results: 'Resultater',
  resultsTotal: (n) => `${n} resultater oppnådd i perioden. Etter kategori:`,
  categories: { routineChange: 'Endret rutine eller arbeidsprosess', serviceQuality: 'Tjenestekvalitet', resourceEfficiency: 'Ressursbruk', competence: 'Kompetanse', other: 'Annet' },
  resultItem: (title, team, on) => `${title} (${team}, ${norwegianDate(on)})`,
  evaluations: 'Evalueringer',
  evaluationFigures: (closed, due, overdue) =>
    `${closed} evalueringer avsluttet i perioden. I dag forfaller ${due} lag innen 30 dager, og ${overdue} har passert fristen.`,
  evaluationItem: (team, on) => `${team}: avsluttet ${norwegianDate(on)}`,
  effectGoals: 'Effektmål og undersøkelser',
  goals: {
    unusedPotential: 'Mindre ubrukt potensial for tverrfaglig samarbeid', resourceEfficiency: 'Ressurseffektiv oppgaveløsning',
    serviceQuality: 'Høyere tjenestekvalitet', competenceMobilisation: 'Kompetansemobilisering', tripartiteCooperation: 'Trepartssamarbeid',
  },
  noRounds: 'Ingen avsluttet undersøkelse spør om dette målet.',
  roundShown: (round, on, mean, n) => `${round} (${norwegianDate(on)}): snitt ${mean} av 5 (${n} svar)`,
  roundHidden: (round, on, reason) => `${round} (${norwegianDate(on)}): skjult, ${reason === 'belowMinimum' ? 'for få svar' : 'så ingen små grupper kan regnes ut'}`,
  followUp: 'Oppfølgingstiltak',
  followUpFigures: (open, overdue) => `${open} åpne tiltak, ${overdue} av dem har passert datoen for gjennomgang.`,
  actionItem: (title, dueOn, next) => `${title}${dueOn ? `, frist ${norwegianDate(dueOn)}` : ''}${next ? `, neste gjennomgang ${norwegianDate(next)}` : ''}`,
  activity: 'Kompetanse, arenaer og erfaringsdeling',
  competence: 'Kompetansetiltak',
  competenceFigures: (participants, hours) => (participants === null || hours === null
    ? 'Én eller to personer fikk timer godskrevet i perioden; tallene vises ikke for så små grupper.'
    : `${participants} ${participants === 1 ? 'person' : 'personer'} fikk til sammen ${hours} timer godskrevet i perioden. Etter målgruppe for tiltakene:`),
  competenceRoles: { coordinator: 'Koordinatorer', member: 'Medlemmer', unitManager: 'Virksomhetsledere' },
  competenceRole: (role, participants, hours) => (participants === null || hours === null
    ? `${role}: skjult (for få deltakere)` : `${role}: ${participants} deltakere, ${hours} timer`),
  arenas: 'Arenaer for erfaringsdeling',
  arenaFigures: (meetings, attendance) => `${meetings} ${meetings === 1 ? 'møte' : 'møter'} holdt i perioden, med ${attendance} registrerte oppmøter i alt. Etter type arena:`,
  arenaTypes: {
    networkMeeting: 'Nettverksmøte mellom lag', learningForum: 'Læringsforum', processDay: 'Prosessdag',
    tripartiteWorkshop: 'Trepartsverksted', administrationCommittee: 'Administrasjonsutvalget', digitalForum: 'Digitalt forum',
  },
  arenaType: (type, meetings, attendance) => `${type}: ${meetings} ${meetings === 1 ? 'møte' : 'møter'}, ${attendance} oppmøter`,
  experiences: 'Erfaringsdeling',
  experienceFigures: (shared, marked, marks) =>
    `${shared} ${shared === 1 ? 'erfaring' : 'erfaringer'} delt i erfaringsbanken i perioden. ${marked} av dem er markert som ${marked === 1 ? 'nyttig' : 'nyttige'}, med ${marks} ${marks === 1 ? 'markering' : 'markeringer'} i alt.`,
  more: (n) => `… og ${n} til.`,
  none: 'Ingen.',
};

const nn: ReportTexts = {
  lang: 'nn-NO',
  title: 'Leiinga sin gjennomgang av arbeidslaga',
  subtitle: (org, orgNumber) => `${org} (org.nr. ${orgNumber})`,
  period: (from, to) => `Periode: ${norwegianDate(from)}–${norwegianDate(to)}`,
  generated: (at) => `Laga ${norwegianDate(at)}`,
  procedures: 'Prosedyrar',
  criteriaSets: 'Kriteriesett i bruk',
  noCriteriaSets: 'Ingen kriteriesett er publiserte eller brukte i perioden.',
  criteriaSet: (s) => `${s.name}, versjon ${s.versionNumber} (${s.kind === 'establishment' ? 'oppretting' : 'evaluering'}; ${
    s.status === 'published' ? 'publisert' : 'erstatta'}${s.publishedOn ? ` ${norwegianDate(s.publishedOn)}` : ''}): brukt ${s.used} ${s.used === 1 ? 'gong' : 'gonger'} i perioden`,
  lifecycle: 'Steg i livsløpet i perioden',
  lifecycleSteps: { proposed: 'Føreslått', approved: 'Godkjent', rejected: 'Avslått', activated: 'Starta', concluded: 'Avslutta' },
  teams: 'Arbeidslag',
  teamsTotal: (n) => `${n} arbeidslag i alt. Etter status no:`,
  statuses: { draft: 'Utkast', proposed: 'Føreslått', approved: 'Godkjent', rejected: 'Avslått', active: 'Aktivt', paused: 'På pause', concluded: 'Avslutta' },
  composition: (units, professions, teams) =>
    `Dei ${teams} aktive laga har i snitt ${units} deltakande einingar og ${professions} fag kvar.`,
  results: 'Resultat',
  resultsTotal: (n) => `${n} resultat oppnådde i perioden. Etter kategori:`,
  categories: { routineChange: 'Endra rutine eller arbeidsprosess', serviceQuality: 'Tenestekvalitet', resourceEfficiency: 'Ressursbruk', competence: 'Kompetanse', other: 'Anna' },
  resultItem: (title, team, on) => `${title} (${team}, ${norwegianDate(on)})`,
  evaluations: 'Evalueringar',
  evaluationFigures: (closed, due, overdue) =>
    `${closed} evalueringar avslutta i perioden. I dag forfell ${due} lag innan 30 dagar, og ${overdue} har passert fristen.`,
  evaluationItem: (team, on) => `${team}: avslutta ${norwegianDate(on)}`,
  effectGoals: 'Effektmål og undersøkingar',
  goals: {
    unusedPotential: 'Mindre unytta potensial for tverrfagleg samarbeid', resourceEfficiency: 'Ressurseffektiv oppgåveløysing',
    serviceQuality: 'Høgare tenestekvalitet', competenceMobilisation: 'Kompetansemobilisering', tripartiteCooperation: 'Trepartssamarbeid',
  },
  noRounds: 'Inga avslutta undersøking spør om dette målet.',
  roundShown: (round, on, mean, n) => `${round} (${norwegianDate(on)}): snitt ${mean} av 5 (${n} svar)`,
  roundHidden: (round, on, reason) => `${round} (${norwegianDate(on)}): skjult, ${reason === 'belowMinimum' ? 'for få svar' : 'så ingen små grupper kan reknast ut'}`,
  followUp: 'Oppfølgingstiltak',
  followUpFigures: (open, overdue) => `${open} opne tiltak, ${overdue} av dei har passert datoen for gjennomgang.`,
  actionItem: (title, dueOn, next) => `${title}${dueOn ? `, frist ${norwegianDate(dueOn)}` : ''}${next ? `, neste gjennomgang ${norwegianDate(next)}` : ''}`,
  activity: 'Kompetanse, arenaer og erfaringsdeling',
  competence: 'Kompetansetiltak',
  competenceFigures: (participants, hours) => (participants === null || hours === null
    ? 'Éin eller to personar fekk timar godskrivne i perioden; tala blir ikkje viste for så små grupper.'
    : `${participants} ${participants === 1 ? 'person' : 'personar'} fekk til saman ${hours} timar godskrivne i perioden. Etter målgruppe for tiltaka:`),
  competenceRoles: { coordinator: 'Koordinatorar', member: 'Medlemmer', unitManager: 'Verksemdleiarar' },
  competenceRole: (role, participants, hours) => (participants === null || hours === null
    ? `${role}: skjult (for få deltakarar)` : `${role}: ${participants} deltakarar, ${hours} timar`),
  arenas: 'Arenaer for erfaringsdeling',
  arenaFigures: (meetings, attendance) => `${meetings} møte ${meetings === 1 ? 'halde' : 'haldne'} i perioden, med ${attendance} registrerte oppmøte i alt. Etter type arena:`,
  arenaTypes: {
    networkMeeting: 'Nettverksmøte mellom lag', learningForum: 'Læringsforum', processDay: 'Prosessdag',
    tripartiteWorkshop: 'Trepartsverkstad', administrationCommittee: 'Administrasjonsutvalet', digitalForum: 'Digitalt forum',
  },
  arenaType: (type, meetings, attendance) => `${type}: ${meetings} møte, ${attendance} oppmøte`,
  experiences: 'Erfaringsdeling',
  experienceFigures: (shared, marked, marks) =>
    `${shared} ${shared === 1 ? 'erfaring delt' : 'erfaringar delte'} i erfaringsbanken i perioden. ${marked} av dei er ${marked === 1 ? 'markert som nyttig' : 'markerte som nyttige'}, med ${marks} ${marks === 1 ? 'markering' : 'markeringar'} i alt.`,
  more: (n) => `… og ${n} til.`,
  none: 'Ingen.',
};

export const reportTexts = (standard: WrittenStandard): ReportTexts => (standard === 'nn' ? nn : nb);
