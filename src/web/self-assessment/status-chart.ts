import type { StatusCounts } from '../../domain/assessment/assessment-summary.ts';
import { renderStackedBarChart } from '../charts/stacked-bar-chart.ts';

export interface ChartRow {
  label: string;
  counts: StatusCounts;
}

// NHS colours; the table beside the chart carries the same numbers for anyone who cannot see it.
const SEGMENTS = [
  { key: 'met', label: 'Met', colour: '#007f3b' },
  { key: 'notMet', label: 'Not met', colour: '#d5281b' },
  { key: 'notRated', label: 'Not yet rated', colour: '#aeb7bd' },
] as const;

/**
 * A horizontal stacked bar per row (met / not met / not yet rated), drawn on the server so the
 * page needs no JavaScript. Exposed as one image with a text alternative; the data table that
 * follows it on the page is the accessible equivalent.
 */
export function renderStatusChart(id: string, title: string, rows: readonly ChartRow[], notRatedLabel = 'Not yet rated'): string {
  // On the verified basis "not rated" means not yet verified, and the chart says so.
  const segments = SEGMENTS.map((s) => (s.key === 'notRated' ? { ...s, label: notRatedLabel } : s));
  return renderStackedBarChart({ id, title, rows, segments, shownKey: 'met', labelWidth: 230, legendColumns: 3, legendSpacing: 140 });
}
