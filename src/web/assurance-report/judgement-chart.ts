import type { JudgementCounts } from '../../domain/assurance/report-summary.ts';
import { renderStackedBarChart } from '../charts/stacked-bar-chart.ts';

export interface JudgementChartRow {
  label: string;
  counts: JudgementCounts;
}

// NHS colours; the table beside the chart carries the same numbers for anyone who cannot see it.
export const JUDGEMENT_SEGMENTS = [
  { key: 'met', label: 'Met', colour: '#007f3b' },
  { key: 'partlyMet', label: 'Partly met', colour: '#ffb81c' },
  { key: 'notMet', label: 'Not met', colour: '#d5281b' },
  { key: 'notApplicable', label: 'Not applicable', colour: '#425563' },
  { key: 'notJudged', label: 'Not yet judged', colour: '#d8dde0' },
] as const;

/**
 * A stacked bar per factor of a review (met, partly met, not met, not applicable, not yet judged),
 * drawn on the server as the self-assessment summary's chart is, so the page and its print need
 * no JavaScript. One image with a text alternative; the table beside it is the equal of it.
 */
export function renderJudgementChart(id: string, title: string, rows: readonly JudgementChartRow[]): string {
  return renderStackedBarChart({ id, title, rows, segments: JUDGEMENT_SEGMENTS, shownKey: 'met', labelWidth: 250, legendColumns: 3, legendSpacing: 150 });
}
