import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Team, TeamResult, TeamResultPage, TeamTimeline } from '@lagverk/shared';
import { createTestApp, type TestContext } from './support/app.ts';
import { createOrganisation } from './support/database.ts';
import { as, expectProblem, expectValidation, fetchJson } from './support/factories.ts';
import { createTeam, teamIn } from './support/team-factories.ts';

// A team's results: recorded once the team has started, edited with If-Match, listed
// newest first, and each write visible in the team's timeline.

let t: TestContext;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.close());

const newOrg = async () => (await createOrganisation(t.db)).id;
const ifMatch = (version: number | null): Record<string, string> => (version === null ? {} : { 'if-match': `"${version}"` });
const url = (teamId: string, resultId?: string) => `/api/v1/teams/${teamId}/results${resultId ? `/${resultId}` : ''}`;

const post = (org: string, teamId: string, payload: object, headers: Record<string, string> = {}) =>
  t.app.inject({ method: 'POST', url: url(teamId), headers: as(org, headers), payload });
const get = (org: string, teamId: string, resultId: string) => t.app.inject({ method: 'GET', url: url(teamId, resultId), headers: as(org) });
const patch = (org: string, teamId: string, resultId: string, version: number | null, payload: object) =>
  t.app.inject({ method: 'PATCH', url: url(teamId, resultId), headers: as(org, ifMatch(version)), payload });
const remove = (org: string, teamId: string, resultId: string, version: number | null) =>
  t.app.inject({ method: 'DELETE', url: url(teamId, resultId), headers: as(org, ifMatch(version)) });
const list = (org: string, teamId: string, query = '') => fetchJson<TeamResultPage>(t.app, org, `${url(teamId)}${query ? `?${query}` : ''}`);
const events = async (org: string, teamId: string) => (await fetchJson<TeamTimeline>(t.app, org, `/api/v1/teams/${teamId}/timeline?limit=200`)).items;

const interviews = {
  title: 'Strukturert intervjuguide', category: 'routineChange', achievedOn: '2026-03-01',
  description: 'Alle søkere intervjues etter samme guide.',
  measures: [{ label: 'Tid fra søknad til intervju', unit: 'dager', before: 42, after: 14 }],
  links: [{ title: 'Intervjuguide', url: 'https://lagvik.kommune.no/larling/intervjuguide' }],
};

async function addResult(org: string, teamId: string, overrides: object = {}) {
  const res = await post(org, teamId, { ...interviews, ...overrides });
  expect(res.statusCode, res.body).toBe(201);
  return res.json<TeamResult>();
}

/** An active team of a fresh organisation, walked there through the API. */
async function activeTeam() {
  const org = await newOrg();
  return { org, team: await teamIn(t.app, t.db, org, 'active') };
}

