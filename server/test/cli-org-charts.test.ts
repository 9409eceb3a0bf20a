import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import type { Kysely } from 'kysely';
import { migrateToLatest, openDatabase } from '../src/db/database.ts';
import type { DB } from '../src/db/types.ts';
import { insertOrganisation } from '../src/organisations/repository.ts';
import { createProposal, decideProposal } from '../src/org-charts/service.ts';
import { testDatabaseKind } from './support/database.ts';
import { createCliTarget } from './support/cli-target.ts';

// `pnpm lagverk org-chart show` and `org-chart apply <proposalId>` as an administrator runs
// them, on a database of their own. The rules of applying are tested through the API in
// org-charts.test.ts; here, that the commands print the tree and apply a decision.

const serverFolder = fileURLToPath(new URL('..', import.meta.url));
let target: { DATA_DIR?: string; DATABASE_URL?: string };
let cleanUp = async () => {};
let proposalId: string;

function lagverk(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  const env: NodeJS.ProcessEnv = { ...process.env, ...target, LOG_LEVEL: 'error' };
  if (!target.DATABASE_URL) delete env.DATABASE_URL;
  return new Promise((resolve) => {
    const child = execFile(process.execPath, ['--import', 'tsx', 'src/cli/index.ts', ...args], { cwd: serverFolder, env, timeout: 120_000 }, (error, stdout, stderr) => {
      resolve({ code: error ? (typeof error.code === 'number' ? error.code : 1) : 0, stdout, stderr });
    });
    child.stdin?.end();
  });
}

async function inspect<T>(look: (db: Kysely<DB>) => Promise<T>): Promise<T> {
  const database = await openDatabase({ databaseUrl: target.DATABASE_URL, dataDir: target.DATA_DIR, poolMax: 1 });
  try {
    return await look(database.db);
  } finally {
    await database.close();
  }
}

beforeAll(async () => {
  ({ env: target, cleanUp } = await createCliTarget('cli-org-charts'));
  await inspect(async (db) => {
    await migrateToLatest(db);
    const org = (await insertOrganisation(db, { name: 'Fjaler kommune', orgNumber: '964967636', writtenStandard: 'nn' })).id;
    const manager = await db.insertInto('people').values({ organisation_id: org, name: 'Kari Kommunalsjef' }).returning('id').executeTakeFirstOrThrow();
    const head = await db.insertInto('units').values({ organisation_id: org, name: 'Helse og omsorg', kind: 'serviceArea', manager_id: manager.id }).returning('id').executeTakeFirstOrThrow();
    const home = await db.insertInto('units').values({ organisation_id: org, name: 'Heimetenesta', kind: 'unit', parent_id: head.id }).returning('id').executeTakeFirstOrThrow();
    await db.insertInto('people').values([{ organisation_id: org, name: 'Ola', unit_id: home.id }, { organisation_id: org, name: 'Ida', unit_id: home.id }]).execute();
    const process = await db.insertInto('change_processes').values({ organisation_id: org, title: 'Tre nivå', mandate: 'Nytt nivå.' }).returning('id').executeTakeFirstOrThrow();
    const proposal = await createProposal(db, org, process.id, {
      title: 'Tre nivå', rootUnitId: head.id,
      nodes: [
        { key: 'top', unitId: head.id, name: 'Helse og omsorg', kind: 'serviceArea', parentKey: null, managerPersonId: manager.id },
        { key: 'pleie', unitId: null, name: 'Pleie og omsorg', kind: 'serviceArea', parentKey: 'top', managerPersonId: null },
        { key: 'home', unitId: home.id, name: 'Heimetenesta', kind: 'unit', parentKey: 'pleie', managerPersonId: null },
      ],
    });
    proposalId = proposal.id;
  });
});
afterAll(async () => {
  await cleanUp();
});

describe(`lagverk org-chart on ${testDatabaseKind}`, () => {
  it('shows the tree, refuses an undecided proposal, and applies a decided one', async () => {
    const shown = await lagverk('org-chart', 'show');
    expect(shown.code, shown.stderr).toBe(0);
    expect(shown.stdout.trim().split('\n')).toEqual([
      'Fjaler kommune: 2 units',
      '  Helse og omsorg (service area, led by Kari Kommunalsjef, 0 people)',
      '    Heimetenesta (unit, 2 people)',
    ]);

    const refused = await lagverk('org-chart', 'apply', proposalId);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toMatch(/"Tre nivå" was not applied; nothing was changed\. The proposal is draft; only a decided proposal can be applied\./);

    await inspect(async (db) => {
      const org = (await db.selectFrom('organisations').select('id').executeTakeFirstOrThrow()).id;
      await decideProposal(db, org, proposalId, null, { decidedOn: '2026-05-20', decisionReference: 'PS 12/2026' });
    });
    const applied = await lagverk('org-chart', 'apply', proposalId);
    expect(applied.code, applied.stderr).toBe(0);
    expect(applied.stdout.trim()).toBe('Applied "Tre nivå" in Fjaler kommune: 1 units created, 1 moved, 0 renamed, 0 deactivated.');
    const after = await lagverk('org-chart', 'show');
    expect(after.stdout.trim().split('\n').slice(1)).toEqual([
      '  Helse og omsorg (service area, led by Kari Kommunalsjef, 0 people)',
      '    Pleie og omsorg (service area, 0 people)',
      '      Heimetenesta (unit, 2 people)',
    ]);
    const actors = await inspect((db) => db.selectFrom('audit_events').select('actor_kind').where('entity', '=', 'units').where('action', '=', 'update').execute());
    expect(actors).toEqual([{ actor_kind: 'cli' }]);
  });
});
