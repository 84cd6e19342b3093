import { parse } from 'csv-parse/sync';
import { readNeutralisedCell, writeCsv } from '../../domain/csv/csv-writer.ts';
import { AppError } from '../../errors.ts';
import type { LearningResource, ResourceInput, ResourceSubmission, TransferFormat } from './catalogue.types.ts';
import type { Problem } from './resource-input.ts';
import { listOf, yesNo } from './resource-input.ts';

/**
 * The catalogue's import and export files. CSV has one resource per row under a header naming
 * these columns (any order; all but `title` may be left out on import):
 *
 * - `id`: the resource's id. On import, a row whose id names a resource the importer curates
 *   updates it (or changes nothing when it is unchanged); a row giving someone else's published
 *   resource exactly as it is leaves it alone; any other row creates a new resource owned by the
 *   importer's organisation (so a file can copy another hub's catalogue, or adapt a resource).
 * - `version`: on import, when given for an update, the version the file was exported at; a
 *   resource changed since then is refused rather than overwritten.
 * - `status`: draft, published or retired (blank: draft for a new resource, unchanged otherwise).
 * - `sample`: true for demo content.
 * - `title`, `provider`, `url`, `description`, `format` (e-learning, video, reading, podcast,
 *   course, workshop, webinar, fellowship, simulation, other), `duration_minutes`, `cost_pence`
 *   (0 is free), `cpd_accredited`, `cpd_detail`, `vendor_neutral`, `audience_note`, `review_date`
 *   (yyyy-mm-dd).
 * - `audience_archetypes`: archetype ids separated by `;` (blank: everyone).
 * - `outcomes`: `topicId:level` pairs separated by `;`, e.g. `ai-definitions:familiarity;model-bias:awareness`.
 * - `prerequisites`: separated by `;`, each the id of a resource (a row of the same file, or one in
 *   the hub) or its exact title (case does not matter); ids are exported.
 *
 * Cells that start like a spreadsheet formula (`=`, `+`, `-`, `@`, tab, carriage return) are exported
 * with a leading apostrophe so spreadsheets show them as text (domain/csv/csv-writer.ts); on import
 * that one apostrophe is removed again, so `'=HYPERLINK(…)` reads back as `=HYPERLINK(…)` and an
 * export imports unchanged.
 *
 * Booleans are true/false (yes/no and 1/0 are read too). JSON is `{ "resources": [...] }` (or just
 * the array), each resource with the same fields named as in the API (`durationMinutes`,
 * `outcomes: [{ topicId, level }]`, `prerequisiteIds` holding ids or titles, and so on).
 *
 * Rows are numbered as a spreadsheet shows them (the header is row 1, so the first resource is
 * row 2); in JSON, row N is the Nth resource.
 */
export const CSV_COLUMNS = [
  'id',
  'version',
  'status',
  'sample',
  'title',
  'provider',
  'url',
  'description',
  'format',
  'duration_minutes',
  'cost_pence',
  'cpd_accredited',
  'cpd_detail',
  'vendor_neutral',
  'audience_archetypes',
  'audience_note',
  'review_date',
  'outcomes',
  'prerequisites',
  'activity_id',
] as const;
export type CsvColumn = (typeof CSV_COLUMNS)[number];

export const JSON_EXPORT_FORMAT = 'ai-confidence-hub/learning-resources';
export const MAX_IMPORT_ROWS = 5000;

/** Import fields besides the resource itself. */
type ControlField = 'id' | 'version' | 'status' | 'sample';
type TransferField = ControlField | keyof ResourceInput;

