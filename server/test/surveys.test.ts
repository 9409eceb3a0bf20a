import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import type { MySurveyInvitationList, SurveyRound, SurveyRoundPage, SurveyTemplate, SurveyTemplatePage } from '@lagverk/shared';
import { randomInt } from 'node:crypto';
import { seedDemo } from '../src/seed/demo.ts';
import { createDefaultSurveyTemplates, defaultSurveyTemplates } from '../src/surveys/defaults.ts';
import { signedInAs } from './support/accounts.ts';
import { createTestApp, type TestContext } from './support/app.ts';
import { createOrganisation } from './support/database.ts';
import { as, createPerson, createUnit, expectProblem, expectValidation } from './support/factories.ts';
import { createSurveyRound, createSurveyTemplate, invitationTokens, openRound, roundAction } from './support/survey-factories.ts';
import { addMember, teamIn } from './support/team-factories.ts';

// Survey templates and rounds: a template is locked once a round using it opens; opening a
// round fixes its audience and thresholds and invites exactly that audience.

let t: TestContext;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.close());

const newOrg = async (writtenStandard: 'nb' | 'nn' = 'nb') => (await createOrganisation(t.db, { writtenStandard })).id;
const get = (org: string, url: string) => t.app.inject({ method: 'GET', url, headers: as(org) });
const send = (org: string, method: 'POST' | 'PATCH' | 'PUT' | 'DELETE', url: string, payload?: object, headers: Record<string, string> = {}) =>
  t.app.inject({ method, url, headers: as(org, headers), ...(payload && { payload }) });
const ifMatch = (version: number) => ({ 'if-match': `"${version}"` });
const hour = 3600_000;

async function invitedPeople(org: string, roundId: string) {
  return [...(await invitationTokens(t.db, org, roundId)).keys()].sort();
}

describe('default templates', () => {
  for (const standard of ['nb', 'nn'] as const) {
    it(`are created for a new ${standard} organisation: an employee survey for goals 1, 2, 4, 5 and a service-user survey for goal 3`, async () => {
      const org = await newOrg(standard);
      const res = await get(org, '/api/v1/survey-templates?limit=200');
      expect(res.statusCode, res.body).toBe(200);
      const templates = res.json<SurveyTemplatePage>().items;
      expect(templates.map((x) => x.name).sort()).toEqual(defaultSurveyTemplates[standard].map((x) => x.name).sort());
      expect(templates.every((x) => x.language === standard && !x.locked)).toBe(true);

      const employees = templates.find((x) => x.audience === 'employees')!;
      for (const goal of ['unusedPotential', 'resourceEfficiency', 'competenceMobilisation', 'tripartiteCooperation']) {
        const scale = employees.questions.filter((q) => q.effectGoal === goal && q.type === 'scale');
        expect(scale.length, goal).toBeGreaterThanOrEqual(4);
        expect(scale.length, goal).toBeLessThanOrEqual(6);
        expect(scale.every((q) => q.indicator)).toBe(true);
      }
      const background = employees.questions.filter((q) => q.background);
      expect(background.map((q) => q.type)).toEqual(['choice', 'choice']);
      expect(employees.questions.filter((q) => q.type === 'text')).toHaveLength(1);

      const users = templates.find((x) => x.audience === 'serviceUsers')!;
      const goals = new Set(users.questions.flatMap((q) => (q.effectGoal ? [q.effectGoal] : [])));
      expect([...goals]).toEqual(['serviceQuality']);
    });
  }
});

