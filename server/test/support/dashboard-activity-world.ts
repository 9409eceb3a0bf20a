import type { Kysely } from 'kysely';
import type { Person, Unit } from '@lagverk/shared';
import type { App } from '../../src/app.ts';
import { textArray } from '../../src/db/arrays.ts';
import type { DB } from '../../src/db/types.ts';
import { createOrganisation } from './database.ts';
import { createPerson, createUnit, unique } from './factories.ts';
import { createTeam } from './team-factories.ts';
import { daysFromNow } from './dashboard-world.ts';

// An organisation with competence, arena meetings and experiences for the dashboard's
// activity figures, each worked out by hand below. Units, people and teams go through the
// API; measures, enrolments, meetings and experiences are rows straight in the database,
// dated relative to today (days are UTC days, as daysFromNow gives them).
//
// Units: area ─ u1        o
// People: p1, p2, p3, p4 in u1; p5, p6 in o.
//
// Competence (attended unless said; hours on the day in brackets):
//   M1 for coordinators:          p1, p2, p3 6 h each (day -10); p4 absent
//   M2 for members:               p1, p2, p5 3 h each (day -20); p6 only enrolled; p4 4 h (day -400)
//   M3 for named teams (no role): p5 1.5 h, an imported completion (day -30)
//   The default year: p1, p2, p3, p5 = 4 people, 18 + 9 + 1.5 = 28.5 h;
//   coordinators 3 people 18 h (3 people outside their measures: p1, p2, p5); members 3 people 9 h.
//   u1's subtree: p1, p2, p3 = 3 people, 24 h; coordinators 3 people but only p1 and p2 outside
//   (hidden, or 24 − 18 gives their hours); members p1, p2 (hidden). o: p5 alone (all hidden).
//
// Arena meetings (start; attended invitations):
//   network meeting     held      day -10 at 23:15 UTC, already day -9 in Norway; p1, p2 attended, p3 not, p4 unknown
//   network meeting     planned   day -5 (p1 "attended": ignored, not held)
//   network meeting     cancelled day -3
//   tripartite workshop held      day -40; p1, p5, p6 attended
//   tripartite workshop held      day -500; p1 attended
//   The default year: 2 held, 5 attended; network 1 / 2, tripartite 1 / 3.
//
// Experiences (created; useful marks):
//   E1 team T1 (u1) day -5, marked by p1 and p2; E2 team T2 (o) day -15, marked by p3;
//   E3 no team day -2; E4 team T1 day -400, marked by p1.
//   The default year: 3 shared, 2 marked useful, 3 marks. area: E1 (1, 1, 2). o: E2 (1, 1, 1).

export interface ActivityWorld {
  org: string;
  units: Record<'area' | 'u1' | 'o', Unit>;
  people: Person[];
}

const at = (day: string, time = '12:00:00') => new Date(`${day}T${time}Z`);

