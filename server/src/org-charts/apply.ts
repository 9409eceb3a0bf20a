import { sql, type Kysely, type Transaction } from 'kysely';
import type { OrgChartNode, ProblemFieldError } from '@lagverk/shared';
import type { DB } from '../db/types.ts';
import { lockOrganisation, updateVersioned } from '../db/versioned.ts';
import { conflict } from '../http/problem.ts';
import { insertUnit } from '../units/repository.ts';
import { setUnitActiveIn } from '../units/service.ts';
import { levelsOf } from './comparison.ts';
import { liveUnits, nodesOf, plainNode, subtree, type LiveUnit } from './repository.ts';
import { lockedProposal, updateProposal } from './service.ts';
import { managerErrors, treeErrors } from './validation.ts';

// Applying a decided proposal to the unit tree, all or nothing, in one transaction that
// holds the organisation's lock (as every change to the unit tree does, see units/service.ts)
// and the units' rows. The units' audit trigger records each unit's change; the proposal
// keeps the structure as it was just before.

/** Teams still going (not rejected or concluded) hold on to their units. */
const finishedTeamStatuses = ['rejected', 'concluded'] as const;

/** What changed in the subtree since the proposal was made, unit by unit. */
function drift(base: OrgChartNode[], live: LiveUnit[], rootUnitId: string | null): ProblemFieldError[] {
  const current = new Map(nodesOf(live).map((n) => [n.unitId!, n]));
  const baseUnits = new Set(base.flatMap((n) => (n.unitId ? [n.unitId] : [])));
  const out: ProblemFieldError[] = [];
  const add = (unitId: string, message: string) => out.push({ path: `/units/${unitId}`, message, code: 'changed' });
  for (const b of base) {
    if (!b.unitId) continue;
    const now = current.get(b.unitId);
    if (!now) { add(b.unitId, `"${b.name}" is no longer an active unit here`); continue; }
    if (now.name !== b.name) add(b.unitId, `"${b.name}" has been renamed "${now.name}"`);
    if (now.kind !== b.kind) add(b.unitId, `"${now.name}" has changed kind`);
    const isRoot = rootUnitId !== null && b.unitId === rootUnitId;
    if (!isRoot && now.parentKey !== b.parentKey) add(b.unitId, `"${now.name}" has been moved`);
    if (now.managerPersonId !== b.managerPersonId) add(b.unitId, `"${now.name}" has another manager`);
  }
  for (const u of live) if (!baseUnits.has(u.id)) add(u.id, `"${u.name}" has been added`);
  return out;
}

export function applyProposal(db: Kysely<DB>, organisationId: string, id: string, expected: number | null, personId: string | null) {
  return db.transaction().execute(async (trx) => {
    await lockOrganisation(trx, organisationId);
    const row = await lockedProposal(trx, organisationId, id, expected);
    if (row.status === 'applied') throw conflict('proposal-applied', 'The proposal has been applied already.');
    if (row.status !== 'decided') throw conflict('proposal-not-decided', `The proposal is ${row.status}; only a decided proposal can be applied.`);

    const all = await liveUnits(trx, organisationId, { forUpdate: true });
    const live = subtree(all, row.root_unit_id);
    const nodes = row.nodes as OrgChartNode[];
    const changed = live ? drift(row.base_nodes as OrgChartNode[], live, row.root_unit_id) : [{ path: `/units/${row.root_unit_id}`, message: 'the root unit is no longer active', code: 'changed' }];
    const invalid = live ? [...treeErrors(nodes, row.root_unit_id, live, '/nodes'), ...(await managerErrors(trx, organisationId, nodes, '/nodes', live))] : [];
    if (changed.length > 0 || invalid.length > 0) {
      const errors = [...changed, ...invalid];
      throw conflict('org-chart-drift',
        `The unit tree has changed since the proposal was made (${errors.slice(0, 3).map((e) => e.message).join('; ')}${errors.length > 3 ? '; …' : ''}). Make a new proposal from the current structure.`,
        { errors });
    }
    await writeTree(trx, organisationId, row.root_unit_id, nodes, live!);

    return updateProposal(trx, organisationId, id, {
      status: 'applied', applied_at: sql`now()`, applied_by_person_id: personId,
      before_nodes: JSON.stringify(nodesOf(live!).map(plainNode)),
    });
  });
}

