import type { CurrentSession, SessionList } from '@lagverk/shared';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { api, apiSignIn, launchBrowser, noBrowser, openPage, signedInPage, signInWithForm, uncaughtErrors, visit } from './support/browser.ts';

const sessionStatus = async (page: Page) => (await page.context().request.get('/api/v1/auth/session')).status();
const onSignInPage = (page: Page) => page.waitForURL((url) => url.pathname === '/sign-in');
const query = (page: Page) => Object.fromEntries(new URL(page.url()).searchParams);

describe.skipIf(noBrowser)('signing in and out', () => {
  let browser: Browser;

  beforeAll(async () => {
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
  });

  test('a signed-out visitor is sent to sign in; an empty form says what is missing', async () => {
    const page = await openPage(browser);
    await visit(page, '/units');
    await onSignInPage(page);
    expect(query(page)).toEqual({ redirect: '/units' });
    expect(await page.locator('main h1').textContent()).toBe('Logg inn i Lagverk');
    // The demo installation serves one municipality: nothing to choose.
    expect(await page.getByLabel('Kommune').count()).toBe(0);
    expect(await page.getByRole('navigation', { name: 'Hovedmeny' }).count()).toBe(0);

    await page.getByRole('button', { name: 'Logg inn' }).click();
    const summary = page.locator('.ds-error-summary');
    await summary.waitFor();
    expect(await summary.textContent()).toContain('E-post: Fyll ut feltet.');
    expect(await summary.textContent()).toContain('Passord: Fyll ut feltet.');
    await expect.poll(() => summary.evaluate((el) => el === document.activeElement)).toBe(true);
    expect(await page.getByLabel('Passord', { exact: true }).getAttribute('aria-invalid')).toBe('true');
  });

  test('a wrong password is refused with one message for both fields', async () => {
    const page = await openPage(browser);
    await signInWithForm(page, 'member', 'dette er ikke passordet');
    const alert = page.getByRole('alert').filter({ hasText: 'E-postadressen eller passordet er feil.' });
    await alert.waitFor();
    expect(new URL(page.url()).pathname).toBe('/sign-in');
    expect(await sessionStatus(page)).toBe(401);
    expect(uncaughtErrors(page)).toEqual([]);
  });

  test('signing in through the form returns to the page asked for; signing out ends the session', async () => {
    const hr = await api<CurrentSession>('/auth/session', { as: 'hr' });
    const page = await openPage(browser);
    await visit(page, '/units?q=Helse');
    await onSignInPage(page);
    await signInWithForm(page, 'hr');
    await page.waitForURL(/\/units\?q=Helse$/);
    await expect.poll(() => page.locator('main h1').textContent()).toBe('Enheter');
    const user = page.getByRole('group', { name: 'Brukeren din' });
    expect(await user.textContent()).toContain(hr.body.account.name);
    expect(await sessionStatus(page)).toBe(200);

    await user.getByRole('button', { name: 'Logg ut' }).click();
    await onSignInPage(page);
    expect(query(page)).toEqual({ reason: 'signed-out' });
    await page.getByRole('status').filter({ hasText: 'Du er logget ut.' }).waitFor();
    expect(await sessionStatus(page)).toBe(401);
    await visit(page, '/people');
    await onSignInPage(page);
    expect(query(page)).toEqual({ redirect: '/people' });
    expect(uncaughtErrors(page)).toEqual([]);
  });

  test('a session ended elsewhere sends the user to sign in, and back to their page afterwards', async () => {
    const page = await signedInPage(browser, 'representative');
    await visit(page, '/units');
    // The same person ends the browser's session from another device.
    const elsewhere = await apiSignIn('representative');
    const sessions = await api<SessionList>('/auth/sessions', { as: elsewhere });
    for (const session of sessions.body.items.filter((s) => !s.current)) {
      expect((await api(`/auth/sessions/${session.id}`, { method: 'DELETE', as: elsewhere })).status).toBe(204);
    }

    await page.getByRole('navigation', { name: 'Hovedmeny' }).getByRole('link', { name: 'Personer' }).click();
    await onSignInPage(page);
    expect(query(page)).toEqual({ redirect: '/people', reason: 'session-ended' });
    await page.getByRole('status').filter({ hasText: 'Økten din er avsluttet' }).waitFor();
    await signInWithForm(page, 'representative');
    await page.waitForURL(/\/people$/);
    await expect.poll(() => page.locator('main h1').textContent()).toBe('Personer');
    expect(uncaughtErrors(page)).toEqual([]);
  });
});
