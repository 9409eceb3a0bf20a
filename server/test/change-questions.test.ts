import { Writable } from 'node:stream';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ChangeQuestion, ChangeQuestionPage } from '@lagverk/shared';
import { signedInAs, type SessionHeaders } from './support/accounts.ts';
import { createTestApp, type TestContext } from './support/app.ts';
import { createOrganisation } from './support/database.ts';
import { as, expectProblem, expectValidation, unique } from './support/factories.ts';
import { buildApp } from '../src/app.ts';
import { loggerOptions } from '../src/http/log-serializers.ts';
import { osloDate } from '../src/time.ts';

// Questions and answers in a change process: everyone asks, named or anonymously; HR
// answers (published to everyone, politicians too) and hides; a named asker is notified
// and may withdraw an open question. An anonymous question leaves nothing, anywhere in
// the database, that ties it to the person who asked.

let t: TestContext;
let org: string;
let hr: SessionHeaders, politician: SessionHeaders;
let kari: { headers: SessionHeaders; personId: string; accountId: string };
let ola: { headers: SessionHeaders; personId: string };
let processId: string;

const day = (days: number) => osloDate(new Date(Date.now() + days * 86_400_000));

async function newProcess(organisationId: string, status: 'active' | 'completed' = 'active') {
  return (await t.db.insertInto('change_processes').values({ organisation_id: organisationId, title: `Omstilling ${unique()}`, mandate: 'Ny organisering.', status })
    .returning('id').executeTakeFirstOrThrow()).id;
}
async function activity(kind: 'staffMeeting' | 'interview', heldOn: string) {
  return (await t.db.insertInto('change_activities').values({ organisation_id: org, process_id: processId, kind, title: `Møte ${unique()}`, held_on: heldOn, details: '{}' })
    .returning('id').executeTakeFirstOrThrow()).id;
}

beforeAll(async () => {
  t = await createTestApp();
  org = t.organisationId;
  hr = (await signedInAs(t.db, org, ['hr'])).headers;
  politician = (await signedInAs(t.db, org, ['politician'])).headers;
  const k = await signedInAs(t.db, org, ['member']);
  kari = { headers: k.headers, personId: k.account.personId, accountId: k.account.accountId };
  const o = await signedInAs(t.db, org, ['member']);
  ola = { headers: o.headers, personId: o.account.personId };
  processId = await newProcess(org);
});
afterAll(() => t.close());

const questionsUrl = (pid = processId) => `/api/v1/change-processes/${pid}/questions`;
const ask = (payload: object, headers: Record<string, string> = kari.headers, pid = processId) =>
  t.app.inject({ method: 'POST', url: questionsUrl(pid), headers, payload });
async function asked(payload: object, headers: Record<string, string> = kari.headers) {
  const res = await ask(payload, headers);
  expect(res.statusCode, res.body).toBe(201);
  return res.json<ChangeQuestion>();
}
const answer = (id: string, text: string, headers: Record<string, string> = hr) =>
  t.app.inject({ method: 'POST', url: `/api/v1/change-questions/${id}/answer`, headers, payload: { answer: text } });
async function listed(query: string, headers: Record<string, string>) {
  const res = await t.app.inject({ method: 'GET', url: `${questionsUrl()}?limit=200&${query}`, headers });
  expect(res.statusCode, res.body).toBe(200);
  return res.json<ChangeQuestionPage>().items;
}
const get = (id: string, headers: Record<string, string>) => t.app.inject({ method: 'GET', url: `/api/v1/change-questions/${id}`, headers });
const remove = (q: Pick<ChangeQuestion, 'id' | 'version'>, headers: Record<string, string>) =>
  t.app.inject({ method: 'DELETE', url: `/api/v1/change-questions/${q.id}`, headers: { ...headers, 'if-match': `"${q.version}"` } });

/** Every row of every table whose JSON mentions `needle`, as text. */
async function rowsMentioning(needle: string) {
  const { rows: tables } = await sql<{ name: string }>`select table_name as name from information_schema.tables
    where table_schema = 'public' and table_type = 'BASE TABLE'`.execute(t.db);
  const found: string[] = [];
  for (const { name } of tables) {
    const { rows } = await sql<{ row: string }>`select to_jsonb(x)::text as row from ${sql.table(name)} x
      where strpos(to_jsonb(x)::text, ${needle}) > 0`.execute(t.db);
    found.push(...rows.map((r) => `${name}: ${r.row}`));
  }
  return found;
}

