import type { Unit } from '@lagverk/shared';

export interface UnitNode {
  unit: Unit;
  children: UnitNode[];
}

const byName = (a: UnitNode, b: UnitNode) => a.unit.name.localeCompare(b.unit.name, 'nb');

/** The organisation tree from parentId; a unit whose parent is missing becomes a root. */
export function buildTree(units: readonly Unit[]): UnitNode[] {
  const nodes = new Map(units.map((unit) => [unit.id, { unit, children: [] as UnitNode[] }]));
  const roots: UnitNode[] = [];
  for (const node of nodes.values()) {
    const parent = node.unit.parentId ? nodes.get(node.unit.parentId) : undefined;
    (parent ? parent.children : roots).push(node);
  }
  const sort = (list: UnitNode[]) => {
    list.sort(byName);
    for (const node of list) sort(node.children);
  };
  sort(roots);
  return roots;
}

/** Depth-first, for a select that shows the hierarchy by indentation. */
export function flattenTree(nodes: UnitNode[], depth = 0): { unit: Unit; depth: number }[] {
  return nodes.flatMap((node) => [{ unit: node.unit, depth }, ...flattenTree(node.children, depth + 1)]);
}

/** The unit and everything below it: places it cannot be moved under. */
export function subtreeIds(units: readonly Unit[], rootId: string): Set<string> {
  const ids = new Set([rootId]);
  let grew = true;
  while (grew) {
    grew = false;
    for (const unit of units) {
      if (unit.parentId && ids.has(unit.parentId) && !ids.has(unit.id)) {
        ids.add(unit.id);
        grew = true;
      }
    }
  }
  return ids;
}
