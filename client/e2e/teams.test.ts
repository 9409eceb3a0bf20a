import type { CriteriaSetPage, PersonPage, Team, TeamTimeline, UnitPage } from '@lagverk/shared';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { api, launchBrowser, noBrowser, signedInPage, uncaughtErrors, visit } from './support/browser.ts';

describe.skipIf(noBrowser)('proposing and approving a work team through the web client', () => {
  let browser: Browser;
  let page: Page;
  const teamName = `Lærlingelaget ${Date.now()}`;
  let teamId = '';

  beforeAll(async () => {
    browser = await launchBrowser();
    page = await signedInPage(browser);
  });
  afterAll(async () => {
    await browser?.close();
  });

  test('step 1: the proposal form creates a draft and goes on to the assessment', async () => {
    const units = await api<UnitPage>('/units?active=true&limit=2&sort=name');
    const [first, second] = units.body.items;
    await visit(page, '/teams');
    await page.getByRole('link', { name: 'Foreslå nytt arbeidslag' }).click();
    await page.waitForURL(/\/teams\/new$/);

    // Nothing filled in: the name is missing, next to the field.
    await page.getByRole('button', { name: 'Lagre og gå videre' }).click();
    await expect.poll(() => page.getByLabel('Navn', { exact: true }).getAttribute('aria-invalid')).toBe('true');

    await page.getByLabel('Navn', { exact: true }).fill(teamName);
    await page.getByLabel('Formål').fill('Flere lærlinger fullfører fagbrevet.');
    await page.getByLabel('Mandat').fill('Samordne inntak, oppfølging og opplæringsplaner.');
    await page.getByLabel('Hverdagsoppgave').fill('Oppfølging av lærlinger på tvers av virksomhetene.');
    await page.getByLabel('Ressurseffektiv oppgaveløsning').check();
    await page.locator(`[id="team-unitIds-${first!.id}"]`).check();
    await page.locator(`[id="team-unitIds-${second!.id}"]`).check();
    await page.getByLabel('Timer per medlem per måned').fill('7,5');
    await page.getByRole('button', { name: 'Lagre og gå videre' }).click();

    await page.waitForURL(/\/teams\/[0-9a-f-]{36}\/assessment$/);
    teamId = page.url().split('/').at(-2) ?? '';
    const saved = await api<Team>(`/teams/${teamId}`);
    expect(saved.body).toMatchObject({ name: teamName, status: 'draft', hoursPerMemberPerMonth: 7.5, effectGoals: ['resourceEfficiency'] });
    expect(saved.body.unitIds.sort()).toEqual([first!.id, second!.id].sort());
  });

  test('step 2: proposing without a coordinator says what is missing', async () => {
    await page.getByRole('button', { name: 'Lagre og send forslaget' }).click();
    const alert = page.getByRole('alert').filter({ hasText: 'Forslaget kan ikke sendes ennå' });
    await alert.waitFor();
    expect(await alert.textContent()).toContain('Legg til en koordinator.');
    expect(await alert.textContent()).toContain('Svar på alle kriteriene som må oppfylles.');
  });

  test('step 2: with a coordinator and the criteria answered, the proposal is sent', async () => {
    const people = await api<PersonPage>('/people?active=true&limit=1&sort=name');
    const coordinator = people.body.items[0]!;
    await page.getByLabel('Person', { exact: true }).selectOption(coordinator.id);
    await page.getByLabel('Rolle').selectOption({ label: 'Koordinator' });
    await page.getByRole('button', { name: 'Legg til medlem' }).click();
    await page.getByRole('table').getByRole('link', { name: coordinator.name }).waitFor();

    const sets = await api<CriteriaSetPage>('/criteria-sets?kind=establishment&status=published&limit=1');
    const criteria = sets.body.items[0]!.criteria;
    expect(await page.locator('.checklist-item--unmet').count()).toBe(criteria.filter((c) => c.required).length);
    for (const [index, criterion] of criteria.entries()) {
      const item = page.locator(`[id="criterion-${index}"]`);
      if (criterion.answerType === 'yesNo') await item.getByLabel('Ja', { exact: true }).check();
      else if (criterion.answerType === 'scale') await item.getByLabel('4', { exact: true }).check();
      else await item.locator(`[id="criterion-${index}-value"]`).fill(criterion.answerType === 'number' ? '8' : 'Avklart med lederne.');
    }
    await page.locator('[id="criterion-0-comment"]').fill('Helse, oppvekst og HR deltar.');
    expect(await page.locator('.checklist-item--unmet').count()).toBe(0);
    await page.getByText('Alle kriterier som må oppfylles, er oppfylt.').waitFor();

    await page.getByRole('button', { name: 'Lagre og send forslaget' }).click();
    await page.waitForURL(new RegExp(`/teams/${teamId}$`));
    await page.locator('.ds-tag', { hasText: 'Foreslått' }).first().waitFor();
    await page.getByText('Helse, oppvekst og HR deltar.').waitFor();
  });

  test('approving asks for a reason, then shows the new status and the timeline', async () => {
    await page.getByRole('button', { name: 'Godkjenn', exact: true }).click();
    const dialog = page.getByRole('dialog', { name: 'Godkjenn forslaget' });
    await dialog.waitFor();
    await dialog.getByRole('button', { name: 'Godkjenn', exact: true }).click();
    await dialog.getByText('Fyll ut feltet.').waitFor();
    expect(await dialog.getByLabel('Begrunnelse').getAttribute('aria-invalid')).toBe('true');

    const reason = 'Oppfyller kriteriene; godt forankret i begge virksomhetene.';
    await dialog.getByLabel('Begrunnelse').fill(reason);
    await dialog.getByRole('button', { name: 'Godkjenn', exact: true }).click();
    await page.getByRole('status').filter({ hasText: 'Forslaget er godkjent.' }).waitFor();
    expect(await dialog.isVisible()).toBe(false);
    await page.locator('.facts .ds-tag', { hasText: 'Godkjent' }).waitFor();
    // Approved: the next step is to start the team; approve and reject are gone.
    expect(await page.getByRole('button', { name: 'Start laget' }).count()).toBe(1);
    expect(await page.getByRole('button', { name: 'Godkjenn', exact: true }).count()).toBe(0);

    const timeline = page.locator('.timeline');
    await timeline.getByText('Forslaget ble godkjent').waitFor();
    const texts = await timeline.locator('li').allTextContents();
    const order = ['Laget ble opprettet', 'ble med som Koordinator', 'Forslaget ble sendt', 'Forslaget ble godkjent'];
    expect(texts.some((line) => line.includes('Laget ble vurdert mot kriteriene'))).toBe(true);
    const positions = order.map((text) => texts.findIndex((line) => line.includes(text)));
    expect(positions.every((p) => p >= 0)).toBe(true);
    expect([...positions].sort((a, b) => a - b)).toEqual(positions);
    expect(texts.at(-1)).toContain(reason);

    const saved = await api<Team>(`/teams/${teamId}`);
    expect(saved.body).toMatchObject({ status: 'approved', decisionReason: reason, memberCount: 1 });
    const events = await api<TeamTimeline>(`/teams/${teamId}/timeline`);
    expect(events.body.items.map((e) => e.kind)).toContain('team.approved');
  });

  test('the approved team is found in the catalogue by status', async () => {
    await visit(page, `/teams?status=approved&q=${encodeURIComponent(teamName)}`);
    const row = page.locator('tbody tr').filter({ hasText: teamName });
    await row.waitFor();
    expect(await row.textContent()).toContain('Godkjent');
    expect(await page.getByLabel('Status').inputValue()).toBe('approved');
    expect(uncaughtErrors(page)).toEqual([]);
  });
});
