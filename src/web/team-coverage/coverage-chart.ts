import type { CoverageCounts, CoverageState } from '../../domain/teams/team-coverage.ts';
import { renderStackedBarChart } from '../charts/stacked-bar-chart.ts';

export interface CoverageChartRow {
  label: string;
  counts: CoverageCounts;
}

// NHS colours; the table beside each chart carries the same numbers for anyone who cannot see it.
export const COVERAGE_SEGMENTS = [
  { key: 'covered', label: 'Covered', colour: '#007f3b' },
  { key: 'singleHolder', label: 'Resting on one person', colour: '#ffb81c' },
  { key: 'uncovered', label: 'Uncovered', colour: '#d5281b' },
] as const;

export const STATE_TAGS: Record<CoverageState, { text: string; classes: string }> = {
  covered: { text: 'Covered', classes: 'nhsuk-tag--green' },
  'single-holder': { text: 'Rests on one person', classes: 'nhsuk-tag--yellow' },
  uncovered: { text: 'Uncovered', classes: 'nhsuk-tag--red' },
};

/** A stacked bar per row (covered, resting on one person, uncovered), drawn on the server like the summary's. */
export function renderCoverageChart(id: string, title: string, rows: readonly CoverageChartRow[]): string {
  return renderStackedBarChart({ id, title, rows, segments: COVERAGE_SEGMENTS, shownKey: 'covered', labelWidth: 250, legendColumns: 3, legendSpacing: 190 });
}

/** The table equal to a coverage chart: a row per chart row, and a total row when there is one. */
export function coverageTable(firstColumn: string, rows: readonly CoverageChartRow[], total?: CoverageChartRow) {
  const cells = (c: CoverageCounts) => [...COVERAGE_SEGMENTS.map((s) => ({ text: String(c[s.key]), format: 'numeric' })), { text: String(c.total), format: 'numeric' }];
  return {
    head: [{ text: firstColumn }, ...COVERAGE_SEGMENTS.map((s) => ({ text: s.label, format: 'numeric' })), { text: 'Requirements', format: 'numeric' }],
    rows: [...rows, ...(total ? [total] : [])].map((r) => [{ text: r.label }, ...cells(r.counts)]),
  };
}
