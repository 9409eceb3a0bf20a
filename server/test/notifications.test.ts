import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { FastifyBaseLogger } from 'fastify';
import { sql } from 'kysely';
import type { NotificationPage, NotificationPreferences } from '@lagverk/shared';
import { buildApp, type App } from '../src/app.ts';
import { loadConfig } from '../src/config.ts';
import type { Database } from '../src/db/database.ts';
import { notify } from '../src/notifications/notify.ts';
import { drainOutbox, maxAttempts, smtpHostOf, smtpMailer, smtpTransportOptions, type Mailer } from '../src/notifications/sender.ts';
import { notifyDueEvaluations } from '../src/notifications/triggers.ts';
import { startNotificationWorker } from '../src/notifications/worker.ts';
import { createAccount, sessionFor, type SessionHeaders } from './support/accounts.ts';
import { createOrganisation, openTestDatabase } from './support/database.ts';
import { as, expectProblem, unique } from './support/factories.ts';
import { invitationTokens, openRound } from './support/survey-factories.ts';
import { readyDraft, teamAction, teamIn } from './support/team-factories.ts';
import { sinkPassword, startSmtpSink, type SmtpSink } from './support/smtp-sink.ts';

// Notifications in the app and by email. Emails go to a real SMTP server on this machine
// (test/support/smtp-sink.ts), through the outbox and the same sender the server runs.

const publicUrl = 'https://lagverk.test';
const from = 'Lagverk <noreply@lagverk.test>';

let sink: SmtpSink;
let database: Database;
let app: App;
let org: string;
let otherOrg: string;

async function person(name: string, email: string | null = `${unique()}@test.kommune.no`, organisationId = org) {
  const row = await database.db.insertInto('people').values({ organisation_id: organisationId, name, email })
    .returning('id').executeTakeFirstOrThrow();
  return row.id;
}

async function session(personId: string, organisationId = org): Promise<SessionHeaders> {
  const { sessionId: _, ...headers } = await sessionFor(database.db, await createAccount(database.db, organisationId, ['member'], { personId, email: `${unique()}@konto.test` }));
  return headers;
}

async function drain(smtpUrl = sink.url) {
  const mailer = smtpMailer({ smtpUrl, from });
  try {
    return await drainOutbox(database.db, mailer, from);
  } finally {
    mailer.close();
  }
}

const outboxOf = (personId: string) =>
  database.db.selectFrom('email_outbox').selectAll().where('organisation_id', '=', org).where('person_id', '=', personId).execute();

const inboxOf = (personId: string) =>
  database.db.selectFrom('notifications').selectAll().where('organisation_id', '=', org).where('person_id', '=', personId).orderBy('created_at').execute();

const mine = (headers: SessionHeaders, url: string) => app.inject({ method: 'GET', url: `/api/v1${url}`, headers });

beforeAll(async () => {
  sink = await startSmtpSink();
  database = await openTestDatabase();
  org = (await createOrganisation(database.db)).id;
  otherOrg = (await createOrganisation(database.db)).id;
  app = await buildApp({
    database,
    notifications: { publicUrl, mail: { smtpUrl: sink.url, from }, intervalSeconds: 3600, retentionDays: 30, worker: false },
  });
  await app.ready();
});

afterAll(async () => {
  await app?.close();
  await database?.close();
  await sink?.close();
});

beforeEach(() => {
  sink.received.length = 0;
  sink.reject = false;
  sink.delayMs = 0;
});

