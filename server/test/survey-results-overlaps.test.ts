import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { GroupResults, SurveyResults } from '@lagverk/shared';
import readExcelFile from 'read-excel-file/node';
import { overlaps } from '../src/survey-results/repository.ts';
import { decideOverlaps, decideWhole, unitTree } from '../src/survey-results/suppression.ts';
import { createTestApp, type TestContext } from './support/app.ts';
import { createUnit } from './support/factories.ts';
import { createSurveyRound, createSurveyTemplate, many, respond, type QuestionSpec, type ResponseSpec } from './support/survey-fixtures.ts';

// Differencing between overlapping groups: two groups that share people (two teams, a team
// and a unit, a unit and the members of teams) are never both shown when either has a few
// people the other lacks, and a team never stands in for what the unit tree hides. The
// team is what gets hidden, the same in every breakdown.

let t: TestContext;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.close());

const questions: QuestionSpec[] = [{ type: 'scale', effectGoal: 'unusedPotential', indicator: 'Samarbeid på tvers' }, { type: 'text' }];

async function results(roundId: string, groupBy: string) {
  const res = await t.inject({ method: 'GET', url: `/api/v1/survey-rounds/${roundId}/results?groupBy=${groupBy}` });
  expect(res.statusCode, res.body).toBe(200);
  return res.json<SurveyResults>();
}

const groupOf = (r: SurveyResults, id: string) => r.groups.find((g) => g.group.id === id)!;
/** The scale question's cell and the respondents' cell of a group: both decided alike here. */
const cells = (g: GroupResults) => [g.questions[0], g.respondents].map((c) => (c!.suppressed ? { hidden: c!.reason } : { n: 'n' in c! ? c.n : undefined }));

async function team(name: string) {
  const row = await t.db.insertInto('teams').values({ organisation_id: t.organisationId, name, status: 'active' }).returning('id').executeTakeFirstOrThrow();
  return row.id;
}

async function round(specs: (count: number) => ResponseSpec[][]) {
  const org = t.organisationId;
  const { templateId, questionIds: [q1] } = await createSurveyTemplate(t.db, org, questions);
  const id = await createSurveyRound(t.db, org, templateId);
  for (const batch of specs(0)) await respond(t.db, org, id, batch.map((s) => ({ ...s, answers: s.answers === skipped ? {} : { [q1!]: 4 } })));
  return id;
}

const answered = (n: number, spec: Omit<ResponseSpec, 'answers'> = {}) => many(n, { ...spec, answers: {} });
/** Responded, but left the scale question out: counted among the respondents, not the question's. */
const skipped: ResponseSpec['answers'] = {};
const leftOut = (n: number, spec: Omit<ResponseSpec, 'answers'> = {}) => many(n, { ...spec, answers: skipped });

describe('two teams that share members', () => {
  it('hides the smaller when the larger is it plus one or two, and shows both from the minimum on', async () => {
    const [t1, t2, t3] = [await team('Lag 1'), await team('Lag 2'), await team('Lag 3')];
    // T1 = 6, T2 = T1 + 2, T3 = 6 others, and 6 outside teams (whole 20): no team is near the whole or the members of teams.
    const close = await round(() => [answered(6, { teamIds: [t1, t2] }), answered(2, { teamIds: [t2] }), answered(6, { teamIds: [t3] }), answered(6)]);
    const r = await results(close, 'team');
    expect(cells(groupOf(r, t1))).toEqual([{ hidden: 'differencing' }, { hidden: 'differencing' }]);
    expect(cells(groupOf(r, t2))).toEqual([{ n: 8 }, { n: 8 }]);
    expect(cells(groupOf(r, t3))).toEqual([{ n: 6 }, { n: 6 }]);

    // A subset of exactly the minimum (5), the other minimum - 1 more: still hidden.
    const edge = await round(() => [answered(5, { teamIds: [t1, t2] }), answered(4, { teamIds: [t2] }), answered(6, { teamIds: [t3] }), answered(6)]);
    const atEdge = await results(edge, 'team');
    expect(cells(groupOf(atEdge, t1))).toEqual([{ hidden: 'differencing' }, { hidden: 'differencing' }]);
    expect(cells(groupOf(atEdge, t2))).toEqual([{ n: 9 }, { n: 9 }]);

    const apart = await round(() => [answered(6, { teamIds: [t1, t2] }), answered(5, { teamIds: [t2] }), answered(6, { teamIds: [t3] }), answered(6)]);
    const shown = await results(apart, 'team');
    expect(cells(groupOf(shown, t1))).toEqual([{ n: 6 }, { n: 6 }]);
    expect(cells(groupOf(shown, t2))).toEqual([{ n: 11 }, { n: 11 }]);
  });

  it('hides one of two teams that each have one person the other lacks, and shows both when each has the minimum apart', async () => {
    const [t1, t2, t3] = [await team('Lag Kari'), await team('Lag Ola'), await team('Lag Tre')];
    // T1 = 5 shared + Kari, T2 = the same 5 + Ola: T1 − T2, value by value, is Kari's answer minus Ola's.
    const leak = await round(() => [answered(5, { teamIds: [t1, t2] }), answered(1, { teamIds: [t1] }), answered(1, { teamIds: [t2] }), answered(6, { teamIds: [t3] }), answered(6)]);
    const r = await results(leak, 'team');
    const [hidden, kept] = t1 < t2 ? [t1, t2] : [t2, t1];
    expect(cells(groupOf(r, hidden))).toEqual([{ hidden: 'differencing' }, { hidden: 'differencing' }]);
    expect(cells(groupOf(r, kept))).toEqual([{ n: 6 }, { n: 6 }]);

    // 5 shared, and 5 more on each side: whatever T1 − T2 says is about ten people.
    const apart = await round(() => [answered(5, { teamIds: [t1, t2] }), answered(5, { teamIds: [t1] }), answered(5, { teamIds: [t2] }), answered(6, { teamIds: [t3] }), answered(6)]);
    const both = await results(apart, 'team');
    expect([cells(groupOf(both, t1)), cells(groupOf(both, t2))]).toEqual([[{ n: 10 }, { n: 10 }], [{ n: 10 }, { n: 10 }]]);
  });
});

