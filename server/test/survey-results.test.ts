import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { GroupResults, SurveyHeatmap, SurveyResults, SurveyTextAnswers, SurveyTrend } from '@lagverk/shared';
import { decideTree, unitTree } from '../src/survey-results/suppression.ts';
import { createTestApp, type TestContext } from './support/app.ts';
import { createOrganisation } from './support/database.ts';
import { as, createUnit, expectProblem } from './support/factories.ts';
import { createSurveyRound, createSurveyTemplate, many, respond, type QuestionSpec } from './support/survey-fixtures.ts';

// Survey results: aggregates only, each figure hidden when too few answered, and hidden
// too where the figures around it would let someone subtract their way to a small group.

let t: TestContext;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.close());

const standard: QuestionSpec[] = [
  { type: 'scale', effectGoal: 'unusedPotential', indicator: 'Samarbeid på tvers' },
  { type: 'scale', effectGoal: 'unusedPotential', indicator: 'Samarbeid på tvers' },
  { type: 'yesNo' },
  { type: 'choice', background: true, options: ['Sykepleier', 'Lærer', 'Annet'] },
  { type: 'text' },
  { type: 'scale', effectGoal: 'resourceEfficiency', indicator: 'Ressursbruk' },
];

async function results(roundId: string, groupBy = 'none') {
  const res = await t.inject({ method: 'GET', url: `/api/v1/survey-rounds/${roundId}/results?groupBy=${groupBy}` });
  expect(res.statusCode, res.body).toBe(200);
  return res.json<SurveyResults>();
}

const groupOf = (r: SurveyResults, id: string) => r.groups.find((g) => g.group.id === id)!;
const questionCell = (g: GroupResults, questionId: string) => g.questions.find((q) => q.questionId === questionId)!;

/** Every key a hidden cell has: nothing but its key, `suppressed` and `reason`. */
function expectNoNumbers(cell: object) {
  expect(cell).toMatchObject({ suppressed: true });
  for (const key of ['n', 'mean', 'distribution', 'count', 'total']) expect(cell).not.toHaveProperty(key);
}

/** Each figure's n per group (undefined when hidden), keyed `figure` → group id ('all' for the organisation). */
function shownN(r: SurveyResults) {
  const out = new Map<string, Map<string, number>>();
  const put = (figure: string, group: string, cell: { suppressed: boolean; n?: number }) => {
    if (cell.suppressed) return;
    if (!out.has(figure)) out.set(figure, new Map());
    out.get(figure)!.set(group, cell.n!);
  };
  for (const g of [r.organisation, ...r.groups]) {
    const id = g.group.id ?? 'all';
    put('respondents', id, g.respondents);
    for (const q of g.questions) put(`q:${q.questionId}`, id, q);
    for (const i of g.effectGoals) put(`g:${i.effectGoal}`, id, i);
    for (const i of g.indicators) put(`i:${i.indicator}`, id, i);
  }
  return out;
}

/**
 * What anyone can subtract: for every shown unit (and the organisation), its n minus the
 * n of its shown units directly below. Each remainder must be 0 or at least the minimum.
 */
function remainders(r: SurveyResults) {
  const byFigure = shownN(r);
  const found: { figure: string; parent: string; remainder: number }[] = [];
  for (const [figure, ns] of byFigure) {
    for (const [parent, n] of ns) {
      const children = r.groups.filter((g) => (g.group.parentId ?? 'all') === parent && ns.has(g.group.id!));
      found.push({ figure, parent, remainder: n - children.reduce((sum, c) => sum + ns.get(c.group.id!)!, 0) });
    }
  }
  return found;
}

