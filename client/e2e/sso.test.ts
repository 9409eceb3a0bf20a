import type { IdentityProvider } from '@lagverk/shared';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
// The API tests' real OpenID Connect provider (oidc-provider), started here on another
// loopback port: the browser goes to it and back, as it would to Entra ID or Feide.
import { confidentialClient, startIdentityProvider, type TestIdentityProvider } from '../../server/test/support/identity-provider.ts';
import {
  api, axeViolations, baseUrl, demoAccounts, describeViolations, launchBrowser, noBrowser, openPage, signedInPage, uncaughtErrors, visit,
} from './support/browser.ts';

describe.skipIf(noBrowser)('single sign-on in the browser', () => {
  let browser: Browser;
  let idp: TestIdentityProvider;
  let provider: IdentityProvider;

  beforeAll(async () => {
    browser = await launchBrowser();
    idp = await startIdentityProvider(`${baseUrl}/api/v1/auth/oidc/callback`);
    const created = await api<IdentityProvider>('/identity-providers', {
      method: 'POST',
      body: { name: 'Lagvik Entra ID', issuer: idp.issuer, clientId: confidentialClient.clientId, clientSecret: confidentialClient.clientSecret, matchBy: 'email' },
    });
    expect(created.status).toBe(201);
    provider = created.body;
  });
  afterAll(async () => {
    // Other tests look at the sign-in page: it offers no provider that is gone.
    if (provider) await api(`/identity-providers/${provider.id}`, { method: 'DELETE', ifMatch: provider.version });
    await browser?.close();
    await idp?.close();
  });

  /** Fills in the provider's own login and consent forms. */
  async function signInAtProvider(page: Page, login: string) {
    await page.locator('input[name="login"]').fill(login);
    await page.locator('input[name="password"]').fill('hva som helst');
    await page.locator('button[type="submit"]').click();
    await page.locator('input[name="prompt"][value="consent"]').waitFor({ state: 'attached' });
    await page.locator('button[type="submit"]').click();
  }

  test('a person signs in with the municipality\'s provider and lands on the page they asked for', async () => {
    idp.users.set('ansatt', { email: demoAccounts.member, email_verified: true });
    const page = await openPage(browser);
    await page.goto('/teams');
    await page.waitForURL(/\/sign-in\?redirect=(%2F|\/)teams$/);
    const button = page.getByRole('link', { name: 'Logg inn med Lagvik Entra ID' });
    await button.waitFor();
    const violations = await axeViolations(page);
    expect(violations, describeViolations(violations)).toEqual([]);

    await button.click();
    await page.waitForURL((url) => url.origin === idp.issuer);
    await signInAtProvider(page, 'ansatt');
    await page.waitForURL(`${baseUrl}/teams`);
    await page.getByRole('heading', { level: 1, name: 'Arbeidslag' }).waitFor();
    const session = await page.context().request.get('/api/v1/auth/session');
    expect(((await session.json()) as { account: { email: string } }).account.email).toBe(demoAccounts.member);
    expect(uncaughtErrors(page)).toEqual([]);
  });

  test('someone the provider knows but Lagverk does not is told so on the sign-in page', async () => {
    idp.users.set('ukjend', { email: 'ukjend@example.org', email_verified: true });
    const page = await openPage(browser);
    await page.goto('/sign-in');
    await page.getByRole('link', { name: 'Logg inn med Lagvik Entra ID' }).click();
    await signInAtProvider(page, 'ukjend');
    await page.waitForURL(/\/sign-in\?error=sso-no-account/);
    await page.getByRole('alert').filter({ hasText: 'ingen aktiv konto i Lagverk hører til deg' }).waitFor();
    const violations = await axeViolations(page);
    expect(violations, describeViolations(violations)).toEqual([]);
    expect((await page.context().request.get('/api/v1/auth/session')).status()).toBe(401);
  });

  test('the administration pages have no accessibility violations, and a wrong issuer is said at the field', async () => {
    const page = await signedInPage(browser);
    for (const path of ['/single-sign-on', `/single-sign-on/${provider.id}`, '/single-sign-on/new']) {
      await visit(page, path);
      const violations = await axeViolations(page);
      expect(violations, `${path}: ${describeViolations(violations)}`).toEqual([]);
    }
    await page.getByLabel('Navn på knappen').fill('Feil adresse');
    await page.getByLabel('Utsteder (issuer)').fill(`${idp.issuer}/finst-ikkje`);
    await page.getByLabel('Klient-ID').fill('lagverk');
    await page.getByRole('button', { name: 'Legg til' }).click();
    await page.locator('.ds-error-summary').getByText('Fant ikke innloggingstjenesten på denne adressen', { exact: false }).waitFor();
    const violations = await axeViolations(page);
    expect(violations, describeViolations(violations)).toEqual([]);
    expect(uncaughtErrors(page)).toEqual([]);
  });
});
