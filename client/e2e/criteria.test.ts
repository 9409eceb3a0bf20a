import type { CriteriaSet } from '@lagverk/shared';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { api, launchBrowser, noBrowser, signedInPage, uncaughtErrors, visit } from './support/browser.ts';

describe.skipIf(noBrowser)('editing, publishing and revising a criteria set', () => {
  let browser: Browser;
  let page: Page;
  const name = `Evalueringskriterier ${Date.now()}`;
  let setId = '';

  beforeAll(async () => {
    browser = await launchBrowser();
    page = await signedInPage(browser);
  });
  afterAll(async () => {
    await browser?.close();
  });

  test('a draft is built row by row, with errors next to the criterion they belong to', async () => {
    await visit(page, '/criteria/new');
    await page.getByLabel('Bruk', { exact: true }).selectOption({ label: 'Evaluering' });
    await page.getByLabel('Navn').fill(name);
    await page.getByRole('button', { name: 'Lagre', exact: true }).click();
    // The first row's title is empty: the summary names the row, the field says why.
    await page.locator('.ds-error-summary').getByText('Kriterium 1, Kriterium: Fyll ut feltet.').waitFor();
    expect(await page.locator('[id="criteria-set-criteria-0-title"]').getAttribute('aria-invalid')).toBe('true');

    await page.locator('[id="criteria-set-criteria-0-title"]').fill('Brukerne er mer fornøyde');
    await page.locator('[id="criteria-set-criteria-0-answerType"]').selectOption({ label: 'Skala 1–5' });
    await page.getByRole('button', { name: 'Legg til kriterium' }).click();
    // The new row's title gets focus, so the user types straight into it.
    await expect.poll(() => page.evaluate(() => document.activeElement?.id)).toBe('criteria-set-criteria-1-title');
    await page.keyboard.type('Tid spart per sak');
    await page.locator('[id="criteria-set-criteria-1-answerType"]').selectOption({ label: 'Tall' });
    await page.locator('[id="criteria-set-criteria-1-unit"]').fill('timer per sak');
    await page.locator('[id="criteria-set-criteria-1-weight"]').fill('40');
    await page.locator('[id="criteria-set-criteria-1-required"]').check();
    await page.getByRole('button', { name: 'Flytt kriterium 2 opp' }).click();
    await page.getByRole('status').filter({ hasText: 'Kriteriet er flyttet til plass 1.' }).waitFor();
    await page.getByRole('button', { name: 'Lagre', exact: true }).click();
    await page.waitForURL(/\/criteria\/[0-9a-f-]{36}$/);
    setId = page.url().split('/').pop() ?? '';
    const saved = await api<CriteriaSet>(`/criteria-sets/${setId}`);
    expect(saved.body).toMatchObject({ name, kind: 'evaluation', status: 'draft' });
    expect(saved.body.criteria.map((c) => [c.title, c.answerType, c.unit, c.weight, c.required])).toEqual([
      ['Tid spart per sak', 'number', 'timer per sak', 40, true],
      ['Brukerne er mer fornøyde', 'scale', null, 1, false],
    ]);
  });

  test('publishing makes it read-only; revising opens the next version as a draft', async () => {
    await page.getByRole('button', { name: 'Publiser' }).click();
    await page.getByRole('status').filter({ hasText: 'Kriteriesettet er publisert.' }).waitFor();
    expect(await page.getByRole('link', { name: 'Endre' }).count()).toBe(0);

    await page.getByRole('button', { name: 'Lag ny versjon' }).click();
    await page.waitForURL(/\/criteria\/[0-9a-f-]{36}\/edit$/);
    const draftId = page.url().split('/').at(-2) ?? '';
    expect(draftId).not.toBe(setId);
    await expect.poll(() => page.getByLabel('Navn').inputValue()).toBe(name);
    const draft = await api<CriteriaSet>(`/criteria-sets/${draftId}`);
    expect(draft.body).toMatchObject({ status: 'draft', versionNumber: 2 });

    // A second revision of the same version is refused: one draft per series.
    await visit(page, `/criteria/${setId}`);
    await page.getByRole('button', { name: 'Lag ny versjon' }).click();
    await page.getByRole('alert').getByText('Det finnes allerede et utkast til neste versjon.').waitFor();
    expect(uncaughtErrors(page)).toEqual([]);
  });
});
