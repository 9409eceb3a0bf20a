import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ChangeMessage, ChangeMessagePage, CommunicationTimeline } from '@lagverk/shared';
import { signedInAs, type SessionHeaders } from './support/accounts.ts';
import { createTestApp, type TestContext } from './support/app.ts';
import { createOrganisation } from './support/database.ts';
import { createPerson, expectProblem, expectValidation, unique } from './support/factories.ts';
import { osloDate } from '../src/time.ts';

// A change process's communication plan: HR plans what is told to whom, when and how,
// and marks it done; everyone, politicians too, reads the plan, sees what is overdue, and
// follows the timeline of what was communicated: messages done, answers published and
// staff meetings held.

let t: TestContext;
let org: string;
let hr: SessionHeaders, member: SessionHeaders, politician: SessionHeaders;
let owner: string;

const day = (days: number) => osloDate(new Date(Date.now() + days * 86_400_000));

async function newProcess(organisationId = org) {
  return (await t.db.insertInto('change_processes').values({ organisation_id: organisationId, title: `Omstilling ${unique()}`, mandate: 'Ny organisering.', status: 'active' })
    .returning('id').executeTakeFirstOrThrow()).id;
}

beforeAll(async () => {
  t = await createTestApp();
  org = t.organisationId;
  hr = (await signedInAs(t.db, org, ['hr'])).headers;
  member = (await signedInAs(t.db, org, ['member'])).headers;
  politician = (await signedInAs(t.db, org, ['politician'])).headers;
  owner = (await createPerson(t.app, org, { name: 'Kari Kommunikasjon' })).id;
});
afterAll(() => t.close());

const base = { title: 'Informasjonsmøte', audience: 'affectedStaff', channel: 'informationMeeting', plannedOn: day(7) };
const create = (pid: string, payload: object, headers: Record<string, string> = hr) =>
  t.app.inject({ method: 'POST', url: `/api/v1/change-processes/${pid}/messages`, headers, payload: { ...base, ...payload } });
async function created(pid: string, payload: object = {}) {
  const res = await create(pid, payload);
  expect(res.statusCode, res.body).toBe(201);
  return res.json<ChangeMessage>();
}
const patch = (m: Pick<ChangeMessage, 'id' | 'version'>, payload: object, headers: Record<string, string> = hr) =>
  t.app.inject({ method: 'PATCH', url: `/api/v1/change-messages/${m.id}`, headers: { ...headers, 'if-match': `"${m.version}"` }, payload });
async function plan(pid: string, headers: Record<string, string> = politician, query = '') {
  const res = await t.app.inject({ method: 'GET', url: `/api/v1/change-processes/${pid}/messages?${query}`, headers });
  expect(res.statusCode, res.body).toBe(200);
  return res.json<ChangeMessagePage>();
}
async function timeline(pid: string, headers: Record<string, string> = politician) {
  const res = await t.app.inject({ method: 'GET', url: `/api/v1/change-processes/${pid}/communication-timeline`, headers });
  expect(res.statusCode, res.body).toBe(200);
  return res.json<CommunicationTimeline>().items;
}

describe('the communication plan', () => {
  it('is written by HR, read by everyone by date, and shows what is overdue', async () => {
    const pid = await newProcess();
    const phase = (await t.db.insertInto('change_process_phases').values({ organisation_id: org, process_id: pid, position: 0, name: 'Kartlegging', starts_on: day(-30), ends_on: day(30) })
      .returning('id').executeTakeFirstOrThrow()).id;
    const later = await created(pid, { title: 'Nyhetsbrev', channel: 'email', audience: 'allStaff', plannedOn: day(10), ownerPersonId: owner, phaseId: phase, content: 'Status i prosjektet.' });
    expect(later).toMatchObject({ status: 'planned', doneOn: null, overdue: false, ownerName: 'Kari Kommunikasjon', phaseName: 'Kartlegging', version: 1 });
    const late = await created(pid, { title: 'Brev til brukerne', channel: 'letter', audience: 'serviceUsers', plannedOn: day(-2) });
    expect(late.overdue).toBe(true);
    const cancelled = await created(pid, { title: 'Pressemelding', channel: 'press', audience: 'public', plannedOn: day(-5), status: 'cancelled' });
    expect(cancelled.overdue).toBe(false);

    const items = (await plan(pid)).items;
    expect(items.map((m) => m.title)).toEqual(['Pressemelding', 'Brev til brukerne', 'Nyhetsbrev']);
    expect(items.map((m) => m.overdue)).toEqual([false, true, false]);
    expect((await plan(pid, member, 'status=planned')).items.map((m) => m.title)).toEqual(['Brev til brukerne', 'Nyhetsbrev']);
    const page = await plan(pid, politician, 'limit=2');
    expect((await plan(pid, politician, `limit=2&cursor=${page.nextCursor}`)).items.map((m) => m.id)).toEqual([later.id]);

    expectProblem(await create(pid, {}, member), 403, 'forbidden');
    expectProblem(await create(pid, {}, politician), 403, 'forbidden');
    expectProblem(await patch(later, { title: 'Nytt' }, member), 403, 'forbidden');
  });

  it('marks a message done with its day (and only then), edited with If-Match', async () => {
    const pid = await newProcess();
    const message = await created(pid, { plannedOn: day(-1) });
    expectProblem(await t.app.inject({ method: 'PATCH', url: `/api/v1/change-messages/${message.id}`, headers: hr, payload: { status: 'done' } }), 428);
    expectProblem(await patch(message, { status: 'done' }), 422, 'done-needs-date');
    expectProblem(await patch(message, { doneOn: day(0) }), 422, 'date-needs-done');
    const done = await patch(message, { status: 'done', doneOn: day(-1) });
    expect(done.statusCode, done.body).toBe(200);
    expect(done.json<ChangeMessage>()).toMatchObject({ status: 'done', doneOn: day(-1), overdue: false, version: 2 });
    expectProblem(await patch(message, { title: 'Gammel versjon' }), 412, 'stale-version');
    const back = await patch({ id: message.id, version: 2 }, { status: 'planned' });
    expect(back.json<ChangeMessage>()).toMatchObject({ status: 'planned', doneOn: null, overdue: true });
    expectProblem(await create(pid, { status: 'done' }), 422, 'done-needs-date');

    const audit = await t.db.selectFrom('audit_events').select('action').where('entity', '=', 'change_messages').where('entity_id', '=', message.id).orderBy('id').execute();
    expect(audit.map((a) => a.action)).toEqual(['create', 'update', 'update']);

    const removed = await t.app.inject({ method: 'DELETE', url: `/api/v1/change-messages/${message.id}`, headers: { ...hr, 'if-match': '"3"' } });
    expect(removed.statusCode).toBe(204);
    expectProblem(await t.app.inject({ method: 'GET', url: `/api/v1/change-messages/${message.id}`, headers: hr }), 404);
  });

  it('refuses bad input with 4xx', async () => {
    const pid = await newProcess();
    const other = await newProcess();
    const otherPhase = (await t.db.insertInto('change_process_phases').values({ organisation_id: org, process_id: other, position: 0, name: 'Annen', starts_on: day(0), ends_on: day(1) })
      .returning('id').executeTakeFirstOrThrow()).id;
    expectValidation(await create(pid, { audience: 'everybody' }), '/body/audience');
    expectValidation(await create(pid, { channel: 'pigeon', plannedOn: '2026-13-45' }), '/body/channel', '/body/plannedOn');
    expectValidation(await create(pid, { extra: true }));
    const refs = expectProblem(await create(pid, { phaseId: otherPhase, ownerPersonId: crypto.randomUUID() }), 422, 'unknown-reference');
    expect(refs.errors!.map((e) => e.path)).toEqual(['/body/phaseId', '/body/ownerPersonId']);
    const message = await created(pid);
    expectValidation(await patch(message, {}));
  });
});

