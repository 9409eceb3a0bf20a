import { defineConfig } from 'vitest/config';

// Browser tests: headless Chromium against the real server on an embedded database.
export default defineConfig({
  test: {
    include: ['e2e/**/*.test.ts'],
    globalSetup: ['e2e/support/global-setup.ts'],
    testTimeout: 60_000,
    hookTimeout: 240_000,
    // One server and one browser at a time: these machines have two cores.
    fileParallelism: false,
    // The JSON report feeds the suite's closing line (server/scripts/test-summary.mjs).
    reporters: ['default', 'json'],
    outputFile: { json: '../test-results/browser.json' },
  },
});