describe('templates', () => {
  it('are created with their questions in order and defaults filled in, and read back with an ETag', async () => {
    const org = await newOrg();
    const res = await send(org, 'POST', '/api/v1/survey-templates', {
      name: 'Kartlegging', language: 'nn', audience: 'employees',
      questions: [{ text: 'Eg samarbeider på tvers.', type: 'scale', effectGoal: 'unusedPotential' }, { text: 'Faggruppe', type: 'choice', options: ['A', 'B, "og C"'] }],
    });
    expect(res.statusCode, res.body).toBe(201);
    const template = res.json<SurveyTemplate>();
    expect(template.questions).toEqual([
      { id: expect.any(String), position: 1, text: 'Eg samarbeider på tvers.', help: null, type: 'scale', options: [], effectGoal: 'unusedPotential', indicator: null, background: false, required: false },
      { id: expect.any(String), position: 2, text: 'Faggruppe', help: null, type: 'choice', options: ['A', 'B, "og C"'], effectGoal: null, indicator: null, background: false, required: false },
    ]);
    const read = await get(org, `/api/v1/survey-templates/${template.id}`);
    expect(read.statusCode).toBe(200);
    expect(read.headers.etag).toBe('"1"');
    expect(read.json()).toEqual(template);
  });

  it('refuse options on a non-choice question and a choice with fewer than two, pointing at each', async () => {
    const org = await newOrg();
    const res = await send(org, 'POST', '/api/v1/survey-templates', {
      name: 'Feil', language: 'nb', audience: 'employees',
      questions: [{ text: 'Skala', type: 'scale', options: ['x', 'y'] }, { text: 'Valg', type: 'choice', options: ['bare én'] }],
    });
    const problem = expectProblem(res, 422, 'invalid-questions');
    expect(problem.errors!.map((e) => e.path)).toEqual(['/body/questions/0/options', '/body/questions/1/options']);
  });

  it('replace their questions with PUT, keeping the ids sent and removing the rest', async () => {
    const org = await newOrg();
    const template = await createSurveyTemplate(t.app, org);
    const [first, second] = template.questions;
    expectProblem(await send(org, 'PUT', `/api/v1/survey-templates/${template.id}/questions`, { questions: [] }), 428);
    const res = await send(org, 'PUT', `/api/v1/survey-templates/${template.id}/questions`, {
      questions: [{ id: second!.id, text: 'Ny tekst', type: 'yesNo' }, { text: 'Helt ny', type: 'text' }, { id: first!.id, text: first!.text, type: 'scale', required: true }],
    }, ifMatch(template.version));
    expect(res.statusCode, res.body).toBe(200);
    const updated = res.json<SurveyTemplate>();
    expect(updated.version).toBe(template.version + 1);
    expect(updated.questions.map((q) => [q.id === second!.id, q.text, q.position])).toEqual([[true, 'Ny tekst', 1], [false, 'Helt ny', 2], [false, first!.text, 3]]);
    expect(updated.questions[2]!.id).toBe(first!.id);

    const foreign = await createSurveyTemplate(t.app, org);
    const wrong = await send(org, 'PUT', `/api/v1/survey-templates/${template.id}/questions`,
      { questions: [{ id: foreign.questions[0]!.id, text: 'Stjålet', type: 'scale' }] }, ifMatch(updated.version));
    expect(expectProblem(wrong, 422, 'invalid-questions').errors![0]!.path).toBe('/body/questions/0/id');
    expectProblem(await send(org, 'PUT', `/api/v1/survey-templates/${template.id}/questions`, { questions: [] }, ifMatch(template.version)), 412);
  });

  it('lock once a round using them opens: edits are 409 template-in-use, and a copy is editable', async () => {
    const org = await newOrg();
    const template = await createSurveyTemplate(t.app, org);
    const draft = await createSurveyRound(t.app, org, { templateId: template.id });
    // A draft round does not lock it yet.
    const renamed = await send(org, 'PATCH', `/api/v1/survey-templates/${template.id}`, { name: 'Nytt navn' }, ifMatch(template.version));
    expect(renamed.statusCode, renamed.body).toBe(200);
    expect((await roundAction(t.app, org, draft.id, 'open')).statusCode).toBe(200);

    const locked = (await get(org, `/api/v1/survey-templates/${template.id}`)).json<SurveyTemplate>();
    expect(locked.locked).toBe(true);
    expectProblem(await send(org, 'PATCH', `/api/v1/survey-templates/${template.id}`, { name: 'Igjen' }, ifMatch(locked.version)), 409, 'template-in-use');
    expectProblem(await send(org, 'PUT', `/api/v1/survey-templates/${template.id}/questions`, { questions: [] }, ifMatch(locked.version)), 409, 'template-in-use');
    expectProblem(await send(org, 'DELETE', `/api/v1/survey-templates/${template.id}`, undefined, ifMatch(locked.version)), 409, 'template-in-use');

    const copy = await send(org, 'POST', `/api/v1/survey-templates/${template.id}/copy`);
    expect(copy.statusCode, copy.body).toBe(201);
    const duplicate = copy.json<SurveyTemplate>();
    expect(duplicate).toMatchObject({ name: 'Nytt navn (kopi)', locked: false, audience: template.audience });
    expect(duplicate.questions.map(({ id: _, ...q }) => q)).toEqual(locked.questions.map(({ id: _, ...q }) => q));
    expect(duplicate.questions.some((q) => locked.questions.some((l) => l.id === q.id))).toBe(false);
    const edited = await send(org, 'PUT', `/api/v1/survey-templates/${duplicate.id}/questions`, { questions: [{ text: 'Kortere', type: 'scale' }] }, ifMatch(duplicate.version));
    expect(edited.statusCode, edited.body).toBe(200);
  });

  it('are deleted only while no round uses them', async () => {
    const org = await newOrg();
    const used = await createSurveyTemplate(t.app, org);
    const round = await createSurveyRound(t.app, org, { templateId: used.id });
    expectProblem(await send(org, 'DELETE', `/api/v1/survey-templates/${used.id}`, undefined, ifMatch(used.version)), 409, 'template-in-use');
    expect((await send(org, 'DELETE', `/api/v1/survey-rounds/${round.id}`, undefined, ifMatch(round.version))).statusCode).toBe(204);
    expect((await send(org, 'DELETE', `/api/v1/survey-templates/${used.id}`, undefined, ifMatch(used.version))).statusCode).toBe(204);
    expectProblem(await get(org, `/api/v1/survey-templates/${used.id}`), 404);
  });

  it('are listed by name and filtered by audience', async () => {
    const org = await newOrg();
    await createSurveyTemplate(t.app, org, { name: 'Aaa brukere', audience: 'serviceUsers' });
    const res = await get(org, '/api/v1/survey-templates?audience=serviceUsers');
    const names = res.json<SurveyTemplatePage>().items.map((x) => x.name);
    expect(names[0]).toBe('Aaa brukere');
    expect(res.json<SurveyTemplatePage>().items.every((x) => x.audience === 'serviceUsers')).toBe(true);
  });
});

