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
// - differencing between overlapping groups (decideOverlaps): a team, a unit, the members
//   of teams and the rest can share respondents. For two shown groups A and B that share at
//   least one respondent to a figure, A − B is (A \ B) − (B \ A), value by value. When both
//   sides are a few people that gives them away: T1 = five + Kari, T2 = the same five + Ola,
//   and T1 − T2 is Kari's answer minus Ola's. When one side is a few and the other many,
//   the pair alone names nobody, but a third figure near the many (a unit, the rest) would:
//   so BOTH |A \ B| and |B \ A| must be 0 or at least `min`, else one of the two is hidden.
//   Groups sharing nobody are left alone (A − B mixes two sets of at least `min` each), as
//   are figures already hidden. Each pair is caught from |A|, |B| and |A ∩ B|, counted in SQL
//   for every pair of a team and a unit or team that share anyone (repository.overlaps).
//   Which one to hide, so that every breakdown (separate requests) gives the same answer:
//   - a unit is never hidden for this. Units are decided by the tree alone, so the unit
//     breakdown, the heatmap and the dashboard stay as they are whatever the teams are,
//     and hiding a unit would move its parent's remainder and could be undone by its
//     parent minus its siblings. Two units are nested or apart, and the tree's remainder
//     rule already keeps a unit and any unit above it 0 or `min` apart.
//   - a unit against the members of teams or the rest: both of those are hidden (one of
//     them alone is the whole minus the other).
//   - a team against a unit, or against the members of teams: the team is hidden.
//   - two teams: the smaller is hidden, smallest first (then by id); its figure is
//     nearly the larger one's anyway.
// - a team standing in for what the unit tree hides: the tree hides a unit U so that
//   P − (its shown units) is not a few people; a shown team T with nearly U's people
//   (|T \ U| < min and |U \ T| < min) puts U back, and P − S − T gives the few away
//   (P = S 7 + U 6 + C 2, T = U: P − S − T = C). Such a team is hidden. Units hidden as
//   belowMinimum need it as much: their people are part of P's remainder too, and a team
//   of U's 4 plus one more stands in for them just as well (P = S 7 + U 4 + C 4,
//   T = U + one of C: P − S − T = three of C). Near-copies of a single hidden unit are not
//   all, though: a team can cover several small hidden units at once. So a team is also
//   checked, like a pair above, against the remainder itself, each shown unit (and the
//   whole) minus its shown units, which anyone can work out from the unit tree.
// Every decision is made from the counts of all the groups, never only the ones asked for,
// so a team hidden in the team breakdown is hidden because of a unit shown in the unit
// breakdown. What remains open: combinations of three or more shown figures other than a
// unit tree remainder and a team (a unit minus two teams, two teams minus a third, the
// members minus several units), and the members of teams or the rest against the unit
// tree's remainders. Those would need every subset of figures checked.

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


/** Whether two shown groups that share `shared` respondents give a few away: either has 1..min-1 respondents the other lacks. */
export function reveals(a: number, b: number, shared: number, min: number): boolean {
  const few = (k: number) => k > 0 && k < min;
  return shared > 0 && (few(a - shared) || few(b - shared));
}

/** Whether a team is nearly the same people as a group the unit tree keeps hidden: fewer than `min` apart either way. */
export function standsIn(team: number, hidden: number, shared: number, min: number): boolean {
  return shared > 0 && team - shared < min && hidden - shared < min;
}

/** The counts of one figure behind the overlap check. */
export interface OverlapCounts {
  /** A group's respondents: a unit (with the units below it), a team, 'members' or 'rest'. */
  n(group: string): number;
  /** A unit's respondents who are in a team. */
  unitMembers(unitId: string): number;
  /** Teams and the units or teams they share at least one respondent with, and how many of those answered. */
  pairs: readonly { team: string; other: string; shared: number }[];
}

