import { readFile } from 'node:fs/promises';
import pg from 'pg';
import { PGlite } from '@electric-sql/pglite';
import { buildApp } from '../src/app.ts';
import { openDatabase } from '../src/db/database.ts';
import { buildFloor, pgliteQuery, pgliteTransaction, poolQuery, poolTransaction } from './floor.ts';

// One server under test, in its own process (forked by run.ts), so it has a core to
// itself instead of sharing the event loop with autocannon, and its memory is its own.
// It reports its port, then its peak memory over the measured turns.

export interface ServeMessage {
  type: 'listening' | 'memory';
  port?: number;
  peakRss?: number;
  peakHeapUsed?: number;
  /** CPU time (user + system) spent while under load, in microseconds. */
  cpuMicros?: number;
}

const target = process.env.BENCH_TARGET as 'app' | 'floor';
const databaseUrl = process.env.BENCH_DATABASE_URL;
const pgliteDump = process.env.BENCH_PGLITE_DUMP;
const organisationId = process.env.BENCH_ORGANISATION_ID!;
/** The app's default pool size (PG_POOL_MAX), for both. */
const poolMax = 10;

async function openPglite() {
  const pglite = new PGlite({ loadDataDir: new Blob([await readFile(pgliteDump!)]) });
  await pglite.waitReady;
  return pglite;
}

async function start() {
  if (target === 'app') {
    const database = databaseUrl
      ? await openDatabase({ databaseUrl, poolMax })
      : await openDatabase({ pglite: await openPglite(), dataDir: 'memory://' });
    // Logging off, as in the floor: the bench measures the request path, not the logger.
    const app = await buildApp({ database, logger: false });
    return { app, close: () => database.close() };
  }
  if (databaseUrl) {
    const pool = new pg.Pool({ connectionString: databaseUrl, max: poolMax });
    return { app: buildFloor(poolQuery(pool), organisationId, poolTransaction(pool)), close: () => pool.end() };
  }
  const pglite = await openPglite();
  return { app: buildFloor(pgliteQuery(pglite), organisationId, pgliteTransaction(pglite)), close: () => pglite.close() };
}

const server = await start();
await server.app.listen({ host: '127.0.0.1', port: 0 });
const address = server.app.server.address();
const port = typeof address === 'object' && address ? address.port : 0;

let sampler: NodeJS.Timeout | undefined;
let peakRss = 0;
let peakHeapUsed = 0;
let cpuMicros = 0;
let cpuAtStart: NodeJS.CpuUsage | undefined;
function sample() {
  const m = process.memoryUsage();
  peakRss = Math.max(peakRss, m.rss);
  peakHeapUsed = Math.max(peakHeapUsed, m.heapUsed);
}

// Memory and CPU time are counted only while this server is under load, so they are its own.
// CPU time per request is steadier than requests/s when other work shares the machine.
process.on('message', (message: string) => {
  if (message === 'measure') {
    cpuAtStart = process.cpuUsage();
    sample();
    sampler = setInterval(sample, 100);
  } else if (message === 'pause') {
    const used = process.cpuUsage(cpuAtStart);
    cpuMicros += used.user + used.system;
    clearInterval(sampler);
    sample();
  } else if (message === 'report') {
    process.send!({ type: 'memory', peakRss, peakHeapUsed, cpuMicros } satisfies ServeMessage);
  } else if (message === 'stop') {
    void server.app.close().then(server.close).finally(() => process.exit(0));
  }
});
process.send!({ type: 'listening', port } satisfies ServeMessage);
