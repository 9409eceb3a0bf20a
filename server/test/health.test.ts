import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestContext } from './support/app.ts';
import { testDatabaseKind } from './support/database.ts';
import { expectProblem } from './support/factories.ts';

let t: TestContext;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.close());

describe('health and readiness', () => {
  it('/api/health answers 200 while the process lives', async () => {
    const res = await t.inject({ method: 'GET', url: '/api/health' });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ status: 'ok' });
  });

  it('/api/ready answers 200 with the kind of database', async () => {
    const res = await t.inject({ method: 'GET', url: '/api/ready' });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toEqual({ status: 'ready', database: testDatabaseKind });
  });
});

describe('request ids', () => {
  it('echoes a sane X-Request-Id, on success and in problems', async () => {
    const ok = await t.inject({ method: 'GET', url: '/api/health', headers: { 'x-request-id': 'hr-sync.2026-11-25_001' } });
    expect(ok.headers['x-request-id']).toBe('hr-sync.2026-11-25_001');
    const problem = await t.inject({ method: 'GET', url: '/api/v1/units/nope', headers: { 'x-request-id': 'abc-123' } });
    expect(problem.headers['x-request-id']).toBe('abc-123');
    expect(expectProblem(problem, 400)).toMatchObject({ requestId: 'abc-123' });
  });

  it('generates a fresh one when the given id is missing or not sane', async () => {
    const seen = new Set<string>();
    for (const given of [undefined, '', 'has space', 'x'.repeat(101), 'semi;colon', '<script>']) {
      const res = await t.inject({
        method: 'GET',
        url: '/api/health',
        headers: given === undefined ? {} : { 'x-request-id': given },
      });
      const id = res.headers['x-request-id'] as string;
      expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);
      seen.add(id);
    }
    expect(seen.size).toBe(6);
  });
});
