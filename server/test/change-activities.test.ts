import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ChangeActivity, ChangeActivityPage, ChangeActivitySummary } from '@lagverk/shared';
import { signedInAs, type SessionHeaders } from './support/accounts.ts';
import { createTestApp, type TestContext } from './support/app.ts';
import { createOrganisation } from './support/database.ts';
import { as, createPerson, createUnit, expectProblem, expectValidation, unique } from './support/factories.ts';
import { createToken } from './support/access-world.ts';

// The activities of a change process: HR records site visits, interviews, staff meetings,
// process days and project-group meetings; everyone following the process reads them, but
// only those who run it read interview notes. Interviews name nobody: the server numbers
// them per process and never gives a number twice.

let t: TestContext;
let org: string;
let hr: SessionHeaders, member: SessionHeaders, politician: SessionHeaders;
let readOnlyToken: Record<string, string>;
let home: string, ward: string, unvisited: string;
let processId: string, phaseId: string, otherPhaseId: string;

async function processRow(organisationId: string, affectedUnitIds: string[] = []) {
  const process = await t.db.insertInto('change_processes')
    .values({ organisation_id: organisationId, title: `Omstilling ${unique()}`, mandate: 'Ny organisering.', affected_unit_ids: affectedUnitIds })
    .returning('id').executeTakeFirstOrThrow();
  const phase = await t.db.insertInto('change_process_phases')
    .values({ organisation_id: organisationId, process_id: process.id, position: 0, name: 'Kartlegging', starts_on: '2026-01-01', ends_on: '2026-03-31' })
    .returning('id').executeTakeFirstOrThrow();
  return { processId: process.id, phaseId: phase.id };
}

beforeAll(async () => {
  t = await createTestApp();
  org = t.organisationId;
  hr = (await signedInAs(t.db, org, ['hr'])).headers;
  member = (await signedInAs(t.db, org, ['member'])).headers;
  politician = (await signedInAs(t.db, org, ['politician'])).headers;
  readOnlyToken = (await createToken(t.db, org, ['changeProcesses:read'])).headers;
  const area = (await createUnit(t.app, org, { name: `Helse ${unique()}`, kind: 'serviceArea' })).id;
  home = (await createUnit(t.app, org, { name: 'A Sjukeheim', parentId: area })).id;
  ward = (await createUnit(t.app, org, { name: 'B Heimeteneste', parentId: area })).id;
  unvisited = (await createUnit(t.app, org, { name: 'C Psykisk helse', parentId: area })).id;
  ({ processId, phaseId } = await processRow(org, [home, ward, unvisited]));
  otherPhaseId = (await processRow(org)).phaseId;
});
afterAll(() => t.close());

const post = (payload: object, headers: Record<string, string> = hr, process = processId) =>
  t.app.inject({ method: 'POST', url: `/api/v1/change-processes/${process}/activities`, headers, payload });

async function created(payload: object, process = processId) {
  const res = await post(payload, hr, process);
  expect(res.statusCode, res.body).toBe(201);
  expect(res.headers.location).toBe(`/api/v1/change-activities/${res.json<ChangeActivity>().id}`);
  return res.json<ChangeActivity>();
}

const get = (id: string, headers: Record<string, string> = hr) => t.app.inject({ method: 'GET', url: `/api/v1/change-activities/${id}`, headers });
const patch = (id: string, version: number | null, payload: object) => t.app.inject({
  method: 'PATCH', url: `/api/v1/change-activities/${id}`, payload,
  headers: { ...hr, ...(version !== null && { 'if-match': `"${version}"` }) },
});
async function listed(query: string, headers: Record<string, string> = hr, process = processId) {
  const res = await t.app.inject({ method: 'GET', url: `/api/v1/change-processes/${process}/activities?${query}`, headers });
  expect(res.statusCode, res.body).toBe(200);
  return res.json<ChangeActivityPage>();
}

