import type { CurrentSession, MySurveyInvitationList, Person, SurveyRound, SurveyRoundPage, SurveyTemplate, SurveyTemplatePage, Unit } from '@lagverk/shared';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { api, axeViolations, describeViolations, launchBrowser, noBrowser, openPage, signedInPage, uncaughtErrors, visit } from './support/browser.ts';

// A survey from start to answer: HR puts the default employee survey to one unit and opens
// it; an employee of that unit finds it under "My surveys", answers on a phone, and the
// link is spent. The answer page is checked for what it must not do (send a cookie, show
// who is answering) as much as for what it does.

const phone = { width: 360, height: 740 };
const pad = (n: number) => String(n).padStart(2, '0');
/** A time as a datetime-local input takes it: the browser's clock (the same machine's). */
const localInput = (d: Date) => `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}T${pad(d.getHours())}:${pad(d.getMinutes())}`;

async function expectNoViolations(page: Page, where: string) {
  const violations = await axeViolations(page);
  expect(violations, `${where}:\n${describeViolations(violations)}`).toEqual([]);
}

describe.skipIf(noBrowser)('surveys: a round from a default template, answered on a phone', () => {
  let browser: Browser;
  let hr: Page;
  const roundName = `Nullmåling ${Date.now()}`;
  let roundId = '';
  let unit: Unit;
  let employee: Person;
  let template: SurveyTemplate;

  beforeAll(async () => {
    browser = await launchBrowser();
    hr = await signedInPage(browser, 'hr');
    // The demo employee's unit: the round goes to it.
    const session = await api<CurrentSession>('/auth/session', { as: 'member' });
    employee = (await api<Person>(`/people/${session.body.account.personId}`)).body;
    unit = (await api<Unit>(`/units/${employee.unitId}`)).body;
    const templates = await api<SurveyTemplatePage>('/survey-templates?audience=employees&limit=50');
    template = templates.body.items.find((item) => item.name === 'Medarbeiderundersøkelse om tverrfaglig samarbeid')!;
    expect(template, 'the demo municipality has the default employee survey').toBeDefined();
  });
  afterAll(async () => {
    await browser?.close();
  });

  test('HR creates a round for a unit from the default template and opens it', async () => {
    await visit(hr, '/surveys');
    await expectNoViolations(hr, 'rounds list');
    await hr.getByRole('link', { name: 'Maler' }).click();
    await hr.getByRole('link', { name: template.name, exact: true }).waitFor();
    await expectNoViolations(hr, 'templates list');
    await hr.getByRole('link', { name: template.name, exact: true }).click();
    await hr.locator('main h1').filter({ hasText: template.name }).waitFor();
    await expectNoViolations(hr, 'template page');

    await hr.getByRole('link', { name: 'Ny runde med denne malen' }).click();
    await hr.waitForURL(/\/surveys\/rounds\/new\?templateId=/);
    await hr.getByLabel('Navn').fill(roundName);
    // Chosen from the template page already.
    await expect.poll(() => hr.getByLabel('Mal', { exact: true }).inputValue()).toBe(template.id);
    await hr.getByLabel('Mottakere').selectOption({ label: 'Ansatte i valgte enheter' });
    // Nothing chosen yet: saving names what is missing, next to the picker.
    await hr.getByLabel('Minste antall svar før resultater vises').fill('2');
    await hr.getByRole('button', { name: 'Lagre', exact: true }).click();
    const summary = hr.locator('.ds-error-summary');
    await summary.getByText('Enheter: Velg minst én enhet.').waitFor();
    await summary.getByText('Minste antall svar før resultater vises: Lavest mulig er 3').waitFor();
    await expectNoViolations(hr, 'round editor with errors');

    await hr.locator(`[id="survey-round-unitIds-${unit.id}"]`).check();
    await hr.getByLabel('Minste antall svar før resultater vises').fill('5');
    // Open from an hour ago, so the employee can answer at once.
    await hr.getByLabel('Åpner').fill(localInput(new Date(Date.now() - 3_600_000)));
    await hr.getByRole('button', { name: 'Lagre', exact: true }).click();
    await hr.waitForURL(/\/surveys\/rounds\/[0-9a-f-]{36}$/);
    roundId = hr.url().split('/').pop() ?? '';
    const draft = await api<SurveyRound>(`/survey-rounds/${roundId}`);
    expect(draft.body).toMatchObject({ name: roundName, status: 'draft', audience: 'units', unitIds: [unit.id], templateId: template.id, minRespondents: 5, minTextRespondents: 10 });
    await hr.getByText('Endringene er lagret.').waitFor();
    await expectNoViolations(hr, 'draft round page');

    // Opening asks first; cancelling leaves the draft as it was.
    await hr.getByRole('button', { name: 'Åpne runden' }).click();
    const dialog = hr.getByRole('dialog', { name: `Åpne ${roundName}?` });
    await dialog.waitFor();
    // The dialog fades in: axe would measure its colours half-way.
    await hr.waitForFunction(() => document.getAnimations().every((animation) => animation.playState !== 'running'));
    await expectNoViolations(hr, 'open dialog');
    await dialog.getByRole('button', { name: 'Avbryt' }).click();
    await expect.poll(() => hr.evaluate(() => document.activeElement?.id)).toBe('survey-round-open');
    expect((await api<SurveyRound>(`/survey-rounds/${roundId}`)).body.status).toBe('draft');

    await hr.getByRole('button', { name: 'Åpne runden' }).click();
    await dialog.getByRole('button', { name: 'Åpne runden' }).click();
    await hr.getByRole('status').filter({ hasText: 'Runden er åpnet.' }).waitFor();
    const open = (await api<SurveyRound>(`/survey-rounds/${roundId}`)).body;
    expect(open.status).toBe('open');
    expect(open.invitedCount).toBeGreaterThan(0);
    const progress = hr.locator('dl.facts').nth(1);
    await progress.getByText(String(open.invitedCount), { exact: true }).waitFor();
    expect(await hr.getByRole('button', { name: 'Åpne runden' }).count()).toBe(0);
    await expectNoViolations(hr, 'open round page');

    // HR is told where employees find their links, and is shown none of them.
    await hr.getByText('Hver invitert ansatt finner sin personlige lenke under «Mine kartlegginger»').waitFor();
    expect(await hr.getByRole('button', { name: /invitasjon/i }).count()).toBe(0);
    expect(await hr.content()).not.toMatch(/i_[A-Za-z0-9_-]{43}/);

    // The template is in use now: read-only, with a copy to change instead.
    await visit(hr, `/surveys/templates/${template.id}`);
    await hr.getByText('Malen er brukt i en runde som er åpnet').waitFor();
    expect(await hr.getByRole('link', { name: 'Endre', exact: true }).count()).toBe(0);
    expect(uncaughtErrors(hr)).toEqual([]);
  });

  test('the employee answers from "My surveys" on a 360 px phone, and the link is then spent', async () => {
    const page = await signedInPage(browser, 'member');
    const answerCalls: { url: string; cookie: string | undefined }[] = [];
    const sessionCalls: string[] = [];
    page.on('request', (request) => {
      const url = request.url();
      if (url.includes('/api/v1/survey-answering/')) void request.allHeaders().then((headers) => answerCalls.push({ url, cookie: headers.cookie }));
      if (url.includes('/api/v1/auth/session')) sessionCalls.push(url);
    });

    await visit(page, '/');
    const card = page.locator('.my-surveys li').filter({ hasText: roundName });
    await card.waitFor();
    await expectNoViolations(page, 'home page with My surveys');
    await page.setViewportSize(phone);
    sessionCalls.length = 0;
    await card.getByRole('link', { name: 'Svar' }).click();
    await page.waitForURL(/\/svar#i_[A-Za-z0-9_-]+$/);
    await page.locator('main h1').filter({ hasText: roundName }).waitFor();
    const answerUrl = page.url();

    // Nothing about the person: no name, no user menu, no session asked for, no cookie sent.
    const session = await api<CurrentSession>('/auth/session', { as: 'member' });
    const body = await page.locator('body').innerText();
    expect(body).not.toContain(session.body.account.name);
    expect(body).not.toContain(session.body.account.email);
    expect(await page.getByRole('button', { name: 'Logg ut' }).count()).toBe(0);
    expect(sessionCalls).toEqual([]);
    await expect.poll(() => answerCalls.length).toBe(1);
    expect(answerCalls[0]!.cookie).toBeUndefined();

    // Fits the phone: no sideways scrolling, and every choice a large target.
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(phone.width);
    const box = await page.locator('.answer-choice').first().boundingBox();
    expect(box!.height).toBeGreaterThanOrEqual(44);
    expect(box!.width).toBeGreaterThanOrEqual(44);
    await expectNoViolations(page, 'answer page on a phone');

    // The page's own words follow the language switch; the questions stay as written.
    await page.getByRole('button', { name: 'English' }).click();
    await page.getByRole('button', { name: 'Send answers' }).waitFor();
    await page.getByRole('button', { name: 'Nynorsk' }).click();
    await page.getByRole('button', { name: 'Send svara' }).waitFor();
    await page.getByRole('button', { name: 'Bokmål' }).click();

    // Sending with required questions unanswered lists them, and sends nothing.
    const questions = page.locator('fieldset.answer-question');
    const count = await questions.count();
    expect(count).toBe(template.questions.length);
    const required = template.questions.filter((q) => q.required).length;
    if (required > 0) {
      await page.getByRole('button', { name: 'Send svarene' }).click();
      const summary = page.locator('.ds-error-summary');
      await summary.getByRole('heading', { name: 'Svar på dette før du sender:' }).waitFor();
      expect(await summary.locator('li').count()).toBe(required);
      await expectNoViolations(page, 'answer page with errors');
      expect(answerCalls.length).toBe(1);
    }

    // Each question is a fieldset with its question as the legend; answer them all.
    for (let index = 0; index < count; index += 1) {
      const question = questions.nth(index);
      expect(await question.locator('legend').innerText()).toContain(template.questions[index]!.text);
      if ((await question.locator('textarea').count()) > 0) {
        await question.locator('textarea').fill('Mer tid til å møtes på tvers.');
        await question.getByText('29 av 4000 tegn').waitFor();
      } else {
        const choices = question.locator('.answer-choice');
        await choices.nth(Math.min(3, (await choices.count()) - 1)).click();
      }
    }
    await page.getByRole('button', { name: 'Send svarene' }).click();
    await page.locator('main h1').filter({ hasText: 'Takk for svarene!' }).waitFor();
    await expect.poll(() => page.evaluate(() => document.activeElement?.textContent?.trim())).toBe('Takk for svarene!');
    expect(answerCalls.every((call) => call.cookie === undefined)).toBe(true);
    expect((await api<SurveyRound>(`/survey-rounds/${roundId}`)).body.responseCount).toBe(1);

    // The same link again: already answered.
    await page.reload();
    expect(page.url()).toBe(answerUrl);
    await page.locator('main h1').filter({ hasText: 'Du har allerede svart' }).waitFor();
    await expectNoViolations(page, 'answer page, already answered');

    // And it is gone from "My surveys".
    await page.setViewportSize({ width: 1280, height: 900 });
    await visit(page, '/my-surveys');
    expect(await page.locator('.my-surveys li').filter({ hasText: roundName }).count()).toBe(0);
    await expectNoViolations(page, 'My surveys page');
    expect(uncaughtErrors(page)).toEqual([]);
  });

  test('every kind of question; required ones left blank are listed before anything is sent', async () => {
    const own = await api<SurveyTemplate>('/survey-templates', {
      method: 'POST',
      as: 'hr',
      body: {
        name: `Alle spørsmålstyper ${Date.now()}`, language: 'nn', audience: 'employees', questions: [
          { text: 'Eg samarbeider med kollegar frå andre fagområde.', type: 'scale', effectGoal: 'unusedPotential', required: true },
          { text: 'Har du vore med i eit arbeidslag?', type: 'yesNo', required: true },
          { text: 'Kva faggruppe høyrer du til?', type: 'choice', options: ['Helse', 'Oppvekst', 'Anna'], background: true },
          { text: 'Har du framlegg?', type: 'text', help: 'Skriv fritt.' },
        ],
      },
    });
    const round = await api<SurveyRound>('/survey-rounds', {
      method: 'POST',
      as: 'hr',
      body: {
        templateId: own.body.id, name: `Typerunde ${Date.now()}`, kind: 'baseline', audience: 'units', unitIds: [unit.id],
        opensAt: new Date(Date.now() - 60_000).toISOString(), closesAt: new Date(Date.now() + 86_400_000).toISOString(),
      },
    });
    expect((await api<SurveyRound>(`/survey-rounds/${round.body.id}/open`, { method: 'POST', as: 'hr' })).status).toBe(200);
    const mine = await api<MySurveyInvitationList>('/me/survey-invitations', { as: 'member' });
    const link = mine.body.items.find((item) => item.roundId === round.body.id)!.link;

    const page = await openPage(browser);
    await page.setViewportSize(phone);
    await page.goto(link);
    await page.locator('main h1').filter({ hasText: round.body.name }).waitFor();
    // The questions are marked with the template's language, the page with the reader's.
    expect(await page.locator('legend [lang="nn"]').count()).toBe(4);
    const scale = page.getByRole('group', { name: /samarbeider med kollegar/ });
    expect(await scale.getByRole('radio').count()).toBe(5);
    await scale.getByRole('radio', { name: /^1\s*\(Helt uenig\)$/ }).waitFor();
    await scale.getByRole('radio', { name: /^5\s*\(Helt enig\)$/ }).waitFor();
    await page.getByRole('group', { name: /arbeidslag/ }).getByRole('radio', { name: 'Ja' }).waitFor();

    await page.getByRole('button', { name: 'Send svarene' }).click();
    const summary = page.locator('.ds-error-summary');
    await summary.getByRole('heading', { name: 'Svar på dette før du sender:' }).waitFor();
    expect(await summary.locator('li').allInnerTexts()).toEqual([
      '1. Eg samarbeider med kollegar frå andre fagområde.: Svar på spørsmålet.',
      '2. Har du vore med i eit arbeidslag?: Svar på spørsmålet.',
    ]);
    await expect.poll(() => page.evaluate(() => document.activeElement?.classList.contains('ds-error-summary'))).toBe(true);
    await expectNoViolations(page, 'answer page with errors on a phone');
    // The summary takes the user to the question.
    await summary.getByRole('link', { name: /^2\./ }).click();
    await expect.poll(() => page.evaluate(() => (document.activeElement as HTMLInputElement | null)?.type)).toBe('radio');

    await scale.getByText('4', { exact: true }).click();
    await page.getByText('Nei', { exact: true }).click();
    const choice = page.getByRole('group', { name: /faggruppe/ });
    await choice.getByText('Oppvekst').click();
    // An optional choice can be taken back.
    await choice.getByRole('button', { name: 'Fjern svaret' }).click();
    expect(await choice.getByRole('radio', { checked: true }).count()).toBe(0);
    await choice.getByText('Helse').click();
    await page.getByRole('textbox', { name: /Har du framlegg/ }).fill('Fleire fellesmøte.');
    expect(await summary.count()).toBe(0);
    await page.getByRole('button', { name: 'Send svarene' }).click();
    await page.locator('main h1').filter({ hasText: 'Takk for svarene!' }).waitFor();
    expect((await api<SurveyRound>(`/survey-rounds/${round.body.id}`)).body.responseCount).toBe(1);
    expect(uncaughtErrors(page)).toEqual([]);
  });

  test('a link that is not a survey says so, without anyone signed in', async () => {
    const page = await openPage(browser);
    await page.setViewportSize(phone);
    await page.goto('/svar#i_detteerikkeenekteinvitasjon');
    await page.locator('main h1').filter({ hasText: 'Fant ikke kartleggingen' }).waitFor();
    // Not sent to the sign-in page: the answer page needs no session.
    expect(new URL(page.url()).pathname).toBe('/svar');
    await expectNoViolations(page, 'answer page, unknown link');
    await page.goto('/svar');
    await page.locator('main h1').filter({ hasText: 'Fant ikke kartleggingen' }).waitFor();
    expect(uncaughtErrors(page)).toEqual([]);
  });

  test('a service-user round shows its QR code and link, and the link opens the survey without signing in', async () => {
    const rounds = await api<SurveyRoundPage>('/survey-rounds?status=open&limit=200');
    const shared = rounds.body.items.find((round) => round.audience === 'serviceUsers' && round.sharedLink)!;
    expect(shared, 'the demo has an open service-user round').toBeDefined();
    await visit(hr, `/surveys/rounds/${shared.id}`);
    const qr = hr.getByRole('img', { name: 'QR-kode med lenken til kartleggingen' });
    await expect.poll(() => qr.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth > 0)).toBe(true);
    const link = await hr.getByLabel('Lenke', { exact: true }).inputValue();
    expect(link).toBe(`${new URL(hr.url()).origin}${shared.sharedLink}`);
    // Personal invitations are for employee rounds only.
    expect(await hr.getByRole('button', { name: 'Last ned invitasjonene (CSV)' }).count()).toBe(0);
    await expectNoViolations(hr, 'service-user round page');

    const page = await openPage(browser);
    await page.setViewportSize(phone);
    await page.goto(link);
    await page.locator('main h1').filter({ hasText: shared.name }).waitFor();
    expect(await page.locator('fieldset.answer-question').count()).toBeGreaterThan(0);
    expect(uncaughtErrors(page)).toEqual([]);
  });

  test('a template in use is changed through a copy, question by question', async () => {
    await visit(hr, `/surveys/templates/${template.id}`);
    await hr.getByRole('button', { name: 'Lag en kopi' }).click();
    await hr.waitForURL(/\/surveys\/templates\/[0-9a-f-]{36}\/edit$/);
    const copyId = hr.url().split('/').at(-2) ?? '';
    expect(copyId).not.toBe(template.id);
    await hr.getByText('Dette er en kopi.').waitFor();
    // The editor fills its fields once the copy has loaded; typing before that is overwritten.
    await expect.poll(() => hr.getByLabel('Navn').inputValue()).toMatch(/\(kopi\)$/);
    const name = `Medarbeiderundersøkelse ${Date.now()}`;
    await hr.getByLabel('Navn').fill(name);
    const count = template.questions.length;

    await hr.getByRole('button', { name: 'Legg til spørsmål' }).click();
    await expect.poll(() => hr.evaluate(() => document.activeElement?.id)).toBe(`survey-template-questions-${count}-text`);
    await hr.keyboard.type('Hvilken tjeneste jobber du mest i?');
    await hr.locator(`[id="survey-template-questions-${count}-type"]`).selectOption({ label: 'Ett av flere alternativer' });
    await hr.locator(`[id="survey-template-questions-${count}-options"]`).fill('Helse');
    await hr.getByRole('button', { name: 'Lagre', exact: true }).click();
    await hr.locator('.ds-error-summary').getByText(`Spørsmål ${count + 1}, Svaralternativer: Skriv fra 2 til 12 svaralternativer, ett per linje.`).waitFor();
    await expectNoViolations(hr, 'template editor with errors');

    await hr.locator(`[id="survey-template-questions-${count}-options"]`).fill('Helse\nOppvekst\nAnnet');
    await hr.locator(`[id="survey-template-questions-${count}-background"]`).check();
    await hr.getByRole('button', { name: `Flytt spørsmål ${count + 1} opp` }).click();
    await hr.getByRole('status').filter({ hasText: `Spørsmålet er flyttet til plass ${count}.` }).waitFor();
    await hr.getByRole('button', { name: 'Lagre', exact: true }).click();
    await hr.waitForURL(new RegExp(`/surveys/templates/${copyId}$`));
    const saved = (await api<SurveyTemplate>(`/survey-templates/${copyId}`)).body;
    expect(saved).toMatchObject({ name, locked: false });
    expect(saved.questions).toHaveLength(count + 1);
    expect(saved.questions[count - 1]).toMatchObject({ text: 'Hvilken tjeneste jobber du mest i?', type: 'choice', options: ['Helse', 'Oppvekst', 'Annet'], background: true });
    // The original keeps its questions.
    expect((await api<SurveyTemplate>(`/survey-templates/${template.id}`)).body.questions).toHaveLength(count);
    expect(uncaughtErrors(hr)).toEqual([]);
  });
});
