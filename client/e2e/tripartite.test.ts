import type { TripartiteAgreement } from '@lagverk/shared';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { api, axeViolations, describeViolations, launchBrowser, noBrowser, signedInPage, uncaughtErrors, visit } from './support/browser.ts';

// Tripartite agreements with their history: the chief union representative writes
// version 2 of an agreement after the workshop; a politician reads the history and
// compares version 1 with version 2, where the changes are marked for eye and ear.

async function expectAccessible(page: Page) {
  const violations = await axeViolations(page);
  expect(violations, describeViolations(violations)).toEqual([]);
}

describe.skipIf(noBrowser)('tripartite agreements: a representative writes version 2, a politician compares', () => {
  let browser: Browser;
  let representative: Page;
  let politician: Page;
  const title = `Avtale om møteplan ${Date.now()}`;
  let agreement: TripartiteAgreement;

  beforeAll(async () => {
    browser = await launchBrowser();
    representative = await signedInPage(browser, 'representative');
    politician = await signedInPage(browser, 'politician');
    const created = await api<TripartiteAgreement>('/tripartite-agreements', {
      method: 'POST', as: 'hr', body: { title, body: 'Partene møtes ved behov.\n\nReferat sendes til alle.', changeNote: 'Første utkast.' },
    });
    expect(created.status).toBe(201);
    agreement = created.body;
  });
  afterAll(async () => {
    await browser?.close();
  });

  test('the representative writes version 2 from the current text', async () => {
    await visit(representative, `/tripartite-agreements/${agreement.id}`);
    await representative.getByRole('link', { name: 'Skriv ny versjon' }).click();
    await representative.waitForURL(/\/versions\/new$/);
    const body = representative.getByLabel('Avtaletekst');
    await expect.poll(() => body.inputValue()).toContain('Partene møtes ved behov.');
    await body.fill('Partene møtes to ganger i halvåret.\n\nReferat sendes til alle.');
    await representative.getByLabel('Hva er endret').fill('Fast møteplan.');
    await representative.getByLabel('Dato for enighet').fill('2026-03-12');
    for (const party of ['politikerne', 'administrasjonen', 'de tillitsvalgte']) await representative.getByLabel(party).check();
    await expectAccessible(representative);
    await representative.getByRole('button', { name: 'Lagre ny versjon' }).click();

    await representative.waitForURL(new RegExp(`/tripartite-agreements/${agreement.id}$`));
    await representative.getByText('Versjon 2 av 2').waitFor();
    const saved = (await api<TripartiteAgreement>(`/tripartite-agreements/${agreement.id}`)).body;
    expect(saved.current).toMatchObject({ number: 2, agreedOn: '2026-03-12', agreedBy: ['politicians', 'administration', 'unions'], changeNote: 'Fast møteplan.' });
    expect(saved.current.authorName).toBeTruthy();
    expect(uncaughtErrors(representative)).toEqual([]);
  });

  test('the politician finds it, reads the history and compares version 1 with version 2', async () => {
    await visit(politician, '/tripartite-agreements');
    await politician.getByRole('link', { name: title }).click();
    const history = politician.getByRole('region', { name: 'Versjonshistorikk' });
    await history.getByText('Fast møteplan.').waitFor();
    await history.getByText('Første utkast.').waitFor();
    // Reading, not writing.
    expect(await politician.getByRole('link', { name: 'Skriv ny versjon' }).count()).toBe(0);
    await expectAccessible(politician);

    await politician.getByLabel('Fra versjon').selectOption({ label: 'Versjon 1' });
    await politician.getByLabel('Til versjon').selectOption({ label: 'Versjon 2' });
    await politician.getByRole('button', { name: 'Sammenlign' }).click();
    await politician.waitForURL(/\/compare\?from=1&to=2$/);
    const diff = politician.getByTestId('tripartite-diff');
    await expect.poll(() => diff.locator('ins').allTextContents()).toEqual([expect.stringContaining('to ganger i halvåret')]);
    expect(await diff.locator('del').allTextContents()).toEqual([expect.stringContaining('ved behov')]);
    // What the eye sees as colour, a screen reader hears as words.
    expect(await diff.locator('ins .ds-sr-only').first().textContent()).toBe('Lagt til: ');
    await expectAccessible(politician);
    expect(uncaughtErrors(politician)).toEqual([]);
  });
});