describe('a team and a unit', () => {
  it('hides the team when the unit is it plus a few, in the team breakdown, while the unit breakdown shows the unit', async () => {
    const [a, b] = [await createUnit(t.app, t.organisationId), await createUnit(t.app, t.organisationId)];
    const [inA, inB] = [await team('Lag i A'), await team('Lag i B')];
    const close = await round(() => [
      answered(5, { unitId: a.id, teamIds: [inA] }), answered(2, { unitId: a.id }),
      answered(6, { unitId: b.id, teamIds: [inB] }), answered(6, { unitId: b.id }),
    ]);
    const byTeam = await results(close, 'team');
    expect(cells(groupOf(byTeam, inA))).toEqual([{ hidden: 'differencing' }, { hidden: 'differencing' }]);
    expect(cells(groupOf(byTeam, inB))).toEqual([{ n: 6 }, { n: 6 }]);
    const byUnit = await results(close, 'unit');
    expect(cells(groupOf(byUnit, a.id))).toEqual([{ n: 7 }, { n: 7 }]);
    expect(cells(groupOf(byUnit, b.id))).toEqual([{ n: 12 }, { n: 12 }]);
    // A shares 5 with the members of teams and has 2 outside them: members and rest are hidden too.
    expect((await results(close, 'membership')).groups.map(cells)).toEqual([[{ hidden: 'differencing' }, { hidden: 'differencing' }], [{ hidden: 'differencing' }, { hidden: 'differencing' }]]);

    const apart = await round(() => [
      answered(5, { unitId: a.id, teamIds: [inA] }), answered(5, { unitId: a.id }),
      answered(6, { unitId: b.id, teamIds: [inB] }), answered(6, { unitId: b.id }),
    ]);
    expect(cells(groupOf(await results(apart, 'team'), inA))).toEqual([{ n: 5 }, { n: 5 }]);
  });

  it('hides a team that is a unit plus one, and the members of teams and the rest with it', async () => {
    const [a, b] = [await createUnit(t.app, t.organisationId), await createUnit(t.app, t.organisationId)];
    const wide = await team('Lag på tvers');
    const id = await round(() => [answered(6, { unitId: a.id, teamIds: [wide] }), answered(1, { unitId: b.id, teamIds: [wide] }), answered(6, { unitId: b.id })]);
    expect(cells(groupOf(await results(id, 'team'), wide))).toEqual([{ hidden: 'differencing' }, { hidden: 'differencing' }]);
    expect((await results(id, 'membership')).groups.map((g) => cells(g)[0])).toEqual([{ hidden: 'differencing' }, { hidden: 'differencing' }]);
    const byUnit = await results(id, 'unit');
    expect([cells(groupOf(byUnit, a.id))[0], cells(groupOf(byUnit, b.id))[0]]).toEqual([{ n: 6 }, { n: 7 }]);
  });

  it('decides the respondents and each question apart, and the list without actions as the results', async () => {
    const [a, b] = [await createUnit(t.app, t.organisationId), await createUnit(t.app, t.organisationId)];
    const lag = await team('Lag med hull');
    // Unit A: the team's 5, 2 more who answered the question and 4 who left it out.
    // Respondents: A is the team + 6, both shown; the question: A is the team + 2, so the team's is hidden.
    const id = await round(() => [
      answered(5, { unitId: a.id, teamIds: [lag] }), answered(2, { unitId: a.id }), leftOut(4, { unitId: a.id }), answered(6, { unitId: b.id }),
    ]);
    expect(cells(groupOf(await results(id, 'team'), lag))).toEqual([{ hidden: 'differencing' }, { n: 5 }]);
    expect(cells(groupOf(await results(id, 'unit'), a.id))).toEqual([{ n: 7 }, { n: 11 }]);
    const list = await t.inject({ method: 'GET', url: `/api/v1/survey-rounds/${id}/without-actions` });
    expect(list.statusCode, list.body).toBe(200);
    expect(list.json<{ items: { id: string; respondents: number }[] }>().items.find((i) => i.id === lag)?.respondents).toBe(5);

    // Counting the respondents alone (the list without actions) reads no answer and gives the same counts.
    const row = await t.db.selectFrom('survey_rounds').select(['id', 'template_id', 'min_respondents']).where('id', '=', id).executeTakeFirstOrThrow();
    const all = await overlaps(t.db, t.organisationId, row);
    const only = await overlaps(t.db, t.organisationId, row, { respondentsOnly: true });
    const key = (r: { kind: string; a: string; b: string | null; m: string; n: number }) => `${r.kind}|${r.a}|${r.b}|${r.m}|${r.n}`;
    expect(only.map(key).sort()).toEqual(all.filter((r) => r.m === 'r').map(key).sort());
  });

  it('hides a team that would stand in for a unit the unit tree hides', async () => {
    const p = await createUnit(t.app, t.organisationId);
    const [s, u, c] = [
      await createUnit(t.app, t.organisationId, { parentId: p.id }), await createUnit(t.app, t.organisationId, { parentId: p.id }),
      await createUnit(t.app, t.organisationId, { parentId: p.id }),
    ];
    const q = await createUnit(t.app, t.organisationId);
    const lag = await team('Lag lik U');
    // P = S (7) + U (6) + C (2). U is hidden so that P − S is not C's 2; a team of exactly
    // U's people, shown, would give P − S − team = C.
    const id = await round(() => [
      answered(7, { unitId: s.id }), answered(6, { unitId: u.id, teamIds: [lag] }), answered(2, { unitId: c.id }), answered(6, { unitId: q.id }),
    ]);
    const byUnit = await results(id, 'unit');
    expect([p, s, u, c].map((x) => cells(groupOf(byUnit, x.id))[0])).toEqual([{ n: 15 }, { n: 7 }, { hidden: 'differencing' }, { hidden: 'belowMinimum' }]);
    expect(cells(groupOf(await results(id, 'team'), lag))).toEqual([{ hidden: 'differencing' }, { hidden: 'differencing' }]);
  });
});