describe('hiding small groups', () => {
  it('hides a unit of 4 when the minimum is 5, with no number at all, and shows one of 5', async () => {
    const org = t.organisationId;
    const { templateId, questionIds: [q1] } = await createSurveyTemplate(t.db, org, standard);
    const small = await createUnit(t.app, org);
    const enough = await createUnit(t.app, org);
    const other = await createUnit(t.app, org);
    const round = await createSurveyRound(t.db, org, templateId, { minRespondents: 5 });
    await respond(t.db, org, round, [
      ...many(4, { unitId: small.id, answers: { [q1!]: 4 } }),
      ...many(5, { unitId: enough.id, answers: { [q1!]: 2 } }),
      ...many(6, { unitId: other.id, answers: { [q1!]: 3 } }),
      // Respondents without a unit (service users, people without one) count for the whole only.
      ...many(5, { answers: { [q1!]: 1 } }),
    ]);
    const r = await results(round, 'unit');
    const hidden = groupOf(r, small.id);
    expect(hidden.respondents).toEqual({ suppressed: true, reason: 'belowMinimum' });
    expect(questionCell(hidden, q1!)).toEqual({ questionId: q1, suppressed: true, reason: 'belowMinimum' });
    for (const cell of [hidden.respondents, ...hidden.questions, ...hidden.indicators, ...hidden.effectGoals]) expectNoNumbers(cell);
    expect(questionCell(groupOf(r, enough.id), q1!)).toMatchObject({ suppressed: false, n: 5, mean: 2 });
    expect(questionCell(r.organisation, q1!)).toMatchObject({ suppressed: false, n: 20 });
    // 20 − 5 − 6 = 9: the hidden unit and those without one, together enough.
    expect(remainders(r).filter((x) => x.remainder > 0 && x.remainder < 5)).toEqual([]);
  });

  it('hides a second unit when the parent minus its shown units would reveal a hidden one', async () => {
    const org = t.organisationId;
    const { templateId, questionIds: [q1, , , , , q6] } = await createSurveyTemplate(t.db, org, standard);
    const parent = await createUnit(t.app, org, { name: 'Helse og omsorg' });
    const [a, b, c] = [await createUnit(t.app, org, { parentId: parent.id, name: 'A' }), await createUnit(t.app, org, { parentId: parent.id, name: 'B' }),
      await createUnit(t.app, org, { parentId: parent.id, name: 'C' })];
    const elsewhere = await createUnit(t.app, org);
    const round = await createSurveyRound(t.db, org, templateId, { minRespondents: 5 });
    await respond(t.db, org, round, [
      ...many(6, { unitId: a.id, answers: { [q1!]: 5, [q6!]: 4 } }),
      ...many(7, { unitId: b.id, answers: { [q1!]: 1, [q6!]: 2 } }),
      ...many(3, { unitId: c.id, answers: { [q1!]: 3, [q6!]: 3 } }),
      ...many(10, { unitId: elsewhere.id, answers: { [q1!]: 4, [q6!]: 4 } }),
    ]);
    const r = await results(round, 'unit');
    const cell = (unit: string) => questionCell(groupOf(r, unit), q1!);
    expect(cell(c.id)).toEqual({ questionId: q1, suppressed: true, reason: 'belowMinimum' });
    // Parent 16 − A 6 − B 7 = 3 = C. So the smallest shown unit, A, goes too: 16 − 7 = 9.
    expect(cell(a.id)).toEqual({ questionId: q1, suppressed: true, reason: 'differencing' });
    expect(cell(b.id)).toMatchObject({ suppressed: false, n: 7, mean: 1 });
    expect(cell(parent.id)).toMatchObject({ suppressed: false, n: 16 });
    expect(groupOf(r, a.id).respondents).toEqual({ suppressed: true, reason: 'differencing' });

    // No number in the answer gives C: every remainder anyone can compute is 0 or ≥ 5.
    expect(remainders(r).filter((x) => x.remainder > 0 && x.remainder < 5)).toEqual([]);
    const shownChildren = r.groups.filter((g) => g.group.parentId === parent.id).map((g) => questionCell(g, q1!)).filter((q) => !q.suppressed);
    expect(shownChildren.map((q) => (q.suppressed ? 0 : q.n))).toEqual([7]);
  });

  it('compares members of teams with the rest only when both are large enough', async () => {
    const org = t.organisationId;
    const { templateId, questionIds: [q1] } = await createSurveyTemplate(t.db, org, standard);
    const team = '5b0c1d2e-3f40-4a5b-8c6d-7e8f9a0b1c2d';
    const lopsided = await createSurveyRound(t.db, org, templateId);
    await respond(t.db, org, lopsided, [...many(7, { teamIds: [team], answers: { [q1!]: 5 } }), ...many(3, { answers: { [q1!]: 1 } })]);
    const hidden = await results(lopsided, 'membership');
    expect(hidden.groups.map((g) => g.group.kind)).toEqual(['members', 'rest']);
    expect(hidden.groups.map((g) => questionCell(g, q1!))).toEqual([
      { questionId: q1, suppressed: true, reason: 'differencing' },
      { questionId: q1, suppressed: true, reason: 'belowMinimum' },
    ]);
    expect(hidden.groups.map((g) => g.respondents.suppressed)).toEqual([true, true]);
    expect(questionCell(hidden.organisation, q1!)).toMatchObject({ suppressed: false, n: 10, mean: 3.8 });

    const even = await createSurveyRound(t.db, org, templateId);
    await respond(t.db, org, even, [...many(6, { teamIds: [team], answers: { [q1!]: 5 } }), ...many(5, { answers: { [q1!]: 2 } })]);
    const shown = await results(even, 'membership');
    expect(shown.groups.map((g) => questionCell(g, q1!))).toMatchObject([{ suppressed: false, n: 6, mean: 5 }, { suppressed: false, n: 5, mean: 2 }]);
  });

  it('hides a team when everyone else who answered is fewer than the minimum', async () => {
    const org = t.organisationId;
    const { templateId, questionIds: [q1] } = await createSurveyTemplate(t.db, org, standard);
    const teamRow = await t.db.insertInto('teams').values({ organisation_id: org, name: 'Arbeidslag for lærlinger', status: 'active' })
      .returning('id').executeTakeFirstOrThrow();
    const round = await createSurveyRound(t.db, org, templateId);
    await respond(t.db, org, round, [...many(8, { teamIds: [teamRow.id], answers: { [q1!]: 4 } }), ...many(2, { answers: { [q1!]: 1 } })]);
    const r = await results(round, 'team');
    // 10 − 8 = the 2 outside the team: shown, the team would give them away.
    expect(questionCell(groupOf(r, teamRow.id), q1!)).toEqual({ questionId: q1, suppressed: true, reason: 'differencing' });
  });

  it('reports background questions for the whole organisation only, never per group', async () => {
    const org = t.organisationId;
    const { templateId, questionIds } = await createSurveyTemplate(t.db, org, standard);
    const background = questionIds[3]!;
    const unit = await createUnit(t.app, org);
    const team = await t.db.insertInto('teams').values({ organisation_id: org, name: 'Hverdagsrehabilitering', status: 'active' })
      .returning('id').executeTakeFirstOrThrow();
    const round = await createSurveyRound(t.db, org, templateId);
    await respond(t.db, org, round, many(12, { unitId: unit.id, teamIds: [team.id], answers: { [questionIds[0]!]: 3, [background]: 1 } }));
    for (const groupBy of ['unit', 'team', 'membership']) {
      const r = await results(round, groupBy);
      expect(questionCell(r.organisation, background)).toMatchObject({ suppressed: false, n: 12 });
      expect(r.groups.length).toBeGreaterThan(0);
      for (const g of r.groups) expect(g.questions.map((q) => q.questionId)).not.toContain(background);
    }
    const csv = (await t.inject({ method: 'GET', url: `/api/v1/survey-rounds/${round}/results.csv?groupBy=unit` })).body;
    const lines = csv.split('\r\n').filter((l) => l.includes(background));
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/^organisation;/);
  });
});

