import type { JudgementCounts } from '../../domain/assurance/report-summary.ts';

export interface JudgementChartRow {
  label: string;
  counts: JudgementCounts;
}

const BAR_WIDTH = 420;
const LABEL_WIDTH = 250;
const ROW_HEIGHT = 34;
const BAR_HEIGHT = 20;
const LEGEND_ROW = 24;
// NHS colours; the table beside the chart carries the same numbers for anyone who cannot see it.
export const JUDGEMENT_SEGMENTS = [
  { key: 'met', label: 'Met', colour: '#007f3b' },
  { key: 'partlyMet', label: 'Partly met', colour: '#ffb81c' },
  { key: 'notMet', label: 'Not met', colour: '#d5281b' },
  { key: 'notApplicable', label: 'Not applicable', colour: '#425563' },
  { key: 'notJudged', label: 'Not yet judged', colour: '#d8dde0' },
] as const;

function escapeXml(text: string): string {
  return text.replace(/[<>&"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

function bar(row: JudgementChartRow, y: number): string {
  let x = LABEL_WIDTH;
  const parts = JUDGEMENT_SEGMENTS.map((segment) => {
    const w = row.counts.total === 0 ? 0 : (row.counts[segment.key] / row.counts.total) * BAR_WIDTH;
    const rect = w > 0 ? `<rect x="${x.toFixed(1)}" y="${y}" width="${w.toFixed(1)}" height="${BAR_HEIGHT}" fill="${segment.colour}"/>` : '';
    x += w;
    return rect;
  });
  return [
    `<text x="${LABEL_WIDTH - 8}" y="${y + 15}" text-anchor="end">${escapeXml(row.label)}</text>`,
    ...parts,
    `<text x="${LABEL_WIDTH + BAR_WIDTH + 8}" y="${y + 15}">${row.counts.met}/${row.counts.total}</text>`,
  ].join('');
}

/**
 * A stacked bar per factor of a review (met, partly met, not met, not applicable, not yet judged),
 * drawn on the server as the self-assessment summary's chart is, so the page and its print need
 * no JavaScript. One image with a text alternative; the table beside it is the equal of it.
 */
export function renderJudgementChart(id: string, title: string, rows: readonly JudgementChartRow[]): string {
  const width = LABEL_WIDTH + BAR_WIDTH + 70;
  const legendTop = rows.length * ROW_HEIGHT + 22;
  const height = legendTop + 2 * LEGEND_ROW;
  const description = rows.map((r) => `${r.label}: ${JUDGEMENT_SEGMENTS.map((s) => `${r.counts[s.key]} ${s.label.toLowerCase()}`).join(', ')}`).join('; ');
  const legend = JUDGEMENT_SEGMENTS.map((s, i) => {
    const x = LABEL_WIDTH + (i % 3) * 150;
    const y = legendTop + Math.floor(i / 3) * LEGEND_ROW;
    return `<rect x="${x}" y="${y - 11}" width="14" height="14" fill="${s.colour}" stroke="#4c6272" stroke-width="0.5"/><text x="${x + 20}" y="${y}">${s.label}</text>`;
  }).join('');
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" class="hub-chart" viewBox="0 0 ${width} ${height}" role="img" aria-labelledby="${id}-title ${id}-desc">`,
    `<title id="${id}-title">${escapeXml(title)}</title>`,
    `<desc id="${id}-desc">${escapeXml(description)}</desc>`,
    `<g font-family="Frutiger W01, Arial, sans-serif" font-size="14" fill="#212b32">${rows.map((row, i) => bar(row, i * ROW_HEIGHT + 6)).join('')}${legend}</g>`,
    '</svg>',
  ].join('');
}
