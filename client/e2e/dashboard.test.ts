import type { Dashboard, ManagementReview, Member, Person, PublicDashboard, PublicDashboardSettings, SurveyRound, SurveyTemplate, TeamPage, UnitPage } from '@lagverk/shared';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { api, axeViolations, baseUrl, describeViolations, launchBrowser, noBrowser, openPage, signedInPage, uncaughtErrors, visit } from './support/browser.ts';
import { invitationToken } from './support/invitations.ts';

// The effect dashboard for politicians and leaders, the management review, and the public
// page an administrator may switch on. Every figure is checked against what the API says.

const statusOrder = ['Utkast', 'Foreslått', 'Godkjent', 'Avslått', 'Aktivt', 'På pause', 'Avsluttet'] as const;
const statusKeys = ['draft', 'proposed', 'approved', 'rejected', 'active', 'paused', 'concluded'] as const;
const categoryOrder = ['Endret rutine eller arbeidsprosess', 'Tjenestekvalitet', 'Ressursbruk', 'Kompetanse', 'Annet'] as const;
const categoryKeys = ['routineChange', 'serviceQuality', 'resourceEfficiency', 'competence', 'other'] as const;
const goalNames = [
  'Mindre ubrukt potensial for tverrfaglig samarbeid', 'Ressurseffektiv oppgaveløsning', 'Høyere tjenestekvalitet', 'Kompetansemobilisering', 'Trepartssamarbeid',
];

/** The chart with this title: its SVG (role img) and the table behind it, opened. */
async function chartTable(page: Page, title: string): Promise<string[][]> {
  const chart = page.locator('.chart').filter({ has: page.getByRole('heading', { name: title, exact: true }) });
  const details = chart.locator('details');
  if ((await details.getAttribute('open')) === null) await chart.getByText('Vis tallene bak figuren').click();
  const rows = chart.getByRole('table').locator('tbody tr');
  await rows.first().waitFor();
  return Promise.all((await rows.all()).map(async (row) => (await row.locator('th, td').allTextContents()).map((text) => text.trim())));
}

const chartLabel = (page: Page, title: string) => page.getByRole('img', { name: new RegExp(`^${title}:`) }).getAttribute('aria-label');

/** The large figure shown under `label`. */
const keyFigure = async (page: Page, label: string) =>
  (await page.locator('.key-figures__item').filter({ has: page.getByText(label, { exact: true }) }).locator('dd').textContent())?.trim();

/** An employee survey of our own, so the test does not hang on which templates the demo ships. */
async function surveyTemplate(): Promise<SurveyTemplate> {
  const created = await api<SurveyTemplate>('/survey-templates', {
    method: 'POST',
    body: {
      name: `Samarbeid på tvers ${Date.now()}`, language: 'nb', audience: 'employees',
      questions: [
        { text: 'Jeg samarbeider med kolleger fra andre fag når oppgaven krever det.', type: 'scale', effectGoal: 'unusedPotential', indicator: 'Samarbeid på tvers', required: true },
        { text: 'Jeg vet hva de andre faggruppene kan bidra med.', type: 'scale', effectGoal: 'unusedPotential', indicator: 'Kjennskap til andre fag', required: true },
        { text: 'Vi løser oppgavene med mindre dobbeltarbeid enn før.', type: 'scale', effectGoal: 'resourceEfficiency', indicator: 'Dobbeltarbeid', required: true },
        { text: 'Hvilken faggruppe tilhører du?', type: 'choice', options: ['Helse', 'Annet'], background: true },
      ],
    },
  });
  if (created.status !== 201) throw new Error(`Creating the template failed: ${created.status} ${JSON.stringify(created.body)}`);
  return created.body;
}

/**
 * A closed round of `template`, answered by every member of the demo's active teams with
 * `scale` on every scale question: what a baseline and a follow-up leave behind, so the
 * effect goals have a trend to draw.
 */
