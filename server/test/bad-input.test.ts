import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { InjectOptions } from 'fastify';
import type { Person, Unit } from '@lagverk/shared';
import { createTestApp, type TestContext } from './support/app.ts';
import { createPerson, createUnit, expectProblem, expectValidation, snapshot } from './support/factories.ts';

// Bad input of every kind, against every write route: each gets the right 4xx as
// problem+json (never a 5xx) and the database is exactly as it was.

let t: TestContext;
let unit: Unit;
let person: Person;
beforeAll(async () => {
  t = await createTestApp();
  unit = await createUnit(t.app, t.organisationId, { name: 'Fast eining', externalId: 'U-1' });
  person = await createPerson(t.app, t.organisationId, { name: 'Fast person', externalId: 'P-1', email: 'fast@x.no' });
});
afterAll(() => t.close());

interface WriteRoute {
  name: string;
  method: 'POST' | 'PATCH' | 'PUT';
  url: () => string;
  headers?: Record<string, string>;
  /** A body the route would accept; the cases below spoil it one way at a time. */
  valid: object;
}

const ifMatch = { 'if-match': '"1"' };
const writeRoutes: WriteRoute[] = [
  { name: 'create unit', method: 'POST', url: () => '/api/v1/units', valid: { name: 'Ny', kind: 'unit' } },
  { name: 'edit unit', method: 'PATCH', url: () => `/api/v1/units/${unit.id}`, headers: ifMatch, valid: { name: 'Ny' } },
  { name: 'upsert unit', method: 'PUT', url: () => '/api/v1/units/by-external-id/U-9', valid: { name: 'Ny', kind: 'unit' } },
  { name: 'deactivate unit', method: 'POST', url: () => `/api/v1/units/${unit.id}/deactivate`, valid: {} },
  { name: 'reactivate unit', method: 'POST', url: () => `/api/v1/units/${unit.id}/reactivate`, valid: {} },
  { name: 'create person', method: 'POST', url: () => '/api/v1/people', valid: { name: 'Ny' } },
  { name: 'edit person', method: 'PATCH', url: () => `/api/v1/people/${person.id}`, headers: ifMatch, valid: { name: 'Ny' } },
  { name: 'upsert person', method: 'PUT', url: () => '/api/v1/people/by-external-id/P-9', valid: { name: 'Ny' } },
  { name: 'deactivate person', method: 'POST', url: () => `/api/v1/people/${person.id}/deactivate`, valid: {} },
  { name: 'reactivate person', method: 'POST', url: () => `/api/v1/people/${person.id}/reactivate`, valid: {} },
  {
    name: 'edit organisation',
    method: 'PATCH',
    url: () => '/api/v1/organisations/current',
    headers: ifMatch,
    valid: { name: 'Ny' },
  },
];

function send(route: WriteRoute, options: Partial<InjectOptions>) {
  return t.inject({ method: route.method, url: route.url(), ...options, headers: { ...route.headers, ...options.headers } });
}

/** Runs `check` and asserts the organisation's rows did not change at all. */
async function unchanged(check: () => Promise<void>) {
  const before = await snapshot(t.db, t.organisationId);
  await check();
  expect(await snapshot(t.db, t.organisationId)).toEqual(before);
}

describe.each(writeRoutes)('$name', (route) => {
  it('refuses malformed JSON (400)', () =>
    unchanged(async () => {
      for (const payload of ['{"name": ', '{"name":"a",}', "{'name':'a'}", 'NaN', '{"name":"a"} trailing']) {
        expectProblem(await send(route, { payload, headers: { 'content-type': 'application/json' } }), 400, 'malformed-json');
      }
    }));

  it('refuses an empty body sent as JSON (400)', () =>
    unchanged(async () => {
      expectProblem(await send(route, { payload: '', headers: { 'content-type': 'application/json' } }), 400, 'empty-body');
    }));

  it('refuses a body that is not JSON (415)', () =>
    unchanged(async () => {
      for (const type of [
        'text/plain',
        'application/x-www-form-urlencoded',
        'application/xml',
        'multipart/form-data; boundary=x',
      ]) {
        const res = await send(route, { payload: 'name=Ny', headers: { 'content-type': type } });
        expectProblem(res, 415, 'unsupported-media-type');
      }
    }));

  it('refuses a JSON value that is not an object (400)', () =>
    unchanged(async () => {
      for (const payload of ['[]', '"Ny"', '42', 'true', '[{"name":"Ny"}]']) {
        expectValidation(await send(route, { payload, headers: { 'content-type': 'application/json' } }), '/body');
      }
    }));

  it('refuses unknown fields, naming each (400)', () =>
    unchanged(async () => {
      const res = await send(route, { payload: { ...route.valid, sneaky: true, organisationId: t.organisationId } });
      const body = expectValidation(res, '/body/sneaky', '/body/organisationId');
      expect(body.errors!.find((e) => e.path === '/body/sneaky')?.code).toBe('additionalProperties');
    }));

  it('refuses prototype pollution (400)', () =>
    unchanged(async () => {
      const payload = `{"name":"Ny","__proto__":{"admin":true}}`;
      const res = await send(route, { payload, headers: { 'content-type': 'application/json' } });
      expect(res.statusCode).toBe(400);
      expectProblem(res, 400);
    }));
});

