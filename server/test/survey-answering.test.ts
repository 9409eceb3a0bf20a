import { Writable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import type { SurveyForm, SurveyRound, SurveyTemplate } from '@lagverk/shared';
import { buildApp, type App } from '../src/app.ts';
import { loggerOptions } from '../src/http/log-serializers.ts';
import { signedInAs } from './support/accounts.ts';
import { createTestApp, type TestContext } from './support/app.ts';
import { createOrganisation } from './support/database.ts';
import { as, createPerson, createUnit, expectProblem, expectValidation } from './support/factories.ts';
import { createSurveyTemplate, invitationTokens, openRound, roundAction } from './support/survey-factories.ts';
import { addMember, teamIn } from './support/team-factories.ts';

// Answering a survey: with a token and nothing else, once per invitation, against the
// question types, and without anything stored that says who answered or when.

let t: TestContext;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.close());

const hour = 3600_000;
const newOrg = async () => (await createOrganisation(t.db)).id;
const form = (token: string, headers: Record<string, string> = {}, app: App = t.app) =>
  app.inject({ method: 'POST', url: '/api/v1/survey-answering/form', headers, payload: { token } });
const answer = (token: string, answers: object[], headers: Record<string, string> = {}, app: App = t.app) =>
  app.inject({ method: 'POST', url: '/api/v1/survey-answering/answers', headers, payload: { token, answers } });

/** Valid answers to the test template: scale 4, yes, the second option, and a comment. */
const fullAnswers = (template: SurveyTemplate) => {
  const [scale, yesNo, choice, text] = template.questions;
  return [
    { questionId: scale!.id, value: 4 }, { questionId: yesNo!.id, value: true }, { questionId: choice!.id, value: 1 },
    { questionId: text!.id, value: 'Mer tid til samarbeid.' },
  ];
};

/** An open round in a fresh organisation, for all employees, and one invited person's token. */
async function invited(overrides: Parameters<typeof openRound>[2] = {}) {
  const org = await newOrg();
  const unit = await createUnit(t.app, org);
  const person = await createPerson(t.app, org, { unitId: unit.id });
  const template = await createSurveyTemplate(t.app, org);
  const round = await openRound(t.app, org, { templateId: template.id, ...overrides });
  const token = (await invitationTokens(t.db, org, round.id)).get(person.id)!;
  return { org, unit, person, template, round, token };
}

const responsesOf = (org: string, roundId: string) =>
  t.db.selectFrom('survey_responses').selectAll().where('organisation_id', '=', org).where('round_id', '=', roundId).execute();

describe('the form', () => {
  it('is given for a token alone, without any account, in the language of the template', async () => {
    const { template, round, token } = await invited();
    const res = await form(token);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.headers['cache-control']).toBe('no-store');
    expect(res.json<SurveyForm>()).toEqual({
      roundName: round.name, description: null, language: 'nb', closesAt: round.closesAt,
      questions: template.questions.map((q) => ({ id: q.id, text: q.text, help: q.help, type: q.type, options: q.options, required: q.required })),
    });
  });

  it('is 404 for an unknown token and 400 for one that is no token', async () => {
    expectProblem(await form(`i_${'A'.repeat(43)}`), 404, 'invitation-not-found');
    expectProblem(await form(`s_${'A'.repeat(43)}`), 404, 'invitation-not-found');
    expectValidation(await form('hemmelig'), '/body/token');
  });
});

