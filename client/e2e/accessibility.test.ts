import type { PersonPage, UnitPage } from '@lagverk/shared';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { api, axeViolations, describeViolations, launchBrowser, noBrowser, openPage, uncaughtErrors, visit } from './support/browser.ts';

// Every kind of page, checked by axe-core against WCAG 2.1 A and AA.

describe.skipIf(noBrowser)('accessibility (axe-core, WCAG 2.1 AA)', () => {
  let browser: Browser;
  let page: Page;
  let unitId = '';
  let personId = '';

  beforeAll(async () => {
    browser = await launchBrowser();
    page = await openPage(browser);
    // A unit with sub-units and a manager, and a person with a unit: the fullest pages.
    const units = await api<UnitPage>('/units?limit=200');
    const parents = new Set(units.body.items.map((u) => u.parentId));
    unitId = (units.body.items.find((u) => parents.has(u.id) && u.managerId) ?? units.body.items[0])!.id;
    const people = await api<PersonPage>('/people?limit=50');
    personId = (people.body.items.find((p) => p.unitId && p.email) ?? people.body.items[0])!.id;
  });
  afterAll(async () => {
    await browser?.close();
  });

  const pages: [string, () => string][] = [
    ['home', () => '/'],
    ['units list', () => '/units'],
    ['unit tree', () => '/units/tree'],
    ['unit detail', () => `/units/${unitId}`],
    ['unit form (edit)', () => `/units/${unitId}/edit`],
    ['unit form (new)', () => '/units/new'],
    ['people list', () => '/people'],
    ['person detail', () => `/people/${personId}`],
    ['person form (edit)', () => `/people/${personId}/edit`],
    ['person form (new)', () => '/people/new'],
    ['not built yet', () => '/evaluations'],
    ['not found', () => '/no/such/page'],
  ];

  test.each(pages)('%s has no violations', async (_name, path) => {
    await visit(page, path());
    const violations = await axeViolations(page);
    expect(violations, describeViolations(violations)).toEqual([]);
    expect(uncaughtErrors(page)).toEqual([]);
  });

  test('a form showing validation errors has no violations', async () => {
    await visit(page, '/people/new');
    await page.getByLabel('E-post').fill('not an email');
    await page.getByRole('button', { name: 'Lagre', exact: true }).click();
    await page.locator('.ds-error-summary').waitFor();
    const violations = await axeViolations(page);
    expect(violations, describeViolations(violations)).toEqual([]);
  });

  test('the skip link leads to the main content', async () => {
    await visit(page, '/units');
    await page.keyboard.press('Tab');
    const skip = page.getByRole('link', { name: 'Hopp til hovedinnholdet' });
    expect(await skip.evaluate((el) => el === document.activeElement)).toBe(true);
    await page.keyboard.press('Enter');
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('main');
  });

  test('moving to another page puts focus on its heading and sets its title', async () => {
    await visit(page, '/units');
    await page.getByRole('navigation', { name: 'Hovedmeny' }).getByRole('link', { name: 'Personer' }).click();
    await page.waitForURL(/\/people$/);
    await expect.poll(() => page.evaluate(() => document.activeElement?.tagName)).toBe('H1');
    expect(await page.title()).toBe('Personer – Lagverk');
  });
});
