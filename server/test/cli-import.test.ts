import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { execFile } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import path from 'node:path';
import { migrateToLatest, openDatabase } from '../src/db/database.ts';
import type { DB } from '../src/db/types.ts';
import type { Kysely } from 'kysely';
import { insertOrganisation } from '../src/organisations/repository.ts';
import { importCompletions } from '../src/competence/import.ts';
import { testDatabaseKind } from './support/database.ts';
import { tmpFolder } from './support/env.ts';
import { createCliTarget } from './support/cli-target.ts';

// `pnpm lagverk import units|people <file>` as an administrator runs it, and `pnpm lagverk
// competence import <file>` as a nightly job does, on a database of their own (a fresh data
// folder on PGlite, a fresh database on PostgreSQL). Each process costs seconds, so one
// test walks through dry run, import and refusal, and one run checks the competence command
// (the import itself is tested through the API in competence.test.ts).

const serverFolder = fileURLToPath(new URL('..', import.meta.url));
let target: { DATA_DIR?: string; DATABASE_URL?: string };
let folder: string;
let cleanUp = async () => {};
let organisationId: string;

interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

function node(args: string[]): Promise<Run> {
  const env: NodeJS.ProcessEnv = { ...process.env, ...target, LOG_LEVEL: 'error' };
  if (!target.DATABASE_URL) delete env.DATABASE_URL;
  return new Promise((resolve) => {
    const child = execFile(process.execPath, ['--import', 'tsx', ...args], { cwd: serverFolder, env, timeout: 120_000 }, (error, stdout, stderr) => {
      resolve({ code: error ? (typeof error.code === 'number' ? error.code : 1) : 0, stdout, stderr });
    });
    child.stdin?.end();
  });
}

const lagverk = (...args: string[]) => node(['src/cli/index.ts', ...args]);

/** The CLI's database from the test, between two commands (PGlite allows one process at a time). */
async function inspect<T>(look: (db: Kysely<DB>) => Promise<T>): Promise<T> {
  const database = await openDatabase({ databaseUrl: target.DATABASE_URL, dataDir: target.DATA_DIR, poolMax: 1 });
  try {
    return await look(database.db);
  } finally {
    await database.close();
  }
}

async function file(name: string, text: string) {
  const at = path.join(folder, name);
  await writeFile(at, text);
  return at;
}

beforeAll(async () => {
  folder = await mkdtemp(path.join(tmpFolder, 'cli-import-'));
  ({ env: target, cleanUp } = await createCliTarget('cli-import'));
  await inspect(async (db) => {
    await migrateToLatest(db);
    organisationId = (await insertOrganisation(db, { name: 'Fjaler kommune', orgNumber: '964967636', writtenStandard: 'nn' })).id;
  });
});
afterAll(async () => {
  await cleanUp();
  await rm(folder, { recursive: true, force: true });
});

const unitCount = () => inspect(async (db) => (await db.selectFrom('units').select('id').execute()).length);

describe(`lagverk import on ${testDatabaseKind}`, () => {
  it('previews with --dry-run, imports, and refuses a bad file listing every error', async () => {
    const units = await file('einingar.csv', '\uFEFFexternalId;name;kind;parentExternalId\r\nHO-HJT;Heimetenesta;unit;HO\r\nHO;Helse og omsorg;serviceArea;\r\n');

    const dry = await lagverk('import', 'units', units, '--dry-run', '--org', '964967636');
    expect(dry.code, dry.stderr).toBe(0);
    expect(dry.stdout.trim().split('\n')).toEqual([
      `Dry run of ${units} in Fjaler kommune, nothing saved: it would leave 2 created, 0 updated, 0 unchanged.`,
      '  line 2     HO-HJT  created',
      '  line 3     HO      created',
    ]);
    expect(await unitCount()).toBe(0);

    const real = await lagverk('import', 'units', units);
    expect(real.code, real.stderr).toBe(0);
    expect(real.stdout).toMatch(/^Imported .*einingar\.csv into Fjaler kommune: 2 created, 0 updated, 0 unchanged\.\n/);
    // The audit trail names the command line as the actor of each row written.
    const recorded = await inspect((db) => db.selectFrom('audit_events').select(['action', 'actor_kind']).where('entity', '=', 'units').execute());
    expect(recorded).toEqual([{ action: 'create', actor_kind: 'cli' }, { action: 'create', actor_kind: 'cli' }]);

    const people = await file('tilsette.csv', 'externalId,name,email,unitExternalId\nHR-1,Kari Nordmann,kari(at)kommune.no,HO\nHR-2,,,\nHR-3,Ola Nordmann,,NOWHERE\n');
    const refused = await lagverk('import', 'people', people);
    expect(refused.code).toBe(1);
    expect(refused.stdout).toBe('');
    expect(refused.stderr.trimEnd().split('\n')).toEqual([
      '  line 2, email: is not a valid email address',
      '  line 3, name: is required',
      '  line 4, unitExternalId: names no unit: none in the organisation has this externalId (import the units first)',
      `lagverk: ${people} was not imported. The file has 3 errors on 3 lines; nothing was imported.`,
    ]);
    expect(await inspect(async (db) => (await db.selectFrom('people').select('id').execute()).length)).toBe(0);
  }, 180_000);

  it('imports competence completions from a file into the organisation named, once', async () => {
    await inspect(async (db) => {
      await db.insertInto('people').values({ organisation_id: organisationId, name: 'Kari Nordmann', external_id: 'HR-1' }).execute();
      await db.insertInto('competence_measures').values({ organisation_id: organisationId, kind: 'eLearning', title: 'Personvern', planned_year: 2026, planned_hours: 1, external_key: 'EL-1' }).execute();
    });
    const completions = 'employeeNumber;courseCode;completedOn;hours\nHR-1;EL-1;2026-02-03;1,5\n';
    const csv = await file('fullfort.csv', completions);
    const run = await lagverk('competence', 'import', csv, '--org', '964967636');
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout.trim().split('\n')).toEqual([
      `Imported ${csv} into Fjaler kommune: 1 created, 0 updated, 0 unchanged completions.`,
      '  line 2     2026-02-03  1.5 h  created',
    ]);
    // The same file again, in process this time: the completion is not counted twice.
    const again = await inspect((db) => importCompletions(db, organisationId, completions, { dryRun: false }));
    expect(again).toMatchObject({ created: 0, unchanged: 1 });
    const recorded = await inspect((db) => db.selectFrom('audit_events').select(['action', 'actor_kind']).where('entity', '=', 'competence_enrolments').execute());
    expect(recorded).toEqual([{ action: 'create', actor_kind: 'cli' }]);
  }, 180_000);

  // Help needs no database, so it is checked once, in one project, in one process.
  // Once is enough: the commands' texts do not depend on the database.
  it.runIf(testDatabaseKind === 'postgres')('explains the import commands with --help', async () => {
      const helps: [string[], RegExp[]][] = [
        [['--help'], [/import/]],
        [['import', '--help'], [/units/, /people/, /externalId/]],
        [['import', 'units', '--help'], [/<file>/, /--dry-run/, /--org <id or number>/, /parentExternalId/]],
        [['import', 'people', '--help'], [/<file>/, /--dry-run/, /--org <id or number>/, /unitExternalId/]],
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