// Creating POSTs do not read If-Match; every other write does.
describe.each(writeRoutes.filter((r) => !r.name.startsWith('create')))('$name', (route) => {
  it('refuses a malformed or over-long If-Match (400)', () =>
    unchanged(async () => {
      for (const value of ['1', '"x"', `"${'1'.repeat(11)}"`, `"${'1'.repeat(120)}"`]) {
        expectProblem(await send(route, { payload: route.valid, headers: { 'if-match': value } }), 400);
      }
    }));
});

describe('wrong types are refused, never coerced', () => {
  const cases: [string, () => WriteRoute, object, string[]][] = [
    [
      'create unit',
      () => writeRoutes[0]!,
      { name: 5, kind: 'avdeling', parentId: 7, managerId: 'nobody', description: ['a'] },
      ['/body/name', '/body/kind', '/body/parentId', '/body/managerId', '/body/description'],
    ],
    ['create unit without required fields', () => writeRoutes[0]!, {}, ['/body/name', '/body/kind']],
    ['create unit with a blank name', () => writeRoutes[0]!, { name: '   ', kind: 'unit' }, ['/body/name']],
    ['edit unit with nothing to change', () => writeRoutes[1]!, {}, ['/body']],
    [
      'edit unit with null where null is not allowed',
      () => writeRoutes[1]!,
      { name: null, kind: null },
      ['/body/name', '/body/kind'],
    ],
    ['upsert unit', () => writeRoutes[2]!, { name: true, kind: 'unit', externalId: 'U-9' }, ['/body/name', '/body/externalId']],
    [
      'create person',
      () => writeRoutes[5]!,
      { name: 'Ny', email: 'ikke-en-adresse', phone: 'ring meg', unitId: 'x', externalId: ' HR' },
      ['/body/email', '/body/phone', '/body/unitId', '/body/externalId'],
    ],
    ['create person with a number as name', () => writeRoutes[5]!, { name: 12345 }, ['/body/name']],
    ['upsert person with "true" as a boolean', () => writeRoutes[7]!, { name: 'Ny', active: 'true' }, ['/body/active']],
    ['upsert person with 1 as a boolean', () => writeRoutes[7]!, { name: 'Ny', active: 1 }, ['/body/active']],
    ['edit person', () => writeRoutes[6]!, { title: 5, profession: false }, ['/body/title', '/body/profession']],
    [
      'edit organisation',
      () => writeRoutes[10]!,
      { orgNumber: 123456789, writtenStandard: 'en' },
      ['/body/orgNumber', '/body/writtenStandard'],
    ],
    ['edit organisation with a short org number', () => writeRoutes[10]!, { orgNumber: '12345678' }, ['/body/orgNumber']],
  ];
  it.each(cases)('%s (400 listing every field)', (_, route, payload, paths) =>
    unchanged(async () => {
      expectValidation(await send(route(), { payload }), ...paths);
    }),
  );
});

