import Type, { type Static } from 'typebox';
import { Value } from 'typebox/value';
import path from 'node:path';
import { attachmentDefaultMaxBytes } from '@lagverk/shared';

// Configuration comes from environment variables only, validated once at start-up so a
// typo fails loudly instead of running with a surprise default. `.env.example` lists them.
const Env = Type.Object({
  DATABASE_URL: Type.Optional(Type.String({ pattern: '^postgres(ql)?://' })),
  DATA_DIR: Type.String({ minLength: 1, default: './data' }),
  PORT: Type.Integer({ minimum: 0, maximum: 65535, default: 3000 }),
  HOST: Type.String({ minLength: 1, default: '127.0.0.1' }),
  LOG_LEVEL: Type.Union(
    ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'].map((l) => Type.Literal(l)),
    { default: 'info' },
  ),
  SEED_DEMO: Type.Boolean({ default: true }),
  BODY_LIMIT: Type.Integer({ minimum: 1024, maximum: 100 * 1024 * 1024, default: 1024 * 1024 }),
  // Attachments are kept in the database and read into memory whole: 100 MiB at most.
  ATTACHMENT_MAX_BYTES: Type.Integer({ minimum: 1024, maximum: 100 * 1024 * 1024, default: attachmentDefaultMaxBytes }),
  CLIENT_DIST: Type.Optional(Type.String({ minLength: 1 })),
  TRUST_PROXY: Type.Boolean({ default: false }),
  PG_POOL_MAX: Type.Integer({ minimum: 1, maximum: 200, default: 10 }),
  SECURE_COOKIES: Type.Optional(Type.Boolean()),
  SESSION_IDLE_MINUTES: Type.Integer({ minimum: 1, maximum: 24 * 60, default: 60 }),
  SESSION_MAX_HOURS: Type.Integer({ minimum: 1, maximum: 24 * 30, default: 12 }),
  DEMO_PASSWORD: Type.Optional(Type.String({ minLength: 12, maxLength: 256 })),
  // No path, query or trailing slash: paths are appended to it (the OIDC callback).
  PUBLIC_URL: Type.Optional(Type.String({ maxLength: 500, pattern: '^https?://[^/?#\\s]+$' })),
  // 32 random bytes in base64 (`openssl rand -base64 32`).
  SECRETS_KEY: Type.Optional(Type.String({ pattern: '^[A-Za-z0-9+/]{43}=$' })),
  // Email notifications: off unless SMTP_URL is set (smtp://user:password@host:587, or smtps:// for TLS from the start).
  SMTP_URL: Type.Optional(Type.String({ maxLength: 1000, pattern: '^smtps?://[^\\s]+$' })),
  // `noreply@kommune.no` or `Lagverk <noreply@kommune.no>`.
  MAIL_FROM: Type.Optional(Type.String({ maxLength: 300, pattern: '^([^<>\\r\\n]*<[^\\s<>@]+@[^\\s<>@]+>|[^\\s<>@]+@[^\\s<>@]+)$' })),
  MAIL_SEND_INTERVAL_SECONDS: Type.Integer({ minimum: 1, maximum: 3600, default: 30 }),
  MAIL_RETENTION_DAYS: Type.Integer({ minimum: 1, maximum: 3650, default: 30 }),
});

export interface Config {
  databaseUrl: string | undefined;
  dataDir: string;
  port: number;
  host: string;
  logLevel: string;
  seedDemo: boolean;
  bodyLimit: number;
  /** The largest file that can be attached to a result. */
  attachmentMaxBytes: number;
  clientDist: string | undefined;
  trustProxy: boolean;
  pgPoolMax: number;
  session: SessionSettings;
  /** The demo accounts' password; a random one is made and printed when unset. */
  demoPassword: string | undefined;
  /** Where users reach Lagverk (https://lagverk.kommune.no); unset: each request's own origin. */
  publicUrl: string | undefined;
  /** Encrypts stored secrets (OIDC client secrets); unset: they are stored as given. */
  secretsKey: Buffer | undefined;
  /** Email notifications; undefined (off) unless SMTP_URL is set. */
  mail: MailConfig | undefined;
}

export interface MailConfig {
  /** Holds the SMTP password: never log it (smtpHostOf in notifications/sender.ts gives host and port). */
  smtpUrl: string;
  from: string;
  intervalSeconds: number;
  retentionDays: number;
}

