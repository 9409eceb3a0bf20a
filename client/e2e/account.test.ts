import type { CurrentSession } from '@lagverk/shared';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { api, apiSignIn, demoPassword, launchBrowser, noBrowser, signedInPage, uncaughtErrors, visit } from './support/browser.ts';

// The chief executive's account is used here only: its password is changed and back.

describe.skipIf(noBrowser)('my account', () => {
  let browser: Browser;
  let page: Page;

  beforeAll(async () => {
    browser = await launchBrowser();
    page = await signedInPage(browser, 'chiefExecutive');
  });
  afterAll(async () => {
    await browser?.close();
  });

  const rows = () => page.locator('table tbody tr');

  test('lists this session and another; ending the other signs that one out', async () => {
    const other = await apiSignIn('chiefExecutive', 'Testnettleseren på møterommet');
    await visit(page, '/account');
    const me = await api<CurrentSession>('/auth/session', { as: other });
    expect(await page.locator('.facts').textContent()).toContain(me.body.account.email);

    const current = rows().filter({ hasText: 'Denne økten' });
    const otherRow = rows().filter({ hasText: 'Testnettleseren på møterommet' });
    await otherRow.waitFor();
    expect(await current.count()).toBe(1);
    expect(await current.textContent()).toContain('Chrome på Linux');
    // This session is ended with "Logg ut"; only the others have a button.
    expect(await current.getByRole('button').count()).toBe(0);

    await otherRow.getByRole('button', { name: /^Avslutt økten Testnettleseren på møterommet, sist brukt/ }).click();
    await page.getByRole('status').filter({ hasText: 'Økten i Testnettleseren på møterommet er avsluttet.' }).waitFor();
    await expect.poll(() => otherRow.count()).toBe(0);
    expect(await current.count()).toBe(1);
    await expect.poll(() => page.evaluate(() => document.activeElement?.id)).toBe('account-sessions-heading');
    expect((await api('/auth/session', { as: other })).status).toBe(401);
    expect((await page.context().request.get('/api/v1/auth/session')).status()).toBe(200);
    expect(uncaughtErrors(page)).toEqual([]);
  });

  test('changing the password checks the current one, then ends the other sessions', async () => {
    const other = await apiSignIn('chiefExecutive', 'Den andre nettleseren');
    await visit(page, '/account');
    const form = page.locator('form').filter({ has: page.getByRole('button', { name: 'Bytt passord' }) });
    const newPassword = 'nytt langt passord for rådmannen';

    // A repeat that differs is caught before anything is sent.
    await form.getByLabel('Nåværende passord').fill('ikke det riktige passordet');
    await form.getByLabel('Nytt passord', { exact: true }).fill(newPassword);
    await form.getByLabel('Gjenta det nye passordet').fill(`${newPassword}!`);
    await form.getByRole('button', { name: 'Bytt passord' }).click();
    await form.locator('.ds-error-summary').getByText('Gjenta det nye passordet: Passordene er ikke like.', { exact: false }).waitFor();

    // The server refuses a wrong current password, next to that field.
    await form.getByLabel('Gjenta det nye passordet').fill(newPassword);
    await form.getByRole('button', { name: 'Bytt passord' }).click();
    await form.locator('.ds-error-summary').getByText('Nåværende passord: Passordet er feil.').waitFor();
    expect(await form.getByLabel('Nåværende passord').getAttribute('aria-invalid')).toBe('true');
    expect((await api('/auth/session', { as: other })).status).toBe(200);

    await form.getByLabel('Nåværende passord').fill(demoPassword);
    await form.getByRole('button', { name: 'Bytt passord' }).click();
    await page.getByRole('status').filter({ hasText: 'Passordet er byttet.' }).waitFor();
    expect(await form.getByLabel('Nytt passord', { exact: true }).inputValue()).toBe('');
    expect((await api('/auth/session', { as: other })).status).toBe(401);
    await expect.poll(() => rows().count()).toBe(1);

    // Back to the demo password, so a second run finds the account as it was.
    const session = await page.context().request.get('/api/v1/auth/session');
    const { csrfToken } = (await session.json()) as CurrentSession;
    const back = await page.context().request.post('/api/v1/auth/password', {
      headers: { 'x-csrf-token': csrfToken },
      data: { currentPassword: newPassword, newPassword: demoPassword },
    });
    expect(back.status()).toBe(204);
    expect(uncaughtErrors(page)).toEqual([]);
  });
});
