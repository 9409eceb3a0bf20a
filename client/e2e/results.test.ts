import { readFileSync } from 'node:fs';
import type { ResultAttachmentList, TeamPage, TeamResult, TeamResultPage } from '@lagverk/shared';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { api, launchBrowser, noBrowser, signedInPage, uncaughtErrors, visit } from './support/browser.ts';

describe.skipIf(noBrowser)("recording a team's results through the web client", () => {
  let browser: Browser;
  let page: Page;
  let teamId = '';
  const title = `Ny intervjuguide ${Date.now()}`;
  const renamed = `${title} (revidert)`;
  const form = () => page.locator('form.result-form');
  const card = (name: string) => page.locator('.result-card').filter({ has: page.getByRole('heading', { name, exact: true }) });
  const savedResult = async () => (await api<TeamResultPage>(`/teams/${teamId}/results?limit=200`)).body.items.find((r) => r.title.startsWith(title));

  beforeAll(async () => {
    browser = await launchBrowser();
    page = await signedInPage(browser);
    // The demo municipality seeds this team as active.
    const teams = await api<TeamPage>(`/teams?status=active&q=${encodeURIComponent('Arbeidslag for lærlinger')}`);
    teamId = teams.body.items[0]!.id;
  });
  afterAll(async () => {
    await browser?.close();
  });

  test('adding a result with a measure and a link lists it with the change', async () => {
    await visit(page, `/teams/${teamId}`);
    await page.getByRole('heading', { name: 'Resultater' }).waitFor();
    await page.getByRole('button', { name: 'Legg til resultat' }).click();

    // Nothing filled in: the summary names the missing fields and each field is marked.
    await form().getByRole('button', { name: 'Lagre resultatet' }).click();
    await page.locator('.ds-error-summary').waitFor();
    expect(await form().getByLabel('Tittel').getAttribute('aria-invalid')).toBe('true');
    expect(await form().getByLabel('Kategori').getAttribute('aria-invalid')).toBe('true');

    await form().getByLabel('Tittel').fill(title);
    await form().getByLabel('Beskrivelse').fill('Felles spørsmål for alle virksomhetene.');
    await form().getByLabel('Kategori').selectOption({ label: 'Endret rutine eller arbeidsprosess' });
    await form().getByLabel('Dato').fill('2026-03-01');
    await form().getByRole('button', { name: 'Legg til måling' }).click();
    // The new row's first field gets focus, so keyboard users can type straight away.
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('result-measures-0-label');
    await form().getByLabel('Hva ble målt').fill('Ventetid fra søknad til intervju');
    await form().getByLabel('Enhet', { exact: true }).fill('dager');
    await form().getByLabel('Før').fill('42');
    await form().getByLabel('Etter').fill('14');
    await form().getByRole('button', { name: 'Legg til lenke' }).click();
    await form().getByLabel('Lenketekst').fill('Intervjuguiden');
    await form().getByLabel('Adresse').fill('ikke en adresse');
    await form().getByRole('button', { name: 'Lagre resultatet' }).click();
    await form().getByText('Skriv en hel adresse som begynner med https://').first().waitFor();
    await form().getByLabel('Adresse').fill('https://lagvik.kommune.no/larling/intervjuguide');
    await form().getByRole('button', { name: 'Lagre resultatet' }).click();

    await page.getByRole('status').filter({ hasText: `«${title}» er lagt til.` }).waitFor();
    expect(await form().count()).toBe(0);
    const shown = card(title);
    expect(await shown.locator('.ds-tag').textContent()).toBe('Endret rutine eller arbeidsprosess');
    const row = shown.getByRole('row', { name: /Ventetid fra søknad til intervju/ });
    const cells = (await row.locator('td').allTextContents()).map((text) => text.replace(/\s/g, ' '));
    expect(cells).toEqual(['42 dager', '→ 14 dager', '\u221228 dager']);
    expect(await shown.getByRole('link', { name: 'Intervjuguiden' }).getAttribute('href')).toBe('https://lagvik.kommune.no/larling/intervjuguide');

    expect(await savedResult()).toMatchObject({
      title, category: 'routineChange', achievedOn: '2026-03-01',
      measures: [{ label: 'Ventetid fra søknad til intervju', unit: 'dager', before: 42, after: 14 }],
      links: [{ title: 'Intervjuguiden', url: 'https://lagvik.kommune.no/larling/intervjuguide' }],
    });
  });

  test('editing keeps the input when someone else saved in between, then saves both changes', async () => {
    await card(title).getByRole('button', { name: `Endre «${title}»` }).click();
    await form().getByLabel('Tittel').fill(renamed);

    // Another user changes the description while this form is open.
    const before = (await savedResult())!;
    const other = await api<TeamResult>(`/teams/${teamId}/results/${before.id}`, { method: 'PATCH', body: { description: 'Tatt i bruk i alle virksomheter.' }, ifMatch: before.version });
    expect(other.status).toBe(200);

    await form().getByRole('button', { name: 'Lagre resultatet' }).click();
    await page.getByRole('alert').filter({ hasText: 'Noen andre har endret dette' }).waitFor();
    expect(await form().getByLabel('Tittel').inputValue()).toBe(renamed);
    await page.getByRole('button', { name: 'Hent nyeste versjon' }).click();
    // The description the user did not touch takes the other user's value.
    await expect.poll(() => form().getByLabel('Beskrivelse').inputValue()).toBe('Tatt i bruk i alle virksomheter.');
    await form().getByRole('button', { name: 'Lagre resultatet' }).click();

    await page.getByRole('status').filter({ hasText: `«${renamed}» er lagret.` }).waitFor();
    await card(renamed).getByText('Tatt i bruk i alle virksomheter.').waitFor();
    expect(await savedResult()).toMatchObject({ title: renamed, description: 'Tatt i bruk i alle virksomheter.', version: other.body.version + 1 });
  });

  test('deleting asks first, then removes the result', async () => {
    await card(renamed).getByRole('button', { name: `Slett «${renamed}»` }).click();
    const dialog = page.getByRole('dialog', { name: 'Slette resultatet?' });
    await dialog.waitFor();
    // Cancelling keeps it.
    await dialog.getByRole('button', { name: 'Avbryt' }).click();
    await expect.poll(() => dialog.isVisible()).toBe(false);
    expect(await savedResult()).toBeDefined();

    await card(renamed).getByRole('button', { name: `Slett «${renamed}»` }).click();
    await dialog.getByRole('button', { name: 'Slett resultatet' }).click();
    await page.getByRole('status').filter({ hasText: `«${renamed}» er slettet.` }).waitFor();
    await expect.poll(() => card(renamed).count()).toBe(0);
    expect(await savedResult()).toBeUndefined();
    expect(uncaughtErrors(page)).toEqual([]);
  });

  test('a proposed team offers no result form', async () => {
    const proposed = await api<TeamPage>('/teams?status=proposed&limit=1');
    await visit(page, `/teams/${proposed.body.items[0]!.id}`);
    await page.getByText('Resultater kan registreres når laget er godkjent.').waitFor();
    expect(await page.getByRole('button', { name: 'Legg til resultat' }).count()).toBe(0);
  });
});

