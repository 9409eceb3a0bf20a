import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Team, TeamPage, TeamTimeline } from '@lagverk/shared';
import { createTestApp, type TestContext } from './support/app.ts';
import { createOrganisation } from './support/database.ts';
import { as, createPerson, createUnit, expectProblem, expectValidation, fetchJson } from './support/factories.ts';
import { addMember, createTeam, teamIn } from './support/team-factories.ts';

let t: TestContext;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.close());

const newOrg = async () => (await createOrganisation(t.db)).id;
const ifMatch = (version: number) => ({ 'if-match': `"${version}"` });

const post = (org: string, payload: object, headers: Record<string, string> = {}) =>
  t.app.inject({ method: 'POST', url: '/api/v1/teams', headers: as(org, headers), payload });
const patch = (org: string, id: string, version: number | null, payload: object) =>
  t.app.inject({ method: 'PATCH', url: `/api/v1/teams/${id}`, headers: as(org, version === null ? {} : ifMatch(version)), payload });
const remove = (org: string, id: string, version: number | null) =>
  t.app.inject({ method: 'DELETE', url: `/api/v1/teams/${id}`, headers: as(org, version === null ? {} : ifMatch(version)) });
async function list(org: string, query: string) {
  const res = await t.app.inject({ method: 'GET', url: `/api/v1/teams?${query}`, headers: as(org) });
  expect(res.statusCode, res.body).toBe(200);
  return res.json<TeamPage>();
}
const names = (page: TeamPage) => page.items.map((team) => team.name);
const timelineKinds = async (org: string, id: string) =>
  (await fetchJson<TeamTimeline>(t.app, org, `/api/v1/teams/${id}/timeline`)).items.map((e) => e.kind);