const interview = (details: object = {}) => ({
  kind: 'interview', title: 'Intervju', heldOn: '2026-02-10', phaseId,
  details: { intervieweeRole: 'employee', notes: 'Opplever lite samarbeid mellom sjukeheim og heimeteneste.', themes: ['Samarbeid'], ...details },
});

describe('change activities', () => {
  it('round-trip for every kind, with the details of the kind', async () => {
    const attendee = await createPerson(t.app, org, { name: 'Kari Prosjektleiar' });
    const bodies = [
      { kind: 'siteVisit', title: 'Befaring', heldOn: '2026-01-12', phaseId, unitIds: [home], summary: 'Godt mottatt.',
        details: { premises: 'Trange vaktrom.', workingConditions: 'Mykje alenearbeid.', observations: null } },
      interview({ intervieweeRole: 'safetyRepresentative', themes: ['Arbeidsmiljø', 'Turnus'] }),
      { kind: 'staffMeeting', title: 'Personalmøte', heldOn: '2026-03-01', unitIds: [home, ward], details: { invitedCount: 219, attendedCount: 48 } },
      { kind: 'processDay', title: 'Prosessdag', heldOn: '2026-03-05',
        details: { participantsCount: 24, cases: [{ title: 'Utskriving frå sjukehus', groups: ['Gruppe 1', 'Gruppe 2'] }],
          strengths: ['Engasjerte tilsette'], improvements: ['Felles møteplassar'], solutions: ['Fast tverrfagleg team'] } },
      { kind: 'projectGroupMeeting', title: 'Prosjektgruppemøte', heldOn: '2026-01-05',
        details: { attendeePersonIds: [attendee.id], notes: 'Mandatet gjennomgått.', decisions: ['Plan for befaringar vedteken'] } },
    ];
    for (const body of bodies) {
      const activity = await created(body);
      const read = await get(activity.id);
      expect(read.statusCode, read.body).toBe(200);
      expect(read.headers.etag).toBe('"1"');
      expect(read.json()).toEqual(activity);
      expect(activity).toMatchObject({ kind: body.kind, title: body.title, heldOn: body.heldOn, processId, version: 1 });
    }
    const [visit, said, meeting, day, group] = (await listed('limit=200')).items.filter((a) => bodies.some((b) => b.title === a.title))
      .sort((a, b) => bodies.findIndex((x) => x.kind === a.kind) - bodies.findIndex((x) => x.kind === b.kind));
    expect(visit).toMatchObject({ unitIds: [home], phaseId, summary: 'Godt mottatt.', details: { premises: 'Trange vaktrom.', observations: null } });
    expect(said).toMatchObject({ unitIds: [], details: { intervieweeRole: 'safetyRepresentative', themes: ['Arbeidsmiljø', 'Turnus'], notesHidden: false } });
    expect(meeting).toMatchObject({ unitIds: [home, ward], details: { invitedCount: 219, attendedCount: 48 } });
    expect(day!.details).toEqual({
      participantsCount: 24, cases: [{ title: 'Utskriving frå sjukehus', description: null, groups: ['Gruppe 1', 'Gruppe 2'] }],
      strengths: ['Engasjerte tilsette'], improvements: ['Felles møteplassar'], solutions: ['Fast tverrfagleg team'],
    });
    expect(group!.details).toMatchObject({ attendeePersonIds: [attendee.id], attendees: [{ personId: attendee.id, name: 'Kari Prosjektleiar' }] });
  });

  it('give interviews pseudonyms in order, never from the request and never twice', async () => {
    const { processId: fresh, phaseId: freshPhase } = await processRow(org);
    const first = await created({ ...interview(), phaseId: freshPhase }, fresh);
    const second = await created({ ...interview(), phaseId: freshPhase }, fresh);
    expect([first.details, second.details].map((d) => (d as { pseudonym: string }).pseudonym)).toEqual(['I-01', 'I-02']);
    // The client cannot choose one, nor name the interviewee.
    expectValidation(await post(interview({ pseudonym: 'I-99' }), hr, fresh), '/body');
    expectValidation(await post({ ...interview(), unitIds: [home] }, hr, fresh), '/body');
    // Removing the newest does not free its number, and an edit keeps it.
    expect((await t.app.inject({ method: 'DELETE', url: `/api/v1/change-activities/${second.id}`, headers: { ...hr, 'if-match': '"1"' } })).statusCode).toBe(204);
    const third = await created({ ...interview(), phaseId: freshPhase }, fresh);
    expect(third.details).toMatchObject({ pseudonym: 'I-03' });
    const edited = await patch(first.id, 1, { kind: 'interview', details: { themes: ['Leiing'] } });
    expect(edited.statusCode, edited.body).toBe(200);
    expect(edited.json<ChangeActivity>().details).toMatchObject({ pseudonym: 'I-01', themes: ['Leiing'], notes: expect.stringContaining('lite samarbeid') });
    // Each process counts for itself.
    expect((await created(interview())).details).toMatchObject({ pseudonym: expect.stringMatching(/^I-\d{2}$/) });
  });

  it('show interview notes only to those who run the process, on every path', async () => {
    const said = await created(interview({ notes: 'Leiar på natt er for langt unna.', themes: ['Nattarbeid'] }));
    expect(said.details).toMatchObject({ notes: 'Leiar på natt er for langt unna.', notesHidden: false });
    for (const headers of [member, politician, readOnlyToken]) {
      const one = await get(said.id, headers);
      expect(one.statusCode, one.body).toBe(200);
      expect(one.json<ChangeActivity>().details).toMatchObject({ notes: null, notesHidden: true, themes: ['Nattarbeid'], intervieweeRole: 'employee' });
      expect(one.body).not.toContain('langt unna');
      const all = await t.app.inject({ method: 'GET', url: `/api/v1/change-processes/${processId}/activities?kind=interview&limit=200`, headers });
      expect(all.statusCode).toBe(200);
      expect(all.body).not.toContain('langt unna');
      const summary = await t.app.inject({ method: 'GET', url: `/api/v1/change-processes/${processId}/activity-summary`, headers });
      expect(summary.statusCode).toBe(200);
      expect(summary.body).not.toContain('langt unna');
    }
    expect((await listed('kind=interview&limit=200')).items.find((a) => a.id === said.id)!.details).toMatchObject({ notes: 'Leiar på natt er for langt unna.' });
    const notesToken = (await createToken(t.db, org, ['changeProcesses:read', 'changeInterviews:read'])).headers;
    // The interviews with their notes: for those who run the process only.
    const interviews = await t.app.inject({ method: 'GET', url: `/api/v1/change-processes/${processId}/interviews?limit=200`, headers: hr });
    expect(interviews.statusCode, interviews.body).toBe(200);
    expect(interviews.json<ChangeActivityPage>().items.every((a) => a.kind === 'interview')).toBe(true);
    expect(interviews.body).toContain('langt unna');
    for (const headers of [member, politician, readOnlyToken]) {
      expectProblem(await t.app.inject({ method: 'GET', url: `/api/v1/change-processes/${processId}/interviews`, headers }), 403);
    }
    // Nor does the audit trail hand them to a token that may read it but not the notes.
    const auditToken = (await createToken(t.db, org, ['audit:read'])).headers;
    const trail = await t.app.inject({ method: 'GET', url: `/api/v1/audit-events?entity=change_activities&entityId=${said.id}`, headers: auditToken });
    expect(trail.statusCode, trail.body).toBe(200);
    expect(trail.body).toContain('Nattarbeid');
    expect(trail.body).not.toContain('langt unna');
    expect((await get(said.id, notesToken)).json<ChangeActivity>().details).toMatchObject({ notesHidden: false });
  });

  it('refuse a phase of another process, units and people that do not exist, and impossible attendance', async () => {
    expectProblem(await post({ ...interview(), phaseId: otherPhaseId }), 422, 'phase-not-in-process');
    const elsewhere = await createOrganisation(t.db);
    const foreignUnit = (await createUnit(t.app, elsewhere.id)).id;
    const refused = expectProblem(await post({ kind: 'siteVisit', title: 'Befaring', heldOn: '2026-01-12', unitIds: [home, foreignUnit], details: {} }), 422, 'unknown-reference');
    expect(refused.errors).toEqual([expect.objectContaining({ path: '/body/unitIds/1' })]);
    expectProblem(await post({ kind: 'projectGroupMeeting', title: 'Møte', heldOn: '2026-01-12', details: { attendeePersonIds: [foreignUnit] } }), 422, 'unknown-reference');
    expectProblem(await post({ kind: 'staffMeeting', title: 'Møte', heldOn: '2026-01-12', details: { invitedCount: 10, attendedCount: 11 } }), 422, 'attended-exceeds-invited');
    // Another organisation's process is not there at all.
    const foreign = await processRow(elsewhere.id);
    expectProblem(await post(interview(), hr, foreign.processId), 404);
    expectProblem(await t.app.inject({ method: 'GET', url: `/api/v1/change-processes/${foreign.processId}/activities`, headers: hr }), 404);
    expectProblem(await t.app.inject({ method: 'GET', url: `/api/v1/change-processes/${foreign.processId}/activity-summary`, headers: hr }), 404);
    const theirs = await t.app.inject({ method: 'POST', url: `/api/v1/change-processes/${foreign.processId}/activities`, headers: as(elsewhere.id), payload: interview({}) });
    expect(theirs.statusCode, theirs.body).toBe(422); // their own phase id is not this phase: the process is found, the phase refused
    expectProblem(await get(processId), 404);
  });

  it('validate the shape of each kind', async () => {
    expectValidation(await post({ kind: 'siteVisit', title: 'Befaring', heldOn: '2026-01-12', unitIds: [], details: {} }), '/body');
    expectValidation(await post({ ...interview(), details: { intervieweeRole: 'employee', name: 'Ola Nordmann' } }), '/body');
    expectValidation(await post({ ...interview(), details: { intervieweeRole: 'neighbour' } }), '/body');
    expectValidation(await post({ kind: 'meeting', title: 'X', heldOn: '2026-01-12', details: {} }), '/body');
    expectValidation(await post({ kind: 'staffMeeting', title: 'X', heldOn: '2026-02-30x', details: { invitedCount: 1, attendedCount: 1 } }), '/body');
    expectValidation(await post({ kind: 'processDay', title: 'X', heldOn: '2026-01-12', details: { participantsCount: -1 } }), '/body');
    expectProblem(await post(interview(), member), 403);
    expectProblem(await post(interview(), readOnlyToken), 403);
  });

  it('edit with If-Match, keep the kind, merge the details sent, and delete', async () => {
    const meeting = await created({ kind: 'staffMeeting', title: 'Personalmøte 2', heldOn: '2026-03-08', details: { invitedCount: 219, attendedCount: 40 } });
    expectProblem(await patch(meeting.id, null, { kind: 'staffMeeting', title: 'X' }), 428);
    expectProblem(await patch(meeting.id, 7, { kind: 'staffMeeting', title: 'X' }), 412);
    expectProblem(await patch(meeting.id, 1, { kind: 'processDay', title: 'X' }), 422, 'kind-cannot-change');
    expectProblem(await patch(meeting.id, 1, { kind: 'staffMeeting', details: { attendedCount: 300 } }), 422, 'attended-exceeds-invited');
    expectProblem(await patch(meeting.id, 1, { kind: 'staffMeeting', phaseId: otherPhaseId }), 422, 'phase-not-in-process');
    const res = await patch(meeting.id, 1, { kind: 'staffMeeting', phaseId, details: { attendedCount: 52 } });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.headers.etag).toBe('"2"');
    expect(res.json()).toMatchObject({ version: 2, phaseId, title: 'Personalmøte 2', details: { invitedCount: 219, attendedCount: 52 } });
    expect((await listed(`phaseId=${phaseId}&kind=staffMeeting`)).items.map((a) => a.id)).toContain(meeting.id);
    const url = `/api/v1/change-activities/${meeting.id}`;
    expectProblem(await t.app.inject({ method: 'DELETE', url, headers: hr }), 428);
    expectProblem(await t.app.inject({ method: 'DELETE', url, headers: { ...hr, 'if-match': '"1"' } }), 412);
    expect((await t.app.inject({ method: 'DELETE', url, headers: { ...hr, 'if-match': '"2"' } })).statusCode).toBe(204);
    expectProblem(await get(meeting.id), 404);
  });

  it('list in the order they were held, a page at a time', async () => {
    const { processId: fresh } = await processRow(org);
    for (const heldOn of ['2026-03-01', '2026-01-01', '2026-02-01']) await created({ kind: 'staffMeeting', title: heldOn, heldOn, details: { invitedCount: 5, attendedCount: 5 } }, fresh);
    const first = await listed('limit=2', hr, fresh);
    expect(first.items.map((a) => a.heldOn)).toEqual(['2026-01-01', '2026-02-01']);
    const rest = await listed(`limit=2&cursor=${first.nextCursor}`, hr, fresh);
    expect(rest).toMatchObject({ items: [{ heldOn: '2026-03-01' }], nextCursor: null });
  });

  it('sum up visits per affected unit, attendance, interviews per role and themes', async () => {
    const { processId: fresh } = await (async () => {
      const p = await processRow(org, [home, ward, unvisited]);
      return p;
    })();
    const add = (body: object) => created(body, fresh);
    await add({ kind: 'siteVisit', title: 'Befaring 1', heldOn: '2026-01-10', unitIds: [home], details: {} });
    await add({ kind: 'siteVisit', title: 'Befaring 2', heldOn: '2026-01-20', unitIds: [home, ward], details: {} });
    await add({ kind: 'staffMeeting', title: 'Personalmøte 1', heldOn: '2026-03-01', details: { invitedCount: 219, attendedCount: 48 } });
    await add({ kind: 'staffMeeting', title: 'Personalmøte 2', heldOn: '2026-03-02', details: { invitedCount: 219, attendedCount: 52 } });
    await add({ kind: 'interview', title: 'I', heldOn: '2026-02-01', details: { intervieweeRole: 'leader', themes: ['Samarbeid', 'Ledelse'] } });
    await add({ kind: 'interview', title: 'I', heldOn: '2026-02-02', details: { intervieweeRole: 'leader', themes: ['samarbeid'] } });
    await add({ kind: 'interview', title: 'I', heldOn: '2026-02-03', details: { intervieweeRole: 'politician', themes: ['Økonomi', 'Samarbeid'] } });
    const res = await t.app.inject({ method: 'GET', url: `/api/v1/change-processes/${fresh}/activity-summary`, headers: politician });
    expect(res.statusCode, res.body).toBe(200);
    const summary = res.json<ChangeActivitySummary>();
    expect(summary.counts).toEqual({ siteVisit: 2, interview: 3, staffMeeting: 2, processDay: 0, projectGroupMeeting: 0 });
    expect(summary.siteVisits).toEqual([
      { unitId: home, unitName: 'A Sjukeheim', visited: true, visitCount: 2, lastVisitedOn: '2026-01-20' },
      { unitId: ward, unitName: 'B Heimeteneste', visited: true, visitCount: 1, lastVisitedOn: '2026-01-20' },
      { unitId: unvisited, unitName: 'C Psykisk helse', visited: false, visitCount: 0, lastVisitedOn: null },
    ]);
    expect(summary.staffMeetings).toEqual({ meetings: 2, invited: 438, attended: 100 });
    expect(summary.interviewsByRole.find((r) => r.role === 'leader')).toEqual({ role: 'leader', count: 2 });
    expect(summary.interviewsByRole.find((r) => r.role === 'employee')).toEqual({ role: 'employee', count: 0 });
    expect(summary.themes).toEqual([{ theme: 'Samarbeid', count: 3 }, { theme: 'Ledelse', count: 1 }, { theme: 'Økonomi', count: 1 }]);
  });
});
