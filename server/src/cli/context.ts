import { loadConfig } from '../config.ts';
import { openDatabase, type Database } from '../db/database.ts';

/** Opens the configured database for one command and always closes it again. */
export async function withDatabase<T>(run: (database: Database) => Promise<T>): Promise<T> {
  const config = loadConfig();
  const database = await openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir, poolMax: 2 });
  try {
    return await run(database);
  } finally {
    await database.close();
  }
}

export function print(line = '') {
  process.stdout.write(`${line}\n`);
}