describe('answering with an invitation', () => {
  it('stores one response with the unit and active teams of the respondent, and no more', async () => {
    const { org, unit, person, template, round, token } = await invited();
    const team = await teamIn(t.app, t.db, org, 'active');
    await addMember(t.app, org, team.id, person.id);
    const res = await answer(token, fullAnswers(template));
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json()).toEqual({ received: true });

    const [response, ...more] = await responsesOf(org, round.id);
    expect(more).toEqual([]);
    expect(response).toEqual({ organisation_id: org, id: expect.any(String), round_id: round.id, unit_id: unit.id, team_ids: [team.id], channel: 'invitation' });
    const answers = await t.db.selectFrom('survey_answers').select(['question_id', 'number_value', 'text_value'])
      .where('response_id', '=', response!.id).orderBy('number_value').execute();
    expect(answers).toEqual(expect.arrayContaining([
      { question_id: template.questions[0]!.id, number_value: 4, text_value: null },
      { question_id: template.questions[1]!.id, number_value: 1, text_value: null },
      { question_id: template.questions[2]!.id, number_value: 1, text_value: null },
      { question_id: template.questions[3]!.id, number_value: null, text_value: 'Mer tid til samarbeid.' },
    ]));
    const read = await t.app.inject({ method: 'GET', url: `/api/v1/survey-rounds/${round.id}`, headers: as(org) });
    expect(read.json<SurveyRound>().responseCount).toBe(1);
  });

  it('answers once: a second answer, and the form after it, are 409 already-answered', async () => {
    const { template, token } = await invited();
    expect((await answer(token, fullAnswers(template))).statusCode).toBe(201);
    expectProblem(await answer(token, fullAnswers(template)), 409, 'already-answered');
    expectProblem(await form(token), 409, 'already-answered');
  });

  it('stores exactly one response when the same invitation is submitted several times at once', async () => {
    const { org, template, round, token } = await invited();
    const results = await Promise.all([1, 2, 3, 4].map(() => answer(token, fullAnswers(template))));
    expect(results.map((r) => r.statusCode).sort()).toEqual([201, 409, 409, 409]);
    for (const r of results.filter((x) => x.statusCode === 409)) expect(r.json<{ code: string }>().code).toBe('already-answered');
    expect(await responsesOf(org, round.id)).toHaveLength(1);
  });

  it('is refused before the round opens, after it closes, and once it is closed early', async () => {
    const soon = await invited({ opensAt: new Date(Date.now() + hour).toISOString(), closesAt: new Date(Date.now() + 2 * hour).toISOString() });
    expectProblem(await form(soon.token), 409, 'round-not-open');
    expectProblem(await answer(soon.token, fullAnswers(soon.template)), 409, 'round-not-open');

    const past = await invited();
    await t.db.updateTable('survey_rounds').set({ opens_at: new Date(Date.now() - 2 * hour), closes_at: new Date(Date.now() - hour) })
      .where('id', '=', past.round.id).execute();
    expectProblem(await answer(past.token, fullAnswers(past.template)), 409, 'round-not-open');

    const closed = await invited();
    expect((await roundAction(t.app, closed.org, closed.round.id, 'close')).statusCode).toBe(200);
    expectProblem(await form(closed.token), 409, 'round-not-open');
    expectProblem(await answer(closed.token, fullAnswers(closed.template)), 409, 'round-not-open');
    expect(await responsesOf(closed.org, closed.round.id)).toEqual([]);
  });

  it('checks each value against its question, pointing at every fault, and stores nothing then', async () => {
    const { org, template, round, token } = await invited();
    const [scale, yesNo, choice, text] = template.questions;
    const res = await answer(token, [
      { questionId: scale!.id, value: 'fire' }, { questionId: yesNo!.id, value: 1 }, { questionId: choice!.id, value: 3 },
      { questionId: text!.id, value: 5 }, { questionId: '00000000-0000-4000-8000-000000000000', value: 1 },
    ]);
    const problem = expectProblem(res, 422, 'invalid-answers');
    expect(problem.errors!.map((e) => e.path)).toEqual([
      '/body/answers/0/value', '/body/answers/1/value', '/body/answers/2/value', '/body/answers/3/value', '/body/answers/4/questionId',
    ]);
    expect(await responsesOf(org, round.id)).toEqual([]);
    // The invitation is still unused: the respondent can correct and send again.
    expect((await answer(token, fullAnswers(template))).statusCode).toBe(201);
  });

  it('requires the required questions and takes the others left out', async () => {
    const { template, token } = await invited();
    const [scale] = template.questions;
    const missing = expectProblem(await answer(token, [{ questionId: template.questions[3]!.id, value: '  ' }]), 422, 'invalid-answers');
    expect(missing.errors).toEqual([{ path: '/body/answers', message: `question 1 (${scale!.id}) is required`, code: 'required' }]);
    expectProblem(await answer(token, [{ questionId: scale!.id, value: null }]), 422, 'invalid-answers');
    expect((await answer(token, [{ questionId: scale!.id, value: 5 }])).statusCode).toBe(201);
  });

  it('scale 1–5 only: 0 and 6 are refused', async () => {
    const { template, token } = await invited();
    for (const value of [0, 6]) {
      expectProblem(await answer(token, [{ questionId: template.questions[0]!.id, value }]), 422, 'invalid-answers');
    }
  });
});

