import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { NewsItem, NewsPage, TeamShowcase } from '@lagverk/shared';
import { createAccount, sessionFor, signedInAs, type SessionHeaders } from './support/accounts.ts';
import { createTestApp, type TestContext } from './support/app.ts';
import { createOrganisation } from './support/database.ts';
import { as, createPerson, createUnit, expectProblem } from './support/factories.ts';
import { addMember, createTeam } from './support/team-factories.ts';

// News and announcements on the home page, and the showcase of teams with their latest
// results. Editors (HR here) write and publish; everyone reads what is published, not
// expired, and meant for them; drafts and scheduled items stay with the editors.

let t: TestContext;
let org: string;
let hr: SessionHeaders;
/** Works in `school`, which lies under `oppvekst`; `health` is elsewhere. */
let teacher: SessionHeaders, nurse: SessionHeaders, politician: SessionHeaders;
let oppvekst: string, school: string, health: string;
let nurseManager: SessionHeaders;

async function session(personId: string) {
  const { sessionId: _, ...headers } = await sessionFor(t.db, await createAccount(t.db, org, ['member'], { personId }));
  return headers;
}

beforeAll(async () => {
  t = await createTestApp();
  org = t.organisationId;
  hr = (await signedInAs(t.db, org, ['hr'])).headers;
  politician = (await signedInAs(t.db, org, ['politician'])).headers;
  oppvekst = (await createUnit(t.app, org, { name: 'Oppvekst', kind: 'serviceArea' })).id;
  school = (await createUnit(t.app, org, { name: 'Lagvik skole', parentId: oppvekst })).id;
  const manager = await createPerson(t.app, org);
  health = (await createUnit(t.app, org, { name: 'Helse', managerId: manager.id })).id;
  teacher = await session((await createPerson(t.app, org, { unitId: school })).id);
  nurse = await session((await createPerson(t.app, org, { unitId: health })).id);
  nurseManager = await session(manager.id);
});
afterAll(() => t.close());

const create = (payload: object, headers: Record<string, string> = hr) =>
  t.app.inject({ method: 'POST', url: '/api/v1/news', headers, payload: { kind: 'news', title: 'Nytt fra arbeidslagene', body: 'Første avsnitt.\n\nAndre avsnitt.', ...payload } });

async function created(payload: object = {}) {
  const res = await create(payload);
  expect(res.statusCode, res.body).toBe(201);
  return res.json<NewsItem>();
}

const action = (id: string, name: 'publish' | 'unpublish', payload: object = {}, headers: Record<string, string> = hr) =>
  t.app.inject({ method: 'POST', url: `/api/v1/news/${id}/${name}`, headers, payload });

async function published(payload: object = {}) {
  const item = await created(payload);
  const res = await action(item.id, 'publish');
  expect(res.statusCode, res.body).toBe(200);
  return res.json<NewsItem>();
}

const get = (id: string, headers: Record<string, string>) => t.app.inject({ method: 'GET', url: `/api/v1/news/${id}`, headers });
async function listed(query: string, headers: Record<string, string>) {
  const res = await t.app.inject({ method: 'GET', url: `/api/v1/news?${query}`, headers });
  expect(res.statusCode, res.body).toBe(200);
  return res.json<NewsPage>();
}
const ids = async (query: string, headers: Record<string, string>) => (await listed(`limit=200&${query}`, headers)).items.map((n) => n.id);

