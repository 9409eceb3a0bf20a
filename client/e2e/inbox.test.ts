import type { Assessment, TeamPage } from '@lagverk/shared';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { api, launchBrowser, noBrowser, signedInPage, uncaughtErrors, visit } from './support/browser.ts';

describe.skipIf(noBrowser)('the approval inbox', () => {
  let browser: Browser;
  let page: Page;

  beforeAll(async () => {
    browser = await launchBrowser();
    page = await signedInPage(browser);
  });
  afterAll(async () => {
    await browser?.close();
  });

  test("lists the demo's proposed team with its unmet criteria and leads to its page", async () => {
    // The demo municipality seeds this team as proposed.
    const teams = await api<TeamPage>(`/teams?status=proposed&q=${encodeURIComponent('Tidlig innsats i skole og barnehage')}`);
    const team = teams.body.items[0]!;
    const assessment = await api<Assessment>(`/teams/${team.id}/assessment`);
    const unmet = assessment.body.unmetRequired.length;

    await visit(page, '/teams');
    await page.getByRole('link', { name: 'Til godkjenning' }).click();
    await page.waitForURL(/\/teams\/inbox$/);
    const row = page.locator('tbody tr').filter({ hasText: team.name });
    await row.waitFor();
    await expect.poll(() => row.locator('td').nth(2).textContent()).toBe(unmet === 0 ? 'Alle er oppfylt' : `${unmet} er ikke oppfylt`);
    // Every row is a proposal: no other status sneaks in.
    const names = await page.locator('tbody tr td:first-child').allTextContents();
    const proposed = await api<TeamPage>('/teams?status=proposed&limit=200');
    expect(names.sort()).toEqual(proposed.body.items.map((t) => t.name).sort());

    // Narrowed to one of the team's units, the team is still there.
    await page.getByLabel('Enhet', { exact: true }).selectOption(team.unitIds[0]!);
    await page.waitForURL(new RegExp(`unitId=${team.unitIds[0]}`));
    await row.waitFor();

    await row.getByRole('link', { name: team.name }).click();
    await page.waitForURL(new RegExp(`/teams/${team.id}$`));
    await page.getByRole('button', { name: 'Godkjenn', exact: true }).waitFor();
    expect(uncaughtErrors(page)).toEqual([]);
  });

  // Which proposals are in a manager's units is the server's rule (server/test/team-inbox.test.ts);
  // here the page must show exactly the server's answer for the signed-in manager.
  test('a unit manager sees the proposals for their own units, as the server decides them', async () => {
    // The demo's unit manager leads Lagvik skole, one of the proposed team's units.
    const managerPage = await signedInPage(browser, 'unitManager');
    const mine = await api<TeamPage>('/teams?decidable=true&limit=200', { as: 'unitManager' });
    expect(mine.body.items.map((t) => t.name)).toContain('Tidlig innsats i skole og barnehage');

    await visit(managerPage, '/teams/inbox');
    await managerPage.locator('tbody tr').filter({ hasText: 'Tidlig innsats i skole og barnehage' }).waitFor();
    const names = await managerPage.locator('tbody tr td:first-child').allTextContents();
    expect(names.sort()).toEqual(mine.body.items.map((t) => t.name).sort());
    expect(uncaughtErrors(managerPage)).toEqual([]);
  });
});