describe('recording results', () => {
  it('records a result with measures and links, with Location, ETag and a result.added event', async () => {
    const { org, team } = await activeTeam();
    const res = await post(org, team.id, interviews);
    expect(res.statusCode, res.body).toBe(201);
    const result = res.json<TeamResult>();
    expect(result).toMatchObject({ ...interviews, teamId: team.id, version: 1 });
    expect(res.headers.location).toBe(url(team.id, result.id));
    expect(res.headers.etag).toBe('"1"');
    const fetched = await get(org, team.id, result.id);
    expect(fetched.json()).toEqual(result);
    expect(fetched.headers.etag).toBe('"1"');
    expect((await events(org, team.id)).at(-1)).toMatchObject({ kind: 'result.added', data: { resultId: result.id, title: interviews.title } });
  });

  it('defaults description, measures and links to empty', async () => {
    const { org, team } = await activeTeam();
    const result = await addResult(org, team.id, { description: undefined, measures: undefined, links: undefined });
    expect(result).toMatchObject({ description: null, measures: [], links: [] });
  });

  it('accepts a measure with only one side known', async () => {
    const { org, team } = await activeTeam();
    const measures = [{ label: 'Lærlinger som får fast stilling', unit: 'prosent', before: 30, after: null }];
    expect((await addResult(org, team.id, { measures })).measures).toEqual(measures);
  });

  it('records results for approved, paused and concluded teams', async () => {
    const org = await newOrg();
    for (const status of ['approved', 'paused', 'concluded'] as const) {
      const team = await teamIn(t.app, t.db, org, status);
      expect((await post(org, team.id, interviews)).statusCode).toBe(201);
    }
  });

  it('refuses results for a team that has not started (409 team-not-started), writing nothing', async () => {
    const org = await newOrg();
    for (const status of ['draft', 'proposed', 'rejected'] as const) {
      const team = status === 'draft' ? await createTeam(t.app, org) : await teamIn(t.app, t.db, org, status);
      const before = await events(org, team.id);
      const problem = expectProblem(await post(org, team.id, interviews), 409, 'team-not-started');
      expect(problem.detail).toContain(status);
      expect(await events(org, team.id)).toEqual(before);
      expect((await list(org, team.id)).items).toEqual([]);
    }
  });

  it('replays a POST with the same Idempotency-Key and stores one result', async () => {
    const { org, team } = await activeTeam();
    const first = await post(org, team.id, interviews, { 'idempotency-key': 'r-1' });
    const again = await post(org, team.id, interviews, { 'idempotency-key': 'r-1' });
    expect(again.statusCode).toBe(201);
    expect(again.json()).toEqual(first.json());
    expect((await list(org, team.id)).items).toHaveLength(1);
  });

  it('answers 404 for an unknown team or a team of another organisation', async () => {
    const { org, team } = await activeTeam();
    const other = await newOrg();
    expectProblem(await post(other, team.id, interviews), 404);
    expectProblem(await t.app.inject({ method: 'GET', url: url(team.id), headers: as(other) }), 404);
    expectProblem(await post(org, '0b6f4a5e-8c1d-4f7a-9a57-3c2e1d0f9b21', interviews), 404);
  });
});

describe('bad input', () => {
  it('rejects a measure of the wrong shape, with the path of each bad field', async () => {
    const { org, team } = await activeTeam();
    expectValidation(await post(org, team.id, { ...interviews, measures: [{ label: 'Ventetid', unit: 'dager', before: '42', after: 14 }] }), '/body/measures/0/before');
    expectValidation(await post(org, team.id, { ...interviews, measures: [{ label: 'Ventetid', before: 1, after: 2 }] }), '/body/measures/0/unit');
    expectValidation(await post(org, team.id, { ...interviews, measures: [{ label: 'Ventetid', unit: 'dager', before: 1, after: 2, note: 'x' }] }));
    expectValidation(await post(org, team.id, { ...interviews, measures: [{ label: 'Ventetid', unit: 'dager', before: 1e13, after: 2 }] }), '/body/measures/0/before');
    expectValidation(await post(org, team.id, { ...interviews, measures: { label: 'Ventetid' } }), '/body/measures');
    expect((await list(org, team.id)).items).toEqual([]);
  });

  it('rejects a link that is not an http(s) URL, and a link without title', async () => {
    const { org, team } = await activeTeam();
    for (const bad of ['lagvik.kommune.no/plan', 'javascript:alert(1)', 'ftp://lagvik.kommune.no/plan', 'https://']) {
      expectValidation(await post(org, team.id, { ...interviews, links: [{ title: 'Plan', url: bad }] }), '/body/links/0/url');
    }
    expectValidation(await post(org, team.id, { ...interviews, links: [{ url: 'https://lagvik.kommune.no/plan' }] }), '/body/links/0/title');
    expectValidation(await post(org, team.id, { ...interviews, links: [{ title: 'Plan', url: `https://lagvik.kommune.no/${'a'.repeat(2000)}` }] }), '/body/links/0/url');
  });

  it('rejects over-long texts, too many measures, unknown fields, a bad category or date', async () => {
    const { org, team } = await activeTeam();
    expectValidation(await post(org, team.id, { ...interviews, title: 'x'.repeat(201) }), '/body/title');
    expectValidation(await post(org, team.id, { ...interviews, description: 'x'.repeat(8001) }), '/body/description');
    expectValidation(await post(org, team.id, { ...interviews, measures: Array.from({ length: 21 }, () => interviews.measures[0]) }), '/body/measures');
    expectValidation(await post(org, team.id, { ...interviews, measures: [{ ...interviews.measures[0], label: 'x'.repeat(201) }] }), '/body/measures/0/label');
    expectValidation(await post(org, team.id, { ...interviews, owner: 'HR' }));
    expectValidation(await post(org, team.id, { ...interviews, category: 'savings' }), '/body/category');
    expectValidation(await post(org, team.id, { ...interviews, achievedOn: '2026-02-30' }), '/body/achievedOn');
    // Year 0 passes the date format; the database refuses it, and that is a 400 too, not a 500.
    expectProblem(await post(org, team.id, { ...interviews, achievedOn: '0000-01-01' }), 400);
    expectValidation(await post(org, team.id, { ...interviews, title: '   ' }), '/body/title');
    const { title: _, ...untitled } = interviews;
    expectValidation(await post(org, team.id, untitled), '/body/title');
    const result = await addResult(org, team.id);
    expectValidation(await patch(org, team.id, result.id, 1, {}));
    expectValidation(await patch(org, team.id, result.id, 1, { teamId: team.id }));
    expectValidation(await patch(org, team.id, result.id, 1, { links: [{ title: 'Plan', url: 'not a url' }] }), '/body/links/0/url');
    expect((await list(org, team.id)).items).toEqual([result]);
  });
});

