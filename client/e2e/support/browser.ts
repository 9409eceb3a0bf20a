import axe from 'axe-core';
import { chromium, type Browser, type Page } from 'playwright-core';
import { inject } from 'vitest';
import { demoAccounts, demoPassword, type DemoAccount } from './accounts.ts';

export { demoAccounts, demoPassword, type DemoAccount };

export const chromiumPath = inject('chromiumPath');
export const baseUrl = inject('baseUrl');
/** Use with describe.skipIf: global setup already said why. */
export const noBrowser = !chromiumPath;

export function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: chromiumPath ?? undefined,
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
}

/** A fresh page (own storage) in the given interface language, unless `language` is null. */
export async function openPage(browser: Browser, language: 'nb' | 'nn' | 'en' | null = 'nb'): Promise<Page> {
  const context = await browser.newContext({ baseURL: baseUrl, viewport: { width: 1280, height: 900 } });
  if (language) {
    await context.addInitScript((lang) => {
      if (!localStorage.getItem('lagverk.language')) localStorage.setItem('lagverk.language', lang);
    }, language);
  }
  const page = await context.newPage();
  const errors: string[] = [];
  pageErrors.set(page, errors);
  page.on('pageerror', (error) => errors.push(error.message));
  // The server's Content Security Policy must not block anything the app itself does.
  page.on('console', (message) => {
    if (message.type() === 'error' && message.text().includes('Content Security Policy')) errors.push(message.text());
  });
  return page;
}

const pageErrors = new WeakMap<Page, string[]>();

/** Uncaught script errors in the page so far; a test ends by expecting none. */
export const uncaughtErrors = (page: Page) => pageErrors.get(page) ?? [];

/**
 * Signs the page's browser context in as a demo account through the API (quick; the
 * sign-in form has tests of its own). The session cookie lands in the context's jar.
 */
export async function signIn(page: Page, account: DemoAccount) {
  const response = await page.context().request.post('/api/v1/auth/session', {
    data: { email: demoAccounts[account], password: demoPassword },
  });
  if (response.status() !== 201) throw new Error(`Signing in as ${account} failed: ${response.status()} ${await response.text()}`);
}

/** A fresh page signed in as `account` (the administrator unless told). */
export async function signedInPage(browser: Browser, account: DemoAccount = 'admin', language: 'nb' | 'nn' | 'en' | null = 'nb'): Promise<Page> {
  const page = await openPage(browser, language);
  await signIn(page, account);
  return page;
}

/** Signs in through the real sign-in form, on the page it is on or after opening it. */
export async function signInWithForm(page: Page, account: DemoAccount, password = demoPassword) {
  if (!new URL(page.url()).pathname.startsWith('/sign-in')) await visit(page, '/sign-in');
  await page.getByLabel('E-post', { exact: true }).fill(demoAccounts[account]);
  await page.getByLabel('Passord', { exact: true }).fill(password);
  await page.getByRole('button', { name: 'Logg inn' }).click();
}

/** Opens a client route and waits until its data has arrived. */
export async function visit(page: Page, path: string) {
  await page.goto(path);
  await page.waitForLoadState('networkidle');
  await page.locator('main h1').waitFor();
}

/** A session held outside the browser: its cookie and the CSRF token its writes need. */
export interface ApiSession {
  cookie: string;
  csrfToken: string;
}

/** Signs in through the API, as a second browser or device would. */
export async function apiSignIn(account: DemoAccount, userAgent = 'Lagverk browser tests'): Promise<ApiSession> {
  const response = await fetch(`${baseUrl}/api/v1/auth/session`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'user-agent': userAgent },
    body: JSON.stringify({ email: demoAccounts[account], password: demoPassword }),
  });
  if (response.status !== 201) throw new Error(`Signing in as ${account} failed: ${response.status} ${await response.text()}`);
  const cookie = response.headers.getSetCookie().map((line) => line.split(';')[0]!).join('; ');
  const { csrfToken } = (await response.json()) as { csrfToken: string };
  return { cookie, csrfToken };
}

const apiSessions = new Map<DemoAccount, Promise<ApiSession>>();

/**
 * Calls the API directly, as another user or an integration would: signed in as the
 * administrator unless `as` names another demo account (or a session of one's own).
 */
export async function api<T>(
  path: string,
  init: { method?: string; body?: unknown; ifMatch?: number; as?: DemoAccount | ApiSession } = {},
): Promise<{ status: number; body: T }> {
  const who = init.as ?? 'admin';
  const call = async (session: ApiSession) => {
    const headers: Record<string, string> = { cookie: session.cookie };
    if (init.body !== undefined) headers['content-type'] = 'application/json';
    if (init.ifMatch !== undefined) headers['if-match'] = `"${init.ifMatch}"`;
    const method = init.method ?? 'GET';
    if (method !== 'GET') headers['x-csrf-token'] = session.csrfToken;
    return fetch(`${baseUrl}/api/v1${path}`, { method, headers, body: init.body === undefined ? null : JSON.stringify(init.body) });
  };
  let response: Response;
  if (typeof who === 'string') {
    if (!apiSessions.has(who)) apiSessions.set(who, apiSignIn(who));
    response = await call(await apiSessions.get(who)!);
    // A test may have ended that session (a password change ends the others): sign in again.
    if (response.status === 401) {
      apiSessions.set(who, apiSignIn(who));
      response = await call(await apiSessions.get(who)!);
    }
  } else {
    response = await call(who);
  }
  const text = await response.text();
  return { status: response.status, body: (text ? JSON.parse(text) : null) as T };
}

export interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  nodes: { target: string[]; failureSummary?: string }[];
}

/** WCAG 2.1 A and AA violations on the current page, as axe-core reports them. */
export async function axeViolations(page: Page): Promise<AxeViolation[]> {
  // Evaluated over the DevTools protocol, which the page's CSP (script-src 'self') does not
  // govern; a <script> tag with axe inline would be refused, as it should be.
  await page.evaluate(axe.source);
  return page.evaluate(async () => {
    const result = await (window as unknown as { axe: typeof axe }).axe.run(document, {
      runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] },
    });
    return result.violations.map((v) => ({
      id: v.id,
      impact: v.impact ?? null,
      help: v.help,
      nodes: v.nodes.map((n) => ({ target: n.target.map(String), failureSummary: n.failureSummary })),
    }));
  });
}

export function describeViolations(violations: AxeViolation[]): string {
  return violations
    .map((v) => `${v.id} (${v.impact}): ${v.help}\n${v.nodes.map((n) => `    at ${n.target.join(' ')}: ${n.failureSummary ?? ''}`).join('\n')}`)
    .join('\n');
}
