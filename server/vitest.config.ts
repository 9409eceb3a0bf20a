import { defineConfig } from 'vitest/config';

// The API suite runs twice, once per database: embedded PGlite and real PostgreSQL.
const shared = {
  include: ['test/**/*.test.ts'],
  globalSetup: ['test/support/global-setup.ts'],
  testTimeout: 60_000,
  hookTimeout: 120_000,
  // Each file loads its own PGlite (hundreds of MB); two at a time fit these machines.
  maxWorkers: 2,
  // Files share a worker's module cache: importing the app costs each file about a second
  // otherwise. Every file builds its own app and database, and no test mocks a module.
  isolate: false,
};

export default defineConfig({
  test: {
    reporters: ['default', 'json'],
    outputFile: { json: '../test-results/api.json' },
    projects: [
      { test: { ...shared, name: 'api-pglite', env: { TEST_DB: 'pglite' } } },
      { test: { ...shared, name: 'api-postgres', env: { TEST_DB: 'postgres' } } },
    ],
  },
});
