import type { FollowUpAction, FollowUpActionPage, PersonPage, SurveyRound, SurveyTemplate, UnitPage } from '@lagverk/shared';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import {
  api, axeViolations, baseUrl, describeViolations, launchBrowser, noBrowser, signedInPage, uncaughtErrors, visit,
} from './support/browser.ts';
import { invitationToken } from './support/invitations.ts';

// A closed round made through the API, so the figures are known: 8 answers from Lagvik
// skole (shown), 6 from Solbakken barnehage (enough, but hidden: shown beside Oppvekst it
// would give away Nordbygda by subtraction) and 2 from Nordbygda skole (below the minimum).

const answersPerUnit = { 'Lagvik skole': 8, 'Solbakken barnehage': 6, 'Nordbygda skole': 2 } as const;
type UnitName = keyof typeof answersPerUnit;
const roundName = `Kartlegging for nettlesertest ${Date.now()}`;

async function createClosedRound(): Promise<{ round: SurveyRound; unitIds: Record<UnitName, string> }> {
  const units = (await api<UnitPage>('/units?limit=200')).body.items;
  const unitIds = Object.fromEntries(Object.keys(answersPerUnit).map((name) => [name, units.find((u) => u.name === name)!.id])) as Record<UnitName, string>;

  const template = await api<SurveyTemplate>('/survey-templates', {
    method: 'POST',
    body: {
      name: `Mal for nettlesertest ${Date.now()}`, language: 'nb', audience: 'employees',
      questions: [
        { text: 'Jeg samarbeider med kolleger fra andre fagområder.', type: 'scale', effectGoal: 'unusedPotential', indicator: 'Samarbeid på tvers', required: true },
        { text: 'Vi løser oppgavene uten dobbeltarbeid.', type: 'scale', effectGoal: 'resourceEfficiency', indicator: 'Effektiv oppgaveløsning', required: true },
        { text: 'Har du vært med i et arbeidslag?', type: 'yesNo' },
        { text: 'Hvilken faggruppe tilhører du?', type: 'choice', options: ['Pedagogisk', 'Helse', 'Annet'], background: true },
        { text: 'Hva kan gjøre samarbeidet bedre?', type: 'text' },
      ],
    },
  });
  expect(template.status).toBe(201);
  const questions = template.body.questions;

  const created = await api<SurveyRound>('/survey-rounds', {
    method: 'POST',
    body: {
      templateId: template.body.id, name: roundName, kind: 'baseline', audience: 'units', unitIds: Object.values(unitIds),
      opensAt: new Date(Date.now() - 60_000).toISOString(), closesAt: new Date(Date.now() + 3_600_000).toISOString(),
      minRespondents: 5, minTextRespondents: 10,
    },
  });
  expect(created.status).toBe(201);
  const opened = await api<SurveyRound>(`/survey-rounds/${created.body.id}/open`, { method: 'POST', ifMatch: created.body.version });
  expect(opened.status).toBe(200);

  // Who works where; each person signs in and finds their own invitation link.
  let answered = 0;
  for (const [name, count] of Object.entries(answersPerUnit) as [UnitName, number][]) {
    const people = (await api<PersonPage>(`/people?unitId=${unitIds[name]}&limit=200`)).body.items.filter((p) => p.email);
    const tokens: string[] = [];
    for (const person of people) {
      if (tokens.length === count) break;
      const token = await invitationToken(person.id, person.email!, created.body.id);
      if (token) tokens.push(token);
    }
    expect(tokens.length).toBe(count);
    for (const token of tokens) {
      const answers = [
        { questionId: questions[0]!.id, value: 2 + (answered % 4) },
        { questionId: questions[1]!.id, value: 1 + (answered % 5) },
        { questionId: questions[2]!.id, value: answered % 3 !== 0 },
        { questionId: questions[3]!.id, value: answered % 3 },
        { questionId: questions[4]!.id, value: answered < 12 ? `Flere felles møter (${answered + 1}).` : null },
      ];
      const response = await fetch(`${baseUrl}/api/v1/survey-answering/answers`, {
        method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ token, answers }),
      });
      expect(response.status, await response.clone().text()).toBe(201);
      answered += 1;
    }
  }
  const current = await api<SurveyRound>(`/survey-rounds/${created.body.id}`);
  const closed = await api<SurveyRound>(`/survey-rounds/${created.body.id}/close`, { method: 'POST', ifMatch: current.body.version });
  expect(closed.status).toBe(200);
  return { round: closed.body, unitIds };
}

