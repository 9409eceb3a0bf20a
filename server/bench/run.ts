import autocannon from 'autocannon';
import { fork, type ChildProcess } from 'node:child_process';
import { deepStrictEqual } from 'node:assert';
import { once } from 'node:events';
import { mkdir, writeFile } from 'node:fs/promises';
import os from 'node:os';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { assertSameSql } from './floor.ts';
import { seedPglite, seedPostgres, type SeededDatabase } from './seed.ts';
import { searchWord } from './seed-teams.ts';
import { experienceSearchWord } from './seed-experiences.ts';
import type { ServeMessage } from './serve.ts';

// `pnpm bench`: GET /api/v1/people?limit=50 on an organisation of 10,000 people, and the team
// catalogue (filtered and searched) on 2,000 teams, against the real app and against the floor
// (bare Fastify + the same SQL and driver), on PGlite and on PostgreSQL. Each server runs in its own process while autocannon runs here, and
// they take turns: never both under load at once. See README.md.

const { values: args } = parseArgs({
  // `pnpm bench -- --duration 5` passes the `--` along.
  args: process.argv.slice(2).filter((arg, i) => !(i === 0 && arg === '--')),
  options: {
    duration: { type: 'string', default: process.env.BENCH_DURATION ?? '10' },
    rounds: { type: 'string', default: process.env.BENCH_ROUNDS ?? '3' },
    warmup: { type: 'string', default: process.env.BENCH_WARMUP ?? '3' },
    connections: { type: 'string', default: process.env.BENCH_CONNECTIONS ?? '10' },
    database: { type: 'string', default: process.env.BENCH_DATABASE ?? 'both' },
    scenario: { type: 'string', default: process.env.BENCH_SCENARIO ?? 'both' },
    people: { type: 'string', default: process.env.BENCH_PEOPLE ?? '10000' },
    profile: { type: 'boolean', default: process.env.BENCH_PROFILE === '1' },
  },
});
const options = {
  duration: whole('duration', 1),
  rounds: whole('rounds', 1),
  warmup: whole('warmup', 0),
  connections: whole('connections', 1),
  people: whole('people', 1),
  profile: args.profile,
  databases: args.database === 'both' ? ['pglite', 'postgres'] as const
    : args.database === 'pglite' || args.database === 'postgres' ? [args.database] as const
      : fail(`--database must be pglite, postgres or both, not ${args.database}`),
  scenarios: args.scenario === 'both' ? ['people', 'teams'] as Scenario[]
    : args.scenario === 'all' ? ['people', 'teams', 'surveys', 'dashboard', 'search'] as Scenario[]
      : args.scenario === 'people' || args.scenario === 'teams' || args.scenario === 'surveys' || args.scenario === 'dashboard' || args.scenario === 'search'
        ? [args.scenario] as Scenario[]
        : fail(`--scenario must be people, teams, surveys, dashboard, search, both (people and teams) or all, not ${args.scenario}`),
};
/** The team catalogue's size; seeded only when its scenario runs. */
const teamCatalogue = { teams: 2000, memberships: 20_000 };
/** Respondents to the closed survey round; seeded only when its scenario runs (× 30 questions). */
const surveySize = 20_000;
/** Experiences in the library; seeded only when the search scenario runs. */
const librarySize = 50_000;
const adminUrl = process.env.BENCH_POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const paths = {
  people: '/api/v1/people?limit=50',
  // Filters and search together: the catalogue as a user narrows it down.
  teams: `/api/v1/teams?limit=50&status=active&q=${searchWord}`,
  // Every question, indicator and effect goal for every unit of the tree, each decided.
  surveys: '/api/v1/survey-rounds/{roundId}/results?groupBy=unit',
  // The whole organisation's effect dashboard: teams, results, evaluations, actions and the survey trends.
  dashboard: '/api/v1/dashboard',
  // A Norwegian full-text search over the library, ranked, with highlighted passages.
  search: `/api/v1/experiences?q=${encodeURIComponent(experienceSearchWord)}&limit=20`,
};
/** The scenario's path, with the seeded survey round filled in. */
const pathOf = (scenario: Scenario, env: Record<string, string>) => paths[scenario].replace('{roundId}', env.BENCH_SURVEY_ROUND_ID ?? '');
const resultsDir = new URL('./results/', import.meta.url);
const targets = ['floor', 'app'] as const;
type Target = (typeof targets)[number];
type Kind = (typeof options.databases)[number];
type Scenario = 'people' | 'teams' | 'surveys' | 'dashboard' | 'search';
type Comparison = { floor: Figures; app: Figures; ratio: Ratio };

