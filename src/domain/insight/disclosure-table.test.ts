import { describe, expect, it } from 'vitest';
import { discloseParts, discloseTable, disclosedText } from './disclosure.ts';
import type { CountTable, DisclosedCount } from './disclosure.ts';

function texts(row: readonly DisclosedCount[] | null): string[] {
  return (row ?? []).map(disclosedText);
}

describe('worked example: people by professional group in a practice (parts of a whole)', () => {
  const groups = [
    { label: 'Nurses', count: 23 },
    { label: 'Doctors', count: 5 },
    { label: 'Pharmacists', count: 0 },
    { label: 'Administrative staff', count: 41 },
    { label: 'Allied health professionals', count: 12 },
  ];

  it('suppresses the small group, then the next smallest non-zero group so the total cannot give it away', () => {
    const disclosed = discloseParts(groups, 81, 'sub-national');
    expect(disclosed.parts.map((p) => [p.label, disclosedText(p.count), disclosedText(p.share)])).toEqual([
      ['Nurses', '25', '28%'],
      ['Doctors', '*', '*'],
      ['Pharmacists', '0', '0%'],
      ['Administrative staff', '40', '51%'],
      ['Allied health professionals', '*', '*'],
    ]);
    expect(disclosed.parts.map((p) => p.count.suppressed && p.count.reason)).toEqual([false, 'small-count', false, false, 'secondary']);
    expect(disclosed.parts[4]?.share).toMatchObject({ suppressed: true, reason: 'numerator-suppressed' });
    expect(disclosedText(disclosed.total)).toBe('80');
  });

  it('shows every group exactly at national level', () => {
    const disclosed = discloseParts(groups, 81, 'national');
    expect(disclosed.parts.map((p) => disclosedText(p.count))).toEqual(['23', '5', '0', '41', '12']);
    expect(disclosed.parts.map((p) => disclosedText(p.share))).toEqual(['28%', '6%', '0%', '51%', '15%']);
    expect(disclosedText(disclosed.total)).toBe('81');
  });

  it('suppresses every share when the total itself is small', () => {
    const disclosed = discloseParts([{ label: 'Nurses', count: 4 }, { label: 'Doctors', count: 2 }, { label: 'Pharmacists', count: 0 }], 6, 'sub-national');
    expect(disclosed.parts.map((p) => disclosedText(p.count))).toEqual(['*', '*', '0']);
    expect(disclosed.parts.map((p) => p.share.suppressed && p.share.reason)).toEqual(['denominator-suppressed', 'denominator-suppressed', 'denominator-suppressed']);
    expect(disclosed.total).toMatchObject({ suppressed: true, reason: 'small-count' });
  });
});

describe('worked example: level reached in one topic, by setting (rows and columns with totals)', () => {
  const table: CountTable = {
    rows: ['Primary care', 'Acute', 'Mental health'],
    columns: ['Awareness', 'Familiarity', 'Understanding'],
    cells: [
      [12, 3, 20],
      [40, 25, 9],
      [15, 10, 30],
    ],
    rowTotals: [35, 74, 55],
    columnTotals: [67, 38, 59],
    grandTotal: 164,
  };

  it('suppresses a rectangle of four cells around the small count, and rounds the rest', () => {
    const disclosed = discloseTable(table, 'sub-national');
    expect(disclosed.cells.map(texts)).toEqual([
      ['*', '*', '20'],
      ['40', '25', '10'],
      ['*', '*', '30'],
    ]);
    expect(texts(disclosed.rowTotals)).toEqual(['35', '75', '55']);
    expect(texts(disclosed.columnTotals)).toEqual(['65', '40', '60']);
    expect(disclosed.grandTotal && disclosedText(disclosed.grandTotal)).toBe('165');
    expect(disclosed.cells[0]?.[1]).toMatchObject({ reason: 'small-count' });
    expect(disclosed.cells[0]?.[0]).toMatchObject({ reason: 'secondary' });
  });

  it('withholds the shares of suppressed cells and shows the rest from unrounded counts', () => {
    const disclosed = discloseTable(table, 'sub-national', { shareOf: 'row-total' });
    expect(disclosed.shares?.map((row) => row.map(disclosedText))).toEqual([
      ['*', '*', '57%'],
      ['54%', '34%', '12%'],
      ['*', '*', '55%'],
    ]);
  });

  it('shows the table exactly at national level', () => {
    const disclosed = discloseTable(table, 'national');
    expect(disclosed.cells.map(texts)).toEqual(table.cells.map((row) => row.map(String)));
    expect(disclosed.grandTotal?.value).toBe(164);
  });
});

describe('totals that would give a suppressed cell away', () => {
  it('suppresses a row total when it is the only figure left in its row', () => {
    // One column: each row total equals its cell, so hiding the cell means hiding the total.
    const disclosed = discloseTable(
      { rows: ['Practice A', 'Practice B'], columns: ['People'], cells: [[4], [20]], rowTotals: [4, 20], columnTotals: [24], grandTotal: 24 },
      'sub-national',
    );
    expect(disclosed.cells.map(texts)).toEqual([['*'], ['*']]);
    expect(texts(disclosed.rowTotals)).toEqual(['*', '*']);
    expect(disclosed.rowTotals?.[1]).toMatchObject({ reason: 'secondary' });
    expect(texts(disclosed.columnTotals)).toEqual(['25']);
  });
});

describe('malformed tables', () => {
  it.each<[string, CountTable]>([
    ['a row total that is not the sum', { rows: ['a'], columns: ['x', 'y'], cells: [[10, 10]], rowTotals: [21] }],
    ['a grand total that is not the sum', { rows: ['a'], columns: ['x'], cells: [[10]], grandTotal: 11 }],
    ['a ragged row', { rows: ['a'], columns: ['x', 'y'], cells: [[10]] }],
    ['a fraction', { rows: ['a'], columns: ['x'], cells: [[1.5]] }],
  ])('rejects %s', (_name, table) => {
    expect(() => discloseTable(table, 'sub-national')).toThrow(RangeError);
  });

  it('asks for the total that shares are of', () => {
    expect(() => discloseTable({ rows: ['a'], columns: ['x'], cells: [[10]] }, 'sub-national', { shareOf: 'row-total' })).toThrow(/row-total/);
  });
});
