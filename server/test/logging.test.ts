import { Writable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp, type App } from '../src/app.ts';
import type { Database } from '../src/db/database.ts';
import { loggerOptions } from '../src/http/log-serializers.ts';
import { createOrganisation, integrationToken, openTestDatabase } from './support/database.ts';

// The log, as the server writes it (the same loggerOptions as server.ts):
// every line has the request id, and no credential or one-time code ever reaches it.

const lines: string[] = [];
let app: App;
let database: Database;
let organisationId: string;
beforeAll(async () => {
  database = await openTestDatabase();
  organisationId = (await createOrganisation(database.db)).id;
  const stream = new Writable({ write(chunk, _encoding, done) { lines.push(String(chunk)); done(); } });
  app = await buildApp({
    database,
    logger: loggerOptions('info', stream),
  });
  await app.ready();
});
afterAll(async () => {
  await app.close();
  await database.close();
});

describe('the log', () => {
  it("never holds a bearer token, a cookie, or the single sign-on callback's code and state", async () => {
    const token = integrationToken(organisationId);
    await app.inject({ method: 'GET', url: '/api/v1/units', headers: { authorization: `Bearer ${token}`, cookie: 'lagverk_session=hemmelig' } });
    await app.inject({ method: 'GET', url: '/api/v1/auth/oidc/callback?code=engangskode-123&state=tilstand-456' });
    const log = lines.join('');
    expect(log).toContain('/api/v1/units');
    expect(log).toContain('/api/v1/auth/oidc/callback?[redacted]');
    for (const secret of [token, 'hemmelig', 'engangskode-123', 'tilstand-456']) expect(log).not.toContain(secret);
    // Logging something else under `req` is no request: no crash, and no header in the log.
    app.log.info({ req: { headers: { authorization: `Bearer ${token}`, cookie: 'lagverk_session=hemmelig' } } }, 'headers');
    expect(lines.join('')).not.toContain(token);
  });
});
