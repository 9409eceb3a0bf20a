import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Value } from 'typebox/value';
import { CriteriaSetCreate, type CriteriaSet, type CriteriaSetPage } from '@lagverk/shared';
import { defaultCriteriaSets } from '../src/criteria/defaults.ts';
import { createTestApp, type TestContext } from './support/app.ts';
import { createOrganisation } from './support/database.ts';
import { as, expectProblem, expectValidation, unique } from './support/factories.ts';
import { createDraft, createPublished, criteriaRequests } from './support/criteria.ts';

// Criteria sets are edited as drafts and published as immutable versions, because teams
// and evaluations keep their answers against the exact criteria they used.

let t: TestContext;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.close());

async function newOrg(writtenStandard: 'nb' | 'nn' = 'nb') {
  return (await createOrganisation(t.db, { writtenStandard })).id;
}

const api = criteriaRequests(() => t.app);
const missingId = '00000000-0000-4000-8000-000000000000';

async function setsOf(org: string, query = '') {
  const res = await api.list(org, `limit=200&${query}`);
  expect(res.statusCode, res.body).toBe(200);
  return res.json<CriteriaSetPage>().items;
}

const contentOf = (set: CriteriaSet) => set.criteria.map(({ id: _id, ...rest }) => rest);

describe('creating and reading a criteria set', () => {
  it('creates a draft, version 1 of a new series, with the criteria in order and defaults filled in', async () => {
    const org = await newOrg();
    const res = await api.post(org, {
      kind: 'evaluation',
      name: 'Evaluering av lærlingelaget',
      description: 'Brukes ved årlig evaluering.',
      criteria: [
        { title: 'Måloppnåelse', answerType: 'scale', guidance: '1 = ikke nådd, 5 = nådd', weight: 40, required: true },
        { title: 'Spart tid', answerType: 'number', unit: 'timer per sak' },
        { title: 'Læring', answerType: 'text' },
      ],
    });
    expect(res.statusCode, res.body).toBe(201);
    const set = res.json<CriteriaSet>();
    expect(set).toMatchObject({
      kind: 'evaluation', name: 'Evaluering av lærlingelaget', description: 'Brukes ved årlig evaluering.',
      status: 'draft', versionNumber: 1, publishedAt: null, version: 1,
    });
    expect(contentOf(set)).toEqual([
      { title: 'Måloppnåelse', answerType: 'scale', guidance: '1 = ikke nådd, 5 = nådd', unit: null, weight: 40, required: true },
      { title: 'Spart tid', answerType: 'number', guidance: null, unit: 'timer per sak', weight: 1, required: false },
      { title: 'Læring', answerType: 'text', guidance: null, unit: null, weight: 1, required: false },
    ]);
    expect(res.headers.location).toBe(`/api/v1/criteria-sets/${set.id}`);
    expect(res.headers.etag).toBe('"1"');

    const got = await api.get(org, set.id);
    expect(got.statusCode).toBe(200);
    expect(got.headers.etag).toBe('"1"');
    expect(got.json()).toEqual(set);
  });

  it('starts a new series for every created set', async () => {
    const org = await newOrg();
    const a = await createDraft(t.app, org);
    const b = await createDraft(t.app, org);
    expect(a.seriesId).not.toBe(b.seriesId);
  });

  it('refuses invalid input with every failing field, and writes nothing', async () => {
    const org = await newOrg();
    const before = await setsOf(org);
    expectValidation(await api.post(org, { name: 'Uten type', criteria: [] }), '/body/kind');
    expectValidation(await api.post(org, {
      kind: 'establishment', name: ' ', colour: 'blå',
      criteria: [{ title: 'A', answerType: 'maybe', weight: 101 }, { answerType: 'yesNo', id: missingId }],
    }), '/body/name', '/body/colour', '/body/criteria/0/answerType', '/body/criteria/0/weight', '/body/criteria/1/title', '/body/criteria/1/id');
    expectValidation(await api.post(org, { kind: 'establishment', name: 'For mange', criteria: Array.from({ length: 101 }, () => ({ title: 'x', answerType: 'text' })) }), '/body/criteria');
    expectValidation(await api.post(org, { kind: 'establishment', name: 'Streng', criteria: [{ title: 'x', answerType: 'yesNo', required: 'true' }] }), '/body/criteria/0/required');
    expect(await setsOf(org)).toEqual(before);
  });

  it('refuses a unit on a criterion not answered with a number (422), naming each', async () => {
    const org = await newOrg();
    const before = await setsOf(org);
    const res = await api.post(org, {
      kind: 'establishment', name: 'Med feil enhet',
      criteria: [
        { title: 'Timer', answerType: 'number', unit: 'timer' },
        { title: 'Ja eller nei', answerType: 'yesNo', unit: 'stk' },
        { title: 'Skala', answerType: 'scale', unit: 'poeng' },
        { title: 'Tekst uten enhet', answerType: 'text', unit: null },
      ],
    });
    const body = expectProblem(res, 422, 'unit-not-allowed');
    expect(body.errors?.map((e) => e.path)).toEqual(['/body/criteria/1/unit', '/body/criteria/2/unit']);
    expect(await setsOf(org)).toEqual(before);
  });

  it('replays a create sent again with the same Idempotency-Key, making one set', async () => {
    const org = await newOrg();
    const payload = { kind: 'establishment', name: 'Gjentatt', criteria: [{ title: 'A', answerType: 'yesNo' }] };
    const key = { 'idempotency-key': `c-${unique()}` };
    const first = await api.post(org, payload, key);
    const again = await api.post(org, payload, key);
    expect([first.statusCode, again.statusCode]).toEqual([201, 201]);
    expect(again.headers['idempotent-replayed']).toBe('true');
    expect(again.json<CriteriaSet>().id).toBe(first.json<CriteriaSet>().id);
    expect((await setsOf(org, 'q=Gjentatt')).length).toBe(1);
  });

  it('answers 404 for an unknown id and 400 for a malformed one', async () => {
    const org = await newOrg();
    expectProblem(await api.get(org, missingId), 404, 'not-found');
    expectValidation(await api.get(org, 'not-a-uuid'), '/path/id');
  });
});