export async function buildActivityWorld(app: App, db: Kysely<DB>): Promise<ActivityWorld> {
  const org = (await createOrganisation(db)).id;
  const area = await createUnit(app, org, { name: `Oppvekst ${unique()}`, kind: 'serviceArea' });
  const u1 = await createUnit(app, org, { parentId: area.id });
  const o = await createUnit(app, org);
  const people: Person[] = [];
  for (const unit of [u1, u1, u1, u1, o, o]) people.push(await createPerson(app, org, { unitId: unit.id }));
  const [p1, p2, p3, p4, p5, p6] = people.map((p) => p.id) as [string, string, string, string, string, string];
  const t1 = await createTeam(app, org, { unitIds: [u1.id] });
  const t2 = await createTeam(app, org, { unitIds: [o.id] });
  const year = Number(daysFromNow(0).slice(0, 4));

  // Competence.
  const measure = async (title: string, roles: string[], kind = 'course') => (await db.insertInto('competence_measures')
    .values({ organisation_id: org, kind, title, target_roles: textArray(roles), planned_year: year, status: 'active' } as never)
    .returning('id').executeTakeFirstOrThrow()).id as string;
  const m1 = await measure('Koordinatorsamling', ['coordinator']);
  const m2 = await measure('Medlemskurs', ['member']);
  const m3 = await measure('E-læring for lag', [], 'eLearning');
  const session = async (measureId: string, day: string) => (await db.insertInto('competence_sessions')
    .values({ organisation_id: org, measure_id: measureId, starts_at: at(day, '08:00:00'), ends_at: at(day, '14:00:00'), hours: '6' } as never)
    .returning('id').executeTakeFirstOrThrow()).id as string;
  const s1 = await session(m1, daysFromNow(-10));
  const s2 = await session(m2, daysFromNow(-20));
  const s2old = await session(m2, daysFromNow(-400));
  const attended = (measureId: string, sessionId: string | null, personId: string, hours: number, day: string) =>
    ({ organisation_id: org, measure_id: measureId, session_id: sessionId, person_id: personId, status: 'attended', hours: String(hours), completed_on: day, source: sessionId ? 'manual' : 'import' });
  const waiting = (measureId: string, sessionId: string, personId: string, status: 'absent' | 'enrolled') =>
    ({ organisation_id: org, measure_id: measureId, session_id: sessionId, person_id: personId, status, hours: null, completed_on: null });
  await db.insertInto('competence_enrolments').values([
    ...[p1, p2, p3].map((p) => attended(m1, s1, p, 6, daysFromNow(-10))),
    waiting(m1, s1, p4, 'absent'),
    ...[p1, p2, p5].map((p) => attended(m2, s2, p, 3, daysFromNow(-20))),
    waiting(m2, s2, p6, 'enrolled'),
    attended(m2, s2old, p4, 4, daysFromNow(-400)),
    attended(m3, null, p5, 1.5, daysFromNow(-30)),
  ] as never).execute();

  // Arenas.
  const arena = async (type: string) => (await db.insertInto('arenas').values({ organisation_id: org, type, name: `Arena ${unique()}` } as never)
    .returning('id').executeTakeFirstOrThrow()).id as string;
  const network = await arena('networkMeeting');
  const workshop = await arena('tripartiteWorkshop');
  const meeting = async (arenaId: string, status: string, startsAt: Date, invitations: [string, boolean | null][]) => {
    const id = (await db.insertInto('arena_meetings')
      .values({ organisation_id: org, arena_id: arenaId, status, starts_at: startsAt, ends_at: new Date(startsAt.getTime() + 2 * 3600_000) } as never)
      .returning('id').executeTakeFirstOrThrow()).id as string;
    if (invitations.length > 0) {
      await db.insertInto('meeting_invitations').values(invitations.map(([personId, came]) => ({ organisation_id: org, meeting_id: id, person_id: personId, attended: came })) as never).execute();
    }
  };
  await meeting(network, 'held', at(daysFromNow(-10), '23:15:00'), [[p1, true], [p2, true], [p3, false], [p4, null]]);
  await meeting(network, 'planned', at(daysFromNow(-5)), [[p1, true]]);
  await meeting(network, 'cancelled', at(daysFromNow(-3)), []);
  await meeting(workshop, 'held', at(daysFromNow(-40)), [[p1, true], [p5, true], [p6, true]]);
  await meeting(workshop, 'held', at(daysFromNow(-500)), [[p1, true]]);

  // Experiences.
  const experience = async (teamId: string | null, day: string, markedBy: string[]) => {
    const id = (await db.insertInto('experiences')
      .values({ organisation_id: org, title: `Erfaring ${unique()}`, tried: 'Felles morgenmøte', team_id: teamId, created_at: at(day) } as never)
      .returning('id').executeTakeFirstOrThrow()).id as string;
    if (markedBy.length > 0) {
      await db.insertInto('experience_useful_marks').values(markedBy.map((personId) => ({ organisation_id: org, experience_id: id, person_id: personId })) as never).execute();
    }
  };
  await experience(t1.id, daysFromNow(-5), [p1, p2]);
  await experience(t2.id, daysFromNow(-15), [p3]);
  await experience(null, daysFromNow(-2), []);
  await experience(t1.id, daysFromNow(-400), [p1]);

  return { org, units: { area, u1, o }, people };
}
