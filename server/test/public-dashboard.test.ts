import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PublicDashboard, PublicDashboardSettings } from '@lagverk/shared';
import { createTestApp, type TestContext } from './support/app.ts';
import { createOrganisation } from './support/database.ts';
import { signedInAs } from './support/accounts.ts';
import { as, expectProblem, expectValidation } from './support/factories.ts';
import { buildWorld, type World } from './support/dashboard-world.ts';

// The public dashboard an organisation may switch on: off (404) until it does, then only
// the figures it chose, nothing below a survey's anonymity minimum, no person named, and
// never another organisation's data.

let t: TestContext;
let w: World;
let theirs: World;
beforeAll(async () => {
  t = await createTestApp();
  w = await buildWorld(t.app, t.db);
  theirs = await buildWorld(t.app, t.db);
});
afterAll(() => t.close());

const settingsOf = (org: string, headers: Record<string, string> = as(org)) =>
  t.app.inject({ method: 'GET', url: '/api/v1/public-dashboard', headers });
const save = (org: string, version: number | null, payload: object, headers: Record<string, string> = as(org)) =>
  t.app.inject({ method: 'PUT', url: '/api/v1/public-dashboard', headers: { ...headers, ...(version === null ? {} : { 'if-match': `"${version}"` }) }, payload });
const publicPage = (orgNumber: string, headers: Record<string, string> = {}) =>
  t.app.inject({ method: 'GET', url: `/api/v1/public/organisations/${orgNumber}/dashboard`, headers });

async function publish(world: World, figures: string[], intro: string | null = null) {
  const current = (await settingsOf(world.org)).json<PublicDashboardSettings>();
  const res = await save(world.org, current.version, { enabled: true, figures, intro });
  expect(res.statusCode, res.body).toBe(200);
  const page = await publicPage(world.orgNumber);
  expect(page.statusCode, page.body).toBe(200);
  return { res, page, body: page.json<PublicDashboard>() };
}

describe('the settings', () => {
  it('start off, at version 1, until first saved; a save needs If-Match and bumps the version', async () => {
    const org = await createOrganisation(t.db);
    const initial = await settingsOf(org.id);
    expect(initial.statusCode).toBe(200);
    expect(initial.headers.etag).toBe('"1"');
    expect(initial.json()).toEqual({ enabled: false, figures: [], intro: null, publicPath: `/offentlig/${org.org_number}`, version: 1, updatedAt: null });

    expectProblem(await save(org.id, null, { enabled: true, figures: ['activeTeams'], intro: null }), 428);
    expectProblem(await save(org.id, 4, { enabled: true, figures: ['activeTeams'], intro: null }), 412);
    const first = await save(org.id, 1, { enabled: true, figures: ['activeTeams', 'exampleResults'], intro: 'Slik jobber vi på tvers.' });
    expect(first.statusCode, first.body).toBe(200);
    expect(first.headers.etag).toBe('"2"');
    expect(first.json()).toMatchObject({ enabled: true, figures: ['activeTeams', 'exampleResults'], intro: 'Slik jobber vi på tvers.', version: 2 });
    expect((await settingsOf(org.id)).json()).toEqual(first.json());
    // The same stale version again: someone saved in between.
    const stale = expectProblem(await save(org.id, 1, { enabled: false, figures: [], intro: null }), 412);
    expect(stale.currentVersion).toBe(2);
    const second = await save(org.id, 2, { enabled: false, figures: [], intro: null });
    expect(second.json()).toMatchObject({ enabled: false, figures: [], intro: null, version: 3 });
  });

  it('are in the audit trail', async () => {
    const org = await createOrganisation(t.db);
    expect((await save(org.id, 1, { enabled: true, figures: ['activeTeams'], intro: null })).statusCode).toBe(200);
    const events = await t.db.selectFrom('audit_events').select(['entity', 'action', 'changes'])
      .where('organisation_id', '=', org.id).where('entity', '=', 'public_dashboards').execute();
    expect(events).toEqual([{ entity: 'public_dashboards', action: 'create', changes: expect.objectContaining({ enabled: { after: true } }) }]);
  });

  it('refuse unknown or repeated figures, a missing field and an overlong introduction', async () => {
    const org = await createOrganisation(t.db);
    expectValidation(await save(org.id, 1, { enabled: true, figures: ['personNames'], intro: null }), '/body/figures/0');
    expectValidation(await save(org.id, 1, { enabled: true, figures: ['activeTeams', 'activeTeams'], intro: null }), '/body/figures');
    expectValidation(await save(org.id, 1, { enabled: true, figures: [] }), '/body/intro');
    expectValidation(await save(org.id, 1, { enabled: true, figures: [], intro: 'x'.repeat(2001) }), '/body/intro');
    expect((await settingsOf(org.id)).json<PublicDashboardSettings>().version).toBe(1);
  });

  it('are seen by everyone on the staff and changed by administrators only', async () => {
    const org = await createOrganisation(t.db);
    const member = await signedInAs(t.db, org.id, ['member']);
    expect((await settingsOf(org.id, member.headers)).statusCode).toBe(200);
    expectProblem(await save(org.id, 1, { enabled: true, figures: [], intro: null }, member.headers), 403, 'forbidden');
    const admin = await signedInAs(t.db, org.id, ['administrator']);
    expect((await save(org.id, 1, { enabled: true, figures: [], intro: null }, admin.headers)).statusCode).toBe(200);
  });
});