describe('listing criteria sets', () => {
  it('lists newest change first and filters by kind, status and name', async () => {
    const org = await newOrg();
    const draft = await createDraft(t.app, org, { kind: 'evaluation', name: 'Evaluering hjemmetjenesten' });
    const published = await createPublished(t.app, org, { name: 'Opprettelse oppvekst' });
    const edited = await api.patch(org, draft.id, 1, { description: 'Sist endret' });
    expect(edited.statusCode, edited.body).toBe(200);

    const all = await setsOf(org);
    expect(all).toHaveLength(4); // two defaults and two of ours
    expect(all[0]!.id).toBe(draft.id);
    const keys = all.map((s) => [s.updatedAt, s.id].join(' '));
    expect(keys).toEqual([...keys].sort().reverse());
    for (const set of all) expect(set.criteria.length).toBeGreaterThan(0);

    expect((await setsOf(org, 'kind=evaluation')).map((s) => s.kind)).toEqual(['evaluation', 'evaluation']);
    expect((await setsOf(org, 'status=draft')).map((s) => s.id)).toEqual([draft.id]);
    expect((await setsOf(org, 'status=published&kind=establishment')).map((s) => s.status)).toEqual(['published', 'published']);
    expect((await setsOf(org, 'q=OPPVEKST')).map((s) => s.id)).toEqual([published.id]);
    expect(await setsOf(org, 'q=%25')).toEqual([]);
    expect(await setsOf(org, 'status=superseded')).toEqual([]);
  });

  it('pages with a cursor without skipping or repeating a set, even when one is added meanwhile', async () => {
    const org = await newOrg();
    for (let i = 0; i < 5; i++) await createDraft(t.app, org);
    const first = await api.list(org, 'limit=3');
    const page1 = first.json<CriteriaSetPage>();
    expect(page1.items).toHaveLength(3);
    await createDraft(t.app, org); // newer than every listed row: belongs before page 1
    const seen = [...page1.items.map((s) => s.id)];
    let cursor = page1.nextCursor;
    while (cursor) {
      const page = (await api.list(org, `limit=3&cursor=${cursor}`)).json<CriteriaSetPage>();
      seen.push(...page.items.map((s) => s.id));
      cursor = page.nextCursor;
    }
    expect(seen).toHaveLength(7); // five drafts and two defaults
    expect(new Set(seen).size).toBe(7);
  });

  it('refuses unknown parameters, bad filters and foreign cursors', async () => {
    const org = await newOrg();
    expectValidation(await api.list(org, 'sort=name'), '/query/sort');
    expectValidation(await api.list(org, 'kind=team'), '/query/kind');
    expectValidation(await api.list(org, 'status=archived'), '/query/status');
    expectValidation(await api.list(org, 'limit=0'), '/query/limit');
    expectProblem(await api.list(org, 'cursor=bm90LWEtY3Vyc29y'), 400, 'invalid-cursor');
  });
});

