import { writeCsv } from '../csv/csv-writer.ts';
import type { FrameworkDocument } from './framework-document.ts';

export const CSV_COLUMNS = [
  'framework',
  'version',
  'id',
  'tier',
  'archetype',
  'factor',
  'factor_label',
  'parent_factor',
  'kind',
  'level',
  'statement',
  'source_table',
  'source_item',
  'notes',
] as const;

/** One row per requirement, for spreadsheets and learning systems that import flat lists. */
export function exportRequirementsCsv(doc: FrameworkDocument): string {
  const factorById = new Map(doc.factors.map((f) => [f.id, f]));
  const rows = doc.requirements.map((r) => {
    const factor = factorById.get(r.factor);
    return [
      doc.id,
      doc.version,
      r.id,
      r.tier,
      r.archetype ?? '',
      r.factor,
      factor?.label ?? '',
      factor?.parent ?? '',
      r.kind,
      r.level,
      r.statement,
      r.source.table,
      String(r.source.item),
      r.notes.join(' | '),
    ];
  });
  // For Excel: its BOM lets the curly quotes and dashes of the report open as UTF-8.
  return writeCsv(CSV_COLUMNS, rows, { forExcel: true });
}