describe('notify and the email outbox', () => {
  it('honours each person\'s choices and language, and sends through SMTP', async () => {
    const kari = await person('Kari', 'kari@test.kommune.no');
    const noEmail = await person('Uten e-post', null);
    const emailOff = await person('Ola', 'ola@test.kommune.no');
    const nynorsk = await person('Sigrid', 'sigrid@test.kommune.no');
    const olaPut = await app.inject({
      method: 'PUT', url: '/api/v1/me/notification-preferences', headers: await session(emailOff),
      payload: { kinds: [{ kind: 'teamProposed', inApp: true, email: false }] },
    });
    expect(olaPut.statusCode).toBe(200);
    const sigridPut = await app.inject({
      method: 'PUT', url: '/api/v1/me/notification-preferences', headers: await session(nynorsk),
      payload: { emailLanguage: 'nn', kinds: [{ kind: 'teamProposed', inApp: false, email: true }] },
    });
    expect(sigridPut.statusCode).toBe(200);

    const teamId = '0b6f4a5e-8c1d-4f7a-9a57-3c2e1d0f9b21';
    await database.db.transaction().execute((trx) => notify(trx, {
      organisationId: org, personIds: [kari, noEmail, emailOff, nynorsk, kari], kind: 'teamProposed',
      subjectId: teamId, title: 'Hverdagsrehabilitering', link: `/teams/${teamId}`,
    }));

    expect((await inboxOf(kari)).map((n) => [n.kind, n.title, n.link])).toEqual([['teamProposed', 'Hverdagsrehabilitering', `/teams/${teamId}`]]);
    expect(await inboxOf(noEmail)).toHaveLength(1);
    expect(await inboxOf(emailOff)).toHaveLength(1);
    expect(await inboxOf(nynorsk)).toHaveLength(0);
    expect(await outboxOf(noEmail)).toHaveLength(0);
    expect(await outboxOf(emailOff)).toHaveLength(0);

    expect(await drain()).toEqual({ sent: 2, failed: 0, retrying: 0 });
    const byAddress = new Map(sink.received.map((m) => [m.to && !Array.isArray(m.to) ? m.to.text : '', m]));
    expect([...byAddress.keys()].sort()).toEqual(['kari@test.kommune.no', 'sigrid@test.kommune.no']);
    const toKari = byAddress.get('kari@test.kommune.no')!;
    expect(toKari.subject).toBe('Arbeidslag venter på godkjenning: Hverdagsrehabilitering');
    expect(toKari.from?.text).toContain('noreply@lagverk.test');
    expect(toKari.text).toContain(`${publicUrl}/teams/${teamId}`);
    expect(toKari.text).toContain(`${publicUrl}/notifications/preferences`);
    expect(toKari.html).toContain(`href="${publicUrl}/teams/${teamId}"`);
    expect(byAddress.get('sigrid@test.kommune.no')!.subject).toBe('Arbeidslag ventar på godkjenning: Hverdagsrehabilitering');

    // Sent: the body is gone from the outbox.
    const [row] = await outboxOf(kari);
    expect(row).toMatchObject({ status: 'sent', attempts: 1, text_body: null, html_body: null });
    expect(await drain()).toEqual({ sent: 0, failed: 0, retrying: 0 });
  });

  it('retries after the SMTP server refuses, with back-off, and gives up after the last attempt', async () => {
    const p = await person('Retry', 'retry@test.kommune.no');
    await notify(database.db, { organisationId: org, personIds: [p], kind: 'evaluationDue', subjectId: p, title: 'Lag A', link: '/teams/a' });
    sink.reject = true;
    expect(await drain()).toEqual({ sent: 0, failed: 0, retrying: 1 });
    let [row] = await outboxOf(p);
    expect(row).toMatchObject({ status: 'pending', attempts: 1 });
    expect(row!.last_error).toContain('451');
    expect(row!.next_attempt_at.getTime()).toBeGreaterThan(Date.now() + 30_000);
    // Not due yet: a drain now leaves it alone.
    sink.reject = false;
    expect(await drain()).toEqual({ sent: 0, failed: 0, retrying: 0 });
    await database.db.updateTable('email_outbox').set({ next_attempt_at: sql`now()` }).where('organisation_id', '=', org).where('person_id', '=', p).execute();
    expect(await drain()).toEqual({ sent: 1, failed: 0, retrying: 0 });
    expect(sink.received.map((m) => m.subject)).toEqual(['Evaluering forfaller: Lag A']);

    const q = await person('Gir opp', 'giveup@test.kommune.no');
    await notify(database.db, { organisationId: org, personIds: [q], kind: 'evaluationDue', subjectId: q, title: 'Lag B', link: '/teams/b' });
    await database.db.updateTable('email_outbox').set({ attempts: maxAttempts - 1 }).where('organisation_id', '=', org).where('person_id', '=', q).execute();
    sink.reject = true;
    expect(await drain()).toEqual({ sent: 0, failed: 1, retrying: 0 });
    [row] = await outboxOf(q);
    expect(row).toMatchObject({ status: 'failed', attempts: maxAttempts, text_body: null, html_body: null });
  });

  it('never sends an email twice when two drains run at once', async () => {
    const people = await database.db.insertInto('people')
      .values(Array.from({ length: 45 }, (_, i) => ({ organisation_id: org, name: `Mottaker ${i}`, email: `m${i}.${unique()}@test.kommune.no` })))
      .returning('id').execute();
    await notify(database.db, { organisationId: org, personIds: people.map((p) => p.id), kind: 'meetingInvitation', subjectId: people[0]!.id, title: 'Nettverksmøte', link: '/arenas' });
    sink.delayMs = 5;
    const [a, b] = await Promise.all([drain(), drain()]);
    expect(a.sent + b.sent).toBe(45);
    const addresses = sink.received.map((m) => (m.to && !Array.isArray(m.to) ? m.to.text : ''));
    expect(new Set(addresses).size).toBe(45);
    expect(addresses).toHaveLength(45);
  });

  it('keeps the SMTP password out of errors and logs', async () => {
    expect(smtpHostOf(sink.url)).not.toContain(sinkPassword);
    const p = await person('Feil passord', 'wrongpass@test.kommune.no');
    await notify(database.db, { organisationId: org, personIds: [p], kind: 'teamDecided', subjectId: p, title: 'Lag C', link: '/teams/c' });
    const wrong = sink.url.replace(sinkPassword, 'feil-passord-123');
    expect(await drain(wrong)).toMatchObject({ retrying: 1 });
    const [row] = await outboxOf(p);
    expect(row!.last_error).toBeTruthy();
    expect(row!.last_error).not.toContain('feil-passord-123');

    const lines: string[] = [];
    const capture = (...args: unknown[]) => { lines.push(JSON.stringify(args)); };
    const log = { info: capture, error: capture, warn: capture, debug: capture } as unknown as FastifyBaseLogger;
    const worker = startNotificationWorker(database.db, { mail: { smtpUrl: sink.url, from }, intervalSeconds: 3600, retentionDays: 30 }, log);
    await worker.stop();
    expect(lines.join('\n')).toContain('127.0.0.1');
    expect(lines.join('\n')).not.toContain(sinkPassword);

    const refusal = (() => {
      try {
        loadConfig({ SMTP_URL: `ftp://u:${sinkPassword}@mail` });
        return '';
      } catch (error) {
        return (error as Error).message;
      }
    })();
    expect(refusal).toContain('SMTP_URL');
    expect(refusal).not.toContain(sinkPassword);
    expect(() => loadConfig({ SMTP_URL: sink.url })).toThrow(/MAIL_FROM[\s\S]*PUBLIC_URL/);
    expect(loadConfig({ SMTP_URL: sink.url, MAIL_FROM: from, PUBLIC_URL: publicUrl }).mail).toMatchObject({ from, intervalSeconds: 30, retentionDays: 30 });
  });

  it('asks a mail server on another machine for TLS before a password goes to it', () => {
    // STARTTLS is otherwise optional, and whoever strips its offer reads the password and the survey links.
    expect(smtpTransportOptions('smtp://lagverk:hemmelig@smtp.kommune.no:587')).toMatchObject({ secure: false, requireTLS: true });
    expect(smtpTransportOptions('smtps://lagverk:hemmelig@smtp.kommune.no')).toMatchObject({ secure: true, port: 465 });
    // A relay on this machine (the test's own), or one that takes no password, is not forced.
    expect(smtpTransportOptions(sink.url)).toMatchObject({ requireTLS: false });
    expect(smtpTransportOptions('smtp://relay.kommune.no:25')).toMatchObject({ requireTLS: false });
  });

  it('sends outside any transaction: a slow mail server holds no lock, and another drain meanwhile finds nothing due', async () => {
    const p = await person('Treg server', 'treg@test.kommune.no');
    await notify(database.db, { organisationId: org, personIds: [p], kind: 'teamDecided', subjectId: p, title: 'Lag D', link: '/teams/d' });
    const other: Mailer = { send: () => Promise.reject(new Error('this drain should have found nothing')), close: () => {} };
    let locked: unknown[] = [];
    let meanwhile: unknown;
    const slow: Mailer = {
      async send() {
        // While the email is on its way its row is nobody's lock (NOWAIT fails at once if it is) …
        locked = await database.db.transaction().execute((trx) => trx.selectFrom('email_outbox').select('status')
          .where('organisation_id', '=', org).where('person_id', '=', p).forUpdate().noWait().execute());
        // … and yet no other drain takes it.
        meanwhile = await drainOutbox(database.db, other, from);
      },
      close: () => {},
    };
    expect(await drainOutbox(database.db, slow, from)).toEqual({ sent: 1, failed: 0, retrying: 0 });
    expect(locked).toEqual([{ status: 'pending' }]);
    expect(meanwhile).toEqual({ sent: 0, failed: 0, retrying: 0 });
    expect(await outboxOf(p)).toMatchObject([{ status: 'sent', attempts: 1, text_body: null, html_body: null }]);
  });
});