describe('creating a round', () => {
  it('lists every fault at once', async () => {
    const org = await newOrg();
    const template = await createSurveyTemplate(t.app, org);
    const res = await send(org, 'POST', '/api/v1/survey-rounds', {
      templateId: template.id, name: 'Feil', kind: 'followUp', audience: 'units', opensAt: '2026-05-01T00:00:00Z', closesAt: '2026-04-01T00:00:00Z',
      minRespondents: 8, minTextRespondents: 6,
    });
    const problem = expectProblem(res, 422, 'invalid-round');
    expect(problem.errors!.map((e) => e.path).sort()).toEqual(['/body/baselineRoundId', '/body/closesAt', '/body/minTextRespondents', '/body/unitIds']);
  });

  it('never lets a threshold below 3', async () => {
    const org = await newOrg();
    const template = await createSurveyTemplate(t.app, org);
    const res = await send(org, 'POST', '/api/v1/survey-rounds', {
      templateId: template.id, name: 'For lavt', kind: 'baseline', audience: 'allEmployees', opensAt: '2026-05-01T00:00:00Z', closesAt: '2026-06-01T00:00:00Z',
      minRespondents: 2, minTextRespondents: 2,
    });
    expectValidation(res, '/body/minRespondents', '/body/minTextRespondents');
  });

  it('takes defaults 5 and 10 for the thresholds', async () => {
    const org = await newOrg();
    const round = await createSurveyRound(t.app, org, { templateId: (await createSurveyTemplate(t.app, org)).id });
    expect(round).toMatchObject({ status: 'draft', minRespondents: 5, minTextRespondents: 10, invitedCount: 0, responseCount: 0, sharedLink: null });
  });

  it('matches the audience to the template: employees or service users', async () => {
    const org = await newOrg();
    const template = await createSurveyTemplate(t.app, org);
    const res = await send(org, 'POST', '/api/v1/survey-rounds', {
      templateId: template.id, name: 'Feil publikum', kind: 'baseline', audience: 'serviceUsers', opensAt: '2026-05-01T00:00:00Z', closesAt: '2026-06-01T00:00:00Z',
    });
    expect(expectProblem(res, 422, 'invalid-round').errors!.map((e) => e.path)).toEqual(['/body/audience']);
  });

  it('makes a follow-up use the template of its baseline', async () => {
    const org = await newOrg();
    const template = await createSurveyTemplate(t.app, org);
    const baseline = await createSurveyRound(t.app, org, { templateId: template.id });
    const other = await createSurveyTemplate(t.app, org);
    const wrong = await send(org, 'POST', '/api/v1/survey-rounds', {
      templateId: other.id, name: 'Oppfølging', kind: 'followUp', baselineRoundId: baseline.id, audience: 'allEmployees',
      opensAt: '2027-05-01T00:00:00Z', closesAt: '2027-06-01T00:00:00Z',
    });
    expect(expectProblem(wrong, 422, 'invalid-round').errors![0]).toMatchObject({ path: '/body/baselineRoundId', code: 'template' });
    const followUp = await createSurveyRound(t.app, org, { templateId: template.id, kind: 'followUp', baselineRoundId: baseline.id });
    expect(followUp.baselineRoundId).toBe(baseline.id);
    expectProblem(await send(org, 'DELETE', `/api/v1/survey-rounds/${baseline.id}`, undefined, ifMatch(baseline.version)), 409, 'round-has-follow-ups');
  });
});

