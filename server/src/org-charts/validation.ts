import type { Transaction } from 'kysely';
import type { OrgChartNode, ProblemFieldError } from '@lagverk/shared';
import type { DB } from '../db/types.ts';
import { unprocessable } from '../http/problem.ts';
import type { LiveUnit } from './repository.ts';

// A proposal must be one tree that could become the unit tree: unique keys, every parent
// present, no cycles, one top node (the root unit, when the proposal redraws a subtree),
// each existing unit at most once and inside the subtree, managers from the register.
// Every fault is listed with the node it is in, so the editor can point at it.

const label = (n: OrgChartNode) => `"${n.name}" (${n.key})`;

export function treeErrors(nodes: OrgChartNode[], rootUnitId: string | null, subtreeUnits: LiveUnit[], base = '/body/nodes'): ProblemFieldError[] {
  const errors: ProblemFieldError[] = [];
  const at = (i: number, field: string, message: string, code: string) => errors.push({ path: `${base}/${i}/${field}`, message, code });
  if (nodes.length === 0) return [{ path: base, message: 'a chart needs at least one node', code: 'minItems' }];

  const firstByKey = new Map<string, number>();
  nodes.forEach((n, i) => {
    if (firstByKey.has(n.key)) at(i, 'key', `${label(n)}: the key is used by another node`, 'unique');
    else firstByKey.set(n.key, i);
  });
  nodes.forEach((n, i) => {
    if (n.parentKey !== null && !firstByKey.has(n.parentKey)) at(i, 'parentKey', `${label(n)}: no node has the key ${n.parentKey}`, 'reference');
    if (n.parentKey === n.key) at(i, 'parentKey', `${label(n)}: a node cannot be its own parent`, 'cycle');
  });
  if (errors.length > 0) return errors;

  // Walk up from each node; coming back to a node already on the path is a cycle.
  const byKey = new Map(nodes.map((n) => [n.key, n]));
  nodes.forEach((n, i) => {
    const seen = new Set<string>();
    let current: OrgChartNode | undefined = n;
    while (current && current.parentKey !== null) {
      if (seen.has(current.key)) {
        at(i, 'parentKey', `${label(n)}: the node lies below itself`, 'cycle');
        return;
      }
      seen.add(current.key);
      current = byKey.get(current.parentKey);
    }
  });
  if (errors.length > 0) return errors;

  const tops = nodes.map((n, i) => [n, i] as const).filter(([n]) => n.parentKey === null);
  if (rootUnitId !== null) {
    if (tops.length !== 1) {
      tops.slice(1).forEach(([n, i]) => at(i, 'parentKey', `${label(n)}: a proposal for one unit's subtree has that unit as its only top node`, 'root'));
    }
    const [top, i] = tops[0]!;
    if (top.unitId !== rootUnitId) at(i, 'unitId', `${label(top)}: the top node must be the root unit`, 'root');
  }

  const inside = new Set(subtreeUnits.map((u) => u.id));
  const firstByUnit = new Map<string, number>();
  nodes.forEach((n, i) => {
    if (n.unitId === null) return;
    if (firstByUnit.has(n.unitId)) at(i, 'unitId', `${label(n)}: the unit is already drawn as another node`, 'unique');
    else firstByUnit.set(n.unitId, i);
    if (!inside.has(n.unitId)) {
      at(i, 'unitId', rootUnitId === null
        ? `${label(n)}: no active unit has this id`
        : `${label(n)}: the unit is not an active unit in the subtree the proposal redraws`, 'reference');
    }
  });
  return errors;
}

/**
 * Managers the chart gives a unit must be active people of the organisation. A unit that
 * keeps the manager it has now keeps them even if they have since left (a deactivated
 * person stays a unit's manager until someone else is named), so the current structure
 * is always a valid chart.
 */
export async function managerErrors(
  trx: Transaction<DB>, organisationId: string, nodes: OrgChartNode[], base = '/body/nodes', current: LiveUnit[] = [],
): Promise<ProblemFieldError[]> {
  const currentManager = new Map(current.map((u) => [u.id, u.managerId]));
  const given = (n: OrgChartNode) => n.managerPersonId !== null && !(n.unitId !== null && currentManager.get(n.unitId) === n.managerPersonId);
  const ids = [...new Set(nodes.filter(given).map((n) => n.managerPersonId!))];
  if (ids.length === 0) return [];
  const found = new Set((await trx.selectFrom('people').select('id')
    .where('organisation_id', '=', organisationId).where('id', 'in', ids).where('active', '=', true).execute()).map((p) => p.id));
  return nodes.flatMap((n, i) => (given(n) && !found.has(n.managerPersonId!)
    ? [{ path: `${base}/${i}/managerPersonId`, message: `${label(n)}: no active person has this id`, code: 'reference' }] : []));
}

export async function assertValidChart(
  trx: Transaction<DB>, organisationId: string, nodes: OrgChartNode[], rootUnitId: string | null, subtreeUnits: LiveUnit[], base = '/body/nodes',
) {
  const errors = [...treeErrors(nodes, rootUnitId, subtreeUnits, base), ...(await managerErrors(trx, organisationId, nodes, base, subtreeUnits))];
  if (errors.length > 0) {
    throw unprocessable('org-chart-invalid', `The chart is not one tree of the organisation's units: ${errors[0]!.message}${errors.length > 1 ? ` (and ${errors.length - 1} more)` : ''}.`, errors);
  }
}
