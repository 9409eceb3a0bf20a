import { afterAll, describe, it } from 'vitest';
import fc from 'fast-check';
import { Ajv, type ValidateFunction } from 'ajv';
import addFormatsModule from 'ajv-formats';
import { createTestApp } from './support/app.ts';
import { createOrganisation } from './support/database.ts';
import { as } from './support/factories.ts';
import {
  requestArbitrary,
  resolveUrl,
  SeenValues,
  type GeneratedRequest,
  type OpenApi,
  type Operation,
} from './support/fuzz-requests.ts';
import type { JsonSchema } from './support/schema-arbitrary.ts';

// Reads the served OpenAPI document and sends every operation in it hundreds of generated
// requests: schema-shaped bodies, boundary values, arbitrary JSON, broken JSON, hostile
// path and query values, real ids (so success paths run too) and ids of another
// organisation. Whatever arrives, the API must never answer 5xx, must answer every 4xx
// as problem+json, must never hand out another organisation's row, and every answer must
// match what the document declares for it (status, media type and schema).
// A route added later is fuzzed without touching this file.
//
//   FUZZ_SEED=123 FUZZ_RUNS=1000 npx vitest run test/fuzz.test.ts

const seed = process.env.FUZZ_SEED ? Number(process.env.FUZZ_SEED) : 20_261_125;
const numRuns = process.env.FUZZ_RUNS ? Number(process.env.FUZZ_RUNS) : 50;
if (!Number.isSafeInteger(seed) || !Number.isSafeInteger(numRuns) || numRuns < 1) {
  throw new Error('FUZZ_SEED must be an integer and FUZZ_RUNS a positive integer');
}
console.log(`fuzz: seed ${seed} (override with FUZZ_SEED), ${numRuns} runs per operation (FUZZ_RUNS)`);

const addFormats = (addFormatsModule as unknown as { default?: typeof addFormatsModule }).default ?? addFormatsModule;
const ajv = new Ajv({ allErrors: true, strict: false });
addFormats(ajv);

const t = await createTestApp();
const otherOrganisationId = (await createOrganisation(t.db)).id;
const document = (await t.app.inject({ method: 'GET', url: '/api/openapi.json' })).json<OpenApi>();
afterAll(() => t.close());

// Writes first, deletes last: lists then page through what the writes made.
const methodOrder = ['POST', 'PUT', 'PATCH', 'GET', 'DELETE'];
const operations = Object.entries(document.paths)
  .flatMap(([path, methods]) =>
    Object.entries(methods).map(([method, operation]) => ({ path, method: method.toUpperCase(), operation })),
  )
  .sort((a, b) => methodOrder.indexOf(a.method) - methodOrder.indexOf(b.method));
const seen = new SeenValues([
  ...new Set(
    operations.flatMap(({ operation }) => (operation.parameters ?? []).filter((p) => p.in === 'path').map((p) => p.name)),
  ),
]);

// Seed both organisations with each creating operation's documented example.
for (const { path, method, operation } of operations) {
  const example = operation.requestBody?.content['application/json']?.example;
  if (example === undefined || !['POST', 'PUT'].includes(method)) continue;
  for (const [organisation, pool] of [
    [t.organisationId, 'main'],
    [otherOrganisationId, 'other'],
  ] as const) {
    for (const n of [1, 2]) {
      const url = path.replace(/\{(\w+)\}/g, (_, name: string) => `seed-${name}-${n}`);
      const res = await t.app.inject({
        method,
        url,
        payload: example as object,
        headers: as(organisation),
      });
      if (res.statusCode < 300) seen.remember(pool, path, res.json());
    }
  }
}

const validators = new Map<string, ValidateFunction>();
function validatorFor(key: string, schema: JsonSchema) {
  let validate = validators.get(key);
  if (!validate) validators.set(key, (validate = ajv.compile(schema)));
  return validate;
}

const stats = { requests: 0, started: Date.now(), byOperation: new Map<string, Map<number, number>>() };

async function send(method: string, operation: Operation, r: GeneratedRequest) {
  const { url, foreign } = resolveUrl(r, seen);
  const headers: Record<string, string> = { ...as(t.organisationId) };
  if (r.ifMatch === 'current' && document.paths[r.template]?.get) {
    // The version the row has now, read the way a client would, so edits can succeed.
    const current = await t.app.inject({ method: 'GET', url, headers: as(t.organisationId) });
    stats.requests++;
    if (typeof current.headers.etag === 'string') headers['if-match'] = current.headers.etag;
  } else if (r.ifMatch && r.ifMatch !== 'current') {
    headers['if-match'] = r.ifMatch;
  }
  if (r.idempotencyKey !== null) headers['idempotency-key'] = r.idempotencyKey;
  if (r.requestId !== null) headers['x-request-id'] = r.requestId;
  let payload: string | undefined;
  if (r.body.kind === 'json') payload = JSON.stringify(r.body.value);
  if (r.body.kind === 'text') payload = r.body.text;
  if (r.contentType !== undefined && (payload !== undefined || r.contentType !== 'application/json'))
    headers['content-type'] = r.contentType;
  const res = await t.app.inject({ method, url, headers, ...(payload === undefined ? {} : { payload }) });
  stats.requests++;
  const counts = stats.byOperation.get(operation.operationId) ?? new Map<number, number>();
  counts.set(res.statusCode, (counts.get(res.statusCode) ?? 0) + 1);
  stats.byOperation.set(operation.operationId, counts);
  return { method, template: r.template, url, foreign, headers, payload, res };
}