describe('news items', () => {
  it('are written as drafts, edited with If-Match, published and removed, and audited', async () => {
    const res = await create({ kind: 'announcement', title: 'Nettverksmøte', pinned: true, expiresOn: '2099-03-12' });
    expect(res.statusCode, res.body).toBe(201);
    const item = res.json<NewsItem>();
    expect(res.headers.location).toBe(`/api/v1/news/${item.id}`);
    expect(res.headers.etag).toBe('"1"');
    expect(item).toMatchObject({ kind: 'announcement', pinned: true, expiresOn: '2099-03-12', status: 'draft', publishedAt: null, audienceUnitIds: [], version: 1 });
    expect(item.authorPersonId).not.toBeNull();
    expect(item.authorName).toMatch(/^Konto /);

    const url = `/api/v1/news/${item.id}`;
    expectProblem(await t.app.inject({ method: 'PATCH', url, headers: hr, payload: { title: 'Nettverksmøte for koordinatorer' } }), 428);
    const patched = await t.app.inject({ method: 'PATCH', url, headers: { ...hr, 'if-match': '"1"' }, payload: { title: 'Nettverksmøte for koordinatorer', expiresOn: null } });
    expect(patched.statusCode, patched.body).toBe(200);
    expect(patched.json()).toMatchObject({ title: 'Nettverksmøte for koordinatorer', expiresOn: null, version: 2, status: 'draft' });
    expectProblem(await t.app.inject({ method: 'PATCH', url, headers: { ...hr, 'if-match': '"1"' }, payload: { pinned: false } }), 412, 'stale-version');

    const out = await action(item.id, 'publish', {}, { ...hr, 'if-match': '"2"' });
    expect(out.statusCode, out.body).toBe(200);
    expect(out.json()).toMatchObject({ status: 'published', version: 3 });
    expect(out.headers.etag).toBe('"3"');
    expect((await get(item.id, teacher)).json()).toMatchObject({ title: 'Nettverksmøte for koordinatorer', status: 'published' });

    expectProblem(await t.app.inject({ method: 'DELETE', url, headers: { ...hr, 'if-match': '"2"' } }), 412);
    expect((await t.app.inject({ method: 'DELETE', url, headers: { ...hr, 'if-match': '"3"' } })).statusCode).toBe(204);
    expectProblem(await get(item.id, hr), 404);
    const audited = await t.db.selectFrom('audit_events').select('action').where('organisation_id', '=', org)
      .where('entity', '=', 'news_items').where('entity_id', '=', item.id).orderBy('id').execute();
    expect(audited.map((a) => a.action)).toEqual(['create', 'update', 'update', 'delete']);
  });

  it('keep drafts and scheduled items from readers, and list them for editors', async () => {
    const draft = await created({ title: 'Utkast' });
    expectProblem(await get(draft.id, teacher), 404);
    expectProblem(await get(draft.id, politician), 404);
    expect(await ids('', teacher)).not.toContain(draft.id);
    expect(await ids('status=draft', hr)).toContain(draft.id);
    expectProblem(await t.app.inject({ method: 'GET', url: '/api/v1/news?status=draft', headers: teacher }), 403, 'forbidden');

    // Scheduled: out of sight until its time comes (moved into the past here, as time would).
    const scheduled = await action(draft.id, 'publish', { publishAt: '2099-01-01T07:00:00.000Z' });
    expect(scheduled.json()).toMatchObject({ status: 'scheduled', publishedAt: '2099-01-01T07:00:00.000Z' });
    expectProblem(await get(draft.id, teacher), 404);
    expect(await ids('status=scheduled', hr)).toContain(draft.id);
    expect(await ids('', hr)).not.toContain(draft.id);
    await t.db.updateTable('news_items').set({ published_at: new Date(Date.now() - 60_000) }).where('id', '=', draft.id).execute();
    expect(await ids('', teacher)).toContain(draft.id);
    expect((await get(draft.id, politician)).json()).toMatchObject({ status: 'published' });

    // Back to a draft, and gone from the readers' list again.
    expectProblem(await action(draft.id, 'publish'), 409, 'already-published');
    expect((await action(draft.id, 'unpublish')).json()).toMatchObject({ status: 'draft', publishedAt: null });
    expectProblem(await action(draft.id, 'unpublish'), 409, 'not-published');
    expect(await ids('', teacher)).not.toContain(draft.id);
    expectProblem(await action(draft.id, 'publish', { publishAt: '2020-01-01T00:00:00Z' }), 422, 'publish-at-in-past');
  });

  it('disappear from the list once expired, but stay readable by address', async () => {
    // Today in Norway, where the day an announcement is shown up to is counted.
    const lastDay = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Oslo' }).format(new Date());
    const today = await published({ kind: 'announcement', title: 'Siste dag i dag', expiresOn: lastDay });
    const gone = await published({ kind: 'announcement', title: 'Utløpt', expiresOn: '2020-01-01' });
    expect(gone.status).toBe('expired');
    const current = await ids('', teacher);
    expect(current).toContain(today.id);
    expect(current).not.toContain(gone.id);
    expect(await ids('status=expired', hr)).toContain(gone.id);
    expect((await get(gone.id, teacher)).json()).toMatchObject({ status: 'expired' });
  });

  it('list pinned first, then the newest, page by page without skipping while items are added', async () => {
    // A kind of their own filter keeps other tests' items out of the way.
    const older = await published({ kind: 'announcement', title: 'Eldre' });
    const pinned = await published({ kind: 'announcement', title: 'Festet', pinned: true });
    await t.db.updateTable('news_items').set({ published_at: new Date('2024-01-01T00:00:00Z') }).where('id', '=', pinned.id).execute();
    const newest = await published({ kind: 'announcement', title: 'Nyest' });
    const order = await ids('kind=announcement', teacher);
    expect(order.indexOf(pinned.id)).toBe(0);
    expect(order.indexOf(newest.id)).toBeLessThan(order.indexOf(older.id));
    expect(await ids('kind=announcement&pinned=true', teacher)).toEqual([pinned.id]);

    const first = await listed('kind=announcement&limit=2', teacher);
    expect(first.items.map((n) => n.id)).toEqual(order.slice(0, 2));
    await published({ kind: 'announcement', title: 'Lagt til mellom sidene' });
    const rest: string[] = [];
    let cursor = first.nextCursor;
    while (cursor) {
      const page = await listed(`kind=announcement&limit=2&cursor=${cursor}`, teacher);
      rest.push(...page.items.map((n) => n.id));
      cursor = page.nextCursor;
    }
    expect(rest).toEqual(order.slice(2));
    expectProblem(await t.app.inject({ method: 'GET', url: `/api/v1/news?status=draft&cursor=${first.nextCursor}`, headers: hr }), 400, 'invalid-cursor');
  });

  it('reach the audience units, the units below them and who leads them, and refuse units that do not exist', async () => {
    const forOppvekst = await published({ title: 'For oppvekst', audienceUnitIds: [oppvekst] });
    const forHealth = await published({ title: 'For helse', audienceUnitIds: [health] });
    const forAll = await published({ title: 'For alle' });
    const teacherSees = await ids('', teacher);
    expect(teacherSees).toEqual(expect.arrayContaining([forOppvekst.id, forAll.id]));
    expect(teacherSees).not.toContain(forHealth.id);
    expect(await ids('', nurse)).not.toContain(forOppvekst.id);
    expect(await ids('', nurseManager)).toContain(forHealth.id);
    expectProblem(await get(forHealth.id, teacher), 404);
    // A politician belongs to no unit: what is for everyone.
    const politicianSees = await ids('', politician);
    expect(politicianSees).toContain(forAll.id);
    expect(politicianSees).not.toContain(forOppvekst.id);
    // Editors and integrations see every audience.
    expect(await ids('', hr)).toEqual(expect.arrayContaining([forOppvekst.id, forHealth.id]));
    expect(await ids('', as(org))).toEqual(expect.arrayContaining([forOppvekst.id, forHealth.id]));

    const nothing = '5b0c1d2e-3f40-4a5b-8c6d-7e8f9a0b1c2d';
    const refused = expectProblem(await create({ audienceUnitIds: [school, nothing] }), 422, 'unknown-reference');
    expect(refused.errors!.map((e) => e.path)).toEqual(['/body/audienceUnitIds/1']);
  });

  it('are written by editors only, and never cross organisations', async () => {
    expectProblem(await create({}, teacher), 403, 'forbidden');
    expectProblem(await create({}, politician), 403, 'forbidden');
    const mine = await published({ title: 'Bare vår' });
    const other = await createOrganisation(t.db);
    const theirs = await t.app.inject({ method: 'POST', url: '/api/v1/news', headers: as(other.id), payload: { kind: 'news', title: 'Deres', body: 'Tekst.' } });
    expect(theirs.statusCode).toBe(201);
    const theirId = theirs.json<NewsItem>().id;
    expectProblem(await get(theirId, hr), 404);
    expectProblem(await action(theirId, 'publish'), 404);
    expectProblem(await t.app.inject({ method: 'PATCH', url: `/api/v1/news/${theirId}`, headers: { ...hr, 'if-match': '"1"' }, payload: { pinned: true } }), 404);
    expectProblem(await t.app.inject({ method: 'DELETE', url: `/api/v1/news/${theirId}`, headers: { ...hr, 'if-match': '"1"' } }), 404);
    expect(await ids('status=draft', hr)).not.toContain(theirId);
    expect(await ids('', as(other.id))).not.toContain(mine.id);
  });
});