interface Round {
  requestsPerSecond: number;
  latencyP50Ms: number;
  latencyP99Ms: number;
  requests: number;
  non2xx: number;
  errors: number;
}

/** Medians over the rounds (robust to a round disturbed by another process), peak memory over all. */
interface Figures {
  requestsPerSecond: number;
  latencyP50Ms: number;
  latencyP99Ms: number;
  peakRssMb: number;
  peakHeapUsedMb: number;
  /** The server process's CPU time per request answered (the database's own not included). */
  cpuMsPerRequest: number;
  rounds: Round[];
}

/** Lagverk ÷ floor for each figure: above 1 is better for requests, worse for the rest. */
interface Ratio {
  requestsPerSecond: number;
  latencyP50: number;
  latencyP99: number;
  peakRss: number;
  peakHeapUsed: number;
  cpuPerRequest: number;
}

interface Server {
  target: Target;
  process: ChildProcess;
  url: string;
}

const running = new Set<Server>();
let seeded: SeededDatabase | undefined;
process.once('SIGINT', () => {
  for (const server of running) server.process.kill();
  void seeded?.remove().finally(() => process.exit(130));
});

async function main() {
  await assertSameSql();
  const machine = {
    cpus: os.cpus().length, cpuModel: os.cpus()[0]?.model ?? 'unknown', totalMemoryGb: round(os.totalmem() / 2 ** 30, 1),
    node: process.version, platform: `${os.platform()} ${os.release()}`, loadAverage: os.loadavg().map((l) => round(l, 2)),
  };
  say(`Machine: ${machine.cpus} cores (${machine.cpuModel}), ${machine.totalMemoryGb} GiB, Node ${machine.node}, load ${machine.loadAverage.join(' ')}`);
  if (machine.loadAverage[0]! > machine.cpus / 2) say('  The machine is busy with other work: figures will vary more than usual.');
  // The dashboard counts the team catalogue and the survey round.
  const withTeams = options.scenarios.includes('teams') || options.scenarios.includes('dashboard');
  const withSurveys = options.scenarios.includes('surveys') || options.scenarios.includes('dashboard');
  const size = {
    people: options.people, ...(withTeams ? teamCatalogue : { teams: 0, memberships: 0 }), surveyRespondents: withSurveys ? surveySize : 0,
    experiences: options.scenarios.includes('search') ? librarySize : 0,
  };
  say(`${options.people} people${withTeams ? `, ${size.teams} teams, ${size.memberships} memberships` : ''}` +
    `${withSurveys ? `, a survey round of ${size.surveyRespondents} respondents × 30 questions` : ''}` +
    `${size.experiences ? `, ${size.experiences} experiences` : ''}; ` +
    `${options.connections} connections, ${options.warmup} s warm-up, ${options.rounds} rounds of ${options.duration} s per server, taking turns`);

  const results: Partial<Record<Scenario, Partial<Record<Kind, Comparison>>>> = {};
  for (const kind of options.databases) {
    const started = Date.now();
    seeded = kind === 'pglite' ? await seedPglite(size) : await seedPostgres(adminUrl, size);
    say(`\n${kind}: seeded in ${((Date.now() - started) / 1000).toFixed(1)} s`);
    try {
      for (const scenario of options.scenarios) {
        say(`\n${kind}: GET ${pathOf(scenario, seeded.env)}`);
        const comparison = await compare(kind, scenario, seeded.env);
        (results[scenario] ??= {})[kind] = comparison;
        printTable(comparison);
      }
    } finally {
      await seeded.remove();
      seeded = undefined;
    }
  }

  await mkdir(resultsDir, { recursive: true });
  const file = fileURLToPath(new URL('latest.json', resultsDir));
  const { profile: _, ...settings } = options;
  await writeFile(file, `${JSON.stringify({ date: new Date().toISOString(), machine, settings: { ...settings, ...size, paths }, results }, null, 2)}\n`);
  say(`\nWritten to ${file}`);
  const below = Object.entries(results).flatMap(([scenario, byKind]) =>
    Object.entries(byKind).filter(([, r]) => r.ratio.requestsPerSecond < 0.9).map(([kind]) => `${scenario} on ${kind}`));
  say(below.length ? `Below the goal of 0.9 × the floor's requests/s on: ${below.join(', ')}` : "Goal met: at least 0.9 × the floor's requests/s.");
}

