import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type {
  Experience, Permission, ExperienceComment, ExperienceListItem, ExperiencePage, LibrarySearchPage, SharedExperiencePage, TextSegment, UsefulState,
} from '@lagverk/shared';
import { signedInAs, type SessionHeaders } from './support/accounts.ts';
import { createToken } from './support/access-world.ts';
import { createTestApp, type TestContext } from './support/app.ts';
import { createOrganisation } from './support/database.ts';
import { as, createPerson, createUnit, expectProblem, unique } from './support/factories.ts';
import { addMember, createTeam } from './support/team-factories.ts';

// The experience library: Norwegian full-text search with ranking and highlights, filters,
// comments and "useful" marks, owner rules, and good examples shared across organisations
// without anything unshared ever leaking.

let t: TestContext;
let org: string;
let author: { headers: SessionHeaders; personId: string };
let colleague: { headers: SessionHeaders; personId: string };
let admin: SessionHeaders;
let nurseTeam: string, schoolTeam: string, resultId: string, parentUnit: string;
/** Made in beforeAll: one per filter. */
const made: Record<string, Experience> = {};

const post = (payload: object, headers: Record<string, string> = as(org)) =>
  t.app.inject({ method: 'POST', url: '/api/v1/experiences', headers, payload });

async function write(payload: object, headers?: Record<string, string>) {
  const res = await post({ tried: 'Vi prøvde noe nytt.', ...payload }, headers);
  expect(res.statusCode, res.body).toBe(201);
  return res.json<Experience>();
}

async function list(query: string, headers: Record<string, string> = as(org)) {
  const res = await t.app.inject({ method: 'GET', url: `/api/v1/experiences?${query}`, headers });
  expect(res.statusCode, res.body).toBe(200);
  return res.json<ExperiencePage>();
}
const ids = (page: ExperiencePage) => page.items.map((i) => i.id);
const text = (segments: TextSegment[]) => segments.map((s) => s.text).join('');
const matches = (segments: TextSegment[]) => segments.filter((s) => s.match).map((s) => s.text.toLowerCase());

beforeAll(async () => {
  t = await createTestApp();
  org = t.organisationId;
  const a = await signedInAs(t.db, org, ['member']);
  author = { headers: a.headers, personId: a.account.personId };
  const c = await signedInAs(t.db, org, ['member']);
  colleague = { headers: c.headers, personId: c.account.personId };
  admin = (await signedInAs(t.db, org, ['administrator'])).headers;

  parentUnit = (await createUnit(t.app, org, { name: 'Helse og omsorg' })).id;
  const below = (await createUnit(t.app, org, { parentId: parentUnit, name: 'Hjemmetjenesten' })).id;
  const school = (await createUnit(t.app, org, { name: 'Oppvekst' })).id;
  nurseTeam = (await createTeam(t.app, org, { unitIds: [below], name: 'Lærlingelaget', mandate: 'Bedre oppfølging av lærlinger i helsefag' })).id;
  schoolTeam = (await createTeam(t.app, org, { unitIds: [school], name: 'Tidlig innsats' })).id;
  await addMember(t.app, org, nurseTeam, (await createPerson(t.app, org, { profession: 'Sykepleier' })).id, 'coordinator');
  await addMember(t.app, org, schoolTeam, (await createPerson(t.app, org, { profession: 'Lærer' })).id, 'coordinator');
  await t.db.updateTable('teams').set({ status: 'active' }).where('organisation_id', '=', org).execute();
  const result = await t.app.inject({
    method: 'POST', url: `/api/v1/teams/${nurseTeam}/results`, headers: as(org),
    payload: { title: 'Strukturert intervjuguide', category: 'routineChange', achievedOn: '2026-03-01', description: 'Alle søkere intervjues likt.', measures: [], links: [] },
  });
  expect(result.statusCode, result.body).toBe(201);
  resultId = result.json<{ id: string }>().id;

  made.title = await write({ title: 'Lærling på to avdelinger', tried: 'Hver lærling fikk to veiledere.', tags: [' Lærlinger ', 'lærlinger', 'Rekruttering'], teamId: nurseTeam, effectGoals: ['competenceMobilisation'] }, author.headers);
  made.body = await write({ title: 'Felles turnus', tried: 'Vi lot en lærling gå i felles turnus.', advice: 'Snakk med tillitsvalgte først.', teamId: schoolTeam, effectGoals: ['resourceEfficiency'] });
  made.other = await write({ title: 'Digitalt tilsyn', tried: 'Kamera om natten <b>uten</b> å vekke beboerne.' });
});
afterAll(() => t.close());

