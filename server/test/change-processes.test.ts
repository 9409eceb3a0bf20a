import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ChangeProcess, ChangeProcessPage } from '@lagverk/shared';
import { signedInAs, type SessionHeaders } from './support/accounts.ts';
import { createTestApp, type TestContext } from './support/app.ts';
import { createOrganisation } from './support/database.ts';
import { as, createPerson, createUnit, expectProblem, expectValidation } from './support/factories.ts';
import { osloDate } from '../src/time.ts';

// Change processes run in the open: HR sets one up with its mandate, phases, project group
// and affected units, moves it through its statuses, and edits the phases without losing
// the activities linked to them; everyone, politicians included, reads it.

let t: TestContext;
let org: string;
let hr: SessionHeaders;
let politician: SessionHeaders;
let kari: string, ola: string;
let health: string, care: string;

/** A date `days` from today in Norway, as YYYY-MM-DD. */
const day = (days: number) => osloDate(new Date(Date.now() + days * 86_400_000));

beforeAll(async () => {
  t = await createTestApp();
  org = t.organisationId;
  hr = (await signedInAs(t.db, org, ['hr'])).headers;
  politician = (await signedInAs(t.db, org, ['politician'])).headers;
  kari = (await createPerson(t.app, org, { name: 'Kari Prosjektleder' })).id;
  ola = (await createPerson(t.app, org, { name: 'Ola Tillitsvalgt' })).id;
  health = (await createUnit(t.app, org, { name: 'Helse og omsorg', kind: 'serviceArea' })).id;
  care = (await createUnit(t.app, org, { name: 'Hjemmetjenesten', parentId: health })).id;
});
afterAll(() => t.close());

const base = { title: 'Ny organisering av helse og omsorg', mandate: 'Foreslå en trenivåmodell for helse og omsorg.' };
const url = (id: string) => `/api/v1/change-processes/${id}`;
const create = (payload: object, headers: Record<string, string> = hr) =>
  t.app.inject({ method: 'POST', url: '/api/v1/change-processes', headers, payload: { ...base, ...payload } });
async function created(payload: object = {}) {
  const res = await create(payload);
  expect(res.statusCode, res.body).toBe(201);
  return res.json<ChangeProcess>();
}
const patch = (process: Pick<ChangeProcess, 'id' | 'version'>, payload: object, headers: Record<string, string> = hr) =>
  t.app.inject({ method: 'PATCH', url: url(process.id), headers: { ...headers, 'if-match': `"${process.version}"` }, payload });
async function patched(process: Pick<ChangeProcess, 'id' | 'version'>, payload: object) {
  const res = await patch(process, payload);
  expect(res.statusCode, res.body).toBe(200);
  return res.json<ChangeProcess>();
}

