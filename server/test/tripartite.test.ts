import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import type { TripartiteAgreement, TripartiteAgreementPage, TripartiteVersion } from '@lagverk/shared';
import { signedInAs, type SessionHeaders } from './support/accounts.ts';
import { createTestApp, type TestContext } from './support/app.ts';
import { createOrganisation } from './support/database.ts';
import { as, createPerson, expectProblem, expectValidation, unique } from './support/factories.ts';

// Tripartite agreements: the text is kept as numbered versions that nobody can change,
// not even with SQL; a new text is a new version, and two writers starting from the same
// version cannot both win. The administration and the representatives write; everyone
// (politicians too) reads.

let t: TestContext;
let org: string;
let hr: SessionHeaders, representative: SessionHeaders, member: SessionHeaders, politician: SessionHeaders;

beforeAll(async () => {
  t = await createTestApp();
  org = t.organisationId;
  hr = (await signedInAs(t.db, org, ['hr'])).headers;
  representative = (await signedInAs(t.db, org, ['representative'])).headers;
  member = (await signedInAs(t.db, org, ['member'])).headers;
  politician = (await signedInAs(t.db, org, ['politician'])).headers;
});
afterAll(() => t.close());

const base = '/api/v1/tripartite-agreements';
const text1 = '1. Formål\n\nPartene samarbeider tidlig i alle omstillinger.';
const text2 = `${text1}\n\n2. Møter\n\nTrepartsverkstedet møtes fire ganger i året.`;

const create = (payload: object, headers: Record<string, string> = hr) =>
  t.app.inject({ method: 'POST', url: base, headers, payload: { title: `Samarbeidsavtale ${unique()}`, body: text1, ...payload } });

async function created(payload: object = {}, headers: Record<string, string> = hr) {
  const res = await create(payload, headers);
  expect(res.statusCode, res.body).toBe(201);
  return res.json<TripartiteAgreement>();
}

const addVersion = (a: { id: string; version: number; currentVersion: number }, payload: object, headers: Record<string, string> = hr, ifMatch = `"${a.version}"`) =>
  t.app.inject({
    method: 'POST', url: `${base}/${a.id}/versions`, headers: { ...headers, 'if-match': ifMatch },
    payload: { basedOn: a.currentVersion, body: text2, changeNote: 'Lagt til møteplan.', ...payload },
  });

const get = (url: string, headers: Record<string, string> = hr) => t.app.inject({ method: 'GET', url, headers });

async function tripartiteMeeting(organisationId = org) {
  const arena = await t.app.inject({ method: 'POST', url: '/api/v1/arenas', headers: as(organisationId), payload: { type: 'tripartiteWorkshop', name: `Trepartsverksted ${unique()}` } });
  expect(arena.statusCode, arena.body).toBe(201);
  const meeting = await t.app.inject({
    method: 'POST', url: `/api/v1/arenas/${arena.json<{ id: string }>().id}/meetings`, headers: as(organisationId),
    payload: { startsAt: '2026-03-12T08:00:00Z', endsAt: '2026-03-12T11:00:00Z', place: 'Rådhuset' },
  });
  expect(meeting.statusCode, meeting.body).toBe(201);
  return meeting.json<{ id: string }>().id;
}

async function changeProcess(organisationId = org) {
  return (await t.db.insertInto('change_processes')
    .values({ organisation_id: organisationId, title: `Omstilling ${unique()}`, mandate: 'Ny organisering.' })
    .returning('id').executeTakeFirstOrThrow()).id;
}