const FIELD_OF_COLUMN: Record<CsvColumn, TransferField> = {
  id: 'id',
  version: 'version',
  status: 'status',
  sample: 'sample',
  title: 'title',
  provider: 'provider',
  url: 'url',
  description: 'description',
  format: 'format',
  duration_minutes: 'durationMinutes',
  cost_pence: 'costPence',
  cpd_accredited: 'cpdAccredited',
  cpd_detail: 'cpdDetail',
  vendor_neutral: 'vendorNeutral',
  audience_archetypes: 'audienceArchetypes',
  audience_note: 'audienceNote',
  review_date: 'reviewDate',
  outcomes: 'outcomes',
  prerequisites: 'prerequisiteIds',
  activity_id: 'activityId',
};
const COLUMN_OF_FIELD = new Map(Object.entries(FIELD_OF_COLUMN).map(([column, field]) => [field as string, column]));
const JSON_FIELDS = new Set<string>(Object.values(FIELD_OF_COLUMN));

/** One resource read from an import file, before it is checked against the framework and the hub. */
export interface TransferRow {
  row: number;
  id: string | null;
  version: number | null;
  status: string | null;
  sample: boolean | null;
  /** Everything but prerequisites, which are references resolved against the file and the hub. */
  submission: ResourceSubmission;
  prerequisiteRefs: string[];
  problems: Problem[];
}

/** A problem in one row, named the way the file names the field: "Row 3 – url: Enter a web address…". */
export function rowProblem(format: TransferFormat, row: number, field: string, message: string): Problem {
  const name = format === 'csv' ? (COLUMN_OF_FIELD.get(field) ?? field) : field;
  return { field: `rows.${row}.${name}`, message: `Row ${row} – ${name}: ${message}` };
}

const fileProblem = (message: string) => new AppError('invalid', message, [{ field: 'content', message }]);

export function resourcesToCsv(resources: readonly LearningResource[]): string {
  const rows = resources.map((r) => [
    r.id,
    String(r.version),
    r.status,
    String(r.sample),
    r.title,
    r.provider,
    r.url,
    r.description,
    r.format,
    String(r.durationMinutes),
    String(r.costPence),
    String(r.cpdAccredited),
    r.cpdDetail ?? '',
    String(r.vendorNeutral),
    r.audienceArchetypes.join(';'),
    r.audienceNote ?? '',
    r.reviewDate ?? '',
    r.outcomes.map((o) => `${o.topicId}:${o.level}`).join(';'),
    r.prerequisiteIds.join(';'),
    r.activityId ?? '',
  ]);
  return writeCsv(CSV_COLUMNS, rows);
}

export function resourcesToJson(resources: readonly LearningResource[], context: { frameworkId: string; exportedAt: Date }): string {
  const items = resources.map((r) => ({
    id: r.id,
    version: r.version,
    status: r.status,
    sample: r.sample,
    title: r.title,
    provider: r.provider,
    url: r.url,
    description: r.description,
    format: r.format,
    durationMinutes: r.durationMinutes,
    costPence: r.costPence,
    cpdAccredited: r.cpdAccredited,
    cpdDetail: r.cpdDetail,
    activityId: r.activityId,
    vendorNeutral: r.vendorNeutral,
    audienceArchetypes: r.audienceArchetypes,
    audienceNote: r.audienceNote,
    reviewDate: r.reviewDate,
    outcomes: r.outcomes,
    prerequisiteIds: r.prerequisiteIds,
  }));
  return `${JSON.stringify({ format: JSON_EXPORT_FORMAT, frameworkId: context.frameworkId, exportedAt: context.exportedAt.toISOString(), resources: items }, null, 2)}\n`;
}

/** Reads an import file into rows; a file that cannot be read at all is one `invalid` problem. */
export function parseImport(format: TransferFormat, content: string): TransferRow[] {
  const rows = format === 'csv' ? parseCsv(content) : parseJson(content);
  if (rows.length === 0) throw fileProblem('The file has no resources in it');
  if (rows.length > MAX_IMPORT_ROWS) throw fileProblem(`A file can hold at most ${MAX_IMPORT_ROWS.toLocaleString('en-GB')} resources; split it into smaller files`);
  return rows;
}