describe('creating and reading a team', () => {
  it('creates a draft with every field, Location and ETag, and logs team.created', async () => {
    const org = await newOrg();
    const helse = await createUnit(t.app, org);
    const hr = await createUnit(t.app, org);
    const res = await post(org, {
      name: 'Arbeidslag for lærlinger', purpose: 'Bedre inntak av lærlinger', mandate: 'Gjennomgå rutinene', everydayTask: 'Inntak og oppfølging',
      expectedEffect: 'Flere fullfører', effectGoals: ['resourceEfficiency', 'competenceMobilisation'], unitIds: [helse.id, hr.id],
      startDate: '2026-01-15', plannedEndDate: '2026-12-31', hoursPerMemberPerMonth: 6.5, meetingRhythm: 'Annenhver uke', budgetNok: 50000, otherResources: 'Møterom',
    });
    expect(res.statusCode, res.body).toBe(201);
    const team = res.json<Team>();
    expect(team).toMatchObject({
      name: 'Arbeidslag for lærlinger', status: 'draft', effectGoals: ['resourceEfficiency', 'competenceMobilisation'],
      startDate: '2026-01-15', plannedEndDate: '2026-12-31', hoursPerMemberPerMonth: 6.5, budgetNok: 50000,
      establishmentSetId: null, decisionReason: null, decidedAt: null, professions: [], memberCount: 0, version: 1,
    });
    expect([...team.unitIds].sort()).toEqual([helse.id, hr.id].sort());
    expect(res.headers.location).toBe(`/api/v1/teams/${team.id}`);
    expect(res.headers.etag).toBe('"1"');
    const got = await t.app.inject({ method: 'GET', url: `/api/v1/teams/${team.id}`, headers: as(org) });
    expect(got.headers.etag).toBe('"1"');
    expect(got.json()).toEqual(team);
    expect(await timelineKinds(org, team.id)).toEqual(['team.created']);
  });

  it('refuses units that do not exist or belong to another organisation (422), creating nothing', async () => {
    const org = await newOrg();
    const foreign = await createUnit(t.app, await newOrg());
    const mine = await createUnit(t.app, org);
    const body = expectProblem(await post(org, { name: 'Lag', unitIds: [mine.id, foreign.id] }), 422, 'unknown-reference');
    expect(body.errors?.[0]?.path).toBe('/body/unitIds/1');
    expect((await list(org, '')).items).toEqual([]);
  });

  it('refuses bad input with 400 naming every field', async () => {
    const org = await newOrg();
    expectValidation(await post(org, { name: ' ', effectGoals: ['world peace'], budgetNok: -1, colour: 'red' }), '/body/name', '/body/budgetNok');
    expectValidation(await post(org, { name: 'Lag', hoursPerMemberPerMonth: 6.3 }), '/body/hoursPerMemberPerMonth');
    expectValidation(await post(org, { name: 'Lag', startDate: '15.01.2026' }), '/body/startDate');
  });

  it('refuses a planned end before the start (422)', async () => {
    const body = expectProblem(await post(await newOrg(), { name: 'Lag', startDate: '2026-05-01', plannedEndDate: '2026-04-30' }), 422, 'dates-out-of-order');
    expect(body.errors?.[0]?.path).toBe('/body/plannedEndDate');
  });

  it('replays a create with the same Idempotency-Key', async () => {
    const org = await newOrg();
    const first = await post(org, { name: 'Lag A' }, { 'idempotency-key': 'team-1' });
    const again = await post(org, { name: 'Lag A' }, { 'idempotency-key': 'team-1' });
    expect(again.statusCode).toBe(201);
    expect(again.json()).toEqual(first.json());
    expect((await list(org, '')).items).toHaveLength(1);
    expectProblem(await post(org, { name: 'Lag B' }, { 'idempotency-key': 'team-1' }), 422, 'idempotency-key-reused');
  });

  it("answers 404 for another organisation's team on every route", async () => {
    const org = await newOrg();
    const foreignOrg = await newOrg();
    const foreign = await createTeam(t.app, foreignOrg);
    const urls = ['', '/members', '/assessment', '/timeline'];
    for (const suffix of urls) {
      expectProblem(await t.app.inject({ method: 'GET', url: `/api/v1/teams/${foreign.id}${suffix}`, headers: as(org) }), 404, 'not-found');
    }
    expectProblem(await patch(org, foreign.id, 1, { name: 'Mitt' }), 404, 'not-found');
    expectProblem(await remove(org, foreign.id, 1), 404, 'not-found');
    expectProblem(await t.app.inject({ method: 'POST', url: `/api/v1/teams/${foreign.id}/propose`, headers: as(org) }), 404, 'not-found');
    expect(await fetchJson<Team>(t.app, foreignOrg, `/api/v1/teams/${foreign.id}`)).toEqual(foreign);
  });
});