/** Both servers up (an idle one costs no CPU), both warmed up, then measured in alternating turns. */
async function compare(kind: Kind, scenario: Scenario, env: Record<string, string>): Promise<Comparison> {
  // Fresh processes per scenario, so peak memory and CPU time are the scenario's own.
  const servers = { floor: await start(kind, scenario, 'floor', env), app: await start(kind, scenario, 'app', env) };
  try {
    // The floor is only a floor if it answers exactly what the app answers.
    const body = await firstPage(servers.app);
    deepStrictEqual(await firstPage(servers.floor), body, 'the floor and the app answer different bodies');
    // An empty page would measure nothing but the query planner.
    const empty = scenario === 'surveys' ? (body as { groups: unknown[] }).groups.length === 0
      : scenario === 'dashboard' ? (body as { teams: { total: number } }).teams.total === 0
        : (body as { items: unknown[] }).items.length === 0;
    if (empty) fail(`${paths[scenario]} answered an empty page`);
    for (const server of Object.values(servers)) if (options.warmup > 0) await load(server.url, options.warmup);
    const rounds: Record<Target, Round[]> = { floor: [], app: [] };
    for (let r = 0; r < options.rounds; r++) {
      // Alternating who goes first spreads slow drifts (the machine's other work) evenly.
      for (const target of r % 2 === 0 ? targets : [...targets].reverse()) {
        servers[target].process.send('measure');
        rounds[target].push(await load(servers[target].url, options.duration));
        servers[target].process.send('pause');
        say(`  round ${r + 1} ${label(target)}: ${perSecond(rounds[target].at(-1)!.requestsPerSecond)} req/s`);
      }
    }
    const floor = summarise(rounds.floor, await memory(servers.floor));
    const app = summarise(rounds.app, await memory(servers.app));
    const ratio: Ratio = {
      requestsPerSecond: round(app.requestsPerSecond / floor.requestsPerSecond, 3),
      latencyP50: round(app.latencyP50Ms / floor.latencyP50Ms, 3),
      latencyP99: round(app.latencyP99Ms / floor.latencyP99Ms, 3),
      peakRss: round(app.peakRssMb / floor.peakRssMb, 3),
      peakHeapUsed: round(app.peakHeapUsedMb / floor.peakHeapUsedMb, 3),
      cpuPerRequest: round(app.cpuMsPerRequest / floor.cpuMsPerRequest, 3),
    };
    return { floor, app, ratio };
  } finally {
    await Promise.all(Object.values(servers).map(stop));
  }
}

async function start(kind: Kind, scenario: Scenario, target: Target, env: Record<string, string>): Promise<Server> {
  const profile = ['--cpu-prof', `--cpu-prof-dir=${fileURLToPath(new URL(`profiles/${scenario}-${kind}-${target}`, resultsDir))}`];
  const child = fork(fileURLToPath(new URL('./serve.ts', import.meta.url)), {
    execArgv: ['--import', 'tsx', ...(options.profile ? profile : [])],
    env: { ...process.env, ...env, BENCH_TARGET: target },
  });
  const server: Server = { target, process: child, url: '' };
  running.add(server);
  const { port } = await nextMessage(child);
  server.url = `http://127.0.0.1:${port}${pathOf(scenario, env)}`;
  return server;
}

async function stop(server: Server) {
  const child = server.process;
  if (child.exitCode === null && child.signalCode === null && child.connected) {
    const exited = once(child, 'exit');
    child.send('stop');
    // A server that does not close in time is ended; the next one needs the machine.
    const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
    await exited;
    clearTimeout(timer);
  }
  running.delete(server);
}