describe.skipIf(noBrowser)("attaching files to a team's result through the web client", () => {
  let browser: Browser;
  let page: Page;
  let teamId = '';
  const resultTitle = 'Felles mal for opplæringsplaner';
  const pdf = Buffer.from(`%PDF-1.7\n% Intervjuguide for lærlinger ${Date.now()}\n%%EOF\n`, 'utf8');
  const card = () => page.locator('.result-card').filter({ has: page.getByRole('heading', { name: resultTitle, exact: true }) });
  const attachments = () => card().getByRole('region', { name: 'Vedlegg' });

  beforeAll(async () => {
    browser = await launchBrowser();
    // The coordinator of the apprentice team: results:write reaches only the teams they run.
    page = await signedInPage(browser, 'coordinator');
    const teams = await api<TeamPage>(`/teams?status=active&q=${encodeURIComponent('Arbeidslag for lærlinger')}`);
    teamId = teams.body.items[0]!.id;
  });
  afterAll(async () => {
    await browser?.close();
  });

  test('the demo training plan is listed with its type and size, and downloads', async () => {
    await visit(page, `/teams/${teamId}`);
    const link = attachments().getByRole('link', { name: 'Opplæringsplan – mal.txt' });
    await link.waitFor();
    expect(await attachments().locator('li').first().textContent()).toMatch(/\(tekst, \d+ B\)/);
    const [download] = await Promise.all([page.waitForEvent('download'), link.click()]);
    expect(download.suggestedFilename()).toBe('Opplæringsplan – mal.txt');
    expect(readFileSync((await download.path())!, 'utf8')).toContain('Opplæringsplan for lærlinger i Lagvik kommune');
  });

  test('a program renamed to .pdf is refused at the file picker, which says why', async () => {
    const picker = attachments().getByLabel('Legg ved en fil');
    await picker.setInputFiles({ name: 'Intervjuguide.pdf', mimeType: 'application/pdf', buffer: Buffer.from('MZ\u0090\u0000\u0003\u0000 This program cannot be run in DOS mode.', 'latin1') });
    await attachments().getByRole('button', { name: 'Last opp filen' }).click();
    await attachments().getByText('Innholdet i filen stemmer ikke med filtypen.', { exact: false }).waitFor();
    expect(await picker.getAttribute('aria-invalid')).toBe('true');
    expect(await page.evaluate(() => document.activeElement?.getAttribute('type'))).toBe('file');
  });

  test('uploading a PDF lists it, and its link downloads the very same bytes', async () => {
    await attachments().getByLabel('Legg ved en fil').setInputFiles({ name: 'Intervjuguide.pdf', mimeType: 'application/pdf', buffer: pdf });
    await attachments().getByRole('button', { name: 'Last opp filen' }).click();
    await page.getByRole('status').filter({ hasText: '«Intervjuguide.pdf» er lagt ved.' }).waitFor();
    const link = attachments().getByRole('link', { name: 'Intervjuguide.pdf' });
    const item = attachments().locator('li').filter({ has: page.getByRole('link', { name: 'Intervjuguide.pdf' }) });
    expect(await item.textContent()).toContain(`(PDF, ${pdf.length} B)`);
    expect(await attachments().getByLabel('Legg ved en fil').getAttribute('aria-invalid')).toBeNull();

    const [download] = await Promise.all([page.waitForEvent('download'), link.click()]);
    expect(download.suggestedFilename()).toBe('Intervjuguide.pdf');
    expect(readFileSync((await download.path())!).equals(pdf)).toBe(true);

    const results = await api<TeamResultPage>(`/teams/${teamId}/results?limit=200`);
    const result = results.body.items.find((r) => r.title === resultTitle)!;
    const stored = await api<ResultAttachmentList>(`/teams/${teamId}/results/${result.id}/attachments`);
    expect(stored.body.items.map((a) => a.fileName)).toContain('Intervjuguide.pdf');
  });

  test('deleting an attachment asks first, then removes it', async () => {
    await attachments().getByRole('button', { name: 'Slett vedlegget «Intervjuguide.pdf»' }).click();
    const dialog = page.getByRole('dialog', { name: 'Slette vedlegget?' });
    await dialog.waitFor();
    await dialog.getByRole('button', { name: 'Slett vedlegget' }).click();
    await page.getByRole('status').filter({ hasText: '«Intervjuguide.pdf» er slettet.' }).waitFor();
    await expect.poll(() => attachments().getByRole('link', { name: 'Intervjuguide.pdf' }).count()).toBe(0);
    await expect.poll(() => page.evaluate(() => document.activeElement?.textContent)).toBe('Vedlegg');
    expect(uncaughtErrors(page)).toEqual([]);
  });

  test('a member sees the files but no way to add or remove them', async () => {
    const member = await signedInPage(browser, 'member');
    await visit(member, `/teams/${teamId}`);
    const region = member.locator('.result-card').filter({ has: member.getByRole('heading', { name: resultTitle, exact: true }) }).getByRole('region', { name: 'Vedlegg' });
    await region.getByRole('link', { name: 'Opplæringsplan – mal.txt' }).waitFor();
    expect(await region.getByLabel('Legg ved en fil').count()).toBe(0);
    expect(await region.getByRole('button').count()).toBe(0);
  });
});