describe('the team catalogue', () => {
  let org: string;
  let helse: string;
  let skole: string;
  let kari: string;
  beforeAll(async () => {
    org = await newOrg();
    helse = (await createUnit(t.app, org, { name: 'Helse' })).id;
    skole = (await createUnit(t.app, org, { name: 'Skole' })).id;
    kari = (await createPerson(t.app, org, { name: 'Kari', profession: 'Sykepleie' })).id;
    const lars = (await createPerson(t.app, org, { name: 'Lars', profession: 'Lærer' })).id;
    const ida = (await createPerson(t.app, org, { name: 'Ida', profession: 'Sykepleie' })).id;
    // Seven teams, so pages of two cross every filter's matches.
    const specs = [
      { name: 'A Hverdagsrehabilitering', unitIds: [helse], effectGoals: ['serviceQuality'], everydayTask: 'Trening hjemme', members: [kari, lars] },
      { name: 'B Lærlinger', unitIds: [helse, skole], effectGoals: ['competenceMobilisation'], purpose: 'Flere fagbrev', members: [ida] },
      { name: 'C Skolehelse', unitIds: [skole], effectGoals: ['serviceQuality', 'unusedPotential'], members: [lars] },
      { name: 'D Tomt lag', unitIds: [], effectGoals: [], members: [] },
      { name: 'E Velferdsteknologi', unitIds: [helse], effectGoals: ['resourceEfficiency'], members: [kari] },
      { name: 'F Trepartsverksted', unitIds: [skole], effectGoals: ['tripartiteCooperation'], members: [ida, kari] },
      { name: 'G Rus og skole', unitIds: [helse, skole], effectGoals: ['serviceQuality'], members: [lars] },
    ] as const;
    for (const { members, ...spec } of specs) {
      const team = await createTeam(t.app, org, { ...spec, unitIds: [...spec.unitIds], effectGoals: [...spec.effectGoals] });
      for (const personId of members) await addMember(t.app, org, team.id, personId);
    }
  });

  /** Every page of a query at `limit`, in order. */
  async function all(query: string, limit = 2) {
    const seen: Team[] = [];
    let cursor: string | null = null;
    do {
      const page = await list(org, `${query}&limit=${limit}${cursor ? `&cursor=${cursor}` : ''}`);
      expect(page.items.length).toBeLessThanOrEqual(limit);
      seen.push(...page.items);
      cursor = page.nextCursor;
    } while (cursor);
    return seen;
  }

  it('shows units, professions and member counts of each team', async () => {
    const [a] = (await list(org, 'q=Hverdag')).items;
    expect(a).toMatchObject({ unitIds: [helse], professions: ['Lærer', 'Sykepleie'], memberCount: 2 });
    const [d] = (await list(org, 'q=Tomt')).items;
    expect(d).toMatchObject({ unitIds: [], professions: [], memberCount: 0, coordinators: [] });
  });

  it('names the current coordinators of each team, for the catalogue\'s cards', async () => {
    // An organisation of its own, so the catalogue the other tests page through stays as it is.
    const own = (await createOrganisation(t.db)).id;
    const team = await createTeam(t.app, own, { name: 'Koordinert lag' });
    const coordinator = await createPerson(t.app, own, { name: 'Åse Koordinator' });
    const membership = await addMember(t.app, own, team.id, coordinator.id, 'coordinator');
    await addMember(t.app, own, team.id, (await createPerson(t.app, own)).id);
    expect((await list(own, '')).items[0]!.coordinators).toEqual([{ personId: coordinator.id, name: 'Åse Koordinator' }]);
    const changed = await t.app.inject({
      method: 'PATCH', url: `/api/v1/teams/${team.id}/members/${membership.id}`, headers: as(own, { 'if-match': `"${membership.version}"` }), payload: { role: 'member' },
    });
    expect(changed.statusCode, changed.body).toBe(200);
    expect((await fetchJson<Team>(t.app, own, `/api/v1/teams/${team.id}`)).coordinators).toEqual([]);
  });

  it('filters correctly across pages, each team with its own extras', async () => {
    expect((await all('unitId=' + helse)).map((x) => x.name)).toEqual(['A Hverdagsrehabilitering', 'B Lærlinger', 'E Velferdsteknologi', 'G Rus og skole']);
    const nurses = await all('profession=Sykepleie');
    expect(nurses.map((x) => x.name)).toEqual(['A Hverdagsrehabilitering', 'B Lærlinger', 'E Velferdsteknologi', 'F Trepartsverksted']);
    for (const team of nurses) expect(team.professions).toContain('Sykepleie');
    expect((await all(`personId=${kari}`)).map((x) => x.name)).toEqual(['A Hverdagsrehabilitering', 'E Velferdsteknologi', 'F Trepartsverksted']);
    expect((await all('effectGoal=serviceQuality')).map((x) => x.name)).toEqual(['A Hverdagsrehabilitering', 'C Skolehelse', 'G Rus og skole']);
    expect((await all(`unitId=${skole}&effectGoal=serviceQuality&sort=-name`)).map((x) => x.name)).toEqual(['G Rus og skole', 'C Skolehelse']);
    const everything = await all('sort=createdAt', 3);
    expect(everything).toHaveLength(7);
    expect(everything.find((x) => x.name === 'G Rus og skole')).toMatchObject({ memberCount: 1, professions: ['Lærer'] });
  });

  it('searches name, purpose and everyday task, case-insensitively', async () => {
    expect(names(await list(org, 'q=SKOLE'))).toEqual(['C Skolehelse', 'G Rus og skole']);
    expect(names(await list(org, 'q=fagbrev'))).toEqual(['B Lærlinger']);
    expect(names(await list(org, 'q=trening%20hjemme'))).toEqual(['A Hverdagsrehabilitering']);
    expect(names(await list(org, 'q=100%25'))).toEqual([]);
  });

  it('filters by status', async () => {
    const other = await newOrg();
    await createTeam(t.app, other, { name: 'Utkast' });
    const active = await teamIn(t.app, t.db, other, 'active');
    expect(names(await list(other, 'status=active'))).toEqual([active.name]);
    expect(names(await list(other, 'status=draft'))).toEqual(['Utkast']);
  });

  it('leaves out members who have left from the profession and person filters', async () => {
    const other = await newOrg();
    const person = await createPerson(t.app, other, { profession: 'Jordmor' });
    const team = await createTeam(t.app, other);
    const member = await addMember(t.app, other, team.id, person.id);
    expect((await list(other, 'profession=Jordmor')).items).toHaveLength(1);
    const res = await t.app.inject({
      method: 'PATCH', url: `/api/v1/teams/${team.id}/members/${member.id}`, headers: as(other, ifMatch(1)), payload: { leftOn: member.joinedOn },
    });
    expect(res.statusCode, res.body).toBe(200);
    expect((await list(other, 'profession=Jordmor')).items).toEqual([]);
    expect((await list(other, `personId=${person.id}`)).items).toEqual([]);
    expect((await list(other, '')).items[0]).toMatchObject({ memberCount: 0, professions: [] });
  });

  it('refuses unknown parameters and bad filters (400)', async () => {
    expectProblem(await t.app.inject({ method: 'GET', url: '/api/v1/teams?colour=red', headers: as(org) }), 400, 'validation');
    expectValidation(await t.app.inject({ method: 'GET', url: '/api/v1/teams?status=sleeping', headers: as(org) }), '/query/status');
    expectProblem(await t.app.inject({ method: 'GET', url: '/api/v1/teams?cursor=abc', headers: as(org) }), 400, 'invalid-cursor');
  });
});

