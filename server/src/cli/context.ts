import { loadConfig } from '../config.ts';
import { openDatabase, type Database } from '../db/database.ts';
import { userInfo } from 'node:os';
import { withAuditActor } from '../audit/context.ts';

/**
 * Opens the configured database for one command and always closes it again. What the
 * command changes is recorded in the audit trail as done at the command line, by the
 * operating-system user who ran it.
 */
export async function withDatabase<T>(run: (database: Database) => Promise<T>): Promise<T> {
  const config = loadConfig();
  const database = await openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir, poolMax: 2 });
  try {
    return await withAuditActor({ kind: 'cli', name: osUser() }, () => run(database));
  } finally {
    await database.close();
  }
}

export function print(line = '') {
  process.stdout.write(`${line}\n`);
}

function osUser(): string | null {
  try {
    return userInfo().username;
  } catch {
    return null;
  }
}
