import { randomBytes } from 'node:crypto';
import { hashPassword } from '../auth/passwords.ts';
import { demoAccounts, seedDemoAccounts } from './demo-accounts.ts';
import type { Kysely } from 'kysely';
import type { DB } from '../db/types.ts';
import { createDefaultCriteriaSets } from '../criteria/defaults.ts';
import { seedDemoTeams } from './demo-teams.ts';
import { seedDemoSurveys } from './demo-surveys.ts';
import { seedDemoEvaluations } from './demo-evaluations.ts';
import { demoPeople, seedDemoArenas } from './demo-arenas.ts';
import { seedDemoCompetence, seedDemoExperiences, seedDemoNews } from './demo-activity.ts';
import { seedDemoChange } from './demo-change.ts';
import { seedDemoChangeQuestions } from './demo-change-questions.ts';
import { seedDemoChangeActivities } from './demo-change-activities.ts';
import { seedDemoOrgCharts } from './demo-org-charts.ts';
import { seedDemoTripartite } from './demo-tripartite.ts';

// A realistic, fictional municipality in Norwegian, so a newcomer sees a living system
// at once. Deterministic: the same seed gives the same people every time.

export const demoOrganisation = { name: 'Lagvik kommune', orgNumber: '999888777', writtenStandard: 'nb' as const };

interface UnitSpec {
  name: string;
  professions: string[];
  size: number;
  sections?: string[];
}

const serviceAreas: { name: string; units: UnitSpec[] }[] = [
  {
    name: 'Helse og omsorg',
    units: [
      { name: 'Hjemmetjenesten', professions: ['Sykepleie', 'Helsefagarbeider', 'Ergoterapi', 'Fysioterapi'], size: 45, sections: ['Hjemmesykepleien sone nord', 'Hjemmesykepleien sone sør'] },
      { name: 'Lagvik sykehjem', professions: ['Sykepleie', 'Helsefagarbeider', 'Kokk', 'Renhold'], size: 55, sections: ['Skjermet avdeling', 'Korttidsavdelingen'] },
      { name: 'Psykisk helse og rus', professions: ['Sykepleie', 'Sosionom', 'Psykologi', 'Vernepleie'], size: 18 },
      { name: 'Tjenester for funksjonshemmede', professions: ['Vernepleie', 'Helsefagarbeider', 'Miljøterapi'], size: 30 },
      { name: 'Helsestasjon og skolehelsetjeneste', professions: ['Helsesykepleie', 'Jordmor', 'Fysioterapi'], size: 12 },
    ],
  },
  {
    name: 'Oppvekst',
    units: [
      { name: 'Lagvik skole', professions: ['Lærer', 'Spesialpedagogikk', 'Barne- og ungdomsarbeider'], size: 40 },
      { name: 'Nordbygda skole', professions: ['Lærer', 'Barne- og ungdomsarbeider'], size: 22 },
      { name: 'Solbakken barnehage', professions: ['Barnehagelærer', 'Barne- og ungdomsarbeider'], size: 16 },
      { name: 'Pedagogisk-psykologisk tjeneste', professions: ['Spesialpedagogikk', 'Psykologi', 'Logopedi'], size: 8 },
      { name: 'Barneverntjenesten', professions: ['Barnevernspedagogikk', 'Sosionom'], size: 14 },
    ],
  },
  {
    name: 'Samfunnsutvikling',
    units: [
      { name: 'Plan, bygg og geodata', professions: ['Ingeniør', 'Arealplanlegging', 'Saksbehandling'], size: 12 },
      { name: 'Kommunalteknikk', professions: ['Ingeniør', 'Fagarbeider drift', 'Saksbehandling'], size: 20 },
      { name: 'Kultur og frivillighet', professions: ['Kulturarbeid', 'Bibliotekar', 'Saksbehandling'], size: 9 },
    ],
  },
  {
    name: 'Organisasjon og økonomi',
    units: [
      { name: 'HR og lønn', professions: ['HR-rådgivning', 'Lønn', 'Saksbehandling'], size: 8 },
      { name: 'Økonomi', professions: ['Økonomi', 'Regnskap'], size: 9 },
      { name: 'Servicetorg og dokumentsenter', professions: ['Saksbehandling', 'Arkiv'], size: 7 },
      { name: 'IKT', professions: ['IKT-rådgivning', 'Systemforvaltning'], size: 6 },
    ],
  },
];