describe('the downloads', () => {
  it('hide in the CSV and the XLSX what the results hide', async () => {
    const [t1, t2, t3] = [await team('Lag X'), await team('Lag Y'), await team('Lag Z')];
    const id = await round(() => [answered(6, { teamIds: [t1, t2] }), answered(1, { teamIds: [t2] }), answered(6, { teamIds: [t3] }), answered(6)]);
    const csv = await t.inject({ method: 'GET', url: `/api/v1/survey-rounds/${id}/results.csv?groupBy=team` });
    expect(csv.statusCode).toBe(200);
    const [header, ...lines] = csv.body.replace(/^\uFEFF/, '').trimEnd().split('\r\n').map((l) => l.split(';'));
    const at = (name: string) => header!.indexOf(name);
    const line = (group: string) => lines.find((l) => l[at('groupId')] === group && l[at('figure')] === 'respondents')!;
    expect([line(t1)[at('n')], line(t1)[at('hidden')]]).toEqual(['', 'differencing']);
    expect([line(t2)[at('n')], line(t2)[at('hidden')]]).toEqual(['7', '']);

    const xlsx = await t.inject({ method: 'GET', url: `/api/v1/survey-rounds/${id}/results.xlsx?groupBy=team` });
    expect(xlsx.statusCode).toBe(200);
    const sheets = await readExcelFile(xlsx.rawPayload);
    const [head, ...rows] = sheets[0]!.data.map((row) => row.map((cell) => (cell === null ? '' : String(cell))));
    const row = (group: string) => rows.find((r) => r[head!.indexOf('groupId')] === group && r[head!.indexOf('figure')] === 'respondents')!;
    expect([row(t1)[head!.indexOf('n')], row(t1)[head!.indexOf('hidden')]]).toEqual(['', 'differencing']);
    expect(row(t2)[head!.indexOf('n')]).toBe('7');
  });
});

