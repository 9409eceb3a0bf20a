import type { ChangeActivity, ChangeProcessPage } from '@lagverk/shared';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { api, axeViolations, describeViolations, launchBrowser, noBrowser, signedInPage, uncaughtErrors, visit } from './support/browser.ts';

// The activities of the demo change process (Lagvik's reorganisation of health and care):
// HR records an interview and a process day; an employee follows the process, sees the
// interview's role and themes, but not its notes.

async function expectAccessible(page: Page) {
  const violations = await axeViolations(page);
  expect(violations, describeViolations(violations)).toEqual([]);
}

describe.skipIf(noBrowser)('change activities: HR records what happens, everyone follows it', () => {
  let browser: Browser;
  let hr: Page;
  let member: Page;
  let processId = '';
  let interviewId = '';
  const stamp = Date.now();
  const note = `Ønsker faste møter med ledelsen ${stamp}`;

  beforeAll(async () => {
    browser = await launchBrowser();
    hr = await signedInPage(browser, 'hr');
    member = await signedInPage(browser, 'member');
    const processes = (await api<ChangeProcessPage>('/change-processes?limit=200')).body.items;
    processId = processes.find((p) => p.title === 'Ny organisering av helse og omsorg')!.id;
  });
  afterAll(async () => {
    await browser?.close();
  });

  test('HR records an interview and a process day, and sees them among the activities', async () => {
    await visit(hr, `/change-processes/${processId}/activities`);
    // The seeded story: one affected unit still waits for its site visit.
    await hr.getByRole('table', { name: 'Befaringer på de berørte enhetene' }).getByText('Ikke besøkt ennå').first().waitFor();
    await expectAccessible(hr);

    await hr.getByRole('link', { name: 'Registrer en aktivitet' }).click();
    await hr.waitForURL(/\/activities\/new$/);
    await hr.getByLabel('Type', { exact: true }).selectOption({ label: 'Intervju' });
    await hr.getByLabel('Tittel', { exact: true }).fill(`Intervju med tillitsvalgt ${stamp}`);
    await hr.getByLabel('Dato', { exact: true }).fill('2026-02-10');
    await hr.getByLabel('Rollen til den som ble intervjuet').selectOption({ label: 'Tillitsvalgt' });
    await hr.getByLabel('Notater').fill(note);
    await hr.getByRole('button', { name: 'Legg til tema' }).click();
    await hr.getByLabel('tema 1', { exact: true }).fill('Medvirkning');
    await expectAccessible(hr);
    await hr.getByRole('button', { name: 'Lagre' }).click();
    await hr.waitForURL(/\/change-activities\/[0-9a-f-]{36}$/);
    interviewId = hr.url().split('/').at(-1) ?? '';
    await hr.getByText(note).waitFor();
    const saved = (await api<ChangeActivity>(`/change-activities/${interviewId}`)).body;
    expect(saved.details).toMatchObject({ intervieweeRole: 'unionRepresentative', themes: ['Medvirkning'], pseudonym: expect.stringMatching(/^I-\d{2,}$/) });

    await visit(hr, `/change-processes/${processId}/activities/new`);
    await hr.getByLabel('Type', { exact: true }).selectOption({ label: 'Prosessdag' });
    await hr.getByLabel('Tittel', { exact: true }).fill(`Prosessdag ${stamp}`);
    await hr.getByLabel('Dato', { exact: true }).fill('2026-03-05');
    await hr.getByLabel('Deltakere', { exact: true }).fill('22');
    await hr.getByRole('button', { name: 'Legg til en case' }).click();
    await hr.getByLabel('Case 1: tittel').fill('Utskrivning fra sykehus');
    await hr.getByRole('button', { name: 'Legg til styrke' }).click();
    await hr.getByLabel('styrke 1', { exact: true }).fill('Kort vei til leder');
    await hr.getByRole('button', { name: 'Lagre' }).click();
    await hr.waitForURL(/\/change-activities\/[0-9a-f-]{36}$/);
    await hr.getByText('Kort vei til leder').waitFor();
    await hr.getByText('Utskrivning fra sykehus').waitFor();
    await expectAccessible(hr);

    await visit(hr, `/change-processes/${processId}/activities`);
    await hr.getByRole('link', { name: `Prosessdag ${stamp}` }).waitFor();
    await hr.getByRole('link', { name: `Intervju med tillitsvalgt ${stamp}` }).waitFor();
    expect(uncaughtErrors(hr)).toEqual([]);
  });

  test('an employee sees the interview’s role and themes, but not its notes', async () => {
    await visit(member, `/change-activities/${interviewId}`);
    await member.getByText('Notatene er bare synlige for dem som leder prosessen.').waitFor();
    await member.getByText('Medvirkning').waitFor();
    expect(await member.getByText(note).count()).toBe(0);
    expect(await member.getByRole('link', { name: 'Rediger' }).count()).toBe(0);
    await expectAccessible(member);

    await visit(member, `/change-processes/${processId}/activities`);
    await member.getByRole('table', { name: 'Tema i intervjuene, de hyppigste først' }).getByText('Medvirkning').waitFor();
    expect(await member.getByRole('link', { name: 'Registrer en aktivitet' }).count()).toBe(0);
    await expectAccessible(member);
    expect(uncaughtErrors(member)).toEqual([]);
  });
});
