import fc from 'fast-check';
import { schemaArbitrary, type JsonSchema } from './schema-arbitrary.ts';

// The requests the fuzz test sends, generated from an operation of the OpenAPI document:
// schema-shaped and boundary bodies, arbitrary and broken JSON, hostile path and query
// values, real ids of existing rows (so success paths run too) and ids of another
// organisation, with If-Match and Idempotency-Key now and then.

export interface Parameter {
  name: string;
  in: string;
  required?: boolean;
  schema: JsonSchema;
}
export interface MediaType {
  schema?: JsonSchema;
  example?: unknown;
}
export interface Operation {
  operationId: string;
  parameters?: Parameter[];
  requestBody?: { content: Record<string, MediaType> };
  responses: Record<string, { content?: Record<string, MediaType> }>;
}
export interface OpenApi {
  paths: Record<string, Record<string, Operation>>;
}

/**
 * Values of path parameters seen in answers (an `id`, an `externalId`), per organisation
 * and per collection (/api/v1/units), so generated requests can name rows that exist; and
 * the cursors lists handed out, so generated requests follow them to the next page.
 */
export class SeenValues {
  private readonly pools = { main: new Map<string, string[]>(), other: new Map<string, string[]>() };

  constructor(private readonly names: string[]) {}

  remember(organisation: 'main' | 'other', template: string, body: unknown) {
    const pool = this.pools[organisation];
    const collection = collectionOf(template);
    const items = body && typeof body === 'object' ? (body as { items?: unknown }).items : undefined;
    for (const row of [body, ...(Array.isArray(items) ? items : [])]) {
      if (!row || typeof row !== 'object') continue;
      for (const name of [...this.names, 'nextCursor']) {
        const value = (row as Record<string, unknown>)[name];
        if (typeof value !== 'string') continue;
        for (const key of [`${collection}|${name}`, `|${name}`]) {
          const list = pool.get(key) ?? [];
          if (!list.includes(value)) pool.set(key, [...list, value].slice(-50));
        }
      }
    }
  }

  /** A value seen for `name`, from the template's collection when it has one, else from any. */
  pick(organisation: 'main' | 'other', name: string, index: number, template = '') {
    const pool = this.pools[organisation];
    const list = pool.get(`${collectionOf(template)}|${name}`) ?? pool.get(`|${name}`) ?? [];
    return list.length > 0 ? list[index % list.length]! : undefined;
  }
}

const collectionOf = (template: string) => template.split('/').slice(0, 4).join('/');

const hostile = [
  '..',
  '../../etc/passwd',
  '..%2f..%2f',
  "' or '1'='1",
  '1; drop table units; --',
  "x' union select * from people --",
  '\u0000',
  'null',
  'undefined',
  '-1',
  '0',
  '1e309',
  '99999999999999999999',
  'NaN',
  'true',
  '[]',
  '{}',
  'x'.repeat(5000),
  '😀'.repeat(300),
  'ø\u0301\u202e',
  '<script>alert(1)</script>',
  '${jndi:ldap://x/a}',
  '{{7*7}}',
  ' ',
  '%',
  '00000000-0000-0000-0000-000000000000',
  'FFFFFFFF-FFFF-FFFF-FFFF-FFFFFFFFFFFF',
  '0b6f4a5e-8c1d-4f7a-9a57-3c2e1d0f9b21 ',
];
/** Sent without encoding: malformed or double percent-encoding, NUL, traversal. */
const rawPathAndQuery = ['%', '%zz', '%00', '%2e%2e%2f', '%252e%252e', '%c0%af', '%ff%fe', 'a%20b', '..%00'];

/** `arbitrary` in `percent` % of the requests, otherwise null. */
const sometimes = <T>(percent: number, arbitrary: fc.Arbitrary<T>) =>
  fc.oneof({ weight: percent, arbitrary }, { weight: 100 - percent, arbitrary: fc.constant(null) });

type PathValue = { from: 'main' | 'other'; index: number } | { from: 'value'; value: string; raw: boolean };

function pathValue(parameter: Parameter): fc.Arbitrary<PathValue> {
  return fc.oneof(
    { weight: 4, arbitrary: fc.nat().map((index) => ({ from: 'main' as const, index })) },
    { weight: 1, arbitrary: fc.nat().map((index) => ({ from: 'other' as const, index })) },
    {
      weight: 2,
      arbitrary: schemaArbitrary(parameter.schema, { edges: true }).map((v) => ({
        from: 'value' as const,
        value: String(v),
        raw: false,
      })),
    },
    { weight: 1, arbitrary: fc.constantFrom(...hostile).map((value) => ({ from: 'value' as const, value, raw: false })) },
    { weight: 1, arbitrary: fc.constantFrom(...rawPathAndQuery).map((value) => ({ from: 'value' as const, value, raw: true })) },
  );
}

/** An existing id of the calling organisation now and then, so filters match rows. */
const knownUuid = (seen: SeenValues) => fc.nat().map((i) => seen.pick('main', 'id', i) ?? '0b6f4a5e-8c1d-4f7a-9a57-3c2e1d0f9b21');