describe('the public page', () => {
  it('is a 404 until switched on, and again once switched off, like an unknown organisation number', async () => {
    const org = await createOrganisation(t.db);
    expectProblem(await publicPage(org.org_number), 404);
    expectProblem(await publicPage('000000001'), 404);
    await save(org.id, 1, { enabled: false, figures: ['activeTeams'], intro: null });
    expectProblem(await publicPage(org.org_number), 404);
    await save(org.id, 2, { enabled: true, figures: ['activeTeams'], intro: null });
    expect((await publicPage(org.org_number)).statusCode).toBe(200);
    await save(org.id, 3, { enabled: false, figures: ['activeTeams'], intro: null });
    expectProblem(await publicPage(org.org_number), 404);
    expectValidation(await publicPage('12345'), '/path/orgNumber');
  });

  it('shows only the chosen figures: active teams, example results of active and concluded teams, survey trends', async () => {
    const { page, body } = await publish(w, ['exampleResults', 'activeTeams', 'effectGoalTrends'], 'Arbeidslag på tvers av fag.');
    expect(page.headers['cache-control']).toBe('public, max-age=300');
    expect(Object.keys(body).sort()).toEqual(['activeTeams', 'effectGoalTrends', 'exampleResults', 'figures', 'intro', 'organisation']);
    expect(body.organisation).toEqual({ name: w.orgName, writtenStandard: 'nb' });
    expect(body.intro).toBe('Arbeidslag på tvers av fag.');
    expect(body.figures).toEqual(['exampleResults', 'activeTeams', 'effectGoalTrends']);
    expect(body.activeTeams).toBe(2);
    // Newest first, from the active t1 and t2 and the concluded t5; not the paused t3's newer note.
    expect(body.exampleResults).toEqual([
      { title: w.results.t1Routine.title, teamName: w.teams.t1.name, category: 'routineChange', achievedOn: w.results.t1Routine.achievedOn },
      { title: w.results.t2Competence.title, teamName: w.teams.t2.name, category: 'competence', achievedOn: w.results.t2Competence.achievedOn },
      { title: w.results.t5Other.title, teamName: w.teams.t5.name, category: 'other', achievedOn: w.results.t5Other.achievedOn },
      { title: w.results.t1Old.title, teamName: w.teams.t1.name, category: 'serviceQuality', achievedOn: w.results.t1Old.achievedOn },
    ]);
    const unused = body.effectGoalTrends!.find((g) => g.effectGoal === 'unusedPotential')!;
    expect(unused.rounds.map((r) => r.figure)).toEqual([{ suppressed: false, mean: 3.28, n: 12 }, { suppressed: true, reason: 'belowMinimum' }]);
  });

  it('never shows a figure below the anonymity minimum, nor a person\'s name', async () => {
    const { page, body } = await publish(w, ['effectGoalTrends', 'exampleResults', 'activeTeams', 'resultsByCategory']);
    const figures = body.effectGoalTrends!.flatMap((g) => [...g.rounds, ...g.indicators.flatMap((i) => i.rounds)]).map((r) => r.figure);
    expect(figures.length).toBeGreaterThan(0);
    for (const figure of figures) {
      // The baseline's minimum is 3, the follow-up's 5 (with 3 answers): nothing shown below either.
      if (figure.suppressed) expect(Object.keys(figure).sort()).toEqual(['reason', 'suppressed']);
      else expect(figure.n).toBeGreaterThanOrEqual(3);
    }
    expect(page.body).not.toContain('Eier Eiersen');
    expect(page.body).not.toMatch(/Person [0-9a-f]{8}/);
  });

  it('counts every result documented so far by category when chosen, and nothing else', async () => {
    const { body } = await publish(w, ['resultsByCategory']);
    expect(Object.keys(body).sort()).toEqual(['figures', 'intro', 'organisation', 'resultsByCategory']);
    expect(body.resultsByCategory).toEqual({ routineChange: 1, serviceQuality: 1, resourceEfficiency: 0, competence: 1, other: 2 });
  });

  it('holds only its own organisation\'s data, whoever asks', async () => {
    await publish(w, ['exampleResults', 'activeTeams']);
    await publish(theirs, ['exampleResults', 'activeTeams']);
    // Signed in to one organisation, asking for the other's page: the other's page, the caller ignored.
    const page = await publicPage(theirs.orgNumber, as(w.org));
    expect(page.statusCode).toBe(200);
    const body = page.json<PublicDashboard>();
    expect(body.organisation.name).toBe(theirs.orgName);
    expect(page.body).not.toContain(w.results.t1Routine.title);
    expect(body.exampleResults!.map((r) => r.title)).toContain(theirs.results.t1Routine.title);
    const ours = (await publicPage(w.orgNumber)).body;
    for (const result of Object.values(theirs.results)) expect(ours).not.toContain(result.title);
  });
});
