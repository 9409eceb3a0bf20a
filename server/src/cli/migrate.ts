import type { Command } from 'commander';
import { writeFile } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { migrationFolder, migrationFilePattern } from '@lagverk/migrations';
import { assertMigrated, migrationStatus, migrator } from '../db/database.ts';
import { print, withDatabase } from './context.ts';
import type { MigrationResult } from 'kysely';

function report(results: MigrationResult[] | undefined, none: string) {
  if (!results || results.length === 0) return print(none);
  for (const r of results) print(`${r.status === 'Success' ? '✓' : '✗'} ${r.direction === 'Up' ? 'up  ' : 'down'} ${r.migrationName}`);
}

export function registerMigrateCommands(program: Command) {
  const migrate = program.command('migrate').description('Run and inspect database migrations.');

  migrate.command('latest').description('Run every pending migration.').action(() =>
    withDatabase(async ({ db, location }) => {
      print(`Database: ${location}`);
      const result = await migrator(db).migrateToLatest();
      report(result.results, 'Nothing to do: the database is up to date.');
      assertMigrated(result);
    }));

  migrate.command('up').description('Run the next pending migration.').action(() =>
    withDatabase(async ({ db }) => {
      const result = await migrator(db).migrateUp();
      report(result.results, 'Nothing to do: the database is up to date.');
      assertMigrated(result);
    }));

  migrate.command('down').description('Undo the last migration that ran.').action(() =>
    withDatabase(async ({ db }) => {
      const result = await migrator(db).migrateDown();
      report(result.results, 'Nothing to undo: no migration has run.');
      assertMigrated(result);
    }));

  migrate.command('status').description('List migrations and whether each has run.').action(() =>
    withDatabase(async ({ db, location }) => {
      print(`Database: ${location}`);
      const list = await migrationStatus(db);
      for (const m of list) print(`${m.executedAt ? `ran ${m.executedAt.toISOString()}` : 'pending                 '}  ${m.name}`);
      const pending = list.filter((m) => !m.executedAt).length;
      print(pending ? `${pending} pending: run \`pnpm lagverk migrate latest\`.` : 'Up to date.');
    }));

  migrate.command('make').description('Create an empty migration file in migrations/src/.')
    .argument('<name>', 'what the migration does, in lower case with underscores, e.g. add_teams')
    .action(async (name: string) => {
      if (!/^[a-z0-9_]{1,60}$/.test(name)) throw new Error('The name may only have lower-case letters, digits and underscores.');
      const { readdir } = await import('node:fs/promises');
      const existing = (await readdir(migrationFolder)).filter((f) => migrationFilePattern.test(f)).sort();
      const last = existing.at(-1);
      const number = String((last ? Number(last.slice(0, 4)) : 0) + 1).padStart(4, '0');
      const file = path.join(migrationFolder, `${number}_${name}.ts`);
      if (existsSync(file)) throw new Error(`${file} exists already.`);
      await writeFile(file, `import type { Kysely } from 'kysely';

// Frozen in time: use Kysely<any> and never import application code.

export async function up(db: Kysely<any>): Promise<void> {
  void db;
}

export async function down(db: Kysely<any>): Promise<void> {
  void db;
}
`);
      print(`Created ${path.relative(process.cwd(), file)}`);
    });
}