function queryPairs(parameters: Parameter[], seen: SeenValues): fc.Arbitrary<Array<[string, string, boolean]>> {
  const uuid = fc.oneof(fc.uuid(), knownUuid(seen));
  const pair =
    (name: string, raw = false) =>
    (v: unknown) =>
      [name, typeof v === 'string' ? v : JSON.stringify(v), raw] as [string, string, boolean];
  const known = parameters.map((p) =>
    sometimes(
      35,
      fc.oneof(
        {
          weight: p.name === 'cursor' ? 16 : 0,
          arbitrary: fc
            .nat()
            .map((i) => seen.pick('main', 'nextCursor', i) ?? 'bm8')
            .map(pair(p.name)),
        },
        { weight: 16, arbitrary: schemaArbitrary(p.schema, { uuid }).map(pair(p.name)) },
        { weight: 2, arbitrary: schemaArbitrary(p.schema, { edges: true, uuid }).map(pair(p.name)) },
        { weight: 1, arbitrary: fc.constantFrom(...hostile).map(pair(p.name)) },
        { weight: 1, arbitrary: fc.constantFrom(...rawPathAndQuery).map(pair(p.name, true)) },
      ),
    ),
  );
  const unknown = sometimes(
    5,
    fc.tuple(
      fc.constantFrom('unknown', 'organisationId', '__proto__', 'limit[]', 'q'),
      fc.constantFrom(...hostile),
      fc.constant(false),
    ),
  );
  return fc
    .tuple(fc.tuple(...known), unknown)
    .map(([pairs, extra]) => [...pairs, extra].filter((pair): pair is [string, string, boolean] => pair !== null));
}

type Body = { kind: 'none' } | { kind: 'json'; value: unknown } | { kind: 'text'; text: string };

function body(schema: JsonSchema | undefined, seen: SeenValues): fc.Arbitrary<Body> {
  if (!schema) return fc.constant({ kind: 'none' as const });
  const json = (arbitrary: fc.Arbitrary<unknown>) => arbitrary.map((value) => ({ kind: 'json' as const, value }));
  return fc.oneof(
    { weight: 10, arbitrary: json(schemaArbitrary(schema, { uuid: fc.oneof(fc.uuid(), knownUuid(seen)) })) },
    { weight: 6, arbitrary: json(schemaArbitrary(schema, { edges: true, uuid: fc.oneof(fc.uuid(), knownUuid(seen)) })) },
    { weight: 2, arbitrary: json(fc.jsonValue()) },
    {
      weight: 1,
      arbitrary: fc
        .constantFrom(
          '',
          '{',
          '{"name":',
          'nul',
          '{"a":1}}',
          '[1,]',
          '\u0000',
          '{"__proto__":{"admin":true}}',
          '{"constructor":{"prototype":{"x":1}}}',
          `${'['.repeat(5000)}${']'.repeat(5000)}`,
          '"\ud800"',
          '{"name":"a","name":"b"}',
        )
        .map((text) => ({ kind: 'text' as const, text })),
    },
    { weight: 1, arbitrary: fc.constant({ kind: 'none' as const }) },
  );
}

const contentTypes = [
  'application/json',
  'application/json; charset=utf-8',
  'text/plain',
  'application/x-www-form-urlencoded',
  'application/json; charset=latin1',
  'multipart/form-data; boundary=x',
  '',
];
const ifMatchValues = [
  '"1"',
  '*',
  'W/"1"',
  '"0"',
  '"2147483648"',
  '"9999999999"',
  '"99999999999"',
  'garbage',
  '""',
  '"1", "2"',
  ' "1" ',
];

/** One generated request for `operation`; its ids and cursors resolve against `seen` when sent. */
export function requestArbitrary(path: string, operation: Operation, seen: SeenValues) {
  const parameters = operation.parameters ?? [];
  const pathParams = parameters.filter((p) => p.in === 'path');
  const hasBody = Boolean(operation.requestBody);
  return fc
    .record({
      path: fc.tuple(...pathParams.map((p) => pathValue(p))),
      query: queryPairs(
        parameters.filter((p) => p.in === 'query'),
        seen,
      ),
      body: body(operation.requestBody?.content['application/json']?.schema, seen),
      contentType: hasBody
        ? fc.oneof(
            { weight: 9, arbitrary: fc.constant(contentTypes[0]!) },
            { weight: 1, arbitrary: fc.constantFrom(...contentTypes) },
          )
        : fc.constant(undefined),
      ifMatch: sometimes(
        60,
        fc.oneof({ weight: 7, arbitrary: fc.constant('current') }, { weight: 3, arbitrary: fc.constantFrom(...ifMatchValues) }),
      ),
      idempotencyKey: sometimes(
        30,
        fc.oneof(
          fc.constantFrom('fuzz-key-1', 'fuzz-key-2', 'fuzz-key-3', ' ', 'x'.repeat(201), 'é'),
          fc.stringMatching(/^[!-~]{1,40}$/),
        ),
      ),
      requestId: sometimes(10, fc.constantFrom('abc-123', 'x'.repeat(200), 'bad id\u0007')),
    })
    .map((r) => ({ ...r, pathParams: pathParams.map((p) => p.name), template: path }));
}

export type GeneratedRequest = ReturnType<typeof requestArbitrary> extends fc.Arbitrary<infer R> ? R : never;

/** The URL to send, and the path values that belong to the other organisation. */
export function resolveUrl(r: GeneratedRequest, seen: SeenValues): { url: string; foreign: string[] } {
  let index = 0;
  const foreign: string[] = [];
  const path = r.template.replace(/\{(\w+)\}/g, (_, name: string) => {
    const choice = r.path[index++]!;
    if (choice.from === 'value') return choice.raw ? choice.value : encodeURIComponent(choice.value);
    const value = seen.pick(choice.from, name, choice.index, r.template) ?? `missing-${name}`;
    if (choice.from === 'other') foreign.push(value);
    return encodeURIComponent(value);
  });
  const query = r.query.map(([k, v, raw]) => `${encodeURIComponent(k)}=${raw ? v : encodeURIComponent(v)}`).join('&');
  return { url: query ? `${path}?${query}` : path, foreign };
}
