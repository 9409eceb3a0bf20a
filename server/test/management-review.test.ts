import { inflateSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Dashboard, ManagementReview } from '@lagverk/shared';
import { createTestApp, type TestContext } from './support/app.ts';
import { createOrganisation } from './support/database.ts';
import { signedInAs } from './support/accounts.ts';
import { as, expectProblem, expectValidation } from './support/factories.ts';
import { buildWorld, daysFromNow, monthsAgo, type World } from './support/dashboard-world.ts';
import { buildActivityWorld } from './support/dashboard-activity-world.ts';

// The management review for a period, as JSON and as a tagged PDF in the organisation's
// written standard, against the hand-counted world of support/dashboard-world.ts.

let t: TestContext;
let w: World;
let theirs: World;
beforeAll(async () => {
  t = await createTestApp();
  w = await buildWorld(t.app, t.db);
  theirs = await buildWorld(t.app, t.db);
});
afterAll(() => t.close());

const get = (path: string, org = w.org, headers: Record<string, string> = as(org)) =>
  t.app.inject({ method: 'GET', url: `/api/v1/reports/${path}`, headers });
async function review(query = '', org = w.org) {
  const res = await get(`management-review${query ? `?${query}` : ''}`, org);
  expect(res.statusCode, res.body).toBe(200);
  return { body: res.body, review: res.json<ManagementReview>() };
}

/** The PDF's raw bytes (as latin1 text) and the text its pages draw, stream by stream inflated. */
function readPdf(pdf: Buffer) {
  const raw = pdf.toString('latin1');
  const lines: string[] = [];
  for (const match of raw.matchAll(/stream\r?\n/g)) {
    const start = match.index + match[0].length;
    const end = raw.indexOf('endstream', start);
    let content: string;
    try {
      content = inflateSync(pdf.subarray(start, end)).toString('latin1');
    } catch {
      content = raw.slice(start, end);
    }
    // Text is drawn as [<hex> kerning <hex> …] TJ; the standard fonts' bytes are WinAnsi, latin1 for æ, ø and å.
    for (const op of content.matchAll(/\[([^\]]*)\]\s*TJ|<([0-9a-fA-F]*)>\s*Tj/g)) {
      const hex = op[1] !== undefined ? [...op[1].matchAll(/<([0-9a-fA-F]*)>/g)].map((h) => h[1]).join('') : op[2]!;
      lines.push(Buffer.from(hex, 'hex').toString('latin1'));
    }
  }
  return { raw, text: lines.join('\n') };
}