describe('writing experiences', () => {
  it('are written by the signed-in person, read, edited with If-Match and removed', async () => {
    const created = made.title!;
    expect(created).toMatchObject({ authorPersonId: author.personId, teamId: nurseTeam, tags: ['lærlinger', 'rekruttering'], version: 1, sharing: null, usefulCount: 0 });
    expect(created.teamName).toBe('Lærlingelaget');
    const mine = await write({ title: 'Midlertidig' }, author.headers);
    const url = `/api/v1/experiences/${mine.id}`;
    expectProblem(await t.app.inject({ method: 'PATCH', url, headers: author.headers, payload: { advice: 'Prøv!' } }), 428, 'if-match-required');
    const edited = await t.app.inject({ method: 'PATCH', url, headers: { ...author.headers, 'if-match': '"1"' }, payload: { advice: 'Prøv!' } });
    expect(edited.statusCode, edited.body).toBe(200);
    expect(edited.headers.etag).toBe('"2"');
    expectProblem(await t.app.inject({ method: 'DELETE', url, headers: { ...author.headers, 'if-match': '"1"' } }), 412, 'stale-version');
    expect((await t.app.inject({ method: 'DELETE', url, headers: { ...author.headers, 'if-match': '"2"' } })).statusCode).toBe(204);
    expectProblem(await t.app.inject({ method: 'GET', url, headers: author.headers }), 404);
  });

  it('checks that a result belongs to the team, and takes the team from a result alone', async () => {
    expectProblem(await post({ title: 'X', tried: 'Y', teamId: schoolTeam, resultId }), 422, 'result-not-in-team');
    expectProblem(await post({ title: 'X', tried: 'Y', teamId: crypto.randomUUID() }), 422, 'unknown-reference');
    const fromResult = await write({ title: 'Fra resultatet', resultId });
    expect(fromResult).toMatchObject({ teamId: nurseTeam, resultId, resultTitle: 'Strukturert intervjuguide' });
  });

  it('lets only the author, or a moderator, change an experience or a comment', async () => {
    const url = `/api/v1/experiences/${made.title!.id}`;
    expectProblem(await t.app.inject({ method: 'PATCH', url, headers: { ...colleague.headers, 'if-match': '"1"' }, payload: { title: 'Kapret' } }), 403, 'not-owner');
    expectProblem(await t.app.inject({ method: 'DELETE', url, headers: { ...colleague.headers, 'if-match': '"1"' } }), 403, 'not-owner');
    // An integration token with experiences:write only is no person, so nobody's author.
    const writer = { ...await tokenWith(['experiences:write']), 'if-match': '"1"' };
    expectProblem(await t.app.inject({ method: 'PATCH', url: `/api/v1/experiences/${made.body!.id}`, headers: writer, payload: { title: 'X' } }), 403, 'not-owner');

    const comment = await t.app.inject({ method: 'POST', url: `${url}/comments`, headers: colleague.headers, payload: { body: 'Vi gjorde det samme!' } });
    expect(comment.statusCode, comment.body).toBe(201);
    const c = comment.json<ExperienceComment>();
    expect(c.authorPersonId).toBe(colleague.personId);
    const commentUrl = `${url}/comments/${c.id}`;
    expectProblem(await t.app.inject({ method: 'PATCH', url: commentUrl, headers: { ...author.headers, 'if-match': '"1"' }, payload: { body: 'Endret' } }), 403, 'not-owner');
    const own = await t.app.inject({ method: 'PATCH', url: commentUrl, headers: { ...colleague.headers, 'if-match': '"1"' }, payload: { body: 'Vi gjorde nesten det samme.' } });
    expect(own.statusCode, own.body).toBe(200);
    const comments = await t.app.inject({ method: 'GET', url: `${url}/comments`, headers: author.headers });
    expect(comments.json<{ items: ExperienceComment[] }>().items.map((x) => x.body)).toEqual(['Vi gjorde nesten det samme.']);
    // The administrator moderates: removes someone else's comment.
    expect((await t.app.inject({ method: 'DELETE', url: commentUrl, headers: { ...admin, 'if-match': '"2"' } })).statusCode).toBe(204);
    expect((await t.app.inject({ method: 'GET', url: `${url}/comments`, headers: author.headers })).json<{ items: ExperienceComment[] }>().items).toEqual([]);
    const moderated = await t.app.inject({ method: 'PATCH', url, headers: { ...admin, 'if-match': '"1"' }, payload: { tags: ['lærlinger', 'rekruttering', 'veiledning'] } });
    expect(moderated.statusCode, moderated.body).toBe(200);
    made.title = moderated.json<Experience>();
  });

  it('counts each person once as finding an experience useful', async () => {
    const url = `/api/v1/experiences/${made.body!.id}/useful`;
    const put = (headers: Record<string, string>) => t.app.inject({ method: 'PUT', url, headers });
    expect((await put(author.headers)).json<UsefulState>()).toEqual({ usefulCount: 1, markedUseful: true });
    // Marking again changes nothing.
    expect((await put(author.headers)).json<UsefulState>()).toEqual({ usefulCount: 1, markedUseful: true });
    expect((await put(colleague.headers)).json<UsefulState>()).toEqual({ usefulCount: 2, markedUseful: true });
    const taken = await t.app.inject({ method: 'DELETE', url, headers: author.headers });
    expect(taken.json<UsefulState>()).toEqual({ usefulCount: 1, markedUseful: false });
    expectProblem(await put(as(org)), 422, 'person-required');
    const seen = await t.app.inject({ method: 'GET', url: `/api/v1/experiences/${made.body!.id}`, headers: colleague.headers });
    expect(seen.json<Experience>()).toMatchObject({ usefulCount: 1, markedUseful: true });
  });

  it('is closed to politicians', async () => {
    const politician = (await signedInAs(t.db, org, ['politician'])).headers;
    expectProblem(await t.app.inject({ method: 'GET', url: '/api/v1/experiences', headers: politician }), 403, 'forbidden');
  });
});

