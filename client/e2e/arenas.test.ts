import type { AccountPage, Meeting, Person } from '@lagverk/shared';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { api, axeViolations, describeViolations, launchBrowser, noBrowser, signedInPage, uncaughtErrors, visit } from './support/browser.ts';

// Teams meet in arenas: HR sets up an arena with its composition, plans a meeting with an
// agenda and invites the members; a member answers the invitation from the calendar page.
// HR then moves the meeting (after a colleague changed it too), invites someone besides
// the members, and finally removes it.

const pad = (n: number) => String(n).padStart(2, '0');
/** A `datetime-local` value `days` from now at `hour`:00, local time. */
function localAt(days: number, hour: number) {
  const d = new Date(Date.now() + days * 24 * 3600 * 1000);
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}T${pad(hour)}:00`;
}

describe.skipIf(noBrowser)('arenas: HR plans a meeting and invites, a member answers', () => {
  let browser: Browser;
  let hr: Page;
  let member: Page;
  const arenaName = `Nettverksmøte ${Date.now()}`;
  let memberPersonId = '';
  let guest: Person;
  let meetingUrl = '';

  async function expectAccessible(page: Page) {
    const violations = await axeViolations(page);
    expect(violations, describeViolations(violations)).toEqual([]);
  }

  beforeAll(async () => {
    browser = await launchBrowser();
    hr = await signedInPage(browser, 'hr');
    member = await signedInPage(browser, 'member');
    const accounts = await api<AccountPage>(`/accounts?q=${encodeURIComponent('ansatt@')}`);
    memberPersonId = accounts.body.items[0]!.personId;
    const coordinator = (await api<AccountPage>(`/accounts?q=${encodeURIComponent('koordinator@')}`)).body.items[0]!;
    guest = (await api<Person>(`/people/${coordinator.personId}`)).body;
  });
  afterAll(async () => {
    await browser?.close();
  });

  test('HR creates an arena with a member, plans a meeting with an agenda and invites the members', async () => {
    await visit(hr, '/arenas');
    await expectAccessible(hr);
    await hr.getByRole('link', { name: 'Ny arena' }).click();
    await hr.waitForURL(/\/arenas\/new$/);
    await hr.getByLabel('Navn').fill(arenaName);
    await hr.getByLabel('Type', { exact: true }).selectOption('networkMeeting');
    await hr.getByLabel('Møterytme').fill('Hver sjette uke');
    await hr.locator('#arena-new-member').selectOption(memberPersonId);
    await hr.locator('#arena-new-party').selectOption('union');
    await hr.getByRole('button', { name: 'Legg til medlem' }).click();
    await expectAccessible(hr);
    await hr.getByRole('button', { name: 'Opprett arenaen' }).click();
    await hr.waitForURL(/\/arenas\/[0-9a-f-]{36}$/);
    await hr.getByRole('heading', { name: arenaName }).waitFor();
    await hr.getByRole('cell', { name: 'Tillitsvalgt' }).waitFor();
    await expectAccessible(hr);

    await hr.getByRole('link', { name: 'Planlegg møte' }).click();
    await hr.getByLabel('Starter').fill(localAt(7, 10));
    await hr.getByLabel('Slutter').fill(localAt(7, 12));
    await hr.getByLabel('Sted').fill('Rådhuset, møterom 2');
    await hr.getByRole('button', { name: 'Legg til sak' }).click();
    await hr.getByLabel('Sak 1').fill('Erfaringer fra lærlingelaget');
    await expectAccessible(hr);
    await hr.getByRole('button', { name: 'Opprett møtet' }).click();
    await hr.waitForURL(/\/arenas\/[0-9a-f-]{36}\/meetings\/[0-9a-f-]{36}$/);
    meetingUrl = new URL(hr.url()).pathname;
    await hr.getByText('Erfaringer fra lærlingelaget').waitFor();

    await hr.getByRole('button', { name: 'Inviter arenaens medlemmer' }).click();
    await hr.getByText('Medlemmene er invitert.').waitFor();
    await hr.getByRole('cell', { name: 'Ikke svart' }).waitFor();
    await expectAccessible(hr);
    expect(uncaughtErrors(hr)).toEqual([]);
  });

  test('the member answers from the calendar page, and HR sees the answer', async () => {
    await visit(member, '/arenas/calendar');
    const group = member.getByRole('group', { name: `Svar på invitasjonen til ${arenaName}` });
    await group.getByRole('button', { name: 'Jeg kommer', exact: true }).click();
    await expect.poll(() => group.getByRole('button', { name: 'Jeg kommer', exact: true }).getAttribute('aria-pressed')).toBe('true');
    await member.getByRole('link', { name: arenaName }).first().waitFor();
    await expectAccessible(member);
    expect(uncaughtErrors(member)).toEqual([]);

    await visit(hr, meetingUrl);
    await hr.getByRole('cell', { name: 'kommer', exact: true }).waitFor();
  });

  test('HR edits the meeting over a colleague\'s change, invites a guest, and deletes the meeting', async () => {
    await visit(hr, meetingUrl);
    await hr.getByRole('link', { name: 'Endre møtet' }).click();
    await hr.waitForURL(/\/edit$/);
    await expect.poll(() => hr.getByLabel('Sted').inputValue()).toBe('Rådhuset, møterom 2');
    // Someone else adds a video link meanwhile; this edit moves the meeting to another room.
    const meetingId = meetingUrl.split('/').at(-1)!;
    const current = (await api<Meeting>(`/arena-meetings/${meetingId}`, { as: 'hr' })).body;
    expect((await api(`/arena-meetings/${meetingId}`, { method: 'PATCH', as: 'hr', ifMatch: current.version, body: { videoUrl: 'https://meet.example.no/nettverk' } })).status).toBe(200);
    await hr.getByLabel('Sted').fill('Rådhuset, møterom 3');
    await expectAccessible(hr);
    await hr.getByRole('button', { name: 'Lagre', exact: true }).click();
    await hr.getByRole('button', { name: 'Hent nyeste versjon' }).click();
    await expect.poll(() => hr.getByLabel('Videolenke (https)').inputValue()).toBe('https://meet.example.no/nettverk');
    await hr.getByRole('button', { name: 'Lagre', exact: true }).click();
    await hr.waitForURL((url) => url.pathname === meetingUrl);
    await hr.getByText('Endringene er lagret.').waitFor();
    await hr.getByText('Rådhuset, møterom 3').waitFor();

    await hr.locator('#meeting-invite-others-choice').selectOption(guest.id);
    await hr.getByRole('button', { name: 'Legg til', exact: true }).click();
    await hr.getByRole('button', { name: 'Inviter de valgte' }).click();
    await hr.getByText('Én person er invitert.').waitFor();
    await hr.getByRole('rowheader', { name: guest.name }).waitFor();
    await expectAccessible(hr);

    await hr.getByRole('button', { name: 'Slett møtet' }).click();
    await hr.getByRole('dialog', { name: 'Slette møtet?' }).getByRole('button', { name: 'Slett møtet' }).click();
    await hr.waitForURL(/\/arenas\/[0-9a-f-]{36}$/);
    await hr.getByText('Møtet er slettet.').waitFor();
    expect((await api(`/arena-meetings/${meetingId}`, { as: 'hr' })).status).toBe(404);
    expect(uncaughtErrors(hr)).toEqual([]);
  });
});
