import { stringify } from 'csv-stringify/sync';

/**
 * The one CSV writer for every file the hub produces. Spreadsheet apps run a cell that starts like
 * a formula (`=HYPERLINK(…)`, `+`, `-`, `@`, or a tab or carriage return first), so any such cell is
 * written with a leading apostrophe, which spreadsheets take as "this is text" and do not show.
 *
 * Round trip: a file read back by the hub (the catalogue import) passes each cell through
 * `readNeutralisedCell`, which removes that one apostrophe again, so `=HYPERLINK("…")` exported
 * reads back as `=HYPERLINK("…")`. A value that itself starts with apostrophes before a formula
 * character gets one more on the way out, so it too reads back exactly as it was.
 */
const STARTS_LIKE_FORMULA = /^'*[=+\-@\t\r]/;
const NEUTRALISED = /^'+[=+\-@\t\r]/;

export function neutraliseFormula(cell: string): string {
  return STARTS_LIKE_FORMULA.test(cell) ? `'${cell}` : cell;
}

/** The value a cell of a hub-written file held before it was neutralised. */
export function readNeutralisedCell(cell: string): string {
  return NEUTRALISED.test(cell) ? cell.slice(1) : cell;
}

export interface CsvOptions {
  /** For Excel: a byte-order mark (so it reads UTF-8) and CRLF line ends. */
  forExcel?: boolean;
}

/** A header line and the rows under it, every cell neutralised, quoted where CSV needs it. */
export function writeCsv(header: readonly string[], rows: ReadonlyArray<readonly string[]>, { forExcel = false }: CsvOptions = {}): string {
  const body = stringify([header, ...rows].map((cells) => cells.map(neutraliseFormula)), forExcel ? { record_delimiter: '\r\n' } : {});
  return forExcel ? `\uFEFF${body}` : body;
}