describe('figures', () => {
  it('counts means and distributions exactly', async () => {
    const org = t.organisationId;
    const { templateId, questionIds: [q1, q2, q3, q4, q5, q6] } = await createSurveyTemplate(t.db, org, standard);
    const round = await createSurveyRound(t.db, org, templateId, { invited: 8 });
    const answers = [
      { [q1!]: 1, [q2!]: 3, [q3!]: 1, [q4!]: 0, [q5!]: 'Mer tid sammen', [q6!]: 2 },
      { [q1!]: 2, [q2!]: 3, [q3!]: 1, [q4!]: 0, [q5!]: '   ', [q6!]: null },
      { [q1!]: 2, [q2!]: 4, [q3!]: 0, [q4!]: 1, [q6!]: 4 },
      { [q1!]: 4, [q2!]: 4, [q3!]: 1, [q4!]: 2, [q6!]: 5 },
      { [q1!]: 5, [q2!]: 5, [q3!]: 0, [q4!]: 2, [q6!]: 3 },
      { [q1!]: 5, [q3!]: 1, [q4!]: 2, [q6!]: 1 },
    ];
    await respond(t.db, org, round, answers.map((a) => ({ answers: a })));
    const r = await results(round);
    expect(r.responseRate).toEqual({ invited: 8, responses: 6, rate: 0.75 });
    expect(r.organisation.respondents).toEqual({ suppressed: false, n: 6 });
    const cell = (q: string) => questionCell(r.organisation, q);
    // 1 + 2 + 2 + 4 + 5 + 5 = 19 over 6.
    expect(cell(q1!)).toEqual({
      questionId: q1, suppressed: false, n: 6, mean: 3.17,
      distribution: [{ value: 1, count: 1 }, { value: 2, count: 2 }, { value: 3, count: 0 }, { value: 4, count: 1 }, { value: 5, count: 2 }],
    });
    // One left it out: 3 + 3 + 4 + 4 + 5 = 19 over 5.
    expect(cell(q2!)).toMatchObject({ n: 5, mean: 3.8 });
    // Yes/no: four of six said yes.
    expect(cell(q3!)).toEqual({ questionId: q3, suppressed: false, n: 6, mean: 0.67, distribution: [{ value: 0, count: 2 }, { value: 1, count: 4 }] });
    // A choice has counts per option and no mean.
    expect(cell(q4!)).toEqual({
      questionId: q4, suppressed: false, n: 6, mean: null, distribution: [{ value: 0, count: 2 }, { value: 1, count: 1 }, { value: 2, count: 3 }],
    });
    // Text: only the answer with words in it counts, and is below the text minimum anyway.
    expect(cell(q5!)).toEqual({ questionId: q5, suppressed: true, reason: 'belowMinimum' });
    // 2 + 4 + 5 + 3 + 1 = 15 over 5 answering.
    expect(cell(q6!)).toMatchObject({ n: 5, mean: 3 });
    // The indicator pools its questions' answers: (19 + 19) / 11; six answered at least one.
    expect(r.organisation.indicators).toEqual([
      { effectGoal: 'unusedPotential', indicator: 'Samarbeid på tvers', suppressed: false, n: 6, mean: 3.45 },
      { effectGoal: 'resourceEfficiency', indicator: 'Ressursbruk', suppressed: false, n: 5, mean: 3 },
    ]);
    expect(r.organisation.effectGoals).toEqual([
      { effectGoal: 'unusedPotential', suppressed: false, n: 6, mean: 3.45 },
      { effectGoal: 'resourceEfficiency', suppressed: false, n: 5, mean: 3 },
    ]);
    expect(r.questions.map((q) => q.type)).toEqual(['scale', 'scale', 'yesNo', 'choice', 'text', 'scale']);
  });

  it('counts respondents per indicator for questions far down a long template', async () => {
    const org = t.organisationId;
    const specs: QuestionSpec[] = Array.from({ length: 70 }, (_, i) => (i === 2 || i === 65 || i === 69
      ? { type: 'scale', effectGoal: 'competenceMobilisation', indicator: i === 2 ? 'Deling' : 'Læring' }
      : { type: 'yesNo' }));
    const { templateId, questionIds } = await createSurveyTemplate(t.db, org, specs);
    const [q3, q66, q70] = [questionIds[2]!, questionIds[65]!, questionIds[69]!];
    const round = await createSurveyRound(t.db, org, templateId);
    await respond(t.db, org, round, [
      ...many(3, { answers: { [q3]: 5, [q66]: 1, [q70]: 2 } }),
      ...many(3, { answers: { [q66]: 4 } }),
      ...many(2, { answers: { [q3]: 3 } }),
    ]);
    const r = await results(round);
    expect(r.organisation.indicators).toEqual([
      { effectGoal: 'competenceMobilisation', indicator: 'Deling', suppressed: false, n: 5, mean: 4.2 },
      // Six answered q66 or q70: (3 + 6 + 12) / 9 answers.
      { effectGoal: 'competenceMobilisation', indicator: 'Læring', suppressed: false, n: 6, mean: 2.33 },
    ]);
    // The goal pools all three questions: (24 + 12 + 6) / 14 answers, from all eight.
    expect(r.organisation.effectGoals).toEqual([{ effectGoal: 'competenceMobilisation', suppressed: false, n: 8, mean: 3 }]);
  });

  it('shows the units × effect goals heatmap with the same hiding', async () => {
    const org = t.organisationId;
    const { templateId, questionIds: [q1, , , , , q6] } = await createSurveyTemplate(t.db, org, standard);
    const top = await createUnit(t.app, org);
    const below = await createUnit(t.app, org, { parentId: top.id });
    const round = await createSurveyRound(t.db, org, templateId);
    await respond(t.db, org, round, [...many(5, { unitId: below.id, answers: { [q1!]: 2, [q6!]: 4 } }), ...many(2, { unitId: top.id, answers: { [q1!]: 4 } })]);
    const res = await t.inject({ method: 'GET', url: `/api/v1/survey-rounds/${round}/results/heatmap` });
    expect(res.statusCode, res.body).toBe(200);
    const heatmap = res.json<SurveyHeatmap>();
    expect(heatmap.effectGoals).toEqual(['unusedPotential', 'resourceEfficiency']);
    const row = (id: string) => heatmap.rows.find((r) => r.unitId === id)!;
    expect(row(top.id)).toMatchObject({ depth: 0, cells: [{ effectGoal: 'unusedPotential', suppressed: false, n: 7, mean: 2.57 }, { effectGoal: 'resourceEfficiency', suppressed: false, n: 5, mean: 4 }] });
    // 7 − 5 = 2 at the top unit itself: the unit below is hidden for the goal with 7, shown for the one with 5 (5 − 5 = 0).
    expect(row(below.id)).toMatchObject({ depth: 1, parentId: top.id, cells: [{ effectGoal: 'unusedPotential', suppressed: true, reason: 'differencing' }, { suppressed: false, n: 5 }] });
  });
});

