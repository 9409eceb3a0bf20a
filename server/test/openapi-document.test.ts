import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestContext } from './support/app.ts';

// The API reference an integrator reads: the OpenAPI document and the Swagger UI on it.
// Spectral (pnpm test:openapi) lints the document's style; this checks what API.md
// promises for every route and that the reference actually loads.

interface Operation {
  operationId?: string;
  tags?: string[];
  summary?: string;
  description?: string;
  requestBody?: { content: Record<string, { schema?: unknown }> };
  responses: Record<string, { content?: Record<string, { schema?: unknown }> }>;
}
interface OpenApi {
  openapi: string;
  tags: Array<{ name: string }>;
  paths: Record<string, Record<string, Operation>>;
}

let t: TestContext;
let document: OpenApi;
beforeAll(async () => {
  t = await createTestApp();
  document = (await t.app.inject({ method: 'GET', url: '/api/openapi.json' })).json<OpenApi>();
});
afterAll(() => t.close());

const operations = () =>
  Object.entries(document.paths).flatMap(([path, methods]) =>
    Object.entries(methods).map(([method, operation]) => ({ name: `${method.toUpperCase()} ${path}`, operation })),
  );

describe('the OpenAPI document', () => {
  it('is OpenAPI 3.1 without TypeBox internals leaking into it', () => {
    expect(document.openapi).toBe('3.1.0');
    const leaks: string[] = [];
    const walk = (value: unknown, at: string) => {
      if (!value || typeof value !== 'object') return;
      // TypeBox marks schemas with `~kind`, `~optional` and similar keys; JSON cannot carry its symbols.
      for (const key of Object.keys(value)) {
        if (key.startsWith('~')) leaks.push(`${at}/${key}`);
        walk((value as Record<string, unknown>)[key], `${at}/${key}`);
      }
    };
    walk(document, '#');
    expect(leaks).toEqual([]);
  });

  it('documents every route the way API.md asks', () => {
    const declaredTags = new Set(document.tags.map((tag) => tag.name));
    const ids = new Set<string>();
    const gaps: string[] = [];
    for (const { name, operation } of operations()) {
      if (!operation.operationId || ids.has(operation.operationId)) gaps.push(`${name}: operationId missing or repeated`);
      ids.add(operation.operationId ?? '');
      if (!operation.tags?.length || !operation.tags.every((tag) => declaredTags.has(tag))) gaps.push(`${name}: no declared tag`);
      if (!operation.summary || !operation.description) gaps.push(`${name}: summary or description missing`);
      // JSON, or another documented media type (a CSV import, a multipart file upload).
      if (operation.requestBody && !Object.values(operation.requestBody.content).some((media) => media.schema))
        gaps.push(`${name}: body without schema`);
      if (!JSON.stringify(operation).includes('"example')) gaps.push(`${name}: no example`);
      for (const [status, response] of Object.entries(operation.responses)) {
        const expected = Number(status) >= 400 ? 'application/problem+json' : 'application/json';
        // A redirect (single sign-on, for the browser) has no body, only a Location.
        const bodiless = status === '204' || status.startsWith('3');
        // A file download answers with the file's own type, documented as binary.
        const file = status.startsWith('2') && Object.values(response.content ?? {}).some((media) => (media.schema as { format?: string } | undefined)?.format === 'binary');
        if (!bodiless && !file && !response.content?.[expected]?.schema) gaps.push(`${name}: ${status} has no ${expected} schema`);
      }
      if (!Object.keys(operation.responses).some((status) => /^[23]/.test(status))) gaps.push(`${name}: no success response`);
      if (!Object.keys(operation.responses).some((status) => status.startsWith('5'))) gaps.push(`${name}: no 5xx response`);
    }
    expect(gaps).toEqual([]);
  });
});

describe('the interactive reference at /api/docs', () => {
  it.each(['/api/docs', '/api/docs/'])('%s answers the Swagger UI page, and its scripts and styles load', async (url) => {
    const page = await t.app.inject({ method: 'GET', url, headers: { accept: 'text/html' } });
    expect(page.statusCode).toBe(200);
    expect(page.headers['content-type']).toMatch(/^text\/html/);
    expect(page.body).toContain('swagger-ui');
    const assets = [...page.body.matchAll(/(?:src|href)="([^"]+\.(?:js|css))"/g)].map(
      (m) => new URL(m[1]!, `http://x${url}`).pathname,
    );
    expect(assets.length).toBeGreaterThan(0);
    for (const asset of assets) {
      const res = await t.app.inject({ method: 'GET', url: asset });
      expect(res.statusCode, asset).toBe(200);
    }
  });

  it('serves the same document the UI reads', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/api/docs/json' });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual(document);
  });
});
