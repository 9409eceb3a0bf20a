import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { OrgChart, OrgChartComment, OrgChartCommentRound, OrgChartComparison, OrgChartNode, OrgChartProposal, Unit } from '@lagverk/shared';
import { signedInAs, type SessionHeaders } from './support/accounts.ts';
import { createTestApp, type TestContext } from './support/app.ts';
import { createOrganisation } from './support/database.ts';
import { as, createPerson, createUnit, expectProblem, fetchJson, unique } from './support/factories.ts';

// Organisation-chart proposals, on the model of Fjaler's reorganisation: a two-level health
// service (the head and four units) redrawn with a level of heads of service in between,
// compared, commented on, decided, and applied to the unit tree all or nothing.

let t: TestContext;
let org: string;
let hr: SessionHeaders, chief: SessionHeaders, member: SessionHeaders, politician: SessionHeaders;
let processId: string;
let memberName: string;

beforeAll(async () => {
  t = await createTestApp();
  org = t.organisationId;
  hr = (await signedInAs(t.db, org, ['hr'])).headers;
  chief = (await signedInAs(t.db, org, ['chiefExecutive'])).headers;
  politician = (await signedInAs(t.db, org, ['politician'])).headers;
  const m = await signedInAs(t.db, org, ['member']);
  member = m.headers;
  memberName = (await t.db.selectFrom('people').select('name').where('id', '=', m.account.personId).executeTakeFirstOrThrow()).name;
  processId = (await t.db.insertInto('change_processes')
    .values({ organisation_id: org, title: 'Ny organisering av helse', mandate: 'Vurder to eller tre nivå.', status: 'active' })
    .returning('id').executeTakeFirstOrThrow()).id;
});
afterAll(() => t.close());

interface Tree { head: Unit; home: Unit; nursing: Unit; doctors: Unit; mental: Unit; headManager: string }

/** Helse (led by a person) with four units: 3, 2, 1 and 0 people. */
async function twoLevels(): Promise<Tree> {
  const headManager = (await createPerson(t.app, org, { name: `Kommunalsjef ${unique()}` })).id;
  const head = await createUnit(t.app, org, { name: `Helse ${unique()}`, kind: 'serviceArea', managerId: headManager });
  const unit = (name: string) => createUnit(t.app, org, { name, parentId: head.id });
  const [home, nursing, doctors, mental] = [await unit('Heimetenesta'), await unit('Sjukeheimen'), await unit('Legekontoret'), await unit('Psykisk helse')];
  for (const [u, n] of [[home, 3], [nursing, 2], [doctors, 1]] as const) {
    for (let i = 0; i < n; i++) await createPerson(t.app, org, { unitId: u.id });
  }
  return { head, home, nursing, doctors, mental, headManager };
}

const node = (u: Unit, parentKey: string | null, extra: Partial<OrgChartNode> = {}): OrgChartNode =>
  ({ key: u.id, unitId: u.id, name: u.name, kind: u.kind, parentKey, managerPersonId: u.managerId, ...extra });

/** The three-level drawing: heads of care and of health between Helse and its units; Legekontoret renamed. */
function threeLevels(tree: Tree): OrgChartNode[] {
  return [
    node(tree.head, null),
    { key: 'pleie', unitId: null, name: 'Pleie og omsorg', kind: 'serviceArea', parentKey: tree.head.id, managerPersonId: null },
    { key: 'helse', unitId: null, name: 'Helsetenester', kind: 'serviceArea', parentKey: tree.head.id, managerPersonId: null },
    node(tree.home, 'pleie'), node(tree.nursing, 'pleie'),
    node(tree.doctors, 'helse', { name: 'Legetenesta' }), node(tree.mental, 'helse'),
  ];
}

const post = (url: string, payload: object, headers: Record<string, string> = hr) =>
  t.app.inject({ method: 'POST', url: `/api/v1${url}`, headers, payload });

async function propose(payload: object, headers: Record<string, string> = hr) {
  const res = await post(`/change-processes/${processId}/org-chart-proposals`, { title: 'Forslag', ...payload }, headers);
  expect(res.statusCode, res.body).toBe(201);
  return res.json<OrgChartProposal>();
}

const patch = (p: OrgChartProposal, payload: object) =>
  t.app.inject({ method: 'PATCH', url: `/api/v1/org-chart-proposals/${p.id}`, headers: { ...hr, 'if-match': `"${p.version}"` }, payload });

async function decided(p: OrgChartProposal) {
  const res = await post(`/org-chart-proposals/${p.id}/decide`, { decidedOn: '2026-05-20', decisionReference: 'PS 12/2026' });
  expect(res.statusCode, res.body).toBe(200);
  return res.json<OrgChartProposal>();
}