describe('the management review as data', () => {
  it('names the organisation and the period, by default the year up to today', async () => {
    const { review: r } = await review();
    expect(r.organisation).toEqual({ name: w.orgName, orgNumber: w.orgNumber, writtenStandard: 'nb' });
    expect(r.period.to).toBe(new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Oslo' }).format(new Date()));
    expect(Date.parse(r.generatedAt)).toBeGreaterThan(Date.now() - 60_000);
  });

  it('lists the criteria sets in use with their versions, and the lifecycle steps taken', async () => {
    const { review: r } = await review();
    const byId = new Map(r.procedures.criteriaSets.map((s) => [s.id, s]));
    // Five teams were decided against the establishment set (four approved, t6 rejected).
    expect(byId.get(w.sets.establishment.id)).toMatchObject({ kind: 'establishment', versionNumber: 1, status: 'published', usedInPeriod: 5 });
    // t1's and t3's evaluations fall in the period, t5's (two years ago) does not.
    expect(byId.get(w.sets.evaluation.id)).toMatchObject({ kind: 'evaluation', status: 'published', usedInPeriod: 2 });
    expect(byId.get(w.sets.unusedEvaluation.id)).toMatchObject({ status: 'published', usedInPeriod: 0 });
    expect(byId.has(w.sets.superseded.id)).toBe(false);
    expect(byId.has(w.sets.draft.id)).toBe(false);
    expect(r.procedures.criteriaSets.every((s) => s.status === 'published' || s.usedInPeriod > 0)).toBe(true);
    expect(r.procedures.lifecycle).toEqual({ proposed: 5, approved: 4, rejected: 1, activated: 4, concluded: 1 });
    // A period before any of it: no steps.
    const { review: before } = await review(`from=${monthsAgo(30)}&to=${monthsAgo(20)}`);
    expect(before.procedures.lifecycle).toEqual({ proposed: 0, approved: 0, rejected: 0, activated: 0, concluded: 0 });
    expect(before.procedures.criteriaSets.find((s) => s.id === w.sets.establishment.id)?.usedInPeriod).toBe(0);
  });

  it('has the dashboard\'s figures for teams and survey trends, and the results and evaluations of the period', async () => {
    const { review: r } = await review();
    const dashboard = (await t.app.inject({ method: 'GET', url: '/api/v1/dashboard', headers: as(w.org) })).json<Dashboard>();
    expect(r.teams).toEqual(dashboard.teams);
    expect(r.effectGoals).toEqual(dashboard.effectGoals);
    expect(r.results.total).toBe(4);
    expect(r.results.byCategory).toEqual(dashboard.results.byCategory);
    expect(r.results.items).toEqual([
      { title: w.results.t3Paused.title, teamName: w.teams.t3.name, category: 'other', achievedOn: daysFromNow(-3) },
      { title: w.results.t1Routine.title, teamName: w.teams.t1.name, category: 'routineChange', achievedOn: monthsAgo(1) },
      { title: w.results.t2Competence.title, teamName: w.teams.t2.name, category: 'competence', achievedOn: monthsAgo(3) },
      { title: w.results.t5Other.title, teamName: w.teams.t5.name, category: 'other', achievedOn: monthsAgo(5) },
    ]);
    expect(r.evaluations).toEqual({
      closedInPeriod: 2, dueNow: 1, overdueNow: 1,
      closed: [{ teamName: w.teams.t3.name, closedOn: daysFromNow(-2) }, { teamName: w.teams.t1.name, closedOn: monthsAgo(7) }],
    });
  });

  it('lists the open follow-up actions by due date, naming no one', async () => {
    const { review: r, body } = await review();
    expect(r.followUpActions).toEqual({
      open: 2, reviewOverdue: 1,
      items: [
        { title: 'Felles fagdag', status: 'planned', dueOn: daysFromNow(30), nextReviewOn: daysFromNow(-5), effectGoal: 'unusedPotential' },
        { title: 'Faste møter', status: 'inProgress', dueOn: null, nextReviewOn: daysFromNow(20), effectGoal: null },
      ],
    });
    // Neither the actions' owner nor any member is named anywhere in the report.
    expect(body).not.toContain('Eier Eiersen');
    expect(body).not.toMatch(/Person [0-9a-f]{8}/);
  });

  it('holds nothing of another organisation', async () => {
    const { body } = await review();
    for (const result of Object.values(theirs.results)) expect(body).not.toContain(result.title);
    for (const team of Object.values(theirs.teams)) expect(body).not.toContain(team.name);
    expect(body).not.toContain(theirs.sets.establishment.id);
  });
});

describe('the management review as a PDF', () => {
  it('is a tagged PDF in bokmål with the organisation, its headings and the results of the period', async () => {
    const res = await get('management-review.pdf');
    expect(res.statusCode, res.body).toBe(200);
    expect(res.headers['content-type']).toBe('application/pdf');
    const { review: r } = await review();
    expect(res.headers['content-disposition']).toBe(`attachment; filename="ledelsens-gjennomgang-${r.period.from}-${r.period.to}.pdf"`);
    const pdf = res.rawPayload;
    expect(pdf.subarray(0, 8).toString('latin1')).toBe('%PDF-1.7');
    const { raw, text } = readPdf(pdf);
    expect(text).toContain('Ledelsens gjennomgang av arbeidslagene');
    expect(text).toContain(w.orgName);
    for (const heading of ['Prosedyrer', 'Arbeidslag', 'Resultater', 'Evalueringer', 'Effektmål og undersøkelser', 'Oppfølgingstiltak']) {
      expect(text).toContain(heading);
    }
    // æ, ø and å come through Helvetica intact.
    expect(text).toContain(w.results.t1Routine.title);
    expect(text).toContain('Mindre ubrukt potensial for tverrfaglig samarbeid');
    expect(text).toContain('Kartlegging');
    expect(text).not.toContain(theirs.results.t1Routine.title);
    // The structure a screen reader navigates by, the language and the title shown in the window.
    expect(raw).toContain('/S /H1');
    expect(raw).toContain('/S /H2');
    expect(raw).toContain('/StructTreeRoot');
    expect(raw).toContain('/Lang (nb-NO)');
    expect(raw).toContain('/DisplayDocTitle true');
    expect(raw).toContain(`(Ledelsens gjennomgang av arbeidslagene: ${w.orgName})`);
  });

  it('is in nynorsk for an organisation that writes nynorsk', async () => {
    const nn = (await createOrganisation(t.db, { writtenStandard: 'nn' }));
    const res = await get(`management-review.pdf?from=2026-01-01&to=2026-06-30`, nn.id);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.headers['content-disposition']).toBe('attachment; filename="leiinga-sin-gjennomgang-2026-01-01-2026-06-30.pdf"');
    const { raw, text } = readPdf(res.rawPayload);
    expect(text).toContain('Leiinga sin gjennomgang av arbeidslaga');
    expect(text).toContain('Prosedyrar');
    expect(text).toContain('Periode: 01.01.2026');
    expect(raw).toContain('/Lang (nn-NO)');
  });
});

