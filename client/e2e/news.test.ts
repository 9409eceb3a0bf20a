import type { NewsItem, NewsPage } from '@lagverk/shared';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { api, axeViolations, describeViolations, launchBrowser, noBrowser, signedInPage, uncaughtErrors, visit } from './support/browser.ts';

// The communication part of the issue: HR writes an announcement and publishes it; an
// employee finds it at the top of the home page, with the latest news and the showcase
// of teams and their results.

async function expectAccessible(page: Page) {
  const violations = await axeViolations(page);
  expect(violations, describeViolations(violations)).toEqual([]);
}

describe.skipIf(noBrowser)('news: HR publishes an announcement, an employee sees it on the home page', () => {
  let browser: Browser;
  let hr: Page;
  let member: Page;
  const title = `Nettverksmøte for koordinatorer ${Date.now()}`;
  let itemId = '';

  beforeAll(async () => {
    browser = await launchBrowser();
    hr = await signedInPage(browser, 'hr');
    member = await signedInPage(browser, 'member');
  });
  afterAll(async () => {
    await browser?.close();
  });

  test('HR writes a pinned announcement as a draft and publishes it', async () => {
    await visit(hr, '/news/new');
    await hr.getByLabel('Type').selectOption({ label: 'Kunngjøring' });
    await hr.getByLabel('Tittel').fill(title);
    await hr.getByLabel('Tekst').fill('Alle koordinatorer inviteres til nettverksmøte.\n\nMeld dere på hos HR innen fredag.');
    await hr.getByLabel('Fest øverst').check();
    await expectAccessible(hr);
    await hr.getByRole('button', { name: 'Lagre utkast' }).click();

    await hr.waitForURL(/\/news\/[0-9a-f-]{36}$/);
    itemId = hr.url().split('/').at(-1) ?? '';
    const publishing = hr.getByRole('region', { name: 'Publisering' });
    await publishing.getByText('Saken er et utkast.').waitFor();
    // A draft is not for the staff yet.
    expect((await api<NewsPage>('/news?kind=announcement&limit=200', { as: 'member' })).body.items.map((n) => n.id)).not.toContain(itemId);

    await publishing.getByRole('button', { name: 'Publiser nå' }).click();
    await hr.getByRole('status').filter({ hasText: 'Saken er publisert.' }).waitFor();
    expect((await api<NewsItem>(`/news/${itemId}`)).body).toMatchObject({ kind: 'announcement', pinned: true, status: 'published' });
    await expectAccessible(hr);
    expect(uncaughtErrors(hr)).toEqual([]);
  });

  test('an employee sees it at the top of the home page, with the showcase, and reads it', async () => {
    await visit(member, '/');
    const announcements = member.getByRole('region', { name: 'Kunngjøringer' });
    await announcements.getByRole('link', { name: title }).waitFor();
    await member.getByRole('region', { name: 'Nyheter', exact: true }).getByRole('link', { name: 'Alle nyheter og kunngjøringer' }).waitFor();
    const showcase = member.getByRole('region', { name: 'Arbeidslag og resultater' });
    await showcase.getByText('Siste resultat').first().waitFor();
    expect(await showcase.locator('li h3 a[href^="/teams/"]').count()).toBeGreaterThan(0);
    await expectAccessible(member);

    await announcements.getByRole('link', { name: title }).click();
    await member.waitForURL(new RegExp(`/news/${itemId}$`));
    await member.getByText('Meld dere på hos HR innen fredag.').waitFor();
    expect(await member.locator('main .news-body p').count()).toBe(2);
    // Writing is for editors: no buttons for the employee.
    expect(await member.getByRole('button', { name: /Publiser|Slett|Gjør til utkast/ }).count()).toBe(0);
    await expectAccessible(member);

    await visit(member, '/news');
    await member.getByRole('link', { name: title }).waitFor();
    await expectAccessible(member);
    expect(uncaughtErrors(member)).toEqual([]);
  });
});