describe('text answers', () => {
  it('hides them below the text minimum, and shows them shuffled, paged, from that many on', async () => {
    const org = t.organisationId;
    const { templateId, questionIds } = await createSurveyTemplate(t.db, org, [...standard, { type: 'text' }]);
    const [q5, q7] = [questionIds[4]!, questionIds[6]!];
    const few = await createSurveyRound(t.db, org, templateId, { minRespondents: 5, minTextRespondents: 10 });
    await respond(t.db, org, few, Array.from({ length: 9 }, (_, i) => ({ answers: { [q5]: `Svar ${i}` } })));
    const hidden = await t.inject({ method: 'GET', url: `/api/v1/survey-rounds/${few}/results/text?questionId=${q5}` });
    expect(hidden.json()).toEqual({ questionId: q5, suppressed: true, reason: 'belowMinimum' });

    const round = await createSurveyRound(t.db, org, templateId, { minRespondents: 5, minTextRespondents: 10 });
    const given = Array.from({ length: 12 }, (_, i) => `Svar ${String(i).padStart(2, '0')}`);
    await respond(t.db, org, round, given.map((text) => ({ answers: { [q5]: text, [q7]: `${text} b` } })));
    const read = async (question: string) => {
      const texts: string[] = [];
      let cursor: string | null = null;
      do {
        const res = await t.inject({ method: 'GET', url: `/api/v1/survey-rounds/${round}/results/text?questionId=${question}&limit=5${cursor ? `&cursor=${cursor}` : ''}` });
        expect(res.statusCode, res.body).toBe(200);
        const page = res.json<SurveyTextAnswers>();
        if (page.suppressed) throw new Error('hidden');
        expect(page.total).toBe(12);
        texts.push(...page.items.map((i) => i.text));
        cursor = page.nextCursor;
      } while (cursor);
      return texts;
    };
    const first = await read(q5);
    expect([...first].sort()).toEqual(given);
    expect(first).not.toEqual(given);
    // The other question's answers come in another order: they cannot be lined up by position.
    const second = (await read(q7)).map((text) => text.replace(/ b$/, ''));
    expect(second).not.toEqual(first);
    expect(await read(q5)).toEqual(first);

    const notText = await t.inject({ method: 'GET', url: `/api/v1/survey-rounds/${round}/results/text?questionId=${questionIds[0]}` });
    expectProblem(notText, 422, 'not-a-text-question');
    const elsewhere = await t.inject({ method: 'GET', url: `/api/v1/survey-rounds/${round}/results/text?questionId=5b0c1d2e-3f40-4a5b-8c6d-7e8f9a0b1c2d` });
    expectProblem(elsewhere, 404);
  });
});

