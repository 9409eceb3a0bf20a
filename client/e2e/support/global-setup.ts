import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { TestProject } from 'vitest/node';
import { demoPassword } from './accounts.ts';

// Once per run: build the client if needed, start the real server on a free port with
// a fresh embedded database (the demo municipality seeds itself, its accounts with a
// known password), stop it at the end.

const clientDir = fileURLToPath(new URL('../../', import.meta.url));
const serverDir = path.resolve(clientDir, '../server');
const distDir = path.join(clientDir, 'dist');

function findChromium(): string | null {
  const candidate = process.env.CHROMIUM_PATH || '/usr/bin/chromium';
  if (existsSync(candidate)) return candidate;
  if (process.env.CI) throw new Error(`Chromium not found at ${candidate}; the browser tests cannot run in CI without it (set CHROMIUM_PATH).`);
  process.stderr.write(`\n  Skipping the browser tests: no Chromium at ${candidate}. Install it or set CHROMIUM_PATH.\n\n`);
  return null;
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address();
      probe.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port'))));
    });
  });
}

/** The same check `pnpm start` makes: build when dist/ is missing or older than the sources. */
function buildClientIfMissing() {
  const result = spawnSync(process.execPath, [path.join(clientDir, 'scripts/build-if-missing.mjs')], { cwd: clientDir, stdio: 'inherit' });
  if (result.status !== 0) throw new Error('Building the client for the browser tests failed.');
}

async function waitUntilReady(url: string, server: ChildProcess, log: () => string) {
  const deadline = Date.now() + 180_000;
  while (Date.now() < deadline) {
    if (server.exitCode !== null) throw new Error(`The server exited with code ${server.exitCode}:\n${log()}`);
    try {
      const response = await fetch(`${url}/api/ready`);
      if (response.ok) return;
    } catch {
      // Not listening yet.
    }
    await new Promise((resolve) => setTimeout(resolve, 300));
  }
  throw new Error(`The server did not become ready within 180 s:\n${log()}`);
}

function stop(server: ChildProcess): Promise<void> {
  if (server.exitCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    const force = setTimeout(() => server.kill('SIGKILL'), 15_000);
    server.once('exit', () => {
      clearTimeout(force);
      resolve();
    });
    server.kill('SIGTERM');
  });
}

export default async function setup(project: TestProject) {
  const chromiumPath = findChromium();
  project.provide('chromiumPath', chromiumPath);
  project.provide('baseUrl', '');
  if (!chromiumPath) return;

  buildClientIfMissing();
  const dataDir = await mkdtemp(path.join(tmpdir(), 'lagverk-e2e-'));
  const port = await freePort();
  let output = '';
  const server = spawn(process.execPath, ['--import', 'tsx', 'src/server.ts'], {
    cwd: serverDir,
    env: {
      ...process.env, PORT: String(port), HOST: '127.0.0.1', DATA_DIR: dataDir, CLIENT_DIST: distDir, LOG_LEVEL: 'warn',
      DEMO_PASSWORD: demoPassword,
      // Plain http on 127.0.0.1, as in development: no Secure cookie.
      SECURE_COOKIES: 'false',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const collect = (chunk: Buffer) => {
    output = (output + chunk.toString()).slice(-20_000);
  };
  server.stdout?.on('data', collect);
  server.stderr?.on('data', collect);

  const baseUrl = `http://127.0.0.1:${port}`;
  try {
    await waitUntilReady(baseUrl, server, () => output);
  } catch (error) {
    await stop(server);
    await rm(dataDir, { recursive: true, force: true });
    throw error;
  }
  project.provide('baseUrl', baseUrl);

  return async () => {
    await stop(server);
    await rm(dataDir, { recursive: true, force: true });
  };
}

declare module 'vitest' {
  export interface ProvidedContext {
    chromiumPath: string | null;
    baseUrl: string;
  }
}