describe('editing a team', () => {
  it('changes the fields sent, bumps the version and logs the field names', async () => {
    const org = await newOrg();
    const unit = await createUnit(t.app, org);
    const team = await createTeam(t.app, org);
    const res = await patch(org, team.id, 1, { purpose: 'Nytt formål', unitIds: [unit.id], effectGoals: ['serviceQuality'] });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ purpose: 'Nytt formål', unitIds: [unit.id], effectGoals: ['serviceQuality'], version: 2, name: team.name });
    expect(res.headers.etag).toBe('"2"');
    const timeline = await fetchJson<TeamTimeline>(t.app, org, `/api/v1/teams/${team.id}/timeline`);
    expect(timeline.items[1]).toMatchObject({ kind: 'team.updated', actorPersonId: null, data: { fields: ['purpose', 'unitIds', 'effectGoals'] } });
  });

  it('needs If-Match (428), refuses a stale one (412) and a malformed one (400)', async () => {
    const org = await newOrg();
    const team = await createTeam(t.app, org);
    expect((await patch(org, team.id, 1, { purpose: 'Ny' })).statusCode).toBe(200);
    expect(expectProblem(await patch(org, team.id, 1, { purpose: 'Eldre' }), 412, 'stale-version').currentVersion).toBe(2);
    expectProblem(await patch(org, team.id, null, { purpose: 'Eldre' }), 428, 'if-match-required');
    expectProblem(await t.app.inject({ method: 'PATCH', url: `/api/v1/teams/${team.id}`, headers: as(org, { 'if-match': 'v2' }), payload: { purpose: 'X' } }), 400, 'invalid-if-match');
    expect(await fetchJson<Team>(t.app, org, `/api/v1/teams/${team.id}`)).toMatchObject({ purpose: 'Ny', version: 2 });
  });

  it('lets only one of two concurrent edits of the same version win', async () => {
    const org = await newOrg();
    const team = await createTeam(t.app, org);
    const results = await Promise.all([patch(org, team.id, 1, { purpose: 'Først' }), patch(org, team.id, 1, { purpose: 'Andre' })]);
    expect(results.map((r) => r.statusCode).sort()).toEqual([200, 412]);
    const winner = results.find((r) => r.statusCode === 200)!.json<Team>();
    expect(await fetchJson<Team>(t.app, org, `/api/v1/teams/${team.id}`)).toMatchObject({ purpose: winner.purpose, version: 2 });
  });

  it('allows only framework conditions while approved, active or paused', async () => {
    const org = await newOrg();
    for (const status of ['approved', 'active', 'paused'] as const) {
      const team = await teamIn(t.app, t.db, org, status);
      const ok = await patch(org, team.id, team.version, { meetingRhythm: 'Hver fjerde uke', hoursPerMemberPerMonth: 4, plannedEndDate: '2027-06-30' });
      expect(ok.statusCode, ok.body).toBe(200);
      const refused = expectProblem(await patch(org, team.id, team.version + 1, { name: 'Nytt navn', budgetNok: 1000, unitIds: [] }), 409, 'team-not-editable');
      expect(refused.errors?.map((e) => e.path)).toEqual(['/body/name', '/body/unitIds']);
    }
  });

  it('allows nothing while proposed or concluded, and everything while rejected', async () => {
    const org = await newOrg();
    for (const status of ['proposed', 'concluded'] as const) {
      const team = await teamIn(t.app, t.db, org, status);
      expectProblem(await patch(org, team.id, team.version, { meetingRhythm: 'Ukentlig' }), 409, 'team-not-editable');
    }
    const rejected = await teamIn(t.app, t.db, org, 'rejected');
    expect((await patch(org, rejected.id, rejected.version, { name: 'Omarbeidet', purpose: 'Tydeligere' })).statusCode).toBe(200);
  });

  it('refuses a new inactive unit (409) and a new end date before the stored start (422)', async () => {
    const org = await newOrg();
    const unit = await createUnit(t.app, org);
    await t.app.inject({ method: 'POST', url: `/api/v1/units/${unit.id}/deactivate`, headers: as(org) });
    const team = await createTeam(t.app, org, { startDate: '2026-03-01' });
    expectProblem(await patch(org, team.id, 1, { unitIds: [unit.id] }), 409, 'unit-inactive');
    expectProblem(await patch(org, team.id, 1, { plannedEndDate: '2026-02-01' }), 422, 'dates-out-of-order');
  });
});