describe('my notifications', () => {
  it('lists newest first with the unread count, marks read, and hides other people\'s', async () => {
    const me = await person('Meg');
    const headers = await session(me);
    for (const title of ['Første', 'Andre', 'Tredje']) {
      await notify(database.db, { organisationId: org, personIds: [me], kind: 'teamDecided', subjectId: me, title, link: '/teams/x' });
    }
    let res = await mine(headers, '/me/notifications?limit=2');
    expect(res.statusCode).toBe(200);
    expect(res.headers['cache-control']).toBe('no-store');
    const first = res.json<NotificationPage>();
    expect(first.unreadCount).toBe(3);
    expect(first.items.map((n) => n.title)).toEqual(['Tredje', 'Andre']);
    res = await mine(headers, `/me/notifications?limit=2&cursor=${first.nextCursor}`);
    expect(res.json<NotificationPage>().items.map((n) => n.title)).toEqual(['Første']);

    const read = await app.inject({ method: 'POST', url: `/api/v1/me/notifications/${first.items[0]!.id}/read`, headers });
    expect(read.statusCode).toBe(200);
    expect(read.json().readAt).not.toBeNull();
    const unread = (await mine(headers, '/me/notifications?unread=true')).json<NotificationPage>();
    expect(unread.unreadCount).toBe(2);
    expect(unread.items.map((n) => n.title)).toEqual(['Andre', 'Første']);

    // Another person (same organisation or another) cannot read or mark mine.
    const someoneElse = await session(await person('Annen'));
    expect((await mine(someoneElse, '/me/notifications')).json<NotificationPage>().items).toEqual([]);
    expectProblem(await app.inject({ method: 'POST', url: `/api/v1/me/notifications/${first.items[1]!.id}/read`, headers: someoneElse }), 404, 'not-found');
    const stranger = await session(await person('Fremmed', null, otherOrg), otherOrg);
    expectProblem(await app.inject({ method: 'POST', url: `/api/v1/me/notifications/${first.items[1]!.id}/read`, headers: stranger }), 404, 'not-found');

    const all = await app.inject({ method: 'POST', url: '/api/v1/me/notifications/read-all', headers });
    expect(all.json()).toEqual({ marked: 2, unreadCount: 0 });
    expect((await app.inject({ method: 'POST', url: '/api/v1/me/notifications/read-all', headers })).json()).toEqual({ marked: 0, unreadCount: 0 });

    // An integration token has no inbox.
    expectProblem(await app.inject({ method: 'GET', url: '/api/v1/me/notifications', headers: as(org) }), 403, 'session-required');
    expectProblem(await app.inject({ method: 'GET', url: '/api/v1/me/notification-preferences', headers: as(org) }), 403, 'session-required');
  });

  it('marks a survey invitation read without recording when (answers keep no time either)', async () => {
    const me = await person('Invitert');
    const headers = await session(me);
    for (const title of ['Medarbeiderundersøkelsen', 'Oppfølgingen']) {
      await notify(database.db, { organisationId: org, personIds: [me], kind: 'surveyInvitation', subjectId: me, title, link: '/my-surveys' });
    }
    await notify(database.db, { organisationId: org, personIds: [me], kind: 'teamDecided', subjectId: me, title: 'Lag E', link: '/teams/e' });
    await new Promise((resolve) => setTimeout(resolve, 30));
    const before = (await mine(headers, '/me/notifications')).json<NotificationPage>().items;
    const one = before.find((n) => n.title === 'Oppfølgingen')!;
    const read = await app.inject({ method: 'POST', url: `/api/v1/me/notifications/${one.id}/read`, headers });
    expect(read.json().readAt).toBe(one.createdAt);
    expect((await app.inject({ method: 'POST', url: '/api/v1/me/notifications/read-all', headers })).json()).toEqual({ marked: 2, unreadCount: 0 });
    const after = new Map((await mine(headers, '/me/notifications')).json<NotificationPage>().items.map((n) => [n.title, n]));
    expect(after.get('Medarbeiderundersøkelsen')!.readAt).toBe(after.get('Medarbeiderundersøkelsen')!.createdAt);
    expect(after.get('Oppfølgingen')!.readAt).toBe(one.createdAt);
    // Other kinds say when they were read.
    expect(Date.parse(after.get('Lag E')!.readAt!)).toBeGreaterThan(Date.parse(after.get('Lag E')!.createdAt));
  });

  it('keeps the choices with a version, defaults first', async () => {
    const me = await person('Velger', 'velger@test.kommune.no');
    const headers = await session(me);
    let res = await mine(headers, '/me/notification-preferences');
    expect(res.headers.etag).toBe('"1"');
    const defaults = res.json<NotificationPreferences>();
    expect(defaults).toMatchObject({ emailLanguage: 'nb', emailAddress: 'velger@test.kommune.no', version: 1 });
    expect(defaults.kinds.every((k) => k.inApp && k.email)).toBe(true);
    expect(defaults.kinds.map((k) => k.kind)).toEqual(['meetingInvitation', 'surveyInvitation', 'teamProposed', 'teamDecided', 'evaluationDue', 'changeQuestionAnswered']);

    const put = (payload: object, ifMatch?: string) => app.inject({
      method: 'PUT', url: '/api/v1/me/notification-preferences', headers: { ...headers, ...(ifMatch && { 'if-match': ifMatch }) }, payload,
    });
    res = await put({ emailLanguage: 'en', kinds: [{ kind: 'surveyInvitation', inApp: true, email: false }] }, '"1"');
    expect(res.statusCode).toBe(200);
    expect(res.headers.etag).toBe('"2"');
    expect(res.json<NotificationPreferences>().kinds.find((k) => k.kind === 'surveyInvitation')).toEqual({ kind: 'surveyInvitation', inApp: true, email: false });
    expectProblem(await put({ emailLanguage: 'nb' }, '"1"'), 412, 'stale-version');
    expectProblem(await put({ kinds: [{ kind: 'newsletter', inApp: true, email: true }] }), 400);
    expectProblem(await put({}), 400);
    const now = (await mine(headers, '/me/notification-preferences')).json<NotificationPreferences>();
    expect(now).toMatchObject({ emailLanguage: 'en', version: 2 });
  });
});