export interface SessionSettings {
  /** Secure, `__Host-` cookies: on when NODE_ENV=production or SECURE_COOKIES=true. */
  secureCookies: boolean;
  idleMinutes: number;
  maxHours: number;
}

export const defaultSessionSettings: SessionSettings = { secureCookies: false, idleMinutes: 60, maxHours: 12 };

export class ConfigError extends Error {}

const booleans = new Map([
  ['true', true], ['1', true], ['yes', true],
  ['false', false], ['0', false], ['no', false],
]);

// pnpm runs scripts inside the package folder; INIT_CWD is where the command was typed,
// so `DATA_DIR=./data pnpm start` at the repository root means the root's ./data.
const baseDir = (env: NodeJS.ProcessEnv) => env.INIT_CWD ?? process.cwd();

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const raw: Record<string, unknown> = {};
  for (const key of Object.keys(Env.properties)) {
    const value = env[key];
    if (value === undefined || value === '') continue;
    const schema = Env.properties[key as keyof typeof Env.properties] as { type?: string };
    if (schema.type === 'integer') raw[key] = /^-?\d+$/.test(value) ? Number(value) : value;
    else if (schema.type === 'boolean') raw[key] = booleans.get(value.toLowerCase()) ?? value;
    else raw[key] = value;
  }
  const withDefaults = Value.Default(Env, raw);
  // One variable at a time: Value.Errors stops after a few errors, and a union would
  // say "must be equal to constant" once per allowed value instead of naming them.
  const lines: string[] = [];
  for (const [key, schema] of Object.entries(Env.properties)) {
    const value = (withDefaults as Record<string, unknown>)[key];
    if (value === undefined || Value.Check(schema, value)) continue;
    const allowed = (schema as { anyOf?: { const?: unknown }[] }).anyOf?.map((s) => String(s.const));
    const problem = allowed ? `must be one of ${allowed.join(', ')}`
      : (schema as { type?: string }).type === 'boolean' ? 'must be true or false (or yes/no, 1/0)'
        : ([...Value.Errors(schema, value)][0]?.message ?? 'is invalid');
    lines.push(`  ${key}: ${problem}`);
  }
  const w = withDefaults as Record<string, unknown>;
  if (w.SMTP_URL !== undefined && lines.every((l) => !l.startsWith('  SMTP_URL'))) {
    if (w.MAIL_FROM === undefined) lines.push('  MAIL_FROM: must be set when SMTP_URL is (the emails\' sender address)');
    if (w.PUBLIC_URL === undefined) lines.push('  PUBLIC_URL: must be set when SMTP_URL is (the emails\' links start with it)');
  }
  if (lines.length > 0) {
    throw new ConfigError(`Invalid configuration:\n${lines.join('\n')}\nSee .env.example for every setting.`);
  }
  const c = withDefaults as Static<typeof Env>;
  return {
    databaseUrl: c.DATABASE_URL,
    dataDir: c.DATA_DIR.startsWith('memory://') ? c.DATA_DIR : path.resolve(baseDir(env), c.DATA_DIR),
    port: c.PORT,
    host: c.HOST,
    logLevel: c.LOG_LEVEL,
    seedDemo: c.SEED_DEMO,
    bodyLimit: c.BODY_LIMIT,
    attachmentMaxBytes: c.ATTACHMENT_MAX_BYTES,
    clientDist: c.CLIENT_DIST ? path.resolve(baseDir(env), c.CLIENT_DIST) : undefined,
    trustProxy: c.TRUST_PROXY,
    pgPoolMax: c.PG_POOL_MAX,
    session: {
      secureCookies: c.SECURE_COOKIES ?? env.NODE_ENV === 'production',
      idleMinutes: c.SESSION_IDLE_MINUTES,
      maxHours: c.SESSION_MAX_HOURS,
    },
    demoPassword: c.DEMO_PASSWORD,
    publicUrl: c.PUBLIC_URL,
    secretsKey: c.SECRETS_KEY ? Buffer.from(c.SECRETS_KEY, 'base64') : undefined,
    mail: c.SMTP_URL && c.MAIL_FROM
      ? { smtpUrl: c.SMTP_URL, from: c.MAIL_FROM, intervalSeconds: c.MAIL_SEND_INTERVAL_SECONDS, retentionDays: c.MAIL_RETENTION_DAYS }
      : undefined,
  };
}