async function closedRound(template: SurveyTemplate, name: string, kind: 'baseline' | 'followUp', scale: (respondent: number) => number, baselineRoundId?: string): Promise<SurveyRound> {
  const teams = (await api<TeamPage>('/teams?status=active&limit=200')).body.items;
  const now = Date.now();
  const created = await api<SurveyRound>('/survey-rounds', {
    method: 'POST',
    body: {
      templateId: template.id, name, kind, ...(baselineRoundId ? { baselineRoundId } : {}), audience: 'teamMembers', teamIds: teams.map((t) => t.id),
      opensAt: new Date(now - 60_000).toISOString(), closesAt: new Date(now + 86_400_000).toISOString(), minRespondents: 3,
    },
  });
  if (created.status !== 201) throw new Error(`Creating the round failed: ${created.status} ${JSON.stringify(created.body)}`);
  const opened = await api<SurveyRound>(`/survey-rounds/${created.body.id}/open`, { method: 'POST', body: {} });
  if (opened.status !== 200) throw new Error(`Opening the round failed: ${opened.status} ${JSON.stringify(opened.body)}`);
  // Each current member (with an email, for an account) signs in and finds their own link.
  const personIds = new Set<string>();
  for (const team of teams) {
    for (const member of (await api<{ items: Member[] }>(`/teams/${team.id}/members`)).body.items) if (!member.leftOn) personIds.add(member.personId);
  }
  const tokens: string[] = [];
  for (const personId of personIds) {
    const person = (await api<Person>(`/people/${personId}`)).body;
    const token = person.email ? await invitationToken(person.id, person.email, created.body.id) : null;
    if (token) tokens.push(token);
  }
  expect(tokens.length).toBeGreaterThanOrEqual(3);
  for (const [index, token] of tokens.entries()) {
    const answers = template.questions.map((q) => ({
      questionId: q.id, value: q.type === 'scale' ? scale(index) : q.type === 'choice' ? 0 : q.type === 'yesNo' ? true : null,
    }));
    const sent = await fetch(`${baseUrl}/api/v1/survey-answering/answers`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ token, answers }) });
    if (sent.status !== 201) throw new Error(`Answering failed: ${sent.status} ${await sent.text()}`);
  }
  const closed = await api<SurveyRound>(`/survey-rounds/${created.body.id}/close`, { method: 'POST', body: {} });
  if (closed.status !== 200) throw new Error(`Closing the round failed: ${closed.status} ${JSON.stringify(closed.body)}`);
  return closed.body;
}