export interface OverlapDecisions {
  units: Map<string, Decision>;
  members: Decision;
  rest: Decision;
  teams: Map<string, Decision>;
}

/** Every group of every breakdown for one figure, overlapping groups included (see the top of this file). */
export function decideOverlaps(tree: UnitTree, teams: readonly string[], counts: OverlapCounts, total: number, min: number): OverlapDecisions {
  const units = decideTree(tree, total, counts.n, min);
  const order = treeOrder(tree).map(({ id }) => id);
  const shown = (unit: string) => units.get(unit) === null;
  let members = decidePart(counts.n('members'), total, min);
  let rest = decidePart(counts.n('rest'), total, min);
  const unitReveals = (id: string) => {
    const n = counts.n(id);
    const inTeams = counts.unitMembers(id);
    return (members === null && reveals(n, counts.n('members'), inTeams, min)) || (rest === null && reveals(n, counts.n('rest'), n - inTeams, min));
  };
  if (order.some((id) => shown(id) && unitReveals(id))) {
    members ??= 'differencing';
    rest ??= 'differencing';
  }

  // What a team shares with each unit it has someone in (every unit above them too) and with each other team.
  const shared = new Map<string, number>();
  const unitsOf = new Map<string, string[]>(teams.map((team) => [team, []]));
  for (const { team, other, shared: n } of counts.pairs) {
    shared.set(`${team} ${other}`, n);
    shared.set(`${other} ${team}`, n);
    if (tree.children.has(other)) unitsOf.get(team)?.push(other);
  }
  const sharedOf = (team: string, other: string) => shared.get(`${team} ${other}`) ?? 0;
  // What the unit tree lets anyone work out besides its shown units: each shown unit (and the
  // whole) minus its shown children, the people directly in it and in its hidden units.
  const shownChildren = (id: string | null) => (id === null ? tree.roots : tree.children.get(id) ?? []).filter(shown);
  const remainder = (team: string, id: string | null) => {
    const children = shownChildren(id);
    const n = (id === null ? total : counts.n(id)) - children.reduce((sum, c) => sum + counts.n(c), 0);
    const inTeam = (id === null ? counts.n(team) : sharedOf(team, id)) - children.reduce((sum, c) => sum + sharedOf(team, c), 0);
    return { n, inTeam };
  };

  const decisions = new Map<string, Decision>();
  const givesAway = (team: string) => {
    const n = counts.n(team);
    // Every member of a team is among the members of teams.
    if (members === null && reveals(n, counts.n('members'), n, min)) return true;
    for (const unit of unitsOf.get(team) ?? []) {
      const both = sharedOf(team, unit);
      if (shown(unit) ? reveals(n, counts.n(unit), both, min) : standsIn(n, counts.n(unit), both, min)) return true;
    }
    if (decideWhole(total, min) !== null) return false;
    return [null, ...(unitsOf.get(team) ?? []).filter(shown)].some((id) => {
      const left = remainder(team, id);
      return reveals(n, left.n, left.inTeam, min);
    });
  };
  for (const team of teams) {
    const decision = decidePart(counts.n(team), total, min);
    decisions.set(team, decision === null && givesAway(team) ? 'differencing' : decision);
  }
  const byId = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
  const teamPairs = counts.pairs
    .filter(({ team, other, shared }) => decisions.get(team) === null && decisions.get(other) === null && reveals(counts.n(team), counts.n(other), shared, min))
    .map(({ team, other }) => (counts.n(team) < counts.n(other) || (counts.n(team) === counts.n(other) && team < other) ? { smaller: team, larger: other } : { smaller: other, larger: team }))
    .sort((a, b) => counts.n(a.smaller) - counts.n(b.smaller) || byId(a.smaller, b.smaller) || byId(a.larger, b.larger));
  for (const { smaller, larger } of teamPairs) {
    if (decisions.get(smaller) === null && decisions.get(larger) === null) decisions.set(smaller, 'differencing');
  }
  return { units, members, rest, teams: decisions };
}
