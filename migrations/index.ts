import { readdir } from 'node:fs/promises';
import { fileURLToPath, pathToFileURL } from 'node:url';
import path from 'node:path';
import type { Migration, MigrationProvider } from 'kysely';

/** The folder that holds the migration files, named `NNNN_description.ts`. */
export const migrationFolder = fileURLToPath(new URL('./src/', import.meta.url));

const migrationFile = /^\d{4}_[a-z0-9_]+\.ts$/;

/**
 * Loads every migration in `src/` in name order. Kysely's FileMigrationProvider would do,
 * but it also picks up `.d.ts` and test files; this one takes only `NNNN_name.ts`.
 */
export class FolderMigrationProvider implements MigrationProvider {
  constructor(private readonly folder = migrationFolder) {}

  async getMigrations(): Promise<Record<string, Migration>> {
    const files = (await readdir(this.folder)).filter((f) => migrationFile.test(f)).sort();
    const migrations: Record<string, Migration> = {};
    for (const file of files) {
      const mod = (await import(pathToFileURL(path.join(this.folder, file)).href)) as Migration;
      migrations[file.replace(/\.ts$/, '')] = mod;
    }
    return migrations;
  }
}

export const migrationFilePattern = migrationFile;
