import type { TestProject } from 'vitest/node';
import { PGlite } from '@electric-sql/pglite';
import pg from 'pg';
import { mkdir, writeFile, rm } from 'node:fs/promises';
import path from 'node:path';
import { openDatabase, migrateToLatest } from '../../src/db/database.ts';
import { testPostgresAdminUrl, tmpFolder } from './env.ts';

// Once per run: one fresh PostgreSQL database, and one migrated PGlite data folder
// dumped to a file that each test file loads (a fresh PGlite costs seconds; a load less).

export default async function setup(project: TestProject) {
  await mkdir(tmpFolder, { recursive: true });
  // The project's env reaches the test workers, not this process: read it from the config.
  const kind = project.config.env?.TEST_DB ?? 'pglite';
  if (kind === 'postgres') {
    const dbName = `lagverk_test_${process.pid}_${Date.now()}`;
    const admin = new pg.Client({ connectionString: testPostgresAdminUrl() });
    try {
      await admin.connect();
    } catch (error) {
      throw new Error(`PostgreSQL is not reachable at ${testPostgresAdminUrl()} (set TEST_POSTGRES_URL): ${(error as Error).message}`);
    }
    await admin.query(`create database ${dbName}`);
    await admin.end();
    const url = new URL(testPostgresAdminUrl());
    url.pathname = `/${dbName}`;
    const database = await openDatabase({ databaseUrl: url.toString() });
    await migrateToLatest(database.db);
    await database.close();
    project.provide('databaseUrl', url.toString());
    return async () => {
      const drop = new pg.Client({ connectionString: testPostgresAdminUrl() });
      await drop.connect();
      await drop.query(`drop database if exists ${dbName} with (force)`);
      await drop.end();
    };
  }
  const pglite = new PGlite('memory://');
  const database = await openDatabase({ pglite });
  await migrateToLatest(database.db);
  const dump = await pglite.dumpDataDir('none');
  await database.close();
  const file = path.join(tmpFolder, `pglite-template-${process.pid}.tar`);
  await writeFile(file, Buffer.from(await dump.arrayBuffer()));
  project.provide('pgliteTemplate', file);
  return async () => {
    await rm(file, { force: true });
  };
}

declare module 'vitest' {
  export interface ProvidedContext {
    databaseUrl?: string;
    pgliteTemplate?: string;
  }
}
