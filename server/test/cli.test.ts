import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FolderMigrationProvider } from '@lagverk/migrations';
import type { Kysely } from 'kysely';
import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { userInfo } from 'node:os';
import type { ApiTokenList, CurrentSession } from '@lagverk/shared';
import { buildApp, type App } from '../src/app.ts';
import { openDatabase } from '../src/db/database.ts';
import { testDatabaseKind } from './support/database.ts';
import { createCliTarget } from './support/cli-target.ts';

// The real admin CLI, as an administrator runs it, against a database of its own: an
// empty data folder on PGlite, a freshly created database on PostgreSQL. Each process
// costs seconds, so every spawn here earns its place.

const serverFolder = fileURLToPath(new URL('..', import.meta.url));
let target: { DATA_DIR?: string; DATABASE_URL?: string };
let cleanUp = async () => {};

interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

function lagverk(...args: string[]): Promise<Run> {
  return node(['src/cli/index.ts', ...args]);
}

/** The CLI with `input` piped to its standard input (as `--password-stdin` reads it). */
function lagverkWithInput(input: string, ...args: string[]): Promise<Run> {
  return node(['src/cli/index.ts', ...args], input);
}

function node(args: string[], input = ''): Promise<Run> {
  const env: NodeJS.ProcessEnv = { ...process.env, ...target, LOG_LEVEL: 'error' };
  if (!target.DATABASE_URL) delete env.DATABASE_URL;
  return new Promise((resolve) => {
    const child = execFile(
      process.execPath,
      ['--import', 'tsx', ...args],
      { cwd: serverFolder, env, timeout: 120_000 },
      (error, stdout, stderr) => {
        resolve({ code: error ? (typeof error.code === 'number' ? error.code : 1) : 0, stdout, stderr });
      },
    );
    // A pipe, never a terminal: a command that would prompt must say so and stop.
    child.stdin?.end(input);
  });
}

/** Looks into the CLI's database from the test, between two commands (PGlite allows one process at a time). */
async function inspect<T>(look: (db: Awaited<ReturnType<typeof openDatabase>>['db']) => Promise<T>): Promise<T> {
  const database = await openDatabase({ databaseUrl: target.DATABASE_URL, dataDir: target.DATA_DIR, poolMax: 1 });
  try {
    return await look(database.db);
  } finally {
    await database.close();
  }
}

/** The real app on the CLI's database, between two commands, as the web client would reach it. */
async function withApp<T>(use: (app: App) => Promise<T>): Promise<T> {
  const database = await openDatabase({ databaseUrl: target.DATABASE_URL, dataDir: target.DATA_DIR, poolMax: 2 });
  const app = await buildApp({ database });
  try {
    await app.ready();
    return await use(app);
  } finally {
    await app.close();
    await database.close();
  }
}

beforeAll(async () => {
  ({ env: target, cleanUp } = await createCliTarget('cli'));
});
afterAll(() => cleanUp());

const migrations = Object.keys(await new FolderMigrationProvider().getMigrations());