describe('trend', () => {
  it('lists the finished rounds of a template, the baseline first, with means per effect goal and indicator', async () => {
    const org = t.organisationId;
    const { templateId, questionIds: [q1, q2] } = await createSurveyTemplate(t.db, org, standard);
    const baseline = await createSurveyRound(t.db, org, templateId, { closesInDays: -200 });
    const followUp = await createSurveyRound(t.db, org, templateId, { kind: 'followUp', baselineRoundId: baseline, closesInDays: -10 });
    const open = await createSurveyRound(t.db, org, templateId, { status: 'open', closesInDays: 5 });
    await respond(t.db, org, baseline, many(6, { answers: { [q1!]: 2, [q2!]: 3 } }));
    await respond(t.db, org, followUp, [...many(4, { answers: { [q1!]: 4, [q2!]: 4 } }), ...many(3, { answers: { [q1!]: 5 } })]);
    await respond(t.db, org, open, many(6, { answers: { [q1!]: 1 } }));
    const res = await t.inject({ method: 'GET', url: `/api/v1/survey-results/trend?templateId=${templateId}` });
    expect(res.statusCode, res.body).toBe(200);
    const trend = res.json<SurveyTrend>();
    expect(trend.rounds.map((r) => r.roundId)).toEqual([baseline, followUp]);
    expect(trend.rounds.map((r) => r.responses)).toEqual([6, 7]);
    expect(trend.rounds.map((r) => r.effectGoals[0])).toEqual([
      { effectGoal: 'unusedPotential', suppressed: false, n: 6, mean: 2.5 },
      // (4 × 8 + 3 × 5) / 11 answers.
      { effectGoal: 'unusedPotential', suppressed: false, n: 7, mean: 4.27 },
    ]);
    expect(trend.rounds[1]!.indicators[0]).toEqual({ effectGoal: 'unusedPotential', indicator: 'Samarbeid på tvers', suppressed: false, n: 7, mean: 4.27 });
    expect(trend.rounds[1]!.baselineRoundId).toBe(baseline);

    expectProblem(await t.inject({ method: 'GET', url: '/api/v1/survey-results/trend?templateId=5b0c1d2e-3f40-4a5b-8c6d-7e8f9a0b1c2d' }), 404);
  });
});

