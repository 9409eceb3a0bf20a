import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { Experience } from '@lagverk/shared';
import { api, axeViolations, describeViolations, launchBrowser, noBrowser, signedInPage, uncaughtErrors, visit } from './support/browser.ts';

// The experience library as its users meet it: an employee writes an experience, finds it
// again by searching another form of the word (the match highlighted), marks it useful and
// comments; the administrator shares it with the other municipalities, where it shows
// without the author's name. Every page passes axe.

async function expectAccessible(page: Page) {
  const violations = await axeViolations(page);
  expect(violations, describeViolations(violations)).toEqual([]);
}

describe.skipIf(noBrowser)('the experience library: write, search, mark useful, comment, share', () => {
  let browser: Browser;
  let member: Page;
  let admin: Page;
  const title = `Lærling i to virksomheter ${Date.now()}`;
  let experienceUrl = '';

  beforeAll(async () => {
    browser = await launchBrowser();
    member = await signedInPage(browser, 'member');
    admin = await signedInPage(browser, 'admin');
  });
  afterAll(async () => {
    await browser?.close();
  });

  test('an employee writes an experience', async () => {
    await visit(member, '/experiences/new');
    await expectAccessible(member);
    await member.getByLabel('Tittel').fill(title);
    await member.getByLabel('Hva vi prøvde').fill('Hver lærling hadde to veiledere fra hver sin virksomhet.');
    await member.getByLabel('Råd til andre').fill('Avtal veiledningstid før læretiden starter.');
    await member.getByLabel('Stikkord').fill('Lærlinger, veiledning');
    await member.getByRole('button', { name: 'Del erfaringen' }).click();
    await member.waitForURL(/\/experiences\/[0-9a-f-]{36}$/);
    experienceUrl = new URL(member.url()).pathname;
    await member.getByRole('heading', { level: 1, name: title }).waitFor();
  });

  test('searching "lærlinger" finds it, with the matching word marked', async () => {
    await visit(member, '/experiences');
    await member.getByLabel('Søk i erfaringer').fill('lærlinger');
    await member.getByRole('button', { name: 'Søk', exact: true }).click();
    const card = member.getByRole('listitem').filter({ has: member.getByRole('link', { name: title }) });
    await card.waitFor();
    expect(await card.getByRole('heading').locator('mark').first().textContent()).toBe('Lærling');
    await expectAccessible(member);
  });

  test('the employee marks it useful and comments', async () => {
    await visit(member, experienceUrl);
    const useful = member.getByRole('button', { name: 'Nyttig for meg' });
    await useful.click();
    await expect.poll(() => useful.getAttribute('aria-pressed')).toBe('true');
    await member.getByText('1 har funnet denne nyttig.').waitFor();
    await member.getByLabel('Skriv en kommentar').fill('Vi prøver dette i barnehagene også.');
    await member.getByRole('button', { name: 'Legg til kommentar' }).click();
    await member.getByRole('list', { name: 'Kommentarer' }).getByText('Vi prøver dette i barnehagene også.').waitFor();
    // The author may edit and delete their own experience (the API test covers others').
    expect(await member.getByRole('link', { name: 'Endre' }).count()).toBe(1);
    const saved = (await api<Experience>(experienceUrl, { as: 'member' })).body;
    expect(saved).toMatchObject({ usefulCount: 1, markedUseful: true, tags: ['lærlinger', 'veiledning'] });
    await expectAccessible(member);
  });

  test('the administrator shares it, and it shows among the good examples without the author', async () => {
    await visit(admin, experienceUrl);
    await admin.getByRole('heading', { name: 'Del som godt eksempel' }).waitFor();
    await admin.getByRole('button', { name: 'Del med andre kommuner' }).click();
    await admin.getByText('Erfaringen er delt med andre kommuner.').waitFor();
    await expectAccessible(admin);

    await visit(member, '/experiences/shared');
    const card = member.getByRole('listitem').filter({ has: member.getByRole('heading', { name: title }) });
    await card.waitFor();
    const text = await card.textContent();
    expect(text).toContain('Vår kommune');
    const { authorName } = (await api<Experience>(experienceUrl, { as: 'member' })).body;
    expect(authorName).toBeTruthy();
    expect(text).not.toContain(authorName!);
    await expectAccessible(member);
    expect(uncaughtErrors(member)).toEqual([]);
    expect(uncaughtErrors(admin)).toEqual([]);
  });
});