describe('searching in Norwegian', () => {
  it('stems: "lærlinger" finds "lærling", the title match first, with the words marked as plain text', async () => {
    const page = await list(`q=${encodeURIComponent('lærlinger')}`);
    expect(ids(page).slice(0, 2)).toEqual([made.title!.id, made.body!.id]);
    expect(ids(page)).not.toContain(made.other!.id);
    const [first, second] = page.items as [ExperienceListItem, ExperienceListItem];
    expect(first.rank!).toBeGreaterThan(second.rank!);
    expect(matches(first.highlight!.title)).toEqual(['lærling']);
    expect(text(first.highlight!.title)).toBe('Lærling på to avdelinger');
    expect(matches(second.highlight!.snippet)).toContain('lærling');
  });

  it('never turns what someone wrote into markup', async () => {
    const page = await list(`q=${encodeURIComponent('kamera natt')}`);
    expect(ids(page)).toEqual([made.other!.id]);
    const snippet = page.items[0]!.highlight!.snippet;
    // ts_headline drops tag-like text from a snippet; the marks come only as `match` flags.
    expect(text(snippet)).toMatch(/natten\s+uten\s+å vekke/);
    expect(text(snippet)).not.toMatch(/[<>\uE000\uE001]/);
    expect(matches(snippet)).toEqual(['kamera', 'natten']);
    const whole = await t.app.inject({ method: 'GET', url: `/api/v1/experiences/${made.other!.id}`, headers: as(org) });
    expect(whole.json<Experience>().tried).toBe('Kamera om natten <b>uten</b> å vekke beboerne.');
  });

  it('filters by tag, team, unit (and below), profession, effect goal and date', async () => {
    const q = `q=${encodeURIComponent('lærling')}`;
    expect(ids(await list(`${q}&tag=${encodeURIComponent('Lærlinger')}`))).toEqual([made.title!.id]);
    expect(ids(await list(`${q}&teamId=${schoolTeam}`))).toEqual([made.body!.id]);
    expect(ids(await list(`${q}&unitId=${parentUnit}`))).toEqual([made.title!.id]);
    expect(ids(await list(`${q}&profession=${encodeURIComponent('lærer')}`))).toEqual([made.body!.id]);
    expect(ids(await list(`effectGoal=competenceMobilisation`))).toEqual([made.title!.id]);
    const today = new Date().toLocaleDateString('sv-SE', { timeZone: 'Europe/Oslo' });
    expect(ids(await list(`${q}&from=${today}&to=${today}`)).sort()).toEqual([made.title!.id, made.body!.id].sort());
    expect(ids(await list(`${q}&to=2020-01-01`))).toEqual([]);
  });

  it('pages by rank without skipping or repeating, even when experiences are added meanwhile', async () => {
    const word = `søkeord${unique().replace(/[0-9]/g, '')}`;
    for (let i = 0; i < 5; i++) await write({ title: i % 2 ? `${word} ${word}` : `Om ${word}`, tried: `${word} `.repeat(i + 1) });
    const seen: string[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const page: ExperiencePage = await list(`q=${encodeURIComponent(word)}&limit=2${cursor ? `&cursor=${cursor}` : ''}`);
      seen.push(...ids(page));
      cursor = page.nextCursor;
      if (pages++ === 0) await write({ title: `${word} ${word} ${word}`, tried: word }); // ranks above the cursor: not on a later page
    } while (cursor);
    expect(seen).toHaveLength(5);
    expect(new Set(seen).size).toBe(5);
    expectProblem(await t.app.inject({ method: 'GET', url: `/api/v1/experiences?q=${encodeURIComponent(word)}&cursor=bm9wZQ`, headers: as(org) }), 400, 'invalid-cursor');
    expectProblem(await t.app.inject({ method: 'GET', url: '/api/v1/experiences?sort=relevance', headers: as(org) }), 400, 'relevance-needs-q');
  });

  it('finds teams and results too, in one ranked list', async () => {
    const res = await t.app.inject({ method: 'GET', url: `/api/v1/library/search?q=${encodeURIComponent('lærlinger')}`, headers: author.headers });
    expect(res.statusCode, res.body).toBe(200);
    const hits = res.json<LibrarySearchPage>().items;
    const team = hits.find((h) => h.kind === 'team');
    expect(team).toMatchObject({ id: nurseTeam, link: `/api/v1/teams/${nurseTeam}` });
    expect(matches(team!.snippet)).toContain('lærlinger');
    expect(hits.filter((h) => h.kind === 'experience').map((h) => h.id)).toEqual(expect.arrayContaining([made.title!.id, made.body!.id]));
    const ranks = hits.map((h) => h.rank);
    expect(ranks).toEqual([...ranks].sort((a, b) => b - a));
    const results = (await t.app.inject({ method: 'GET', url: `/api/v1/library/search?q=intervjuguide`, headers: author.headers })).json<LibrarySearchPage>().items;
    expect(results.find((h) => h.kind === 'result')).toMatchObject({ id: resultId, teamId: nurseTeam, link: `/api/v1/teams/${nurseTeam}/results/${resultId}` });
  });
});