describe('editing a draft', () => {
  it('requires If-Match (428) and refuses a stale one (412) without changing anything', async () => {
    const org = await newOrg();
    const draft = await createDraft(t.app, org);
    expectProblem(await api.patch(org, draft.id, null, { name: 'Nytt navn' }), 428, 'if-match-required');
    const stale = expectProblem(await api.patch(org, draft.id, 7, { name: 'Nytt navn' }), 412, 'stale-version');
    expect(stale.currentVersion).toBe(1);
    expect((await api.get(org, draft.id)).json()).toEqual(draft);
  });

  it('changes the fields sent; criteria replace the whole list in the order given', async () => {
    const org = await newOrg();
    const draft = await createDraft(t.app, org);
    const renamed = await api.patch(org, draft.id, 1, { name: 'Omdøpt', description: 'Ny beskrivelse' });
    expect(renamed.statusCode, renamed.body).toBe(200);
    expect(renamed.headers.etag).toBe('"2"');
    expect(renamed.json<CriteriaSet>()).toMatchObject({ name: 'Omdøpt', description: 'Ny beskrivelse', version: 2, criteria: draft.criteria });

    const replaced = await api.patch(org, draft.id, 2, {
      description: null,
      criteria: [
        { title: 'Tredje blir første', answerType: 'text' },
        { title: 'Skala', answerType: 'scale', weight: 50, required: true, guidance: 'Fra 1 til 5' },
      ],
    });
    expect(replaced.statusCode, replaced.body).toBe(200);
    const set = replaced.json<CriteriaSet>();
    expect(set).toMatchObject({ description: null, version: 3, status: 'draft' });
    expect(set.criteria.map((c) => c.title)).toEqual(['Tredje blir første', 'Skala']);
    expect((await api.get(org, draft.id)).json()).toEqual(set);

    const emptied = await api.patch(org, draft.id, 3, { criteria: [] });
    expect(emptied.json<CriteriaSet>().criteria).toEqual([]);
  });

  it('refuses an empty patch, unknown fields and a unit on a non-number criterion', async () => {
    const org = await newOrg();
    const draft = await createDraft(t.app, org);
    expectProblem(await api.patch(org, draft.id, 1, {}), 400, 'validation');
    expectValidation(await api.patch(org, draft.id, 1, { status: 'published' }), '/body/status');
    expectValidation(await api.patch(org, draft.id, 1, { kind: 'evaluation' }), '/body/kind');
    const body = expectProblem(await api.patch(org, draft.id, 1, { criteria: [{ title: 'Fritekst', answerType: 'text', unit: 'ord' }] }), 422, 'unit-not-allowed');
    expect(body.errors?.map((e) => e.path)).toEqual(['/body/criteria/0/unit']);
    expect((await api.get(org, draft.id)).json()).toEqual(draft);
  });

  it('refuses to edit a published or superseded version (409 criteria-set-not-draft), pointing to revise', async () => {
    const org = await newOrg();
    const published = await createPublished(t.app, org);
    const body = expectProblem(await api.patch(org, published.id, published.version, { name: 'Endret i smug' }), 409, 'criteria-set-not-draft');
    expect(body.detail).toContain('revise');
    const draft = (await api.revise(org, published.id)).json<CriteriaSet>();
    await api.publish(org, draft.id);
    const superseded = (await api.get(org, published.id)).json<CriteriaSet>();
    expect(superseded.status).toBe('superseded');
    expectProblem(await api.patch(org, published.id, superseded.version, { criteria: [] }), 409, 'criteria-set-not-draft');
    expect((await api.get(org, published.id)).json<CriteriaSet>().criteria).toEqual(published.criteria);
  });
});

describe('deleting a draft', () => {
  it('requires a current If-Match, then deletes the draft and its criteria', async () => {
    const org = await newOrg();
    const draft = await createDraft(t.app, org);
    expectProblem(await api.remove(org, draft.id, null), 428, 'if-match-required');
    expect(expectProblem(await api.remove(org, draft.id, 2), 412, 'stale-version').currentVersion).toBe(1);
    const res = await api.remove(org, draft.id, 1);
    expect(res.statusCode, res.body).toBe(204);
    expectProblem(await api.get(org, draft.id), 404, 'not-found');
    const left = await t.db.selectFrom('criteria').select('id').where('organisation_id', '=', org).where('set_id', '=', draft.id).execute();
    expect(left).toEqual([]);
    expectProblem(await api.remove(org, draft.id, 1), 404, 'not-found');
  });

  it('refuses to delete a published version (409), which teams may refer to', async () => {
    const org = await newOrg();
    const published = await createPublished(t.app, org);
    expectProblem(await api.remove(org, published.id, published.version), 409, 'criteria-set-not-draft');
    expect((await api.get(org, published.id)).statusCode).toBe(200);
  });
});

