import type { Command } from 'commander';
import { pendingMigrations } from '../db/database.ts';
import { insertOrganisation } from '../organisations/repository.ts';
import { demoOrganisation, demoSignInHelp, randomDemoPassword, seedDemo } from '../seed/demo.ts';
import { loadConfig } from '../config.ts';
import { print, withDatabase } from './context.ts';
import type { Database } from '../db/database.ts';

export async function requireMigrated({ db }: Database) {
  const pending = await pendingMigrations(db);
  if (pending.length) throw new Error(`${pending.length} migration(s) pending: run \`pnpm lagverk migrate latest\` first.`);
}

export function registerDataCommands(program: Command) {
  const seed = program.command('seed').description('Load example data.');
  seed.command('demo')
    .description('Create the demo municipality (service areas, units, a few hundred people, teams and one account per role) as a new organisation. The accounts\' password is DEMO_PASSWORD, or a random one printed here.')
    .option('--name <name>', 'the organisation name', demoOrganisation.name)
    .option('--org-number <number>', 'nine-digit organisation number', demoOrganisation.orgNumber)
    .option('--if-empty', 'do nothing when the installation already has an organisation (for start-up scripts)')
    .action((options: { name: string; orgNumber: string; ifEmpty?: boolean }) =>
      withDatabase(async (database) => {
        await requireMigrated(database);
        if (options.ifEmpty && (await database.db.selectFrom('organisations').select('id').limit(1).executeTakeFirst())) {
          return print('The installation has an organisation already; no demo seeded.');
        }
        if (!/^\d{9}$/.test(options.orgNumber)) throw new Error('The organisation number must be nine digits.');
        const existing = await database.db.selectFrom('organisations').select('id').where('org_number', '=', options.orgNumber).executeTakeFirst();
        if (existing) throw new Error(`An organisation with number ${options.orgNumber} exists already; pass --org-number.`);
        const password = loadConfig().demoPassword ?? randomDemoPassword();
        const id = await seedDemo(database.db, password, { name: options.name, orgNumber: options.orgNumber, writtenStandard: 'nb' });
        const people = await database.db.selectFrom('people').select((eb) => eb.fn.countAll<number>().as('n')).where('organisation_id', '=', id).executeTakeFirstOrThrow();
        print(`Created ${options.name} (${id}) with ${Number(people.n)} people.`);
        print(demoSignInHelp(password));
      }));

  const org = program.command('org').description('Manage organisations (municipalities) on this installation.');
  org.command('create')
    .description('Create an organisation.')
    .requiredOption('--name <name>', 'the name, e.g. "Fjaler kommune"')
    .requiredOption('--org-number <number>', 'nine-digit organisation number')
    .option('--written-standard <nb|nn>', 'bokmål (nb) or nynorsk (nn)', 'nb')
    .action((options: { name: string; orgNumber: string; writtenStandard: string }) =>
      withDatabase(async (database) => {
        await requireMigrated(database);
        if (!/^\d{9}$/.test(options.orgNumber)) throw new Error('The organisation number must be nine digits.');
        if (options.writtenStandard !== 'nb' && options.writtenStandard !== 'nn') throw new Error('--written-standard must be nb or nn.');
        if (!options.name.trim() || options.name.length > 200) throw new Error('The name must be 1–200 characters.');
        const row = await insertOrganisation(database.db, { name: options.name.trim(), orgNumber: options.orgNumber, writtenStandard: options.writtenStandard });
        print(`Created ${row.name} (${row.id}).`);
      }));

  org.command('list').description('List organisations.').action(() =>
    withDatabase(async ({ db }) => {
      const rows = await db.selectFrom('organisations').selectAll().orderBy('created_at').execute();
      for (const r of rows) print(`${r.id}  ${r.org_number}  ${r.written_standard}  ${r.name}`);
      if (rows.length === 0) print('No organisations yet.');
    }));
}
