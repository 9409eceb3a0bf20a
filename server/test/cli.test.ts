import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FolderMigrationProvider } from '@lagverk/migrations';
import type { Kysely } from 'kysely';
import { execFile } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import path from 'node:path';
import pg from 'pg';
import { openDatabase } from '../src/db/database.ts';
import { testDatabaseKind } from './support/database.ts';
import { testPostgresAdminUrl, tmpFolder } from './support/env.ts';

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

function node(args: string[]): Promise<Run> {
  const env: NodeJS.ProcessEnv = { ...process.env, ...target, LOG_LEVEL: 'error' };
  if (!target.DATABASE_URL) delete env.DATABASE_URL;
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      ['--import', 'tsx', ...args],
      { cwd: serverFolder, env, timeout: 120_000 },
      (error, stdout, stderr) => {
        resolve({ code: error ? (typeof error.code === 'number' ? error.code : 1) : 0, stdout, stderr });
      },
    );
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

beforeAll(async () => {
  if (testDatabaseKind === 'postgres') {
    const name = `lagverk_cli_${process.pid}_${Date.now()}`;
    const admin = new pg.Client({ connectionString: testPostgresAdminUrl() });
    await admin.connect();
    await admin.query(`create database ${name}`);
    await admin.end();
    const url = new URL(testPostgresAdminUrl());
    url.pathname = `/${name}`;
    target = { DATABASE_URL: url.toString() };
    cleanUp = async () => {
      const drop = new pg.Client({ connectionString: testPostgresAdminUrl() });
      await drop.connect();
      await drop.query(`drop database if exists ${name} with (force)`);
      await drop.end();
    };
  } else {
    const folder = await mkdtemp(path.join(tmpFolder, 'cli-'));
    target = { DATA_DIR: path.join(folder, 'data') };
    cleanUp = () => rm(folder, { recursive: true, force: true });
  }
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

  // Help needs no database, so it is checked once, in one project, in one process.
  if (testDatabaseKind === 'postgres')
    it('explains every command with --help', async () => {
      const helps: [string[], RegExp[]][] = [
        [['--help'], [/Usage: lagverk/, /migrate/, /seed/, /org/]],
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