async function firstPage(server: Server) {
  const response = await fetch(server.url, { headers: authorization() });
  if (response.status !== 200) throw new Error(`${label(server.target)} answered ${response.status}: ${await response.text()}`);
  return response.json() as Promise<unknown>;
}

async function load(url: string, duration: number): Promise<Round> {
  // A slow route (the survey results) must not have its answers counted as errors after autocannon's 10 s default.
  const result = await autocannon({ url, connections: options.connections, duration, timeout: 60, headers: authorization() });
  if (result.non2xx || result.errors) say(`  ${result.non2xx} non-2xx answers and ${result.errors} errors from ${url}`);
  return {
    requestsPerSecond: round(result.requests.average, 1),
    latencyP50Ms: result.latency.p50,
    latencyP99Ms: result.latency.p99,
    requests: result.requests.total,
    non2xx: result.non2xx,
    errors: result.errors,
  };
}

async function memory(server: Server) {
  server.process.send('report');
  return nextMessage(server.process);
}

async function nextMessage(child: ChildProcess): Promise<ServeMessage> {
  const [message] = await Promise.race([
    once(child, 'message') as Promise<[ServeMessage]>,
    once(child, 'exit').then(([code]) => fail(`a server process exited (code ${String(code)}) before answering`)),
  ]);
  return message;
}

function summarise(rounds: Round[], memory: ServeMessage): Figures {
  return {
    requestsPerSecond: median(rounds.map((r) => r.requestsPerSecond)),
    latencyP50Ms: median(rounds.map((r) => r.latencyP50Ms)),
    latencyP99Ms: median(rounds.map((r) => r.latencyP99Ms)),
    peakRssMb: round(memory.peakRss! / 2 ** 20, 1),
    peakHeapUsedMb: round(memory.peakHeapUsed! / 2 ** 20, 1),
    cpuMsPerRequest: round(memory.cpuMicros! / 1000 / rounds.reduce((sum, r) => sum + r.requests, 0), 3),
    rounds,
  };
}

function printTable({ floor, app, ratio }: Comparison) {
  const rows = [
    ['', 'req/s', 'p50 ms', 'p99 ms', 'peak RSS MB', 'peak heap MB', 'CPU ms/req'],
    ...([['floor', floor], ['Lagverk', app]] as const).map(([name, f]) =>
      [name, perSecond(f.requestsPerSecond), String(f.latencyP50Ms), String(f.latencyP99Ms), f.peakRssMb.toFixed(1), f.peakHeapUsedMb.toFixed(1), f.cpuMsPerRequest.toFixed(3)]),
    ['Lagverk ÷ floor', ...Object.values(ratio).map((r) => r.toFixed(2))],
  ];
  const widths = rows[0]!.map((_, i) => Math.max(...rows.map((r) => r[i]!.length)));
  for (const row of rows) say(`  ${row.map((cell, i) => (i === 0 ? cell.padEnd(widths[i]!) : cell.padStart(widths[i]!))).join('  ')}`);
}

/** Requests per second, with a decimal for a slow route (the survey results answer about one a second). */
function perSecond(n: number) {
  return n.toFixed(n < 10 ? 1 : 0);
}

function label(target: Target) {
  return target === 'app' ? 'Lagverk' : 'floor';
}

function median(values: number[]) {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid]! : round((sorted[mid - 1]! + sorted[mid]!) / 2, 2);
}

function whole(name: 'duration' | 'rounds' | 'warmup' | 'connections' | 'people', min: number): number {
  const n = Number(args[name]);
  return Number.isInteger(n) && n >= min ? n : fail(`--${name} must be a whole number of at least ${min}, not ${args[name]}`);
}

function round(n: number, digits: number) {
  return Number(n.toFixed(digits));
}

function say(line: string) {
  process.stdout.write(`${line}\n`);
}

function fail(message: string): never {
  throw new Error(message);
}

try {
  await main();
} catch (error) {
  process.stderr.write(`\nThe bench failed: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exitCode = 1;
  await Promise.all([...running].map(stop));
}

/** The seeded organisation's read token; both servers check it on every request. */
function authorization(): Record<string, string> {
  const token = seeded?.env.BENCH_TOKEN;
  if (!token) throw new Error('no bench token: the database was not seeded');
  return { authorization: `Bearer ${token}` };
}