describe('competence, arenas and experiences', () => {
  it('has the dashboard\'s figures for the whole organisation, in the JSON and in the PDF', async () => {
    // support/dashboard-activity-world.ts works the figures out.
    const a = await buildActivityWorld(t.app, t.db);
    const { review: r } = await review('', a.org);
    const dashboard = (await t.app.inject({ method: 'GET', url: '/api/v1/dashboard', headers: as(a.org) })).json<Dashboard>();
    expect(r.competence).toEqual(dashboard.competence);
    expect(r.competence.hours).toBe(28.5);
    expect(r.arenas).toEqual(dashboard.arenas);
    expect(r.experiences).toEqual({ shared: 3, markedUseful: 2, usefulMarks: 3 });

    const { text } = readPdf((await get('management-review.pdf', a.org)).rawPayload);
    expect(text).toContain('Kompetanse, arenaer og erfaringsdeling');
    expect(text).toContain('Koordinatorer: 3 deltakere, 18 timer');
    expect(text).toContain('Virksomhetsledere: 0 deltakere, 0 timer');
    expect(text).toContain('Nettverksmøte mellom lag: 1 møte, 2 oppmøter');
    expect(text).toContain('Trepartsverksted: 1 møte, 3 oppmøter');
    // A small group's hours are not in the PDF either.
    const small = readPdf((await get(`management-review.pdf?from=${daysFromNow(-30)}&to=${daysFromNow(-30)}`, a.org)).rawPayload).text;
    expect(small).toContain('Én eller to personer fikk timer godskrevet');
    expect(small).not.toContain('1,5');
  });
});

describe('access and bad input', () => {
  it('refuses a backwards period and unknown parameters, as JSON and as PDF', async () => {
    for (const path of ['management-review', 'management-review.pdf']) {
      expectProblem(await get(`${path}?from=2026-06-01&to=2026-05-31`), 400, 'invalid-period');
      expectValidation(await get(`${path}?unitId=3f1e2d4c-5b6a-4798-8a1b-2c3d4e5f6a7b`));
      expectValidation(await get(`${path}?to=2026-13-01`), '/query/to');
    }
  });

  it('is for every signed-in role, politicians included, and not for the anonymous', async () => {
    const politician = await signedInAs(t.db, w.org, ['politician']);
    expect((await get('management-review', w.org, politician.headers)).statusCode).toBe(200);
    expect((await get('management-review.pdf', w.org, politician.headers)).statusCode).toBe(200);
    expectProblem(await get('management-review', w.org, {}), 401);
    expectProblem(await get('management-review.pdf', w.org, {}), 401);
  });
});
