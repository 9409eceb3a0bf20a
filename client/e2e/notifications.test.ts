import type { AccountPage, CriteriaSetPage, NotificationPage, NotificationPreferences, Team, UnitPage } from '@lagverk/shared';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { api, axeViolations, describeViolations, launchBrowser, noBrowser, signedInPage, uncaughtErrors, visit } from './support/browser.ts';

// A team proposed in Lagvik skole reaches its manager as a notification: the header's bell
// counts it, the notifications page lists it and leads to the team, and the manager
// chooses not to get such notifications by email.

describe.skipIf(noBrowser)('notifications: the bell, the list and the choices', () => {
  let browser: Browser;
  let manager: Page;
  const teamName = `Varslingslaget ${Date.now()}`;
  let teamId = '';

  beforeAll(async () => {
    browser = await launchBrowser();
    manager = await signedInPage(browser, 'unitManager');
    const school = (await api<UnitPage>(`/units?q=${encodeURIComponent('Lagvik skole')}&limit=5`)).body.items.find((u) => u.name === 'Lagvik skole')!;
    const coordinatorPersonId = (await api<AccountPage>(`/accounts?q=${encodeURIComponent('koordinator@')}`)).body.items[0]!.personId;
    const created = await api<Team>('/teams', {
      method: 'POST',
      body: { name: teamName, purpose: 'Varsle lederen.', mandate: 'Prøve varsler.', everydayTask: 'Skolestart.', effectGoals: ['serviceQuality'], unitIds: [school.id] },
    });
    expect(created.status).toBe(201);
    teamId = created.body.id;
    expect((await api(`/teams/${teamId}/members`, { method: 'POST', body: { personId: coordinatorPersonId, role: 'coordinator' } })).status).toBe(201);
    const establishment = (await api<CriteriaSetPage>('/criteria-sets?kind=establishment&status=published&limit=1')).body.items[0]!;
    const answers = establishment.criteria.map((c) => ({
      criterionId: c.id, comment: null,
      value: c.answerType === 'yesNo' ? true : c.answerType === 'scale' ? 4 : c.answerType === 'number' ? 4 : 'Avklart.',
    }));
    expect((await api(`/teams/${teamId}/assessment`, { method: 'PUT', body: { criteriaSetId: establishment.id, answers } })).status).toBe(200);
    expect((await api(`/teams/${teamId}/propose`, { method: 'POST' })).status).toBe(200);
  });

  afterAll(async () => {
    await browser?.close();
  });

  test('the manager sees the proposal in the bell and the list, and changes what reaches them', async () => {
    const unread = (await api<NotificationPage>('/me/notifications?unread=true&limit=1', { as: 'unitManager' })).body.unreadCount;
    expect(unread).toBeGreaterThan(0);

    await visit(manager, '/');
    const bell = manager.getByRole('link', { name: new RegExp(`^Varsler ${unread} ulest`) });
    await bell.waitFor();
    await Promise.all([manager.waitForURL('**/notifications'), bell.click()]);
    await manager.getByRole('heading', { level: 1, name: 'Varsler' }).waitFor();
    const item = manager.getByRole('link', { name: `Arbeidslaget «${teamName}» venter på din godkjenning` });
    await item.waitFor();
    expect(describeViolations(await axeViolations(manager))).toBe('');

    await item.click();
    await manager.waitForURL(`**/teams/${teamId}`);
    await manager.getByRole('link', { name: new RegExp(unread > 1 ? `^Varsler ${unread - 1} ulest` : '^Varsler ingen uleste') }).waitFor();

    await visit(manager, '/notifications/preferences');
    await manager.getByRole('checkbox', { name: 'På e-post: Arbeidslag som venter på godkjenning' }).uncheck();
    await manager.getByLabel('Språk i e-postene').selectOption('nn');
    await manager.getByRole('button', { name: 'Lagre' }).click();
    await manager.getByRole('status').filter({ hasText: 'Valgene dine er lagret.' }).waitFor();
    expect(describeViolations(await axeViolations(manager))).toBe('');

    const prefs = (await api<NotificationPreferences>('/me/notification-preferences', { as: 'unitManager' })).body;
    expect(prefs.emailLanguage).toBe('nn');
    expect(prefs.kinds.find((k) => k.kind === 'teamProposed')).toEqual({ kind: 'teamProposed', inApp: true, email: false });
    expect(uncaughtErrors(manager)).toEqual([]);
  });
});