describe('good examples shared with other organisations', () => {
  it('shows only what was shared, only as chosen, and nothing unshared', async () => {
    const otherOrg = (await createOrganisation(t.db, { name: 'Fjaler kommune' })).id;
    const reader = (await signedInAs(t.db, otherOrg, ['member'])).headers;
    const sharedList = async (query = '') => {
      const res = await t.app.inject({ method: 'GET', url: `/api/v1/shared-experiences?limit=200${query}`, headers: reader });
      expect(res.statusCode, res.body).toBe(200);
      return res.json<SharedExperiencePage>().items;
    };
    const mine = (items: SharedExperiencePage['items']) => items.filter((i) => [made.title!.id, made.body!.id, made.other!.id].includes(i.id));
    expect(mine(await sharedList())).toEqual([]);

    const shareUrl = `/api/v1/experiences/${made.title!.id}/share`;
    expectProblem(await t.app.inject({ method: 'POST', url: shareUrl, headers: author.headers, payload: { showAuthor: true, showOrganisation: true } }), 403, 'forbidden');
    const shared = await t.app.inject({ method: 'POST', url: shareUrl, headers: admin, payload: { showAuthor: false, showOrganisation: true } });
    expect(shared.statusCode, shared.body).toBe(200);
    expect(shared.json<Experience>().sharing).toMatchObject({ showAuthor: false, showOrganisation: true });

    const [example, ...rest] = mine(await sharedList());
    expect(rest).toEqual([]);
    expect(example).toMatchObject({ id: made.title!.id, title: 'Lærling på to avdelinger', authorName: null, own: false });
    expect(example!.organisationName).toMatch(/^Testkommune/);
    for (const internal of ['teamId', 'resultId', 'authorPersonId', 'comments', 'usefulCount']) expect(example).not.toHaveProperty(internal);
    expect(mine(await sharedList(`&q=${encodeURIComponent('lærlinger')}`)).map((i) => i.id)).toEqual([made.title!.id]);
    // Shared or not, the experience itself stays the organisation's own.
    expectProblem(await t.app.inject({ method: 'GET', url: `/api/v1/experiences/${made.title!.id}`, headers: reader }), 404);
    expect(ids(await list('limit=200', reader))).toEqual([]);

    const unshared = await t.app.inject({ method: 'POST', url: `/api/v1/experiences/${made.title!.id}/unshare`, headers: admin });
    expect(unshared.statusCode, unshared.body).toBe(200);
    expect(unshared.json<Experience>().sharing).toBeNull();
    expect(mine(await sharedList())).toEqual([]);
  });

  it('withdraws the sharing when the author changes what the others read, until a moderator shares it again', async () => {
    const reader = (await signedInAs(t.db, (await createOrganisation(t.db)).id, ['member'])).headers;
    const sharedIds = async () => (await t.app.inject({ method: 'GET', url: '/api/v1/shared-experiences?limit=200', headers: reader }))
      .json<SharedExperiencePage>().items.map((i) => i.id);
    const e = await write({ title: 'Felles vaktbytte', tried: 'Vi byttet vakter på tvers av avdelingene.' }, author.headers);
    const url = `/api/v1/experiences/${e.id}`;
    const share = () => t.app.inject({ method: 'POST', url: `${url}/share`, headers: admin, payload: { showAuthor: false, showOrganisation: false } });
    let version = (await share()).json<Experience>().version;
    expect(await sharedIds()).toContain(e.id);

    // The author rewrites the text the moderator approved: it is no longer shared.
    const edited = await t.app.inject({ method: 'PATCH', url, headers: { ...author.headers, 'if-match': `"${version}"` }, payload: { tried: 'Noe helt annet enn det som ble delt.' } });
    expect(edited.statusCode, edited.body).toBe(200);
    expect(edited.json<Experience>().sharing).toBeNull();
    expect(await sharedIds()).not.toContain(e.id);

    // Shared again; a change the others do not see (the team), or a moderator's own edit, keeps it shared.
    version = (await share()).json<Experience>().version;
    const teamOnly = await t.app.inject({ method: 'PATCH', url, headers: { ...author.headers, 'if-match': `"${version}"` }, payload: { teamId: schoolTeam } });
    expect(teamOnly.json<Experience>().sharing).not.toBeNull();
    const moderated = await t.app.inject({ method: 'PATCH', url, headers: { ...admin, 'if-match': `"${teamOnly.json<Experience>().version}"` }, payload: { title: 'Felles vaktbytte på tvers' } });
    expect(moderated.json<Experience>().sharing).not.toBeNull();
    expect(await sharedIds()).toContain(e.id);
  });
});

async function tokenWith(scopes: Permission[]) {
  return (await createToken(t.db, org, scopes)).headers;
}
