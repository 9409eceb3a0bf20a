import type { AccountPage, CompetenceMeasure, CompetenceSession, Person } from '@lagverk/shared';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { api, axeViolations, describeViolations, launchBrowser, noBrowser, signedInPage, uncaughtErrors, visit } from './support/browser.ts';

// Competence measures as the issue describes them: a member enrols in a session, HR marks
// attendance so the hours count, sees the plan against what was done and the overview,
// and imports completions from a CSV file after checking what it would do. HR also edits
// the measure, enrols someone, changes and removes a session, and cannot remove a measure
// with attendance.

async function expectAccessible(page: Page) {
  const violations = await axeViolations(page);
  expect(violations, describeViolations(violations)).toEqual([]);
}

describe.skipIf(noBrowser)('competence: enrolment, attendance, plan against what was done, import', () => {
  let browser: Browser;
  let member: Page;
  let hr: Page;
  const title = `Koordinatorsamling ${Date.now()}`;
  const code = `KURS-${Date.now()}`;
  const year = new Date().getFullYear();
  let measure: CompetenceMeasure;
  let past: CompetenceSession;
  let upcoming: CompetenceSession;
  let memberEmail = '';
  let coordinator: Person;

  beforeAll(async () => {
    browser = await launchBrowser();
    const day = 24 * 3600 * 1000;
    const at = (offset: number, hour: number) => new Date(Math.floor(Date.now() / day) * day + offset * day + hour * 3600 * 1000).toISOString();
    measure = (await api<CompetenceMeasure>('/competence-measures', {
      method: 'POST', as: 'hr',
      body: { kind: 'workshop', title, targetRoles: ['coordinator', 'member'], plannedYear: year, plannedSessions: 2, plannedHours: 6, externalKey: code },
    })).body;
    // One held yesterday (over whatever the hour of the run; the plan counts it for the
    // measure's planned year), and one ahead to enrol in.
    past = (await api<CompetenceSession>(`/competence-measures/${measure.id}/sessions`, { method: 'POST', as: 'hr', body: { startsAt: at(-1, 8), endsAt: at(-1, 14), hours: 6 } })).body;
    upcoming = (await api<CompetenceSession>(`/competence-measures/${measure.id}/sessions`, { method: 'POST', as: 'hr', body: { startsAt: at(20, 8), endsAt: at(20, 14), place: 'Rådhuset', capacity: 10, hours: 6 } })).body;
    const accounts = await api<AccountPage>(`/accounts?q=${encodeURIComponent('ansatt@')}`);
    const memberPersonId = accounts.body.items[0]!.personId;
    memberEmail = (await api<Person>(`/people/${memberPersonId}`)).body.email!;
    const coordinatorAccount = (await api<AccountPage>(`/accounts?q=${encodeURIComponent('koordinator@')}`)).body.items[0]!;
    coordinator = (await api<Person>(`/people/${coordinatorAccount.personId}`)).body;
    expect((await api(`/competence-sessions/${past.id}/enrolments`, { method: 'POST', as: 'hr', body: { personId: memberPersonId } })).status).toBe(201);
    member = await signedInPage(browser, 'member');
    hr = await signedInPage(browser, 'hr');
  });
  afterAll(async () => {
    await browser?.close();
  });

  test('a member enrols in a coming session on their own page', async () => {
    await visit(member, '/competence/me');
    await member.getByRole('button', { name: `Meld meg på ${title}` }).click();
    await member.getByRole('status').filter({ hasText: `Du er påmeldt ${title}.` }).waitFor();
    await member.getByRole('button', { name: `Meld meg av ${title}` }).waitFor();
    await expectAccessible(member);
    expect(uncaughtErrors(member)).toEqual([]);
  });

  test('HR marks attendance, and the hours show in the plan and the overview', async () => {
    await visit(hr, `/competence/measures/${measure.id}`);
    await hr.getByRole('button', { name: /^Påmeldte / }).first().click();
    const status = hr.getByLabel(/^Status for /).first();
    await status.selectOption('attended');
    await hr.getByRole('button', { name: /^Lagre for / }).first().click();
    await hr.getByRole('status').filter({ hasText: 'er lagret' }).waitFor();
    await expectAccessible(hr);

    await visit(hr, `/competence?year=${year}`);
    const plan = hr.getByRole('table', { name: `Planlagte tiltak i ${year} mot det som er gjennomført` });
    // Held against planned sessions, participants, hours credited: each in its own column.
    const cells = plan.getByRole('row', { name: new RegExp(title) }).getByRole('cell');
    await cells.first().waitFor();
    expect((await cells.allTextContents()).map((text) => text.trim())).toEqual(['1 av 2 holdt', '1', '6']);
    await expectAccessible(hr);

    await visit(hr, `/competence/overview?year=${year}`);
    await hr.getByRole('table', { name: `Kompetanse per enhet i ${year}` }).waitFor();
    await expectAccessible(hr);
  });

  test('HR checks a CSV file of completions, then imports it', async () => {
    await visit(hr, '/competence/import');
    await hr.getByLabel('CSV-fil').setInputFiles({
      name: 'fullfort.csv', mimeType: 'text/csv', buffer: Buffer.from(`email;courseCode;completedOn;hours\n${memberEmail};${code};${year}-01-02;1,5\n`),
    });
    await hr.getByRole('button', { name: 'Sjekk filen' }).click();
    await hr.getByText('Slik blir importen: 1 nye, 0 endret, 0 uendret.').waitFor();
    await expectAccessible(hr);
    await hr.getByRole('button', { name: 'Importer', exact: true }).click();
    await hr.getByText('Importert: 1 nye, 0 endret, 0 uendret.').waitFor();
    expect(uncaughtErrors(hr)).toEqual([]);
  });

  test('HR edits the measure, enrols a coordinator, changes and removes a session', async () => {
    await visit(hr, `/competence/measures/${measure.id}`);
    await hr.getByRole('link', { name: 'Endre', exact: true }).click();
    await hr.waitForURL(/\/edit$/);
    await expect.poll(() => hr.getByLabel('Planlagte samlinger').inputValue()).toBe('2');
    await hr.getByLabel('Planlagte samlinger').fill('3');
    await expectAccessible(hr);
    await hr.getByRole('button', { name: 'Lagre', exact: true }).click();
    await hr.getByText('Endringene er lagret.').waitFor();
    expect((await api<CompetenceMeasure>(`/competence-measures/${measure.id}`)).body.plannedSessions).toBe(3);

    await hr.getByLabel('Samling', { exact: true }).selectOption(upcoming.id);
    await hr.getByLabel('Person', { exact: true }).selectOption(coordinator.id);
    await hr.getByRole('button', { name: 'Meld på', exact: true }).click();
    await hr.getByRole('status').filter({ hasText: `${coordinator.name} er påmeldt.` }).waitFor();
    await hr.getByRole('cell', { name: '2 av 10 tatt' }).waitFor();

    const day = new Date(Date.now() + 40 * 24 * 3600 * 1000).toISOString().slice(0, 10);
    await hr.getByLabel('Dato').fill(day);
    await hr.getByRole('button', { name: 'Legg til samling' }).click();
    await hr.getByRole('status').filter({ hasText: 'er lagt til.' }).waitFor();
    await hr.getByRole('button', { name: /^Endre \d/ }).last().click();
    await hr.getByRole('heading', { name: /^Endre samlingen / }).waitFor();
    await hr.getByLabel('Sted').fill('Kulturhuset');
    await hr.getByRole('button', { name: 'Lagre samlingen' }).click();
    await hr.getByRole('cell', { name: 'Kulturhuset' }).waitFor();
    await expectAccessible(hr);
    await hr.getByRole('button', { name: /^Slett \d/ }).last().click();
    await hr.getByRole('dialog', { name: 'Slette samlingen?' }).getByRole('button', { name: 'Slett samlingen' }).click();
    await hr.getByRole('status').filter({ hasText: 'er slettet.' }).waitFor();
    expect(await hr.getByRole('cell', { name: 'Kulturhuset' }).count()).toBe(0);

    // Attendance is recorded: the measure stays, and HR is told to cancel it instead.
    await hr.getByRole('button', { name: 'Slett tiltaket' }).click();
    await hr.getByRole('dialog', { name: 'Slette tiltaket?' }).getByRole('button', { name: 'Slett tiltaket' }).click();
    await hr.getByRole('alert').filter({ hasText: 'Sett tiltaket til avlyst i stedet.' }).waitFor();
    expect(uncaughtErrors(hr)).toEqual([]);
  });
});