describe('opening a round', () => {
  it('invites the active people of the units named and of every unit below them, and nobody else', async () => {
    const org = await newOrg();
    const top = await createUnit(t.app, org);
    const below = await createUnit(t.app, org, { parentId: top.id });
    const further = await createUnit(t.app, org, { parentId: below.id });
    const elsewhere = await createUnit(t.app, org);
    const inTop = await createPerson(t.app, org, { unitId: top.id });
    const inBelow = await createPerson(t.app, org, { unitId: below.id });
    const inFurther = await createPerson(t.app, org, { unitId: further.id });
    const inactive = await createPerson(t.app, org, { unitId: below.id });
    expect((await send(org, 'POST', `/api/v1/people/${inactive.id}/deactivate`)).statusCode).toBe(200);
    await createPerson(t.app, org, { unitId: elsewhere.id });
    await createPerson(t.app, org);

    const round = await openRound(t.app, org, { audience: 'units', unitIds: [top.id] });
    expect(round).toMatchObject({ status: 'open', invitedCount: 3, acceptingAnswers: true });
    expect(round.openedAt).not.toBeNull();
    expect(await invitedPeople(org, round.id)).toEqual([inTop.id, inBelow.id, inFurther.id].sort());
  });

  it("invites a team's current members, not those who left", async () => {
    const org = await newOrg();
    const team = await teamIn(t.app, t.db, org, 'active');
    const stays = await createPerson(t.app, org);
    const leaves = await createPerson(t.app, org);
    await addMember(t.app, org, team.id, stays.id);
    const left = await addMember(t.app, org, team.id, leaves.id);
    const leave = await send(org, 'PATCH', `/api/v1/teams/${team.id}/members/${left.id}`, { leftOn: new Date().toISOString().slice(0, 10) }, ifMatch(left.version));
    expect(leave.statusCode, leave.body).toBe(200);
    const members = await t.db.selectFrom('team_members').select('person_id').where('organisation_id', '=', org).where('team_id', '=', team.id)
      .where('left_on', 'is', null).execute();

    const round = await openRound(t.app, org, { audience: 'teamMembers', teamIds: [team.id] });
    expect(await invitedPeople(org, round.id)).toEqual(members.map((m) => m.person_id).sort());
    expect(await invitedPeople(org, round.id)).toContain(stays.id);
    expect(await invitedPeople(org, round.id)).not.toContain(leaves.id);
  });

  it('invites every active person for all employees, with one unguessable token each', async () => {
    const org = await newOrg();
    for (let i = 0; i < 3; i++) await createPerson(t.app, org);
    const active = await t.db.selectFrom('people').select('id').where('organisation_id', '=', org).where('active', '=', true).execute();
    const round = await openRound(t.app, org);
    expect(round.invitedCount).toBe(active.length);
    const tokens = [...(await invitationTokens(t.db, org, round.id)).values()];
    expect(new Set(tokens).size).toBe(active.length);
    for (const token of tokens) expect(token).toMatch(/^i_[A-Za-z0-9_-]{43}$/);
  });

  it('gives a service-user round a shared link instead of invitations', async () => {
    const org = await newOrg();
    const template = await createSurveyTemplate(t.app, org, { audience: 'serviceUsers' });
    const round = await openRound(t.app, org, { templateId: template.id, audience: 'serviceUsers' });
    expect(round.invitedCount).toBe(0);
    expect(round.sharedLink).toMatch(/^\/svar#s_[A-Za-z0-9_-]{43}$/);
    const qr = await get(org, `/api/v1/survey-rounds/${round.id}/qr.svg`);
    expect(qr.statusCode, qr.body).toBe(200);
    expect(qr.headers['content-type']).toMatch(/^image\/svg\+xml/);
    expect(qr.body).toMatch(/^<svg[^>]*xmlns="http:\/\/www.w3.org\/2000\/svg"/);
    const employeeRound = await openRound(t.app, org);
    expectProblem(await get(org, `/api/v1/survey-rounds/${employeeRound.id}/qr.svg`), 409, 'no-shared-link');
  });

  it('fixes template, audience and thresholds; the name and closing time may still change', async () => {
    const org = await newOrg();
    const round = await openRound(t.app, org);
    for (const patch of [{ minRespondents: 3 }, { minTextRespondents: 20 }, { audience: 'units', unitIds: [] }, { opensAt: '2026-01-01T00:00:00Z' }]) {
      const problem = expectProblem(await send(org, 'PATCH', `/api/v1/survey-rounds/${round.id}`, patch, ifMatch(round.version)), 409, 'round-not-draft');
      expect(problem.errors!.map((e) => e.path)).toContain(`/body/${Object.keys(patch)[0]}`);
    }
    const closesAt = new Date(Date.now() + 48 * hour).toISOString();
    const res = await send(org, 'PATCH', `/api/v1/survey-rounds/${round.id}`, { name: 'Forlenget', closesAt }, ifMatch(round.version));
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json<SurveyRound>()).toMatchObject({ name: 'Forlenget', closesAt, minRespondents: 5, minTextRespondents: 10 });
    const row = await t.db.selectFrom('survey_rounds').select(['min_respondents', 'min_text_respondents']).where('id', '=', round.id).executeTakeFirstOrThrow();
    expect(row).toEqual({ min_respondents: 5, min_text_respondents: 10 });
  });

  it('happens once; close stops it; neither an open nor a closed round can be deleted', async () => {
    const org = await newOrg();
    const round = await openRound(t.app, org);
    expectProblem(await roundAction(t.app, org, round.id, 'open'), 409, 'round-not-draft');
    expectProblem(await send(org, 'DELETE', `/api/v1/survey-rounds/${round.id}`, undefined, ifMatch(round.version)), 409, 'round-not-draft');
    expectProblem(await roundAction(t.app, org, round.id, 'close', ifMatch(round.version + 5)), 412);
    const closed = await roundAction(t.app, org, round.id, 'close', ifMatch(round.version));
    expect(closed.statusCode, closed.body).toBe(200);
    expect(closed.json<SurveyRound>()).toMatchObject({ status: 'closed', acceptingAnswers: false });
    expectProblem(await roundAction(t.app, org, round.id, 'close'), 409, 'round-not-open');
    expectProblem(await send(org, 'PATCH', `/api/v1/survey-rounds/${round.id}`, { closesAt: new Date(Date.now() + 99 * hour).toISOString() }, ifMatch(round.version + 1)), 409, 'round-closed');
  });

  it('refuses a template without questions and a round whose closing time has passed', async () => {
    const org = await newOrg();
    const empty = await createSurveyTemplate(t.app, org, { questions: [] });
    const round = await createSurveyRound(t.app, org, { templateId: empty.id });
    expectProblem(await roundAction(t.app, org, round.id, 'open'), 422, 'template-empty');
    const late = await createSurveyRound(t.app, org, {
      templateId: (await createSurveyTemplate(t.app, org)).id, opensAt: '2020-01-01T00:00:00Z', closesAt: '2020-02-01T00:00:00Z',
    });
    expectProblem(await roundAction(t.app, org, late.id, 'open'), 422, 'round-window-passed');
  });

  it('freezes the unit tree as it stands: every active unit with its parent and name, and no inactive one', async () => {
    const org = await newOrg();
    const top = await createUnit(t.app, org, { name: 'Helse' });
    const below = await createUnit(t.app, org, { parentId: top.id, name: 'Sykehjem' });
    const gone = await createUnit(t.app, org);
    expect((await send(org, 'POST', `/api/v1/units/${gone.id}/deactivate`)).statusCode).toBe(200);
    const round = await openRound(t.app, org);
    const later = await createUnit(t.app, org);
    const frozen = await t.db.selectFrom('survey_round_units').select(['unit_id', 'parent_id', 'name'])
      .where('organisation_id', '=', org).where('round_id', '=', round.id).orderBy('name').execute();
    expect(frozen).toEqual([{ unit_id: top.id, parent_id: null, name: 'Helse' }, { unit_id: below.id, parent_id: top.id, name: 'Sykehjem' }]);
    expect(frozen.map((u) => u.unit_id)).not.toContain(later.id);
  });
});

