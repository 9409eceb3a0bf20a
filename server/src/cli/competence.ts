import type { Command } from 'commander';
import { readFile } from 'node:fs/promises';
import type { CompetenceImportReport } from '@lagverk/shared';
import { HttpProblem } from '../http/problem.ts';
import { decodeCsv } from '../imports/csv.ts';
import { importCompletions } from '../competence/import.ts';
import { print, withDatabase } from './context.ts';
import { requireMigrated } from './data.ts';
import { organisationFor, orgOptionHelp } from './organisation-option.ts';

// `pnpm lagverk competence import <file.csv>`: the same import as POST
// /api/v1/competence-imports, for a nightly job from the learning platform's export.

const verbs = { create: 'created', update: 'updated', unchanged: 'unchanged' } as const;

function printReport(file: string, organisation: string, report: CompetenceImportReport) {
  const counts = `${report.created} created, ${report.updated} updated, ${report.unchanged} unchanged`;
  print(report.dryRun
    ? `Dry run of ${file} in ${organisation}, nothing saved: it would leave ${counts} completions.`
    : `Imported ${file} into ${organisation}: ${counts} completions.`);
  for (const row of report.rows) {
    if (row.action !== 'unchanged') print(`  line ${String(row.line).padEnd(5)} ${row.completedOn}  ${row.hours} h  ${verbs[row.action]}`);
  }
}

/** `/csv/12/email` as "line 12, email"; `/csv` as "the file". */
function place(path: string) {
  const [, line, column] = /^\/csv(?:\/(\d+))?(?:\/(.+))?$/.exec(path) ?? [];
  if (!line) return 'the file';
  return column ? `line ${line}, ${column.replace(/~1/g, '/').replace(/~0/g, '~')}` : `line ${line}`;
}

export function registerCompetenceCommands(program: Command) {
  const command = program.command('competence').description('Competence measures: import completions from a learning platform.');
  command.command('import <file>')
    .description('Record completed courses from a CSV file (columns: employeeNumber and/or email, courseCode, completedOn, hours), all or nothing; the same completion imported twice counts once.')
    .option('--dry-run', 'check the file and print what would change, without saving anything')
    .option('--org <id or number>', orgOptionHelp)
    .action((file: string, options: { dryRun?: boolean; org?: string }) =>
      withDatabase(async (database) => {
        await requireMigrated(database);
        const organisation = await organisationFor(database.db, options.org);
        const bytes = await readFile(file).catch((error: NodeJS.ErrnoException) => {
          throw new Error(`Cannot read ${file}: ${error.code === 'ENOENT' ? 'no such file' : error.message}.`);
        });
        try {
          printReport(file, organisation.name, await importCompletions(database.db, organisation.id, decodeCsv(bytes), { dryRun: options.dryRun === true }));
        } catch (error) {
          if (!(error instanceof HttpProblem)) throw error;
          for (const e of error.extras.errors ?? []) process.stderr.write(`  ${place(e.path)}: ${e.message}\n`);
          throw new Error(`${file} was not imported. ${error.detail}`);
        }
      }));
}
