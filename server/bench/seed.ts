import type { Kysely } from 'kysely';
import type { DB, NewPerson } from '../src/db/types.ts';
import { seedDemo } from '../src/seed/demo.ts';

// The bench organisation: the demo municipality (its unit tree, names and professions)
// grown to a large one with multi-row inserts, so seeding 10,000 people takes seconds.

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

/** Seeds an empty database with one organisation of `total` people; returns its id. */
export async function seedBenchOrganisation(db: Kysely<DB>, total: number): Promise<string> {
  const organisationId = await seedDemo(db);
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
  return organisationId;
}

async function countPeople(db: Kysely<DB>, organisationId: string) {
  const row = await db.selectFrom('people').select((eb) => eb.fn.countAll<number>().as('n'))
    .where('organisation_id', '=', organisationId).executeTakeFirstOrThrow();
  return Number(row.n);
}