describe('the communication timeline', () => {
  it('lists messages done, answers published and staff meetings held, newest first', async () => {
    const pid = await newProcess();
    const told = await created(pid, { title: 'Informasjonsmøte for alle', plannedOn: day(-20) });
    await patch(told, { status: 'done', doneOn: day(-20) });
    await created(pid, { title: 'Planlagt', plannedOn: day(-1) });
    await created(pid, { title: 'Avlyst', plannedOn: day(-3), status: 'cancelled' });
    const meeting = (await t.db.insertInto('change_activities').values({
      organisation_id: org, process_id: pid, kind: 'staffMeeting', title: 'Personalmøte 1', held_on: day(-10), details: JSON.stringify({ invitedCount: 60, attendedCount: 42 }),
    }).returning('id').executeTakeFirstOrThrow()).id;
    await t.db.insertInto('change_activities').values({ organisation_id: org, process_id: pid, kind: 'staffMeeting', title: 'Kommer', held_on: day(5), details: '{}' }).execute();
    await t.db.insertInto('change_activities').values({ organisation_id: org, process_id: pid, kind: 'siteVisit', title: 'Befaring', held_on: day(-4), details: '{}' }).execute();
    const question = await t.app.inject({ method: 'POST', url: `/api/v1/change-processes/${pid}/questions`, headers: member, payload: { question: 'Hva skjer nå?', anonymous: true } });
    const open = await t.app.inject({ method: 'POST', url: `/api/v1/change-processes/${pid}/questions`, headers: member, payload: { question: 'Ubesvart' } });
    expect(open.statusCode).toBe(201);
    const answered = await t.app.inject({ method: 'POST', url: `/api/v1/change-questions/${question.json<{ id: string }>().id}/answer`, headers: hr, payload: { answer: 'Vi jobber med forslaget.' } });
    expect(answered.statusCode, answered.body).toBe(200);

    expect(await timeline(pid)).toEqual([
      { kind: 'answer', id: question.json<{ id: string }>().id, date: day(0), title: 'Hva skjer nå?' },
      { kind: 'staffMeeting', id: meeting, date: day(-10), title: 'Personalmøte 1', attendedCount: 42 },
      { kind: 'message', id: told.id, date: day(-20), title: 'Informasjonsmøte for alle', channel: 'informationMeeting', audience: 'affectedStaff' },
    ]);
  });

  it("answers 404 for another organisation's process and messages", async () => {
    const otherOrg = (await createOrganisation(t.db)).id;
    const theirs = await newProcess(otherOrg);
    const message = (await t.db.insertInto('change_messages').values({ organisation_id: otherOrg, process_id: theirs, title: 'Deres', audience: 'allStaff', channel: 'email', planned_on: day(0) })
      .returning('id').executeTakeFirstOrThrow()).id;
    expectProblem(await t.app.inject({ method: 'GET', url: `/api/v1/change-processes/${theirs}/messages`, headers: hr }), 404);
    expectProblem(await t.app.inject({ method: 'GET', url: `/api/v1/change-processes/${theirs}/communication-timeline`, headers: hr }), 404);
    expectProblem(await create(theirs, {}), 404);
    expectProblem(await t.app.inject({ method: 'GET', url: `/api/v1/change-messages/${message}`, headers: hr }), 404);
    expectProblem(await patch({ id: message, version: 1 }, { title: 'Vårt' }), 404);
    expectProblem(await t.app.inject({ method: 'DELETE', url: `/api/v1/change-messages/${message}`, headers: { ...hr, 'if-match': '"1"' } }), 404);
  });
});
