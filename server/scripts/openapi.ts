import { PGlite } from '@electric-sql/pglite';
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildApp } from '../src/app.ts';
import { openDatabase } from '../src/db/database.ts';

// Writes the OpenAPI document the server serves, for Spectral and other offline tools.
// The document depends only on the routes, so an empty in-memory PGlite is enough: no
// migration, no organisation. The default target is git-ignored, not a committed copy:
// /api/openapi.json is the one source of truth and a copy in git would drift. It sits inside
// the repository because Spectral's per-path overrides only match files below the ruleset.
//
//   node --import tsx scripts/openapi.ts [output-file]

const defaultOutput = fileURLToPath(new URL('../test/.tmp/openapi.json', import.meta.url));

async function main() {
  const output = path.resolve(process.argv[2] ?? defaultOutput);
  const database = await openDatabase({ pglite: new PGlite('memory://'), dataDir: 'memory://' });
  const app = await buildApp({ database });
  try {
    await app.ready();
    const response = await app.inject({ method: 'GET', url: '/api/openapi.json' });
    if (response.statusCode !== 200) throw new Error(`GET /api/openapi.json answered ${response.statusCode}`);
    await mkdir(path.dirname(output), { recursive: true });
    await writeFile(output, `${JSON.stringify(response.json(), null, 2)}\n`);
    process.stdout.write(`OpenAPI document written to ${output}\n`);
  } finally {
    await app.close();
    await database.close();
  }
}

main().catch((error: unknown) => {
  process.stderr.write(
    `Could not write the OpenAPI document: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
  );
  process.exit(1);
});