describe('changing the closing time of an open round', () => {
  it('is 409 round-closed once the closing time has passed, so a lapsed round is never reopened', async () => {
    const org = await newOrg();
    const round = await openRound(t.app, org);
    await t.db.updateTable('survey_rounds').set({ closes_at: new Date(Date.now() - 60_000) }).where('id', '=', round.id).execute();
    for (const closesAt of [new Date(Date.now() + 48 * hour), new Date(Date.now() - 30 * 60_000)]) {
      const problem = expectProblem(await send(org, 'PATCH', `/api/v1/survey-rounds/${round.id}`, { closesAt: closesAt.toISOString() }, ifMatch(round.version)), 409, 'round-closed');
      expect(problem.errors!.map((e) => e.path)).toEqual(['/body/closesAt']);
    }
    const row = await t.db.selectFrom('survey_rounds').select(['closes_at', 'status', 'version']).where('id', '=', round.id).executeTakeFirstOrThrow();
    expect(row.closes_at.getTime()).toBeLessThan(Date.now());
    expect(row).toMatchObject({ status: 'open', version: round.version });
  });

  it('is 422 for a closing time in the past while the round is still open', async () => {
    const org = await newOrg();
    const round = await openRound(t.app, org);
    const past = new Date(Date.now() - 30 * 60_000).toISOString();
    const problem = expectProblem(await send(org, 'PATCH', `/api/v1/survey-rounds/${round.id}`, { closesAt: past }, ifMatch(round.version)), 422, 'invalid-round');
    expect(problem.errors!.map((e) => [e.path, e.code])).toEqual([['/body/closesAt', 'past']]);
    const res = await get(org, `/api/v1/survey-rounds/${round.id}`);
    expect(res.json<SurveyRound>()).toMatchObject({ closesAt: round.closesAt, acceptingAnswers: true, version: round.version });
  });
});