const givenNames = ['Kari', 'Ola', 'Ingrid', 'Lars', 'Anne', 'Per', 'Silje', 'Jonas', 'Marte', 'Erik', 'Nora', 'Håkon', 'Ida', 'Sindre', 'Hilde', 'Ole', 'Camilla', 'Magnus', 'Tone', 'Eirik', 'Solveig', 'Bjørn', 'Maja', 'Tor', 'Astrid', 'Knut', 'Emma', 'Sigurd', 'Liv', 'Andreas', 'Randi', 'Øystein', 'Frida', 'Geir', 'Åse', 'Mohammed', 'Fatima', 'Piotr', 'Agnieszka', 'Amina'];
const familyNames = ['Hansen', 'Johansen', 'Olsen', 'Larsen', 'Andersen', 'Pedersen', 'Nilsen', 'Kristiansen', 'Jensen', 'Karlsen', 'Johnsen', 'Pettersen', 'Eriksen', 'Berg', 'Haugen', 'Hagen', 'Johannessen', 'Andreassen', 'Jacobsen', 'Dahl', 'Jørgensen', 'Halvorsen', 'Lund', 'Sørensen', 'Moen', 'Bakken', 'Solberg', 'Strand', 'Kvamme', 'Aasen', 'Nowak', 'Ali', 'Hussain', 'Øvrebø', 'Ødegård'];
const titlesByProfession: Record<string, string> = {
  Sykepleie: 'Sykepleier', Helsefagarbeider: 'Helsefagarbeider', Ergoterapi: 'Ergoterapeut', Fysioterapi: 'Fysioterapeut',
  Kokk: 'Kokk', Renhold: 'Renholder', Sosionom: 'Sosionom', Psykologi: 'Psykolog', Vernepleie: 'Vernepleier',
  Miljøterapi: 'Miljøterapeut', Helsesykepleie: 'Helsesykepleier', Jordmor: 'Jordmor', Lærer: 'Lærer',
  Spesialpedagogikk: 'Spesialpedagog', 'Barne- og ungdomsarbeider': 'Fagarbeider', Barnehagelærer: 'Pedagogisk leder',
  Logopedi: 'Logoped', Barnevernspedagogikk: 'Barnevernspedagog', Ingeniør: 'Ingeniør', Arealplanlegging: 'Arealplanlegger',
  Saksbehandling: 'Rådgiver', 'Fagarbeider drift': 'Driftsoperatør', Kulturarbeid: 'Kulturkonsulent', Bibliotekar: 'Bibliotekar',
  'HR-rådgivning': 'HR-rådgiver', Lønn: 'Lønnskonsulent', Økonomi: 'Økonomirådgiver', Regnskap: 'Regnskapsmedarbeider',
  Arkiv: 'Arkivar', 'IKT-rådgivning': 'IKT-rådgiver', Systemforvaltning: 'Systemforvalter', Ledelse: 'Virksomhetsleder',
};

