import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { launchBrowser, noBrowser, signedInPage, uncaughtErrors, visit } from './support/browser.ts';

describe.skipIf(noBrowser)('creating a unit and a person through the web client', () => {
  let browser: Browser;
  let page: Page;
  const stamp = Date.now();
  const unitName = `Kvalitetsteamet ${stamp}`;
  const personName = `Ola Testmann ${stamp}`;
  let unitId = '';

  beforeAll(async () => {
    browser = await launchBrowser();
    page = await signedInPage(browser);
  });
  afterAll(async () => {
    await browser?.close();
  });

  test('an empty unit form explains what is missing next to the field', async () => {
    await visit(page, '/units/new');
    await page.getByRole('button', { name: 'Lagre', exact: true }).click();
    const name = page.getByLabel('Navn');
    await expect.poll(() => name.getAttribute('aria-invalid')).toBe('true');
    const describedBy = (await name.getAttribute('aria-describedby')) ?? '';
    expect(await page.locator(`[id="${describedBy.split(' ').pop()}"]`).textContent()).toContain('Fyll ut feltet.');
    expect(await page.locator('.ds-error-summary').textContent()).toContain('Type: Velg en type.');
  });

  test('a new unit is saved and shows up in the list', async () => {
    await page.getByLabel('Navn').fill(unitName);
    await page.getByLabel('Type').selectOption({ label: 'Virksomhet' });
    await page.getByLabel('Overordnet enhet').selectOption({ label: 'Helse og omsorg' });
    await page.getByLabel('Beskrivelse').fill('Forbedringsarbeid på tvers av avdelingene.');
    await page.getByRole('button', { name: 'Lagre', exact: true }).click();

    await page.waitForURL(/\/units\/[0-9a-f-]{36}$/);
    unitId = page.url().split('/').pop() ?? '';
    await expect.poll(() => page.locator('main h1').textContent()).toBe(unitName);
    expect(await page.getByRole('status').filter({ hasText: 'Endringene er lagret.' }).count()).toBe(1);
    expect(await page.getByRole('link', { name: 'Helse og omsorg' }).count()).toBeGreaterThan(0);

    await visit(page, `/units?q=${encodeURIComponent(unitName)}`);
    await page.getByRole('link', { name: unitName }).waitFor();
    expect(await page.locator('tbody tr').count()).toBe(1);
  });

  test('a new person with a bad email is told so, then saved in the new unit', async () => {
    await visit(page, '/people/new');
    await page.getByLabel('Navn').fill(personName);
    await page.getByLabel('E-post').fill('ola-uten-krollalfa');
    await page.getByRole('button', { name: 'Lagre', exact: true }).click();
    await page.getByText('Skriv en gyldig e-postadresse').first().waitFor();
    expect(await page.getByLabel('E-post').getAttribute('aria-invalid')).toBe('true');

    await page.getByLabel('E-post').fill(`ola.${stamp}@lagvik.kommune.no`);
    await page.getByLabel('Stilling').fill('Kvalitetsrådgiver');
    await page.getByLabel('Enhet').selectOption(unitId);
    await page.getByRole('button', { name: 'Lagre', exact: true }).click();

    await page.waitForURL(/\/people\/[0-9a-f-]{36}$/);
    await expect.poll(() => page.locator('main h1').textContent()).toBe(personName);
    expect(await page.getByRole('link', { name: unitName }).count()).toBe(1);

    await visit(page, `/people?q=${encodeURIComponent(personName)}`);
    const row = page.locator('tbody tr').filter({ hasText: personName });
    await row.waitFor();
    expect(await row.textContent()).toContain(unitName);

    await visit(page, `/units/${unitId}`);
    await page.getByRole('link', { name: personName }).waitFor();
    expect(uncaughtErrors(page)).toEqual([]);
  });
});