describe('rounds', () => {
  it('are listed latest opening first and filtered by status', async () => {
    const org = await newOrg();
    const template = await createSurveyTemplate(t.app, org);
    const early = await createSurveyRound(t.app, org, { templateId: template.id, opensAt: '2026-01-01T00:00:00Z', closesAt: '2026-02-01T00:00:00Z' });
    const late = await createSurveyRound(t.app, org, { templateId: template.id, opensAt: '2027-01-01T00:00:00Z', closesAt: '2027-02-01T00:00:00Z' });
    const open = await openRound(t.app, org, { templateId: template.id });
    const all = (await get(org, '/api/v1/survey-rounds')).json<SurveyRoundPage>().items.map((r) => r.id);
    expect(all).toEqual([late.id, open.id, early.id]);
    const drafts = (await get(org, '/api/v1/survey-rounds?status=draft&limit=1')).json<SurveyRoundPage>();
    expect(drafts.items.map((r) => r.id)).toEqual([late.id]);
    const next = (await get(org, `/api/v1/survey-rounds?status=draft&limit=1&cursor=${drafts.nextCursor}`)).json<SurveyRoundPage>();
    expect(next.items.map((r) => r.id)).toEqual([early.id]);
  });

  it("never hand invitees' personal links to HR or an administrator", async () => {
    const org = await newOrg();
    const unit = await createUnit(t.app, org);
    await createPerson(t.app, org, { unitId: unit.id, name: 'Åse Ødegård', email: 'ase@kommune.no' });
    const round = await openRound(t.app, org, { audience: 'units', unitIds: [unit.id] });
    const tokens = [...(await invitationTokens(t.db, org, round.id)).values()];
    expect(tokens).toHaveLength(1);
    for (const role of ['hr', 'administrator'] as const) {
      const { headers } = await signedInAs(t.db, org, [role]);
      const responses = [
        await t.app.inject({ method: 'GET', url: `/api/v1/survey-rounds/${round.id}`, headers }),
        await t.app.inject({ method: 'GET', url: '/api/v1/survey-rounds', headers }),
        // The invitation export is gone (docs/surveys.md says why).
        await t.app.inject({ method: 'POST', url: `/api/v1/survey-rounds/${round.id}/invitations.csv`, headers, payload: {} }),
      ];
      expect(responses.map((r) => r.statusCode), role).toEqual([200, 200, 404]);
      for (const res of responses) expect(res.body).not.toContain(tokens[0]);
    }
  });

  it('show progress as counts only', async () => {
    const org = await newOrg();
    const round = await openRound(t.app, org);
    const read = (await get(org, `/api/v1/survey-rounds/${round.id}`)).json<SurveyRound>();
    expect(read).toMatchObject({ invitedCount: round.invitedCount, responseCount: 0 });
    expect(Object.keys(read)).not.toContain('invitations');
  });

  it('are audited, as are templates and questions', async () => {
    const org = await newOrg();
    const round = await openRound(t.app, org);
    const entities = await t.db.selectFrom('audit_events').select(['entity', 'action']).where('organisation_id', '=', org)
      .where('entity', 'like', 'survey_%').execute();
    expect(entities).toEqual(expect.arrayContaining([
      { entity: 'survey_templates', action: 'create' }, { entity: 'survey_questions', action: 'create' },
      { entity: 'survey_rounds', action: 'create' }, { entity: 'survey_rounds', action: 'update' },
    ]));
    expect(entities.some((e) => e.entity === 'survey_invitations')).toBe(false);
    expect(round.status).toBe('open');
  });
});