describe('what notifies whom', () => {
  it('a proposal notifies the unit\'s manager; a decision the coordinator and the proposer', async () => {
    const { team, unit, coordinator } = await readyDraft(app, database.db, org);
    const manager = await person('Leder', 'leder@test.kommune.no');
    await database.db.updateTable('units').set({ manager_id: manager }).where('organisation_id', '=', org).where('id', '=', unit.id).execute();
    const proposer = await person('Forslagsstiller');
    const { sessionId: _, ...proposerHeaders } = await sessionFor(database.db, await createAccount(database.db, org, ['administrator'], { personId: proposer, email: `${unique()}@konto.test` }));

    const proposed = await app.inject({ method: 'POST', url: `/api/v1/teams/${team.id}/propose`, headers: proposerHeaders });
    expect(proposed.statusCode).toBe(200);
    expect((await inboxOf(manager)).map((n) => [n.kind, n.subject_id, n.link])).toEqual([['teamProposed', team.id, `/teams/${team.id}`]]);
    expect(await inboxOf(proposer)).toEqual([]);
    expect((await outboxOf(manager)).map((m) => m.to_address)).toEqual(['leder@test.kommune.no']);

    expect((await teamAction(app, org, team.id, 'approve', { reason: 'Godt begrunnet' })).statusCode).toBe(200);
    expect((await inboxOf(coordinator.id)).map((n) => n.kind)).toEqual(['teamDecided']);
    expect((await inboxOf(proposer)).map((n) => n.kind)).toEqual(['teamDecided']);
    expect((await inboxOf(manager)).map((n) => n.kind)).toEqual(['teamProposed']);
  });

  it('a survey round opening invites by email with the personal link, in the app without it', async () => {
    const invited = await person('Invitert', 'invitert@test.kommune.no');
    const round = await openRound(app, org, { name: 'Medarbeiderundersøkelse 2026' });
    const [note] = await inboxOf(invited);
    expect(note).toMatchObject({ kind: 'surveyInvitation', subject_id: round.id, link: '/my-surveys', title: 'Medarbeiderundersøkelse 2026' });
    const token = (await invitationTokens(database.db, org, round.id)).get(invited)!;
    expect(JSON.stringify(await inboxOf(invited))).not.toContain(token);
    await drain();
    const mail = sink.received.find((m) => m.to && !Array.isArray(m.to) && m.to.text === 'invitert@test.kommune.no')!;
    expect(mail.subject).toBe('Ny kartlegging: Medarbeiderundersøkelse 2026');
    expect(mail.text).toContain(`${publicUrl}/svar#${token}`);
    // Sent, the outbox no longer holds the link.
    expect(JSON.stringify(await outboxOf(invited))).not.toContain(token);
  });

  it('a due evaluation notifies coordinators and managers once per due date, however many runs', async () => {
    const team = await teamIn(app, database.db, org, 'approved');
    await database.db.updateTable('teams').set({ start_date: '2020-01-01' }).where('organisation_id', '=', org).where('id', '=', team.id).execute();
    const coordinator = (await database.db.selectFrom('team_members').select('person_id').where('organisation_id', '=', org).where('team_id', '=', team.id).executeTakeFirstOrThrow()).person_id;
    const runs = await Promise.all([notifyDueEvaluations(database.db, { organisationId: org }), notifyDueEvaluations(database.db, { organisationId: org })]);
    expect(runs[0] + runs[1]).toBe(1);
    expect(await notifyDueEvaluations(database.db, { organisationId: org })).toBe(0);
    const due = (await inboxOf(coordinator)).filter((n) => n.kind === 'evaluationDue');
    expect(due.map((n) => [n.subject_id, n.title])).toEqual([[team.id, team.name]]);
    // Another organisation's run finds nothing of this one.
    expect(await notifyDueEvaluations(database.db, { organisationId: otherOrg })).toBe(0);
  });
});