describe('the team showcase', () => {
  it('shows active teams with results, the newest result first, with their units and professions', async () => {
    const unit = await createUnit(t.app, org, { name: 'Arbeidslaget sin enhet' });
    const team = async (name: string) => {
      const made = await createTeam(t.app, org, { name, unitIds: [unit.id] });
      await addMember(t.app, org, made.id, (await createPerson(t.app, org, { profession: 'Sykepleier', unitId: unit.id })).id, 'coordinator');
      await addMember(t.app, org, made.id, (await createPerson(t.app, org, { profession: 'Lærer' })).id);
      await t.db.updateTable('teams').set({ status: 'active' }).where('organisation_id', '=', org).where('id', '=', made.id).execute();
      return made.id;
    };
    const result = async (teamId: string, title: string, achievedOn: string) => {
      const res = await t.app.inject({
        method: 'POST', url: `/api/v1/teams/${teamId}/results`, headers: as(org), payload: { title, category: 'routineChange', achievedOn },
      });
      expect(res.statusCode, res.body).toBe(201);
    };
    const apprentices = await team('Lærlingelaget');
    const transition = await team('Overgangslaget');
    const quiet = await team('Laget uten resultater');
    const concluded = await team('Avsluttet lag');
    await result(apprentices, 'Ny intervjuguide', '2026-03-01');
    // Recorded later, achieved earlier: not the latest.
    await result(apprentices, 'Gammel opplæringsplan', '2025-09-01');
    await result(transition, 'Overføringsmøte', '2026-02-01');
    // Same day: the one recorded last wins.
    await result(transition, 'Felles skolestart', '2026-02-01');
    await result(concluded, 'Sluttrapport', '2026-05-01');
    await t.db.updateTable('teams').set({ status: 'concluded' }).where('organisation_id', '=', org).where('id', '=', concluded).execute();

    const res = await t.app.inject({ method: 'GET', url: '/api/v1/team-showcase?limit=10', headers: teacher });
    expect(res.statusCode, res.body).toBe(200);
    const { items, nextCursor } = res.json<TeamShowcase>();
    expect(nextCursor).toBeNull();
    expect(items.map((i) => i.teamId)).toEqual([apprentices, transition]);
    expect(items.map((i) => i.teamId)).not.toContain(quiet);
    expect(items[0]).toMatchObject({
      name: 'Lærlingelaget', units: [{ id: unit.id, name: 'Arbeidslaget sin enhet' }], professions: ['Lærer', 'Sykepleier'],
      latestResult: { title: 'Ny intervjuguide', category: 'routineChange', achievedOn: '2026-03-01' },
    });
    expect(items[1]!.latestResult.title).toBe('Felles skolestart');

    const one = await t.app.inject({ method: 'GET', url: '/api/v1/team-showcase?limit=1', headers: teacher });
    expect(one.json<TeamShowcase>().items.map((i) => i.teamId)).toEqual([apprentices]);
    // Teams are for the staff; politicians read aggregates on the dashboard.
    expectProblem(await t.app.inject({ method: 'GET', url: '/api/v1/team-showcase', headers: politician }), 403, 'forbidden');
  });
});
