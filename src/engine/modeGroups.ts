/**
 * Which mixture modes count as one: centres closer than the coverage radius to each other
 * (coinciding or overlapping components) cannot be told apart by any sample, so `modeCoverage`
 * (metrics.ts) counts each group once.
 */

/**
 * The distinct mode each mode belongs to (the index of its group's first member): two modes
 * whose centres are closer than √radiusSquared are one, and so, in chains, are their neighbours
 * (single linkage, by union–find).
 */
export function modeGroups(modes: readonly (readonly number[])[], radiusSquared: number): number[] {
  const parent = modes.map((_, k) => k);
  const root = (k: number): number => {
    let r = k;
    while (parent[r]! !== r) r = parent[r]!;
    return r;
  };
  for (let a = 0; a < modes.length; a++) {
    for (let b = a + 1; b < modes.length; b++) {
      let squared = 0;
      for (const [t, value] of modes[a]!.entries()) squared += (value - modes[b]![t]!) ** 2;
      if (squared < radiusSquared) {
        const [ra, rb] = [root(a), root(b)];
        // The smaller index stays the root, so a group is named by its first listed mode.
        if (ra !== rb) parent[Math.max(ra, rb)] = Math.min(ra, rb);
      }
    }
  }
  return modes.map((_, k) => root(k));
}