describe('CSV', () => {
  it('has the same figures and the same hidden cells as the results', async () => {
    const org = t.organisationId;
    const { templateId, questionIds: [q1] } = await createSurveyTemplate(t.db, org, standard);
    const [a, b] = [await createUnit(t.app, org, { name: '=HYPERLINK("x")' }), await createUnit(t.app, org)];
    const round = await createSurveyRound(t.db, org, templateId);
    await respond(t.db, org, round, [...many(6, { unitId: a.id, answers: { [q1!]: 4 } }), ...many(3, { unitId: b.id, answers: { [q1!]: 1 } })]);
    const json = await results(round, 'unit');
    const res = await t.inject({ method: 'GET', url: `/api/v1/survey-rounds/${round}/results.csv?groupBy=unit` });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toMatch(/^text\/csv/);
    expect(res.headers['content-disposition']).toMatch(/^attachment/);
    const [header, ...lines] = res.body.replace(/^\uFEFF/, '').trimEnd().split('\r\n').map((l) => l.split(';'));
    const at = (name: string) => header!.indexOf(name);
    const line = (groupId: string, figure: string) => lines.find((l) => l[at('groupId')] === groupId && l[at('figure')] === figure && (figure !== 'question' || l[at('questionId')] === q1))!;
    // 9 − 6 = 3: A is hidden by differencing, B below the minimum; neither line has a number.
    for (const unit of [a.id, b.id]) {
      const cell = questionCell(groupOf(json, unit), q1!);
      expect(cell.suppressed).toBe(true);
      const l = line(unit, 'question');
      expect([l[at('n')], l[at('mean')], l[at('distribution')]]).toEqual(['', '', '']);
      expect(l[at('hidden')]).toBe(cell.suppressed ? cell.reason : '');
    }
    const whole = line('', 'question');
    expect([whole[at('n')], whole[at('mean')], whole[at('distribution')]]).toEqual(['9', '3', '1:3 2:0 3:0 4:6 5:0']);
    // A unit named like a formula is defused.
    expect(res.body).toContain(`"'=HYPERLINK(""x"")"`);
  });
});

