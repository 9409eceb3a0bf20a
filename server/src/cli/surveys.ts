import type { Command } from 'commander';
import { createDefaultSurveyTemplates } from '../surveys/defaults.ts';
import { print, withDatabase } from './context.ts';
import { requireMigrated } from './data.ts';
import { organisationFor, orgOptionHelp } from './organisation-option.ts';

// Organisations made before surveys existed have no default templates; this adds them.

export function registerSurveyCommands(program: Command) {
  const surveys = program.command('surveys').description('Survey templates.');
  surveys.command('add-defaults')
    .description("Add the default survey templates (an employee survey and a service-user survey) in the organisation's written standard. Templates it already has by name are left alone, so running it twice adds nothing.")
    .option('--org <id or number>', orgOptionHelp)
    .action((options: { org?: string }) =>
      withDatabase(async (database) => {
        await requireMigrated(database);
        const organisation = await organisationFor(database.db, options.org);
        const row = await database.db.selectFrom('organisations').select('written_standard').where('id', '=', organisation.id).executeTakeFirstOrThrow();
        const added = await database.db.transaction().execute((trx) => createDefaultSurveyTemplates(trx, organisation.id, row.written_standard));
        if (added.length === 0) return print(`${organisation.name} has the default survey templates already; nothing added.`);
        print(`Added ${added.length} survey template(s) to ${organisation.name}: ${added.join('; ')}.`);
      }));
}