describe('change processes', () => {
  it('are created with phases, project group and affected units, and read by everyone', async () => {
    const res = await create({
      background: 'Store utfordringer framover.',
      phases: [
        { name: 'Kartlegging', startsOn: day(-30), endsOn: day(-1) },
        { name: 'Intervjuer', description: 'Samtaler med ledere og ansatte.', startsOn: day(0), endsOn: day(20) },
      ],
      projectGroup: [{ personId: kari, role: 'projectLeader' }, { personId: ola, role: 'unionRepresentative' }],
      affectedUnitIds: [care, health],
    });
    expect(res.statusCode, res.body).toBe(201);
    const process = res.json<ChangeProcess>();
    expect(res.headers.location).toBe(`/api/v1/change-processes/${process.id}`);
    expect(res.headers.etag).toBe('"1"');
    expect(process).toMatchObject({
      status: 'planned', background: 'Store utfordringer framover.', version: 1,
      phases: [{ name: 'Kartlegging', description: null }, { name: 'Intervjuer', description: 'Samtaler med ledere og ansatte.' }],
      projectGroup: [{ personId: kari, name: 'Kari Prosjektleder', role: 'projectLeader' }, { personId: ola, name: 'Ola Tillitsvalgt', role: 'unionRepresentative' }],
      affectedUnits: [{ id: health, name: 'Helse og omsorg' }, { id: care, name: 'Hjemmetjenesten' }],
    });
    // Today falls in the second phase.
    expect(process.currentPhaseId).toBe(process.phases[1]!.id);

    const read = await t.app.inject({ method: 'GET', url: url(process.id), headers: politician });
    expect(read.statusCode, read.body).toBe(200);
    expect(read.json()).toEqual(process);
    expect(read.headers.etag).toBe('"1"');

    const audited = await t.db.selectFrom('audit_events').select('entity').where('organisation_id', '=', org)
      .where('entity', 'in', ['change_processes', 'change_process_phases', 'change_process_members']).execute();
    expect(audited.length).toBeGreaterThanOrEqual(5);
  });

  it('have no current phase when today falls in none', async () => {
    const process = await created({ phases: [{ name: 'Senere', startsOn: day(10), endsOn: day(20) }] });
    expect(process.currentPhaseId).toBeNull();
    expect((await created()).currentPhaseId).toBeNull();
  });

  it('keep a phase sent with its id, add those without, and remove those left out', async () => {
    const process = await created({
      phases: [
        { name: 'Befaring', startsOn: '2026-01-01', endsOn: '2026-01-31' },
        { name: 'Intervjuer', startsOn: '2026-02-01', endsOn: '2026-02-28' },
        { name: 'Prosessdager', startsOn: '2026-03-01', endsOn: '2026-03-31' },
      ],
    });
    const [survey, interviews, days] = process.phases;
    // An activity linked to a phase (as the activities feature stores it).
    const activity = await t.db.insertInto('change_activities').values({
      organisation_id: org, process_id: process.id, phase_id: interviews!.id, kind: 'interview', title: 'Intervju med ledere', held_on: '2026-02-10', details: '{}',
    }).returning('id').executeTakeFirstOrThrow();

    const edited = await patched(process, {
      phases: [
        { id: interviews!.id, name: 'Intervjuer og samtaler', startsOn: '2026-02-01', endsOn: '2026-03-10' },
        { name: 'Forslag', startsOn: '2026-04-01', endsOn: '2026-04-30' },
        { id: survey!.id, name: 'Befaring', description: 'Flyttet bakerst.', startsOn: '2026-01-01', endsOn: '2026-01-31' },
      ],
    });
    expect(edited.version).toBe(2);
    expect(edited.phases.map((p) => p.name)).toEqual(['Intervjuer og samtaler', 'Forslag', 'Befaring']);
    expect(edited.phases[0]!.id).toBe(interviews!.id);
    expect(edited.phases[2]).toMatchObject({ id: survey!.id, description: 'Flyttet bakerst.' });
    expect(edited.phases.map((p) => p.id)).not.toContain(days!.id);
    const linked = await t.db.selectFrom('change_activities').select('phase_id').where('id', '=', activity.id).executeTakeFirstOrThrow();
    expect(linked.phase_id).toBe(interviews!.id);

    // A phase id of another process is no phase of this one.
    const other = await created({ phases: [{ name: 'Annen', startsOn: '2026-01-01', endsOn: '2026-01-02' }] });
    const foreign = expectProblem(await patch(edited, { phases: [{ id: other.phases[0]!.id, name: 'X', startsOn: '2026-01-01', endsOn: '2026-01-02' }] }), 422, 'unknown-reference');
    expect(foreign.errors).toEqual([expect.objectContaining({ path: '/body/phases/0/id' })]);
    // Nothing was half-written.
    expect((await t.app.inject({ method: 'GET', url: url(process.id), headers: hr })).json()).toEqual(edited);
  });

  it('replace the project group and affected units, and leave the other fields alone', async () => {
    const process = await created({ projectGroup: [{ personId: kari, role: 'projectLeader' }], affectedUnitIds: [health] });
    const edited = await patched(process, { projectGroup: [{ personId: ola, role: 'safetyRepresentative' }, { personId: kari, role: 'member' }], affectedUnitIds: [] });
    expect(edited.projectGroup.map((m) => [m.personId, m.role])).toEqual([[ola, 'safetyRepresentative'], [kari, 'member']]);
    expect(edited.affectedUnits).toEqual([]);
    expect(edited).toMatchObject({ title: base.title, mandate: base.mandate, status: 'planned' });
    expect((await patched(edited, { background: null, title: 'Nytt navn' }))).toMatchObject({ background: null, title: 'Nytt navn', projectGroup: edited.projectGroup });
  });

  it('move through their statuses and refuse the others', async () => {
    const process = await created();
    const active = await patched(process, { status: 'active' });
    expect(active.status).toBe('active');
    const back = expectProblem(await patch(active, { status: 'planned' }), 409, 'illegal-transition');
    expect(back).toMatchObject({ allowed: ['completed', 'cancelled'] });
    const done = await patched(active, { status: 'completed' });
    expectProblem(await patch(done, { status: 'cancelled' }), 409, 'illegal-transition');
    // The same status again is no transition: an edit form sends it with every save.
    expect((await patched(done, { status: 'completed', title: 'Avsluttet prosess' })).title).toBe('Avsluttet prosess');

    const planned = await created();
    expect((await patched(planned, { status: 'cancelled' })).status).toBe('cancelled');
    expect((await created({ status: 'active' })).status).toBe('active');
    expectValidation(await create({ status: 'completed' }), '/body/status');
  });

  it('refuse impossible phases, people twice and another organisation\'s people and units', async () => {
    const bad = expectProblem(await create({
      phases: [{ name: 'Ok', startsOn: '2026-01-01', endsOn: '2026-01-01' }, { name: 'Baklengs', startsOn: '2026-02-10', endsOn: '2026-02-01' }],
    }), 422, 'phase-ends-before-start');
    expect(bad.errors).toEqual([expect.objectContaining({ path: '/body/phases/1/endsOn' })]);
    expectValidation(await create({ phases: [{ name: 'X', startsOn: '2026-02-30', endsOn: '2026-03-01' }] }), '/body/phases/0/startsOn');
    expectValidation(await create({ phases: [{ name: 'X', startsOn: '2026-01-01', endsOn: '2026-03-01', colour: 'red' }] }));
    expectValidation(await create({ title: ' ' }), '/body/title');
    expectValidation(await create({ projectGroup: [{ personId: kari, role: 'boss' }] }), '/body/projectGroup/0/role');

    expectProblem(await create({ projectGroup: [{ personId: kari, role: 'member' }, { personId: kari, role: 'manager' }] }), 422, 'duplicate-member');

    const other = (await createOrganisation(t.db)).id;
    const stranger = await createPerson(t.app, other);
    const elsewhere = await createUnit(t.app, other);
    const refused = expectProblem(await create({ projectGroup: [{ personId: stranger.id, role: 'member' }], affectedUnitIds: [health, elsewhere.id] }), 422, 'unknown-reference');
    expect(refused.errors!.map((e) => e.path).sort()).toEqual(['/body/affectedUnitIds/1', '/body/projectGroup/0/personId']);
    const count = await t.db.selectFrom('change_processes').select((eb) => eb.fn.countAll<string>().as('n')).where('organisation_id', '=', org).executeTakeFirstOrThrow();
    const again = expectProblem(await create({ affectedUnitIds: [elsewhere.id] }), 422, 'unknown-reference');
    expect(again.errors).toHaveLength(1);
    const after = await t.db.selectFrom('change_processes').select((eb) => eb.fn.countAll<string>().as('n')).where('organisation_id', '=', org).executeTakeFirstOrThrow();
    expect(after.n).toBe(count.n);
  });

  it('need If-Match to change, and refuse a stale one', async () => {
    const process = await created();
    expectProblem(await t.app.inject({ method: 'PATCH', url: url(process.id), headers: hr, payload: { title: 'X' } }), 428);
    await patched(process, { title: 'Første endring' });
    const stale = expectProblem(await patch(process, { title: 'Andre endring' }), 412, 'stale-version');
    expect(stale.currentVersion).toBe(2);
    expectProblem(await t.app.inject({ method: 'DELETE', url: url(process.id), headers: { ...hr, 'if-match': '"1"' } }), 412, 'stale-version');
    expectProblem(await t.app.inject({ method: 'DELETE', url: url(process.id), headers: hr }), 428);
  });

  it('are deleted only while planned; a started one is cancelled instead', async () => {
    const planned = await created({ phases: [{ name: 'X', startsOn: '2026-01-01', endsOn: '2026-01-02' }], projectGroup: [{ personId: kari, role: 'member' }] });
    const res = await t.app.inject({ method: 'DELETE', url: url(planned.id), headers: { ...hr, 'if-match': '"1"' } });
    expect(res.statusCode, res.body).toBe(204);
    expectProblem(await t.app.inject({ method: 'GET', url: url(planned.id), headers: hr }), 404);
    const phases = await t.db.selectFrom('change_process_phases').select('id').where('process_id', '=', planned.id).execute();
    expect(phases).toEqual([]);

    const started = await patched(await created(), { status: 'active' });
    const refused = expectProblem(await t.app.inject({ method: 'DELETE', url: url(started.id), headers: { ...hr, 'if-match': `"${started.version}"` } }), 409, 'change-process-started');
    expect(refused.detail).toMatch(/cancel/);
    expect((await t.app.inject({ method: 'GET', url: url(started.id), headers: hr })).statusCode).toBe(200);
  });

  it('are listed active first, then planned, then the finished, by title, page by page', async () => {
    const own = (await createOrganisation(t.db)).id;
    const make = async (title: string, status?: 'active') => {
      const res = await t.app.inject({ method: 'POST', url: '/api/v1/change-processes', headers: as(own), payload: { ...base, title, ...(status && { status }) } });
      expect(res.statusCode, res.body).toBe(201);
      return res.json<ChangeProcess>();
    };
    await make('B planlagt');
    await make('A planlagt');
    await make('Z aktiv', 'active');
    const cancelled = await make('A avlyst');
    const cancel = await t.app.inject({ method: 'PATCH', url: url(cancelled.id), headers: as(own, { 'if-match': '"1"' }), payload: { status: 'cancelled' } });
    expect(cancel.statusCode, cancel.body).toBe(200);
    await make('C aktiv', 'active');

    const titles: string[] = [];
    let cursor: string | null = null;
    do {
      const page: ChangeProcessPage = (await t.app.inject({ method: 'GET', url: `/api/v1/change-processes?limit=2${cursor ? `&cursor=${cursor}` : ''}`, headers: as(own) })).json();
      titles.push(...page.items.map((p) => p.title));
      cursor = page.nextCursor;
    } while (cursor);
    expect(titles).toEqual(['C aktiv', 'Z aktiv', 'A planlagt', 'B planlagt', 'A avlyst']);

    const active = (await t.app.inject({ method: 'GET', url: '/api/v1/change-processes?status=active', headers: as(own) })).json<ChangeProcessPage>();
    expect(active.items.map((p) => p.title)).toEqual(['C aktiv', 'Z aktiv']);
    expectValidation(await t.app.inject({ method: 'GET', url: '/api/v1/change-processes?status=open', headers: as(own) }), '/query/status');
    expectProblem(await t.app.inject({ method: 'GET', url: '/api/v1/change-processes?cursor=bm9wZQ', headers: as(own) }), 400, 'invalid-cursor');
    expectValidation(await t.app.inject({ method: 'GET', url: '/api/v1/change-processes?sort=title', headers: as(own) }));
  });

  it('are read by a politician, who cannot write them', async () => {
    const process = await created();
    expect((await t.app.inject({ method: 'GET', url: '/api/v1/change-processes', headers: politician })).statusCode).toBe(200);
    expectProblem(await create({}, politician), 403, 'forbidden');
    expectProblem(await patch(process, { title: 'Politisk endring' }, politician), 403, 'forbidden');
    expectProblem(await t.app.inject({ method: 'DELETE', url: url(process.id), headers: { ...politician, 'if-match': '"1"' } }), 403, 'forbidden');
  });

  it('stay within their organisation', async () => {
    const process = await created();
    const other = (await createOrganisation(t.db)).id;
    expectProblem(await t.app.inject({ method: 'GET', url: url(process.id), headers: as(other) }), 404);
    expectProblem(await t.app.inject({ method: 'PATCH', url: url(process.id), headers: as(other, { 'if-match': '"1"' }), payload: { status: 'active' } }), 404);
    expectProblem(await t.app.inject({ method: 'DELETE', url: url(process.id), headers: as(other, { 'if-match': '"1"' }) }), 404);
    const listed = (await t.app.inject({ method: 'GET', url: '/api/v1/change-processes?limit=200', headers: as(other) })).json<ChangeProcessPage>();
    expect(listed.items).toEqual([]);
    expect((await t.app.inject({ method: 'GET', url: url(process.id), headers: hr })).json()).toMatchObject({ status: 'planned', version: 1 });
  });
});
