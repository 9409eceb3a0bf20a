import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type {
  CompetenceEnrolment, CompetenceEnrolmentList, CompetenceImportReport, CompetenceMeasure, CompetenceMeasurePage, CompetenceOverview,
  CompetencePlan, CompetenceSession, OpenCompetenceSessionList, PersonCompetence,
} from '@lagverk/shared';
import { signedInAs, type SessionHeaders } from './support/accounts.ts';
import { createTestApp, type TestContext } from './support/app.ts';
import { createOrganisation } from './support/database.ts';
import { as, createPerson, createUnit, expectProblem, unique } from './support/factories.ts';
import { addMember, createTeam } from './support/team-factories.ts';

// Competence measures: planned for a year and aimed at roles or teams; sessions people
// enrol in (never beyond the places), attendance that credits hours, the plan against
// what was done, hours per unit (rolled up) and team, and completions imported from CSV.

let t: TestContext;
let org: string;
let hr: SessionHeaders;
let member: { headers: SessionHeaders; personId: string };
let colleague: { headers: SessionHeaders; personId: string };
let parentUnit: string, childUnit: string, teamId: string;

const day = 24 * 3600 * 1000;
const at = (offsetDays: number, hour = 8) => {
  const d = new Date(Date.now() + offsetDays * day);
  d.setUTCHours(hour, 0, 0, 0);
  return d.toISOString();
};
/** The past session's day and year: what its hours count for. */
const pastDay = at(-3).slice(0, 10);
const pastYear = Number(pastDay.slice(0, 4));

beforeAll(async () => {
  t = await createTestApp();
  org = t.organisationId;
  parentUnit = (await createUnit(t.app, org, { name: 'Helse og omsorg', kind: 'serviceArea' })).id;
  childUnit = (await createUnit(t.app, org, { name: 'Hjemmetjenesten', parentId: parentUnit })).id;
  hr = (await signedInAs(t.db, org, ['hr'])).headers;
  const m = await signedInAs(t.db, org, ['member']);
  const c = await signedInAs(t.db, org, ['member']);
  member = { headers: m.headers, personId: m.account.personId };
  colleague = { headers: c.headers, personId: c.account.personId };
  await t.db.updateTable('people').set({ unit_id: childUnit, external_id: 'HR-1' }).where('id', '=', member.personId).execute();
  await t.db.updateTable('people').set({ unit_id: parentUnit }).where('id', '=', colleague.personId).execute();
  teamId = (await createTeam(t.app, org, { unitIds: [childUnit], name: 'Hverdagsrehabilitering' })).id;
  await addMember(t.app, org, teamId, member.personId, 'coordinator');
});
afterAll(() => t.close());

async function post<T>(url: string, payload: object, headers: Record<string, string> = as(org), status = 201) {
  const res = await t.app.inject({ method: 'POST', url: `/api/v1${url}`, headers, payload });
  expect(res.statusCode, res.body).toBe(status);
  return res.json<T>();
}
async function get<T>(url: string, headers: Record<string, string> = as(org)) {
  const res = await t.app.inject({ method: 'GET', url: `/api/v1${url}`, headers });
  expect(res.statusCode, res.body).toBe(200);
  return res.json<T>();
}
const measure = (payload: object = {}) => post<CompetenceMeasure>('/competence-measures', {
  kind: 'course', title: `Kurs ${unique()}`, plannedYear: pastYear, ...payload,
});
const session = (measureId: string, payload: object = {}) => post<CompetenceSession>(`/competence-measures/${measureId}/sessions`, {
  startsAt: at(10), endsAt: at(10, 14), hours: 6, ...payload,
});
const attend = (enrolment: CompetenceEnrolment, payload: object = { status: 'attended' }) => t.app.inject({
  method: 'PATCH', url: `/api/v1/competence-enrolments/${enrolment.id}`, headers: as(org, { 'if-match': `"${enrolment.version}"` }), payload,
});