describe('deleting a team', () => {
  it('deletes a draft with its members and timeline', async () => {
    const org = await newOrg();
    const team = await createTeam(t.app, org);
    await addMember(t.app, org, team.id, (await createPerson(t.app, org)).id);
    expectProblem(await remove(org, team.id, null), 428, 'if-match-required');
    expectProblem(await remove(org, team.id, 7), 412, 'stale-version');
    expect((await remove(org, team.id, 1)).statusCode).toBe(204);
    expectProblem(await t.app.inject({ method: 'GET', url: `/api/v1/teams/${team.id}`, headers: as(org) }), 404, 'not-found');
    expect(await t.db.selectFrom('team_events').select('id').where('team_id', '=', team.id).execute()).toEqual([]);
  });

  it('refuses to delete a team that is no longer a draft (409)', async () => {
    const org = await newOrg();
    const team = await teamIn(t.app, t.db, org, 'proposed');
    expectProblem(await remove(org, team.id, team.version), 409, 'team-not-draft');
  });
});

describe('the timeline', () => {
  it('pages oldest first with a keyset cursor', async () => {
    const org = await newOrg();
    const team = await teamIn(t.app, t.db, org, 'active');
    const kinds = await timelineKinds(org, team.id);
    expect(kinds).toEqual(['team.created', 'member.added', 'team.assessed', 'team.proposed', 'team.approved', 'team.activated']);
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const page: TeamTimeline = await fetchJson<TeamTimeline>(t.app, org, `/api/v1/teams/${team.id}/timeline?limit=4${cursor ? `&cursor=${cursor}` : ''}`);
      seen.push(...page.items.map((e) => e.kind));
      cursor = page.nextCursor;
    } while (cursor);
    expect(seen).toEqual(kinds);
    expectProblem(await t.app.inject({ method: 'GET', url: `/api/v1/teams/${team.id}/timeline?cursor=zzz`, headers: as(org) }), 400, 'invalid-cursor');
  });
});