const unitsUnder = async (id: string) => (await t.db.selectFrom('units').select(['id', 'name', 'parent_id', 'kind', 'active', 'version'])
  .where('organisation_id', '=', org).where('parent_id', '=', id).orderBy('name').execute());

describe('the current chart', () => {
  it('shows a politician the units with their managers and people', async () => {
    const tree = await twoLevels();
    const res = await t.app.inject({ method: 'GET', url: `/api/v1/org-chart?rootUnitId=${tree.head.id}`, headers: politician });
    expect(res.statusCode, res.body).toBe(200);
    const chart = res.json<OrgChart>();
    expect(chart.nodes).toHaveLength(5);
    expect(chart.nodes[0]).toMatchObject({ key: tree.head.id, parentKey: null, people: 0, managerName: expect.stringMatching(/^Kommunalsjef/) });
    expect(chart.nodes.find((n) => n.unitId === tree.home.id)).toMatchObject({ parentKey: tree.head.id, people: 3, managerName: null });
  });
});

describe('proposals', () => {
  it('starts from the current subtree and rejects a chart that is not one tree, naming the node', async () => {
    const tree = await twoLevels();
    const outside = await createUnit(t.app, org);
    const p = await propose({ rootUnitId: tree.head.id, fromCurrent: true });
    expect(p).toMatchObject({ status: 'draft', rootUnitId: tree.head.id, rootUnitName: tree.head.name });
    expect(p.nodes.map((n) => n.unitId).sort()).toEqual([tree.head, tree.home, tree.nursing, tree.doctors, tree.mental].map((u) => u.id).sort());

    const base = threeLevels(tree);
    const cases: [OrgChartNode[], string][] = [
      [[...base, { ...base[1]!, name: 'Dobbel' }], '/body/nodes/7/key'],
      [base.map((n) => (n.key === 'pleie' ? { ...n, parentKey: tree.home.id } : n)), '/body/nodes/1/parentKey'],
      [base.map((n) => (n.key === 'helse' ? { ...n, parentKey: 'finst-ikkje' } : n)), '/body/nodes/2/parentKey'],
      [[...base, node(outside, 'helse')], '/body/nodes/7/unitId'],
      [[...base, { key: 'ny', unitId: null, name: 'Ny topp', kind: 'unit', parentKey: null, managerPersonId: null }], '/body/nodes/7/parentKey'],
      [base.map((n) => (n.key === 'pleie' ? { ...n, managerPersonId: outside.id } : n)), '/body/nodes/1/managerPersonId'],
    ];
    for (const [nodes, path] of cases) {
      const body = expectProblem(await patch(p, { nodes }), 422, 'org-chart-invalid');
      expect(body.errors!.map((e) => e.path), JSON.stringify(body.errors)).toContain(path);
    }
    const ok = await patch(p, { nodes: base });
    expect(ok.statusCode, ok.body).toBe(200);
    expect(ok.json<OrgChartProposal>().nodes).toHaveLength(7);
    // Another organisation's process is not found.
    const other = (await createOrganisation(t.db)).id;
    const foreign = await t.app.inject({ method: 'GET', url: `/api/v1/change-processes/${processId}/org-chart-proposals`, headers: as(other) });
    expectProblem(foreign, 404);
    expectProblem(await t.app.inject({ method: 'GET', url: `/api/v1/org-chart-proposals/${p.id}`, headers: as(other) }), 404);
  });

  it('compares a three-level proposal with the two-level structure in figures', async () => {
    const tree = await twoLevels();
    const two = await propose({ title: 'To nivå', rootUnitId: tree.head.id });
    const three = await propose({ title: 'Tre nivå', rootUnitId: tree.head.id, nodes: threeLevels(tree) });
    const res = await t.app.inject({ method: 'GET', url: `/api/v1/org-chart-proposals/${three.id}/comparison`, headers: politician });
    expect(res.statusCode, res.body).toBe(200);
    const c = res.json<OrgChartComparison>();
    expect(c.before).toMatchObject({ proposalId: null, units: 5, levels: 2, unitsPerLevel: [1, 4], maxChildUnits: 4, meanChildUnits: 4, maxPeople: 3, meanPeople: 1.2 });
    expect(c.after).toMatchObject({ proposalId: three.id, units: 7, levels: 3, unitsPerLevel: [1, 2, 4], maxChildUnits: 2, meanChildUnits: 2, maxPeople: 3, meanPeople: 0.9 });
    expect(c.after.spans.find((s) => s.key === 'pleie')).toMatchObject({ level: 2, childUnits: 2, people: 0 });
    expect(c.moved.map((m) => [m.name, m.fromParent?.name, m.toParent?.name]).sort()).toEqual([
      ['Heimetenesta', tree.head.name, 'Pleie og omsorg'], ['Legetenesta', tree.head.name, 'Helsetenester'],
      ['Psykisk helse', tree.head.name, 'Helsetenester'], ['Sjukeheimen', tree.head.name, 'Pleie og omsorg'],
    ]);
    expect(c.renamed).toEqual([{ unitId: tree.doctors.id, from: 'Legekontoret', to: 'Legetenesta' }]);
    expect(c.added.map((a) => a.name).sort()).toEqual(['Helsetenester', 'Pleie og omsorg']);
    expect(c.removed).toEqual([]);

    // Against the other proposal: the same figures on the before side, labelled with its title.
    const vs = (await t.app.inject({ method: 'GET', url: `/api/v1/org-chart-proposals/${three.id}/comparison?against=${two.id}`, headers: member })).json<OrgChartComparison>();
    expect(vs.before).toMatchObject({ label: 'To nivå', proposalId: two.id, levels: 2, units: 5 });
    expect(vs.moved).toHaveLength(4);
  });
});

