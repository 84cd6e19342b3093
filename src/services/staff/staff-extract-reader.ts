import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { Readable } from 'node:stream';
import { parse } from 'csv-parse';
import { pickFields, resolveColumns } from '../../domain/staff-import/column-map.ts';
import type { ColumnMap, ColumnPositions } from '../../domain/staff-import/column-map.ts';
import { readEsrRow } from '../../domain/staff-import/esr-row.ts';
import type { EsrRow, RowError } from '../../domain/staff-import/esr-row.ts';
import { AppError } from '../../errors.ts';

/** An extract as a path, a stream or bytes in memory. */
export type ExtractSource = string | Readable | Buffer;

/** ESR extracts of a large trust are tens of megabytes; anything far bigger is not one. */
export const MAX_EXTRACT_BYTES = 200 * 1024 * 1024;

export interface ReadExtract {
  bytes: Buffer;
  sha256: string;
}

export interface ParsedExtract {
  rows: EsrRow[];
  readErrors: RowError[];
}

export class ExtractFileError extends AppError {
  constructor(message: string) {
    super('invalid', message);
  }
}

export async function readExtract(source: ExtractSource): Promise<ReadExtract> {
  const stream = typeof source === 'string' ? createReadStream(source) : Buffer.isBuffer(source) ? Readable.from([source]) : source;
  const hash = createHash('sha256');
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of stream) {
    const buffer = Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk as string);
    size += buffer.length;
    if (size > MAX_EXTRACT_BYTES) throw new ExtractFileError('The file is too large to be an ESR extract.');
    hash.update(buffer);
    chunks.push(buffer);
  }
  return { bytes: Buffer.concat(chunks), sha256: hash.digest('hex') };
}

/**
 * Windows-1252's characters at 0x80–0x9F (Latin-1 has control codes there). Node's TextDecoder
 * without full ICU decodes "windows-1252" as Latin-1, so the difference is mapped here.
 */
const CP1252_HIGH = '\u20ac\u0081\u201a\u0192\u201e\u2026\u2020\u2021\u02c6\u2030\u0160\u2039\u0152\u008d\u017d\u008f'
  + '\u0090\u2018\u2019\u201c\u201d\u2022\u2013\u2014\u02dc\u2122\u0161\u203a\u0153\u009d\u017e\u0178';

/** UTF-8 when the bytes are valid UTF-8 (a BOM is dropped), else Windows-1252, which Excel on Windows saves. */
export function decodeExtract(bytes: Buffer): string {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return bytes.toString('latin1').replace(/[\u0080-\u009f]/g, (c) => CP1252_HIGH[c.charCodeAt(0) - 0x80]!);
  }
}

/**
 * Reads an extract's rows. A file that is not well-formed CSV (an unbalanced quote, a row with
 * more or fewer cells than the header) or lacks a required column is refused whole.
 */
export async function parseExtract(bytes: Buffer, map: ColumnMap, today: string): Promise<ParsedExtract> {
  const parser = Readable.from([decodeExtract(bytes)]).pipe(parse({ bom: true, relax_column_count: false, skip_empty_lines: true }));
  const rows: EsrRow[] = [];
  const readErrors: RowError[] = [];
  let positions: ColumnPositions | undefined;
  let record = 0;
  try {
    for await (const cells of parser as AsyncIterable<string[]>) {
      if (!positions) {
        const resolved = resolveColumns(cells, map);
        if (!resolved.ok) throw new ExtractFileError(`The file has no ${resolved.missing.join(', ')} column: check its header row, or map the columns.`);
        positions = resolved.positions;
        continue;
      }
      // The header is line 1; a quoted cell spanning lines makes this the record's number, not the file's line.
      record += 1;
      const read = readEsrRow(pickFields(cells, positions), record + 1, today);
      if ('row' in read) rows.push(read.row);
      else readErrors.push(read.error);
    }
  } catch (error) {
    if (error instanceof ExtractFileError) throw error;
    throw new ExtractFileError(`The file is not a well-formed CSV file: ${error instanceof Error ? error.message : String(error)}`);
  }
  if (!positions) throw new ExtractFileError('The file is empty: it has no header row.');
  return { rows, readErrors };
}