describe('my survey invitations', () => {
  it("show only the caller's open, unanswered invitations, with their answer links", async () => {
    const org = await newOrg();
    const me = await signedInAs(t.db, org);
    const someoneElse = await signedInAs(t.db, org);
    const open = await openRound(t.app, org);
    const answered = await openRound(t.app, org);
    const closed = await openRound(t.app, org);
    await roundAction(t.app, org, closed.id, 'close');
    const later = await openRound(t.app, org, { opensAt: new Date(Date.now() + 24 * hour).toISOString(), closesAt: new Date(Date.now() + 48 * hour).toISOString() });
    await t.db.updateTable('survey_invitations').set({ used: true }).where('round_id', '=', answered.id).where('person_id', '=', me.account.personId).execute();

    const res = await t.app.inject({ method: 'GET', url: '/api/v1/me/survey-invitations', headers: me.headers });
    expect(res.statusCode, res.body).toBe(200);
    const myToken = (await invitationTokens(t.db, org, open.id)).get(me.account.personId);
    expect(res.json<MySurveyInvitationList>()).toEqual({
      items: [{ roundId: open.id, roundName: open.name, opensAt: open.opensAt, closesAt: open.closesAt, link: `/svar#${myToken}` }],
      nextCursor: null,
    });
    expect(later.status).toBe('open');
    const theirs = (await t.app.inject({ method: 'GET', url: '/api/v1/me/survey-invitations', headers: someoneElse.headers })).json<MySurveyInvitationList>();
    expect(theirs.items.map((i) => i.link)).not.toContain(`/svar#${myToken}`);
    expectProblem(await get(org, '/api/v1/me/survey-invitations'), 403, 'session-required');
  });
});

