// Walking a chart's nodes by parentKey (the server has made sure they form one tree).
export function childrenByParent<N extends { key: string; parentKey: string | null }>(nodes: N[]): Map<string | null, N[]> {
  const keys = new Set(nodes.map((n) => n.key));
  const out = new Map<string | null, N[]>();
  for (const n of nodes) {
    const parent = n.parentKey !== null && keys.has(n.parentKey) ? n.parentKey : null;
    out.set(parent, [...(out.get(parent) ?? []), n]);
  }
  return out;
}

export function levelsOf<N extends { key: string; parentKey: string | null }>(nodes: N[]): Map<string, number> {
  const children = childrenByParent(nodes);
  const levels = new Map<string, number>();
  const walk = (parent: string | null, level: number) => {
    for (const n of children.get(parent) ?? []) {
      if (levels.has(n.key)) continue;
      levels.set(n.key, level);
      walk(n.key, level + 1);
    }
  };
  walk(null, 1);
  return levels;
}

/** The key and every key below it. */
export function branchKeys<N extends { key: string; parentKey: string | null }>(nodes: N[], key: string): Set<string> {
  const children = childrenByParent(nodes);
  const out = new Set<string>();
  const walk = (k: string) => {
    out.add(k);
    for (const c of children.get(k) ?? []) walk(c.key);
  };
  walk(key);
  return out;
}