describe('comment rounds', () => {
  it('takes named comments only while a round is open, one round at a time', async () => {
    const tree = await twoLevels();
    const p = await propose({ rootUnitId: tree.head.id, nodes: threeLevels(tree) });
    const comment = (payload: object, headers: Record<string, string> = member) => post(`/org-chart-proposals/${p.id}/comments`, payload, headers);
    expectProblem(await comment({ body: 'For tidleg?' }), 409, 'no-open-comment-round');
    expectProblem(await post(`/org-chart-proposals/${p.id}/comment-rounds`, { closesOn: '2099-06-01' }, member), 403);
    expectProblem(await post(`/org-chart-proposals/${p.id}/comment-rounds`, { closesOn: '2020-01-01' }), 422, 'closes-in-past');
    const opened = await post(`/org-chart-proposals/${p.id}/comment-rounds`, { closesOn: '2099-06-01' });
    expect(opened.statusCode, opened.body).toBe(201);
    const round = opened.json<OrgChartCommentRound>();
    expect(round.open).toBe(true);
    expectProblem(await post(`/org-chart-proposals/${p.id}/comment-rounds`, { closesOn: '2099-07-01' }), 409, 'comment-round-open');

    const given = await comment({ body: 'Pleie og omsorg får mange tilsette.', nodeKey: 'pleie' });
    expect(given.statusCode, given.body).toBe(201);
    expect(given.json<OrgChartComment>()).toMatchObject({ personName: memberName, nodeKey: 'pleie', nodeName: 'Pleie og omsorg', roundId: round.id });
    expect((await comment({ body: 'Feil node', nodeKey: 'finst-ikkje' })).statusCode).toBe(422);
    expect((await comment({ body: 'Frå politikar' }, politician)).statusCode).toBe(201);

    const closed = await post(`/org-chart-comment-rounds/${round.id}/close`, {});
    expect(closed.statusCode, closed.body).toBe(200);
    expect(closed.json<OrgChartCommentRound>().open).toBe(false);
    expectProblem(await post(`/org-chart-comment-rounds/${round.id}/close`, {}), 409, 'comment-round-closed');
    expectProblem(await comment({ body: 'For seint' }), 409, 'no-open-comment-round');

    const list = await t.app.inject({ method: 'GET', url: `/api/v1/org-chart-proposals/${p.id}/comments`, headers: politician });
    expect(list.json<{ items: OrgChartComment[] }>().items.map((c) => c.body)).toEqual(['Pleie og omsorg får mange tilsette.', 'Frå politikar']);
    const read = await fetchJson<OrgChartProposal>(t.app, org, `/api/v1/org-chart-proposals/${p.id}`);
    expect(read).toMatchObject({ comments: 2, rounds: [{ id: round.id, open: false }] });
  });

  it('lists a process\'s proposals, each with its own rounds, comments and managers', async () => {
    const tree = await twoLevels();
    const own = (await t.db.insertInto('change_processes')
      .values({ organisation_id: org, title: 'To forslag', mandate: 'Samanlikn.', status: 'active' })
      .returning('id').executeTakeFirstOrThrow()).id;
    const make = async (title: string) => {
      const res = await post(`/change-processes/${own}/org-chart-proposals`, { title, rootUnitId: tree.head.id, nodes: threeLevels(tree) });
      expect(res.statusCode, res.body).toBe(201);
      return res.json<OrgChartProposal>();
    };
    const [quiet, discussed] = [await make('Utan runde'), await make('Med runde')];
    const round = (await post(`/org-chart-proposals/${discussed.id}/comment-rounds`, { closesOn: '2099-06-01' })).json<OrgChartCommentRound>();
    expect((await post(`/org-chart-proposals/${discussed.id}/comments`, { body: 'Godt forslag.' }, member)).statusCode).toBe(201);

    const page = await fetchJson<{ items: OrgChartProposal[] }>(t.app, org, `/api/v1/change-processes/${own}/org-chart-proposals`);
    // (Ordered by creation; two made in the same millisecond may come either way.)
    const byTitle = [...page.items].sort((a, b) => a.title.localeCompare(b.title));
    expect(byTitle.map((p) => [p.title, p.comments, p.rounds.map((r) => r.id), p.rootUnitName])).toEqual([
      ['Med runde', 1, [round.id], tree.head.name],
      ['Utan runde', 0, [], tree.head.name],
    ]);
    // The list shows each proposal as reading it alone does.
    for (const listed of page.items) {
      expect(listed).toEqual(await fetchJson<OrgChartProposal>(t.app, org, `/api/v1/org-chart-proposals/${listed.id}`));
    }
    expect(page.items.map((p) => p.id).sort()).toEqual([quiet.id, discussed.id].sort());
  });
});