describe('tripartite agreements', () => {
  it('start as version 1, written by the signed-in person, and get numbered versions that become current', async () => {
    const meetingId = await tripartiteMeeting();
    const res = await create({ title: 'Samarbeidsavtale om trepartssamarbeid', changeNote: 'Første utkast.' });
    expect(res.statusCode, res.body).toBe(201);
    const first = res.json<TripartiteAgreement>();
    expect(res.headers.location).toBe(`${base}/${first.id}`);
    expect(res.headers.etag).toBe('"1"');
    expect(first).toMatchObject({ status: 'draft', currentVersion: 1, version: 1, processId: null });
    expect(first.current).toMatchObject({ number: 1, body: text1, changeNote: 'Første utkast.', agreedOn: null, agreedBy: [] });
    expect(first.current.authorName).toMatch(/^Konto /);

    const second = await addVersion(first, {
      title: 'Samarbeidsavtale om trepartssamarbeid i Lagvik', agreedOn: '2026-03-12', agreedBy: ['politicians', 'administration', 'unions'], arenaMeetingId: meetingId,
    }, representative);
    expect(second.statusCode, second.body).toBe(201);
    expect(second.headers.location).toBe(`${base}/${first.id}/versions/2`);
    const after = second.json<TripartiteAgreement>();
    expect(after).toMatchObject({ currentVersion: 2, version: 2, title: 'Samarbeidsavtale om trepartssamarbeid i Lagvik' });
    expect(after.current).toMatchObject({ number: 2, body: text2, agreedOn: '2026-03-12', agreedBy: ['politicians', 'administration', 'unions'] });
    expect(after.current.arenaMeeting).toMatchObject({ id: meetingId, arenaName: expect.stringMatching(/^Trepartsverksted/) });
    expect(after.versions.map((v) => v.number)).toEqual([2, 1]);
    expect(after.versions[1]).toMatchObject({ number: 1, changeNote: 'Første utkast.', title: 'Samarbeidsavtale om trepartssamarbeid' });

    const third = await addVersion(after, { body: `${text2}\n\n3. Evaluering`, changeNote: 'Evaluering hvert år.' });
    expect(third.statusCode, third.body).toBe(201);
    expect(third.json<TripartiteAgreement>()).toMatchObject({ currentVersion: 3, title: after.title });

    // The old text stays exactly as written, readable by its number.
    const v1 = await get(`${base}/${first.id}/versions/1`, politician);
    expect(v1.statusCode, v1.body).toBe(200);
    expect(v1.json<TripartiteVersion>()).toMatchObject({ agreementId: first.id, number: 1, body: text1, title: 'Samarbeidsavtale om trepartssamarbeid' });
    expectProblem(await get(`${base}/${first.id}/versions/4`), 404, 'not-found');
    expectValidation(await get(`${base}/${first.id}/versions/0`), '/path/number');
    expectValidation(await get(`${base}/${first.id}/versions/to`), '/path/number');
  });

  it('keep every version unchanged, even against SQL, and let only the agreement take them along', async () => {
    const meetingId = await tripartiteMeeting();
    const author = await createPerson(t.app, org);
    const a = await created({ arenaMeetingId: meetingId, agreedOn: '2026-03-12', agreedBy: ['unions'] });
    await expect(t.db.updateTable('tripartite_agreement_versions').set({ author_person_id: author.id })
      .where('agreement_id', '=', a.id).execute()).rejects.toThrow(/never changed/);

    const refusedChanges = [
      sql`update tripartite_agreement_versions set body = 'Omskrevet' where agreement_id = ${a.id}`,
      sql`update tripartite_agreement_versions set agreed_by = '{}' where agreement_id = ${a.id}`,
      sql`update tripartite_agreement_versions set number = 7 where agreement_id = ${a.id}`,
      sql`delete from tripartite_agreement_versions where agreement_id = ${a.id}`,
    ];
    for (const statement of refusedChanges) {
      await expect(statement.execute(t.db)).rejects.toThrow(/never (changed|deleted)/);
    }
    const v1 = (await get(`${base}/${a.id}/versions/1`)).json<TripartiteVersion>();
    expect(v1).toMatchObject({ body: text1, agreedBy: ['unions'], number: 1 });

    // The meeting going away clears only the reference; the text stays.
    await t.db.deleteFrom('arena_meetings').where('organisation_id', '=', org).where('id', '=', meetingId).execute();
    expect((await get(`${base}/${a.id}/versions/1`)).json<TripartiteVersion>()).toMatchObject({ body: text1, arenaMeeting: null });

    // A draft whose one version the parties agreed on is history: it is retired, not deleted.
    const kept = await t.app.inject({ method: 'DELETE', url: `${base}/${a.id}`, headers: { ...hr, 'if-match': `"${a.version}"` } });
    expectProblem(kept, 409, 'agreement-has-history');

    // A draft with one version never agreed on may be deleted, and its version with it.
    const draft = await created();
    const gone = await t.app.inject({ method: 'DELETE', url: `${base}/${draft.id}`, headers: { ...hr, 'if-match': `"${draft.version}"` } });
    expect(gone.statusCode, gone.body).toBe(204);
    const left = await t.db.selectFrom('tripartite_agreement_versions').select('id').where('agreement_id', '=', draft.id).execute();
    expect(left).toEqual([]);
  });

  it('let one of two writers starting from the same version win; the other gets a 409', async () => {
    const a = await created();
    const [one, two] = await Promise.all([
      addVersion(a, { changeNote: 'Fra administrasjonen.' }, hr),
      addVersion(a, { changeNote: 'Fra de tillitsvalgte.' }, representative),
    ]);
    expect([one.statusCode, two.statusCode].sort()).toEqual([201, 409]);
    const loser = one.statusCode === 409 ? one : two;
    expect(expectProblem(loser, 409, 'version-added').detail).toMatch(/Version 2 was added/);
    const now = (await get(`${base}/${a.id}`)).json<TripartiteAgreement>();
    expect(now.versions.map((v) => v.number)).toEqual([2, 1]);

    // Starting from the right version with a stale ETag (someone renamed it) is a 412; none at all a 428.
    const renamed = await t.app.inject({ method: 'PATCH', url: `${base}/${a.id}`, headers: { ...hr, 'if-match': `"${now.version}"` }, payload: { title: 'Nytt navn' } });
    expect(renamed.statusCode, renamed.body).toBe(200);
    expectProblem(await addVersion(now, {}, hr), 412, 'stale-version');
    expectProblem(await t.app.inject({ method: 'POST', url: `${base}/${a.id}/versions`, headers: hr, payload: { basedOn: 2, body: text2, changeNote: 'x' } }), 428);
  });

  it('are written by the administration and the representatives, read by everyone', async () => {
    const mine = await created({}, representative);
    expect(mine.current.authorName).toMatch(/^Konto /);
    expectProblem(await create({}, member), 403, 'forbidden');
    expectProblem(await create({}, politician), 403, 'forbidden');
    expectProblem(await addVersion(mine, {}, politician), 403, 'forbidden');
    expectProblem(await t.app.inject({ method: 'PATCH', url: `${base}/${mine.id}`, headers: { ...member, 'if-match': '"1"' }, payload: { status: 'agreed' } }), 403);
    for (const reader of [member, politician]) {
      expect((await get(`${base}/${mine.id}`, reader)).statusCode).toBe(200);
      expect((await get(`${base}?limit=1`, reader)).statusCode).toBe(200);
    }
  });

  it('are edited (title, status, process) with If-Match, listed with filters, and deleted only as a one-version draft', async () => {
    const processId = await changeProcess();
    const a = await created({ processId, status: 'agreed', agreedOn: '2026-01-10', agreedBy: ['politicians', 'administration'] });
    expect(a).toMatchObject({ processId, processTitle: expect.stringMatching(/^Omstilling/), status: 'agreed' });
    const url = `${base}/${a.id}`;
    expectProblem(await t.app.inject({ method: 'PATCH', url, headers: hr, payload: { status: 'retired' } }), 428);
    const retired = await t.app.inject({ method: 'PATCH', url, headers: { ...hr, 'if-match': '"1"' }, payload: { status: 'retired', processId: null } });
    expect(retired.statusCode, retired.body).toBe(200);
    expect(retired.json<TripartiteAgreement>()).toMatchObject({ status: 'retired', processId: null, version: 2, currentVersion: 1 });
    expectProblem(await t.app.inject({ method: 'PATCH', url, headers: { ...hr, 'if-match': '"1"' }, payload: { status: 'draft' } }), 412, 'stale-version');
    expectProblem(await addVersion(retired.json<TripartiteAgreement>(), {}), 409, 'agreement-retired');
    expectProblem(await t.app.inject({ method: 'DELETE', url, headers: { ...hr, 'if-match': '"2"' } }), 409, 'agreement-has-history');

    const inProcess = await created({ processId });
    const listed = await get(`${base}?processId=${processId}&limit=200`);
    expect(listed.json<TripartiteAgreementPage>().items.map((i) => i.id)).toEqual([inProcess.id]);
    const agreed = (await get(`${base}?status=retired&limit=200`)).json<TripartiteAgreementPage>().items;
    expect(agreed.find((i) => i.id === a.id)).toMatchObject({ agreedOn: '2026-01-10', agreedBy: ['politicians', 'administration'] });

    // Pages by title never repeat or skip an agreement.
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const page: TripartiteAgreementPage = (await get(`${base}?limit=2${cursor ? `&cursor=${cursor}` : ''}`)).json();
      seen.push(...page.items.map((i) => i.id));
      cursor = page.nextCursor;
    } while (cursor);
    expect(new Set(seen).size).toBe(seen.length);
    expect(seen).toContain(inProcess.id);
    expectProblem(await get(`${base}?cursor=bm9wZQ`), 400, 'invalid-cursor');

    const twice = await created();
    const v2 = await addVersion(twice, {});
    expectProblem(await t.app.inject({ method: 'DELETE', url: `${base}/${twice.id}`, headers: { ...hr, 'if-match': `"${v2.json<TripartiteAgreement>().version}"` } }), 409, 'agreement-has-history');
  });

  it('refuse bad input with 4xx and write nothing', async () => {
    expectValidation(await create({ title: '' }), '/body/title');
    expectValidation(await create({ agreedBy: ['mayor'] }), '/body/agreedBy/0');
    expectValidation(await create({ unknown: 1 }));
    expectValidation(await create({ agreedOn: '12.03.2026' }), '/body/agreedOn');
    expectProblem(await create({ agreedBy: ['unions'] }), 422, 'agreed-on-required');
    const refs = expectProblem(await create({ processId: crypto.randomUUID(), arenaMeetingId: crypto.randomUUID() }), 422, 'unknown-reference');
    expect(refs.errors?.map((e) => e.path)).toEqual(['/body/processId', '/body/arenaMeetingId']);
    expectValidation(await get(`${base}?status=forgotten`), '/query/status');
    const a = await created();
    expectValidation(await addVersion(a, { changeNote: undefined, basedOn: 0 }), '/body/basedOn', '/body/changeNote');
    expectValidation(await t.app.inject({ method: 'PATCH', url: `${base}/${a.id}`, headers: { ...hr, 'if-match': '"1"' }, payload: {} }));
    expect((await get(`${base}/${a.id}`)).json<TripartiteAgreement>()).toMatchObject({ version: 1, currentVersion: 1 });
  });

  it("answer another organisation's agreements, processes and meetings with 404 or 422", async () => {
    const other = (await createOrganisation(t.db)).id;
    const theirs = await t.app.inject({ method: 'POST', url: base, headers: as(other), payload: { title: 'Deres avtale', body: text1 } });
    expect(theirs.statusCode, theirs.body).toBe(201);
    const id = theirs.json<TripartiteAgreement>().id;
    expectProblem(await get(`${base}/${id}`), 404);
    expectProblem(await get(`${base}/${id}/versions/1`), 404);
    expectProblem(await t.app.inject({ method: 'PATCH', url: `${base}/${id}`, headers: { ...hr, 'if-match': '"1"' }, payload: { status: 'agreed' } }), 404);
    expectProblem(await addVersion({ id, version: 1, currentVersion: 1 }, {}), 404);
    expectProblem(await t.app.inject({ method: 'DELETE', url: `${base}/${id}`, headers: { ...hr, 'if-match': '"1"' } }), 404);
    expect((await get(`${base}?limit=200`)).json<TripartiteAgreementPage>().items.map((i) => i.id)).not.toContain(id);
    expectProblem(await create({ processId: await changeProcess(other) }), 422, 'unknown-reference');
    expectProblem(await create({ arenaMeetingId: await tripartiteMeeting(other) }), 422, 'unknown-reference');
  });

  it('are audited: who created, edited and added which version', async () => {
    const { account, headers } = await signedInAs(t.db, org, ['representative']);
    const a = await created({}, headers);
    const v2 = await addVersion(a, {}, headers);
    expect(v2.statusCode, v2.body).toBe(201);
    const events = await t.db.selectFrom('audit_events').select(['entity', 'action', 'actor_person_id', 'changes'])
      .where('organisation_id', '=', org).where('entity', 'in', ['tripartite_agreements', 'tripartite_agreement_versions'])
      .where('actor_person_id', '=', account.personId).orderBy('id').execute();
    expect(events.map((e) => `${e.entity} ${e.action}`)).toEqual([
      'tripartite_agreements create', 'tripartite_agreement_versions create',
      'tripartite_agreement_versions create', 'tripartite_agreements update',
    ]);
    expect(events[3]!.changes).toMatchObject({ current_version: { before: 1, after: 2 } });
  });
});
