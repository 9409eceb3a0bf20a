import type { Account, Person } from '@lagverk/shared';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { api, baseUrl, launchBrowser, noBrowser, openPage, signedInPage, uncaughtErrors, visit } from './support/browser.ts';

// The administrator's pages: accounts, integration tokens and the audit trail.

const noAccessHeading = 'Du har ikke tilgang til denne siden';

/** A new person of the demo municipality, with an email to sign in with. */
async function newPerson(label: string): Promise<Person> {
  const stamp = `${Date.now()}${Math.floor(Math.random() * 1000)}`;
  const created = await api<Person>('/people', {
    method: 'POST',
    body: { name: `${label} ${stamp}`, email: `${label.toLowerCase()}.${stamp}@lagvik.kommune.no` },
  });
  expect(created.status).toBe(201);
  return created.body;
}

const withBearer = (secret: string, path: string) => fetch(`${baseUrl}/api/v1${path}`, { headers: { authorization: `Bearer ${secret}` } });

describe.skipIf(noBrowser)('administration', () => {
  let browser: Browser;
  let page: Page;

  beforeAll(async () => {
    browser = await launchBrowser();
    page = await signedInPage(browser, 'admin');
  });
  afterAll(async () => {
    await browser?.close();
  });

  test('an administrator gives a person an account and a password; the person signs in, and is signed out when it is deactivated', async () => {
    const person = await newPerson('Kontoprove');
    await visit(page, '/accounts/new');
    const form = page.locator('form');
    await form.getByLabel('Person', { exact: true }).selectOption({ label: person.name });
    // The email comes from the person; "Medarbeider" is ticked to begin with.
    await expect.poll(() => form.getByLabel('E-post').inputValue()).toBe(person.email);
    expect(await form.getByRole('checkbox', { name: 'Medarbeider' }).isChecked()).toBe(true);
    expect(await form.getByRole('checkbox', { name: 'Leder for enhet' }).count()).toBe(0);
    await form.getByRole('button', { name: 'Opprett kontoen' }).click();

    await page.waitForURL(/\/accounts\/[0-9a-f-]{36}$/);
    await page.getByRole('status').filter({ hasText: 'Endringene er lagret.' }).waitFor();
    const facts = page.locator('.facts').first();
    expect(await facts.textContent()).toContain('Ikke satt');
    expect(await facts.textContent()).toContain(person.email);

    // A password equal to the email's name is refused by the server, next to the field.
    const passwordForm = page.locator('form').filter({ has: page.getByRole('button', { name: 'Sett passordet' }) });
    const weak = person.email!.split('@')[0]!;
    await passwordForm.getByLabel('Nytt passord').fill(weak);
    await passwordForm.getByRole('button', { name: 'Sett passordet' }).click();
    await passwordForm.locator('.ds-error-summary').getByText('Nytt passord: Passordet er for vanlig', { exact: false }).waitFor();

    const password = 'fjord måke sykkel lykt';
    await passwordForm.getByLabel('Nytt passord').fill(password);
    await passwordForm.getByRole('button', { name: 'Sett passordet' }).click();
    await page.getByRole('status').filter({ hasText: 'Passordet er satt.' }).waitFor();
    await expect.poll(() => facts.textContent()).toContain('Satt');

    // The person signs in with it, through the form.
    const theirs = await openPage(browser);
    await visit(theirs, '/sign-in');
    await theirs.getByLabel('E-post', { exact: true }).fill(person.email!);
    await theirs.getByLabel('Passord', { exact: true }).fill(password);
    await theirs.getByRole('button', { name: 'Logg inn' }).click();
    await theirs.getByRole('group', { name: 'Brukeren din' }).getByText(person.name).waitFor();
    expect((await theirs.context().request.get('/api/v1/auth/session')).status()).toBe(200);

    // Deactivating asks first, says what it ends, and ends their session.
    await page.getByRole('button', { name: 'Deaktiver kontoen' }).click();
    const dialog = page.getByRole('dialog', { name: `Deaktivere kontoen til ${person.name}?` });
    await dialog.waitFor();
    expect(await dialog.textContent()).toContain('Alle øktene til kontoen avsluttes');
    await dialog.getByRole('button', { name: 'Deaktiver kontoen' }).click();
    await page.getByRole('status').filter({ hasText: 'Kontoen er deaktivert.' }).waitFor();
    expect((await theirs.context().request.get('/api/v1/auth/session')).status()).toBe(401);
    expect(uncaughtErrors(page)).toEqual([]);
    expect(uncaughtErrors(theirs)).toEqual([]);
  });

  test('the account list filters by role, and an administrator cannot deactivate their own account', async () => {
    await visit(page, '/accounts');
    await page.getByLabel('Rolle').selectOption({ label: 'Administrator' });
    await page.waitForURL(/role=administrator/);
    await expect.poll(() => page.locator('tbody tr').count()).toBe(1);
    await page.getByRole('link', { name: 'Ada Systemsen' }).click();
    await page.getByRole('heading', { name: 'Ada Systemsen', level: 1 }).waitFor();
    await page.getByText('Du kan ikke deaktivere din egen konto.').waitFor();
    expect(await page.getByRole('button', { name: 'Deaktiver kontoen' }).count()).toBe(0);

    // Nor take the administrator role from themselves: the server refuses, next to the roles.
    await page.getByRole('link', { name: 'Endre e-post og roller' }).click();
    await page.getByRole('heading', { name: 'Endre kontoen til Ada Systemsen' }).waitFor();
    const administrator = page.getByRole('checkbox', { name: 'Administrator' });
    await expect.poll(() => administrator.isChecked()).toBe(true);
    await administrator.uncheck();
    await page.getByRole('button', { name: 'Lagre', exact: true }).click();
    await page.locator('.ds-error-summary').getByText('Roller: Du kan ikke ta fra deg selv rollen Administrator.', { exact: false }).waitFor();
    expect(new URL(page.url()).pathname).toMatch(/\/edit$/);
    expect(uncaughtErrors(page)).toEqual([]);
  });

  test('an integration token: its secret is shown once, it works with the scopes given, and revoking it stops it', async () => {
    await page.context().grantPermissions(['clipboard-read', 'clipboard-write'], { origin: baseUrl });
    await visit(page, '/tokens/new');
    // Nothing filled in: both required parts are named.
    await page.getByRole('button', { name: 'Lag nøkkelen' }).click();
    const summary = page.locator('.ds-error-summary');
    await summary.getByText('Navn: Fyll ut feltet.').waitFor();
    await summary.getByText('Tilganger: Velg minst én tilgang.').waitFor();

    const name = `Testintegrasjon ${Date.now()}`;
    await page.getByLabel('Navn').fill(name);
    await page.getByRole('group', { name: 'Personer' }).getByLabel('Lese').check();
    await page.getByRole('button', { name: 'Lag nøkkelen' }).click();
    await page.getByRole('heading', { name: `Integrasjonsnøkkelen «${name}» er laget` }).waitFor();
    await page.getByText('Den vises ikke igjen').waitFor();
    const secretField = page.getByLabel('Nøkkel', { exact: true });
    expect(await secretField.getAttribute('readonly')).not.toBeNull();
    const secret = await secretField.inputValue();
    expect(secret.length).toBeGreaterThan(20);

    await page.getByRole('button', { name: 'Kopier nøkkelen' }).click();
    await page.getByRole('status').filter({ hasText: 'Nøkkelen er kopiert.' }).waitFor();
    expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(secret);

    // The token reads people; it was given nothing for units.
    expect((await withBearer(secret, '/people?limit=1')).status).toBe(200);
    expect((await withBearer(secret, '/units?limit=1')).status).toBe(403);

    // The list never shows the secret again.
    await page.getByRole('link', { name: 'Ferdig, tilbake til listen' }).click();
    await page.waitForURL(/\/tokens$/);
    const row = page.locator('tbody tr').filter({ hasText: name });
    await row.waitFor();
    expect(await page.locator('main').textContent()).not.toContain(secret);
    expect(await row.textContent()).toContain('Personer: Lese');
    expect(await row.textContent()).toContain('Ada Systemsen');
    expect(await row.textContent()).toContain('Aktiv');

    await row.getByRole('button', { name: `Trekk tilbake «${name}»` }).click();
    const dialog = page.getByRole('dialog', { name: `Trekke tilbake «${name}»?` });
    await dialog.waitFor();
    await dialog.getByRole('button', { name: 'Trekk tilbake' }).click();
    await page.getByRole('status').filter({ hasText: `Nøkkelen «${name}» er trukket tilbake.` }).waitFor();
    await expect.poll(() => row.textContent()).toContain('Trukket tilbake');
    expect((await withBearer(secret, '/people?limit=1')).status).toBe(401);
    expect(uncaughtErrors(page)).toEqual([]);
  });

  test('the audit trail shows an account created by the administrator, with the changed fields', async () => {
    const person = await newPerson('Loggprove');
    const account = await api<Account>('/accounts', {
      method: 'POST',
      body: { personId: person.id, email: person.email, roles: ['member', 'hr'], password: 'et langt og godt passord' },
    });
    expect(account.status).toBe(201);

    await visit(page, '/audit');
    await page.getByLabel('Hva').selectOption({ label: 'Konto' });
    await page.waitForURL(/entity=accounts/);
    const row = page.locator('tbody tr').filter({ has: page.getByRole('link', { name: account.body.id }) });
    await row.waitFor();
    expect(await row.getByRole('cell').nth(1).textContent()).toBe('Ada Systemsen');
    expect(await row.getByRole('cell').nth(2).textContent()).toBe('Konto opprettet');
    // Newest first: the account just created is the top row (once the filtered list is in).
    await expect.poll(() => page.locator('tbody tr').first().textContent()).toContain(account.body.id);

    await row.getByText(/^Vis \d+ felt$/).click();
    const changes = row.locator('dl');
    await changes.waitFor();
    const text = await changes.textContent();
    expect(text).toContain(`E-post${person.email}`);
    expect(text).toContain('RollerMedarbeider, HR');
    expect(text).toContain('Passordendret (skjult)');
    expect(text).not.toContain('argon2');

    await row.getByRole('link', { name: account.body.id }).click();
    await page.getByRole('heading', { name: person.name, level: 1 }).waitFor();
    expect(uncaughtErrors(page)).toEqual([]);
  });

  test('a member sees no administration pages and gets the no-access page at their addresses', async () => {
    const member = await signedInPage(browser, 'member');
    await visit(member, '/');
    const links = (await member.getByRole('navigation', { name: 'Hovedmeny' }).getByRole('link').allTextContents()).map((text) => text.trim());
    for (const hidden of ['Kontoer', 'Integrasjonsnøkler', 'Endringslogg']) expect(links).not.toContain(hidden);

    for (const path of ['/accounts', '/tokens', '/audit']) {
      await visit(member, path);
      expect(await member.locator('main h1').textContent()).toBe(noAccessHeading);
    }
    expect(uncaughtErrors(member)).toEqual([]);

    // The administrator has all three under "Administrasjon".
    await visit(page, '/');
    const admin = page.getByRole('navigation', { name: 'Hovedmeny' }).getByRole('list', { name: 'Administrasjon' });
    for (const shown of ['Kontoer', 'Integrasjonsnøkler', 'Endringslogg']) expect(await admin.getByRole('link', { name: shown }).count()).toBe(1);
  });
});
