import type { Unit } from '@lagverk/shared';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { api, launchBrowser, noBrowser, signedInPage, uncaughtErrors, visit } from './support/browser.ts';

describe.skipIf(noBrowser)('editing a unit that someone else changed meanwhile', () => {
  let browser: Browser;
  let page: Page;
  let unit: Unit;

  beforeAll(async () => {
    browser = await launchBrowser();
    page = await signedInPage(browser);
    const created = await api<Unit>('/units', {
      method: 'POST',
      body: { name: `Konfliktenheten ${Date.now()}`, kind: 'section', description: 'Opprinnelig beskrivelse' },
    });
    expect(created.status).toBe(201);
    unit = created.body;
  });
  afterAll(async () => {
    await browser?.close();
  });

  test('keeps the user’s input, explains the conflict, and saves after loading the latest version', async () => {
    await visit(page, `/units/${unit.id}/edit`);
    const name = page.getByLabel('Navn');
    await expect.poll(() => name.inputValue()).toBe(unit.name);

    // Another user saves first, behind the form's back.
    const other = await api<Unit>(`/units/${unit.id}`, {
      method: 'PATCH',
      ifMatch: unit.version,
      body: { name: 'Navn fra en annen', description: 'Beskrivelse fra en annen' },
    });
    expect(other.status).toBe(200);

    await name.fill('Navn fra skjemaet');
    await page.getByRole('button', { name: 'Lagre', exact: true }).click();

    const alert = page.getByRole('alert').filter({ hasText: 'Noen andre har endret dette' });
    await alert.waitFor();
    expect(page.url()).toContain(`/units/${unit.id}/edit`);
    expect(await name.inputValue()).toBe('Navn fra skjemaet');
    expect(await page.getByLabel('Beskrivelse').inputValue()).toBe('Opprinnelig beskrivelse');

    await alert.getByRole('button', { name: 'Hent nyeste versjon' }).click();
    // Both changed the name: the user's value stays, the other one is shown beside it.
    await page.getByText('Lagret av en annen: Navn fra en annen').waitFor();
    expect(await name.inputValue()).toBe('Navn fra skjemaet');
    expect(await name.getAttribute('aria-describedby')).toContain('unit-name-theirs');
    // Only the other user changed the description: it takes their value.
    expect(await page.getByLabel('Beskrivelse').inputValue()).toBe('Beskrivelse fra en annen');
    expect(await page.getByRole('alert').count()).toBe(0);

    await page.getByRole('button', { name: 'Lagre', exact: true }).click();
    await page.waitForURL(new RegExp(`/units/${unit.id}$`));
    await expect.poll(() => page.locator('main h1').textContent()).toBe('Navn fra skjemaet');

    const saved = await api<Unit>(`/units/${unit.id}`);
    expect(saved.body).toMatchObject({ name: 'Navn fra skjemaet', description: 'Beskrivelse fra en annen', version: unit.version + 2 });
    expect(uncaughtErrors(page)).toEqual([]);
  });
});
