import type { CriteriaSetPage, Team, TeamPage, TeamResultPage, UnitPage } from '@lagverk/shared';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { api, launchBrowser, noBrowser, signedInPage, uncaughtErrors, visit } from './support/browser.ts';

// The work-team issue's "done when", each step by the person whose job it is: an employee
// proposes a team (and so becomes its coordinator), the manager of one of its units approves
// it from their inbox, and the coordinator starts the team and documents a result.

describe.skipIf(noBrowser)('a team from proposal to result, each step by its own role', () => {
  let browser: Browser;
  let employee: Page;
  let manager: Page;
  const teamName = `Skolestartlaget ${Date.now()}`;
  let teamId = '';

  beforeAll(async () => {
    browser = await launchBrowser();
    employee = await signedInPage(browser, 'member');
    manager = await signedInPage(browser, 'unitManager');
  });
  afterAll(async () => {
    await browser?.close();
  });

  test('an employee proposes a team and, as its coordinator, sends the proposal', async () => {
    // The demo's unit manager leads Lagvik skole.
    const units = await api<UnitPage>(`/units?q=${encodeURIComponent('Lagvik skole')}&limit=5`);
    const school = units.body.items.find((u) => u.name === 'Lagvik skole')!;
    const kindergartens = await api<UnitPage>(`/units?q=${encodeURIComponent('Solbakken barnehage')}&limit=5`);
    const kindergarten = kindergartens.body.items[0]!;

    await visit(employee, '/teams');
    await employee.getByRole('link', { name: 'Foreslå nytt arbeidslag' }).click();
    await employee.getByLabel('Navn', { exact: true }).fill(teamName);
    await employee.getByLabel('Formål').fill('Tryggere overgang fra barnehage til skole.');
    await employee.getByLabel('Mandat').fill('Felles overføringsmøter og plan for hvert barn.');
    await employee.getByLabel('Hverdagsoppgave').fill('Overgangen fra barnehage til skole.');
    await employee.getByLabel('Høyere tjenestekvalitet').check();
    await employee.locator(`[id="team-unitIds-${school.id}"]`).check();
    await employee.locator(`[id="team-unitIds-${kindergarten.id}"]`).check();
    await employee.getByRole('button', { name: 'Lagre og gå videre' }).click();

    // The proposer is the coordinator now, so step 2 (the assessment) is theirs to do.
    await employee.waitForURL(/\/teams\/[0-9a-f-]{36}\/assessment$/);
    teamId = employee.url().split('/').at(-2) ?? '';
    const sets = await api<CriteriaSetPage>('/criteria-sets?kind=establishment&status=published&limit=1');
    for (const [index, criterion] of sets.body.items[0]!.criteria.entries()) {
      const item = employee.locator(`[id="criterion-${index}"]`);
      if (criterion.answerType === 'yesNo') await item.getByLabel('Ja', { exact: true }).check();
      else if (criterion.answerType === 'scale') await item.getByLabel('4', { exact: true }).check();
      else await item.locator(`[id="criterion-${index}-value"]`).fill(criterion.answerType === 'number' ? '6' : 'Avklart med begge lederne.');
    }
    await employee.getByRole('button', { name: 'Lagre og send forslaget' }).click();
    await employee.waitForURL(new RegExp(`/teams/${teamId}$`));
    await employee.locator('.ds-tag', { hasText: 'Foreslått' }).first().waitFor();
    // An employee does not decide on their own proposal.
    expect(await employee.getByRole('button', { name: 'Godkjenn', exact: true }).count()).toBe(0);
    expect(uncaughtErrors(employee)).toEqual([]);
  });

  test("the manager of one of the team's units approves it from their inbox", async () => {
    await visit(manager, '/teams/inbox');
    const row = manager.locator('tbody tr').filter({ hasText: teamName });
    await row.getByRole('link', { name: teamName }).click();
    await manager.waitForURL(new RegExp(`/teams/${teamId}$`));
    await manager.getByRole('button', { name: 'Godkjenn', exact: true }).click();
    const dialog = manager.getByRole('dialog', { name: 'Godkjenn forslaget' });
    await dialog.getByLabel('Begrunnelse').fill('Godt forankret i skolen og barnehagen.');
    await dialog.getByRole('button', { name: 'Godkjenn', exact: true }).click();
    await manager.getByRole('status').filter({ hasText: 'Forslaget er godkjent.' }).waitFor();
    const team = await api<Team>(`/teams/${teamId}`);
    expect(team.body.status).toBe('approved');
    expect(uncaughtErrors(manager)).toEqual([]);
  });

  test('the coordinator starts the team and documents a result; anyone on the staff finds it', async () => {
    await visit(employee, `/teams/${teamId}`);
    await employee.getByRole('button', { name: 'Start laget' }).click();
    await employee.getByRole('status').filter({ hasText: 'Laget er startet.' }).waitFor();

    await employee.getByRole('button', { name: 'Legg til resultat' }).click();
    const form = employee.locator('form.result-form');
    await form.getByLabel('Tittel').fill('Felles overføringsmøte');
    await form.getByLabel('Kategori').selectOption({ label: 'Tjenestekvalitet' });
    await form.getByLabel('Dato').fill('2026-06-15');
    await form.getByRole('button', { name: 'Lagre resultatet' }).click();
    await employee.getByRole('status').filter({ hasText: '«Felles overføringsmøte» er lagt til.' }).waitFor();
    const results = await api<TeamResultPage>(`/teams/${teamId}/results`);
    expect(results.body.items.map((r) => r.title)).toEqual(['Felles overføringsmøte']);

    const found = await api<TeamPage>(`/teams?status=active&q=${encodeURIComponent(teamName)}`, { as: 'representative' });
    expect(found.body.items.map((t) => t.id)).toEqual([teamId]);
    expect(uncaughtErrors(employee)).toEqual([]);
  });
});
