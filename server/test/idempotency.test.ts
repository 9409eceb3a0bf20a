import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Person, Unit } from '@lagverk/shared';
import { createTestApp, type TestContext } from './support/app.ts';
import { createOrganisation } from './support/database.ts';
import { as, createUnit, expectProblem, snapshot, unique } from './support/factories.ts';
import { signedInAs } from './support/accounts.ts';

// Idempotency-Key lets an integration retry a create after a timeout without creating
// the row twice.

let t: TestContext;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.close());

async function newOrg() {
  return (await createOrganisation(t.db)).id;
}

function create(org: string, resource: 'units' | 'people', key: string, payload: object) {
  return t.app.inject({ method: 'POST', url: `/api/v1/${resource}`, headers: as(org, { 'idempotency-key': key }), payload });
}

describe('the same key from two callers', () => {
  it('makes two requests: nobody is answered with what another person created', async () => {
    const org = await newOrg();
    const hr = [await signedInAs(t.db, org, ['hr']), await signedInAs(t.db, org, ['hr'])];
    const key = `shared-${unique()}`;
    const sent = await Promise.all(hr.map(({ headers }) => t.app.inject({
      method: 'POST', url: '/api/v1/units', headers: { ...headers, 'idempotency-key': key }, payload: { name: 'Hjemmetjenesten', kind: 'unit' },
    })));
    expect(sent.map((r) => r.statusCode)).toEqual([201, 201]);
    expect(sent.map((r) => r.headers['idempotent-replayed'])).toEqual([undefined, undefined]);
    expect(sent[0]!.json<Unit>().id).not.toBe(sent[1]!.json<Unit>().id);
    expect((await snapshot(t.db, org)).units).toHaveLength(2);
    // Each caller's own retry still replays their own first answer.
    const retry = await t.app.inject({
      method: 'POST', url: '/api/v1/units', headers: { ...hr[1]!.headers, 'idempotency-key': key }, payload: { name: 'Hjemmetjenesten', kind: 'unit' },
    });
    expect(retry.headers['idempotent-replayed']).toBe('true');
    expect(retry.json<Unit>().id).toBe(sent[1]!.json<Unit>().id);
  });
});

describe('the same key with the same body', () => {
  it('replays the first response for a unit: same id, status, Location and ETag, one row', async () => {
    const org = await newOrg();
    const key = `k-${unique()}`;
    const first = await create(org, 'units', key, { name: 'Hjemmetjenesten', kind: 'unit' });
    expect(first.statusCode, first.body).toBe(201);
    expect(first.headers['idempotent-replayed']).toBeUndefined();
    const again = await create(org, 'units', key, { name: 'Hjemmetjenesten', kind: 'unit' });
    expect(again.statusCode).toBe(201);
    expect(again.headers['idempotent-replayed']).toBe('true');
    expect(again.body).toBe(first.body);
    expect(again.headers.location).toBe(first.headers.location);
    expect(again.headers.etag).toBe(first.headers.etag);
    expect(again.headers['content-type']).toBe(first.headers['content-type']);
    expect(again.json<Unit>().id).toBe(first.json<Unit>().id);
    expect((await snapshot(t.db, org)).units).toHaveLength(1);
  });

  it('replays the first response for a person too', async () => {
    const org = await newOrg();
    const first = await create(org, 'people', 'person-1', { name: 'Kari', email: 'kari@x.no' });
    const again = await create(org, 'people', 'person-1', { name: 'Kari', email: 'kari@x.no' });
    expect([first.statusCode, again.statusCode]).toEqual([201, 201]);
    expect(again.json<Person>().id).toBe(first.json<Person>().id);
    expect(again.headers['idempotent-replayed']).toBe('true');
    expect((await snapshot(t.db, org)).people).toHaveLength(1);
  });

  it('replays the response as it was, even after the row changed', async () => {
    const org = await newOrg();
    const first = await create(org, 'units', 'k', { name: 'Først', kind: 'unit' });
    const id = first.json<Unit>().id;
    await t.app.inject({
      method: 'PATCH',
      url: `/api/v1/units/${id}`,
      headers: as(org, { 'if-match': '"1"' }),
      payload: { name: 'Endret' },
    });
    const again = await create(org, 'units', 'k', { name: 'Først', kind: 'unit' });
    expect(again.json()).toMatchObject({ id, name: 'Først', version: 1 });
  });
});

