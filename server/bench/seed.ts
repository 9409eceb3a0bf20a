import { formatToken, hashSecret, newSecret } from '../src/auth/secrets.ts';
import { sql, type Kysely } from 'kysely';
import { rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { PGlite } from '@electric-sql/pglite';
import { migrateToLatest, openDatabase } from '../src/db/database.ts';
import type { DB, NewPerson } from '../src/db/types.ts';
import { seedDemo } from '../src/seed/demo.ts';
import { seedBenchTeams } from './seed-teams.ts';
import { seedBenchSurvey } from './seed-survey-results.ts';
import { seedBenchExperiences } from './seed-experiences.ts';

// The bench organisation: the demo municipality (its unit tree, names and professions)
// grown to a large one with multi-row inserts, so seeding 10,000 people takes seconds; and,
// for the teams scenario, a catalogue of 2,000 teams with 20,000 memberships (seed-teams.ts).

/** Rows per insert: 10 columns × 1,000 rows stays well under PostgreSQL's 65,535 parameters. */
const batchSize = 1000;

/** Deterministic (mulberry32), so every run measures the same data. */
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

/** How large the bench organisation is; no teams (0) when only people are measured. */
export interface BenchSize {
  people: number;
  teams: number;
  memberships: number;
  /** Respondents to one closed survey round (0: no survey). */
  surveyRespondents: number;
  /** Experiences in the library (0 or absent: none). */
  experiences?: number;
}

/** The seeded organisation, and the survey round when there is one. */
export interface BenchOrganisation {
  organisationId: string;
  surveyRoundId: string | null;
}

/** Seeds an empty database with one organisation of that size. */
export async function seedBenchOrganisation(db: Kysely<DB>, size: BenchSize): Promise<BenchOrganisation> {
  const total = size.people;
  const organisationId = await seedDemo(db, 'bench-demo-password');
  // The demo's people are the templates: their units, professions and titles are real
  // combinations, and their names give the pools of given and family names.
  const templates = await db.selectFrom('people').select(['name', 'profession', 'title', 'unit_id'])
    .where('organisation_id', '=', organisationId).where('profession', '<>', 'Ledelse').execute();
  const givenNames = [...new Set(templates.map((t) => t.name.split(' ')[0]!))];
  const familyNames = [...new Set(templates.map((t) => t.name.split(' ').at(-1)!))];
  const next = random(10_000);
  const pick = <T>(list: T[]) => list[Math.floor(next() * list.length)]!;

  const missing = total - (await countPeople(db, organisationId));
  let rows: NewPerson[] = [];
  for (let i = 0; i < missing; i++) {
    const template = pick(templates);
    const given = pick(givenNames);
    const family = pick(familyNames);
    rows.push({
      organisation_id: organisationId,
      name: `${given} ${family}`,
      // The number keeps emails unique in the organisation, as the schema requires.
      email: `${emailPart(given)}.${emailPart(family)}.${i}@lagvik.kommune.no`,
      phone: `+47 ${400 + Math.floor(next() * 500)} ${String(Math.floor(next() * 100)).padStart(2, '0')} ${String(Math.floor(next() * 1000)).padStart(3, '0')}`,
      title: template.title,
      profession: template.profession,
      unit_id: template.unit_id,
      external_id: `HR-${50_000 + i}`,
      active: next() > 0.03,
    });
    if (rows.length === batchSize) {
      await db.insertInto('people').values(rows).execute();
      rows = [];
    }
  }
  if (rows.length > 0) await db.insertInto('people').values(rows).execute();
  // A live PostgreSQL would have analysed the tables by now (autovacuum); without
  // statistics the planner sorts all 10,000 rows instead of walking the name index
  // (and the teams' foreign-key checks scan all people for each membership).
  await sql`analyze`.execute(db);
  if (size.teams > 0) {
    await seedBenchTeams(db, organisationId, size, next);
    await sql`analyze`.execute(db);
  }
  if (size.experiences) await seedBenchExperiences(db, organisationId, size.experiences);
  const surveyRoundId = size.surveyRespondents > 0 ? await seedBenchSurvey(db, organisationId, size.surveyRespondents) : null;
  return { organisationId, surveyRoundId };
}

/** What the server processes are told about the seeded organisation. */
function benchEnv(seeded: BenchOrganisation): Record<string, string> {
  return { BENCH_ORGANISATION_ID: seeded.organisationId, ...(seeded.surveyRoundId && { BENCH_SURVEY_ROUND_ID: seeded.surveyRoundId }) };
}

async function countPeople(db: Kysely<DB>, organisationId: string) {
  const row = await db.selectFrom('people').select((eb) => eb.fn.countAll<number>().as('n'))
    .where('organisation_id', '=', organisationId).executeTakeFirstOrThrow();
  return Number(row.n);
}

/** What a server process needs to open the seeded database (see serve.ts). */
export interface SeededDatabase {
  env: Record<string, string>;
  /** Removes the database (PostgreSQL) or its dump (PGlite). */
  remove(): Promise<void>;
}

/** A migrated, seeded PGlite, dumped to a file that each server process loads into its own PGlite. */
export async function seedPglite(size: BenchSize): Promise<SeededDatabase> {
  const pglite = new PGlite('memory://');
  const database = await openDatabase({ pglite, dataDir: 'memory://' });
  await migrateToLatest(database.db);
  const seeded = await seedBenchOrganisation(database.db, size);
  const token = await benchToken(database.db, seeded.organisationId);
  const dump = await pglite.dumpDataDir('none');
  await database.close();
  const file = path.join(os.tmpdir(), `lagverk-bench-${process.pid}.tar`);
  await writeFile(file, Buffer.from(await dump.arrayBuffer()));
  return { env: { BENCH_PGLITE_DUMP: file, ...benchEnv(seeded), BENCH_TOKEN: token }, remove: () => rm(file, { force: true }) };
}

/** A fresh PostgreSQL database beside the server's others, like the tests' globalSetup makes. */
export async function seedPostgres(adminUrl: string, size: BenchSize): Promise<SeededDatabase> {
  const name = `lagverk_bench_${process.pid}_${Date.now()}`;
  await admin(adminUrl, `create database ${name}`);
  const remove = () => admin(adminUrl, `drop database if exists ${name} with (force)`);
  try {
    const url = new URL(adminUrl);
    url.pathname = `/${name}`;
    const database = await openDatabase({ databaseUrl: url.toString() });
    try {
      await migrateToLatest(database.db);
      const seeded = await seedBenchOrganisation(database.db, size);
      const token = await benchToken(database.db, seeded.organisationId);
      return { env: { BENCH_DATABASE_URL: url.toString(), ...benchEnv(seeded), BENCH_TOKEN: token }, remove };
    } finally {
      await database.close();
    }
  } catch (error) {
    await remove();
    throw error;
  }
}

async function admin(adminUrl: string, statement: string) {
  const client = new pg.Client({ connectionString: adminUrl });
  try {
    await client.connect();
  } catch (error) {
    throw new Error(`PostgreSQL is not reachable at ${adminUrl} (set BENCH_POSTGRES_URL): ${(error as Error).message}`);
  }
  try {
    await client.query(statement);
  } finally {
    await client.end();
  }
}

/** A read-only integration token: the bench calls the API the way HR's systems do. */
async function benchToken(db: Kysely<DB>, organisationId: string): Promise<string> {
  const secret = newSecret();
  await db.insertInto('api_tokens').values({
    organisation_id: organisationId, name: 'pnpm bench', token_hash: hashSecret(secret), scopes: ['people:read', 'teams:read', 'surveyResults:read', 'dashboard:read', 'experiences:read'],
  }).execute();
  return formatToken(organisationId, secret);
}