describe.skipIf(noBrowser)('the effect dashboard, the management review and the public page', () => {
  let browser: Browser;
  let politician: Page;
  let orgPath = '';

  beforeAll(async () => {
    browser = await launchBrowser();
    politician = await signedInPage(browser, 'politician');
    const settings = await api<PublicDashboardSettings>('/public-dashboard');
    orgPath = settings.body.publicPath;
    // A baseline, then a follow-up where the same people answer higher.
    const template = await surveyTemplate();
    const baseline = await closedRound(template, `Nullmåling ${Date.now()}`, 'baseline', (i) => (i % 2 === 0 ? 3 : 2));
    await closedRound(template, `Oppfølging ${Date.now()}`, 'followUp', (i) => (i % 2 === 0 ? 4 : 3), baseline.id);
  });
  afterAll(async () => {
    // Leave the public page off, as the demo starts.
    const current = await api<PublicDashboardSettings>('/public-dashboard');
    if (current.status === 200) await api('/public-dashboard', { method: 'PUT', body: { enabled: false, figures: [], intro: null }, ifMatch: current.body.version });
    await browser?.close();
  });

  test('a politician finds the dashboard in the menu and sees the demo figures as charts with their tables', async () => {
    const expected = (await api<Dashboard>('/dashboard', { as: 'politician' })).body;
    await visit(politician, '/');
    await politician.getByRole('navigation', { name: 'Hovedmeny' }).getByRole('link', { name: 'Effekt' }).click();
    await politician.getByRole('heading', { level: 1, name: 'Effekt og resultater' }).waitFor();
    await politician.getByRole('heading', { name: 'Arbeidslag etter status' }).waitFor();

    // The whole organisation and the period the server chose.
    const scope = await politician.locator('.report-scope').textContent();
    expect(scope).toContain('Lagvik kommune');
    expect(scope).toContain('Periode:');
    // A politician may choose a service area (the unit tree is public); the period filters
    // show the period in force.
    expect(await politician.getByLabel('Enhet eller tjenesteområde').count()).toBe(1);
    expect(await politician.getByLabel('Fra og med').inputValue()).toBe(expected.period.from);
    expect(await politician.getByLabel('Til og med').inputValue()).toBe(expected.period.to);

    // Every effect goal has its card, in the programme's order.
    const goals = await politician.locator('.goal-card h3').allTextContents();
    expect(goals).toEqual(goalNames);

    // Teams by status: the chart names every bar with its value, and the table behind it
    // holds the same figures.
    expect(expected.teams.byStatus.active).toBeGreaterThan(0);
    const statusLabel = await chartLabel(politician, 'Arbeidslag etter status');
    for (const [index, name] of statusOrder.entries()) expect(statusLabel).toContain(`${name} ${expected.teams.byStatus[statusKeys[index]!]}`);
    expect(await chartTable(politician, 'Arbeidslag etter status')).toEqual(statusOrder.map((name, index) => [name, String(expected.teams.byStatus[statusKeys[index]!])]));
    expect(await keyFigure(politician, 'Aktive arbeidslag')).toBe(String(expected.teams.byStatus.active));

    // Results documented in the period, by category: the demo teams' results.
    expect(expected.results.total).toBeGreaterThan(0);
    expect(await keyFigure(politician, 'Dokumenterte resultater')).toBe(String(expected.results.total));
    expect(await chartTable(politician, 'Resultater etter kategori')).toEqual(categoryOrder.map((name, index) => [name, String(expected.results.byCategory[categoryKeys[index]!])]));

    // How cross-disciplinary the active teams are: "N enheter" → number of teams.
    const unitRows = await chartTable(politician, 'Aktive lag etter antall deltakende enheter');
    expect(unitRows).toEqual(expected.teams.composition.unitsPerTeam.distribution.map((step) => [
      `${step.count} ${step.count === 1 ? 'enhet' : 'enheter'}`, `${step.teams} lag`,
    ]));

    // Evaluations and follow-up actions, with what is overdue marked in words.
    expect(await keyFigure(politician, 'Forfalt: skulle vært evaluert')).toBe(String(expected.evaluations.overdueNow));
    expect(await keyFigure(politician, 'Åpne tiltak')).toBe(String(expected.followUpActions.open));

    // Competence, arenas and experiences: the demo's coordinator course, the tripartite workshop held and the library.
    await politician.getByRole('heading', { level: 2, name: 'Kompetanse, arenaer og erfaringsdeling' }).waitFor();
    const hours = expected.competence.hours === null ? 'Skjult' : new Intl.NumberFormat('nb-NO', { maximumFractionDigits: 1 }).format(expected.competence.hours);
    expect(await keyFigure(politician, 'Timer godskrevet')).toBe(hours);
    const roleRows = politician.getByRole('table', { name: 'Deltakere og timer etter målgruppe for tiltakene' }).locator('tbody th');
    expect(await roleRows.allTextContents()).toEqual(['Koordinatorer', 'Medlemmer', 'Virksomhetsledere']);
    expect(expected.arenas.meetingsHeld).toBeGreaterThan(0);
    expect(await keyFigure(politician, 'Møter holdt')).toBe(String(expected.arenas.meetingsHeld));
    expect((await chartTable(politician, 'Møter holdt etter type arena')).find((row) => row[0] === 'Trepartsverksted'))
      .toEqual(['Trepartsverksted', String(expected.arenas.byType.find((a) => a.type === 'tripartiteWorkshop')!.meetingsHeld)]);
    expect(expected.experiences.shared).toBeGreaterThan(0);
    expect(await keyFigure(politician, 'Erfaringer delt')).toBe(String(expected.experiences.shared));
    expect(uncaughtErrors(politician)).toEqual([]);
  });

  test('each effect goal shows its survey trend: the latest mean, a line with a value per round, and the table behind it', async () => {
    const expected = (await api<Dashboard>('/dashboard', { as: 'politician' })).body;
    const goal = expected.effectGoals.find((g) => g.effectGoal === 'unusedPotential')!;
    const rounds = goal.rounds.slice(-2);
    expect(rounds.map((r) => r.kind)).toEqual(['baseline', 'followUp']);
    const [before, after] = rounds.map((r) => (r.figure.suppressed ? null : r.figure.mean));
    expect(after!).toBeGreaterThan(before!);
    const decimal = (value: number, signed = false) => new Intl.NumberFormat('nb-NO', { minimumFractionDigits: 1, maximumFractionDigits: 1, signDisplay: signed ? 'exceptZero' : 'auto' }).format(value);

    await visit(politician, '/effect');
    const card = politician.locator('.goal-card').filter({ has: politician.getByRole('heading', { name: goalNames[0], exact: true }) });
    expect(await card.locator('.goal-card__number').textContent()).toBe(decimal(after!));
    // The line: one image whose name reads out every round and the change.
    const line = card.getByRole('img', { name: new RegExp(`^${goalNames[0]}:`) });
    const label = await line.getAttribute('aria-label');
    expect(label).toContain(`${rounds[0]!.roundName} (`);
    expect(label).toContain(`${decimal(before!)} av 5`);
    expect(label).toContain(`${decimal(after!)} av 5`);
    // Value labels on the points, not only a position on an axis.
    const values = await line.locator('.chart__value').allTextContents();
    expect(values.slice(-2)).toEqual([decimal(before!), decimal(after!)]);
    // Each indicator has a small line of its own.
    expect(await card.locator('.indicator-list li').count()).toBe(goal.indicators.length);
    expect(goal.indicators.length).toBeGreaterThan(0);
    // The table behind it: a row per round, with the mean and the number of answers.
    await card.getByText('Vis tallene bak figuren').click();
    const rows = card.getByRole('table').locator('tbody tr');
    await rows.first().waitFor();
    const last = (await rows.last().locator('th, td').allTextContents()).map((text) => text.trim());
    const figure = rounds[1]!.figure;
    expect(last[0]).toBe(`${rounds[1]!.roundName} (Oppfølging)`);
    expect(last[2]).toBe(figure.suppressed ? 'Skjult: for få svar' : `${decimal(figure.mean)} (${figure.n} svar)`);
    expect(uncaughtErrors(politician)).toEqual([]);
  });

  test('the dashboard prints as a report: no menu or buttons, a page per section, the tables open', async () => {
    await visit(politician, '/effect');
    await politician.getByRole('heading', { name: 'Arbeidslag etter status' }).waitFor();
    await politician.evaluate(() => {
      // The print dialog itself is the browser's; record that it was asked for.
      window.print = () => {
        window.dispatchEvent(new Event('beforeprint'));
        (window as unknown as { printed: boolean }).printed = true;
      };
    });
    await politician.getByRole('button', { name: 'Skriv ut / lagre som PDF' }).click();
    expect(await politician.evaluate(() => (window as unknown as { printed?: boolean }).printed)).toBe(true);
    // Every table behind a chart is open for the printout.
    expect(await politician.locator('.print-report details:not([open])').count()).toBe(0);
    await politician.evaluate(() => window.dispatchEvent(new Event('afterprint')));
    expect(await politician.locator('.print-report details[open]').count()).toBe(0);

    await politician.emulateMedia({ media: 'print' });
    try {
      expect(await politician.locator('.app-nav').isVisible()).toBe(false);
      expect(await politician.locator('.app-header').isVisible()).toBe(false);
      expect(await politician.getByRole('button', { name: 'Skriv ut / lagre som PDF' }).isVisible()).toBe(false);
      expect(await politician.getByLabel('Fra og med').isVisible()).toBe(false);
      const breaks = await politician.locator('.report-section').evaluateAll((sections) => sections.map((s) => getComputedStyle(s).breakBefore));
      expect(breaks).toEqual(['auto', 'page', 'page', 'page', 'page', 'page']);
      expect(await politician.getByRole('heading', { level: 1, name: 'Effekt og resultater' }).isVisible()).toBe(true);
    } finally {
      await politician.emulateMedia({ media: 'screen' });
    }
  });

  test('a leader filters by a service area and a period; the address shows a politician the same figures', async () => {
    const units = (await api<UnitPage>('/units?limit=200')).body.items;
    const area = units.find((u) => u.name === 'Helse og omsorg')!;
    const whole = (await api<Dashboard>('/dashboard')).body;
    const expected = (await api<Dashboard>(`/dashboard?unitId=${area.id}`)).body;
    // The demo's teams are spread over several service areas, so the filter narrows.
    expect(expected.teams.total).toBeLessThan(whole.teams.total);

    const leader = await signedInPage(browser, 'unitManager');
    await visit(leader, '/effect');
    await leader.getByLabel('Enhet eller tjenesteområde').selectOption({ label: 'Helse og omsorg' });
    await expect.poll(() => new URL(leader.url()).searchParams.get('unitId')).toBe(area.id);
    await leader.locator('.report-scope').filter({ hasText: 'Helse og omsorg' }).waitFor();
    expect(await keyFigure(leader, 'Arbeidslag i alt')).toBe(String(expected.teams.total));
    // The arenas are the whole municipality's, and the page says so under a unit filter.
    await leader.getByText('Arenaene er felles for hele kommunen.', { exact: false }).waitFor();
    expect(await keyFigure(leader, 'Møter holdt')).toBe(String(whole.arenas.meetingsHeld));
    expect(await chartTable(leader, 'Arbeidslag etter status')).toEqual(statusOrder.map((name, index) => [name, String(expected.teams.byStatus[statusKeys[index]!])]));

    // A shorter period: only the results achieved in it.
    await leader.getByLabel('Fra og med').fill('2026-01-01');
    await expect.poll(() => new URL(leader.url()).searchParams.get('from')).toBe('2026-01-01');
    const inPeriod = (await api<Dashboard>(`/dashboard?unitId=${area.id}&from=2026-01-01`)).body;
    await expect.poll(() => keyFigure(leader, 'Dokumenterte resultater')).toBe(String(inPeriod.results.total));
    expect(await chartTable(leader, 'Resultater etter kategori')).toEqual(categoryOrder.map((name, index) => [name, String(inPeriod.results.byCategory[categoryKeys[index]!])]));

    // The politician opens the leader's address and sees the same part of the municipality.
    const shared = new URL(leader.url());
    await visit(politician, `${shared.pathname}${shared.search}`);
    await politician.locator('.report-scope').filter({ hasText: 'Helse og omsorg' }).waitFor();
    expect(await keyFigure(politician, 'Arbeidslag i alt')).toBe(String(expected.teams.total));
    expect(await keyFigure(politician, 'Dokumenterte resultater')).toBe(String(inPeriod.results.total));
    expect(uncaughtErrors(leader)).toEqual([]);
    await leader.context().close();
  });

  test('the management review shows its sections for a chosen period, and its PDF and JSON links answer', async () => {
    await visit(politician, '/effect');
    await politician.getByRole('link', { name: 'Ledelsens gjennomgang' }).click();
    await politician.getByRole('heading', { level: 1, name: 'Ledelsens gjennomgang' }).waitFor();
    for (const name of ['Rutiner og kriterier', 'Arbeidslag', 'Resultater i perioden', 'Evalueringer', 'Kartlegginger og effektmål', 'Oppfølgingstiltak', 'Kompetanse, arenaer og erfaringsdeling']) {
      await politician.getByRole('heading', { level: 2, name, exact: true }).waitFor();
    }

    await politician.getByLabel('Fra og med').fill('2025-07-01');
    await politician.getByLabel('Til og med').fill('2026-06-30');
    await expect.poll(() => new URL(politician.url()).search).toBe('?from=2025-07-01&to=2026-06-30');
    const expected = (await api<ManagementReview>('/reports/management-review?from=2025-07-01&to=2026-06-30', { as: 'politician' })).body;
    await politician.locator('.report-scope').filter({ hasText: 'Periode: 1. juli 2025 – 30. juni 2026' }).waitFor();
    // The criteria sets in use, by name.
    const setNames = await politician.getByRole('table', { name: 'Kriteriesett' }).locator('tbody th').allTextContents();
    expect(setNames).toEqual(expected.procedures.criteriaSets.map((s) => s.name));
    // The period's results, listed by title.
    const titles = await politician.getByRole('table', { name: 'Resultatene i perioden' }).locator('tbody th').allTextContents();
    expect(titles).toEqual(expected.results.items.map((r) => r.title));
    expect(titles.length).toBeGreaterThan(0);

    const pdfHref = await politician.getByRole('link', { name: 'Last ned PDF' }).getAttribute('href');
    expect(pdfHref).toBe('/api/v1/reports/management-review.pdf?from=2025-07-01&to=2026-06-30');
    const pdf = await politician.context().request.get(pdfHref!);
    expect(pdf.status()).toBe(200);
    expect(pdf.headers()['content-type']).toContain('application/pdf');
    expect((await pdf.body()).subarray(0, 5).toString('latin1')).toBe('%PDF-');

    const jsonHref = await politician.getByRole('link', { name: 'Last ned dataene (JSON)' }).getAttribute('href');
    const json = await politician.context().request.get(jsonHref!);
    expect(json.status()).toBe(200);
    const report = (await json.json()) as ManagementReview;
    expect(report.period).toEqual({ from: '2025-07-01', to: '2026-06-30' });
    expect(report.results.total).toBe(expected.results.total);
    expect(uncaughtErrors(politician)).toEqual([]);
  });

  test('an administrator switches the public page on; it then shows the chosen figures to anyone, without sign-in', async () => {
    const visitor = await openPage(browser);
    // Off, as the demo starts: the address says so.
    await visit(visitor, orgPath);
    await visitor.getByText('Denne kommunen har ingen offentlig side om arbeidslagene, eller siden er slått av.').waitFor();

    const admin = await signedInPage(browser, 'admin');
    await visit(admin, '/');
    await admin.getByRole('link', { name: 'Offentlig side' }).click();
    await admin.getByRole('heading', { level: 1, name: 'Offentlig side' }).waitFor();
    await admin.getByLabel('Vis den offentlige siden').check();
    await admin.getByLabel('Aktive arbeidslag').check();
    await admin.getByLabel('Eksempler på resultater').check();
    const intro = `Slik jobber Lagvik med arbeidslag på tvers av fag (${Date.now()}).`;
    await admin.getByLabel('Innledning').fill(intro);
    await admin.getByRole('button', { name: 'Lagre innstillingene' }).click();
    await admin.getByRole('status').filter({ hasText: 'Endringene er lagret.' }).waitFor();
    expect((await api<PublicDashboardSettings>('/public-dashboard')).body).toMatchObject({ enabled: true, figures: ['activeTeams', 'exampleResults'], intro });
    expect(uncaughtErrors(admin)).toEqual([]);
    await admin.context().close();

    const published = (await (await fetch(`${baseUrl}/api/v1/public${orgPath.replace('/offentlig', '/organisations')}/dashboard`)).json()) as PublicDashboard;
    expect(published.figures).toEqual(['activeTeams', 'exampleResults']);
    await visit(visitor, orgPath);
    // Nobody signed in: the page stays (no sign-in page), without the menu.
    expect(new URL(visitor.url()).pathname).toBe(orgPath);
    expect(await visitor.context().cookies()).toEqual([]);
    expect(await visitor.getByRole('navigation', { name: 'Hovedmeny' }).count()).toBe(0);
    await visitor.getByRole('heading', { level: 1, name: 'Arbeidslag i Lagvik kommune' }).waitFor();
    await visitor.getByText(intro).waitFor();
    expect(await visitor.locator('main h2').allTextContents()).toEqual(['Aktive arbeidslag', 'Eksempler på resultater']);
    expect(await keyFigure(visitor, 'Aktive arbeidslag')).toBe(String(published.activeTeams));
    const titles = await visitor.locator('.example-results h3').allTextContents();
    expect(titles).toEqual(published.exampleResults!.map((r) => r.title));
    expect(titles.length).toBeGreaterThan(0);
    // Figures not chosen are not there.
    expect(await visitor.getByRole('heading', { name: 'Resultater etter kategori' }).count()).toBe(0);
    expect(uncaughtErrors(visitor)).toEqual([]);
    await visitor.context().close();
  });

  test('axe finds no violation on the dashboard, the management review, the settings and the public page', async () => {
    // The public page with every figure, the fullest it gets.
    const current = (await api<PublicDashboardSettings>('/public-dashboard')).body;
    await api('/public-dashboard', {
      method: 'PUT', ifMatch: current.version,
      body: { enabled: true, figures: ['activeTeams', 'resultsByCategory', 'effectGoalTrends', 'exampleResults'], intro: 'Slik jobber kommunen med arbeidslag.' },
    });
    const admin = await signedInPage(browser, 'admin');
    const visitor = await openPage(browser);
    const pages: [Page, string][] = [
      [politician, '/effect'], [politician, '/effect/management-review'], [admin, '/public-dashboard'], [visitor, orgPath],
    ];
    for (const [page, path] of pages) {
      await visit(page, path);
      // With the tables behind the charts open, so they are checked too.
      await page.locator('details').evaluateAll((all) => all.forEach((details) => ((details as HTMLDetailsElement).open = true)));
      const violations = await axeViolations(page);
      expect(violations, `${path}\n${describeViolations(violations)}`).toEqual([]);
      expect(uncaughtErrors(page)).toEqual([]);
    }
    await admin.context().close();
    await visitor.context().close();
  });
});
