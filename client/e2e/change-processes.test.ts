import type { ChangeProcess } from '@lagverk/shared';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { api, axeViolations, describeViolations, launchBrowser, noBrowser, signedInPage, uncaughtErrors, visit } from './support/browser.ts';

// An open change process: HR sets one up with its phases and project group, and finds it
// in the list and on its overview; a politician follows the demo process but cannot edit.

async function expectAccessible(page: Page) {
  const violations = await axeViolations(page);
  expect(violations, describeViolations(violations)).toEqual([]);
}

describe.skipIf(noBrowser)('change processes: HR sets one up, a politician follows one', () => {
  let browser: Browser;
  let hr: Page;
  let politician: Page;
  const title = `Ny organisering av kultur ${Date.now()}`;
  let createdId = '';

  beforeAll(async () => {
    browser = await launchBrowser();
    hr = await signedInPage(browser, 'hr');
    politician = await signedInPage(browser, 'politician');
  });
  afterAll(async () => {
    await browser?.close();
  });

  test('HR creates a process with two phases and a project-group member, and finds it in the list and on its overview', async () => {
    await visit(hr, '/change-processes');
    await expectAccessible(hr);
    await hr.getByRole('link', { name: 'Ny omstillingsprosess' }).click();
    await hr.waitForURL(/\/change-processes\/new$/);
    await hr.getByLabel('Tittel').fill(title);
    await hr.getByLabel('Mandat').fill('Foreslå en ny organisering av kulturtjenestene.');
    await hr.getByLabel('Status').selectOption({ label: 'Pågår' });
    await hr.getByLabel('Navn på fasen').fill('Kartlegging');
    await hr.locator('#cp-phase-0-startsOn').fill('2020-01-01');
    await hr.locator('#cp-phase-0-endsOn').fill('2020-02-01');
    await hr.getByRole('button', { name: 'Legg til en fase' }).click();
    await hr.locator('#cp-phase-1-name').fill('Forslag og vedtak');
    await hr.locator('#cp-phase-1-startsOn').fill('2020-02-02');
    await hr.locator('#cp-phase-1-endsOn').fill('2099-12-31');
    await hr.locator('#cp-new-member').selectOption({ index: 1 });
    const member = (await hr.locator('#cp-new-member option:checked').textContent())!.replace(/ \(.*\)$/, '').trim();
    await hr.locator('#cp-new-role').selectOption({ label: 'Prosjektleder' });
    await hr.getByRole('button', { name: 'Legg til i prosjektgruppen' }).click();
    await hr.getByRole('row', { name: new RegExp(member) }).waitFor();
    await expectAccessible(hr);
    await hr.getByRole('button', { name: 'Opprett prosessen' }).click();

    await hr.waitForURL(/\/change-processes\/[0-9a-f-]{36}$/);
    const id = hr.url().split('/').at(-1)!;
    createdId = id;
    await hr.getByRole('heading', { level: 1, name: title }).waitFor();
    const phases = hr.getByRole('region', { name: 'Faser' });
    await phases.getByRole('listitem').filter({ hasText: 'Forslag og vedtak' }).getByText('pågår nå').waitFor();
    expect(await phases.getByRole('listitem').count()).toBe(2);
    await hr.getByRole('region', { name: 'Prosjektgruppe' }).getByText(`${member} – Prosjektleder`).waitFor();
    await hr.getByRole('link', { name: 'Endre prosessen' }).waitFor();
    await expectAccessible(hr);
    const saved = (await api<ChangeProcess>(`/change-processes/${id}`)).body;
    expect(saved).toMatchObject({ title, status: 'active', currentPhaseId: saved.phases[1]!.id });

    await visit(hr, '/change-processes');
    await hr.getByRole('link', { name: title }).waitFor();
    expect(uncaughtErrors(hr)).toEqual([]);
  });

  test('an edit that crossed someone else’s keeps the user’s text and saves after loading the latest', async () => {
    const before = (await api<ChangeProcess>(`/change-processes/${createdId}`)).body;
    await visit(hr, `/change-processes/${createdId}/edit`);
    const mandate = hr.getByLabel('Mandat');
    await expect.poll(() => mandate.inputValue()).toBe(before.mandate);

    // Someone else changes the title and the background meanwhile.
    const other = await api<ChangeProcess>(`/change-processes/${createdId}`, {
      method: 'PATCH', ifMatch: before.version, body: { title: `${title} (justert)`, background: 'Bakgrunn fra en annen.' },
    });
    expect(other.status).toBe(200);

    await mandate.fill('Mandat fra skjemaet.');
    await hr.getByRole('button', { name: 'Lagre', exact: true }).click();
    const alert = hr.getByRole('alert').filter({ hasText: 'Noen andre har endret dette' });
    await alert.waitFor();
    expect(await mandate.inputValue()).toBe('Mandat fra skjemaet.');
    await alert.getByRole('button', { name: 'Hent nyeste versjon' }).click();
    // What only the other changed takes their value; the user's own change stays.
    await expect.poll(() => hr.getByLabel('Tittel').inputValue()).toBe(`${title} (justert)`);
    expect(await hr.getByLabel('Bakgrunn').inputValue()).toBe('Bakgrunn fra en annen.');
    expect(await mandate.inputValue()).toBe('Mandat fra skjemaet.');
    await expectAccessible(hr);

    await hr.getByRole('button', { name: 'Lagre', exact: true }).click();
    await hr.waitForURL(new RegExp(`/change-processes/${createdId}$`));
    const saved = (await api<ChangeProcess>(`/change-processes/${createdId}`)).body;
    expect(saved).toMatchObject({ title: `${title} (justert)`, mandate: 'Mandat fra skjemaet.', background: 'Bakgrunn fra en annen.', version: before.version + 2 });
    expect(saved.phases.map((p) => p.name)).toEqual(['Kartlegging', 'Forslag og vedtak']);
    expect(uncaughtErrors(hr)).toEqual([]);
  });

  test('a politician reads the demo process without edit buttons', async () => {
    // The home page says which processes are under way, and in which phase.
    await visit(politician, '/');
    const underWay = politician.getByRole('region', { name: 'Omstilling som pågår' });
    await underWay.getByRole('listitem').filter({ hasText: 'Ny organisering av helse og omsorg' }).getByText(/nå: Forslag til organisasjonskart/).waitFor();
    await expectAccessible(politician);
    await visit(politician, '/change-processes');
    expect(await politician.getByRole('link', { name: 'Ny omstillingsprosess' }).count()).toBe(0);
    await politician.getByRole('link', { name: 'Ny organisering av helse og omsorg' }).click();
    await politician.getByRole('heading', { level: 1, name: 'Ny organisering av helse og omsorg' }).waitFor();
    await politician.getByRole('navigation', { name: 'Sider i omstillingsprosessen' }).waitFor();
    await politician.getByRole('region', { name: 'Mandat' }).getByText(/trenivåmodell/).waitFor();
    await politician.getByText('pågår nå').waitFor();
    // Where the process stands, from its parts: site visits, questions, the plan, the proposals.
    const glance = politician.getByRole('region', { name: 'Status så langt' });
    await glance.getByText(/^Befaring i \d av 6 berørte enheter$/).waitFor();
    await glance.getByText(/spørsmål venter på svar/).waitFor();
    await glance.getByText(/meldinger er sendt eller holdt/).waitFor();
    await glance.getByRole('link', { name: 'Organisasjonskart' }).click();
    await politician.waitForURL(/\/org-charts$/);
    await politician.goBack();
    expect(await politician.getByRole('link', { name: 'Endre prosessen' }).count()).toBe(0);
    await expectAccessible(politician);
    expect(uncaughtErrors(politician)).toEqual([]);
  });
});