describe('anonymous questions', () => {
  it('leave nothing that ties the question to the asker: no asker, no time of day, no audit event', async () => {
    const text = `Blir turnusen endret? ${unique()}`;
    const question = await asked({ question: text, anonymous: true });
    expect(question).toMatchObject({ anonymous: true, askerPersonId: null, askerName: null, mine: false, status: 'open', askedOn: day(0), ageDays: 0 });

    const mentions = [...await rowsMentioning(text), ...await rowsMentioning(question.id)];
    expect(mentions.length).toBeGreaterThan(0);
    for (const row of mentions) {
      expect(row).not.toContain(kari.personId);
      expect(row).not.toContain(kari.accountId);
    }
    expect(await t.db.selectFrom('audit_events').select('id').where('entity_id', '=', question.id).execute()).toEqual([]);
    // Stored at the start of the day in Norway, not at the minute it was asked.
    const stored = await t.db.selectFrom('change_questions').select(['created_at', 'updated_at', 'asker_person_id'])
      .where('id', '=', question.id).executeTakeFirstOrThrow();
    expect(stored.asker_person_id).toBeNull();
    expect(osloDate(stored.created_at)).toBe(question.askedOn);
    expect(new Intl.DateTimeFormat('en-GB', { timeZone: 'Europe/Oslo', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).format(stored.created_at)).toBe('00:00');
    expect(stored.updated_at.getTime()).toBe(stored.created_at.getTime());

    // Nobody can withdraw it, not even whoever asked: nothing says whose it is.
    expectProblem(await remove(question, kari.headers), 403, 'not-owner');
  });

  it('are logged without the question and without the caller\'s address', async () => {
    const lines: string[] = [];
    const stream = new Writable({ write(chunk, _encoding, done) { lines.push(String(chunk)); done(); } });
    const logged = await buildApp({ database: t.database, logger: loggerOptions('debug', stream) });
    await logged.ready();
    try {
      const text = `Loggfritt ${unique()}`;
      const res = await logged.inject({ method: 'POST', url: questionsUrl(), headers: kari.headers, payload: { question: text, anonymous: true }, remoteAddress: '10.9.8.7' });
      expect(res.statusCode, res.body).toBe(201);
      const log = lines.join('');
      expect(log).toContain('/questions');
      expect(log).not.toContain(text);
      expect(log).not.toContain('10.9.8.7');
      expect(log).not.toContain(kari.accountId);
    } finally {
      await logged.close();
    }
  });

  it('are possible without a person (an integration); a named question needs one', async () => {
    expectProblem(await ask({ question: 'Fra intranettet' }, as(org)), 422, 'no-person');
    const res = await ask({ question: 'Fra intranettet', anonymous: true }, as(org));
    expect(res.statusCode, res.body).toBe(201);
  });

  it('contrast: a named question shows the asker and is audited with them', async () => {
    const question = await asked({ question: 'Hvem blir min leder?' });
    expect(question).toMatchObject({ anonymous: false, askerPersonId: kari.personId, mine: true });
    expect(question.askerName).toMatch(/^Konto /);
    const events = await t.db.selectFrom('audit_events').select(['action', 'actor_person_id']).where('entity_id', '=', question.id).execute();
    expect(events).toEqual([{ action: 'create', actor_person_id: kari.personId }]);
    const seenByOla = (await get(question.id, ola.headers)).json<ChangeQuestion>();
    expect(seenByOla).toMatchObject({ askerName: question.askerName, mine: false });
  });
});

describe('answers', () => {
  it('lists open questions oldest first with their age, and answers published to everyone, a politician too', async () => {
    const pid = await newProcess(org);
    const older = (await ask({ question: 'Eldst' }, kari.headers, pid)).json<ChangeQuestion>();
    const newer = (await ask({ question: 'Nyere', anonymous: true }, kari.headers, pid)).json<ChangeQuestion>();
    const middle = (await ask({ question: 'Midt i' }, ola.headers, pid)).json<ChangeQuestion>();
    await t.db.updateTable('change_questions').set({ asked_on: day(-12) }).where('id', '=', older.id).execute();
    await t.db.updateTable('change_questions').set({ asked_on: day(-5) }).where('id', '=', middle.id).execute();
    const list = async (headers: Record<string, string>, query = '') => {
      const res = await t.app.inject({ method: 'GET', url: `${questionsUrl(pid)}?${query}`, headers });
      expect(res.statusCode, res.body).toBe(200);
      return res.json<ChangeQuestionPage>().items;
    };
    expect((await list(politician)).map((q) => [q.question, q.ageDays])).toEqual([['Eldst', 12], ['Midt i', 5], ['Nyere', 0]]);

    const answered = await answer(middle.id, 'Ja, turnusen beholdes.');
    expect(answered.statusCode, answered.body).toBe(200);
    expect(answered.json<ChangeQuestion>()).toMatchObject({ status: 'answered', answer: 'Ja, turnusen beholdes.', answererName: expect.stringMatching(/^Konto /) });
    const forPolitician = await list(politician);
    expect(forPolitician.map((q) => q.question)).toEqual(['Eldst', 'Nyere', 'Midt i']);
    expect(forPolitician[2]).toMatchObject({ status: 'answered', answer: 'Ja, turnusen beholdes.' });
    expect((await list(politician, 'status=open')).map((q) => q.question)).toEqual(['Eldst', 'Nyere']);
    expect((await list(politician, 'status=answered')).map((q) => q.id)).toEqual([middle.id]);

    // Paging keeps the order.
    const first = await t.app.inject({ method: 'GET', url: `${questionsUrl(pid)}?limit=2`, headers: politician });
    const page = first.json<ChangeQuestionPage>();
    const second = await t.app.inject({ method: 'GET', url: `${questionsUrl(pid)}?limit=2&cursor=${page.nextCursor}`, headers: politician });
    expect([...page.items, ...second.json<ChangeQuestionPage>().items].map((q) => q.id)).toEqual([older.id, newer.id, middle.id]);
    expectProblem(await t.app.inject({ method: 'GET', url: `${questionsUrl(pid)}?cursor=bm9wZQ`, headers: politician }), 400, 'invalid-cursor');
  });

  it('notify a named asker once, and never an anonymous one; changing an answer needs If-Match', async () => {
    const named = await asked({ question: 'Får vi nye lokaler?' }, ola.headers);
    const anonymous = await asked({ question: 'Får vi nye lokaler, anonymt?', anonymous: true }, ola.headers);
    expect((await answer(named.id, 'Nei.')).statusCode).toBe(200);
    expect((await answer(anonymous.id, 'Nei.')).statusCode).toBe(200);
    const notifications = () => t.db.selectFrom('notifications').select(['kind', 'link', 'subject_id'])
      .where('organisation_id', '=', org).where('person_id', '=', ola.personId).where('subject_id', '=', processId).execute();
    expect(await notifications()).toEqual([{ kind: 'changeQuestionAnswered', link: `/change-processes/${processId}/questions`, subject_id: processId }]);

    expectProblem(await answer(named.id, 'Kanskje.'), 428, 'if-match-required');
    const stale = await t.app.inject({ method: 'POST', url: `/api/v1/change-questions/${named.id}/answer`, headers: { ...hr, 'if-match': '"1"' }, payload: { answer: 'Kanskje.' } });
    expectProblem(stale, 412, 'stale-version');
    const edited = await t.app.inject({ method: 'POST', url: `/api/v1/change-questions/${named.id}/answer`, headers: { ...hr, 'if-match': '"2"' }, payload: { answer: 'Kanskje.' } });
    expect(edited.statusCode, edited.body).toBe(200);
    expect(edited.json<ChangeQuestion>()).toMatchObject({ answer: 'Kanskje.', version: 3 });
    expect(await notifications()).toHaveLength(1);
    expectProblem(await answer(named.id, 'Nei.', ola.headers), 403, 'forbidden');
  });
});

describe('hidden questions', () => {
  it('are shown to those who run the process and the named asker only', async () => {
    const question = await asked({ question: 'Et upassende spørsmål' });
    const hide = await t.app.inject({ method: 'POST', url: `/api/v1/change-questions/${question.id}/hide`, headers: hr, payload: { reason: 'Omtaler en kollega.' } });
    expect(hide.statusCode, hide.body).toBe(200);
    expect(hide.json<ChangeQuestion>()).toMatchObject({ status: 'hidden', hiddenReason: 'Omtaler en kollega.' });

    expect((await listed('', ola.headers)).map((q) => q.id)).not.toContain(question.id);
    expect((await listed('', politician)).map((q) => q.id)).not.toContain(question.id);
    expectProblem(await get(question.id, ola.headers), 404);
    expectProblem(await t.app.inject({ method: 'GET', url: `${questionsUrl()}?status=hidden`, headers: ola.headers }), 403, 'forbidden');
    expect((await listed('status=hidden', hr)).map((q) => q.id)).toContain(question.id);
    expect((await get(question.id, kari.headers)).json<ChangeQuestion>()).toMatchObject({ status: 'hidden', mine: true });
    expectProblem(await t.app.inject({ method: 'POST', url: `/api/v1/change-questions/${question.id}/hide`, headers: hr, payload: {} }), 400);
  });
});

describe('removing a question', () => {
  it('is for the named asker while it is open, and for those who run the process', async () => {
    const mine = await asked({ question: 'Trekker dette tilbake' });
    expectProblem(await remove(mine, ola.headers), 403, 'not-owner');
    expectProblem(await t.app.inject({ method: 'DELETE', url: `/api/v1/change-questions/${mine.id}`, headers: kari.headers }), 428);
    expect((await remove(mine, kari.headers)).statusCode).toBe(204);
    expectProblem(await get(mine.id, kari.headers), 404);

    const answered = await asked({ question: 'Besvart før jeg rakk å angre' });
    expect((await answer(answered.id, 'Svar.')).statusCode).toBe(200);
    expectProblem(await remove({ id: answered.id, version: 2 }, kari.headers), 409, 'question-not-open');
    expect((await remove({ id: answered.id, version: 2 }, hr)).statusCode).toBe(204);
  });
});

describe('questions from a staff meeting', () => {
  it('are recorded by those who run the process only, dated to the meeting and naming no asker', async () => {
    const meeting = await activity('staffMeeting', day(-3));
    const interview = await activity('interview', day(-3));
    expectProblem(await ask({ question: 'Fra møtet', askedVia: 'meeting', activityId: meeting }), 403, 'forbidden');
    expectProblem(await ask({ question: 'Fra møtet', askedVia: 'meeting' }, hr), 422, 'activity-required');
    expectProblem(await ask({ question: 'Fra møtet', askedVia: 'meeting', activityId: interview }, hr), 422, 'not-a-staff-meeting');
    expectProblem(await ask({ question: 'Fra møtet', askedVia: 'meeting', activityId: crypto.randomUUID() }, hr), 422, 'unknown-reference');
    expectProblem(await ask({ question: 'På nett', activityId: meeting }), 422, 'activity-only-for-meetings');

    const res = await ask({ question: 'Fra møtet', askedVia: 'meeting', activityId: meeting }, hr);
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json<ChangeQuestion>()).toMatchObject({ askedVia: 'meeting', activityId: meeting, anonymous: true, askedOn: day(-3), ageDays: 3 });
    expect((await listed(`activityId=${meeting}`, ola.headers)).map((q) => q.question)).toEqual(['Fra møtet']);
  });
});