async function writeTree(trx: Transaction<DB>, organisationId: string, rootUnitId: string | null, nodes: OrgChartNode[], live: LiveUnit[]) {
  const levels = levelsOf(nodes);
  const ordered = [...nodes].sort((a, b) => levels.get(a.key)! - levels.get(b.key)!);
  const unitOf = new Map(nodes.flatMap((n) => (n.unitId ? [[n.key, n.unitId] as const] : [])));
  const liveById = new Map(live.map((u) => [u.id, u]));

  // Parents first, so a new unit's parent exists when it is created.
  for (const n of ordered) {
    const keepParent = rootUnitId !== null && n.unitId === rootUnitId;
    const parentId = n.parentKey === null ? null : unitOf.get(n.parentKey)!;
    if (n.unitId === null) {
      const created = await insertUnit(trx, { organisation_id: organisationId, name: n.name, kind: n.kind, parent_id: parentId, manager_id: n.managerPersonId });
      unitOf.set(n.key, created.id);
      continue;
    }
    const before = liveById.get(n.unitId)!;
    const values = {
      ...(before.name !== n.name && { name: n.name }),
      ...(before.kind !== n.kind && { kind: n.kind }),
      ...(!keepParent && before.parentId !== parentId && { parent_id: parentId }),
      ...(before.managerId !== n.managerPersonId && { manager_id: n.managerPersonId }),
    };
    if (Object.keys(values).length > 0) await updateVersioned(trx, 'units', organisationId, n.unitId, null, values);
  }

  // Units left out are deactivated by the units feature's own rule, the deepest first, after
  // naming every one that still has people or teams (the rule names only the first).
  const kept = new Set(nodes.flatMap((n) => (n.unitId ? [n.unitId] : [])));
  const removed = live.filter((u) => !kept.has(u.id));
  if (removed.length === 0) return;
  const ids = removed.map((u) => u.id);
  const teams = await trx.selectFrom('team_units').innerJoin('teams', (j) => j.onRef('teams.organisation_id', '=', 'team_units.organisation_id').onRef('teams.id', '=', 'team_units.team_id'))
    .select(['team_units.unit_id', sql<number>`count(*)::int`.as('n')])
    .where('team_units.organisation_id', '=', organisationId).where('team_units.unit_id', 'in', ids)
    .where('teams.status', 'not in', [...finishedTeamStatuses]).groupBy('team_units.unit_id').execute();
  const teamCount = new Map(teams.map((t) => [t.unit_id, Number(t.n)]));
  const inUse = removed.filter((u) => u.people > 0 || (teamCount.get(u.id) ?? 0) > 0);
  if (inUse.length > 0) {
    const errors = inUse.map((u) => ({
      path: `/units/${u.id}`, code: 'in-use',
      message: `"${u.name}" still has ${u.people} active person(s) and ${teamCount.get(u.id) ?? 0} team(s) in progress`,
    }));
    throw conflict('unit-in-use',
      `The proposal removes units that are still in use: ${errors.map((e) => e.message).join('; ')}. Move the people and teams first, or keep the units.`.slice(0, 1900),
      { errors });
  }
  const depth = new Map<string, number>();
  const byId = new Map(live.map((u) => [u.id, u]));
  const depthOf = (u: LiveUnit): number => depth.get(u.id) ?? (u.parentId && byId.has(u.parentId) ? depthOf(byId.get(u.parentId)!) + 1 : 1);
  for (const u of [...removed].sort((a, b) => depthOf(b) - depthOf(a))) await setUnitActiveIn(trx, organisationId, u.id, null, false);
}