describe("another organisation's surveys", () => {
  it('are not found', async () => {
    const org = await newOrg();
    const other = await newOrg();
    const template = await createSurveyTemplate(t.app, other);
    const round = await createSurveyRound(t.app, other, { templateId: template.id });
    expectProblem(await get(org, `/api/v1/survey-templates/${template.id}`), 404);
    expectProblem(await get(org, `/api/v1/survey-rounds/${round.id}`), 404);
    expectProblem(await send(org, 'PATCH', `/api/v1/survey-rounds/${round.id}`, { name: 'Kapret' }, ifMatch(1)), 404);
    expectProblem(await send(org, 'POST', `/api/v1/survey-rounds/${round.id}/open`), 404);
    expectProblem(await send(org, 'POST', `/api/v1/survey-templates/${template.id}/copy`), 404);
    // Nor can a round of one's own use them.
    const res = await send(org, 'POST', '/api/v1/survey-rounds', {
      templateId: template.id, name: 'Lånt mal', kind: 'baseline', audience: 'allEmployees', opensAt: '2026-05-01T00:00:00Z', closesAt: '2026-06-01T00:00:00Z',
    });
    expect(expectProblem(res, 422, 'invalid-round').errors!.map((e) => e.path)).toEqual(['/body/templateId']);
    expect((await get(other, `/api/v1/survey-rounds/${round.id}`)).json<SurveyRound>().status).toBe('draft');
  });
});

describe('adding the default templates later (surveys add-defaults)', () => {
  it('adds those missing by name, and nothing when run again', async () => {
    const org = await newOrg('nn');
    const [employees] = (await get(org, '/api/v1/survey-templates?audience=employees')).json<SurveyTemplatePage>().items;
    await send(org, 'DELETE', `/api/v1/survey-templates/${employees!.id}`, undefined, ifMatch(employees!.version));
    expect(await createDefaultSurveyTemplates(t.db, org, 'nn')).toEqual([defaultSurveyTemplates.nn[0]!.name]);
    expect(await createDefaultSurveyTemplates(t.db, org, 'nn')).toEqual([]);
    expect((await get(org, '/api/v1/survey-templates')).json<SurveyTemplatePage>().items).toHaveLength(2);
  });
});

describe('the demo', () => {
  it('has a closed baseline with enough responses, an open follow-up the demo employee is invited to, and a shared link', async () => {
    const org = await seedDemo(t.db, 'demo-passord-123', { name: 'Lagvik demo', orgNumber: String(randomInt(100_000_000, 999_999_999)), writtenStandard: 'nb' });
    const rounds = await t.db.selectFrom('survey_rounds').selectAll().where('organisation_id', '=', org).orderBy('opens_at').execute();
    expect(rounds.map((r) => [r.kind, r.status, r.audience])).toEqual([
      ['baseline', 'closed', 'allEmployees'], ['followUp', 'open', 'allEmployees'], ['baseline', 'open', 'serviceUsers'],
    ]);
    const [baseline, followUp, serviceUsers] = rounds;
    expect(followUp!.baseline_round_id).toBe(baseline!.id);
    expect(serviceUsers!.public_token).toMatch(/^s_/);
    const byUnit = await t.db.selectFrom('survey_responses').select(['unit_id', sql<number>`count(*)::int`.as('n')])
      .where('organisation_id', '=', org).where('round_id', '=', baseline!.id).groupBy('unit_id').execute();
    expect(byUnit.reduce((sum, u) => sum + u.n, 0)).toBe(60);
    expect(byUnit.filter((u) => u.n >= 5).length).toBeGreaterThanOrEqual(4);
    const texts = await t.db.selectFrom('survey_answers').select(sql<number>`count(*)::int`.as('n'))
      .where('round_id', '=', baseline!.id).where('text_value', 'is not', null).executeTakeFirstOrThrow();
    expect(texts.n).toBeGreaterThanOrEqual(10);

    const employee = await t.db.selectFrom('accounts').select('person_id').where('organisation_id', '=', org).where('email', '=', 'ansatt@lagvik.kommune.no').executeTakeFirstOrThrow();
    const invitation = await t.db.selectFrom('survey_invitations').select('used')
      .where('round_id', '=', followUp!.id).where('person_id', '=', employee.person_id).executeTakeFirstOrThrow();
    expect(invitation.used).toBe(false);
    expect(followUp!.invited_count).toBeGreaterThan(300);
  });
});
