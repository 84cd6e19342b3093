/**
 * A horizontal stacked bar per row, drawn on the server so a page (and its print) needs no
 * JavaScript: one image with a title and a text description; the table beside it on the page is
 * its accessible equal. The self-assessment summary and the assurance review report draw theirs
 * with it, each with its own segments.
 */
export interface ChartSegment<Key extends string> {
  key: Key;
  label: string;
  /** NHS colours. */
  colour: string;
}

export interface StackedBarRow<Key extends string> {
  label: string;
  counts: Record<Key | 'total', number>;
}

export interface StackedBarChart<Key extends string> {
  id: string;
  title: string;
  rows: ReadonlyArray<StackedBarRow<Key>>;
  segments: ReadonlyArray<ChartSegment<Key>>;
  /** The segment whose count is shown as "n/total" after each bar. */
  shownKey: Key;
  labelWidth: number;
  /** Legend entries per line, and the space each takes. */
  legendColumns: number;
  legendSpacing: number;
}

const BAR_WIDTH = 420;
const ROW_HEIGHT = 34;
const BAR_HEIGHT = 20;
const LEGEND_ROW = 24;

function escapeXml(text: string): string {
  return text.replace(/[<>&"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

function bar<Key extends string>(chart: StackedBarChart<Key>, row: StackedBarRow<Key>, y: number): string {
  const { labelWidth } = chart;
  let x = labelWidth;
  const parts = chart.segments.map((segment) => {
    const w = row.counts.total === 0 ? 0 : (row.counts[segment.key] / row.counts.total) * BAR_WIDTH;
    const rect = w > 0 ? `<rect x="${x.toFixed(1)}" y="${y}" width="${w.toFixed(1)}" height="${BAR_HEIGHT}" fill="${segment.colour}"/>` : '';
    x += w;
    return rect;
  });
  return [
    `<text x="${labelWidth - 8}" y="${y + 15}" text-anchor="end">${escapeXml(row.label)}</text>`,
    ...parts,
    `<text x="${labelWidth + BAR_WIDTH + 8}" y="${y + 15}">${row.counts[chart.shownKey]}/${row.counts.total}</text>`,
  ].join('');
}

export function renderStackedBarChart<Key extends string>(chart: StackedBarChart<Key>): string {
  const { rows, segments, labelWidth, legendColumns, legendSpacing } = chart;
  const width = labelWidth + BAR_WIDTH + 70;
  const legendTop = rows.length * ROW_HEIGHT + 22;
  const height = legendTop + Math.ceil(segments.length / legendColumns) * LEGEND_ROW;
  const description = rows.map((r) => `${r.label}: ${segments.map((s) => `${r.counts[s.key]} ${s.label.toLowerCase()}`).join(', ')}`).join('; ');
  const legend = segments
    .map((s, i) => {
      const x = labelWidth + (i % legendColumns) * legendSpacing;
      const y = legendTop + Math.floor(i / legendColumns) * LEGEND_ROW;
      return `<rect x="${x}" y="${y - 11}" width="14" height="14" fill="${s.colour}" stroke="#4c6272" stroke-width="0.5"/><text x="${x + 20}" y="${y}">${escapeXml(s.label)}</text>`;
    })
    .join('');
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" class="hub-chart" viewBox="0 0 ${width} ${height}" role="img" aria-labelledby="${chart.id}-title ${chart.id}-desc">`,
    `<title id="${chart.id}-title">${escapeXml(chart.title)}</title>`,
    `<desc id="${chart.id}-desc">${escapeXml(description)}</desc>`,
    `<g font-family="Frutiger W01, Arial, sans-serif" font-size="14" fill="#212b32">${rows.map((row, i) => bar(chart, row, i * ROW_HEIGHT + 6)).join('')}${legend}</g>`,
    '</svg>',
  ].join('');
}
