import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { launchBrowser, noBrowser, signedInPage, uncaughtErrors, visit } from './support/browser.ts';

// The client shows each role only what it may do; the server refuses the rest anyway.

const navigationTexts = async (page: Page) =>
  (await page.getByRole('navigation', { name: 'Hovedmeny' }).getByRole('link').allTextContents()).map((text) => text.trim());
const noAccessHeading = 'Du har ikke tilgang til denne siden';

describe.skipIf(noBrowser)('what each role sees', () => {
  let browser: Browser;

  beforeAll(async () => {
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
  });

  test('a member sees no "new unit" button and gets the no-access page at an admin-only route', async () => {
    // The administrator's list has the button the member's must not.
    const admin = await signedInPage(browser, 'admin');
    await visit(admin, '/units');
    expect(await admin.getByRole('link', { name: 'Ny enhet' }).count()).toBe(1);

    const page = await signedInPage(browser, 'member');
    await visit(page, '/units');
    await page.locator('tbody tr').first().waitFor();
    expect(await page.getByRole('link', { name: 'Ny enhet' }).count()).toBe(0);
    // A member may propose a team, but not decide on one.
    await visit(page, '/teams');
    expect(await page.getByRole('link', { name: 'Foreslå nytt arbeidslag' }).count()).toBe(1);
    expect(await page.getByRole('link', { name: 'Til godkjenning' }).count()).toBe(0);

    await visit(page, '/units/new');
    expect(await page.locator('main h1').textContent()).toBe(noAccessHeading);
    expect(new URL(page.url()).pathname).toBe('/units/new');
    expect(await page.getByRole('button', { name: 'Lagre', exact: true }).count()).toBe(0);
    expect(await page.title()).toBe(`${noAccessHeading} – Lagverk`);
    // It says who the user is signed in as, and with which role.
    expect(await page.locator('main').textContent()).toContain('Medarbeider');
    expect(uncaughtErrors(page)).toEqual([]);
  });

  test('a politician sees the unit tree but no people, teams or criteria, and is refused them by address', async () => {
    const page = await signedInPage(browser, 'politician');
    await visit(page, '/');
    const links = await navigationTexts(page);
    expect(links).toContain('Hjem');
    // The organisation chart is public; the people and the teams' working detail are not.
    expect(links).toContain('Enheter');
    for (const hidden of ['Personer', 'Arbeidslag', 'Kriterier']) expect(links).not.toContain(hidden);
    expect(await page.locator('main').getByRole('link', { name: 'Personer' }).count()).toBe(0);

    for (const path of ['/people', '/teams']) {
      await visit(page, path);
      expect(await page.locator('main h1').textContent()).toBe(noAccessHeading);
    }
    expect(uncaughtErrors(page)).toEqual([]);
  });
});