describe('editing and removing results', () => {
  it('edits the fields sent, replacing measures whole, and logs result.changed', async () => {
    const { org, team } = await activeTeam();
    const result = await addResult(org, team.id);
    const measures = [{ label: 'Søkere som trekker seg', unit: 'prosent', before: 22, after: 9 }];
    const res = await patch(org, team.id, result.id, 1, { description: 'Tatt i bruk i alle virksomheter.', measures });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ ...result, description: 'Tatt i bruk i alle virksomheter.', measures, version: 2, updatedAt: expect.any(String) });
    expect(res.headers.etag).toBe('"2"');
    expect((await events(org, team.id)).at(-1)).toMatchObject({
      kind: 'result.changed', data: { resultId: result.id, title: interviews.title, fields: ['description', 'measures'] },
    });
  });

  it('needs If-Match (428) and refuses a stale one (412) on PATCH and DELETE', async () => {
    const { org, team } = await activeTeam();
    const result = await addResult(org, team.id);
    expectProblem(await patch(org, team.id, result.id, null, { title: 'Ny' }), 428, 'if-match-required');
    expect((await patch(org, team.id, result.id, 1, { title: 'Ny' })).statusCode).toBe(200);
    expect(expectProblem(await patch(org, team.id, result.id, 1, { title: 'Eldre' }), 412, 'stale-version').currentVersion).toBe(2);
    expectProblem(await remove(org, team.id, result.id, null), 428, 'if-match-required');
    expectProblem(await remove(org, team.id, result.id, 1), 412, 'stale-version');
    expect((await get(org, team.id, result.id)).json()).toMatchObject({ title: 'Ny', version: 2 });
    expect((await events(org, team.id)).filter((e) => e.kind === 'result.changed')).toHaveLength(1);
  });

  it('removes a result and keeps a result.removed event with its title', async () => {
    const { org, team } = await activeTeam();
    const result = await addResult(org, team.id);
    const res = await remove(org, team.id, result.id, 1);
    expect(res.statusCode).toBe(204);
    expectProblem(await get(org, team.id, result.id), 404);
    expect((await list(org, team.id)).items).toEqual([]);
    expect((await events(org, team.id)).at(-1)).toMatchObject({ kind: 'result.removed', data: { resultId: result.id, title: interviews.title } });
    expectProblem(await remove(org, team.id, result.id, 1), 404);
  });

  it("answers 404 for another team's result and another organisation's, changing nothing", async () => {
    const { org, team } = await activeTeam();
    const result = await addResult(org, team.id);
    const sibling = await teamIn(t.app, t.db, org, 'active');
    const other = await newOrg();
    const foreign = await teamIn(t.app, t.db, other, 'active');
    for (const [caller, teamId] of [[org, sibling.id], [other, foreign.id], [other, team.id]] as const) {
      expectProblem(await get(caller, teamId, result.id), 404);
      expectProblem(await patch(caller, teamId, result.id, 1, { title: 'Kapret' }), 404);
      expectProblem(await remove(caller, teamId, result.id, 1), 404);
    }
    expect((await get(org, team.id, result.id)).json()).toEqual(result);
    expect((await events(org, sibling.id)).some((e) => e.kind.startsWith('result.'))).toBe(false);
  });
});

