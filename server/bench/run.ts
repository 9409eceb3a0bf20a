import autocannon from 'autocannon';
import { fork, type ChildProcess } from 'node:child_process';
import { deepStrictEqual } from 'node:assert';
import { once } from 'node:events';
import { mkdir, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import pg from 'pg';
import { PGlite } from '@electric-sql/pglite';
import { migrateToLatest, openDatabase } from '../src/db/database.ts';
import { assertSameSql } from './floor.ts';
import { seedBenchOrganisation } from './seed.ts';
import type { ServeMessage } from './serve.ts';

// `pnpm bench`: GET /api/v1/people?limit=50 on an organisation of 10,000 people, against
// the real app and against the floor (bare Fastify + the same SQL and driver), one after
// the other, each in its own process, on PGlite and on PostgreSQL. See README.md.

const { values: args } = parseArgs({
  options: {
    duration: { type: 'string', default: process.env.BENCH_DURATION ?? '10' },
    warmup: { type: 'string', default: process.env.BENCH_WARMUP ?? '3' },
    connections: { type: 'string', default: process.env.BENCH_CONNECTIONS ?? '10' },
    database: { type: 'string', default: process.env.BENCH_DATABASE ?? 'both' },
    people: { type: 'string', default: process.env.BENCH_PEOPLE ?? '10000' },
  },
});
const options = {
  duration: positive('duration'),
  warmup: Number(args.warmup),
  connections: positive('connections'),
  people: positive('people'),
  databases: args.database === 'both' ? ['pglite', 'postgres'] as const
    : args.database === 'pglite' || args.database === 'postgres' ? [args.database] as const
      : fail(`--database must be pglite, postgres or both, not ${args.database}`),
};
const adminUrl = process.env.BENCH_POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const path = '/api/v1/people?limit=50';
const targets = ['floor', 'app'] as const;
type Target = (typeof targets)[number];
type Kind = (typeof options.databases)[number];

interface Figures {
  requestsPerSecond: number;
  latencyP50Ms: number;
  latencyP99Ms: number;
  peakRssMb: number;
  peakHeapUsedMb: number;
  requests: number;
  non2xx: number;
  errors: number;
}

const cleanups: (() => Promise<void>)[] = [];
let child: ChildProcess | undefined;
process.once('SIGINT', () => {
  child?.kill();
  void cleanUp().finally(() => process.exit(130));
});

async function main() {
  await assertSameSql();
  const machine = {
    cpus: os.cpus().length, cpuModel: os.cpus()[0]?.model ?? 'unknown', totalMemoryGb: round(os.totalmem() / 2 ** 30, 1),
    node: process.version, platform: `${os.platform()} ${os.release()}`,
  };
  process.stdout.write(`Machine: ${machine.cpus} cores (${machine.cpuModel}), ${machine.totalMemoryGb} GiB, Node ${machine.node}\n`);
  process.stdout.write(`GET ${path}: ${options.people} people, ${options.connections} connections, ` +
    `${options.warmup} s warm-up + ${options.duration} s each\n`);

  const results: Partial<Record<Kind, { floor: Figures; app: Figures; ratio: Record<string, number> }>> = {};
  for (const kind of options.databases) {
    process.stdout.write(`\n${kind}: seeding…`);
    const started = Date.now();
    const env = kind === 'pglite' ? await preparePglite() : await preparePostgres();
    process.stdout.write(` ${((Date.now() - started) / 1000).toFixed(1)} s\n`);
    const bodies: Partial<Record<Target, unknown>> = {};
    const figures: Partial<Record<Target, Figures>> = {};
    for (const target of targets) {
      const run = await measure(target, env);
      bodies[target] = run.body;
      figures[target] = run.figures;
    }
    // The floor is only a floor if it answers exactly what the app answers.
    deepStrictEqual(bodies.floor, bodies.app, 'the floor and the app answer different bodies');
    await cleanUp();
    const { floor, app } = figures as Record<Target, Figures>;
    const ratio = {
      requestsPerSecond: round(app.requestsPerSecond / floor.requestsPerSecond, 3),
      latencyP50: round(app.latencyP50Ms / floor.latencyP50Ms, 3),
      latencyP99: round(app.latencyP99Ms / floor.latencyP99Ms, 3),
      peakRss: round(app.peakRssMb / floor.peakRssMb, 3),
      peakHeapUsed: round(app.peakHeapUsedMb / floor.peakHeapUsedMb, 3),
    };
    results[kind] = { floor, app, ratio };
    printTable(kind, floor, app, ratio);
  }

  const file = fileURLToPath(new URL('./results/latest.json', import.meta.url));
  await mkdir(new URL('./results/', import.meta.url), { recursive: true });
  await writeFile(file, `${JSON.stringify({ date: new Date().toISOString(), machine, options: { ...options, path }, results }, null, 2)}\n`);
  process.stdout.write(`\nWritten to ${file}\n`);
  const below = Object.entries(results).filter(([, r]) => r.ratio.requestsPerSecond < 0.9).map(([k]) => k);
  process.stdout.write(below.length ? `Below the goal of 0.9 × the floor on: ${below.join(', ')}\n` : 'Goal met: at least 0.9 × the floor.\n');
}

type ServeEnv = Record<string, string>;

async function preparePglite(): Promise<ServeEnv> {
  const pglite = new PGlite('memory://');
  const database = await openDatabase({ pglite, dataDir: 'memory://' });
  await migrateToLatest(database.db);
  const organisationId = await seedBenchOrganisation(database.db, options.people);
  // Each server process loads this same data folder into its own PGlite.
  const dump = await pglite.dumpDataDir('none');
  await database.close();
  const file = `${os.tmpdir()}/lagverk-bench-${process.pid}.tar`;
  await writeFile(file, Buffer.from(await dump.arrayBuffer()));
  cleanups.push(() => rm(file, { force: true }));
  return { BENCH_PGLITE_DUMP: file, BENCH_ORGANISATION_ID: organisationId };
}

async function preparePostgres(): Promise<ServeEnv> {
  const name = `lagverk_bench_${process.pid}_${Date.now()}`;
  await admin(`create database ${name}`);
  cleanups.push(() => admin(`drop database if exists ${name} with (force)`));
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  const database = await openDatabase({ databaseUrl: url.toString() });
  await migrateToLatest(database.db);
  const organisationId = await seedBenchOrganisation(database.db, options.people);
  await database.close();
  return { BENCH_DATABASE_URL: url.toString(), BENCH_ORGANISATION_ID: organisationId };
}

async function admin(statement: string) {
  const client = new pg.Client({ connectionString: adminUrl });
  try {
    await client.connect();
  } catch (error) {
    throw new Error(`PostgreSQL is not reachable at ${adminUrl} (set BENCH_POSTGRES_URL): ${(error as Error).message}`);
  }
  try {
    await client.query(statement);
  } finally {
    await client.end();
  }
}

/** Starts one server in its own process, warms it up, measures it, and stops it. */
async function measure(target: Target, env: ServeEnv) {
  const server = fork(fileURLToPath(new URL('./serve.ts', import.meta.url)), {
    execArgv: ['--import', 'tsx'],
    env: { ...process.env, ...env, BENCH_TARGET: target },
  });
  child = server;
  try {
    const ready = await nextMessage(server);
    const url = `http://127.0.0.1:${ready.port}${path}`;
    const response = await fetch(url);
    if (response.status !== 200) throw new Error(`${target} answered ${response.status}: ${await response.text()}`);
    const body: unknown = await response.json();
    if (options.warmup > 0) await autocannon({ url, connections: options.connections, duration: options.warmup });
    server.send('measure');
    const result = await autocannon({ url, connections: options.connections, duration: options.duration });
    server.send('report');
    const memory = await nextMessage(server);
    const figures: Figures = {
      requestsPerSecond: round(result.requests.average, 1),
      latencyP50Ms: result.latency.p50,
      latencyP99Ms: result.latency.p99,
      peakRssMb: round(memory.peakRss! / 2 ** 20, 1),
      peakHeapUsedMb: round(memory.peakHeapUsed! / 2 ** 20, 1),
      requests: result.requests.total,
      non2xx: result.non2xx,
      errors: result.errors,
    };
    if (figures.non2xx || figures.errors) process.stderr.write(`  ${target}: ${figures.non2xx} non-2xx, ${figures.errors} errors\n`);
    return { body, figures };
  } finally {
    if (server.exitCode === null && server.connected) {
      const exited = once(server, 'exit');
      server.send('stop');
      // A server that does not close in time is ended; the next one needs the machine.
      const timer = setTimeout(() => server.kill('SIGKILL'), 10_000);
      await exited;
      clearTimeout(timer);
    }
    child = undefined;
  }
}

async function nextMessage(server: ChildProcess): Promise<ServeMessage> {
  const [message] = await Promise.race([
    once(server, 'message') as Promise<[ServeMessage]>,
    once(server, 'exit').then(([code]) => fail(`the server process exited (code ${String(code)}) before answering`)),
  ]);
  return message;
}

function printTable(kind: Kind, floor: Figures, app: Figures, ratio: Record<string, number>) {
  const rows = [
    ['', 'req/s', 'p50 ms', 'p99 ms', 'peak RSS MB', 'peak heap MB'],
    ...([['floor', floor], ['Lagverk', app]] as const).map(([name, f]) =>
      [name, f.requestsPerSecond.toFixed(0), String(f.latencyP50Ms), String(f.latencyP99Ms), f.peakRssMb.toFixed(1), f.peakHeapUsedMb.toFixed(1)]),
    ['Lagverk ÷ floor', ...Object.values(ratio).map((r) => r.toFixed(2))],
  ];
  const widths = rows[0]!.map((_, i) => Math.max(...rows.map((r) => r[i]!.length)));
  for (const row of rows) process.stdout.write(`  ${row.map((cell, i) => (i === 0 ? cell.padEnd(widths[i]!) : cell.padStart(widths[i]!))).join('  ')}\n`);
}

async function cleanUp() {
  while (cleanups.length) await cleanups.pop()!().catch((error: unknown) => process.stderr.write(`cleanup: ${String(error)}\n`));
}

function positive(name: 'duration' | 'connections' | 'people'): number {
  const n = Number(args[name]);
  return Number.isInteger(n) && n > 0 ? n : fail(`--${name} must be a positive whole number, not ${args[name]}`);
}

function round(n: number, digits: number) {
  return Number(n.toFixed(digits));
}

function fail(message: string): never {
  throw new Error(message);
}

try {
  await main();
} catch (error) {
  process.stderr.write(`\nThe bench failed: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exitCode = 1;
} finally {
  await cleanUp();
}
