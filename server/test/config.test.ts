import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../src/config.ts';

// Configuration is read once at start; a typo must stop the server with a message that
// names the variable, not start it with a surprise default.

function refusal(env: Record<string, string>): string {
  try {
    loadConfig(env);
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    return (error as Error).message;
  }
  throw new Error(`loadConfig accepted ${JSON.stringify(env)}`);
}

describe('loadConfig', () => {
  it('uses documented defaults for an empty environment', () => {
    expect(loadConfig({})).toEqual({
      databaseUrl: undefined,
      dataDir: path.resolve('./data'),
      port: 3000,
      host: '127.0.0.1',
      logLevel: 'info',
      seedDemo: true,
      bodyLimit: 1024 * 1024,
      attachmentMaxBytes: 10 * 1024 * 1024,
      clientDist: undefined,
      trustProxy: false,
      pgPoolMax: 10,
      session: { secureCookies: false, idleMinutes: 60, maxHours: 12 },
      demoPassword: undefined,
      publicUrl: undefined,
      secretsKey: undefined,
    });
  });

  it('treats an empty variable as unset', () => {
    expect(loadConfig({ PORT: '', DATABASE_URL: '' })).toMatchObject({ port: 3000, databaseUrl: undefined });
  });

  it('makes session cookies Secure in production, unless told otherwise', () => {
    expect(loadConfig({ NODE_ENV: 'production' }).session.secureCookies).toBe(true);
    expect(loadConfig({ NODE_ENV: 'production', SECURE_COOKIES: 'false' }).session.secureCookies).toBe(false);
    expect(loadConfig({ SECURE_COOKIES: 'true' }).session.secureCookies).toBe(true);
  });

  it('reads every variable, with numbers and yes/no values', () => {
    const config = loadConfig({
      DATABASE_URL: 'postgres://u:p@db:5432/lagverk',
      DATA_DIR: '/var/lib/lagverk',
      PORT: '8080',
      HOST: '0.0.0.0',
      LOG_LEVEL: 'warn',
      SEED_DEMO: 'no',
      BODY_LIMIT: '2048',
      ATTACHMENT_MAX_BYTES: '5242880',
      CLIENT_DIST: '/srv/client',
      TRUST_PROXY: 'TRUE',
      PG_POOL_MAX: '20',
      SECURE_COOKIES: 'yes',
      SESSION_IDLE_MINUTES: '30',
      SESSION_MAX_HOURS: '8',
      DEMO_PASSWORD: 'et langt demopassord',
      PUBLIC_URL: 'https://lagverk.kommune.no',
      SECRETS_KEY: Buffer.alloc(32, 7).toString('base64'),
    });
    expect(config).toEqual({
      databaseUrl: 'postgres://u:p@db:5432/lagverk',
      dataDir: '/var/lib/lagverk',
      port: 8080,
      host: '0.0.0.0',
      logLevel: 'warn',
      seedDemo: false,
      bodyLimit: 2048,
      attachmentMaxBytes: 5 * 1024 * 1024,
      clientDist: '/srv/client',
      trustProxy: true,
      pgPoolMax: 20,
      session: { secureCookies: true, idleMinutes: 30, maxHours: 8 },
      demoPassword: 'et langt demopassord',
      publicUrl: 'https://lagverk.kommune.no',
      secretsKey: Buffer.alloc(32, 7),
    });
  });

  it.each([
    ['PORT', 'abc'],
    ['PORT', '70000'],
    ['PORT', '-1'],
    ['PORT', '80.5'],
    ['DATABASE_URL', 'mysql://localhost/db'],
    ['DATABASE_URL', 'localhost:5432'],
    ['LOG_LEVEL', 'loud'],
    ['SEED_DEMO', 'maybe'],
    ['TRUST_PROXY', '2'],
    ['BODY_LIMIT', '10'],
    ['BODY_LIMIT', '1mb'],
    ['ATTACHMENT_MAX_BYTES', '10MB'],
    ['ATTACHMENT_MAX_BYTES', '500'],
    ['PG_POOL_MAX', '0'],
    ['PUBLIC_URL', 'lagverk.kommune.no'],
    ['PUBLIC_URL', 'https://lagverk.kommune.no/'],
    ['SECRETS_KEY', 'for-kort'],
  ])('refuses %s=%s with a message naming the variable', (name, value) => {
    const message = refusal({ [name]: value });
    expect(message).toMatch(new RegExp(`^\\s+${name}: `, 'm'));
    expect(message).toContain('.env.example');
  });

  it('names the allowed values instead of repeating a schema message', () => {
    expect(refusal({ LOG_LEVEL: 'loud' })).toContain('LOG_LEVEL: must be one of fatal, error, warn, info, debug, trace, silent');
    expect(refusal({ SEED_DEMO: 'kanskje' })).toContain('SEED_DEMO: must be true or false');
    expect(refusal({ PORT: '70000' })).toContain('PORT: must be <= 65535');
  });

  it('never echoes the value, which may hold a password', () => {
    expect(refusal({ DATABASE_URL: 'mysql://admin:hemmelig@db/lagverk' })).not.toContain('hemmelig');
  });

  it('lists every bad variable at once', () => {
    const message = refusal({ PORT: 'x', LOG_LEVEL: 'loud', SEED_DEMO: 'kanskje', BODY_LIMIT: '1', PG_POOL_MAX: '0' });
    for (const name of ['PORT', 'LOG_LEVEL', 'SEED_DEMO', 'BODY_LIMIT', 'PG_POOL_MAX']) expect(message).toContain(`  ${name}:`);
    expect(message.split('\n').filter((line) => line.startsWith('  '))).toHaveLength(5);
  });
});
