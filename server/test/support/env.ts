import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const tmpFolder = fileURLToPath(new URL('../.tmp/', import.meta.url));

/** The PostgreSQL server tests create their database on (`test` database as the entry point). */
export function testPostgresAdminUrl() {
  return process.env.TEST_POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
}

export const repoRoot = path.resolve(fileURLToPath(new URL('../../../', import.meta.url)));
