import type { Command } from 'commander';
import type { OrgChartNode } from '@lagverk/shared';
import { HttpProblem } from '../http/problem.ts';
import { applyProposal } from '../org-charts/apply.ts';
import { compareCharts } from '../org-charts/comparison.ts';
import { findProposal, nodesOf, viewNodes } from '../org-charts/repository.ts';
import { liveSubtree } from '../org-charts/service.ts';
import { print, withDatabase } from './context.ts';
import { requireMigrated } from './data.ts';
import { organisationFor, orgOptionHelp } from './organisation-option.ts';

// `pnpm lagverk org-chart show`: the unit tree as indented text (for a meeting's minutes or
// a quick check); `pnpm lagverk org-chart apply <proposalId>`: the same as POST
// /org-chart-proposals/{id}/apply, for an administrator who applies a decision at a set time.

const kinds = { serviceArea: 'service area', unit: 'unit', section: 'section' } as const;
const uuidPattern = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

function fail(error: unknown, what: string): never {
  if (!(error instanceof HttpProblem)) throw error;
  for (const e of error.extras.errors ?? []) process.stderr.write(`  ${e.message}\n`);
  throw new Error(`${what} ${error.detail}`);
}

export function registerOrgChartCommands(program: Command) {
  const command = program.command('org-chart').description('Organisation charts: show the unit tree, apply a decided proposal.');
  command.command('show')
    .description('Print the active units as an indented tree, with each unit\'s manager and people.')
    .option('--root <unitId>', 'only this unit and the units below it')
    .option('--org <id or number>', orgOptionHelp)
    .action((options: { root?: string; org?: string }) =>
      withDatabase(async (database) => {
        await requireMigrated(database);
        const organisation = await organisationFor(database.db, options.org);
        if (options.root !== undefined && !uuidPattern.test(options.root)) throw new Error('--root takes a unit id (a UUID).');
        let units;
        try {
          units = await liveSubtree(database.db, organisation.id, options.root?.toLowerCase() ?? null);
        } catch (error) {
          fail(error, 'Cannot show the chart.');
        }
        const nodes = nodesOf(units);
        const depth = new Map<string, number>();
        for (const n of nodes) depth.set(n.key, n.parentKey ? (depth.get(n.parentKey) ?? 0) + 1 : 0);
        print(`${organisation.name}: ${nodes.length} units`);
        for (const n of nodes) {
          const manager = n.managerName ? `, led by ${n.managerName}` : '';
          print(`${'  '.repeat(depth.get(n.key)! + 1)}${n.name} (${kinds[n.kind]}${manager}, ${n.people} ${n.people === 1 ? 'person' : 'people'})`);
        }
      }));
  command.command('apply <proposalId>')
    .description('Apply a decided proposal to the unit tree, all or nothing: create, move, rename and deactivate units as it says.')
    .option('--org <id or number>', orgOptionHelp)
    .action((proposalId: string, options: { org?: string }) =>
      withDatabase(async (database) => {
        await requireMigrated(database);
        const organisation = await organisationFor(database.db, options.org);
        if (!uuidPattern.test(proposalId)) throw new Error('The proposal id must be a UUID (see the proposal\'s address in the web client).');
        const id = proposalId.toLowerCase();
        const before = await findProposal(database.db, organisation.id, id);
        if (!before) throw new Error(`${organisation.name} has no organisation-chart proposal ${id}.`);
        let applied;
        try {
          applied = await applyProposal(database.db, organisation.id, id, null, null);
        } catch (error) {
          fail(error, `"${before.title}" was not applied; nothing was changed.`);
        }
        const old = await viewNodes(database.db, organisation.id, applied.before_nodes as OrgChartNode[]);
        const c = compareCharts({ label: 'before', proposalId: null, nodes: old }, { label: applied.title, proposalId: applied.id, nodes: await viewNodes(database.db, organisation.id, applied.nodes as OrgChartNode[]) });
        print(`Applied "${applied.title}" in ${organisation.name}: ${c.added.length} units created, ${c.moved.length} moved, ${c.renamed.length} renamed, ${c.removed.length} deactivated.`);
      }));
}