describe('validation and isolation', () => {
  it('refuses bad input with 4xx and a closed process with 409', async () => {
    expectValidation(await ask({ question: '   ' }), '/body/question');
    expectValidation(await ask({ question: 'Hei', asker: 'noen' }));
    expectValidation(await ask({ question: 'x'.repeat(2001) }), '/body/question');
    expectValidation(await t.app.inject({ method: 'GET', url: `${questionsUrl()}?status=gone`, headers: hr }), '/query/status');
    expectProblem(await ask({ question: 'For sent?' }, kari.headers, await newProcess(org, 'completed')), 409, 'process-closed');
  });

  it("answers 404 for another organisation's process and questions", async () => {
    const otherOrg = (await createOrganisation(t.db)).id;
    const otherProcess = await newProcess(otherOrg);
    const theirs = (await t.db.insertInto('change_questions').values({ organisation_id: otherOrg, process_id: otherProcess, question: 'Deres', asked_on: day(0) })
      .returning(['id', 'version']).executeTakeFirstOrThrow());
    expectProblem(await ask({ question: 'Hei' }, kari.headers, otherProcess), 404);
    expectProblem(await t.app.inject({ method: 'GET', url: questionsUrl(otherProcess), headers: hr }), 404);
    expectProblem(await get(theirs.id, hr), 404);
    expectProblem(await answer(theirs.id, 'Nei.'), 404);
    expectProblem(await remove(theirs, hr), 404);
  });
});