/** A small deterministic generator (mulberry32), so the demo is the same on every machine. */
function random(seed: number) {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function emailPart(name: string) {
  return name.toLowerCase().replace(/æ/g, 'ae').replace(/ø/g, 'o').replace(/å/g, 'a').replace(/[^a-z]+/g, '');
}

/** Seeds the demo municipality into an empty installation; returns its id, or null if not empty. */
export async function seedDemoIfEmpty(db: Kysely<DB>, password: string): Promise<string | null> {
  const any = await db.selectFrom('organisations').select('id').limit(1).executeTakeFirst();
  if (any) return null;
  return seedDemo(db, password);
}

/** A password for the demo accounts when none is configured: random, printed once. */
export const randomDemoPassword = () => randomBytes(12).toString('base64url');

/** How to sign in to the demo, for the console. */
export function demoSignInHelp(password: string): string {
  const width = Math.max(...demoAccounts.map((a) => a.email.length));
  return `Demo accounts (password: ${password}):\n` +
    demoAccounts.map((a) => `  ${a.email.padEnd(width)}  ${a.describe}`).join('\n') + '\n';
}

export async function seedDemo(db: Kysely<DB>, password: string, organisation = demoOrganisation): Promise<string> {
  const passwordHash = await hashPassword(password);
  const next = random(2012);
  const pick = <T>(list: T[]) => list[Math.floor(next() * list.length)]!;
  return db.transaction().execute(async (trx) => {
    const org = await trx.insertInto('organisations')
      .values({ name: organisation.name, org_number: organisation.orgNumber, written_standard: organisation.writtenStandard })
      .returning('id').executeTakeFirstOrThrow();
    const organisationId = org.id;
    await createDefaultCriteriaSets(trx, organisationId, organisation.writtenStandard);
    const usedEmails = new Set<string>();
    let employeeNumber = 10000;

    async function addPerson(unitId: string, profession: string, title?: string) {
      const given = pick(givenNames);
      const family = pick(familyNames);
      let email = `${emailPart(given)}.${emailPart(family)}@lagvik.kommune.no`;
      for (let n = 2; usedEmails.has(email); n++) email = `${emailPart(given)}.${emailPart(family)}${n}@lagvik.kommune.no`;
      usedEmails.add(email);
      const phone = `+47 ${400 + Math.floor(next() * 500)} ${String(Math.floor(next() * 100)).padStart(2, '0')} ${String(Math.floor(next() * 1000)).padStart(3, '0')}`;
      const row = await trx.insertInto('people').values({
        organisation_id: organisationId, name: `${given} ${family}`, email, phone,
        title: title ?? titlesByProfession[profession] ?? profession, profession, unit_id: unitId,
        external_id: `HR-${employeeNumber++}`,
      }).returning('id').executeTakeFirstOrThrow();
      return row.id;
    }

    async function addUnit(name: string, kind: 'serviceArea' | 'unit' | 'section', parentId: string | null) {
      const row = await trx.insertInto('units')
        .values({ organisation_id: organisationId, name, kind, parent_id: parentId, external_id: `ORG-${name.slice(0, 24).replace(/\W+/g, '-')}-${Math.floor(next() * 1e6)}` })
        .returning('id').executeTakeFirstOrThrow();
      return row.id;
    }

    async function setManager(unitId: string, personId: string) {
      await trx.updateTable('units').set({ manager_id: personId }).where('organisation_id', '=', organisationId).where('id', '=', unitId).execute();
    }

    for (const area of serviceAreas) {
      const areaId = await addUnit(area.name, 'serviceArea', null);
      await setManager(areaId, await addPerson(areaId, 'Ledelse', 'Kommunalsjef'));
      for (const spec of area.units) {
        const unitId = await addUnit(spec.name, 'unit', areaId);
        await setManager(unitId, await addPerson(unitId, 'Ledelse', 'Virksomhetsleder'));
        const sectionIds = [];
        for (const section of spec.sections ?? []) {
          const sectionId = await addUnit(section, 'section', unitId);
          await setManager(sectionId, await addPerson(sectionId, pick(spec.professions), 'Avdelingsleder'));
          sectionIds.push(sectionId);
        }
        const homes = [unitId, ...sectionIds];
        for (let i = 0; i < spec.size; i++) await addPerson(pick(homes), pick(spec.professions));
      }
    }
    await seedDemoTeams(trx, organisationId);
    await seedDemoEvaluations(trx, organisationId);
    await seedDemoAccounts(trx, organisationId, passwordHash);
    await seedDemoSurveys(trx, organisationId, organisation.writtenStandard);
    const people = await demoPeople(trx, organisationId);
    const { heldMeetingId } = await seedDemoArenas(trx, organisationId, people);
    await seedDemoExperiences(trx, organisationId, people, heldMeetingId);
    await seedDemoCompetence(trx, organisationId, people);
    await seedDemoNews(trx, organisationId, people);
    await seedDemoTripartite(trx, organisationId, people, heldMeetingId);
    // The change process first; its parts after it, each given the process.
    const change = await seedDemoChange(trx, organisationId, people);
    await seedDemoChangeActivities(trx, organisationId, change, people);
    await seedDemoOrgCharts(trx, organisationId, change, people);
    await seedDemoChangeQuestions(trx, organisationId, change, people);
    return organisationId;
  });
}
