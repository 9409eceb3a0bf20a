import type { OverlapRow, UnitNode } from './repository.ts';
import { decideOverlaps, unitTree, type Decision, type OverlapCounts, type OverlapDecisions } from './suppression.ts';

// The counts of repository.overlaps indexed per figure, and the decisions of every group
// of every breakdown (suppression.decideOverlaps) made from them once per figure.

export interface OverlapInput {
  rows: OverlapRow[];
  /** The round's frozen unit tree. */
  units: UnitNode[];
}

export class Overlaps {
  private readonly counts = new Map<string, { n: Map<string, number>; members: Map<string, number>; pairs: OverlapCounts['pairs'][number][] }>();
  private readonly decided = new Map<string, OverlapDecisions>();
  private readonly teams: string[] = [];
  private readonly tree;

  constructor(input: OverlapInput, private readonly min: number, private readonly total: (metric: string) => number) {
    this.tree = unitTree(input.units.map((u) => ({ id: u.id, parentId: u.parent_id })));
    const unitIds = new Set(input.units.map((u) => u.id));
    const teams = new Set<string>();
    for (const row of input.rows) {
      const figure = this.figure(row.m);
      if (row.kind === 'n') {
        figure.n.set(row.a, row.n);
        if (!unitIds.has(row.a) && row.a !== 'members' && row.a !== 'rest') teams.add(row.a);
      } else if (row.kind === 'um') figure.members.set(row.a, row.n);
      else figure.pairs.push({ team: row.a, other: row.b!, shared: row.n });
    }
    // By id, so the order the pairs are looked at never depends on the database's.
    this.teams = [...teams].sort();
    for (const figure of this.counts.values()) figure.pairs.sort((x, y) => (x.team + x.other < y.team + y.other ? -1 : 1));
  }

  private figure(metric: string) {
    let figure = this.counts.get(metric);
    if (!figure) this.counts.set(metric, (figure = { n: new Map(), members: new Map(), pairs: [] }));
    return figure;
  }

  /** Every group's decision for a figure. */
  decisions(metric: string): OverlapDecisions {
    let decided = this.decided.get(metric);
    if (!decided) {
      const figure = this.figure(metric);
      decided = decideOverlaps(this.tree, this.teams, {
        n: (group) => figure.n.get(group) ?? 0,
        unitMembers: (unit) => figure.members.get(unit) ?? 0,
        pairs: figure.pairs,
      }, this.total(metric), this.min);
      this.decided.set(metric, decided);
    }
    return decided;
  }

  team(team: string, metric: string): Decision {
    const decision = this.decisions(metric).teams.get(team);
    // A team no respondent is in has nobody to show.
    return decision === undefined ? 'belowMinimum' : decision;
  }

  membership(kind: 'members' | 'rest', metric: string): Decision {
    return this.decisions(metric)[kind];
  }
}
