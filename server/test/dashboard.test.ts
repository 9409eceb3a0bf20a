import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Dashboard, DashboardEffectGoalTrend, EvaluationSchedulePage } from '@lagverk/shared';
import { createTestApp, type TestContext } from './support/app.ts';
import { createOrganisation } from './support/database.ts';
import { signedInAs } from './support/accounts.ts';
import { as, createUnit, expectProblem, expectValidation } from './support/factories.ts';
import { buildWorld, daysFromNow, monthsAgo, type World } from './support/dashboard-world.ts';
import { buildActivityWorld, type ActivityWorld } from './support/dashboard-activity-world.ts';

// The effect dashboard, against a world whose figures are worked out by hand
// (support/dashboard-world.ts describes it): the whole organisation, and narrowed to a
// unit and the units below it, survey means hidden exactly where the results hide them.

let t: TestContext;
let w: World;
beforeAll(async () => {
  t = await createTestApp();
  w = await buildWorld(t.app, t.db);
  // Another organisation with the same kind of data, which must never show up.
  await buildWorld(t.app, t.db);
});
afterAll(() => t.close());

const dashboard = async (query = '', org = w.org) => {
  const res = await t.app.inject({ method: 'GET', url: `/api/v1/dashboard${query ? `?${query}` : ''}`, headers: as(org) });
  expect(res.statusCode, res.body).toBe(200);
  return res.json<Dashboard>();
};
const goal = (d: { effectGoals: DashboardEffectGoalTrend[] }, name: string) => d.effectGoals.find((g) => g.effectGoal === name)!;
const shown = (mean: number, n: number) => ({ suppressed: false, mean, n });
const hidden = (reason: 'belowMinimum' | 'differencing') => ({ suppressed: true, reason });

