import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestContext } from './support/app.ts';
import { createOrganisation } from './support/database.ts';
import { as, createPerson, createUnit, expectProblem } from './support/factories.ts';

// Keyset paging must hand out every row exactly once, in order, whatever the sort, even
// with ties (equal names, equal timestamps) and while rows come and go between pages.

let t: TestContext;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.close());

const sorts = ['name', '-name', 'createdAt', '-createdAt', 'updatedAt', '-updatedAt'] as const;
type Sort = (typeof sorts)[number];

interface Row {
  id: string;
  name: string;
  createdAt: string;
  updatedAt: string;
}

const resources = {
  units: {
    table: 'units' as const,
    create: (org: string, name: string) => createUnit(t.app, org, { name }),
    bulk: (org: string, names: string[]) =>
      t.db
        .insertInto('units')
        .values(names.map((name) => ({ organisation_id: org, name, kind: 'unit' as const })))
        .execute(),
  },
  people: {
    table: 'people' as const,
    create: (org: string, name: string) => createPerson(t.app, org, { name }),
    bulk: (org: string, names: string[]) =>
      t.db
        .insertInto('people')
        .values(names.map((name) => ({ organisation_id: org, name })))
        .execute(),
  },
};

async function page(org: string, resource: string, sort: Sort, limit: number, cursor?: string | null) {
  const query = new URLSearchParams({ sort, limit: String(limit), ...(cursor ? { cursor } : {}) });
  const res = await t.app.inject({ method: 'GET', url: `/api/v1/${resource}?${query}`, headers: as(org) });
  expect(res.statusCode, res.body).toBe(200);
  return res.json<{ items: Row[]; nextCursor: string | null }>();
}