describe('listing results', () => {
  it('lists newest first, filters by category, and pages across equal dates without gaps or repeats', async () => {
    const { org, team } = await activeTeam();
    const dates = ['2026-01-10', '2026-03-01', '2026-03-01', '2026-03-01', '2026-03-01', '2025-12-24', '2026-03-01'];
    const made: TeamResult[] = [];
    for (const [i, achievedOn] of dates.entries()) {
      made.push(await addResult(org, team.id, { title: `Resultat ${i}`, achievedOn, category: i % 2 ? 'competence' : 'routineChange' }));
    }
    const expected = [...made].sort((a, b) => b.achievedOn.localeCompare(a.achievedOn) || b.id.localeCompare(a.id)).map((r) => r.id);

    const seen: string[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const page: TeamResultPage = await list(org, team.id, `limit=2${cursor ? `&cursor=${cursor}` : ''}`);
      seen.push(...page.items.map((r) => r.id));
      cursor = page.nextCursor;
      pages += 1;
      if (pages === 1) await addResult(org, team.id, { title: 'Eldst', achievedOn: '2020-01-01' });
    } while (cursor);
    expect(seen).toEqual([...expected, (await list(org, team.id)).items.at(-1)!.id]);
    expect(pages).toBe(4);

    const competence = await list(org, team.id, 'category=competence');
    expect(competence.items.map((r) => r.id)).toEqual(expected.filter((id) => made.find((r) => r.id === id)!.category === 'competence'));
  });

  it('refuses a forged cursor, an unknown category and an unknown parameter with 400', async () => {
    const { org, team } = await activeTeam();
    const forged = (v: string) => Buffer.from(JSON.stringify({ s: '-achievedOn', v, id: '0b6f4a5e-8c1d-4f7a-9a57-3c2e1d0f9b21' })).toString('base64url');
    expect((await list(org, team.id, `cursor=${forged('2026-03-01')}`)).items).toEqual([]);
    for (const v of ['2026-02-30', 'not a date', '0000-01-01', '2026-03-01T00:00:00Z']) {
      expectProblem(await t.app.inject({ method: 'GET', url: `${url(team.id)}?cursor=${forged(v)}`, headers: as(org) }), 400, 'invalid-cursor');
    }
    expectValidation(await t.app.inject({ method: 'GET', url: `${url(team.id)}?category=savings`, headers: as(org) }), '/query/category');
    expectProblem(await t.app.inject({ method: 'GET', url: `${url(team.id)}?sort=title`, headers: as(org) }), 400);
  });

  it("lists only the team's own results", async () => {
    const { org, team } = await activeTeam();
    const sibling: Team = await teamIn(t.app, t.db, org, 'active');
    const own = await addResult(org, team.id);
    await addResult(org, sibling.id);
    expect((await list(org, team.id)).items).toEqual([own]);
  });
});
