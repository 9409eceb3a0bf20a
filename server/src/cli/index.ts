import { Command, CommanderError } from 'commander';
import { ConfigError } from '../config.ts';
import { registerMigrateCommands } from './migrate.ts';
import { registerDataCommands } from './data.ts';
import { registerImportCommands } from './imports.ts';
import { registerUserCommands } from './users.ts';
import { registerTokenCommands } from './tokens.ts';
import { registerSurveyCommands } from './surveys.ts';
import { registerCompetenceCommands } from './competence.ts';
import { registerNotificationCommands } from './notifications.ts';
import { registerOrgChartCommands } from './org-charts.ts';

// `pnpm lagverk <command>`: the administrator's tool. It talks to the same database as
// the server (DATABASE_URL, or the embedded one under DATA_DIR) and exits non-zero with
// one clear line when something fails.

const program = new Command('lagverk')
  .description('Administer a Lagverk installation: migrations, organisations, demo data, administrators and integration tokens.')
  .showHelpAfterError()
  .exitOverride();

registerMigrateCommands(program);
registerDataCommands(program);
registerImportCommands(program);
registerUserCommands(program);
registerTokenCommands(program);
registerSurveyCommands(program);
registerCompetenceCommands(program);
registerNotificationCommands(program);
registerOrgChartCommands(program);

try {
  await program.parseAsync(process.argv);
} catch (error) {
  if (error instanceof CommanderError) {
    process.exitCode = error.exitCode;
  } else {
    const message = error instanceof ConfigError || error instanceof Error ? error.message : String(error);
    process.stderr.write(`lagverk: ${message}\n`);
    process.exitCode = 1;
  }
}
