import type { CriteriaSetPage, Member, Person, PersonPage, Team, TeamPage, TeamTimeline, UnitPage } from '@lagverk/shared';
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
    await page.getByLabel('Rolle', { exact: true }).selectOption({ label: 'Koordinator' });
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

describe.skipIf(noBrowser)('looking after a team: member roles, deleting a draft, the catalogue as cards', () => {
  let browser: Browser;
  let page: Page;
  const teamName = `Kortlaget ${Date.now()}`;
  let team: Team;
  let coordinator: Person;
  let member: Person;

  beforeAll(async () => {
    browser = await launchBrowser();
    page = await signedInPage(browser);
    const units = await api<UnitPage>('/units?active=true&limit=1&sort=name');
    const people = await api<PersonPage>('/people?active=true&limit=50&sort=name');
    [coordinator, member] = people.body.items.filter((p) => p.profession) as [Person, Person];
    const created = await api<Team>('/teams', {
      method: 'POST', body: { name: teamName, purpose: 'Prøve kortvisningen.', effectGoals: ['serviceQuality'], unitIds: [units.body.items[0]!.id] },
    });
    expect(created.status).toBe(201);
    await api(`/teams/${created.body.id}/members`, { method: 'POST', body: { personId: coordinator.id, role: 'coordinator' } });
    await api(`/teams/${created.body.id}/members`, { method: 'POST', body: { personId: member.id, role: 'member' } });
    team = (await api<Team>(`/teams/${created.body.id}`)).body;
  });
  afterAll(async () => {
    await browser?.close();
  });

  test("a member's role is changed in place, and the change is announced", async () => {
    await visit(page, `/teams/${team.id}`);
    const select = page.getByLabel(`Rolle for ${member.name}`, { exact: true });
    expect(await select.inputValue()).toBe('member');
    await select.focus();
    await select.selectOption({ label: 'Ressursperson' });
    await page.getByRole('status').filter({ hasText: `Rollen til ${member.name} er endret til Ressursperson.` }).waitFor();
    // Focus stays on the select, so a keyboard user can go on.
    expect(await select.evaluate((el) => el === document.activeElement)).toBe(true);
    const members = await api<{ items: Member[] }>(`/teams/${team.id}/members`);
    expect(members.body.items.find((m) => m.personId === member.id)).toMatchObject({ role: 'resourcePerson', leftOn: null, version: 2 });
    expect(uncaughtErrors(page)).toEqual([]);
  });

  test('the catalogue shows teams as cards, kept in the address, with what each card needs', async () => {
    await visit(page, `/teams?q=${encodeURIComponent(teamName)}`);
    const toggle = page.getByRole('group', { name: 'Visning' });
    expect(await toggle.getByRole('button', { name: 'Tabell' }).getAttribute('aria-pressed')).toBe('true');
    await toggle.getByRole('button', { name: 'Kort' }).click();
    await page.waitForURL(/view=cards/);
    expect(new URL(page.url()).searchParams.get('q')).toBe(teamName);
    expect(await toggle.getByRole('button', { name: 'Kort' }).getAttribute('aria-pressed')).toBe('true');
    expect(await page.locator('table').count()).toBe(0);

    const card = page.getByRole('article', { name: teamName });
    await card.waitFor();
    expect(await card.getByRole('heading', { level: 2 }).textContent()).toBe(teamName);
    const text = (await card.textContent()) ?? '';
    for (const expected of ['Utkast', 'Høyere tjenestekvalitet', coordinator.name, coordinator.profession!, member.profession!]) expect(text).toContain(expected);

    // A reload (or a shared link) opens the same view.
    await page.reload();
    await page.getByRole('article', { name: teamName }).waitFor();
    await card.getByRole('link', { name: teamName }).click();
    await page.waitForURL(new RegExp(`/teams/${team.id}$`));
    await page.goBack();
    await page.getByRole('article', { name: teamName }).waitFor();
    await page.getByRole('group', { name: 'Visning' }).getByRole('button', { name: 'Tabell' }).click();
    await page.locator('tbody tr').filter({ hasText: teamName }).waitFor();
    expect(new URL(page.url()).searchParams.has('view')).toBe(false);
  });

  test('a draft is deleted after confirming, back to the catalogue with a notice', async () => {
    await visit(page, `/teams/${team.id}`);
    const open = page.getByRole('button', { name: 'Slett utkastet' });
    await open.click();
    const dialog = page.getByRole('dialog', { name: 'Slette utkastet?' });
    await dialog.waitFor();
    expect(await dialog.textContent()).toContain(teamName);
    // Cancelling keeps it, and focus returns to the button.
    await dialog.getByRole('button', { name: 'Avbryt' }).click();
    await expect.poll(() => dialog.isVisible()).toBe(false);
    expect(await open.evaluate((el) => el === document.activeElement)).toBe(true);
    expect((await api(`/teams/${team.id}`)).status).toBe(200);

    await open.click();
    await dialog.getByRole('button', { name: 'Slett utkastet' }).click();
    await page.waitForURL(/\/teams$/);
    await page.getByRole('status').filter({ hasText: `Utkastet «${teamName}» er slettet.` }).waitFor();
    expect((await api(`/teams/${team.id}`)).status).toBe(404);
    expect(uncaughtErrors(page)).toEqual([]);
  });

  test('a team past its draft offers no delete button', async () => {
    const active = await api<TeamPage>('/teams?status=active&limit=1');
    await visit(page, `/teams/${active.body.items[0]!.id}`);
    expect(await page.getByRole('button', { name: 'Slett utkastet' }).count()).toBe(0);
  });
});