describe(`the lagverk CLI on ${testDatabaseKind}`, () => {
  it('takes a fresh database through status, migrate, seed and down', async () => {
    const status = await lagverk('migrate', 'status');
    expect(status.code, status.stderr).toBe(0);
    for (const name of migrations) expect(status.stdout).toMatch(new RegExp(`pending\\s+${name}`));
    expect(status.stdout).toContain(`${migrations.length} pending: run \`pnpm lagverk migrate latest\`.`);

    const latest = await lagverk('migrate', 'latest');
    expect(latest.code, latest.stderr).toBe(0);
    for (const name of migrations) expect(latest.stdout).toContain(`✓ up   ${name}`);

    const seed = await lagverk('seed', 'demo');
    expect(seed.code, seed.stderr).toBe(0);
    const printed = /^Created Lagvik kommune \(([0-9a-f-]{36})\) with (\d+) people\.$/m.exec(seed.stdout);
    expect(printed, seed.stdout).not.toBeNull();
    const [, orgId, count] = printed!;
    expect(Number(count)).toBeGreaterThan(300);

    // Looking inside, and the refused org, need the migrated database but nothing
    // particular to its kind: on PostgreSQL they cost little, on PGlite a process each.
    if (testDatabaseKind === 'postgres') {
      const badOrg = await lagverk('org', 'create', '--name', 'Fjaler kommune', '--org-number', '12345');
      expect(badOrg.code).not.toBe(0);
      expect(badOrg.stderr.trim()).toBe('lagverk: The organisation number must be nine digits.');
      expect(badOrg.stdout).toBe('');

      const seeded = await inspect(async (db) => ({
        organisations: await db.selectFrom('organisations').select(['id', 'name']).execute(),
        kinds: (await db.selectFrom('units').select('kind').distinct().where('organisation_id', '=', orgId!).execute())
          .map((r) => r.kind)
          .sort(),
        people: (await db.selectFrom('people').select('id').where('organisation_id', '=', orgId!).execute()).length,
        unmanaged: (
          await db
            .selectFrom('units')
            .select('id')
            .where('organisation_id', '=', orgId!)
            .where('manager_id', 'is', null)
            .execute()
        ).length,
      }));
      expect(seeded.organisations).toEqual([{ id: orgId, name: 'Lagvik kommune' }]);
      expect(seeded.kinds).toEqual(['section', 'serviceArea', 'unit']);
      expect(seeded.people).toBe(Number(count));
      expect(seeded.unmanaged).toBe(0);
    }

    const down = await lagverk('migrate', 'down');
    expect(down.code, down.stderr).toBe(0);
    // Down undoes only the last migration; the earlier ones and their data stay.
    expect(down.stdout.trim().split('\n')).toEqual([`✓ down ${migrations.at(-1)}`]);
    if (testDatabaseKind === 'postgres') {
      const after = await inspect(async (db) => ({
        ran: (await (db as unknown as Kysely<any>).selectFrom('kysely_migration').select('name').orderBy('name').execute()).map((r) => r.name as string),
        organisations: (await db.selectFrom('organisations').select('id').execute()).length,
      }));
      expect(after.ran).toEqual(migrations.slice(0, -1));
      expect(after.organisations).toBe(1);
    }
  }, 180_000);

  // Runs on what the test above left: the demo organisation, with the last migration
  // undone (so `migrate latest` first). One organisation, so no command needs --org.
  it('makes an administrator who signs in, resets the password, mints and revokes a token, all recorded as the CLI', async () => {
    const latest = await lagverk('migrate', 'latest');
    expect(latest.code, latest.stderr).toBe(0);
    const email = 'ada.admin@lagvik.kommune.no';
    const password = 'korrekt hest batteri stift';
    const newPassword = 'et heilt nytt og langt passord';

    const weak = await lagverkWithInput('qwerty123456\n', 'user', 'create-admin', '--email', email, '--name', 'Ada Admin', '--password-stdin');
    expect(weak.code).toBe(1);
    expect(weak.stderr.trim()).toMatch(/^lagverk: This password is too common/);
    expect(weak.stdout).toBe('');

    const created = await lagverkWithInput(`${password}\n`, 'user', 'create-admin', '--email', email, '--name', 'Ada Admin', '--password-stdin');
    expect(created.code, created.stderr).toBe(0);
    expect(created.stdout.trim()).toBe(`Created an administrator account for Ada Admin <${email}> in Lagvik kommune.`);

    const { accountId, personId, oldCookie } = await withApp(async (app) => {
      const signIn = await app.inject({ method: 'POST', url: '/api/v1/auth/session', payload: { email, password } });
      expect(signIn.statusCode, signIn.body).toBe(201);
      const session = signIn.json<CurrentSession>();
      expect(session.account).toMatchObject({ name: 'Ada Admin', email, roles: ['member', 'administrator'] });
      expect(session.permissions['tokens:write']).toBe('all');
      const cookie = signIn.cookies[0]!;
      return { accountId: session.account.id, personId: session.account.personId, oldCookie: `${cookie.name}=${cookie.value}` };
    });

    const reset = await lagverkWithInput(`${newPassword}\n`, 'user', 'reset-password', '--email', email.toUpperCase(), '--password-stdin');
    expect(reset.code, reset.stderr).toBe(0);

    const cookie = await withApp(async (app) => {
      expect((await app.inject({ method: 'GET', url: '/api/v1/auth/session', headers: { cookie: oldCookie } })).statusCode).toBe(401);
      const withOld = await app.inject({ method: 'POST', url: '/api/v1/auth/session', payload: { email, password } });
      expect(withOld.statusCode).toBe(401);
      const signIn = await app.inject({ method: 'POST', url: '/api/v1/auth/session', payload: { email, password: newPassword } });
      expect(signIn.statusCode, signIn.body).toBe(201);
      return `${signIn.cookies[0]!.name}=${signIn.cookies[0]!.value}`;
    });

    const minted = await lagverk('token', 'create', '--name', 'Lønnssystemet', '--scope', 'people:read', 'units:read', '--expires', '2099-12-31');
    expect(minted.code, minted.stderr).toBe(0);
    // Only the secret on stdout, so `TOKEN=$(pnpm -s lagverk token create …)` captures it.
    expect(minted.stdout).toMatch(/^lvk_[0-9a-f]{32}_[A-Za-z0-9_-]{43}\n$/);
    expect(minted.stderr).toMatch(/never shown again/);
    const secret = minted.stdout.trim();

    const tokenId = await withApp(async (app) => {
      const bearer = { authorization: `Bearer ${secret}` };
      expect((await app.inject({ method: 'GET', url: '/api/v1/people?limit=1', headers: bearer })).statusCode).toBe(200);
      expect((await app.inject({ method: 'POST', url: '/api/v1/people', headers: bearer, payload: { name: 'Ola' } })).statusCode).toBe(403);
      const tokens = (await app.inject({ method: 'GET', url: '/api/v1/tokens', headers: { cookie } })).json<ApiTokenList>().items;
      expect(tokens).toEqual([expect.objectContaining({
        name: 'Lønnssystemet', scopes: ['people:read', 'units:read'], expiresAt: '2099-12-31T00:00:00.000Z', createdBy: null, revokedAt: null,
      })]);
      return tokens[0]!.id;
    });

    const revoked = await lagverk('token', 'revoke', tokenId);
    expect(revoked.code, revoked.stderr).toBe(0);
    expect(revoked.stdout.trim()).toBe(`Revoked the token "Lønnssystemet" (${tokenId}).`);
    const listed = await lagverk('token', 'list');
    expect(listed.code, listed.stderr).toBe(0);
    expect(listed.stdout).toMatch(new RegExp(`^${tokenId}  revoked \\S+ \\S+  Lønnssystemet  people:read,units:read  last used \\S+ \\S+  created \\S+ \\S+ by the CLI$`, 'm'));

    await withApp(async (app) => {
      const refused = await app.inject({ method: 'GET', url: '/api/v1/people?limit=1', headers: { authorization: `Bearer ${secret}` } });
      expect(refused.statusCode).toBe(401);
    });

    // What the commands changed is in the audit trail, as done at the command line by this OS user.
    const events = await inspect((db) => db.selectFrom('audit_events')
      .select(['entity', 'entity_id', 'action', 'actor_kind', 'actor_name', 'changes'])
      .where('entity_id', 'in', [personId, accountId, tokenId])
      .orderBy('id').execute());
    const account = events.filter((e) => e.entity === 'accounts');
    expect(account.map((e) => [e.entity_id, e.action])).toEqual([[accountId, 'create'], [accountId, 'update']]);
    expect(account[1]!.changes).toEqual({ password_hash: { redacted: true } });
    expect(events.map((e) => `${e.entity} ${e.action}`)).toEqual(['people create', 'accounts create', 'accounts update', 'api_tokens create', 'api_tokens update']);
    for (const event of events) expect([event.actor_kind, event.actor_name]).toEqual(['cli', userInfo().username]);
  }, 240_000);

  // Once is enough: the commands' texts do not depend on the database.
  it.runIf(testDatabaseKind === 'postgres')('will not ask for a password without a terminal', async () => {
      const run = await lagverk('user', 'reset-password', '--email', 'ada.admin@lagvik.kommune.no');
      expect(run.code).toBe(1);
      expect(run.stderr.trim()).toBe('lagverk: There is no terminal to ask for the password: pipe it in and pass --password-stdin.');
    });

  // Help needs no database, so it is checked once, in one project, in one process.
  // Once is enough: the commands' texts do not depend on the database.
  it.runIf(testDatabaseKind === 'postgres')('explains every command with --help', async () => {
      const helps: [string[], RegExp[]][] = [
        [['--help'], [/Usage: lagverk/, /migrate/, /seed/, /org/, /user/, /token/]],
        [
          ['migrate', '--help'],
          [/latest/, /up/, /down/, /status/, /make <name>/],
        ],
        [
          ['migrate', 'latest', '--help'],
          [/Usage: lagverk migrate latest/, /Run every pending migration/],
        ],
        [['migrate', 'up', '--help'], [/Run the next pending migration/]],
        [['migrate', 'down', '--help'], [/Undo the last migration/]],
        [['migrate', 'status', '--help'], [/whether each has run/]],
        [
          ['migrate', 'make', '--help'],
          [/<name>/, /lower case with underscores/],
        ],
        [['seed', '--help'], [/demo/]],
        [
          ['seed', 'demo', '--help'],
          [/--name <name>/, /--org-number <number>/],
        ],
        [
          ['org', '--help'],
          [/create/, /list/],
        ],
        [
          ['org', 'create', '--help'],
          [/--name <name>/, /--org-number <number>/, /--written-standard/],
        ],
        [['org', 'list', '--help'], [/List organisations/]],
        [['user', '--help'], [/create-admin/, /reset-password/]],
        [['user', 'create-admin', '--help'], [/--email <email>/, /--name <name>/, /--org <id or number>/, /--password-stdin/]],
        [['user', 'reset-password', '--help'], [/--email <email>/, /--org <id or number>/, /--password-stdin/, /end all its sessions/]],
        [['token', '--help'], [/create/, /list/, /revoke/]],
        [['token', 'create', '--help'], [/--name <name>/, /--scope <scope\.\.\.>/, /--expires <date>/, /people:read/]],
        [['token', 'list', '--help'], [/--org <id or number>/]],
        [['token', 'revoke', '--help'], [/<id>/]],
      ];
      const run = await node(['test/support/cli-help.ts', JSON.stringify(helps.map(([args]) => args))]);
      expect(run.code, run.stderr).toBe(0);
      const pages = JSON.parse(run.stdout) as { args: string[]; stdout: string; exitCode: number }[];
      helps.forEach(([args, patterns], i) => {
        expect(pages[i]!.exitCode, args.join(' ')).toBe(0);
        for (const pattern of patterns) expect(pages[i]!.stdout, args.join(' ')).toMatch(pattern);
      });
    });
});