function parseCsv(content: string): TransferRow[] {
  let records: string[][];
  try {
    records = parse(content, { bom: true, skip_empty_lines: true, relax_column_count: false }) as string[][];
  } catch (error) {
    throw fileProblem(`The CSV file could not be read: ${error instanceof Error ? error.message : String(error)}`);
  }
  if (records.length === 0) return [];
  const [header = [], ...body] = records;
  const columns = header.map((h) => h.trim().toLowerCase());
  const unknown = columns.filter((c) => !(CSV_COLUMNS as readonly string[]).includes(c));
  if (unknown.length > 0) throw fileProblem(`The CSV file has columns the catalogue does not know: ${unknown.map((c) => `“${c}”`).join(', ')}. The columns are ${CSV_COLUMNS.join(', ')}`);
  if (!columns.includes('title')) throw fileProblem('The first line of the CSV file must name the columns, including title');
  if (new Set(columns).size !== columns.length) throw fileProblem('The CSV file names a column more than once');
  return body.map((cells, i) => {
    const values: Record<string, string> = {};
    columns.forEach((column, c) => {
      values[FIELD_OF_COLUMN[column as CsvColumn]] = readNeutralisedCell(cells[c] ?? '');
    });
    return toRow('csv', i + 2, values);
  });
}

function parseJson(content: string): TransferRow[] {
  let parsed: unknown;
  try {
    parsed = JSON.parse(content);
  } catch (error) {
    throw fileProblem(`The JSON file could not be read: ${error instanceof Error ? error.message : String(error)}`);
  }
  const items = Array.isArray(parsed) ? parsed : (parsed as { resources?: unknown } | null)?.resources;
  if (!Array.isArray(items)) throw fileProblem('The JSON file must hold a list of resources, or an object with a "resources" list');
  return items.map((item, i) => {
    if (!item || typeof item !== 'object' || Array.isArray(item)) {
      return { ...toRow('json', i + 1, {}), problems: [rowProblem('json', i + 1, 'resource', 'Each resource must be an object')] };
    }
    const unknown = Object.keys(item).filter((key) => !JSON_FIELDS.has(key));
    const row = toRow('json', i + 1, item as Record<string, unknown>);
    for (const key of unknown) row.problems.push(rowProblem('json', i + 1, key, 'This is not a field of a learning resource'));
    return row;
  });
}

const blank = (value: unknown) => value === undefined || value === null || (typeof value === 'string' && value.trim() === '');

function toRow(format: TransferFormat, row: number, values: Record<string, unknown>): TransferRow {
  const problems: Problem[] = [];
  const { id, version, status, sample, prerequisiteIds, ...submission } = values;
  let checkedVersion: number | null = null;
  if (!blank(version)) {
    checkedVersion = typeof version === 'number' ? version : typeof version === 'string' && /^\s*\d+\s*$/.test(version) ? Number(version) : NaN;
    if (!Number.isSafeInteger(checkedVersion) || checkedVersion < 1) problems.push(rowProblem(format, row, 'version', 'Version must be a whole number, 1 or more'));
  }
  const checkedSample = blank(sample) ? null : (yesNo(sample) ?? null);
  if (!blank(sample) && checkedSample === null) problems.push(rowProblem(format, row, 'sample', 'Sample must be true or false'));
  if (!blank(id) && typeof id !== 'string') problems.push(rowProblem(format, row, 'id', 'The id must be text'));
  if (!blank(status) && typeof status !== 'string') problems.push(rowProblem(format, row, 'status', 'Status must be draft, published or retired'));
  const refs = listOf(prerequisiteIds);
  if (refs.some((r) => typeof r !== 'string')) problems.push(rowProblem(format, row, 'prerequisiteIds', 'Name each prerequisite by its id or title'));
  return {
    row,
    id: typeof id === 'string' && id.trim() ? id.trim().toLowerCase() : null,
    version: checkedVersion,
    status: typeof status === 'string' && status.trim() ? status.trim().toLowerCase() : null,
    sample: checkedSample,
    submission: submission as ResourceSubmission,
    prerequisiteRefs: refs.filter((r): r is string => typeof r === 'string').map((r) => r.trim()),
    problems,
  };
}
