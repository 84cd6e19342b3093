/**
 * Disclosure control for tables of counts with totals (issue 14 §2): primary suppression and
 * rounding cell by cell (disclosure-rules.ts), then secondary suppression so no suppressed cell
 * can be worked out from a shown total. The disclosed table never carries a true value, so it is
 * safe to serialise whole.
 */
import { assertCount, discloseCount, discloseShare, isSmallCount, suppressedCount, suppressedPercent } from './disclosure-rules.ts';
import type { DisclosedCount, DisclosedPercent, DisclosureScope } from './disclosure-rules.ts';
import { suppressEntries } from './secondary-suppression.ts';
import type { SuppressionEntry, SuppressionLine } from './secondary-suppression.ts';

/**
 * Counts of people, rows × columns, where every person is in exactly one cell. Totals are
 * optional, but when given must be the sums of their cells: for overlapping categories (a person
 * may hold several archetypes) the total is not a sum, so disclose it on its own with discloseCount.
 */
export interface CountTable {
  rows: readonly string[];
  columns: readonly string[];
  /** cells[row][column]. */
  cells: ReadonlyArray<readonly number[]>;
  rowTotals?: readonly number[];
  columnTotals?: readonly number[];
  grandTotal?: number;
}

/** What each cell's share is of, when shares are wanted; that total must be given. */
export type ShareBase = 'row-total' | 'column-total' | 'grand-total';

export interface DiscloseTableOptions {
  shareOf?: ShareBase;
}

export interface DisclosedTable {
  scope: DisclosureScope;
  rows: string[];
  columns: string[];
  cells: DisclosedCount[][];
  rowTotals: DisclosedCount[] | null;
  columnTotals: DisclosedCount[] | null;
  grandTotal: DisclosedCount | null;
  /** shares[row][column] of the chosen total, from unrounded counts; null unless asked for. */
  shares: DisclosedPercent[][] | null;
}

/** Where each figure sits in the flat list secondary suppression works on. */
interface Layout {
  cell: (r: number, c: number) => number;
  rowTotal: (r: number) => number;
  columnTotal: (c: number) => number;
  grandTotal: number;
  size: number;
}

function layoutOf(rowCount: number, columnCount: number): Layout {
  const cells = rowCount * columnCount;
  return {
    cell: (r, c) => r * columnCount + c,
    rowTotal: (r) => cells + r,
    columnTotal: (c) => cells + rowCount + c,
    grandTotal: cells + rowCount + columnCount,
    size: cells + rowCount + columnCount + 1,
  };
}

/**
 * Discloses a table. At national scope every figure is exact; below it, counts of 1–7 are
 * suppressed, the rest rounded to 5, and further cells (or, failing those, totals) suppressed
 * until no suppressed figure can be worked out from what is shown (secondary-suppression.ts).
 * Throws on a malformed or inconsistent table.
 */
export function discloseTable(table: CountTable, scope: DisclosureScope, options: DiscloseTableOptions = {}): DisclosedTable {
  assertWellFormed(table);
  const rowCount = table.rows.length;
  const columnCount = table.columns.length;
  const layout = layoutOf(rowCount, columnCount);
  const values = flatten(table, layout);
  const suppressed = scope === 'national' ? new Set<number>() : suppressEntries(entriesOf(values, layout), linesOf(table, layout));
  const disclose = (i: number): DisclosedCount => {
    const value = values[i] ?? 0;
    if (!suppressed.has(i)) return discloseCount(value, scope);
    return suppressedCount(isSmallCount(value) ? 'small-count' : 'secondary');
  };
  const cells = table.rows.map((_, r) => table.columns.map((_c, c) => disclose(layout.cell(r, c))));
  const rowTotals = table.rowTotals ? table.rows.map((_, r) => disclose(layout.rowTotal(r))) : null;
  const columnTotals = table.columnTotals ? table.columns.map((_, c) => disclose(layout.columnTotal(c))) : null;
  const grandTotal = table.grandTotal === undefined ? null : disclose(layout.grandTotal);
  const disclosed: DisclosedTable = { scope, rows: [...table.rows], columns: [...table.columns], cells, rowTotals, columnTotals, grandTotal, shares: null };
  if (options.shareOf) disclosed.shares = sharesOf(table, disclosed, options.shareOf);
  return disclosed;
}

function flatten(table: CountTable, layout: Layout): number[] {
  const values = new Array<number>(layout.size).fill(0);
  table.cells.forEach((row, r) => row.forEach((v, c) => (values[layout.cell(r, c)] = v)));
  table.rowTotals?.forEach((v, r) => (values[layout.rowTotal(r)] = v));
  table.columnTotals?.forEach((v, c) => (values[layout.columnTotal(c)] = v));
  values[layout.grandTotal] = table.grandTotal ?? 0;
  return values;
}

function entriesOf(values: readonly number[], layout: Layout): SuppressionEntry[] {
  const firstTotal = layout.rowTotal(0);
  return values.map((value, i) => ({ value, isTotal: i >= firstTotal, isPrimary: isSmallCount(value) }));
}

