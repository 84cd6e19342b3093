import { parse } from 'csv-parse/sync';
import { readdir, readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { neutraliseFormula, readNeutralisedCell, writeCsv } from './csv-writer.ts';

describe('neutraliseFormula', () => {
  it.each([
    ['=HYPERLINK("http://evil","x")', `'=HYPERLINK("http://evil","x")`],
    ['+44 20 7946 0000', `'+44 20 7946 0000`],
    ['-1+2', `'-1+2`],
    ['@SUM(A1)', `'@SUM(A1)`],
    ['\t=1', `'\t=1`],
    ['\r=1', `'\r=1`],
    [`'=1`, `''=1`],
    ['Plain text', 'Plain text'],
    ['a=b', 'a=b'],
    [`It's fine`, `It's fine`],
    ['', ''],
  ])('%j is written as %j', (value, written) => {
    expect(neutraliseFormula(value)).toBe(written);
  });

  it.each(['=HYPERLINK("http://evil","x")', `'=1`, `''@x`, '-', 'Plain', `'quoted'`, ''])('reads %j back exactly', (value) => {
    expect(readNeutralisedCell(neutraliseFormula(value))).toBe(value);
  });
});

describe('writeCsv', () => {
  it('neutralises every cell and quotes what CSV needs', () => {
    const csv = writeCsv(['title', 'note'], [['=HYPERLINK("http://evil","x")', 'a, b']]);
    expect(csv).toBe(`title,note\n"'=HYPERLINK(""http://evil"",""x"")","a, b"\n`);
    expect(parse(csv)).toEqual([['title', 'note'], [`'=HYPERLINK("http://evil","x")`, 'a, b']]);
  });

  it('writes for Excel with a byte-order mark and CRLF', () => {
    expect(writeCsv(['a'], [['b']], { forExcel: true })).toBe('\uFEFFa\r\nb\r\n');
  });
});

describe('one writer', () => {
  it('is the only code that writes CSV, so no file the hub makes can skip the neutralising', async () => {
    const srcDir = new URL('../../', import.meta.url);
    const files = (await readdir(srcDir, { recursive: true })).filter((f) => f.endsWith('.ts') && !f.endsWith('.test.ts'));
    const writers = [];
    for (const file of files) if ((await readFile(new URL(file, srcDir), 'utf8')).includes("from 'csv-stringify")) writers.push(file);
    expect(writers).toEqual(['domain/csv/csv-writer.ts']);
  });
});
