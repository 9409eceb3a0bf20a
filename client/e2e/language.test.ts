import type { Organisation } from '@lagverk/shared';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { api, launchBrowser, noBrowser, signedInPage, visit } from './support/browser.ts';

const navigationTexts = (page: Page) => page.getByRole('navigation', { name: /Hovedmeny|Hovudmeny|Main menu/ }).getByRole('link').allTextContents();
const htmlLang = (page: Page) => page.evaluate(() => document.documentElement.lang);

describe.skipIf(noBrowser)('interface language', () => {
  let browser: Browser;

  beforeAll(async () => {
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
  });

  test('the switcher changes the navigation from bokmål to nynorsk to English, and is remembered', async () => {
    const page = await signedInPage(browser, 'admin', null);
    await visit(page, '/units');
    expect(await htmlLang(page)).toBe('nb');
    expect((await navigationTexts(page)).map((text) => text.trim())).toEqual(expect.arrayContaining(['Hjem', 'Kartlegginger', 'Enheter', 'Personer']));

    await page.getByRole('button', { name: 'Nynorsk' }).click();
    await expect.poll(() => htmlLang(page)).toBe('nn');
    expect((await navigationTexts(page)).map((text) => text.trim())).toEqual(expect.arrayContaining(['Heim', 'Kartleggingar', 'Einingar', 'Personar']));
    expect(await page.locator('main h1').textContent()).toBe('Einingar');

    await page.getByRole('button', { name: 'English' }).click();
    await expect.poll(() => htmlLang(page)).toBe('en');
    expect((await navigationTexts(page)).map((text) => text.trim())).toEqual(expect.arrayContaining(['Home', 'Surveys', 'Units', 'People']));
    expect(await page.title()).toBe('Units – Lagverk');
    expect(await page.getByRole('button', { name: 'English' }).getAttribute('aria-pressed')).toBe('true');

    await page.reload();
    await page.locator('main h1').waitFor();
    expect(await htmlLang(page)).toBe('en');
    expect(await page.locator('main h1').textContent()).toBe('Units');
  });

  test('without a choice of their own, the user gets the organisation’s written standard', async () => {
    const current = await api<Organisation>('/organisations/current');
    const toNynorsk = await api<Organisation>('/organisations/current', { method: 'PATCH', ifMatch: current.body.version, body: { writtenStandard: 'nn' } });
    expect(toNynorsk.status).toBe(200);
    try {
      const page = await signedInPage(browser, 'admin', null);
      await visit(page, '/');
      await expect.poll(() => htmlLang(page)).toBe('nn');
      expect(await page.getByRole('link', { name: 'Kartleggingar', exact: true }).count()).toBe(1);
    } finally {
      await api('/organisations/current', { method: 'PATCH', ifMatch: toNynorsk.body.version, body: { writtenStandard: 'nb' } });
    }
  });
});
