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
 * Linear time (Tarjan's bridges), so a table of thousands of organisations stays quick.
 */

export interface SuppressionGraph {
  nodeCount: number;
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
  return { nodeCount: lineCount + 1, ends };
}

type Adjacency = Array<Array<{ node: number; entry: number }>>;

function adjacencyOf(graph: SuppressionGraph, suppressed: ReadonlySet<number>): Adjacency {
  const adjacency: Adjacency = Array.from({ length: graph.nodeCount }, () => []);
  for (const entry of suppressed) {
    const ends = graph.ends[entry];
    if (!ends) continue;
    adjacency[ends[0]]?.push({ node: ends[1], entry });
    adjacency[ends[1]]?.push({ node: ends[0], entry });
  }
  return adjacency;
}

/** The lowest-numbered suppressed entry that the published figures fix, or null when none is. */
export function findDeterminedEntry(graph: SuppressionGraph, suppressed: ReadonlySet<number>): number | null {
  const adjacency = adjacencyOf(graph, suppressed);
  const found = new Array<number>(graph.nodeCount).fill(-1);
  const low = new Array<number>(graph.nodeCount).fill(0);
  let clock = 0;
  let determined: number | null = null;
  for (let root = 0; root < graph.nodeCount; root += 1) {
    if (found[root] !== -1) continue;
    found[root] = low[root] = clock++;
    // Iterative depth-first search: node, the entry it was reached by, the next neighbour to try.
    const stack = [{ node: root, via: -1, next: 0 }];
    while (stack.length > 0) {
      const top = stack[stack.length - 1] as { node: number; via: number; next: number };
      const step = adjacency[top.node]?.[top.next++];
      if (step !== undefined) {
        if (step.entry === top.via) continue;
        if (found[step.node] === -1) {
          found[step.node] = low[step.node] = clock++;
          stack.push({ node: step.node, via: step.entry, next: 0 });
        } else low[top.node] = Math.min(low[top.node] ?? 0, found[step.node] ?? 0);
        continue;
      }
      stack.pop();
      const parent = stack[stack.length - 1];
      if (parent === undefined) continue;
      low[parent.node] = Math.min(low[parent.node] ?? 0, low[top.node] ?? 0);
      if ((low[top.node] ?? 0) > (found[parent.node] ?? 0) && (determined === null || top.via < determined)) determined = top.via;
    }
  }
  return determined;
}

/** Nodes reachable from `start` along suppressed entries other than `skip`. */
function reachableWithout(adjacency: Adjacency, skip: number, start: number): ReadonlySet<number> {
  const seen = new Set<number>([start]);
  const queue = [start];
  for (let node = queue.pop(); node !== undefined; node = queue.pop()) {
    for (const step of adjacency[node] ?? []) {
      if (step.entry === skip || seen.has(step.node)) continue;
      seen.add(step.node);
      queue.push(step.node);
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
  const adjacency = adjacencyOf(graph, suppressed);
  const near = reachableWithout(adjacency, e, ends[0]);
  const far = reachableWithout(adjacency, e, ends[1]);
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
