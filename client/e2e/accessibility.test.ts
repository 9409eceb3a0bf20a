import type { AccountPage, CriteriaSet, CriteriaSetPage, PersonPage, Team, TeamPage, UnitPage } from '@lagverk/shared';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { api, axeViolations, describeViolations, launchBrowser, noBrowser, openPage, signedInPage, signInWithForm, uncaughtErrors, visit } from './support/browser.ts';

// Every kind of page, checked by axe-core against WCAG 2.1 A and AA.

describe.skipIf(noBrowser)('accessibility (axe-core, WCAG 2.1 AA)', () => {
  let browser: Browser;
  let page: Page;
  let unitId = '';
  let personId = '';
  let teamId = '';
  let publishedSetId = '';
  let draftSetId = '';
  let activeTeamId = '';
  let accountId = '';

  beforeAll(async () => {
    browser = await launchBrowser();
    page = await signedInPage(browser);
    // A unit with sub-units and a manager, and a person with a unit: the fullest pages.
    const units = await api<UnitPage>('/units?limit=200');
    const parents = new Set(units.body.items.map((u) => u.parentId));
    unitId = (units.body.items.find((u) => parents.has(u.id) && u.managerId) ?? units.body.items[0])!.id;
    const people = await api<PersonPage>('/people?limit=50');
    personId = (people.body.items.find((p) => p.unitId && p.email) ?? people.body.items[0])!.id;
    // A proposed team with a member and an answered assessment, and a draft criteria set.
    const sets = await api<CriteriaSetPage>('/criteria-sets?kind=establishment&status=published&limit=1');
    const published = sets.body.items[0]!;
    publishedSetId = published.id;
    const team = await api<Team>('/teams', {
      method: 'POST',
      body: { name: `Tilgjengelighetslaget ${Date.now()}`, purpose: 'Prøve sidene.', effectGoals: ['serviceQuality'], unitIds: [unitId], hoursPerMemberPerMonth: 4 },
    });
    teamId = team.body.id;
    await api(`/teams/${teamId}/members`, { method: 'POST', body: { personId, role: 'coordinator' } });
    const answers = published.criteria.map((c, i) => ({ criterionId: c.id, value: c.answerType === 'yesNo' ? i > 0 : c.answerType === 'number' ? 6 : null, comment: null }));
    await api(`/teams/${teamId}/assessment`, { method: 'PUT', body: { criteriaSetId: publishedSetId, answers } });
    const draft = await api<CriteriaSet>('/criteria-sets', {
      method: 'POST',
      body: { kind: 'evaluation', name: `Utkast ${Date.now()}`, criteria: [{ title: 'Tid spart', answerType: 'number', unit: 'timer per sak', weight: 30, required: true }, { title: 'Brukernes vurdering', answerType: 'scale' }] },
    });
    draftSetId = draft.body.id;
    // The unit manager's account: granted roles, and a unit it leads.
    const accounts = await api<AccountPage>('/accounts?q=leder%40lagvik');
    accountId = accounts.body.items[0]!.id;
    // An active demo team with a result that has a measure and a link.
    const active = await api<TeamPage>('/teams?status=active&limit=1');
    activeTeamId = active.body.items[0]!.id;
    await api(`/teams/${activeTeamId}/results`, {
      method: 'POST',
      body: {
        title: 'Felles intervjuguide', category: 'routineChange', achievedOn: '2026-03-01',
        measures: [{ label: 'Ventetid', unit: 'dager', before: 42, after: 14 }], links: [{ title: 'Guiden', url: 'https://lagvik.kommune.no/guide' }],
      },
    });
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
    ['teams list', () => '/teams'],
    ['teams list (cards)', () => '/teams?view=cards'],
    ['team page (draft, one unmet criterion)', () => `/teams/${teamId}`],
    ['team form (new)', () => '/teams/new'],
    ['team form (edit)', () => `/teams/${teamId}/edit`],
    ['team assessment checklist', () => `/teams/${teamId}/assessment`],
    ['team page (active, with results)', () => `/teams/${activeTeamId}`],
    ['approval inbox', () => '/teams/inbox'],
    ['criteria list', () => '/criteria'],
    ['criteria set (published)', () => `/criteria/${publishedSetId}`],
    ['criteria set (draft)', () => `/criteria/${draftSetId}`],
    ['criteria editor (new)', () => '/criteria/new'],
    ['criteria editor (draft)', () => `/criteria/${draftSetId}/edit`],
    ['evaluation schedule', () => '/evaluations'],
    ['arenas', () => '/arenas'],
    ['change processes', () => '/change-processes'],
    ['change process form (new)', () => '/change-processes/new'],
    ['tripartite agreements', () => '/tripartite-agreements'],
    ['not found', () => '/no/such/page'],
    ['my account', () => '/account'],
    ['accounts list', () => '/accounts'],
    ['account detail', () => `/accounts/${accountId}`],
    ['account form (new)', () => '/accounts/new'],
    ['account form (edit)', () => `/accounts/${accountId}/edit`],
    ['integration tokens list', () => '/tokens'],
    ['integration token form (new)', () => '/tokens/new'],
    ['audit trail', () => '/audit'],
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

  test('the result form showing validation errors, and the delete dialog, have no violations', async () => {
    await visit(page, `/teams/${activeTeamId}`);
    await page.getByRole('button', { name: 'Legg til resultat' }).click();
    await page.getByRole('button', { name: 'Legg til måling' }).click();
    await page.getByRole('button', { name: 'Legg til lenke' }).click();
    await page.getByRole('button', { name: 'Lagre resultatet' }).click();
    await page.locator('.ds-error-summary').waitFor();
    let violations = await axeViolations(page);
    expect(violations, describeViolations(violations)).toEqual([]);

    await page.getByRole('button', { name: 'Avbryt', exact: true }).click();
    await page.getByRole('button', { name: /^Slett «/ }).first().click();
    await page.getByRole('dialog', { name: 'Slette resultatet?' }).waitFor();
    // Measure the dialog's colours once it has faded in, not halfway.
    await page.waitForFunction(() => document.getAnimations().every((animation) => animation.playState !== 'running'));
    violations = await axeViolations(page);
    expect(violations, describeViolations(violations)).toEqual([]);
    await page.keyboard.press('Escape');
  });

  test("a result's attachments, with a refused upload and the delete dialog, have no violations", async () => {
    const apprentices = await api<TeamPage>(`/teams?status=active&q=${encodeURIComponent('Arbeidslag for lærlinger')}`);
    await visit(page, `/teams/${apprentices.body.items[0]!.id}`);
    const region = page.getByRole('region', { name: 'Vedlegg' }).filter({ has: page.getByRole('link', { name: 'Opplæringsplan – mal.txt' }) });
    await region.getByLabel('Legg ved en fil').setInputFiles({ name: 'program.pdf', mimeType: 'application/pdf', buffer: Buffer.from('MZ not a PDF', 'latin1') });
    await region.getByRole('button', { name: 'Last opp filen' }).click();
    await region.locator('.ds-validation-message').waitFor();
    let violations = await axeViolations(page);
    expect(violations, describeViolations(violations)).toEqual([]);

    await region.getByRole('button', { name: 'Slett vedlegget «Opplæringsplan – mal.txt»' }).click();
    await page.getByRole('dialog', { name: 'Slette vedlegget?' }).waitFor();
    await page.waitForFunction(() => document.getAnimations().every((animation) => animation.playState !== 'running'));
    violations = await axeViolations(page);
    expect(violations, describeViolations(violations)).toEqual([]);
    await page.keyboard.press('Escape');
  });

  test('the approval dialog has no violations', async () => {
    const proposed = await api<Team>(`/teams/${teamId}`);
    if (proposed.body.status === 'draft') {
      const propose = await api<Team>(`/teams/${teamId}/propose`, { method: 'POST', body: {} });
      expect(propose.status).toBe(200);
    }
    await visit(page, `/teams/${teamId}`);
    await page.getByRole('button', { name: 'Avslå', exact: true }).click();
    const dialog = page.getByRole('dialog', { name: 'Avslå forslaget' });
    await dialog.waitFor();
    await dialog.getByRole('button', { name: 'Avslå', exact: true }).click();
    await dialog.getByText('Fyll ut feltet.').waitFor();
    const violations = await axeViolations(page);
    expect(violations, describeViolations(violations)).toEqual([]);
    await page.keyboard.press('Escape');
    await expect.poll(() => dialog.isVisible()).toBe(false);
  });

  test('the sign-in page, empty and after a refused attempt, has no violations', async () => {
    const signedOut = await openPage(browser);
    await visit(signedOut, '/sign-in');
    let violations = await axeViolations(signedOut);
    expect(violations, describeViolations(violations)).toEqual([]);

    await signedOut.getByRole('button', { name: 'Logg inn' }).click();
    await signedOut.locator('.ds-error-summary').waitFor();
    violations = await axeViolations(signedOut);
    expect(violations, describeViolations(violations)).toEqual([]);

    await signInWithForm(signedOut, 'member', 'feil passord her');
    await signedOut.getByRole('alert').filter({ hasText: 'E-postadressen eller passordet er feil.' }).waitFor();
    violations = await axeViolations(signedOut);
    expect(violations, describeViolations(violations)).toEqual([]);
    expect(uncaughtErrors(signedOut)).toEqual([]);
  });

  test('the no-access page has no violations', async () => {
    const member = await signedInPage(browser, 'member');
    await visit(member, '/people/new');
    await member.getByRole('heading', { name: 'Du har ikke tilgang til denne siden' }).waitFor();
    const violations = await axeViolations(member);
    expect(violations, describeViolations(violations)).toEqual([]);
  });

  test('the password form showing errors has no violations', async () => {
    await visit(page, '/account');
    await page.getByRole('button', { name: 'Bytt passord' }).click();
    await page.locator('.ds-error-summary').waitFor();
    const violations = await axeViolations(page);
    expect(violations, describeViolations(violations)).toEqual([]);
  });

  test('a created integration token, the revoke dialog and the audit trail opened up have no violations', async () => {
    await visit(page, '/tokens/new');
    await page.getByLabel('Navn').fill(`Tilgjengelighetsnøkkel ${Date.now()}`);
    await page.getByRole('group', { name: 'Enheter' }).getByLabel('Lese').check();
    await page.getByRole('button', { name: 'Lag nøkkelen' }).click();
    await page.getByLabel('Nøkkel', { exact: true }).waitFor();
    let violations = await axeViolations(page);
    expect(violations, describeViolations(violations)).toEqual([]);

    await visit(page, '/tokens');
    await page.getByRole('button', { name: /^Trekk tilbake «Tilgjengelighetsnøkkel/ }).first().click();
    await page.getByRole('dialog').waitFor();
    await page.waitForFunction(() => document.getAnimations().every((animation) => animation.playState !== 'running'));
    violations = await axeViolations(page);
    expect(violations, describeViolations(violations)).toEqual([]);
    await page.keyboard.press('Escape');

    await visit(page, '/audit');
    await page.locator('tbody details summary').first().click();
    violations = await axeViolations(page);
    expect(violations, describeViolations(violations)).toEqual([]);
    expect(uncaughtErrors(page)).toEqual([]);
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