describe('competence measures', () => {
  it('are created for roles and teams, read, filtered, edited with If-Match and removed', async () => {
    const created = await measure({ title: 'Koordinatorsamling', targetRoles: ['coordinator'], targetTeamIds: [teamId], plannedSessions: 2, plannedHours: 6, externalKey: `K-${unique()}` });
    expect(created).toMatchObject({ status: 'planned', targetRoles: ['coordinator'], targetTeamIds: [teamId], plannedHours: 6, version: 1 });
    const ids = async (query: string) => (await get<CompetenceMeasurePage>(`/competence-measures?${query}`)).items.map((m) => m.id);
    expect(await ids(`teamId=${teamId}`)).toEqual([created.id]);
    expect(await ids('targetRole=coordinator&q=koordinator')).toEqual([created.id]);
    expect(await ids('targetRole=unitManager')).not.toContain(created.id);

    const nothing = '5b0c1d2e-3f40-4a5b-8c6d-7e8f9a0b1c2d';
    expect(expectProblem(await t.app.inject({ method: 'POST', url: '/api/v1/competence-measures', headers: as(org), payload: { kind: 'course', title: 'X', plannedYear: 2026, targetTeamIds: [nothing] } }), 422, 'unknown-reference').errors![0]!.path).toBe('/body/targetTeamIds/0');
    expectProblem(await t.app.inject({ method: 'POST', url: '/api/v1/competence-measures', headers: as(org), payload: { kind: 'course', title: 'X', plannedYear: 2026, externalKey: created.externalKey } }), 409, 'duplicate-external-key');
    // Members read measures; only administrators, the chief executive and HR write them.
    await get(`/competence-measures/${created.id}`, member.headers);
    expectProblem(await t.app.inject({ method: 'POST', url: '/api/v1/competence-measures', headers: member.headers, payload: { kind: 'course', title: 'X', plannedYear: 2026 } }), 403);

    const url = `/api/v1/competence-measures/${created.id}`;
    expectProblem(await t.app.inject({ method: 'PATCH', url, headers: as(org), payload: { status: 'active' } }), 428);
    const patched = await t.app.inject({ method: 'PATCH', url, headers: as(org, { 'if-match': '"1"' }), payload: { status: 'active', targetTeamIds: [] } });
    expect(patched.json()).toMatchObject({ status: 'active', targetTeamIds: [], version: 2 });
    expectProblem(await t.app.inject({ method: 'PATCH', url, headers: as(org, { 'if-match': '"1"' }), payload: { status: 'done' } }), 412);
    expect((await t.app.inject({ method: 'DELETE', url, headers: as(org, { 'if-match': '"2"' }) })).statusCode).toBe(204);
    expectProblem(await t.app.inject({ method: 'GET', url, headers: as(org) }), 404);
  });

  it('never overbook a session: two people racing for the last place get one place between them', async () => {
    const m = await measure();
    const s = await session(m.id, { capacity: 1 });
    const [a, b] = await Promise.all([member, colleague].map((p) => t.app.inject({
      method: 'POST', url: '/api/v1/me/competence-enrolments', headers: p.headers, payload: { sessionId: s.id },
    })));
    expect([a!.statusCode, b!.statusCode].sort()).toEqual([201, 409]);
    expect([a!, b!].find((r) => r.statusCode === 409)!.json()).toMatchObject({ code: 'session-full' });
    expect(await get<CompetenceSession>(`/competence-sessions/${s.id}`)).toMatchObject({ enrolled: 1, capacity: 1 });

    // The one who got it gives it up; then the other may take it.
    const winner = [a!, b!].find((r) => r.statusCode === 201)!.json<CompetenceEnrolment>();
    const [winnerHeaders, loser] = winner.personId === member.personId ? [member.headers, colleague] : [colleague.headers, member];
    expectProblem(await t.app.inject({ method: 'POST', url: `/api/v1/me/competence-enrolments/${winner.id}/cancel`, headers: loser.headers }), 404);
    expect((await post<CompetenceEnrolment>(`/me/competence-enrolments/${winner.id}/cancel`, {}, winnerHeaders, 200)).status).toBe('cancelled');
    await post('/me/competence-enrolments', { sessionId: s.id }, loser.headers);
    const open = await get<OpenCompetenceSessionList>('/me/competence-sessions', loser.headers);
    expect(open.items.find((i) => i.session.id === s.id)).toMatchObject({ myEnrolmentId: expect.any(String), session: { enrolled: 1 } });
    // An integration has no self to enrol.
    expectProblem(await t.app.inject({ method: 'POST', url: '/api/v1/me/competence-enrolments', headers: as(org), payload: { sessionId: s.id } }), 403, 'session-required');
  });

  it('credit the session\'s hours on attendance, and none for absence', async () => {
    const m = await measure({ plannedSessions: 2, plannedHours: 6, targetRoles: ['member', 'coordinator'] });
    const past = await session(m.id, { startsAt: at(-3), endsAt: at(-3, 14), hours: 6 });
    await session(m.id);
    // A session that has started takes no self-enrolment; HR enrols people afterwards.
    expectProblem(await t.app.inject({ method: 'POST', url: '/api/v1/me/competence-enrolments', headers: member.headers, payload: { sessionId: past.id } }), 409, 'session-started');
    const mine = await post<CompetenceEnrolment>(`/competence-sessions/${past.id}/enrolments`, { personId: member.personId }, hr);
    const theirs = await post<CompetenceEnrolment>(`/competence-sessions/${past.id}/enrolments`, { personId: colleague.personId });
    expectProblem(await t.app.inject({ method: 'POST', url: `/api/v1/competence-sessions/${past.id}/enrolments`, headers: as(org), payload: { personId: member.personId } }), 409, 'already-enrolled');

    const attended = await attend(mine);
    expect(attended.json()).toMatchObject({ status: 'attended', hours: 6, completedOn: pastDay, version: 2 });
    expectProblem(await attend(theirs, { status: 'absent', hours: 3 }), 422, 'hours-need-attendance');
    expect((await attend(theirs, { status: 'attended', hours: 4.5 })).json()).toMatchObject({ hours: 4.5 });
    const absent = await t.app.inject({ method: 'PATCH', url: `/api/v1/competence-enrolments/${theirs.id}`, headers: as(org, { 'if-match': '"2"' }), payload: { status: 'absent' } });
    expect(absent.json()).toMatchObject({ status: 'absent', hours: null, completedOn: null });

    const list = await get<CompetenceEnrolmentList>(`/competence-sessions/${past.id}/enrolments`, hr);
    expect(list.items.map((e) => e.status).sort()).toEqual(['absent', 'attended']);
    expectProblem(await t.app.inject({ method: 'GET', url: `/api/v1/competence-sessions/${past.id}/enrolments`, headers: member.headers }), 403);

    const own = await get<PersonCompetence>(`/me/competence?year=${pastYear}`, member.headers);
    expect(own.records.find((r) => r.sessionId === past.id)).toMatchObject({ status: 'attended', hours: 6, measureTitle: m.title });
    expect((await get<PersonCompetence>(`/people/${member.personId}/competence`, hr)).hours).toBe(own.hours);
    expectProblem(await t.app.inject({ method: 'GET', url: `/api/v1/people/${member.personId}/competence`, headers: colleague.headers }), 403);

    // Hours people earned are kept: such a session or measure is cancelled, not removed.
    expectProblem(await t.app.inject({ method: 'DELETE', url: `/api/v1/competence-sessions/${past.id}`, headers: as(org, { 'if-match': '"1"' }) }), 409, 'has-attendance');

    const plan = await get<CompetencePlan>(`/competence-plan?year=${pastYear}`, member.headers);
    expect(plan.measures.find((r) => r.measureId === m.id)).toEqual({
      measureId: m.id, title: m.title, kind: 'course', status: 'planned', targetRoles: ['member', 'coordinator'],
      plannedSessions: 2, plannedHours: 6, heldSessions: 1, participants: 1, hoursCredited: 6,
    });
    // Of this year's measures only this one is for members (the others in this file aim at no role or were removed).
    expect(plan.roles.find((r) => r.role === 'member')).toMatchObject({ measures: 1, heldSessions: 1, participants: 1, hoursCredited: 6 });
  });

  it('import completions from CSV: dry run first, every bad row listed, the same completion never counted twice', async () => {
    const code = `EL-${unique()}`;
    const m = await measure({ kind: 'eLearning', externalKey: code, plannedHours: 2 });
    const colleagueEmail = (await t.db.selectFrom('people').select('email').where('id', '=', colleague.personId).executeTakeFirstOrThrow()).email!;
    const csv = `employeeNumber;email;courseCode;completedOn;hours\nHR-1;;${code};${pastDay};\n;${colleagueEmail.toUpperCase()};${code};${pastDay};1,5\n`;
    const send = (body: string, query = '') => t.app.inject({ method: 'POST', url: `/api/v1/competence-imports${query}`, headers: as(org, { 'content-type': 'text/csv' }), payload: body });

    const dry = await send(csv, '?dryRun=true');
    expect(dry.statusCode, dry.body).toBe(200);
    expect(dry.json<CompetenceImportReport>()).toMatchObject({ dryRun: true, created: 2, rows: [{ line: 2, hours: 2, action: 'create' }, { line: 3, hours: 1.5, action: 'create' }] });
    const stored = () => t.db.selectFrom('competence_enrolments').select(['person_id', 'hours']).where('measure_id', '=', m.id).execute();
    expect(await stored()).toEqual([]);

    expect((await send(csv)).json()).toMatchObject({ dryRun: false, created: 2, updated: 0, unchanged: 0 });
    expect((await send(csv.replace(';1,5', ';3'))).json()).toMatchObject({ created: 0, updated: 1, unchanged: 1 });
    expect((await send(csv.replace(';1,5', ';3'))).json()).toMatchObject({ created: 0, updated: 0, unchanged: 2 });
    expect((await stored()).map((r) => Number(r.hours)).sort()).toEqual([2, 3]);

    const bad = `employeeNumber,email,courseCode,completedOn,hours\nHR-1,,NO-SUCH,${pastDay},\nHR-404,,${code},${pastDay},\n,,${code},2026-13-01,x\nHR-1,,${code},2025-01-02,\nHR-1,,${code},2025-01-02,\n`;
    const refused = expectProblem(await send(bad), 422, 'import-invalid');
    expect(refused.errors!.map((e) => e.path)).toEqual([
      '/csv/2/courseCode', '/csv/3/employeeNumber', '/csv/4/hours', '/csv/4/completedOn', '/csv/6',
    ]);
    // Nothing of the file was saved, not even its good row (line 5).
    expect(await stored()).toHaveLength(2);
    expectProblem(await t.app.inject({ method: 'POST', url: '/api/v1/competence-imports', headers: as(org), payload: { rows: [] } }), 415);
  });

  it('sum hours per unit with the units below rolled up, and per team through its members', async () => {
    const year = 2031;
    const code = `OV-${unique()}`;
    await measure({ externalKey: code, plannedYear: year });
    const csv = `employeeNumber;courseCode;completedOn;hours\nHR-1;${code};${year}-03-01;5\n`;
    const res = await t.app.inject({ method: 'POST', url: '/api/v1/competence-imports', headers: as(org, { 'content-type': 'text/csv' }), payload: csv });
    expect(res.statusCode, res.body).toBe(200);
    const colleagueEmail = (await t.db.selectFrom('people').select('email').where('id', '=', colleague.personId).executeTakeFirstOrThrow()).email!;
    const second = await t.app.inject({ method: 'POST', url: '/api/v1/competence-imports', headers: as(org, { 'content-type': 'text/csv' }), payload: `email;courseCode;completedOn;hours\n${colleagueEmail};${code};${year}-04-01;2\n` });
    expect(second.statusCode, second.body).toBe(200);

    const byUnit = await get<CompetenceOverview>(`/competence-overview?year=${year}&by=unit`);
    const row = (id: string) => byUnit.items.find((i) => i.id === id);
    expect(row(childUnit)).toMatchObject({ people: 1, participants: 1, hours: 5 });
    expect(row(parentUnit)).toMatchObject({ people: 2, participants: 2, hours: 7 });
    // A member may not see one person's hours: groups of one or two keep theirs hidden.
    const asMember = await get<CompetenceOverview>(`/competence-overview?year=${year}&by=unit`, member.headers);
    expect(asMember.items.find((i) => i.id === childUnit)).toMatchObject({ people: 1, participants: null, hours: null });
    expect(asMember.items.find((i) => i.id === parentUnit)).toMatchObject({ people: 2, participants: null, hours: null });
    expect((await get<CompetenceOverview>(`/competence-overview?year=${year}&by=team`, member.headers)).items.find((i) => i.id === teamId))
      .toMatchObject({ participants: null, hours: null });
    // A third participant in the service area: now it is no one person's hours, and shown.
    const third = await createPerson(t.app, org, { unitId: parentUnit, externalId: `HR-${unique()}` });
    const added = await t.app.inject({
      method: 'POST', url: '/api/v1/competence-imports', headers: as(org, { 'content-type': 'text/csv' }),
      payload: `employeeNumber;courseCode;completedOn;hours\n${third.externalId};${code};${year}-05-01;3\n`,
    });
    expect(added.statusCode, added.body).toBe(200);
    const withThree = await get<CompetenceOverview>(`/competence-overview?year=${year}&by=unit`, member.headers);
    expect(withThree.items.find((i) => i.id === parentUnit)).toMatchObject({ people: 3, participants: 3, hours: 10 });
    expect(withThree.items.find((i) => i.id === childUnit)).toMatchObject({ participants: null, hours: null });
    expect(byUnit.items.findIndex((i) => i.id === parentUnit)).toBeLessThan(byUnit.items.findIndex((i) => i.id === childUnit));
    const byTeam = await get<CompetenceOverview>(`/competence-overview?year=${year}&by=team`);
    expect(byTeam.items.find((i) => i.id === teamId)).toMatchObject({ people: 1, participants: 1, hours: 5 });
    expect((await get<CompetenceOverview>(`/competence-overview?year=${year - 1}&by=unit`)).items.find((i) => i.id === parentUnit)).toMatchObject({ hours: 0 });
  });

  it('keep each organisation\'s measures and records to itself', async () => {
    const m = await measure();
    const s = await session(m.id);
    const other = (await createOrganisation(t.db)).id;
    const otherPerson = (await createPerson(t.app, other)).id;
    expectProblem(await t.app.inject({ method: 'GET', url: `/api/v1/competence-measures/${m.id}`, headers: as(other) }), 404);
    expectProblem(await t.app.inject({ method: 'POST', url: `/api/v1/competence-sessions/${s.id}/enrolments`, headers: as(other), payload: { personId: otherPerson } }), 404);
    expectProblem(await t.app.inject({ method: 'POST', url: `/api/v1/competence-sessions/${s.id}/enrolments`, headers: as(org), payload: { personId: otherPerson } }), 422, 'unknown-reference');
    expectProblem(await t.app.inject({ method: 'GET', url: `/api/v1/people/${member.personId}/competence`, headers: as(other) }), 404);
    expect((await get<CompetenceMeasurePage>('/competence-measures', as(other))).items).toEqual([]);
  });

  it('give a cancelled place back only while one is free, and count hours for the session\'s day in Norway', async () => {
    const m = await measure();
    const s = await session(m.id, { capacity: 1 });
    const first = (await createPerson(t.app, org)).id;
    const second = (await createPerson(t.app, org)).id;
    const given = await post<CompetenceEnrolment>(`/competence-sessions/${s.id}/enrolments`, { personId: first });
    const cancelled = (await attend(given, { status: 'cancelled' })).json<CompetenceEnrolment>();
    await post(`/competence-sessions/${s.id}/enrolments`, { personId: second });
    // Back to enrolled would be a second holder of the one place.
    expectProblem(await attend(cancelled, { status: 'enrolled' }), 409, 'session-full');
    expect(await get<CompetenceSession>(`/competence-sessions/${s.id}`)).toMatchObject({ enrolled: 1, capacity: 1 });

    // 23:30 UTC is already the next day in Norway, and that is the day the hours count for.
    const late = new Date(Date.now() - 5 * day);
    late.setUTCHours(23, 30, 0, 0);
    const night = await session(m.id, { startsAt: late.toISOString(), endsAt: new Date(late.getTime() + 2 * 3600 * 1000).toISOString(), hours: 2 });
    const enrolment = await post<CompetenceEnrolment>(`/competence-sessions/${night.id}/enrolments`, { personId: first });
    const norwegianDay = new Date(late.getTime() + day).toISOString().slice(0, 10);
    expect((await attend(enrolment)).json()).toMatchObject({ status: 'attended', hours: 2, completedOn: norwegianDay });
    const records = await get<PersonCompetence>(`/people/${first}/competence?year=${norwegianDay.slice(0, 4)}`, hr);
    expect(records.records.find((r) => r.sessionId === night.id)).toMatchObject({ completedOn: norwegianDay });
  });
});
