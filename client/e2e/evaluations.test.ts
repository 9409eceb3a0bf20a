import type { AccountPage, CriteriaSet, CriteriaSetPage, Evaluation, EvaluationSchedulePage, Team, TeamResult, UnitPage } from '@lagverk/shared';
import type { Browser, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { api, axeViolations, describeViolations, launchBrowser, noBrowser, signedInPage, uncaughtErrors, visit } from './support/browser.ts';

// The evaluation issue's "done when", each part by the person whose job it is: the team's
// coordinator starts an evaluation and submits the self-assessment, the manager of one of
// the team's units submits the manager assessment and closes the evaluation with a
// conclusion, after which nothing in it can change; the schedule then shows when the team
// is next due.

/** Today's date plus `months`, as PostgreSQL adds months (the 31st becomes the month's last day). */
function addMonths(months: number): string {
  const today = new Date();
  const year = today.getUTCFullYear();
  const month = today.getUTCMonth() + months;
  const last = new Date(Date.UTC(year, month + 1, 0)).getUTCDate();
  return new Date(Date.UTC(year, month, Math.min(today.getUTCDate(), last))).toISOString().slice(0, 10);
}

/** Answers every criterion of a part's form: the middle of the scale, yes, a number, a text. */
async function answerAll(region: Locator, part: 'self' | 'manager', set: CriteriaSet) {
  for (const [index, criterion] of set.criteria.entries()) {
    const item = region.locator(`[id="evaluation-${part}-${index}"]`);
    if (criterion.answerType === 'yesNo') await item.getByLabel('Ja', { exact: true }).check();
    else if (criterion.answerType === 'scale') await item.getByLabel(part === 'self' ? '4' : '3', { exact: true }).check();
    else await item.locator(`[id="evaluation-${part}-${index}-value"]`).fill(criterion.answerType === 'number' ? '12' : 'Fortsett med felles overføringsmøter.');
  }
}

describe.skipIf(noBrowser)('evaluating a team: self-assessment, manager assessment, conclusion', () => {
  let browser: Browser;
  let coordinator: Page;
  let manager: Page;
  const teamName = `Overgangslaget ${Date.now()}`;
  const resultTitle = 'Felles overføringsmøte i juni';
  let teamId = '';
  let evaluationId = '';
  let set: CriteriaSet;
  let resultId = '';
  const self = () => coordinator.getByRole('region', { name: 'Egenvurdering', exact: true });
  const evaluation = async () => (await api<Evaluation>(`/teams/${teamId}/evaluations/${evaluationId}`)).body;

  beforeAll(async () => {
    browser = await launchBrowser();
    coordinator = await signedInPage(browser, 'coordinator');
    manager = await signedInPage(browser, 'unitManager');

    // A running team in Lagvik skole (which the demo's unit manager leads), coordinated by
    // the demo coordinator: set up through the API, the proposal flow has tests of its own.
    const units = await api<UnitPage>(`/units?q=${encodeURIComponent('Lagvik skole')}&limit=5`);
    const school = units.body.items.find((u) => u.name === 'Lagvik skole')!;
    const accounts = await api<AccountPage>(`/accounts?q=${encodeURIComponent('koordinator@')}`);
    const coordinatorPersonId = accounts.body.items[0]!.personId;
    const created = await api<Team>('/teams', {
      method: 'POST',
      body: {
        name: teamName, purpose: 'Tryggere overgang fra barnehage til skole.', mandate: 'Felles overføringsmøter.', everydayTask: 'Skolestart.',
        effectGoals: ['serviceQuality'], unitIds: [school.id], startDate: '2026-01-05', hoursPerMemberPerMonth: 4,
      },
    });
    expect(created.status).toBe(201);
    teamId = created.body.id;
    expect((await api(`/teams/${teamId}/members`, { method: 'POST', body: { personId: coordinatorPersonId, role: 'coordinator' } })).status).toBe(201);
    const establishment = (await api<CriteriaSetPage>('/criteria-sets?kind=establishment&status=published&limit=1')).body.items[0]!;
    const answers = establishment.criteria.map((c) => ({
      criterionId: c.id, comment: null,
      value: c.answerType === 'yesNo' ? true : c.answerType === 'scale' ? 4 : c.answerType === 'number' ? 4 : 'Avklart.',
    }));
    expect((await api(`/teams/${teamId}/assessment`, { method: 'PUT', body: { criteriaSetId: establishment.id, answers } })).status).toBe(200);
    for (const [action, body] of [['propose', undefined], ['approve', { reason: 'Godt forankret.' }], ['activate', undefined]] as const) {
      const team = await api<Team>(`/teams/${teamId}`);
      const done = await api<Team>(`/teams/${teamId}/${action}`, { method: 'POST', ifMatch: team.body.version, ...(body ? { body } : {}) });
      expect(done.status, `${action}: ${JSON.stringify(done.body)}`).toBe(200);
    }
    const result = await api<TeamResult>(`/teams/${teamId}/results`, { method: 'POST', body: { title: resultTitle, category: 'serviceQuality', achievedOn: '2026-06-15' } });
    expect(result.status).toBe(201);
    resultId = result.body.id;

    const sets = await api<CriteriaSetPage>('/criteria-sets?kind=evaluation&status=published&limit=200');
    set = sets.body.items.find((s) => s.name === 'Kriterier for evaluering av arbeidslag') ?? sets.body.items[0]!;
  });
  afterAll(async () => {
    await browser?.close();
  });

  test('the coordinator starts an evaluation against the chosen criteria set', async () => {
    await visit(coordinator, `/teams/${teamId}`);
    const section = coordinator.getByRole('region', { name: 'Evalueringer', exact: true });
    await section.getByText('Laget er ikke evaluert ennå.').waitFor();
    await section.getByLabel('Kriteriesett').selectOption({ label: `${set.name}, versjon ${set.versionNumber}` });
    await section.getByRole('button', { name: 'Start evaluering' }).click();

    await coordinator.waitForURL(/\/teams\/[0-9a-f-]{36}\/evaluations\/[0-9a-f-]{36}$/);
    evaluationId = coordinator.url().split('/').at(-1) ?? '';
    expect(await evaluation()).toMatchObject({ criteriaSetId: set.id, status: 'open', assessments: { self: { status: 'draft' }, manager: { status: 'draft' } } });
    await self().getByRole('button', { name: 'Lagre egenvurderingen' }).waitFor();
    // The manager part is not the coordinator's to write: it is shown, not offered as a form.
    const managerPart = coordinator.getByRole('region', { name: 'Ledervurdering', exact: true });
    await managerPart.getByText('Ledervurderingen skrives av en leder').waitFor();
    expect(await managerPart.locator('input, textarea, button').count()).toBe(0);
    expect(await coordinator.getByRole('button', { name: 'Avslutt evalueringen' }).count()).toBe(0);
  });

  test('submitting an unanswered self-assessment lists the criteria still to answer', async () => {
    await self().getByRole('button', { name: 'Send inn egenvurderingen' }).click();
    const summary = coordinator.locator('.ds-error-summary');
    await summary.waitFor();
    expect(await summary.getByRole('heading').textContent()).toBe('Svar på alle kriteriene før du sender inn.');
    expect(await summary.getByRole('link').count()).toBe(set.criteria.length);
    expect(await coordinator.getByRole('dialog').count()).toBe(0);
    const violations = await axeViolations(coordinator);
    expect(violations, describeViolations(violations)).toEqual([]);
  });

  test('the coordinator saves the answers with evidence (merging a save made meanwhile), then submits them for good', async () => {
    await answerAll(self(), 'self', set);
    await self().locator('[id="evaluation-self-0"]').getByLabel('Kommentar').fill('Ventetiden før skolestart er halvert.');
    await self().locator('[id="evaluation-self-0"]').getByLabel(resultTitle).check();

    // Someone else saves the part meanwhile, with a comment on the second criterion.
    const before = (await evaluation()).assessments.self;
    const theirs = set.criteria.map((c, i) => ({ criterionId: c.id, value: null, comment: i === 1 ? 'Lagt inn av administrator.' : null, resultIds: [] }));
    const other = await api(`/teams/${teamId}/evaluations/${evaluationId}/assessments/self`, { method: 'PUT', body: { answers: theirs }, ifMatch: before.version });
    expect(other.status).toBe(200);
    await self().getByRole('button', { name: 'Lagre egenvurderingen' }).click();
    await coordinator.getByRole('alert').filter({ hasText: 'Noen andre har endret dette' }).waitFor();
    await coordinator.getByRole('button', { name: 'Hent nyeste versjon' }).click();
    // What the coordinator did not touch takes the saved value; their own answers stay.
    await expect.poll(() => self().locator('[id="evaluation-self-1-comment"]').inputValue()).toBe('Lagt inn av administrator.');
    expect(await self().locator('[id="evaluation-self-0"]').getByLabel(resultTitle).isChecked()).toBe(true);
    await self().getByRole('button', { name: 'Lagre egenvurderingen' }).click();
    await coordinator.getByRole('status').filter({ hasText: 'Egenvurderingen er lagret.' }).waitFor();
    const saved = (await evaluation()).assessments.self;
    expect(saved.status).toBe('draft');
    expect(saved.answers[0]).toMatchObject({ criterionId: set.criteria[0]!.id, comment: 'Ventetiden før skolestart er halvert.', resultIds: [resultId] });
    expect(saved.answers[1]).toMatchObject({ criterionId: set.criteria[1]!.id, comment: 'Lagt inn av administrator.' });
    expect(saved.answers.every((a) => a.value !== null)).toBe(true);

    await self().getByRole('button', { name: 'Send inn egenvurderingen' }).click();
    const dialog = coordinator.getByRole('dialog', { name: 'Sende inn egenvurderingen?' });
    await dialog.waitFor();
    await dialog.getByRole('button', { name: 'Send inn egenvurderingen' }).click();
    await coordinator.getByRole('status').filter({ hasText: 'Egenvurderingen er sendt inn.' }).waitFor();
    expect((await evaluation()).assessments.self.status).toBe('submitted');
    // Submitted is read-only: the answers are shown, nothing can be typed.
    await self().getByText('Sendt inn', { exact: true }).waitFor();
    expect(await self().locator('input, textarea').count()).toBe(0);
    await self().getByText(resultTitle).waitFor();
    expect(uncaughtErrors(coordinator)).toEqual([]);
  });

  test('the unit manager submits the manager assessment and closes the evaluation with a conclusion', async () => {
    await visit(manager, `/teams/${teamId}/evaluations/${evaluationId}`);
    const managerPart = manager.getByRole('region', { name: 'Ledervurdering', exact: true });
    const selfPart = manager.getByRole('region', { name: 'Egenvurdering', exact: true });
    // The self-assessment is there to read, the close form waits for the manager part.
    await selfPart.getByText('4 av 5').first().waitFor();
    expect(await selfPart.locator('input, textarea').count()).toBe(0);
    await manager.getByText('Evalueringen kan avsluttes når både egenvurderingen og ledervurderingen er sendt inn.').waitFor();

    await answerAll(managerPart, 'manager', set);
    await managerPart.getByRole('button', { name: 'Send inn ledervurderingen' }).click();
    const dialog = manager.getByRole('dialog', { name: 'Sende inn ledervurderingen?' });
    await dialog.waitFor();
    await dialog.getByRole('button', { name: 'Send inn ledervurderingen' }).click();
    await manager.getByRole('status').filter({ hasText: 'Ledervurderingen er sendt inn.' }).waitFor();
    expect((await evaluation()).assessments.manager.status).toBe('submitted');

    // A conclusion is required.
    const close = manager.getByRole('region', { name: 'Avslutt evalueringen' });
    await close.getByRole('button', { name: 'Avslutt evalueringen' }).click();
    await expect.poll(() => close.getByLabel('Konklusjon').getAttribute('aria-invalid')).toBe('true');
    const conclusion = 'Laget når målene sine og fortsetter med samme mandat neste halvår.';
    await close.getByLabel('Konklusjon').fill(conclusion);
    await close.getByRole('button', { name: 'Avslutt evalueringen' }).click();
    const confirm = manager.getByRole('dialog', { name: 'Avslutte evalueringen?' });
    await confirm.waitFor();
    await confirm.getByRole('button', { name: 'Avslutt evalueringen' }).click();
    await manager.getByRole('status').filter({ hasText: 'Evalueringen er avsluttet.' }).waitFor();

    expect(await evaluation()).toMatchObject({ status: 'closed', conclusion });
    // Closed: the whole page is read-only.
    await manager.getByRole('region', { name: 'Konklusjon' }).getByText(conclusion).waitFor();
    expect(await manager.locator('main').locator('input, textarea, select').count()).toBe(0);
    expect(await manager.getByRole('button', { name: /Lagre|Send inn|Avslutt|Slett/ }).count()).toBe(0);
    const violations = await axeViolations(manager);
    expect(violations, describeViolations(violations)).toEqual([]);
    expect(uncaughtErrors(manager)).toEqual([]);
  });

  test("the coordinator sees the closed evaluation on the team page, and sets the team's interval", async () => {
    await visit(coordinator, `/teams/${teamId}`);
    const section = coordinator.getByRole('region', { name: 'Evalueringer', exact: true });
    const row = section.locator('tbody tr');
    expect(await row.count()).toBe(1);
    expect(await row.textContent()).toContain('Avsluttet');
    // The team is evaluated again when its interval has passed: every six months unless set otherwise.
    await section.getByText('Laget skal evalueres hver 6. måned.').waitFor();
    await coordinator.getByRole('link', { name: 'Endre', exact: true }).click();
    await coordinator.waitForURL(new RegExp(`/teams/${teamId}/edit$`));
    const interval = coordinator.getByLabel('Evalueringsintervall (måneder)');
    expect(await interval.inputValue()).toBe('6');
    await interval.fill('40');
    await coordinator.getByRole('button', { name: 'Lagre', exact: true }).click();
    await expect.poll(() => interval.getAttribute('aria-invalid')).toBe('true');
    await interval.fill('4');
    await coordinator.getByRole('button', { name: 'Lagre', exact: true }).click();
    await coordinator.waitForURL(new RegExp(`/teams/${teamId}$`));
    await coordinator.getByText('Laget skal evalueres hver 4. måned.').waitFor();
    expect((await api<Team>(`/teams/${teamId}`)).body.evaluationIntervalMonths).toBe(4);
  });

  test("the schedule shows when the team is next due, filtered by unit and state", async () => {
    const schedule = await api<EvaluationSchedulePage>('/evaluation-schedule?limit=200');
    const mine = schedule.body.items.find((r) => r.teamId === teamId)!;
    expect(mine).toMatchObject({ nextDueOn: addMonths(4), state: 'upcoming', openEvaluationId: null, intervalMonths: 4 });

    await visit(manager, '/evaluations');
    await manager.getByRole('link', { name: 'Evalueringer', exact: true }).waitFor();
    const school = (await api<UnitPage>(`/units?q=${encodeURIComponent('Lagvik skole')}&limit=5`)).body.items.find((u) => u.name === 'Lagvik skole')!;
    await manager.getByLabel('Enhet').selectOption(school.id);
    await manager.getByLabel('Frist').selectOption({ label: 'Senere' });
    await manager.waitForURL(/state=upcoming/);
    const row = manager.locator('tbody tr').filter({ has: manager.getByRole('link', { name: teamName }) });
    await row.waitFor();
    // The date as the page's own language formats it, computed here from today.
    const expected = await manager.evaluate((iso) => new Intl.DateTimeFormat('nb-NO', { dateStyle: 'medium' }).format(new Date(iso)), addMonths(4));
    const cells = await row.locator('td').allTextContents();
    expect(cells.map((c) => c.trim()).slice(0, 5)).toEqual([teamName, expected, 'Senere', expect.any(String), 'Hver 4. måned']);
    const violations = await axeViolations(manager);
    expect(violations, describeViolations(violations)).toEqual([]);

    await row.getByRole('link', { name: teamName }).click();
    await manager.waitForURL(new RegExp(`/teams/${teamId}$`));
    expect(uncaughtErrors(manager)).toEqual([]);
  });
});