describe('the unit tree of a round', () => {
  // A response keeps the unit it had when answering; results group it by the tree as it was
  // when the round opened. Were today's tree used, moving Z (1 respondent) out of X would
  // take X from n 6 to n 5, and the two readings together would give Z's answers.
  it('is the one frozen when the round opened: moving, renaming, deactivating or adding units later changes no figure', async () => {
    const org = (await createOrganisation(t.db)).id;
    const get = async (url: string) => {
      const res = await t.app.inject({ method: 'GET', url, headers: as(org) });
      expect(res.statusCode, res.body).toBe(200);
      return res.json<unknown>();
    };
    const getText = async (url: string) => (await t.app.inject({ method: 'GET', url, headers: as(org) })).body;
    const { templateId, questionIds: [q1, , , , , q6] } = await createSurveyTemplate(t.db, org, standard);
    const x = await createUnit(t.app, org, { name: 'X' });
    const y = await createUnit(t.app, org, { parentId: x.id, name: 'Y' });
    const z = await createUnit(t.app, org, { parentId: x.id, name: 'Z' });
    const w = await createUnit(t.app, org, { name: 'W' });
    const v = await createUnit(t.app, org, { parentId: w.id, name: 'V' });
    const round = await createSurveyRound(t.db, org, templateId, { minRespondents: 5 });
    // A unit made after the round opened is not in its tree: its respondents count for the whole only.
    const later = await createUnit(t.app, org, { parentId: x.id, name: 'Senere' });
    await respond(t.db, org, round, [
      ...many(5, { unitId: y.id, answers: { [q1!]: 4, [q6!]: 3 } }),
      ...many(1, { unitId: z.id, answers: { [q1!]: 1, [q6!]: 1 } }),
      ...many(6, { unitId: w.id, answers: { [q1!]: 2, [q6!]: 5 } }),
      ...many(5, { unitId: later.id, answers: { [q1!]: 5, [q6!]: 5 } }),
    ]);
    const urls = [
      `/api/v1/survey-rounds/${round}/results?groupBy=unit`, `/api/v1/survey-rounds/${round}/results/heatmap`,
      `/api/v1/survey-rounds/${round}/without-actions`,
    ];
    const csvUrl = `/api/v1/survey-rounds/${round}/results.csv?groupBy=unit`;
    const trendOf = async (unitId: string) => ((await get(`/api/v1/dashboard?unitId=${unitId}`)) as { effectGoals: unknown }).effectGoals;
    const before = await Promise.all(urls.map(get));
    const csvBefore = await getText(csvUrl);
    const trendBefore = await trendOf(x.id);

    const r = before[0] as SurveyResults;
    expect(r.organisation.respondents).toEqual({ suppressed: false, n: 17 });
    expect(r.groups.map((g) => g.group.name)).toEqual(['W', 'V', 'X', 'Y', 'Z']);
    expect(groupOf(r, x.id).respondents).toMatchObject({ suppressed: false, n: 6 });
    expect(groupOf(r, z.id).respondents).toEqual({ suppressed: true, reason: 'belowMinimum' });
    expect(r.groups.map((g) => g.group.id)).not.toContain(later.id);

    const patch = async (id: string, body: object) => {
      const current = await get(`/api/v1/units/${id}`) as { version: number };
      const res = await t.app.inject({ method: 'PATCH', url: `/api/v1/units/${id}`, headers: as(org, { 'if-match': `"${current.version}"` }), payload: body });
      expect(res.statusCode, res.body).toBe(200);
    };
    await patch(z.id, { parentId: w.id });
    await patch(x.id, { name: 'X omdøpt' });
    for (const id of [v.id, y.id]) {
      const res = await t.app.inject({ method: 'POST', url: `/api/v1/units/${id}/deactivate`, headers: as(org) });
      expect(res.statusCode, res.body).toBe(200);
    }
    await createUnit(t.app, org, { parentId: x.id, name: 'Ny' });

    expect(await Promise.all(urls.map(get))).toEqual(before);
    expect(await getText(csvUrl)).toBe(csvBefore);
    expect(await trendOf(x.id)).toEqual(trendBefore);
  });
});