describe('anonymity', () => {
  it('stores no column in responses or answers that could name a person, an invitation or a time', async () => {
    const columns = await sql<{ table_name: string; column_name: string; data_type: string }>`
      select table_name, column_name, data_type from information_schema.columns
      where table_schema = 'public' and table_name in ('survey_responses', 'survey_answers') order by table_name, ordinal_position`.execute(t.db);
    expect(columns.rows.map((c) => `${c.table_name}.${c.column_name}`)).toEqual([
      'survey_answers.organisation_id', 'survey_answers.response_id', 'survey_answers.round_id', 'survey_answers.question_id',
      'survey_answers.number_value', 'survey_answers.text_value',
      'survey_responses.organisation_id', 'survey_responses.id', 'survey_responses.round_id', 'survey_responses.unit_id',
      'survey_responses.team_ids', 'survey_responses.channel',
    ]);
    for (const c of columns.rows) {
      expect(c.column_name).not.toMatch(/person|invitation|token|account|session|address|_at$|_on$|time|date/);
      expect(c.data_type).not.toMatch(/time|date|interval/);
    }
    // Nor does any foreign key lead from them to people or invitations.
    const references = await sql<{ target: string }>`
      select ccu.table_name as target from information_schema.table_constraints tc
      join information_schema.constraint_column_usage ccu on ccu.constraint_name = tc.constraint_name and ccu.table_schema = tc.table_schema
      where tc.table_schema = 'public' and tc.constraint_type = 'FOREIGN KEY' and tc.table_name in ('survey_responses', 'survey_answers')`.execute(t.db);
    expect(new Set(references.rows.map((r) => r.target))).toEqual(new Set(['survey_rounds', 'survey_responses', 'survey_questions']));
  });

  it('writes no audit event, and does not recognise a signed-in respondent', async () => {
    const org = await newOrg();
    const me = await signedInAs(t.db, org);
    const template = await createSurveyTemplate(t.app, org);
    const round = await openRound(t.app, org, { templateId: template.id });
    const token = (await invitationTokens(t.db, org, round.id)).get(me.account.personId);
    expect(token).toBeDefined();
    const events = async () => (await t.db.selectFrom('audit_events').select(sql<number>`count(*)::int`.as('n')).where('organisation_id', '=', org).executeTakeFirstOrThrow()).n;
    const session = () => t.db.selectFrom('sessions').select('last_seen_at').where('account_id', '=', me.account.accountId).executeTakeFirstOrThrow();
    const before = { events: await events(), session: await session() };
    expect((await form(token!, me.headers)).statusCode).toBe(200);
    expect((await answer(token!, fullAnswers(template), me.headers)).statusCode).toBe(201);
    expect(await events()).toBe(before.events);
    expect(await session()).toEqual(before.session);
  });

  it('keeps the token and the caller\'s address out of every log line of the request', async () => {
    const lines: string[] = [];
    const stream = new Writable({ write(chunk, _encoding, done) { lines.push(String(chunk)); done(); } });
    const logged = await buildApp({ database: t.database, logger: loggerOptions('debug', stream) });
    await logged.ready();
    try {
      const { template, token } = await invited();
      expect((await form(token, {}, logged)).statusCode).toBe(200);
      expect((await answer(token, [{ questionId: template.questions[0]!.id, value: 'feil' }], {}, logged)).statusCode).toBe(422);
      expect((await answer(token, fullAnswers(template), {}, logged)).statusCode).toBe(201);
      expect((await answer(token, fullAnswers(template), {}, logged)).statusCode).toBe(409);
      const log = lines.join('');
      expect(log).toContain('/api/v1/survey-answering/answers');
      expect(log).not.toContain(token);
      expect(log).not.toContain(token.slice(2));
      // The address, next to the same person's signed-in requests, would say who answered when.
      expect(lines.filter((line) => line.includes('/api/v1/survey-answering/')).every((line) => !line.includes('remoteAddress'))).toBe(true);
    } finally {
      await logged.close();
    }
  });

  it('rewrites the rows of a round when it closes, so no row keeps the transaction id it was answered in', async () => {
    const { org, template, round, token } = await invited();
    expect((await answer(token, fullAnswers(template))).statusCode).toBe(201);
    const xmins = () => sql<{ kind: string; xmin: string }>`
      select 'invitation' as kind, xmin::text as xmin from survey_invitations where organisation_id = ${org} and round_id = ${round.id} and used
      union all select 'response', xmin::text from survey_responses where organisation_id = ${org} and round_id = ${round.id}`.execute(t.db);
    const before = (await xmins()).rows;
    // While open, the used invitation and the response were written by one transaction.
    expect(before.find((r) => r.kind === 'invitation')!.xmin).toBe(before.find((r) => r.kind === 'response')!.xmin);
    await roundAction(t.app, org, round.id, 'close');
    const after = (await xmins()).rows;
    expect(after.every((r) => r.xmin !== before[0]!.xmin)).toBe(true);
  });
});

