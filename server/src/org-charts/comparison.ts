import type { OrgChartComparison, OrgChartNodeView, OrgChartSide } from '@lagverk/shared';

// Comparing two charts: existing units are matched by unit id (a unit keeps its id however it
// is redrawn); a node without one is a unit the proposal creates. The figures are the ones a
// staff meeting asks about: how many levels, how many units under each leader, how many people.

const round1 = (n: number) => Math.round(n * 10) / 10;

/** Each node's level (1 for a top node), walking up by parentKey. Assumes one tree. */
export function levelsOf(nodes: { key: string; parentKey: string | null }[]): Map<string, number> {
  const byKey = new Map(nodes.map((n) => [n.key, n]));
  const levels = new Map<string, number>();
  const levelOf = (key: string, seen = new Set<string>()): number => {
    const known = levels.get(key);
    if (known !== undefined) return known;
    const node = byKey.get(key);
    if (!node || seen.has(key)) return 1;
    seen.add(key);
    const level = node.parentKey && byKey.has(node.parentKey) ? levelOf(node.parentKey, seen) + 1 : 1;
    levels.set(key, level);
    return level;
  };
  for (const n of nodes) levelOf(n.key);
  return levels;
}

export function sideOf(label: string, proposalId: string | null, nodes: OrgChartNodeView[]): OrgChartSide {
  const levels = levelsOf(nodes);
  const children = new Map<string, number>();
  for (const n of nodes) if (n.parentKey) children.set(n.parentKey, (children.get(n.parentKey) ?? 0) + 1);
  const depth = Math.max(0, ...levels.values());
  const unitsPerLevel = Array.from({ length: depth }, (_, i) => nodes.filter((n) => levels.get(n.key) === i + 1).length);
  const spans = nodes.map((n) => ({
    key: n.key, name: n.name, level: levels.get(n.key) ?? 1, managerName: n.managerName, childUnits: children.get(n.key) ?? 0, people: n.people,
  }));
  const leading = spans.filter((s) => s.childUnits > 0);
  return {
    label, proposalId, units: nodes.length, levels: depth, unitsPerLevel,
    maxChildUnits: Math.max(0, ...spans.map((s) => s.childUnits)),
    meanChildUnits: leading.length === 0 ? 0 : round1(leading.reduce((sum, s) => sum + s.childUnits, 0) / leading.length),
    maxPeople: Math.max(0, ...spans.map((s) => s.people)),
    meanPeople: spans.length === 0 ? 0 : round1(spans.reduce((sum, s) => sum + s.people, 0) / spans.length),
    spans,
  };
}

export function compareCharts(
  before: { label: string; proposalId: string | null; nodes: OrgChartNodeView[] },
  after: { label: string; proposalId: string | null; nodes: OrgChartNodeView[] },
): OrgChartComparison {
  const parentOf = (nodes: OrgChartNodeView[]) => {
    const byKey = new Map(nodes.map((n) => [n.key, n]));
    return (n: OrgChartNodeView) => {
      const p = n.parentKey ? byKey.get(n.parentKey) : undefined;
      return p ? { key: p.key, name: p.name, unitId: p.unitId } : null;
    };
  };
  const beforeParent = parentOf(before.nodes);
  const afterParent = parentOf(after.nodes);
  const beforeByUnit = new Map(before.nodes.flatMap((n) => (n.unitId ? [[n.unitId, n] as const] : [])));
  const afterUnits = new Set(after.nodes.flatMap((n) => (n.unitId ? [n.unitId] : [])));
  // A parent is the same when it is the same unit, or (for units not created yet) the same key.
  const sameParent = (a: ReturnType<typeof beforeParent>, b: ReturnType<typeof afterParent>) =>
    a === null || b === null ? a === b : a.unitId !== null || b.unitId !== null ? a.unitId === b.unitId : a.key === b.key;
  const strip = (p: ReturnType<typeof beforeParent>) => (p ? { key: p.key, name: p.name } : null);

  const result: OrgChartComparison = {
    before: sideOf(before.label, before.proposalId, before.nodes),
    after: sideOf(after.label, after.proposalId, after.nodes),
    moved: [], renamed: [], kindChanged: [], managerChanged: [], added: [], removed: [],
  };
  for (const n of after.nodes) {
    const old = n.unitId ? beforeByUnit.get(n.unitId) : undefined;
    if (!old || !n.unitId) {
      result.added.push({ key: n.key, name: n.name, kind: n.kind, parent: strip(afterParent(n)) });
      continue;
    }
    const from = beforeParent(old);
    const to = afterParent(n);
    if (!sameParent(from, to)) result.moved.push({ unitId: n.unitId, name: n.name, fromParent: strip(from), toParent: strip(to) });
    if (old.name !== n.name) result.renamed.push({ unitId: n.unitId, from: old.name, to: n.name });
    if (old.kind !== n.kind) result.kindChanged.push({ unitId: n.unitId, name: n.name, from: old.kind, to: n.kind });
    if (old.managerPersonId !== n.managerPersonId) {
      result.managerChanged.push({ unitId: n.unitId, name: n.name, from: old.managerName, to: n.managerName });
    }
  }
  for (const n of before.nodes) {
    if (n.unitId && !afterUnits.has(n.unitId)) result.removed.push({ unitId: n.unitId, name: n.name, people: n.people });
  }
  return result;
}