/** Compares two rows the way the sort orders them, ties broken by id in the same direction. */
function compare(sort: Sort, a: Row, b: Row): number {
  const field = sort.replace('-', '') as 'name' | 'createdAt' | 'updatedAt';
  const sign = sort.startsWith('-') ? -1 : 1;
  // PostgreSQL in these tests orders text bytewise (C collation), like comparing UTF-8.
  const byValue = Buffer.compare(Buffer.from(a[field]), Buffer.from(b[field]));
  const primary = field === 'name' ? byValue : Math.sign(Date.parse(a[field]) - Date.parse(b[field]));
  return sign * (primary !== 0 ? primary : a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
}

function expectOrdered(sort: Sort, rows: Row[]) {
  for (let i = 1; i < rows.length; i++) {
    expect(compare(sort, rows[i - 1]!, rows[i]!), `${sort}: ${rows[i - 1]!.name} before ${rows[i]!.name}`).toBeLessThan(0);
  }
}

for (const [resource, r] of Object.entries(resources)) {
  describe(`paging ${resource}`, () => {
    let org: string;
    let all: Row[];
    beforeAll(async () => {
      org = (await createOrganisation(t.db)).id;
      // Bulk rows share a timestamp and some share a name, so ties must be broken by id.
      await r.bulk(
        org,
        Array.from({ length: 24 }, (_, i) => `Lik ${i % 4}`),
      );
      for (const name of ['Ødegård', 'Aas', 'aas', 'Zeta', 'Åsen', 'Berg']) await r.create(org, name);
      all = (await page(org, resource, 'name', 200)).items;
      expect(all).toHaveLength(30);
    });

    for (const sort of sorts) {
      it(`returns every row once, in order, sorted by ${sort}`, async () => {
        const seen: Row[] = [];
        let cursor: string | null = null;
        let pages = 0;
        do {
          const p = await page(org, resource, sort, 7, cursor);
          expect(p.items.length).toBeLessThanOrEqual(7);
          seen.push(...p.items);
          cursor = p.nextCursor;
          pages++;
        } while (cursor);
        expect(pages).toBe(5);
        expect(seen.map((x) => x.id).sort()).toEqual(all.map((x) => x.id).sort());
        expectOrdered(sort, seen);
      });
    }

    it('ends with a null cursor when the last page is exactly full', async () => {
      const first = await page(org, resource, 'name', 30);
      expect(first.items).toHaveLength(30);
      expect(first.nextCursor).toBeNull();
    });
  });

  describe(`paging ${resource} while rows are added and removed`, () => {
    for (const sort of sorts) {
      it(`stays exact for ${sort}`, async () => {
        const org = (await createOrganisation(t.db)).id;
        for (let i = 0; i < 12; i++) await r.create(org, `M ${String(i).padStart(2, '0')}`);
        const first = await page(org, resource, sort, 4);
        const seen = [...first.items];

        // Between pages: one row sorting first and one sorting last appear, one row
        // already shown and one row not yet shown disappear.
        const early = await r.create(org, 'A ny først');
        const late = await r.create(org, 'Z ny sist');
        const rest = (await page(org, resource, sort, 200)).items.filter((x) => !seen.some((s) => s.id === x.id));
        const vanishing = rest.find((x) => x.id !== early.id && x.id !== late.id)!;
        await t.db
          .deleteFrom(r.table)
          .where('organisation_id', '=', org)
          .where('id', 'in', [vanishing.id, seen[0]!.id])
          .execute();

        let cursor = first.nextCursor;
        while (cursor) {
          const p = await page(org, resource, sort, 4, cursor);
          seen.push(...p.items);
          cursor = p.nextCursor;
        }

        const ids = seen.map((x) => x.id);
        expect(new Set(ids).size).toBe(ids.length);
        expect(ids).not.toContain(vanishing.id);
        expectOrdered(sort, seen);
        // Every row that existed the whole time was seen.
        const survivors = (await page(org, resource, sort, 200)).items.filter((x) => x.id !== early.id && x.id !== late.id);
        for (const s of survivors) expect(ids).toContain(s.id);
        // A new row that sorts after the position reached is picked up; one before it is not.
        for (const added of [early, late]) {
          if (compare(sort, first.items.at(-1)!, added) < 0) expect(ids).toContain(added.id);
          else expect(ids).not.toContain(added.id);
        }
      });
    }
  });
}

describe('cursors are checked', () => {
  let org: string;
  let nameCursor: string;
  beforeAll(async () => {
    org = (await createOrganisation(t.db)).id;
    for (let i = 0; i < 3; i++) await createUnit(t.app, org);
    nameCursor = (await page(org, 'units', 'name', 1)).nextCursor!;
    expect(nameCursor).toEqual(expect.any(String));
  });

  const get = (query: string) => t.app.inject({ method: 'GET', url: `/api/v1/units?${query}`, headers: as(org) });
  const encode = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');

  it('refuses a cursor made for another sort (400)', async () => {
    for (const sort of ['-name', 'createdAt', '-updatedAt']) {
      const body = expectProblem(await get(`sort=${sort}&cursor=${nameCursor}`), 400, 'invalid-cursor');
      expect(body.errors?.[0]?.path).toBe('/query/cursor');
    }
  });

  it('refuses garbage and tampered cursors (400), never a 500', async () => {
    const id = '00000000-0000-4000-8000-000000000000';
    const bad: [string, string][] = [
      ['name', 'garbage'],
      ['name', 'x'.repeat(500)],
      ['name', encode(null)],
      ['name', encode([1, 2])],
      ['name', encode('name')],
      ['name', encode({ s: 'name', v: 1, id })],
      ['name', encode({ s: 'name', v: 'a', id: 'not-a-uuid' })],
      ['name', encode({ s: 'name', v: 'a'.repeat(401), id })],
      ['name', encode({ s: 'name', v: 'a\u0000b', id })],
      ['createdAt', encode({ s: 'createdAt', v: 'yesterday', id })],
      ['createdAt', encode({ s: 'createdAt', v: '1', id })],
      ['createdAt', encode({ s: 'createdAt', v: '+275760-09-13T00:00:00.000Z', id })],
    ];
    for (const [sort, cursor] of bad) {
      expectProblem(await get(`sort=${sort}&cursor=${encodeURIComponent(cursor)}`), 400);
    }
    expectProblem(await get('cursor='), 400, 'validation');
    expectProblem(await get(`cursor=${'a'.repeat(5000)}`), 400);
    expectProblem(await get('cursor=not%20base64url!'), 400);
  });

  it('accepts a hand-made cursor of the right shape (it is only a position)', async () => {
    const res = await get(`sort=name&cursor=${encode({ s: 'name', v: '', id: '00000000-0000-4000-8000-000000000000' })}`);
    expect(res.statusCode).toBe(200);
    expect(res.json().items).toHaveLength(3);
  });
});
