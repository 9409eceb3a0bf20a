import type { SuppressionReason } from '@lagverk/shared';

// Which figures may be shown. Each figure (a question, an indicator, an effect goal, the
// respondent count) is decided on its own, from the number of respondents behind it in
// each group, since that number differs from question to question:
//
// - belowMinimum: fewer respondents than the round's minimum.
// - differencing in the unit tree: a unit's group holds the units below it, so a shown
//   unit minus its shown children is a group too. When that remainder is above 0 and
//   below the minimum, children are hidden, smallest first, until it is 0 or large enough.
//   A child hidden this way takes the units below it along (its own remainder could
//   otherwise be worked out from them), so a unit is shown only under a shown parent.
// - differencing against the whole: a team (or the members of teams) subtracted from
//   everyone leaves the rest; when the rest is above 0 and below the minimum, the group
//   is hidden (members against the rest: either too small hides both).

/** Shown, or hidden with the reason; the caller never puts a number beside a hidden one. */
export type Decision = SuppressionReason | null;

export interface TreeNode {
  id: string;
  parentId: string | null;
}

export interface UnitTree {
  /** Top-level units, by name. */
  roots: string[];
  children: Map<string, string[]>;
}

/** The unit tree in the order it is shown: siblings in the order given (by name). */
export function unitTree(nodes: readonly TreeNode[]): UnitTree {
  const ids = new Set(nodes.map((n) => n.id));
  const children = new Map<string, string[]>(nodes.map((n) => [n.id, []]));
  const roots: string[] = [];
  for (const node of nodes) {
    if (node.parentId !== null && ids.has(node.parentId)) children.get(node.parentId)!.push(node.id);
    else roots.push(node.id);
  }
  return { roots, children };
}

/** Depth-first, parents before children: the order a tree is listed in. */
export function treeOrder(tree: UnitTree): { id: string; depth: number }[] {
  const out: { id: string; depth: number }[] = [];
  const visit = (id: string, depth: number) => {
    out.push({ id, depth });
    for (const child of tree.children.get(id) ?? []) visit(child, depth + 1);
  };
  for (const root of tree.roots) visit(root, 0);
  return out;
}

/** The organisation as a whole: shown only with enough respondents. */
export function decideWhole(n: number, min: number): Decision {
  return n >= min ? null : 'belowMinimum';
}

/**
 * Decides every unit of the tree for one figure. `total` is the whole organisation's n
 * (the root above the top-level units; respondents without a unit count only there),
 * `n(unit)` a unit's n with every unit below it.
 */
export function decideTree(tree: UnitTree, total: number, n: (unitId: string) => number, min: number): Map<string, Decision> {
  const decisions = new Map<string, Decision>();
  const hideSubtree = (id: string, reason: SuppressionReason) => {
    decisions.set(id, n(id) < min ? 'belowMinimum' : reason);
    for (const child of tree.children.get(id) ?? []) hideSubtree(child, reason);
  };
  const decideChildren = (parentN: number, children: readonly string[]) => {
    const shown: string[] = [];
    for (const child of children) {
      if (n(child) >= min) shown.push(child);
      else hideSubtree(child, 'belowMinimum');
    }
    // Smallest first (then by id, so the answer is always the same).
    shown.sort((a, b) => n(a) - n(b) || (a < b ? -1 : a > b ? 1 : 0));
    let remainder = parentN - shown.reduce((sum, id) => sum + n(id), 0);
    while (remainder > 0 && remainder < min && shown.length > 0) {
      const hidden = shown.shift()!;
      hideSubtree(hidden, 'differencing');
      remainder += n(hidden);
    }
    for (const id of shown) {
      decisions.set(id, null);
      decideChildren(n(id), tree.children.get(id) ?? []);
    }
  };
  if (decideWhole(total, min) === null) decideChildren(total, tree.roots);
  else for (const root of tree.roots) hideSubtree(root, 'belowMinimum');
  return decisions;
}

/**
 * A group taken out of the whole (a team, the members of teams, or the rest): hidden when
 * too small, and when what is left of the whole without it would be.
 */
export function decidePart(n: number, total: number, min: number): Decision {
  if (n < min) return 'belowMinimum';
  const rest = total - n;
  return rest > 0 && rest < min ? 'differencing' : null;
}