describe('the whole organisation', () => {
  it('counts teams by status and how cross-disciplinary the active ones are', async () => {
    const d = await dashboard();
    expect(d.unit).toBeNull();
    expect(d.teams).toEqual({
      total: 6,
      byStatus: { draft: 1, proposed: 0, approved: 0, rejected: 1, active: 2, paused: 1, concluded: 1 },
      composition: {
        teams: 2,
        // t1 has two units (s1, o), t2 one (u2).
        unitsPerTeam: { average: 1.5, distribution: [{ count: 1, teams: 1 }, { count: 2, teams: 1 }] },
        // t1: Sykepleie and Fysioterapi (the member without a profession does not count); t2: Sykepleie twice, one profession.
        professionsPerTeam: { average: 1.5, distribution: [{ count: 1, teams: 1 }, { count: 2, teams: 1 }] },
      },
    });
  });

  it('counts results achieved in the period by category, by default the year up to today', async () => {
    const d = await dashboard();
    expect(d.period.to).toBe(new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Oslo' }).format(new Date()));
    // t1's routine change (a month ago), t2's course (3 months), t5's final report (5 months) and the paused t3's note (3 days);
    // not t1's result from two years ago.
    expect(d.results).toEqual({ total: 4, byCategory: { routineChange: 1, serviceQuality: 0, resourceEfficiency: 0, competence: 1, other: 2 } });
    const longer = await dashboard(`from=${monthsAgo(30)}&to=${daysFromNow(0)}`);
    expect(longer.results.byCategory.serviceQuality).toBe(1);
    expect(longer.period).toEqual({ from: monthsAgo(30), to: daysFromNow(0) });
    const earlier = await dashboard(`from=${monthsAgo(30)}&to=${monthsAgo(20)}`);
    expect(earlier.results).toEqual({ total: 1, byCategory: { routineChange: 0, serviceQuality: 1, resourceEfficiency: 0, competence: 0, other: 0 } });
  });

  it('counts evaluations closed in the period, and teams due and overdue today as the schedule shows them', async () => {
    const d = await dashboard();
    // Closed: t1's (7 months ago) and t3's (2 days ago), not t5's from two years ago. Overdue: t1. Due within 30 days: t2.
    expect(d.evaluations).toEqual({ closedInPeriod: 2, dueNow: 1, overdueNow: 1 });
    const older = await dashboard(`from=${monthsAgo(30)}&to=${monthsAgo(12)}`);
    expect(older.evaluations.closedInPeriod).toBe(1);
    for (const state of ['due', 'overdue'] as const) {
      const schedule = await t.app.inject({ method: 'GET', url: `/api/v1/evaluation-schedule?state=${state}`, headers: as(w.org) });
      if (schedule.statusCode === 404) continue; // the schedule is another part of the feature
      expect(schedule.json<EvaluationSchedulePage>().items.length).toBe(state === 'due' ? d.evaluations.dueNow : d.evaluations.overdueNow);
    }
  });

  it('counts open follow-up actions and those past their review date', async () => {
    expect((await dashboard()).followUpActions).toEqual({ open: 2, reviewOverdue: 1 });
  });

  it('shows each effect goal\'s survey trend over the closed rounds, oldest first, with its indicators', async () => {
    const d = await dashboard();
    expect(d.effectGoals.map((g) => g.effectGoal)).toEqual(['unusedPotential', 'resourceEfficiency', 'serviceQuality', 'competenceMobilisation', 'tripartiteCooperation']);
    const unused = goal(d, 'unusedPotential');
    // Baseline: 12 respondents, 36 answers summing to 118 → 3.28. Follow-up: 3 respondents, below its minimum of 5.
    // The open round (still running) and the draft are left out.
    expect(unused.rounds).toEqual([
      { roundId: w.rounds.baseline, roundName: 'Kartlegging', kind: 'baseline', closedOn: daysFromNow(-60), figure: shown(3.28, 12) },
      { roundId: w.rounds.followUp, roundName: 'Oppfølging', kind: 'followUp', closedOn: daysFromNow(-5), figure: hidden('belowMinimum') },
    ]);
    expect(unused.indicators.map((i) => [i.indicator, i.rounds.map((r) => r.figure)])).toEqual([
      ['Deling', [shown(2.83, 12), hidden('belowMinimum')]], // 34 / 12
      ['Samarbeid på tvers', [shown(3.5, 12), hidden('belowMinimum')]], // 84 / 24
    ]);
    // No question asks about the other goals: no rounds, and no invented zeros.
    expect(goal(d, 'serviceQuality')).toEqual({ effectGoal: 'serviceQuality', rounds: [], indicators: [] });
  });

  it('leaves out rounds that closed after the period', async () => {
    const d = await dashboard(`from=${monthsAgo(12)}&to=${daysFromNow(-30)}`);
    expect(goal(d, 'unusedPotential').rounds.map((r) => r.roundId)).toEqual([w.rounds.baseline]);
  });
});

describe('one unit and the units below it', () => {
  it('narrows teams, results, evaluations and actions to the teams that involve the subtree', async () => {
    const d = await dashboard(`unitId=${w.units.area.id}`);
    expect(d.unit).toEqual({ id: w.units.area.id, name: w.units.area.name });
    // t1 (through s1, two levels down), t2 (u2), t4 (u1), t6 (u2).
    expect(d.teams.byStatus).toEqual({ draft: 1, proposed: 0, approved: 0, rejected: 1, active: 2, paused: 0, concluded: 0 });
    expect(d.teams.total).toBe(4);
    expect(d.results).toEqual({ total: 2, byCategory: { routineChange: 1, serviceQuality: 0, resourceEfficiency: 0, competence: 1, other: 0 } });
    expect(d.evaluations).toEqual({ closedInPeriod: 1, dueNow: 1, overdueNow: 1 });
    // a1 is about u1; a2 about t3, which works in o only.
    expect(d.followUpActions).toEqual({ open: 1, reviewOverdue: 1 });

    const other = await dashboard(`unitId=${w.units.o.id}`);
    expect(other.teams.byStatus).toEqual({ draft: 0, proposed: 0, approved: 0, rejected: 0, active: 1, paused: 1, concluded: 1 });
    expect(other.evaluations).toEqual({ closedInPeriod: 2, dueNow: 0, overdueNow: 1 });
    expect(other.followUpActions).toEqual({ open: 1, reviewOverdue: 0 });
  });

  it('shows the subtree\'s survey means, and hides a unit below the minimum or one that would give a small group away', async () => {
    const unusedFor = async (unitId: string) => goal(await dashboard(`unitId=${unitId}`), 'unusedPotential');
    // area = u1 (4) + s1 (2) + u2 (1) = 7 respondents, 21 answers summing to 40 + 30 + 3 = 73 → 3.48.
    const area = await unusedFor(w.units.area.id);
    expect(area.rounds.map((r) => r.figure)).toEqual([shown(3.48, 7), hidden('belowMinimum')]);
    expect(area.indicators.map((i) => [i.indicator, i.rounds[0]!.figure])).toEqual([
      ['Deling', shown(2.71, 7)], // (8 + 10 + 1) / 7
      ['Samarbeid på tvers', shown(3.86, 7)], // (32 + 20 + 2) / 14
    ]);
    // u2 has one respondent: below the minimum of 3.
    expect((await unusedFor(w.units.u2.id)).rounds[0]!.figure).toEqual(hidden('belowMinimum'));
    // u1 (with s1) has 6, enough on its own; but shown beside the area's 7, it would give away u2's single answer.
    const u1 = await unusedFor(w.units.u1.id);
    expect(u1.rounds[0]!.figure).toEqual(hidden('differencing'));
    expect(u1.indicators.every((i) => i.rounds[0]!.figure.suppressed)).toBe(true);
    expect((await unusedFor(w.units.s1.id)).rounds[0]!.figure.suppressed).toBe(true);
    // o, at the top: 5 respondents answering 3.
    expect((await unusedFor(w.units.o.id)).rounds.map((r) => r.figure)).toEqual([shown(3, 5), hidden('belowMinimum')]);
  });

  it('never carries a count or a mean in a hidden figure', async () => {
    const d = await dashboard(`unitId=${w.units.u1.id}`);
    const figures = goal(d, 'unusedPotential').rounds.map((r) => r.figure);
    for (const figure of figures) expect(Object.keys(figure).sort()).toEqual(['reason', 'suppressed']);
  });
});

describe('competence, arenas and experiences (support/dashboard-activity-world.ts)', () => {
  let a: ActivityWorld;
  beforeAll(async () => {
    a = await buildActivityWorld(t.app, t.db);
  });
  const roles = (coordinator: [number, number] | null, member: [number, number] | null, unitManager: [number, number] | null) =>
    ([['coordinator', coordinator], ['member', member], ['unitManager', unitManager]] as const)
      .map(([role, f]) => ({ role, participants: f?.[0] ?? null, hours: f?.[1] ?? null }));
  const zeroTypes = { networkMeeting: [0, 0], learningForum: [0, 0], processDay: [0, 0], tripartiteWorkshop: [0, 0], administrationCommittee: [0, 0], digitalForum: [0, 0] };
  const types = (counts: Partial<Record<keyof typeof zeroTypes, number[]>>) =>
    Object.entries({ ...zeroTypes, ...counts }).map(([type, [meetingsHeld, attendance]]) => ({ type, meetingsHeld, attendance }));

  it('counts the hours credited and the people who took part, by the day the hours count for, per target role', async () => {
    const d = await dashboard('', a.org);
    // p1, p2, p3 (M1, 6 h), p1, p2, p5 (M2, 3 h), p5 (M3, 1.5 h); not p4's absence, p6's enrolment or p4's hours 400 days ago.
    expect(d.competence).toEqual({ participants: 4, hours: 28.5, byRole: roles([3, 18], [3, 9], [0, 0]) });
    // A longer period takes in p4's old course (a member's).
    const longer = await dashboard(`from=${daysFromNow(-450)}&to=${daysFromNow(0)}`, a.org);
    expect(longer.competence).toEqual({ participants: 5, hours: 32.5, byRole: roles([3, 18], [4, 13], [0, 0]) });
    // Both days of the period count: M2 on day -20 and M1 on day -10, not the completion on day -30.
    expect((await dashboard(`from=${daysFromNow(-20)}&to=${daysFromNow(-10)}`, a.org)).competence.hours).toBe(27);
    expect((await dashboard(`from=${daysFromNow(-20)}&to=${daysFromNow(-11)}`, a.org)).competence)
      .toEqual({ participants: 3, hours: 9, byRole: roles([0, 0], [3, 9], [0, 0]) });
  });

  it('hides competence figures of one or two people, and a role that would give them away by subtraction', async () => {
    // One person in the period: neither the count nor the hours.
    const one = await dashboard(`from=${daysFromNow(-30)}&to=${daysFromNow(-30)}`, a.org);
    expect(one.competence).toEqual({ participants: null, hours: null, byRole: roles(null, null, null) });
    // u1's subtree: p1, p2, p3. The coordinators' measure has all three, but the total less it
    // would be p1's and p2's member hours; the members' measure has only those two.
    const u1 = await dashboard(`unitId=${a.units.area.id}`, a.org);
    expect(u1.competence).toEqual({ participants: 3, hours: 24, byRole: roles(null, null, [0, 0]) });
    // o: p5 alone.
    expect((await dashboard(`unitId=${a.units.o.id}`, a.org)).competence).toEqual({ participants: null, hours: null, byRole: roles(null, null, null) });
  });

  it('counts arena meetings held in the period by type, with their attendance, not planned or cancelled ones', async () => {
    const d = await dashboard('', a.org);
    expect(d.arenas).toEqual({ meetingsHeld: 2, attendance: 5, byType: types({ networkMeeting: [1, 2], tripartiteWorkshop: [1, 3] }) });
    const longer = await dashboard(`from=${daysFromNow(-600)}&to=${daysFromNow(30)}`, a.org);
    expect(longer.arenas.byType.find((x) => x.type === 'tripartiteWorkshop')).toEqual({ type: 'tripartiteWorkshop', meetingsHeld: 2, attendance: 4 });
    expect(longer.arenas.meetingsHeld).toBe(3);
    // The network meeting started at 23:15 UTC on day -10: in Norway that is day -9.
    expect((await dashboard(`from=${daysFromNow(-9)}&to=${daysFromNow(-9)}`, a.org)).arenas.meetingsHeld).toBe(1);
    expect((await dashboard(`from=${daysFromNow(-10)}&to=${daysFromNow(-10)}`, a.org)).arenas.meetingsHeld).toBe(0);
    // Arenas belong to the whole organisation: a unit filter leaves them as they are.
    expect((await dashboard(`unitId=${a.units.o.id}`, a.org)).arenas).toEqual(d.arenas);
  });

  it('counts experiences shared in the period and those marked useful, narrowed by their team\'s units', async () => {
    expect((await dashboard('', a.org)).experiences).toEqual({ shared: 3, markedUseful: 2, usefulMarks: 3 });
    expect((await dashboard(`from=${daysFromNow(-450)}`, a.org)).experiences).toEqual({ shared: 4, markedUseful: 3, usefulMarks: 4 });
    // area: E1 of T1 (u1); o: E2 of T2. E3 has no team: in the whole organisation's figure only.
    expect((await dashboard(`unitId=${a.units.area.id}`, a.org)).experiences).toEqual({ shared: 1, markedUseful: 1, usefulMarks: 2 });
    expect((await dashboard(`unitId=${a.units.o.id}`, a.org)).experiences).toEqual({ shared: 1, markedUseful: 1, usefulMarks: 1 });
  });

  it('counts none of it for another organisation', async () => {
    const d = await dashboard();
    expect(d.competence).toEqual({ participants: 0, hours: 0, byRole: roles([0, 0], [0, 0], [0, 0]) });
    expect(d.arenas).toEqual({ meetingsHeld: 0, attendance: 0, byType: types({}) });
    expect(d.experiences).toEqual({ shared: 0, markedUseful: 0, usefulMarks: 0 });
  });
});

describe('bad input and isolation', () => {
  it('answers 404 for a unit of another organisation, or none at all', async () => {
    const theirs = await createUnit(t.app, (await createOrganisation(t.db)).id);
    expectProblem(await t.app.inject({ method: 'GET', url: `/api/v1/dashboard?unitId=${theirs.id}`, headers: as(w.org) }), 404, 'not-found');
    expectProblem(await t.app.inject({ method: 'GET', url: '/api/v1/dashboard?unitId=3f1e2d4c-5b6a-4798-8a1b-2c3d4e5f6a7b', headers: as(w.org) }), 404);
  });

  it('refuses a period that ends before it starts, and malformed dates and ids', async () => {
    const get = (query: string) => t.app.inject({ method: 'GET', url: `/api/v1/dashboard?${query}`, headers: as(w.org) });
    const backwards = expectProblem(await get('from=2026-05-01&to=2026-04-30'), 400, 'invalid-period');
    expect(backwards.errors?.[0]?.path).toBe('/query/from');
    expectValidation(await get('from=2026-02-30'), '/query/from');
    expectValidation(await get('to=yesterday'), '/query/to');
    expectValidation(await get('unitId=not-a-uuid'), '/query/unitId');
    expectValidation(await get('team=1'));
  });

  it('counts nothing of another organisation: a fresh one sees zeros and no rounds', async () => {
    const fresh = (await createOrganisation(t.db)).id;
    const d = await dashboard('', fresh);
    expect(d.teams.total).toBe(0);
    expect(d.teams.composition.unitsPerTeam).toEqual({ average: null, distribution: [] });
    expect(d.results.total).toBe(0);
    expect(d.evaluations).toEqual({ closedInPeriod: 0, dueNow: 0, overdueNow: 0 });
    expect(d.followUpActions).toEqual({ open: 0, reviewOverdue: 0 });
    expect(d.effectGoals.every((g) => g.rounds.length === 0)).toBe(true);
  });

  it('is open to every role, politicians included, and needs sign-in', async () => {
    const politician = await signedInAs(t.db, w.org, ['politician']);
    const res = await t.app.inject({ method: 'GET', url: '/api/v1/dashboard', headers: politician.headers });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json<Dashboard>().teams.total).toBe(6);
    expectProblem(await t.app.inject({ method: 'GET', url: '/api/v1/dashboard' }), 401);
  });
});