/** The additive lines the table's totals make. A total that is not given makes no line. */
function linesOf(table: CountTable, layout: Layout): SuppressionLine[] {
  const rowIndexes = table.rows.map((_, r) => r);
  const columnIndexes = table.columns.map((_, c) => c);
  const lines: SuppressionLine[] = [];
  if (table.rowTotals) for (const r of rowIndexes) lines.push([...columnIndexes.map((c) => layout.cell(r, c)), layout.rowTotal(r)]);
  if (table.columnTotals) for (const c of columnIndexes) lines.push([...rowIndexes.map((r) => layout.cell(r, c)), layout.columnTotal(c)]);
  if (table.grandTotal === undefined) return lines;
  if (table.rowTotals) lines.push([...rowIndexes.map(layout.rowTotal), layout.grandTotal]);
  if (table.columnTotals) lines.push([...columnIndexes.map(layout.columnTotal), layout.grandTotal]);
  if (!table.rowTotals && !table.columnTotals) {
    lines.push([...rowIndexes.flatMap((r) => columnIndexes.map((c) => layout.cell(r, c))), layout.grandTotal]);
  }
  return lines;
}

/**
 * Each cell's share of its total, from the unrounded counts. A share is shown only when both the
 * cell and the total are: a share of a shown total would otherwise give away a suppressed cell.
 */
function sharesOf(table: CountTable, disclosed: DisclosedTable, base: ShareBase): DisclosedPercent[][] {
  return table.cells.map((row, r) =>
    row.map((value, c) => {
      const [total, shownTotal] = baseFor(table, disclosed, base, r, c);
      const share = discloseShare(value, total, disclosed.scope);
      if (share.value === null) return share;
      if (disclosed.cells[r]?.[c]?.suppressed) return suppressedPercent('numerator-suppressed');
      if (shownTotal.suppressed) return suppressedPercent('denominator-suppressed');
      return share;
    }),
  );
}

function baseFor(table: CountTable, disclosed: DisclosedTable, base: ShareBase, r: number, c: number): [number, DisclosedCount] {
  const missing = (): never => {
    throw new RangeError(`Shares of the ${base} need that total in the table`);
  };
  if (base === 'row-total') return [table.rowTotals?.[r] ?? missing(), disclosed.rowTotals?.[r] ?? missing()];
  if (base === 'column-total') return [table.columnTotals?.[c] ?? missing(), disclosed.columnTotals?.[c] ?? missing()];
  return [table.grandTotal ?? missing(), disclosed.grandTotal ?? missing()];
}

function assertWellFormed(table: CountTable): void {
  const columnCount = table.columns.length;
  if (table.cells.length !== table.rows.length) throw new RangeError(`A table with ${table.rows.length} rows has ${table.cells.length} rows of cells`);
  table.cells.forEach((row, r) => {
    if (row.length !== columnCount) throw new RangeError(`Row ${r} has ${row.length} cells, not ${columnCount}`);
    row.forEach((v) => assertCount(v, 'A cell'));
  });
  const rowSums = table.cells.map((row) => sum(row));
  const columnSums = table.columns.map((_, c) => sum(table.cells.map((row) => row[c] ?? 0)));
  assertTotals('row', table.rowTotals, rowSums);
  assertTotals('column', table.columnTotals, columnSums);
  if (table.grandTotal !== undefined) assertTotals('grand', [table.grandTotal], [sum(rowSums)]);
}

/** An inconsistent total is a bug upstream; and secondary suppression is only sound over true sums. */
function assertTotals(kind: string, totals: readonly number[] | undefined, sums: readonly number[]): void {
  if (totals === undefined) return;
  if (totals.length !== sums.length) throw new RangeError(`Expected ${sums.length} ${kind} totals, got ${totals.length}`);
  totals.forEach((t, i) => {
    assertCount(t, `A ${kind} total`);
    if (t !== sums[i]) throw new RangeError(`The ${kind} total ${t} is not the sum of its cells (${sums[i]}); overlapping categories need their total disclosed on its own`);
  });
}

function sum(values: readonly number[]): number {
  return values.reduce((a, b) => a + b, 0);
}

export interface Part {
  label: string;
  count: number;
}

export interface DisclosedParts {
  scope: DisclosureScope;
  parts: Array<{ label: string; count: DisclosedCount; share: DisclosedPercent }>;
  total: DisclosedCount;
}

/**
 * Parts of a whole with their total and shares, e.g. people by professional group: the one-row
 * case of discloseTable. The total must be the sum of the parts.
 */
export function discloseParts(parts: readonly Part[], total: number, scope: DisclosureScope): DisclosedParts {
  const table = discloseTable(
    { rows: ['all'], columns: parts.map((p) => p.label), cells: [parts.map((p) => p.count)], rowTotals: [total] },
    scope,
    { shareOf: 'row-total' },
  );
  const counts = table.cells[0] ?? [];
  const shares = table.shares?.[0] ?? [];
  return {
    scope,
    parts: parts.map((p, i) => ({ label: p.label, count: counts[i] as DisclosedCount, share: shares[i] as DisclosedPercent })),
    total: table.rowTotals?.[0] as DisclosedCount,
  };
}