describe('publishing', () => {
  it('makes the draft published with publishedAt and a new version; a second publish is a 409', async () => {
    const org = await newOrg();
    const draft = await createDraft(t.app, org);
    const res = await api.publish(org, draft.id, 1);
    expect(res.statusCode, res.body).toBe(200);
    const set = res.json<CriteriaSet>();
    expect(set).toMatchObject({ status: 'published', version: 2, versionNumber: 1, criteria: draft.criteria });
    expect(Date.parse(set.publishedAt!)).not.toBeNaN();
    expect(res.headers.etag).toBe('"2"');
    expectProblem(await api.publish(org, draft.id), 409, 'criteria-set-not-draft');
  });

  it('refuses an empty set (422) and a stale If-Match (412), leaving the draft a draft', async () => {
    const org = await newOrg();
    const empty = await createDraft(t.app, org, { criteria: [] });
    expectProblem(await api.publish(org, empty.id), 422, 'criteria-set-empty');
    const draft = await createDraft(t.app, org);
    expect(expectProblem(await api.publish(org, draft.id, 5), 412, 'stale-version').currentVersion).toBe(1);
    for (const id of [empty.id, draft.id]) expect((await api.get(org, id)).json<CriteriaSet>().status).toBe('draft');
  });

  it('refuses a body with fields (400)', async () => {
    const org = await newOrg();
    const draft = await createDraft(t.app, org);
    const res = await t.app.inject({ method: 'POST', url: `/api/v1/criteria-sets/${draft.id}/publish`, headers: as(org), payload: { force: true } });
    expectValidation(res, '/body/force');
  });
});

describe('revising: the next version of a series', () => {
  it('revise → edit → publish supersedes the previous version, which stays as it was', async () => {
    const org = await newOrg();
    const v1 = await createPublished(t.app, org);

    const revised = await api.revise(org, v1.id);
    expect(revised.statusCode, revised.body).toBe(201);
    const v2 = revised.json<CriteriaSet>();
    expect(v2).toMatchObject({ seriesId: v1.seriesId, versionNumber: 2, status: 'draft', publishedAt: null, version: 1, name: v1.name, kind: v1.kind });
    expect(revised.headers.location).toBe(`/api/v1/criteria-sets/${v2.id}`);
    expect(contentOf(v2)).toEqual(contentOf(v1));
    expect(v2.criteria.map((c) => c.id)).not.toEqual(v1.criteria.map((c) => c.id));
    expect((await api.get(org, v1.id)).json()).toEqual(v1);

    const edited = await api.patch(org, v2.id, 1, { criteria: [...contentOf(v1), { title: 'Brukerne er spurt', answerType: 'yesNo' }] });
    expect(edited.statusCode, edited.body).toBe(200);
    const published = (await api.publish(org, v2.id)).json<CriteriaSet>();
    expect(published.status).toBe('published');
    expect(published.criteria).toHaveLength(3);

    const old = (await api.get(org, v1.id)).json<CriteriaSet>();
    expect(old).toMatchObject({ status: 'superseded', version: v1.version + 1, publishedAt: v1.publishedAt, criteria: v1.criteria });
    const series = (await setsOf(org)).filter((s) => s.seriesId === v1.seriesId);
    expect(series.map((s) => [s.versionNumber, s.status]).sort()).toEqual([[1, 'superseded'], [2, 'published']]);

    // A superseded version can be the start of the next one too: numbered after the highest.
    const v3 = await api.revise(org, v1.id);
    expect(v3.statusCode, v3.body).toBe(201);
    expect(v3.json<CriteriaSet>()).toMatchObject({ versionNumber: 3, status: 'draft' });
    expect(contentOf(v3.json<CriteriaSet>())).toEqual(contentOf(v1));
  });

  it('refuses a second draft in a series (409 draft-exists), also when revising the draft itself', async () => {
    const org = await newOrg();
    const v1 = await createPublished(t.app, org);
    const v2 = (await api.revise(org, v1.id)).json<CriteriaSet>();
    expectProblem(await api.revise(org, v1.id), 409, 'draft-exists');
    expectProblem(await api.revise(org, v2.id), 409, 'draft-exists');
    expectProblem(await api.revise(org, (await createDraft(t.app, org)).id), 409, 'draft-exists');
    // Once the draft is deleted, revising works again.
    expect((await api.remove(org, v2.id, 1)).statusCode).toBe(204);
    expect((await api.revise(org, v1.id)).json<CriteriaSet>().versionNumber).toBe(2);
  });

  it('lets exactly one of two simultaneous revises through (one 201, one 409)', async () => {
    const org = await newOrg();
    const v1 = await createPublished(t.app, org);
    const results = await Promise.all([api.revise(org, v1.id), api.revise(org, v1.id)]);
    expect(results.map((r) => r.statusCode).sort()).toEqual([201, 409]);
    expectProblem(results.find((r) => r.statusCode === 409)!, 409, 'draft-exists');
    expect((await setsOf(org, 'status=draft')).filter((s) => s.seriesId === v1.seriesId)).toHaveLength(1);
  });

  it('answers 404 for an unknown id', async () => {
    expectProblem(await api.revise(await newOrg(), missingId), 404, 'not-found');
  });
});

