import { mkdtemp, rm } from 'node:fs/promises';
import path from 'node:path';
import pg from 'pg';
import { testDatabaseKind } from './database.ts';
import { testPostgresAdminUrl, tmpFolder } from './env.ts';

/**
 * A database of its own for CLI processes: a fresh PostgreSQL database, or a fresh PGlite
 * data folder. `env` points the CLI at it; `cleanUp` removes it.
 */
export async function createCliTarget(prefix: string): Promise<{ env: Record<string, string>; cleanUp: () => Promise<void> }> {
  if (testDatabaseKind === 'postgres') {
    const name = `lagverk_${prefix.replace(/[^a-z0-9]/g, '_')}_${process.pid}_${Date.now()}`;
    const admin = new pg.Client({ connectionString: testPostgresAdminUrl() });
    await admin.connect();
    await admin.query(`create database ${name}`);
    await admin.end();
    const url = new URL(testPostgresAdminUrl());
    url.pathname = `/${name}`;
    return {
      env: { DATABASE_URL: url.toString() },
      cleanUp: async () => {
        const drop = new pg.Client({ connectionString: testPostgresAdminUrl() });
        await drop.connect();
        await drop.query(`drop database if exists ${name} with (force)`);
        await drop.end();
      },
    };
  }
  const folder = await mkdtemp(path.join(tmpFolder, `${prefix}-`));
  return { env: { DATA_DIR: path.join(folder, 'data') }, cleanUp: () => rm(folder, { recursive: true, force: true }) };
}
