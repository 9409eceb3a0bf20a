import { Kysely, PostgresDialect, Migrator, type MigrationResultSet } from 'kysely';
import pg from 'pg';
import { PGlite } from '@electric-sql/pglite';
import { mkdir } from 'node:fs/promises';
import { FolderMigrationProvider } from '@lagverk/migrations';
import { PGliteDialect } from './pglite-driver.ts';
import type { DB } from './types.ts';
import { AuditedDialect } from '../audit/context.ts';

export type DatabaseKind = 'postgres' | 'pglite';

export interface Database {
  db: Kysely<DB>;
  kind: DatabaseKind;
  /** Where the data lives: the connection target (without password) or the folder. */
  location: string;
  close(): Promise<void>;
}

export interface DatabaseOptions {
  databaseUrl?: string | undefined;
  /** Folder for the embedded database; `memory://` keeps it in memory. */
  dataDir?: string;
  /** An already open PGlite (tests clone one migrated template). */
  pglite?: PGlite;
  poolMax?: number;
}

// Timestamps come back as Date from both drivers; bigint (count) and numeric come
// back as strings from pg, so queries cast counts to int. A `date` stays the string
// 'YYYY-MM-DD': pg would make it a Date at local midnight, which shifts with the time zone.
pg.types.setTypeParser(pg.types.builtins.DATE, (value: string) => value);

export async function openDatabase(options: DatabaseOptions): Promise<Database> {
  if (options.databaseUrl) {
    const pool = new pg.Pool({ connectionString: options.databaseUrl, max: options.poolMax ?? 10 });
    // A pool error (for example the server restarting) must not crash the process;
    // the next query reports it.
    pool.on('error', () => {});
    const db = new Kysely<DB>({ dialect: new AuditedDialect(new PostgresDialect({ pool })) });
    return { db, kind: 'postgres', location: redactUrl(options.databaseUrl), close: () => db.destroy() };
  }
  let pglite = options.pglite;
  const dataDir = options.dataDir ?? './data';
  if (!pglite) {
    if (!dataDir.startsWith('memory://')) await mkdir(dataDir, { recursive: true });
    pglite = new PGlite(dataDir);
  }
  await pglite.waitReady;
  const db = new Kysely<DB>({ dialect: new AuditedDialect(new PGliteDialect(pglite)) });
  return { db, kind: 'pglite', location: dataDir, close: () => db.destroy() };
}

export function redactUrl(url: string): string {
  try {
    const u = new URL(url);
    if (u.password) u.password = '***';
    return u.toString();
  } catch {
    return 'postgres://(unparseable)';
  }
}

export function migrator(db: Kysely<any>): Migrator {
  return new Migrator({ db, provider: new FolderMigrationProvider() });
}

export interface MigrationState {
  name: string;
  executedAt: Date | null;
}

export async function migrationStatus(db: Kysely<any>): Promise<MigrationState[]> {
  const list = await migrator(db).getMigrations();
  return list.map((m) => ({ name: m.name, executedAt: m.executedAt ?? null }));
}

export async function pendingMigrations(db: Kysely<any>): Promise<string[]> {
  return (await migrationStatus(db)).filter((m) => !m.executedAt).map((m) => m.name);
}

/** Throws with every failing migration named, so callers can print one clear message. */
export function assertMigrated(result: MigrationResultSet): void {
  if (result.error) {
    const failed = result.results?.find((r) => r.status === 'Error');
    const cause = result.error instanceof Error ? result.error.message : String(result.error);
    throw new Error(`Migration ${failed?.migrationName ?? ''} failed: ${cause}`, { cause: result.error });
  }
}

export async function migrateToLatest(db: Kysely<any>): Promise<string[]> {
  const result = await migrator(db).migrateToLatest();
  assertMigrated(result);
  return (result.results ?? []).map((r) => r.migrationName);
}