describe('closed rounds only', () => {
  it('answers 409 round-not-closed for an open or draft round, and results once the closing time has passed', async () => {
    const org = t.organisationId;
    const { templateId } = await createSurveyTemplate(t.db, org, standard);
    const open = await createSurveyRound(t.db, org, templateId, { status: 'open', closesInDays: 3 });
    const draft = await createSurveyRound(t.db, org, templateId, { status: 'draft', closesInDays: 3 });
    for (const round of [open, draft]) {
      for (const path of ['results', 'results/heatmap', 'results.csv', 'without-actions', 'results/text?questionId=5b0c1d2e-3f40-4a5b-8c6d-7e8f9a0b1c2d']) {
        expectProblem(await t.inject({ method: 'GET', url: `/api/v1/survey-rounds/${round}/${path}` }), 409, 'round-not-closed');
      }
    }
    const lapsed = await createSurveyRound(t.db, org, templateId, { status: 'open', closesInDays: -1 });
    expect((await t.inject({ method: 'GET', url: `/api/v1/survey-rounds/${lapsed}/results` })).statusCode).toBe(200);
  });

  it('answers 404 for a round of another organisation', async () => {
    const { templateId } = await createSurveyTemplate(t.db, t.organisationId, standard);
    const round = await createSurveyRound(t.db, t.organisationId, templateId);
    const other = await createOrganisation(t.db);
    expectProblem(await t.app.inject({ method: 'GET', url: `/api/v1/survey-rounds/${round}/results`, headers: as(other.id) }), 404);
  });
});

describe('the differencing rule', () => {
  // Random trees and group sizes: whatever the shape, no remainder is between 0 and the minimum.
  it('leaves no computable remainder below the minimum in any tree', () => {
    let seed = 7;
    const next = () => ((seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648);
    for (let trial = 0; trial < 300; trial++) {
      const size = 2 + Math.floor(next() * 14);
      const nodes = Array.from({ length: size }, (_, i) => ({ id: `u${String(i).padStart(2, '0')}`, parentId: i === 0 || next() < 0.3 ? null : `u${String(Math.floor(next() * i)).padStart(2, '0')}` }));
      const direct = new Map(nodes.map((n) => [n.id, Math.floor(next() * 8)]));
      const tree = unitTree(nodes);
      const n = (id: string): number => direct.get(id)! + (tree.children.get(id) ?? []).reduce((s, c) => s + n(c), 0);
      const outside = Math.floor(next() * 4);
      const total = outside + tree.roots.reduce((s, r) => s + n(r), 0);
      const min = 3 + Math.floor(next() * 4);
      const decisions = decideTree(tree, total, n, min);
      const check = (parentN: number, children: string[]) => {
        const shown = children.filter((c) => decisions.get(c) === null);
        const remainder = parentN - shown.reduce((s, c) => s + n(c), 0);
        expect(remainder === 0 || remainder >= min, `remainder ${remainder} with minimum ${min}`).toBe(true);
        for (const c of shown) {
          expect(n(c)).toBeGreaterThanOrEqual(min);
          check(n(c), tree.children.get(c) ?? []);
        }
      };
      if (total >= min) check(total, tree.roots);
      else expect([...decisions.values()].every((d) => d !== null)).toBe(true);
      // Nothing is shown below a hidden unit.
      for (const node of nodes) if (node.parentId && decisions.get(node.parentId) !== null) expect(decisions.get(node.id)).not.toBeNull();
    }
  });
});