describe('over-long strings', () => {
  const long = (n: number) => 'x'.repeat(n);
  const cases: [string, () => WriteRoute, object, string][] = [
    ['unit name', () => writeRoutes[0]!, { name: long(201), kind: 'unit' }, '/body/name'],
    ['unit description', () => writeRoutes[0]!, { name: 'Ny', kind: 'unit', description: long(2001) }, '/body/description'],
    ['unit externalId', () => writeRoutes[0]!, { name: 'Ny', kind: 'unit', externalId: long(201) }, '/body/externalId'],
    ['person name', () => writeRoutes[5]!, { name: long(201) }, '/body/name'],
    ['person email', () => writeRoutes[5]!, { name: 'Ny', email: `${long(250)}@x.no` }, '/body/email'],
    ['person title', () => writeRoutes[6]!, { title: long(201) }, '/body/title'],
    ['person profession', () => writeRoutes[7]!, { name: 'Ny', profession: long(101) }, '/body/profession'],
    ['organisation name', () => writeRoutes[10]!, { name: long(201) }, '/body/name'],
  ];
  it.each(cases)('%s (400)', (_, route, payload, path) =>
    unchanged(async () => {
      expectValidation(await send(route(), { payload }), path);
    }),
  );

  it('accepts the longest allowed name', async () => {
    const created = await createUnit(t.app, t.organisationId, { name: 'æ'.repeat(200) });
    expect(created.name).toHaveLength(200);
  });
});

describe('text the database cannot store', () => {
  it('refuses a NUL character with a 400, not a 500', () =>
    unchanged(async () => {
      expectProblem(await send(writeRoutes[0]!, { payload: { name: 'a\u0000b', kind: 'unit' } }), 400);
      expectProblem(await send(writeRoutes[6]!, { payload: { title: 'a\u0000b' } }), 400);
      expectProblem(await t.inject({ method: 'GET', url: '/api/v1/people?q=a%00b' }), 400);
    }));
});

describe('invalid ids in paths', () => {
  const badIds = [
    'not-a-uuid',
    '123',
    '0b6f4a5e-8c1d-4f7a-9a57-3c2e1d0f9b2',
    '0b6f4a5e8c1d4f7a9a573c2e1d0f9b21x',
    "1' or '1'='1",
    '%00',
    'urn:uuid:0b6f4a5e-8c1d-4f7a-9a57-3c2e1d0f9b21',
  ];
  const routes: [InjectOptions['method'], string, object | undefined][] = [
    ['GET', '/api/v1/units/ID', undefined],
    ['PATCH', '/api/v1/units/ID', { name: 'Ny' }],
    ['DELETE', '/api/v1/units/ID', undefined],
    ['POST', '/api/v1/units/ID/deactivate', undefined],
    ['POST', '/api/v1/units/ID/reactivate', undefined],
    ['GET', '/api/v1/people/ID', undefined],
    ['PATCH', '/api/v1/people/ID', { name: 'Ny' }],
    ['DELETE', '/api/v1/people/ID', undefined],
    ['POST', '/api/v1/people/ID/deactivate', undefined],
    ['POST', '/api/v1/people/ID/reactivate', undefined],
  ];
  it.each(routes)('%s %s answers 400 naming /path/id', (method, url, payload) =>
    unchanged(async () => {
      for (const id of badIds) {
        const res = await t.inject({
          method,
          url: url.replace('ID', encodeURIComponent(id)),
          headers: ifMatch,
          ...(payload && { payload }),
        });
        expectValidation(res, '/path/id');
      }
    }),
  );

  it('answers 400 for an external id with spaces at the ends, control characters or 201 characters', () =>
    unchanged(async () => {
      for (const externalId of [' HR-1', 'HR-1 ', 'HR\u00011', 'x'.repeat(201)]) {
        for (const resource of ['units', 'people']) {
          const res = await t.inject({
            method: 'PUT',
            url: `/api/v1/${resource}/by-external-id/${encodeURIComponent(externalId)}`,
            payload: { name: 'Ny', kind: 'unit' },
          });
          expectValidation(res, '/path/externalId');
        }
      }
    }));

  it('accepts an external id of 200 characters, even percent-encoded', async () => {
    const externalId = 'ø'.repeat(200);
    const res = await t.inject({
      method: 'PUT',
      url: `/api/v1/people/by-external-id/${encodeURIComponent(externalId)}`,
      payload: { name: 'Langt nummer' },
    });
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json<Person>().externalId).toBe(externalId);
  });

  it('answers a broken %-escape or an absurdly long segment with problem+json', () =>
    unchanged(async () => {
      expectProblem(await t.inject({ method: 'GET', url: '/api/v1/units/%E0%A4%A' }), 400, 'bad-url');
      expectProblem(
        await t.inject({
          method: 'PUT',
          url: `/api/v1/units/by-external-id/${'x'.repeat(3000)}`,
          payload: { name: 'Ny', kind: 'unit' },
        }),
        414,
        'uri-too-long',
      );
    }));
});

