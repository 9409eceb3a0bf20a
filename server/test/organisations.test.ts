import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestContext } from './support/app.ts';

let t: TestContext;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.close());

describe('the current organisation', () => {
  it('is returned with its version as ETag', async () => {
    const res = await t.inject({ method: 'GET', url: '/api/v1/organisations/current' });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ id: t.organisationId, writtenStandard: 'nb', version: 1 });
    expect(res.headers.etag).toBe('"1"');
  });

  it('switches written standard with If-Match and refuses a stale edit', async () => {
    const ok = await t.inject({ method: 'PATCH', url: '/api/v1/organisations/current', headers: { 'if-match': '"1"' }, payload: { writtenStandard: 'nn' } });
    expect(ok.statusCode).toBe(200);
    expect(ok.json()).toMatchObject({ writtenStandard: 'nn', version: 2 });
    const stale = await t.inject({ method: 'PATCH', url: '/api/v1/organisations/current', headers: { 'if-match': '"1"' }, payload: { name: 'Annen' } });
    expect(stale.statusCode).toBe(412);
    expect(stale.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(stale.json()).toMatchObject({ code: 'stale-version', currentVersion: 2 });
    const missing = await t.inject({ method: 'PATCH', url: '/api/v1/organisations/current', payload: { name: 'Annen' } });
    expect(missing.statusCode).toBe(428);
  });
});
