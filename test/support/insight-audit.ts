import { parse } from 'csv-parse/sync';
import { isSmallCount } from '../../src/domain/insight/disclosure.ts';

/** Figures a page shows in table cells and chart labels that are bare whole numbers 1–7: each one a leak. */
export function smallCountsInHtml(html: string): string[] {
  const texts = [...html.matchAll(/<(td|text)\b[^>]*>([\s\S]*?)<\/\1>/g)].map((m) => (m[2] ?? '').replace(/<[^>]+>/g, '').trim());
  return texts.filter((t) => /^\d+$/.test(t) && isSmallCount(Number(t)));
}

/** CSV rows whose Value is a bare whole number 1–7. */
export function smallCountsInCsv(csv: string): string[] {
  const rows = parse(csv.replace(/^\uFEFF/, ''), { columns: true }) as Array<Record<string, string>>;
  return rows.filter((r) => /^\d+$/.test(r.Value ?? '') && isSmallCount(Number(r.Value))).map((r) => `${r.Section} / ${r.Row} / ${r.Measure}`);
}
