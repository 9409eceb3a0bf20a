import type { ChangeProcessPage, OrgChartProposal } from '@lagverk/shared';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { api, axeViolations, describeViolations, launchBrowser, noBrowser, signedInPage, uncaughtErrors, visit } from './support/browser.ts';

// The organisation-chart part of issue 7: HR redraws "Helse og omsorg" from today's structure
// with a new level, sees the comparison, and the chart works by keyboard alone.

async function expectAccessible(page: Page) {
  const violations = await axeViolations(page);
  expect(violations, describeViolations(violations)).toEqual([]);
}

describe.skipIf(noBrowser)('org charts: HR proposes a new level for health and care', () => {
  let browser: Browser;
  let hr: Page;
  let processId = '';
  let proposalUrl = '';
  const title = `Tre nivå ${Date.now()}`;

  beforeAll(async () => {
    browser = await launchBrowser();
    hr = await signedInPage(browser, 'hr');
    const processes = (await api<ChangeProcessPage>('/change-processes?limit=200')).body.items;
    processId = processes.find((p) => p.title === 'Ny organisering av helse og omsorg')!.id;
  });
  afterAll(async () => {
    await browser?.close();
  });

  test('HR creates a proposal from the current subtree, adds a level and sees the comparison', async () => {
    await visit(hr, `/change-processes/${processId}/org-charts`);
    await hr.getByRole('link', { name: 'Tre nivå med kommunalsjefer' }).waitFor();
    await hr.getByLabel('Del av organisasjonen').selectOption({ label: 'Helse og omsorg' });
    await hr.getByRole('tree', { name: 'Dagens struktur' }).getByRole('treeitem', { name: /Hjemmetjenesten/ }).waitFor();
    await expectAccessible(hr);
    await hr.getByLabel('Tittel').fill(title);
    await hr.getByRole('button', { name: 'Lag forslag fra dagens struktur' }).click();
    await hr.waitForURL(/\/org-charts\/[0-9a-f-]{36}$/);
    proposalUrl = new URL(hr.url()).pathname;

    await hr.getByRole('button', { name: 'Legg til en enhet under Helse og omsorg' }).click();
    await hr.locator('input[id$="-name"]:focus').fill('Pleie og omsorg');
    await hr.getByRole('group', { name: /^Hjemmetjenesten/ }).getByLabel('Plasser under').selectOption({ label: 'Pleie og omsorg' });
    await hr.getByRole('group', { name: /^Lagvik sykehjem/ }).getByLabel('Plasser under').selectOption({ label: 'Pleie og omsorg' });
    await hr.getByRole('button', { name: 'Lagre kartet' }).click();
    await hr.getByRole('status').filter({ hasText: 'Kartet er lagret.' }).waitFor();

    const compare = hr.getByRole('region', { name: 'Sammenligning' });
    await compare.getByText('Hjemmetjenesten flyttes fra Helse og omsorg til Pleie og omsorg').waitFor();
    await compare.getByText('Ny enhet Pleie og omsorg under Helse og omsorg').waitFor();
    const levels = compare.getByRole('row', { name: /^Nivåer/ });
    await expect.poll(() => levels.textContent()).toMatch(/Nivåer\s*3\s*4/);
    const saved = (await api<OrgChartProposal>(`/org-chart-proposals/${proposalUrl.split('/').at(-1)}`)).body;
    expect(saved.nodes.filter((n) => n.parentKey === saved.nodes.find((p) => p.name === 'Pleie og omsorg')!.key).map((n) => n.name).sort())
      .toEqual(['Hjemmetjenesten', 'Lagvik sykehjem']);
    await expectAccessible(hr);

    // Someone else saves the proposal meanwhile: the chart in the form is kept, and saves
    // over theirs once the latest version is loaded.
    const other = await api<OrgChartProposal>(`/org-chart-proposals/${saved.id}`, { method: 'PATCH', body: { description: 'Fra HR-møtet.' }, ifMatch: saved.version });
    expect(other.status).toBe(200);
    await hr.getByRole('group', { name: /^Psykisk helse og rus/ }).getByLabel('Navn').fill('Psykisk helse, rus og avhengighet');
    await hr.getByRole('button', { name: 'Lagre kartet' }).click();
    await hr.getByRole('alert').filter({ hasText: 'Noen andre har endret dette mens du redigerte' }).waitFor();
    await hr.getByRole('button', { name: 'Hent nyeste versjon' }).click();
    await hr.getByRole('status').filter({ hasText: 'Kartet i skjemaet er fortsatt ditt' }).waitFor();
    expect(await hr.getByRole('group', { name: /^Psykisk helse, rus og avhengighet/ }).count()).toBe(1);
    await expectAccessible(hr);
    await hr.getByRole('button', { name: 'Lagre kartet' }).click();
    await hr.getByRole('status').filter({ hasText: 'Kartet er lagret.' }).waitFor();
    const merged = (await api<OrgChartProposal>(`/org-chart-proposals/${saved.id}`)).body;
    expect(merged.description).toBe('Fra HR-møtet.');
    expect(merged.nodes.map((n) => n.name)).toContain('Psykisk helse, rus og avhengighet');

    // Recording a decision without its date and reference says what is missing, at the field.
    await hr.getByRole('button', { name: 'Registrer vedtaket' }).click();
    const decidedOn = hr.getByLabel('Vedtatt dato');
    await expect.poll(() => hr.evaluate(() => document.activeElement?.id)).toBe('decided-on');
    expect(await decidedOn.getAttribute('aria-invalid')).toBe('true');
    expect(await hr.locator(`[id="${await decidedOn.getAttribute('aria-describedby')}"]`).textContent()).toBe('Fyll ut feltet.');
    expect((await api<OrgChartProposal>(`/org-chart-proposals/${proposalUrl.split('/').at(-1)}`)).body.status).toBe('draft');
    expect(uncaughtErrors(hr)).toEqual([]);
  });

  test('the chart is a tree that works by keyboard, with a list view', async () => {
    await visit(hr, proposalUrl);
    const tree = hr.getByRole('tree', { name: title, exact: true });
    const top = tree.getByRole('treeitem', { name: /^Helse og omsorg/ });
    await top.focus();
    // Focus moves after Vue has rendered, so each step waits for it.
    const focused = () => hr.evaluate(() => document.activeElement?.querySelector('strong')?.textContent ?? '');
    await hr.keyboard.press('ArrowDown');
    await expect.poll(focused).not.toBe('Helse og omsorg');
    await hr.keyboard.press('Home');
    await expect.poll(focused).toBe('Helse og omsorg');
    await hr.keyboard.press('ArrowLeft');
    await expect.poll(() => top.getAttribute('aria-expanded')).toBe('false');
    await hr.keyboard.press('End');
    await expect.poll(focused).toBe('Helse og omsorg');
    await hr.keyboard.press('ArrowRight');
    await expect.poll(() => top.getAttribute('aria-expanded')).toBe('true');
    await hr.keyboard.press('ArrowRight');
    await expect.poll(() => hr.evaluate(() => document.activeElement?.getAttribute('aria-level'))).toBe('2');
    // Only one item is in the tab order, and only items with units below them say whether they are open.
    expect(await tree.locator('[role="treeitem"][tabindex="0"]').count()).toBe(1);
    expect(await tree.getByRole('treeitem', { name: /^Pleie og omsorg/ }).getAttribute('aria-expanded')).toBe('true');
    expect(await tree.getByRole('treeitem', { name: /^Skjermet avdeling/ }).getAttribute('aria-expanded')).toBeNull();
    // Closing the branch with the mouse while an item inside it has the tab stop hands the
    // tab stop to the branch, so the tree stays reachable by Tab.
    await tree.locator('.org-chart__toggle').first().click();
    await expect.poll(() => top.getAttribute('aria-expanded')).toBe('false');
    expect(await top.getAttribute('tabindex')).toBe('0');
    await tree.locator('.org-chart__toggle').first().click();

    await hr.getByRole('region', { name: 'Foreslått kart' }).getByRole('button', { name: 'Liste' }).click();
    await hr.getByRole('table', { name: title, exact: true }).getByRole('row', { name: /Pleie og omsorg\s*2\s*Helse og omsorg/ }).waitFor();
    await expectAccessible(hr);
    expect(uncaughtErrors(hr)).toEqual([]);
  });
});
