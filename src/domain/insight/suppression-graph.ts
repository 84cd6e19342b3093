/**
 * Whether a suppressed figure can be worked out by combining lines, not just by subtracting
 * within one (e.g. two row totals less two column totals). Each line is an equation "total =
 * sum of parts"; each figure sits in at most two lines. Draw the lines as nodes (plus one
 * "open" node standing for every total that is not published) and each suppressed figure as an
 * edge between its two lines. Flipping the sign of the row and column totals makes every
 * equation a plain sum, and the graph is bipartite (rows and the column-totals line on one
 * side, columns and the row-totals line on the other), so any cycle of suppressed figures can
 * be shifted +1/−1 around it without changing any total. Hence a suppressed figure is fixed by
 * the published figures exactly when its edge is a bridge: on no cycle of suppressed figures.
 */

export interface SuppressionGraph {
  /** For each entry, the two nodes it joins, or null when it sits in no line (nothing can fix it). */
  ends: ReadonlyArray<readonly [number, number] | null>;
}

export function suppressionGraph(entryCount: number, linesOf: ReadonlyArray<readonly number[]>, lineCount: number): SuppressionGraph {
  const open = lineCount;
  const ends = Array.from({ length: entryCount }, (_, i): readonly [number, number] | null => {
    const lines = linesOf[i] ?? [];
    if (lines.length > 2) throw new Error(`Entry ${i} is in ${lines.length} lines; a table figure is in at most two`);
    const [first, second] = lines;
    if (first === undefined) return null;
    return [first, second ?? open];
  });
  return { ends };
}

/** The first suppressed entry that the published figures fix, or null when none is. */
export function findDeterminedEntry(graph: SuppressionGraph, suppressed: ReadonlySet<number>): number | null {
  for (const e of [...suppressed].sort((a, b) => a - b)) {
    const ends = graph.ends[e];
    if (!ends) continue;
    if (!reachableWithout(graph, suppressed, e, ends[0]).has(ends[1])) return e;
  }
  return null;
}

/** Nodes reachable from `start` along suppressed entries other than `skip`. */
export function reachableWithout(graph: SuppressionGraph, suppressed: ReadonlySet<number>, skip: number, start: number): ReadonlySet<number> {
  const seen = new Set<number>([start]);
  const queue = [start];
  for (let node = queue.pop(); node !== undefined; node = queue.pop()) {
    for (const e of suppressed) {
      const ends = graph.ends[e];
      if (e === skip || !ends || (ends[0] !== node && ends[1] !== node)) continue;
      const other = ends[0] === node ? ends[1] : ends[0];
      if (!seen.has(other)) {
        seen.add(other);
        queue.push(other);
      }
    }
  }
  return seen;
}

/**
 * Shown entries that would put the determined entry `e` back on a cycle: those joining the two
 * sides it separates first, then any leaving its first side (which the next round builds on).
 */
export function cycleClosers(graph: SuppressionGraph, suppressed: ReadonlySet<number>, e: number): { direct: number[]; outward: number[] } {
  const ends = graph.ends[e];
  if (!ends) return { direct: [], outward: [] };
  const near = reachableWithout(graph, suppressed, e, ends[0]);
  const far = reachableWithout(graph, suppressed, e, ends[1]);
  const direct: number[] = [];
  const outward: number[] = [];
  graph.ends.forEach((candidate, i) => {
    if (!candidate || suppressed.has(i)) return;
    const [a, b] = candidate;
    if ((near.has(a) && far.has(b)) || (near.has(b) && far.has(a))) direct.push(i);
    else if (near.has(a) !== near.has(b)) outward.push(i);
  });
  return { direct, outward };
}
