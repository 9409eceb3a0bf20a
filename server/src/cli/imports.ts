import type { Command } from 'commander';
import { readFile } from 'node:fs/promises';
import type { ImportReport } from '@lagverk/shared';
import { HttpProblem } from '../http/problem.ts';
import { decodeCsv } from '../imports/csv.ts';
import { importPeople, importUnits } from '../imports/service.ts';
import { print, withDatabase } from './context.ts';
import { requireMigrated } from './data.ts';
import { organisationFor, orgOptionHelp } from './organisation-option.ts';

// `pnpm lagverk import units|people <file.csv>`: the same import as
// POST /api/v1/imports/{units,people}, for a first load or a nightly job. The report goes
// to stdout; a refused file lists every error on stderr and exits with status 1.

const verbs = { create: 'created', update: 'updated', unchanged: 'unchanged' } as const;

function printReport(file: string, organisation: string, report: ImportReport) {
  const counts = `${report.created} created, ${report.updated} updated, ${report.unchanged} unchanged`;
  print(report.dryRun
    ? `Dry run of ${file} in ${organisation}, nothing saved: it would leave ${counts}.`
    : `Imported ${file} into ${organisation}: ${counts}.`);
  const width = Math.max(0, ...report.rows.map((r) => r.externalId.length));
  for (const row of report.rows) {
    if (row.action === 'unchanged') continue;
    const changes = row.changes ? `: ${row.changes.join(', ')}` : '';
    print(`  line ${String(row.line).padEnd(5)} ${row.externalId.padEnd(width)}  ${verbs[row.action]}${changes}`);
  }
}

/** `/csv/12/email` as "line 12, email"; `/csv` as "the file". */
function place(path: string) {
  const [, line, column] = /^\/csv(?:\/(\d+))?(?:\/(.+))?$/.exec(path) ?? [];
  if (!line) return 'the file';
  const name = column?.replace(/~1/g, '/').replace(/~0/g, '~');
  return name ? `line ${line}, ${name}` : `line ${line}`;
}

export function registerImportCommands(program: Command) {
  const command = program.command('import')
    .description('Import units or people from a CSV file: created or updated by externalId, all or nothing.');
  for (const kind of ['units', 'people'] as const) {
    command.command(`${kind} <file>`)
      .description(kind === 'units'
        ? 'Create or update service areas, units and sections from a CSV file (columns: externalId, name, kind, parentExternalId, managerExternalId, description, active).'
        : 'Create or update people from a CSV file (columns: externalId, name, email, phone, title, profession, unitExternalId, active).')
      .option('--dry-run', 'check the file and print what would change, without saving anything')
      .option('--org <id or number>', orgOptionHelp)
      .action((file: string, options: { dryRun?: boolean; org?: string }) =>
        withDatabase(async (database) => {
          await requireMigrated(database);
          const organisation = await organisationFor(database.db, options.org);
          const bytes = await readFile(file).catch((error: NodeJS.ErrnoException) => {
            throw new Error(`Cannot read ${file}: ${error.code === 'ENOENT' ? 'no such file' : error.message}.`);
          });
          const run = kind === 'units' ? importUnits : importPeople;
          try {
            const report = await run(database.db, organisation.id, decodeCsv(bytes), { dryRun: options.dryRun === true });
            printReport(file, organisation.name, report);
          } catch (error) {
            if (!(error instanceof HttpProblem)) throw error;
            for (const e of error.extras.errors ?? []) process.stderr.write(`  ${place(e.path)}: ${e.message}\n`);
            throw new Error(`${file} was not imported. ${error.detail}`);
          }
        }));
  }
}
