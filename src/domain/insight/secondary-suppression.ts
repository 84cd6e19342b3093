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

/**
 * Every entry that must be suppressed: the primary ones and the fewest further ones this greedy
 * rule finds. Deterministic: the same table always suppresses the same cells.
 */
export function suppressEntries(entries: readonly SuppressionEntry[], lines: readonly SuppressionLine[]): ReadonlySet<number> {
  const suppressed = new Set<number>();
  entries.forEach((e, i) => {
    if (e.isPrimary) suppressed.add(i);
  });
  const linesOf = linesByEntry(entries.length, lines);
  const graph = suppressionGraph(entries.length, linesOf, lines.length);
  for (;;) {
    const exposed = lines.find((line) => suppressedIn(line, suppressed) === 1);
    if (exposed !== undefined) {
      suppressed.add(chooseCompanion(exposed, entries, lines, linesOf, suppressed));
      continue;
    }
    const determined = findDeterminedEntry(graph, suppressed);
    if (determined === null) return suppressed;
    suppressed.add(chooseCycleCloser(determined, entries, graph, suppressed));
  }
}

/** A shown figure that puts a figure fixed by a combination of lines back on a cycle; the same preferences as below. */
function chooseCycleCloser(determined: number, entries: readonly SuppressionEntry[], graph: SuppressionGraph, suppressed: ReadonlySet<number>): number {
  const { direct, outward } = cycleClosers(graph, suppressed, determined);
  const key = (i: number, isDirect: boolean): number[] => {
    const entry = entries[i] as SuppressionEntry;
    return [isDirect ? 0 : 1, entry.isTotal ? 1 : 0, entry.value === 0 ? 1 : 0, entry.value, i];
  };
  const ranked = [...direct.map((i) => ({ i, key: key(i, true) })), ...outward.map((i) => ({ i, key: key(i, false) }))];
  const best = ranked.sort((a, b) => compareKeys(a.key, b.key))[0];
  if (best === undefined) throw new Error(`Nothing left to suppress to protect entry ${determined}`);
  return best.i;
}

function suppressedIn(line: SuppressionLine, suppressed: ReadonlySet<number>): number {
  return line.reduce((n, i) => n + (suppressed.has(i) ? 1 : 0), 0);
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
function chooseCompanion(
  line: SuppressionLine,
  entries: readonly SuppressionEntry[],
  lines: readonly SuppressionLine[],
  linesOf: ReadonlyArray<readonly number[]>,
  suppressed: ReadonlySet<number>,
): number {
  const candidates = line.filter((i) => !suppressed.has(i));
  const key = (i: number): number[] => {
    const entry = entries[i] as SuppressionEntry;
    const alsoProtects = (linesOf[i] ?? []).some((l) => lines[l] !== line && suppressedIn(lines[l] ?? [], suppressed) === 1);
    return [entry.isTotal ? 1 : 0, alsoProtects ? 0 : 1, entry.value === 0 ? 1 : 0, entry.value, i];
  };
  const best = candidates.map((i) => ({ i, key: key(i) })).sort((a, b) => compareKeys(a.key, b.key))[0];
  // A line with one suppressed figure has at least one other (every line holds a total and a part).
  if (best === undefined) throw new Error('An exposed line has nothing left to suppress');
  return best.i;
}

function compareKeys(a: readonly number[], b: readonly number[]): number {
  for (let k = 0; k < a.length; k += 1) {
    const d = (a[k] ?? 0) - (b[k] ?? 0);
    if (d !== 0) return d;
  }
  return 0;
}
