/**
 * Secondary suppression judged from the reader's side: for many random tables, no suppressed
 * figure can be worked out from what is shown, by subtraction or by combining whole lines.
 */
import { describe, expect, it } from 'vitest';
import { discloseCount, discloseTable, disclosedText, wholePercent } from './disclosure.ts';
import type { CountTable, DisclosedCount, DisclosedTable, DisclosureScope } from './disclosure.ts';

function texts(row: readonly DisclosedCount[] | null): string[] {
  return (row ?? []).map(disclosedText);
}

/** Deterministic pseudo-random numbers (mulberry32), so a failure can be replayed. */
function randomFrom(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Mostly small counts, so suppression is frequent and chains of secondary suppression get exercised. */
function randomTable(random: () => number): CountTable {
  const int = (n: number): number => Math.floor(random() * n);
  const rows = Array.from({ length: 1 + int(4) }, (_, r) => `r${r}`);
  const columns = Array.from({ length: 1 + int(5) }, (_, c) => `c${c}`);
  const count = (): number => {
    const kind = random();
    return kind < 0.25 ? 0 : kind < 0.55 ? 1 + int(7) : 8 + int(60);
  };
  const cells = rows.map(() => columns.map(count));
  const table: CountTable = { rows, columns, cells };
  if (random() < 0.7) table.rowTotals = cells.map((row) => row.reduce((a, b) => a + b, 0));
  if (random() < 0.6) table.columnTotals = columns.map((_, c) => cells.reduce((a, row) => a + (row[c] ?? 0), 0));
  if (random() < 0.6) table.grandTotal = cells.flat().reduce((a, b) => a + b, 0);
  return table;
}

/** A figure in the table as a reader sees it, with its true value. */
interface Figure {
  name: string;
  trueValue: number;
  shown: DisclosedCount;
}

/**
 * The reader's additive lines, built independently of the module: each shown total with the
 * figures it sums. A line is a total followed by its parts.
 */
function readerLines(table: CountTable, disclosed: DisclosedTable): Figure[][] {
  const cell = (r: number, c: number): Figure => ({ name: `cell ${r},${c}`, trueValue: table.cells[r]?.[c] ?? 0, shown: disclosed.cells[r]?.[c] as DisclosedCount });
  const rowTotal = (r: number): Figure => ({ name: `row total ${r}`, trueValue: table.rowTotals?.[r] ?? 0, shown: disclosed.rowTotals?.[r] as DisclosedCount });
  const columnTotal = (c: number): Figure => ({ name: `column total ${c}`, trueValue: table.columnTotals?.[c] ?? 0, shown: disclosed.columnTotals?.[c] as DisclosedCount });
  const rs = table.rows.map((_, r) => r);
  const cs = table.columns.map((_, c) => c);
  const lines: Figure[][] = [];
  if (table.rowTotals) rs.forEach((r) => lines.push([rowTotal(r), ...cs.map((c) => cell(r, c))]));
  if (table.columnTotals) cs.forEach((c) => lines.push([columnTotal(c), ...rs.map((r) => cell(r, c))]));
  if (table.grandTotal !== undefined && disclosed.grandTotal) {
    const grand: Figure = { name: 'grand total', trueValue: table.grandTotal, shown: disclosed.grandTotal };
    if (table.rowTotals) lines.push([grand, ...rs.map(rowTotal)]);
    if (table.columnTotals) lines.push([grand, ...cs.map(columnTotal)]);
    lines.push([grand, ...rs.flatMap((r) => cs.map((c) => cell(r, c)))]);
  }
  return lines;
}

/**
 * Every suppressed figure a reader could work out by simple subtraction (a total less the other
 * figures in its line, or the parts added up), repeating as long as each step reveals something
 * new, so that chains of subtraction are caught too.
 */
function recoverableFigures(lines: Figure[][]): string[] {
  const known = new Set<string>(lines.flat().filter((f) => !f.shown.suppressed).map((f) => f.name));
  const recovered: string[] = [];
  for (let progress = true; progress; ) {
    progress = false;
    for (const line of lines) {
      const unknown = line.filter((f) => !known.has(f.name));
      if (unknown.length !== 1) continue;
      const [figure] = unknown as [Figure];
      known.add(figure.name);
      recovered.push(figure.name);
      progress = true;
    }
  }
  return recovered;
}

/**
 * Every suppressed figure fixed by some combination of whole lines (the reader adds and subtracts
 * line equations at will): one whose unit vector lies in the span of the line equations over the
 * suppressed figures. Plain Gaussian elimination; the coefficients are all 0 or ±1.
 */
function linearlyDeterminedFigures(lines: Figure[][]): string[] {
  const names = [...new Set(lines.flat().filter((f) => f.shown.suppressed).map((f) => f.name))];
  const column = new Map(names.map((n, i) => [n, i]));
  const equations = lines.map((line) => {
    const row = new Array<number>(names.length).fill(0);
    line.forEach((f, k) => {
      const i = column.get(f.name);
      if (i !== undefined) row[i] = (row[i] ?? 0) + (k === 0 ? -1 : 1);
    });
    return row;
  });
  const base = rank(equations);
  return names.filter((_, i) => rank([...equations, names.map((_n, j) => (j === i ? 1 : 0))]) === base);
}

function rank(matrix: number[][]): number {
  const m = matrix.map((row) => [...row]);
  let r = 0;
  const width = m[0]?.length ?? 0;
  for (let c = 0; c < width && r < m.length; c += 1) {
    const pivot = m.findIndex((row, i) => i >= r && Math.abs(row[c] ?? 0) > 1e-9);
    if (pivot < 0) continue;
    [m[r], m[pivot]] = [m[pivot] as number[], m[r] as number[]];
    const p = m[r] as number[];
    for (let i = 0; i < m.length; i += 1) {
      const row = m[i] as number[];
      const f = (row[c] ?? 0) / (p[c] ?? 1);
      if (i !== r && f !== 0) row.forEach((v, k) => (row[k] = v - f * (p[k] ?? 0)));
    }
    r += 1;
  }
  return r;
}

function checkDisclosure(table: CountTable, disclosed: DisclosedTable, scope: DisclosureScope): string[] {
  const problems: string[] = [];
  const figures = readerLines(table, disclosed).flat();
  for (const f of figures) {
    if (f.shown.suppressed) {
      if (scope === 'national') problems.push(`${f.name} suppressed at national level`);
      if (f.shown.reason !== (f.trueValue >= 1 && f.trueValue <= 7 ? 'small-count' : 'secondary')) problems.push(`${f.name} has reason ${f.shown.reason}`);
    } else if (f.shown.value !== discloseCount(f.trueValue, scope).value) {
      problems.push(`${f.name} shows ${f.shown.value} for ${f.trueValue}`);
    }
  }
  const lines = readerLines(table, disclosed);
  return [
    ...problems,
    ...recoverableFigures(lines).map((name) => `${name} can be worked out`),
    ...linearlyDeterminedFigures(lines).map((name) => `${name} can be worked out by combining lines`),
  ];
}

describe('no suppressed figure can be worked out from the totals (random tables)', () => {
  it('holds for 3,000 random tables below national level', () => {
    const random = randomFrom(14);
    let suppressedSeen = 0;
    let secondarySeen = 0;
    for (let n = 0; n < 3000; n += 1) {
      const table = randomTable(random);
      const disclosed = discloseTable(table, 'sub-national');
      const problems = checkDisclosure(table, disclosed, 'sub-national');
      expect(problems, JSON.stringify(table)).toEqual([]);
      const all = [...disclosed.cells.flat(), ...(disclosed.rowTotals ?? []), ...(disclosed.columnTotals ?? [])];
      suppressedSeen += all.filter((c) => c.suppressed).length;
      secondarySeen += all.filter((c) => c.suppressed && c.reason === 'secondary').length;
    }
    // The property is only worth something if the tables exercise it.
    expect(suppressedSeen).toBeGreaterThan(3000);
    expect(secondarySeen).toBeGreaterThan(1000);
  });

  it('shows a share only where its cell and its total are both shown', () => {
    const random = randomFrom(21);
    for (let n = 0; n < 500; n += 1) {
      const table = randomTable(random);
      if (!table.rowTotals) continue;
      const disclosed = discloseTable(table, 'sub-national', { shareOf: 'row-total' });
      disclosed.shares?.forEach((row, r) =>
        row.forEach((share, c) => {
          if (share.value === null) return;
          expect(disclosed.cells[r]?.[c]?.suppressed).toBe(false);
          expect(disclosed.rowTotals?.[r]?.suppressed).toBe(false);
          expect(share.value).toBe(wholePercent(table.cells[r]?.[c] ?? 0, table.rowTotals?.[r] ?? 0));
        }),
      );
    }
  });

  it('shows every figure exactly at national level', () => {
    const random = randomFrom(7);
    for (let n = 0; n < 300; n += 1) {
      const table = randomTable(random);
      expect(checkDisclosure(table, discloseTable(table, 'national'), 'national')).toEqual([]);
    }
  });

  it('stays quick and sound for a table of every PCN in the country (1,250 rows with totals)', () => {
    const random = randomFrom(1250);
    const columns = ['Not rated', 'Awareness', 'Familiarity', 'Understanding', 'Capability'];
    const rows = Array.from({ length: 1250 }, (_, r) => `PCN ${r}`);
    const cells = rows.map(() => columns.map(() => (random() < 0.3 ? 1 + Math.floor(random() * 7) : Math.floor(random() * 40))));
    const rowTotals = cells.map((row) => row.reduce((a, b) => a + b, 0));
    const columnTotals = columns.map((_, c) => cells.reduce((a, row) => a + (row[c] ?? 0), 0));
    const table: CountTable = { rows, columns, cells, rowTotals, columnTotals, grandTotal: rowTotals.reduce((a, b) => a + b, 0) };
    const disclosed = discloseTable(table, 'sub-national');
    expect(recoverableFigures(readerLines(table, disclosed))).toEqual([]);
  }, 10_000);

  it('the checker catches primary suppression alone, so it can fail', () => {
    const table: CountTable = { rows: ['all'], columns: ['a', 'b', 'c'], cells: [[3, 20, 30]], rowTotals: [53] };
    const primaryOnly: DisclosedTable = {
      scope: 'sub-national',
      rows: ['all'],
      columns: ['a', 'b', 'c'],
      cells: [[3, 20, 30].map((n) => discloseCount(n, 'sub-national'))],
      rowTotals: [discloseCount(53, 'sub-national')],
      columnTotals: null,
      grandTotal: null,
      shares: null,
    };
    expect(checkDisclosure(table, primaryOnly, 'sub-national')).toContain('cell 0,0 can be worked out');
    expect(checkDisclosure(table, primaryOnly, 'sub-national')).toContain('cell 0,0 can be worked out by combining lines');
    expect(checkDisclosure(table, discloseTable(table, 'sub-national'), 'sub-national')).toEqual([]);
  });
});

describe('a figure that only a combination of lines would give away', () => {
  // Two blocks of four small counts, joined by one more small count at row 0, column 2. Every row
  // and column has two or more suppressed cells, yet rows 0 and 1 less columns 0 and 1 isolate it.
  const table: CountTable = {
    rows: ['r0', 'r1', 'r2', 'r3'],
    columns: ['c0', 'c1', 'c2', 'c3'],
    cells: [
      [2, 3, 4, 30],
      [5, 6, 20, 40],
      [50, 60, 1, 2],
      [25, 35, 3, 4],
    ],
    rowTotals: [39, 71, 113, 67],
    columnTotals: [82, 104, 28, 76],
    grandTotal: 290,
  };

  it('is protected by one more suppression joining the two blocks', () => {
    const disclosed = discloseTable(table, 'sub-national');
    expect(disclosed.cells.map(texts)).toEqual([
      ['*', '*', '*', '30'],
      ['*', '*', '*', '40'],
      ['50', '60', '*', '*'],
      ['25', '35', '*', '*'],
    ]);
    expect(disclosed.cells[1]?.[2]).toMatchObject({ reason: 'secondary' });
    expect(checkDisclosure(table, disclosed, 'sub-national')).toEqual([]);
  });
});