describe('organisations are separate', () => {
  it("answers another organisation's set as not found, and changes nothing in it", async () => {
    const owner = await newOrg();
    const other = await newOrg();
    const draft = await createDraft(t.app, owner);
    const published = await createPublished(t.app, owner);
    expectProblem(await api.get(other, draft.id), 404, 'not-found');
    expectProblem(await api.patch(other, draft.id, 1, { name: 'Kapret' }), 404, 'not-found');
    expectProblem(await api.remove(other, draft.id, 1), 404, 'not-found');
    expectProblem(await api.publish(other, draft.id), 404, 'not-found');
    expectProblem(await api.revise(other, published.id), 404, 'not-found');
    expect((await setsOf(other)).map((s) => s.id)).not.toContain(draft.id);
    expect((await api.get(owner, draft.id)).json()).toEqual(draft);
    expect((await setsOf(owner, 'status=draft'))).toHaveLength(1);
  });
});

describe('default criteria sets', () => {
  it('gives a new bokmål organisation published establishment and evaluation sets', async () => {
    const org = await newOrg('nb');
    const sets = await setsOf(org);
    expect(sets.map((s) => [s.kind, s.status, s.versionNumber]).sort()).toEqual([['establishment', 'published', 1], ['evaluation', 'published', 1]]);
    const establishment = sets.find((s) => s.kind === 'establishment')!;
    expect(establishment.name).toBe('Kriterier for opprettelse av arbeidslag');
    expect(establishment.criteria.map((c) => c.title)).toContain('Minst to virksomheter eller profesjoner deltar');
    expect(establishment.criteria.every((c) => c.required && c.guidance)).toBe(true);
    const evaluation = sets.find((s) => s.kind === 'evaluation')!;
    expect(evaluation.criteria.filter((c) => c.answerType === 'scale').length).toBeGreaterThanOrEqual(5);
    for (const c of [...establishment.criteria, ...evaluation.criteria]) expect(c.unit === null).toBe(c.answerType !== 'number');
  });

  it('writes them in nynorsk for an organisation that writes nynorsk', async () => {
    const org = await newOrg('nn');
    const sets = await setsOf(org);
    expect(sets.map((s) => s.name).sort()).toEqual(['Kriterium for evaluering av arbeidslag', 'Kriterium for oppretting av arbeidslag']);
    const titles = sets.flatMap((s) => s.criteria.map((c) => c.title));
    expect(titles).toContain('Oppgåva krev fleire fagområde');
    expect(titles).toContain('Tenestekvalitet for brukarane');
  });

  it('are valid criteria sets in both written standards, with the same shape in each', () => {
    for (const set of [...defaultCriteriaSets.nb, ...defaultCriteriaSets.nn]) {
      expect(Value.Check(CriteriaSetCreate, set), set.name).toBe(true);
    }
    const shape = (standard: 'nb' | 'nn') =>
      defaultCriteriaSets[standard].map((s) => [s.kind, s.criteria.map((c) => [c.answerType, c.weight, c.required ?? false])]);
    expect(shape('nn')).toEqual(shape('nb'));
  });

  it('can be revised like any published set', async () => {
    const org = await newOrg();
    const establishment = (await setsOf(org, 'kind=establishment'))[0]!;
    const draft = await api.revise(org, establishment.id);
    expect(draft.statusCode, draft.body).toBe(201);
    expect(contentOf(draft.json<CriteriaSet>())).toEqual(contentOf(establishment));
  });
});