describe('applying', () => {
  it('changes the unit tree exactly as decided, keeping the history', async () => {
    const tree = await twoLevels();
    const manager = await createPerson(t.app, org, { name: `Leiar pleie ${unique()}` });
    const nodes = threeLevels(tree).map((n) => (n.key === 'pleie' ? { ...n, managerPersonId: manager.id } : n));
    const p = await propose({ rootUnitId: tree.head.id, nodes });
    expectProblem(await post(`/org-chart-proposals/${p.id}/apply`, {}), 409, 'proposal-not-decided');
    const d = await decided(p);
    expect(d.status).toBe('decided');
    expectProblem(await patch(d, { title: 'Endra' }), 409, 'proposal-not-draft');
    // Those who run the process decide; those who keep the unit tree apply.
    expectProblem(await post(`/org-chart-proposals/${p.id}/apply`, {}, chief), 403);

    const res = await post(`/org-chart-proposals/${p.id}/apply`, {});
    expect(res.statusCode, res.body).toBe(200);
    const applied = res.json<OrgChartProposal>();
    expect(applied).toMatchObject({ status: 'applied', appliedAt: expect.any(String) });
    expect(applied.beforeNodes!.filter((n) => n.parentKey === tree.head.id)).toHaveLength(4);

    const level2 = await unitsUnder(tree.head.id);
    expect(level2.map((u) => [u.name, u.kind])).toEqual([['Helsetenester', 'serviceArea'], ['Pleie og omsorg', 'serviceArea']]);
    const care = level2.find((u) => u.name === 'Pleie og omsorg')!;
    const health = level2.find((u) => u.name === 'Helsetenester')!;
    expect((await unitsUnder(care.id)).map((u) => u.id).sort()).toEqual([tree.home.id, tree.nursing.id].sort());
    expect((await unitsUnder(health.id)).map((u) => u.name)).toEqual(['Legetenesta', 'Psykisk helse']);
    expect((await t.db.selectFrom('units').select('manager_id').where('id', '=', care.id).executeTakeFirstOrThrow()).manager_id).toBe(manager.id);

    // The audit trail has each unit's change: the move and rename of the doctors' office.
    const history = await t.db.selectFrom('audit_events').select(['action', 'changes']).where('organisation_id', '=', org)
      .where('entity', '=', 'units').where('entity_id', '=', tree.doctors.id).orderBy('id').execute();
    expect(history.map((h) => h.action)).toEqual(['create', 'update']);
    expect(JSON.stringify(history[1]!.changes)).toContain('Legetenesta');

    expectProblem(await post(`/org-chart-proposals/${p.id}/apply`, {}), 409, 'proposal-applied');
    expectProblem(await t.app.inject({ method: 'DELETE', url: `/api/v1/org-chart-proposals/${p.id}`, headers: { ...hr, 'if-match': `"${applied.version}"` } }), 409, 'proposal-applied');
  });

  it('changes nothing when a unit to remove still has people, and names it', async () => {
    const tree = await twoLevels();
    // Merge: Sjukeheimen (2 people) is left out; Psykisk helse (empty) is left out too; a new unit is added.
    const nodes = [node(tree.head, null), node(tree.home, tree.head.id), node(tree.doctors, tree.head.id, { name: 'Nytt namn' }),
      { key: 'ny', unitId: null, name: 'Ny eining', kind: 'unit' as const, parentKey: tree.head.id, managerPersonId: null }];
    const p = await decided(await propose({ rootUnitId: tree.head.id, nodes }));
    const before = await t.db.selectFrom('units').selectAll().where('organisation_id', '=', org).orderBy('id').execute();
    const body = expectProblem(await post(`/org-chart-proposals/${p.id}/apply`, {}), 409, 'unit-in-use');
    expect(body.errors!.map((e) => e.path)).toEqual([`/units/${tree.nursing.id}`]);
    expect(body.detail).toContain('Sjukeheimen');
    // The rename and the new unit were written before the check failed; all of it is rolled back.
    expect(await t.db.selectFrom('units').selectAll().where('organisation_id', '=', org).orderBy('id').execute()).toEqual(before);
    expect((await fetchJson<OrgChartProposal>(t.app, org, `/api/v1/org-chart-proposals/${p.id}`)).status).toBe('decided');
  });

  it('keeps a unit led by someone who has left as it is, and refuses them only as a new manager', async () => {
    const tree = await twoLevels();
    const left = await t.app.inject({ method: 'POST', url: `/api/v1/people/${tree.headManager}/deactivate`, headers: as(org), payload: {} });
    expect(left.statusCode, left.body).toBe(200);
    // The current structure, as it is, is a valid chart: Helse is still led by the person who left.
    const p = await propose({ rootUnitId: tree.head.id, fromCurrent: true });
    expect(p.nodes.find((n) => n.unitId === tree.head.id)!.managerPersonId).toBe(tree.headManager);
    // Giving them another unit is refused.
    const moved = threeLevels(tree).map((n) => (n.key === 'pleie' ? { ...n, managerPersonId: tree.headManager } : { ...n, managerPersonId: n.unitId === tree.head.id ? tree.headManager : n.managerPersonId }));
    const body = expectProblem(await patch(p, { nodes: moved }), 422, 'org-chart-invalid');
    expect(body.errors!.map((e) => e.path)).toEqual(['/body/nodes/1/managerPersonId']);
    const ok = await patch(p, { nodes: threeLevels(tree) });
    expect(ok.statusCode, ok.body).toBe(200);
    const applied = await post(`/org-chart-proposals/${(await decided(ok.json<OrgChartProposal>())).id}/apply`, {});
    expect(applied.statusCode, applied.body).toBe(200);
  });

  it('keeps a process whose proposal was applied: the record of the change is not deleted with it', async () => {
    const tree = await twoLevels();
    const created = await post('/change-processes', { title: `Planlagt ${unique()}`, mandate: 'Ny organisering.' });
    expect(created.statusCode, created.body).toBe(201);
    const planned = created.json<{ id: string; version: number }>();
    const res = await post(`/change-processes/${planned.id}/org-chart-proposals`, { title: 'Forslag', rootUnitId: tree.head.id, nodes: threeLevels(tree) });
    expect(res.statusCode, res.body).toBe(201);
    const p = await decided(res.json<OrgChartProposal>());
    expect((await post(`/org-chart-proposals/${p.id}/apply`, {})).statusCode).toBe(200);
    const removal = await t.app.inject({ method: 'DELETE', url: `/api/v1/change-processes/${planned.id}`, headers: { ...hr, 'if-match': `"${planned.version}"` } });
    expectProblem(removal, 409, 'change-process-started');
    expect((await fetchJson<OrgChartProposal>(t.app, org, `/api/v1/org-chart-proposals/${p.id}`)).status).toBe('applied');
  });

  it('refuses with 409 when the units changed after the proposal was made', async () => {
    const tree = await twoLevels();
    const p = await decided(await propose({ rootUnitId: tree.head.id, nodes: threeLevels(tree) }));
    const renamed = await t.app.inject({
      method: 'PATCH', url: `/api/v1/units/${tree.mental.id}`, headers: { ...as(org), 'if-match': `"${tree.mental.version}"` }, payload: { name: 'Rus og psykisk helse' },
    });
    expect(renamed.statusCode, renamed.body).toBe(200);
    await createUnit(t.app, org, { name: 'Kommunepsykolog', parentId: tree.head.id });
    const body = expectProblem(await post(`/org-chart-proposals/${p.id}/apply`, {}), 409, 'org-chart-drift');
    expect(body.errors!.map((e) => e.message).join(' | ')).toMatch(/Psykisk helse.*renamed.*Rus og psykisk helse.*\|.*Kommunepsykolog.*added/);
    expect((await unitsUnder(tree.head.id)).map((u) => u.name)).not.toContain('Pleie og omsorg');
  });
});