describe('the overlap rule', () => {
  // Random respondents in random units and teams, with the pairs the SQL would give: of
  // whichever groups are shown, no two that share someone have 1..min-1 people apart on
  // either side, and no shown team is nearly the people of a unit, or of a unit minus its
  // shown units, that the unit tree keeps hidden.
  it('leaves no shown pair that gives a small group away', () => {
    let seed = 11;
    const next = () => ((seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648);
    let overlappingShown = 0;
    for (let trial = 0; trial < 400; trial++) {
      const min = 3 + Math.floor(next() * 3);
      const unitIds = Array.from({ length: 1 + Math.floor(next() * 6) }, (_, i) => `u${i}`);
      const nodes = unitIds.map((id, i) => ({ id, parentId: i > 0 && next() < 0.5 ? unitIds[Math.floor(next() * i)]! : null }));
      const tree = unitTree(nodes);
      const teamIds = Array.from({ length: 1 + Math.floor(next() * 4) }, (_, i) => `t${i}`);
      const people = Array.from({ length: Math.floor(next() * 60) }, () => ({
        unit: next() < 0.9 ? unitIds[Math.floor(next() * unitIds.length)]! : null,
        teams: teamIds.filter(() => next() < 0.35),
      }));
      const ancestors = (unit: string | null) => {
        const out: string[] = [];
        for (let u = unit; u !== null; u = nodes.find((x) => x.id === u)!.parentId) out.push(u);
        return out;
      };
      const groups = new Map<string, Set<number>>();
      const add = (g: string, i: number) => groups.set(g, (groups.get(g) ?? new Set()).add(i));
      people.forEach((p, i) => {
        for (const u of ancestors(p.unit)) add(u, i);
        for (const team of p.teams) add(team, i);
        add(p.teams.length > 0 ? 'members' : 'rest', i);
        add('all', i);
      });
      const set = (g: string) => groups.get(g) ?? new Set<number>();
      const size = (g: string) => set(g).size;
      const shared = (a: string, b: string) => [...set(a)].filter((i) => set(b).has(i)).length;
      const pairs = teamIds.flatMap((team) => [...unitIds, ...teamIds.filter((o) => o > team)].map((other) => ({ team, other, shared: shared(team, other) })))
        .filter((p) => p.shared >= 1);
      const d = decideOverlaps(tree, teamIds, { n: size, unitMembers: (u) => shared(u, 'members'), pairs }, people.length, min);
      const decisionOf = (g: string) => (g === 'all' ? decideWhole(size('all'), min) : g === 'members' || g === 'rest' ? d[g] : g.startsWith('u') ? d.units.get(g) : d.teams.get(g));
      const shown = [...groups.keys()].filter((g) => decisionOf(g) === null);
      // Checked from the sets of people themselves, not with the rule's own arithmetic (suppression.reveals).
      const outside = (a: Set<number>, b: Set<number>) => [...a].filter((i) => !b.has(i)).length;
      const meets = (a: Set<number>, b: Set<number>) => [...a].some((i) => b.has(i));
      const apart = (a: Set<number>, b: Set<number>) => [outside(a, b), outside(b, a)].every((k) => k === 0 || k >= min);
      for (const a of shown) {
        expect(size(a)).toBeGreaterThanOrEqual(min);
        for (const b of shown) {
          if (a === b || !meets(set(a), set(b))) continue;
          expect(apart(set(a), set(b)), `${a} and ${b}: ${outside(set(a), set(b))} and ${outside(set(b), set(a))} apart, min ${min}`).toBe(true);
          if (a.startsWith('t') && b.startsWith('t')) overlappingShown++;
        }
      }
      // What the unit tree hides: its hidden units, and each shown unit (or the whole) minus its shown units.
      const keptHidden = unitIds.filter((u) => decisionOf(u) !== null).map((u) => ({ name: u, people: set(u) }));
      for (const top of ['all', ...unitIds].filter((g) => decisionOf(g) === null)) {
        const children = (top === 'all' ? tree.roots : tree.children.get(top) ?? []).filter((c) => decisionOf(c) === null);
        const left = new Set([...set(top)].filter((i) => !children.some((c) => set(c).has(i))));
        for (const team of shown.filter((g) => g.startsWith('t'))) {
          if (meets(set(team), left)) expect(apart(set(team), left), `${team} against ${top} minus its shown units, min ${min}`).toBe(true);
        }
      }
      for (const team of shown.filter((g) => g.startsWith('t'))) {
        for (const { name, people: hidden } of keptHidden) {
          if (meets(set(team), hidden)) expect(outside(set(team), hidden) >= min || outside(hidden, set(team)) >= min, `${team} stands in for ${name}, min ${min}`).toBe(true);
        }
      }
    }
    // Not checked in vain: overlapping teams far enough apart are shown side by side.
    expect(overlappingShown).toBeGreaterThan(0);
  });
});