describe('the same key with another request', () => {
  it('is refused with 422 and creates nothing', async () => {
    const org = await newOrg();
    await create(org, 'units', 'k', { name: 'A', kind: 'unit' });
    const before = await snapshot(t.db, org);
    const res = await create(org, 'units', 'k', { name: 'B', kind: 'unit' });
    expectProblem(res, 422, 'idempotency-key-reused');
    expectProblem(await create(org, 'people', 'k', { name: 'A' }), 422, 'idempotency-key-reused');
    expect(await snapshot(t.db, org)).toEqual(before);
  });
});

describe('a request that failed', () => {
  it('does not burn the key: the corrected request with the same key succeeds once', async () => {
    const org = await newOrg();
    const missing = '00000000-0000-4000-8000-000000000000';
    const failed = await create(org, 'units', 'retry', { name: 'Under', kind: 'unit', parentId: missing });
    expectProblem(failed, 422, 'unknown-reference');
    const again = await create(org, 'units', 'retry', { name: 'Under', kind: 'unit', parentId: missing });
    expectProblem(again, 422, 'unknown-reference');
    expect(again.headers['idempotent-replayed']).toBeUndefined();

    const parent = await createUnit(t.app, org);
    const fixed = await create(org, 'units', 'retry', { name: 'Under', kind: 'unit', parentId: parent.id });
    expect(fixed.statusCode, fixed.body).toBe(201);
    const replay = await create(org, 'units', 'retry', { name: 'Under', kind: 'unit', parentId: parent.id });
    expect(replay.headers['idempotent-replayed']).toBe('true');
    expect((await snapshot(t.db, org)).units).toHaveLength(2);
  });

  it('does not burn the key on a conflict (409) either', async () => {
    const org = await newOrg();
    await create(org, 'people', 'a', { name: 'Kari', email: 'kari@x.no' });
    expectProblem(await create(org, 'people', 'b', { name: 'Kopi', email: 'KARI@x.no' }), 409, 'duplicate');
    expect((await create(org, 'people', 'b', { name: 'Kopi', email: 'kopi@x.no' })).statusCode).toBe(201);
  });

  it('does not claim the key when the body is invalid (400)', async () => {
    const org = await newOrg();
    expectProblem(await create(org, 'units', 'v', { name: '', kind: 'unit' }), 400, 'validation');
    expect((await create(org, 'units', 'v', { name: 'Gyldig', kind: 'unit' })).statusCode).toBe(201);
  });
});

describe('concurrent requests with the same key', () => {
  it('create exactly one row; the others replay it or are told to retry', async () => {
    const org = await newOrg();
    const payload = { name: 'Samtidig', kind: 'unit' };
    const responses = await Promise.all(Array.from({ length: 6 }, () => create(org, 'units', 'same', payload)));
    const statuses = responses.map((r) => r.statusCode);
    for (const s of statuses) expect([201, 409]).toContain(s);
    const created = responses.filter((r) => r.statusCode === 201 && !r.headers['idempotent-replayed']);
    expect(created).toHaveLength(1);
    for (const r of responses.filter((x) => x.statusCode === 409)) {
      expectProblem(r, 409, 'idempotency-key-in-use');
      expect(r.headers['retry-after']).toBe('1');
    }
    const id = created[0]!.json<Unit>().id;
    for (const r of responses.filter((x) => x.statusCode === 201)) expect(r.json<Unit>().id).toBe(id);
    expect((await snapshot(t.db, org)).units.map((u) => u.id)).toEqual([id]);
    // Once the first has finished, a retry replays it.
    const later = await create(org, 'units', 'same', payload);
    expect(later.headers['idempotent-replayed']).toBe('true');
    expect(later.json<Unit>().id).toBe(id);
  });
});

describe('without a key', () => {
  it('every request creates a row', async () => {
    const org = await newOrg();
    for (let i = 0; i < 2; i++) {
      const res = await t.app.inject({
        method: 'POST',
        url: '/api/v1/units',
        headers: as(org),
        payload: { name: 'Uten nøkkel', kind: 'unit' },
      });
      expect(res.statusCode).toBe(201);
    }
    expect((await snapshot(t.db, org)).units).toHaveLength(2);
  });
});
