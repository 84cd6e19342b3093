import type { StatusCounts } from '../../domain/assessment/assessment-summary.ts';

export interface ChartRow {
  label: string;
  counts: StatusCounts;
}

const BAR_WIDTH = 420;
const LABEL_WIDTH = 230;
const ROW_HEIGHT = 34;
const BAR_HEIGHT = 20;
// NHS colours; the table beside the chart carries the same numbers for anyone who cannot see it.
const SEGMENTS = [
  { key: 'met', label: 'Met', colour: '#007f3b' },
  { key: 'notMet', label: 'Not met', colour: '#d5281b' },
  { key: 'notRated', label: 'Not yet rated', colour: '#aeb7bd' },
] as const;

function escapeXml(text: string): string {
  return text.replace(/[<>&"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

/**
 * A horizontal stacked bar per row (met / not met / not yet rated), drawn on the server so the
 * page needs no JavaScript. Exposed as one image with a text alternative; the data table that
 * follows it on the page is the accessible equivalent.
 */
export function renderStatusChart(id: string, title: string, rows: readonly ChartRow[], notRatedLabel = 'Not yet rated'): string {
  // On the verified basis "not rated" means not yet verified, and the chart says so.
  const segments = SEGMENTS.map((s) => (s.key === 'notRated' ? { ...s, label: notRatedLabel } : s));
  const height = rows.length * ROW_HEIGHT + 40;
  const width = LABEL_WIDTH + BAR_WIDTH + 70;
  const description = rows.map((r) => `${r.label}: ${r.counts.met} met, ${r.counts.notMet} not met, ${r.counts.notRated} ${notRatedLabel.toLowerCase()}`).join('; ');
  const bars = rows.map((row, i) => {
    const y = i * ROW_HEIGHT + 6;
    let x = LABEL_WIDTH;
    const parts = segments.map((segment) => {
      const value = row.counts[segment.key];
      const w = row.counts.total === 0 ? 0 : (value / row.counts.total) * BAR_WIDTH;
      const rect = w > 0 ? `<rect x="${x.toFixed(1)}" y="${y}" width="${w.toFixed(1)}" height="${BAR_HEIGHT}" fill="${segment.colour}"/>` : '';
      x += w;
      return rect;
    });
    return [
      `<text x="${LABEL_WIDTH - 8}" y="${y + 15}" text-anchor="end">${escapeXml(row.label)}</text>`,
      ...parts,
      `<text x="${LABEL_WIDTH + BAR_WIDTH + 8}" y="${y + 15}">${row.counts.met}/${row.counts.total}</text>`,
    ].join('');
  });
  const legendY = rows.length * ROW_HEIGHT + 22;
  const legend = segments.map(
    (s, i) => `<rect x="${LABEL_WIDTH + i * 140}" y="${legendY - 11}" width="14" height="14" fill="${s.colour}"/><text x="${LABEL_WIDTH + i * 140 + 20}" y="${legendY}">${s.label}</text>`,
  ).join('');
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" class="hub-chart" viewBox="0 0 ${width} ${height}" role="img" aria-labelledby="${id}-title ${id}-desc">`,
    `<title id="${id}-title">${escapeXml(title)}</title>`,
    `<desc id="${id}-desc">${escapeXml(description)}</desc>`,
    `<g font-family="Frutiger W01, Arial, sans-serif" font-size="14" fill="#212b32">${bars.join('')}${legend}</g>`,
    '</svg>',
  ].join('');
}