describe('a shared link', () => {
  it('takes one response per submission, with no unit or team, and no account', async () => {
    const org = await newOrg();
    const template = await createSurveyTemplate(t.app, org, { audience: 'serviceUsers' });
    const round = await openRound(t.app, org, { templateId: template.id, audience: 'serviceUsers' });
    const token = round.sharedLink!.replace('/svar#', '');
    expect((await form(token)).json<SurveyForm>().roundName).toBe(round.name);
    for (let i = 0; i < 2; i++) expect((await answer(token, fullAnswers(template))).statusCode).toBe(201);
    const responses = await responsesOf(org, round.id);
    expect(responses.map((r) => [r.channel, r.unit_id, r.team_ids])).toEqual([['sharedLink', null, []], ['sharedLink', null, []]]);
  });

  it('is rate limited per address', async () => {
    const org = await newOrg();
    const template = await createSurveyTemplate(t.app, org, { audience: 'serviceUsers' });
    const round = await openRound(t.app, org, { templateId: template.id, audience: 'serviceUsers' });
    const token = round.sharedLink!.replace('/svar#', '');
    const from = (address: string) => t.app.inject({
      method: 'POST', url: '/api/v1/survey-answering/answers', remoteAddress: address,
      payload: { token, answers: [{ questionId: template.questions[0]!.id, value: 3 }] },
    });
    for (let i = 0; i < 30; i++) expect((await from('203.0.113.7')).statusCode).toBe(201);
    const refused = await from('203.0.113.7');
    expectProblem(refused, 429, 'too-many-requests');
    expect(Number(refused.headers['retry-after'])).toBeGreaterThan(0);
    expect((await from('203.0.113.8')).statusCode).toBe(201);
    // The counter is kept under a hash, not the address itself.
    const keys = await t.db.selectFrom('rate_limits').select('key').where('organisation_id', '=', org).execute();
    expect(keys.length).toBeGreaterThan(0);
    expect(keys.some((k) => k.key.includes('203.0.113'))).toBe(false);
  });
});
