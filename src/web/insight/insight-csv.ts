import { writeCsv } from '../../domain/csv/csv-writer.ts';
import { disclosedText } from '../../domain/insight/disclosure.ts';
import type { InsightContext } from '../../services/insight/insight-context.ts';
import type { InsightSection } from './insight-sections.ts';

export const INSIGHT_CSV_HEADER = ['Organisation', 'Section', 'Row', 'Measure', 'Value', 'Figures as at', 'Includes synthetic data'] as const;

/**
 * A view's figures as a spreadsheet, one figure a line, from the same sections the page draws: '*'
 * is suppressed and '-' not applicable, as on the page (docs/disclosure-control.md).
 */
export function insightCsv(context: InsightContext, sections: readonly InsightSection[]): string {
  const asOf = context.asOf.toISOString();
  const synthetic = context.countsSynthetic ? 'yes' : 'no';
  const rows = sections.flatMap((s) =>
    s.rows.flatMap((r) => r.values.map((v, i) => [context.organisation.name, s.heading, r.label, s.columns[i] ?? '', disclosedText(v), asOf, synthetic])),
  );
  return writeCsv(INSIGHT_CSV_HEADER, rows, { forExcel: true });
}

/** A file name from the organisation and the view, safe in a header. */
export function insightFileName(context: InsightContext, view: string, extension: 'csv' | 'json'): string {
  const base = `${context.organisation.name}-${view}`.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '');
  return `${base}.${extension}`;
}