/** A date some months on, the last day of the month when the day does not exist there (as PostgreSQL counts). */
function monthsLater(date: string, months: number): string {
  const [year, month, day] = date.split('-').map(Number) as [number, number, number];
  const first = new Date(Date.UTC(year, month - 1 + months, 1));
  const lastDay = new Date(Date.UTC(first.getUTCFullYear(), first.getUTCMonth() + 1, 0)).getUTCDate();
  return new Date(Date.UTC(first.getUTCFullYear(), first.getUTCMonth(), Math.min(day, lastDay))).toISOString().slice(0, 10);
}

async function expectNoAxeViolations(page: Page) {
  const violations = await axeViolations(page);
  expect(violations, describeViolations(violations)).toEqual([]);
}

describe.skipIf(noBrowser)('survey results and follow-up actions through the web client', () => {
  let browser: Browser;
  let round: SurveyRound;
  let unitIds: Record<UnitName, string>;
  const resultsPath = () => `/surveys/rounds/${round.id}/results`;
  const actionTitle = `Faste tverrfaglige møter ${Date.now()}`;

  beforeAll(async () => {
    browser = await launchBrowser();
    ({ round, unitIds } = await createClosedRound());
  });
  afterAll(async () => {
    await browser?.close();
  });

  test('a politician finds the round, sees the figures and a group below the minimum shown as hidden', async () => {
    const page = await signedInPage(browser, 'politician');
    await visit(page, '/');
    await page.getByRole('navigation', { name: 'Hovedmeny' }).getByRole('link', { name: 'Resultater fra kartlegginger' }).click();
    await page.getByRole('link', { name: roundName, exact: true }).click();
    await page.getByRole('heading', { level: 1, name: roundName }).waitFor();

    const facts = page.locator('dl.facts');
    await expect.poll(() => facts.textContent()).toMatch(/Svar\s*16/);
    // The aggregated figures to download, as CSV and as an Excel workbook.
    const xlsx = page.getByRole('link', { name: 'Last ned Excel (XLSX)' });
    expect(await xlsx.getAttribute('href')).toBe(`/api/v1/survey-rounds/${round.id}/results.xlsx`);
    expect(await page.getByRole('link', { name: 'Last ned som CSV' }).getAttribute('href')).toBe(`/api/v1/survey-rounds/${round.id}/results.csv`);
    // The whole organisation: a bar chart per question, its figures in the table behind it.
    const chart = page.getByRole('img', { name: /^Stolpediagram over 16 svar: 1 – Helt uenig: 0 \(0\s%\); 2 – Delvis uenig: 4 \(25\s%\)/ });
    await chart.waitFor();
    const question = page.locator('.question-result').filter({ has: page.getByRole('heading', { name: /Jeg samarbeider med kolleger/ }) });
    await question.getByText('Vis tallene bak diagrammet').click();
    // allTextContents does not wait: wait for the opened table's row first.
    const row = question.getByRole('row', { name: /2 – Delvis uenig/ });
    await row.waitFor();
    const figures = await row.locator('td').allTextContents();
    expect(figures.map((text) => text.replace(/\s/g, ' '))).toEqual(['4', '25 %']);
    // A politician may read results but not make actions.
    expect(await page.getByRole('link', { name: /Lag oppfølgingstiltak/ }).count()).toBe(0);
    // Twelve wrote a text answer, above the text minimum of ten.
    await page.getByText('Vis fritekstsvarene').click();
    await page.getByText('Viser 12 av 12 svar, i tilfeldig rekkefølge.').waitFor();
    await expectNoAxeViolations(page);

    await page.getByLabel('Del opp etter').selectOption({ label: 'Enhet' });
    const summary = page.getByRole('table', { name: /Effektmål per gruppe/ });
    await summary.waitFor();
    const cells = (name: string) => summary.getByRole('row', { name: new RegExp(`^${name}`) }).locator('td').allTextContents();
    // Nordbygda skole: two answers, below the minimum; Solbakken barnehage: hidden so that
    // Oppvekst minus the shown units cannot give Nordbygda away. Neither shows a number.
    expect(await cells('Nordbygda skole')).toEqual(Array(3).fill('Skjult: færre enn 5 svar'));
    expect(await cells('Solbakken barnehage')).toEqual(Array(3).fill('Skjult: tallet kunne avsløre en gruppe med færre enn 5 svar'));
    expect((await cells('Lagvik skole'))[0]).toBe('8');
    expect(await xlsx.getAttribute('href')).toBe(`/api/v1/survey-rounds/${round.id}/results.xlsx?groupBy=unit`);
    await expectNoAxeViolations(page);

    await page.getByRole('link', { name: 'Varmekart' }).first().click();
    const heatmap = page.getByRole('table', { name: `Gjennomsnitt per enhet og effektmål, ${roundName}` });
    await heatmap.waitFor();
    const heatRow = (name: string) => heatmap.getByRole('row', { name: new RegExp(`^${name}`) });
    // Every shown cell writes its mean and count; colour is only a help for the eye.
    const lagvik = heatRow('Lagvik skole').locator('td').first();
    expect([await lagvik.locator('.heatmap__mean').textContent(), await lagvik.locator('.heatmap__n').textContent()]).toEqual(['3,5', '8 svar']);
    await expect.poll(() => heatRow('Nordbygda skole').locator('td').first().textContent()).toBe('Skjult: færre enn 5 svar');
    await expectNoAxeViolations(page);
    expect(uncaughtErrors(page)).toEqual([]);
  });

  test('a unit manager makes a follow-up action from a result and records its review', async () => {
    const page = await signedInPage(browser, 'unitManager');
    await visit(page, resultsPath());
    await page.getByLabel('Del opp etter').selectOption({ label: 'Enhet' });
    // A unit's name in the summary opens its details below, and the keyboard goes there too.
    await page.getByRole('table', { name: /Effektmål per gruppe/ }).getByRole('link', { name: 'Lagvik skole', exact: true }).click();
    await page.getByRole('heading', { name: 'Resultater for Lagvik skole' }).waitFor();
    await expect.poll(() => page.evaluate(() => document.activeElement?.id)).toBe('group-details');
    const address = new URL(page.url()).searchParams;
    expect([address.get('groupBy'), address.get('group')]).toEqual(['unit', `unit:${unitIds['Lagvik skole']}`]);
    const createForGoal = page.getByRole('link', { name: /^Lag oppfølgingstiltak\s*: Mindre ubrukt potensial for tverrfaglig samarbeid$/ });
    await createForGoal.waitFor();
    // Oppvekst, the service area above the school, is not theirs: nothing to make there.
    const oppvekst = (await api<UnitPage>('/units?limit=200')).body.items.find((u) => u.name === 'Oppvekst')!;
    await page.getByLabel('Vis detaljer for').selectOption(`unit:${oppvekst.id}`);
    await page.getByRole('heading', { name: 'Resultater for Oppvekst' }).waitFor();
    expect(await page.getByRole('link', { name: /Lag oppfølgingstiltak/ }).count()).toBe(0);
    await page.getByLabel('Vis detaljer for').selectOption(`unit:${unitIds['Lagvik skole']}`);
    await createForGoal.click();

    // The form comes filled in from the result: round, unit and effect goal.
    await page.getByRole('heading', { level: 1, name: 'Nytt oppfølgingstiltak' }).waitFor();
    await expect.poll(() => page.getByLabel('Kartleggingsrunde').inputValue()).toBe(round.id);
    await expect.poll(() => page.getByLabel('Enhet').inputValue()).toBe(unitIds['Lagvik skole']);
    expect(await page.getByLabel('Effektmål').inputValue()).toBe('unusedPotential');
    await expect.poll(() => page.getByLabel('Ansvarlig').inputValue()).not.toBe('');

    // Without a title the summary says so and the field is marked.
    await page.getByRole('button', { name: 'Lagre tiltaket' }).click();
    await page.locator('.ds-error-summary').waitFor();
    expect(await page.getByLabel('Tittel').getAttribute('aria-invalid')).toBe('true');

    await page.getByLabel('Tittel').fill(actionTitle);
    await page.getByLabel('Beskrivelse').fill('Lærere og spesialpedagoger møtes annenhver uke om felles elever.');
    await page.getByLabel('Frist').fill('2027-06-30');
    await page.getByLabel('Legg til person').selectOption({ label: 'Per Ødegård (Hovedtillitsvalgt)' });
    await page.getByRole('button', { name: 'Legg til', exact: true }).click();
    await page.getByRole('button', { name: 'Fjern Per Ødegård' }).waitFor();
    await expectNoAxeViolations(page);
    await page.getByRole('button', { name: 'Lagre tiltaket' }).click();

    await page.getByRole('heading', { level: 1, name: actionTitle }).waitFor();
    await page.getByText('Endringene er lagret.').waitFor();
    const saved = (await api<FollowUpActionPage>(`/follow-up-actions?roundId=${round.id}`)).body.items.find((a) => a.title === actionTitle)!;
    expect(saved).toMatchObject({ roundId: round.id, unitId: unitIds['Lagvik skole'], effectGoal: 'unusedPotential', status: 'planned', dueOn: '2027-06-30' });
    expect(saved.involvedPersonIds).toHaveLength(1);

    // The quarterly review: the action takes its status and the next review moves on.
    await page.getByLabel('Status etter gjennomgangen').selectOption({ label: 'Pågår' });
    await page.getByLabel('Notat').fill('Møtene er i gang; begge trinnene deltar.');
    await page.getByRole('button', { name: 'Lagre gjennomgangen' }).click();
    await page.getByRole('status').filter({ hasText: 'Gjennomgangen er registrert.' }).waitFor();
    await page.getByRole('list', { name: 'Gjennomganger' }).getByText('Møtene er i gang; begge trinnene deltar.').waitFor();
    const reviewed = (await api<FollowUpAction>(`/follow-up-actions/${saved.id}`)).body;
    expect(reviewed.status).toBe('inProgress');
    expect(reviewed.lastReviewedOn).not.toBeNull();
    expect(reviewed.nextReviewOn).toBe(monthsLater(reviewed.lastReviewedOn!, 3));
    await expectNoAxeViolations(page);

    // The list finds it by round; the overview of units without actions no longer names Lagvik skole.
    await visit(page, `/follow-up-actions?roundId=${round.id}`);
    await page.getByRole('link', { name: actionTitle }).waitFor();
    await expectNoAxeViolations(page);
    await visit(page, `/follow-up-actions/without-actions?roundId=${round.id}`);
    await page.locator('.list-status, [role="status"]').filter({ hasText: /tiltak/ }).first().waitFor();
    expect(await page.getByRole('row', { name: /^Lagvik skole/ }).count()).toBe(0);
    await expectNoAxeViolations(page);
    expect(uncaughtErrors(page)).toEqual([]);
  });

  test('the trend across the rounds of a template is a chart with the table behind it, in English too', async () => {
    const page = await signedInPage(browser, 'admin', 'en');
    await visit(page, resultsPath());
    await page.getByRole('link', { name: 'Trend over time' }).click();
    await page.getByRole('heading', { level: 1, name: 'Trend over time' }).waitFor();
    // Lagvik skole's answers 2, 3, 4, 5, … give the organisation a mean of 3.5 on the first goal.
    await page.getByRole('img', { name: new RegExp(`^Line chart of the mean per round\\. Less unused potential for cross-disciplinary collaboration: ${roundName} 3\\.5;`) }).waitFor();
    const table = page.getByRole('table', { name: 'Mean per round (responses in brackets)' });
    expect(await table.getByRole('row', { name: /^Samarbeid på tvers/ }).locator('td').allTextContents()).toEqual(['3.5 (16 responses)']);
    await expectNoAxeViolations(page);
    expect(uncaughtErrors(page)).toEqual([]);
  });
});