function check(operation: Operation, sent: Awaited<ReturnType<typeof send>>) {
  const { res } = sent;
  const fail = (why: string) => {
    throw new Error(
      `${why}\n  request: ${sent.method} ${sent.url.slice(0, 300)}\n  headers: ${JSON.stringify(sent.headers).slice(0, 300)}\n  body: ${String(sent.payload).slice(0, 500)}\n  answer: ${res.statusCode} ${res.headers['content-type']} ${res.body.slice(0, 800)}`,
    );
  };
  if (res.statusCode >= 500) fail('a 5xx answer (a bug: bad input must never cause one)');
  const declared = operation.responses[String(res.statusCode)];
  if (!declared) fail(`status ${res.statusCode} is not declared in the document for ${operation.operationId}`);
  if (res.statusCode === 204) {
    if (res.body !== '') fail('a 204 with a body');
    return;
  }
  // The single sign-on routes answer the browser with redirects, whatever it sent.
  if (res.statusCode >= 300 && res.statusCode < 400) {
    if (typeof res.headers.location !== 'string' || res.headers.location === '') fail('a redirect without Location');
    return;
  }
  const contentType = String(res.headers['content-type'] ?? '');
  // A file download (a PDF report, a CSV export) answers with a media type it documents as binary.
  if (res.statusCode < 300) {
    const file = Object.entries(declared!.content ?? {})
      .find(([type, media]) => contentType.startsWith(type) && (media.schema as { format?: string } | undefined)?.format === 'binary');
    if (file) {
      if (res.rawPayload.length === 0) fail('an empty file');
      return;
    }
  }
  let body: unknown;
  try {
    body = res.json();
  } catch {
    fail('an answer that is not JSON');
  }
  const mediaType = res.statusCode >= 400 ? 'application/problem+json' : 'application/json';
  if (!contentType.startsWith(mediaType)) fail(`content-type is not ${mediaType}`);
  if (res.statusCode >= 400) {
    const problem = body as Record<string, unknown>;
    for (const field of ['type', 'title', 'detail', 'instance'])
      if (typeof problem[field] !== 'string') fail(`problem without ${field}`);
    if (problem.status !== res.statusCode) fail('problem status differs from the HTTP status');
  }
  const schema = declared!.content?.[mediaType]?.schema;
  if (!schema) fail(`no ${mediaType} schema declared for ${res.statusCode}`);
  const validate = validatorFor(`${operation.operationId} ${res.statusCode}`, schema!);
  if (!validate(body)) fail(`the body does not match the declared schema: ${ajv.errorsText(validate.errors)}`);
  if (res.statusCode < 300 && sent.foreign.includes(String((body as { id?: unknown }).id)))
    fail('a row of another organisation was answered (its ids must answer 404)');
  if (res.statusCode < 300) seen.remember('main', sent.template, body);
}

/** fast-check's report, with runs of one repeated character (5000 × "x") abbreviated. */
function reporter<T>(details: fc.RunDetails<T>) {
  const message = fc.defaultReportMessage(details);
  if (message) throw new Error(message.replace(/(.)\1{40,}/gsu, (run, c: string) => `${c}…(${[...run].length}×)`));
}

describe('every operation in the OpenAPI document, fuzzed', () => {
  for (const { path, method, operation } of operations) {
    it(`${method} ${path} (${operation.operationId}) never answers 5xx and keeps to its documented answers`, async () => {
      await fc.assert(
        fc.asyncProperty(requestArbitrary(path, operation, seen), async (r) =>
          check(operation, await send(method, operation, r)),
        ),
        { seed, numRuns, reporter },
      );
    });
  }
});

afterAll(() => {
  const seconds = ((Date.now() - stats.started) / 1000).toFixed(1);
  const lines = [...stats.byOperation].map(
    ([id, counts]) =>
      `  ${id}: ${[...counts]
        .sort(([a], [b]) => a - b)
        .map(([status, n]) => `${status}×${n}`)
        .join(' ')}`,
  );
  console.log(`fuzz: ${stats.requests} requests in ${seconds} s (seed ${seed})\n${lines.join('\n')}`);
});