describe('headers', () => {
  it('refuses a malformed Idempotency-Key (400)', () =>
    unchanged(async () => {
      for (const key of ['has space', 'x'.repeat(201)]) {
        const res = await send(writeRoutes[0]!, { payload: writeRoutes[0]!.valid, headers: { 'idempotency-key': key } });
        expectValidation(res, '/headers/idempotency-key');
      }
    }));
});

describe('query parameters', () => {
  const cases: [string, string][] = [
    ['/api/v1/units?colour=red', '/query/colour'],
    ['/api/v1/people?unit=1', '/query/unit'],
    ['/api/v1/units?limit=0', '/query/limit'],
    ['/api/v1/units?limit=201', '/query/limit'],
    ['/api/v1/people?limit=-1', '/query/limit'],
    ['/api/v1/people?limit=1.5', '/query/limit'],
    ['/api/v1/people?limit=ten', '/query/limit'],
    ['/api/v1/people?limit=1&limit=2', '/query/limit'],
    ['/api/v1/units?sort=colour', '/query/sort'],
    ['/api/v1/units?sort=-', '/query/sort'],
    ['/api/v1/units?kind=team', '/query/kind'],
    ['/api/v1/units?parentId=top', '/query/parentId'],
    ['/api/v1/units?active=maybe', '/query/active'],
    ['/api/v1/people?unitId=42', '/query/unitId'],
    ['/api/v1/people?q=', '/query/q'],
    [`/api/v1/people?q=${'x'.repeat(201)}`, '/query/q'],
    [`/api/v1/people?profession=${'x'.repeat(101)}`, '/query/profession'],
    ['/api/v1/professions?limit=5', '/query/limit'],
  ];
  it.each(cases)('GET %s answers 400 naming %s', async (url, path) => {
    expectValidation(await t.inject({ method: 'GET', url }), path);
  });

  it('accepts the limits at both ends of the range', async () => {
    for (const limit of [1, 200])
      expect((await t.inject({ method: 'GET', url: `/api/v1/units?limit=${limit}` })).statusCode).toBe(200);
  });

  it.each(writeRoutes)('refuses unknown parameters on $name too (400)', (route) =>
    unchanged(async () => {
      const res = await t.inject({
        method: route.method,
        url: `${route.url()}?dryRun=true`,
        headers: route.headers,
        payload: route.valid,
      });
      expectValidation(res, '/query/dryRun');
    }),
  );

  it('refuses unknown parameters on reads and deletes of one row (400)', () =>
    unchanged(async () => {
      expectValidation(await t.inject({ method: 'GET', url: `/api/v1/units/${unit.id}?expand=all` }), '/query/expand');
      expectValidation(
        await t.inject({ method: 'DELETE', url: `/api/v1/people/${person.id}?force=true`, headers: ifMatch }),
        '/query/force',
      );
    }));
});

describe('a body over the size limit', () => {
  let small: TestContext;
  beforeAll(async () => {
    small = await createTestApp({ bodyLimit: 1024 });
  });
  afterAll(() => small.close());

  it('answers 413 problem+json on every write route and writes nothing', async () => {
    const before = await snapshot(small.db, small.organisationId);
    const big = { name: 'Ny', kind: 'unit', description: 'x'.repeat(1500) };
    for (const route of writeRoutes) {
      const res = await small.inject({
        method: route.method,
        url: route.url().replace(/[0-9a-f-]{36}/, '00000000-0000-4000-8000-000000000000'),
        headers: route.headers,
        payload: big,
      });
      expectProblem(res, 413, 'body-too-large');
    }
    expect(await snapshot(small.db, small.organisationId)).toEqual(before);
    // Just under the limit is fine.
    const ok = await small.inject({
      method: 'POST',
      url: '/api/v1/units',
      payload: { name: 'Ny', kind: 'unit', description: 'x'.repeat(900) },
    });
    expect(ok.statusCode, ok.body).toBe(201);
  });
});

describe('unknown routes and methods', () => {
  it('answer 404 problem+json', async () => {
    expectProblem(await t.inject({ method: 'GET', url: '/api/v1/no-such-things' }), 404, 'no-route');
    expectProblem(await t.inject({ method: 'PUT', url: `/api/v1/units/${unit.id}`, payload: {} }), 404);
  });
});
