import type { ChangeProcessPage, ChangeQuestionPage } from '@lagverk/shared';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { api, axeViolations, describeViolations, launchBrowser, noBrowser, signedInPage, uncaughtErrors, visit } from './support/browser.ts';

// Questions and answers and the communication plan of the demo change process: an
// employee asks anonymously, HR answers, a politician reads the answer; HR plans a
// message, marks it done, and it appears in the timeline of what was communicated.

async function expectAccessible(page: Page) {
  const violations = await axeViolations(page);
  expect(violations, describeViolations(violations)).toEqual([]);
}

describe.skipIf(noBrowser)('change questions and the communication plan', () => {
  let browser: Browser;
  let hr: Page;
  let member: Page;
  let politician: Page;
  let processId = '';
  const stamp = Date.now();
  const question = `Får vi beholde garderoben i første etasje? ${stamp}`;
  const answer = `Ja, garderoben blir der den er. ${stamp}`;
  const message = `Informasjon om garderober ${stamp}`;

  beforeAll(async () => {
    browser = await launchBrowser();
    hr = await signedInPage(browser, 'hr');
    member = await signedInPage(browser, 'member');
    politician = await signedInPage(browser, 'politician');
    const processes = (await api<ChangeProcessPage>('/change-processes?limit=200')).body.items;
    processId = processes.find((p) => p.title === 'Ny organisering av helse og omsorg')!.id;
  });
  afterAll(async () => {
    await browser?.close();
  });

  test('an employee asks anonymously, HR answers, and a politician reads the answer', async () => {
    await visit(member, `/change-processes/${processId}/questions`);
    await member.getByRole('heading', { name: 'Spørsmål som venter på svar' }).waitFor();
    await member.getByText(/stilt for \d+ dager siden/).first().waitFor();
    await member.getByLabel('Spørsmålet ditt').fill(question);
    await member.getByLabel('Spør anonymt').check();
    await expectAccessible(member);
    await member.getByRole('button', { name: 'Send spørsmålet' }).click();
    await member.getByRole('status').filter({ hasText: 'Spørsmålet ditt er sendt anonymt.' }).waitFor();
    const open = member.getByRole('region', { name: 'Spørsmål som venter på svar' });
    await open.getByText(question).waitFor();
    const listed = (await api<ChangeQuestionPage>(`/change-processes/${processId}/questions?status=open&limit=200`)).body.items.find((q) => q.question === question);
    expect(listed).toMatchObject({ anonymous: true, askerName: null, ageDays: 0 });
    expect(uncaughtErrors(member)).toEqual([]);

    await visit(hr, `/change-processes/${processId}/questions`);
    const item = hr.getByRole('listitem').filter({ hasText: question });
    await item.getByText('Anonym').waitFor();
    await item.getByRole('button', { name: 'Svar', exact: true }).click();
    // The button goes away while the form is open; focus is already in the answer field.
    await expect.poll(() => hr.evaluate(() => document.activeElement?.id)).toMatch(/^question-.+-answer$/);
    await item.getByLabel('Svar', { exact: true }).fill(answer);
    await expectAccessible(hr);
    await item.getByRole('button', { name: 'Publiser svaret' }).click();
    await hr.getByRole('region', { name: 'Besvarte spørsmål' }).getByText(answer).waitFor();
    expect(uncaughtErrors(hr)).toEqual([]);

    await visit(politician, `/change-processes/${processId}/questions`);
    const answered = politician.getByRole('region', { name: 'Besvarte spørsmål' }).getByRole('listitem').filter({ hasText: question });
    await answered.getByText(answer).waitFor();
    // Reading is all a politician does here: no answer or hide buttons.
    expect(await politician.getByRole('button', { name: /^(Svar|Skjul|Endre svaret)$/ }).count()).toBe(0);
    await expectAccessible(politician);
    expect(uncaughtErrors(politician)).toEqual([]);
  });

  test('HR adds a message to the plan, marks it done, and it shows in the timeline', async () => {
    await visit(hr, `/change-processes/${processId}/communication`);
    const plan = hr.getByRole('table', { name: 'Kommunikasjonsplanen etter planlagt dato' });
    await plan.getByText('Forsinket: planlagt dato er passert').first().waitFor();
    await expectAccessible(hr);

    await hr.getByRole('button', { name: 'Ny melding i planen' }).click();
    await expect.poll(() => hr.evaluate(() => document.activeElement?.id)).toBe('message-title');
    // Saving without a title or date says so at the fields, and saves nothing.
    await hr.getByRole('button', { name: 'Lagre' }).click();
    await expect.poll(() => hr.getByLabel('Planlagt dato').getAttribute('aria-invalid')).toBe('true');
    expect(await hr.getByLabel('Tittel').getAttribute('aria-invalid')).toBe('true');
    await hr.getByLabel('Tittel').fill(message);
    await hr.getByLabel('Målgruppe').selectOption({ label: 'Berørte ansatte' });
    await hr.getByLabel('Kanal').selectOption({ label: 'Intranett' });
    await hr.getByLabel('Planlagt dato').fill('2026-01-05');
    await expectAccessible(hr);
    await hr.getByRole('button', { name: 'Lagre' }).click();
    await hr.getByRole('status').filter({ hasText: 'Planen er lagret.' }).waitFor();
    const row = plan.getByRole('row').filter({ hasText: message });
    await row.getByText('Forsinket: planlagt dato er passert').waitFor();

    await row.getByRole('button', { name: `Marker som gjennomført: «${message}»` }).click();
    await row.getByText(/^Gjennomført /).waitFor();
    const timeline = hr.getByRole('region', { name: 'Hva er kommunisert når' });
    await timeline.getByText(message).waitFor();
    // Newest first: today's message above the seeded staff meetings.
    const entries = await timeline.getByRole('listitem').allInnerTexts();
    expect(entries.findIndex((e) => e.includes(message))).toBeLessThan(entries.findIndex((e) => e.includes('Personalmøte 1')));
    await expectAccessible(hr);

    // Deleting asks first, then the message leaves the plan and the timeline.
    await row.getByRole('button', { name: `Slett «${message}»` }).click();
    const dialog = hr.getByRole('dialog', { name: 'Slette meldingen fra planen?' });
    await dialog.getByRole('button', { name: 'Slett' }).click();
    await expect.poll(() => plan.getByRole('row').filter({ hasText: message }).count()).toBe(0);
    await expect.poll(() => timeline.getByText(message).count()).toBe(0);
    expect(uncaughtErrors(hr)).toEqual([]);
  });
});
