/**
 * Secondary suppression over any set of additive lines (issue 14 §2). A line is a total and the
 * figures it is the sum of: a table row with its row total, a column with its column total, the
 * row totals with the grand total. If exactly one figure in a line is suppressed, subtracting the
 * shown ones from the total (or adding them up, when the suppressed one is the total) gives it
 * away, so a second figure in that line is suppressed too, and so on until no line has exactly one.
 *
 * Then, because a reader can also add and subtract whole lines (two row totals less two column
 * totals can isolate a cell), it goes on until no suppressed figure is fixed by any combination
 * of the published figures (suppression-graph.ts explains the test).
 *
 * Contract: no suppressed figure can be worked out exactly from the published totals and figures,
 * by subtraction within a line, by chains of such subtractions, or by any sum of whole lines.
 * Bounds (a count is never negative; a suppressed primary is 1–7) are not considered: they narrow
 * a suppressed figure to a range, which is what '*' already says. See docs/disclosure-control.md.
 */
import { cycleClosers, findDeterminedEntry, suppressionGraph } from './suppression-graph.ts';
import type { SuppressionGraph } from './suppression-graph.ts';

export interface SuppressionEntry {
  /** The true value; used only to choose which further figure to suppress. */
  value: number;
  /** Totals are suppressed only when no other figure in the line is left to suppress. */
  isTotal: boolean;
  /** Suppressed in its own right (a count of 1–7). */
  isPrimary: boolean;
}

/** Indexes into the entries: each line is a total and its parts, in any order. */
export type SuppressionLine = readonly number[];

/** What is suppressed so far, with how many suppressed figures each line holds. */
interface Progress {
  suppressed: Set<number>;
  countIn: number[];
  /** Lines holding exactly one suppressed figure. */
  exposed: Set<number>;
}

/**
 * Every entry that must be suppressed: the primary ones and the further ones these greedy rules
 * find. Deterministic: the same table always suppresses the same cells.
 */
export function suppressEntries(entries: readonly SuppressionEntry[], lines: readonly SuppressionLine[]): ReadonlySet<number> {
  const linesOf = linesByEntry(entries.length, lines);
  const graph = suppressionGraph(entries.length, linesOf, lines.length);
  const progress: Progress = { suppressed: new Set(), countIn: new Array<number>(lines.length).fill(0), exposed: new Set() };
  const suppress = (i: number): void => {
    progress.suppressed.add(i);
    for (const l of linesOf[i] ?? []) {
      progress.countIn[l] = (progress.countIn[l] ?? 0) + 1;
      if (progress.countIn[l] === 1) progress.exposed.add(l);
      else progress.exposed.delete(l);
    }
  };
  entries.forEach((e, i) => {
    if (e.isPrimary) suppress(i);
  });
  for (;;) {
    if (progress.exposed.size > 0) {
      // The lowest-numbered exposed line first, so the result does not depend on set order.
      const lineIndex = lowest(progress.exposed);
      suppress(chooseCompanion(lineIndex, lines[lineIndex] ?? [], entries, linesOf, progress));
      continue;
    }
    const determined = findDeterminedEntry(graph, progress.suppressed);
    if (determined === null) return progress.suppressed;
    suppress(chooseCycleCloser(determined, entries, graph, progress.suppressed));
  }
}

/** A shown figure that puts a figure fixed by a combination of lines back on a cycle; the same preferences as below. */
function chooseCycleCloser(determined: number, entries: readonly SuppressionEntry[], graph: SuppressionGraph, suppressed: ReadonlySet<number>): number {
  const { direct, outward } = cycleClosers(graph, suppressed, determined);
  const key = (i: number, isDirect: boolean): number[] => {
    const entry = entries[i] as SuppressionEntry;
    return [isDirect ? 0 : 1, entry.isTotal ? 1 : 0, entry.value === 0 ? 1 : 0, entry.value, i];
  };
  const best = smallestBy([...direct.map((i) => ({ i, key: key(i, true) })), ...outward.map((i) => ({ i, key: key(i, false) }))]);
  if (best === undefined) throw new Error(`Nothing left to suppress to protect entry ${determined}`);
  return best;
}

function linesByEntry(count: number, lines: readonly SuppressionLine[]): ReadonlyArray<readonly number[]> {
  const byEntry: number[][] = Array.from({ length: count }, () => []);
  lines.forEach((line, l) => line.forEach((i) => byEntry[i]?.push(l)));
  return byEntry;
}

/**
 * Which shown figure in an exposed line to suppress. In order of preference: a cell rather than a
 * total (totals are what readers most need); one that also protects another exposed line (so two
 * problems are settled by one suppression, which keeps the table readable); a non-zero figure
 * (suppressing a true zero hides little); then the smallest value (the least information lost);
 * then the first, for determinism.
 */
function chooseCompanion(lineIndex: number, line: SuppressionLine, entries: readonly SuppressionEntry[], linesOf: ReadonlyArray<readonly number[]>, progress: Progress): number {
  const key = (i: number): number[] => {
    const entry = entries[i] as SuppressionEntry;
    const alsoProtects = (linesOf[i] ?? []).some((l) => l !== lineIndex && progress.exposed.has(l));
    return [entry.isTotal ? 1 : 0, alsoProtects ? 0 : 1, entry.value === 0 ? 1 : 0, entry.value, i];
  };
  const best = smallestBy(line.filter((i) => !progress.suppressed.has(i)).map((i) => ({ i, key: key(i) })));
  // A line with one suppressed figure has at least one other (every line holds a total and a part).
  if (best === undefined) throw new Error('An exposed line has nothing left to suppress');
  return best;
}

function lowest(values: Iterable<number>): number {
  let min = Number.POSITIVE_INFINITY;
  for (const v of values) if (v < min) min = v;
  return min;
}

function smallestBy(candidates: ReadonlyArray<{ i: number; key: readonly number[] }>): number | undefined {
  let best: { i: number; key: readonly number[] } | undefined;
  for (const c of candidates) if (best === undefined || compareKeys(c.key, best.key) < 0) best = c;
  return best?.i;
}

function compareKeys(a: readonly number[], b: readonly number[]): number {
  for (let k = 0; k < a.length; k += 1) {
    const d = (a[k] ?? 0) - (b[k] ?? 0);
    if (d !== 0) return d;
  }
  return 0;
}
