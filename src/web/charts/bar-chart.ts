/**
 * A horizontal bar per row for figures that may be withheld (workforce insight): a row without a
 * value draws no bar and says so in words, so a suppressed figure is never drawn as a zero. Drawn
 * on the server like stacked-bar-chart.ts; the table beside it on the page is its accessible equal.
 */
export interface BarRow {
  label: string;
  /** The bar's length in the chart's units; null when the figure is withheld or not applicable. */
  value: number | null;
  /** What is written after the bar: the figure as the table shows it ("55%", "*", "-"). */
  text: string;
}

export interface BarChart {
  id: string;
  title: string;
  rows: readonly BarRow[];
  /** The value a full-width bar stands for (100 for percentages). */
  max: number;
  labelWidth?: number;
}

const BAR_WIDTH = 380;
const ROW_HEIGHT = 30;
const BAR_HEIGHT = 18;
const COLOUR = '#005eb8';

function escapeXml(text: string): string {
  return text.replace(/[<>&"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

/** Withheld figures are described in words in the image's description, as the table's key does. */
const spoken = (text: string) => (text === '*' ? 'suppressed' : text === '-' ? 'not applicable' : text);

export function renderBarChart(chart: BarChart): string {
  // Room for the longest label at about 7.6px a character of 14px text, so none is cut off.
  const labelWidth = chart.labelWidth ?? Math.max(120, Math.ceil(Math.max(0, ...chart.rows.map((r) => r.label.length)) * 7.6) + 16);
  const width = labelWidth + BAR_WIDTH + 80;
  const height = chart.rows.length * ROW_HEIGHT + 10;
  const bars = chart.rows.map((row, i) => {
    const y = i * ROW_HEIGHT + 6;
    const w = row.value === null || chart.max <= 0 ? 0 : Math.max(0, Math.min(1, row.value / chart.max)) * BAR_WIDTH;
    const rect = w > 0 ? `<rect x="${labelWidth}" y="${y}" width="${w.toFixed(1)}" height="${BAR_HEIGHT}" fill="${COLOUR}"/>` : '';
    return `<text x="${labelWidth - 8}" y="${y + 14}" text-anchor="end">${escapeXml(row.label)}</text>${rect}<text x="${labelWidth + w + 8}" y="${y + 14}">${escapeXml(row.text)}</text>`;
  });
  const description = chart.rows.map((r) => `${r.label}: ${spoken(r.text)}`).join('; ');
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" class="hub-chart" viewBox="0 0 ${width} ${height}" role="img" aria-labelledby="${chart.id}-title ${chart.id}-desc">`,
    `<title id="${chart.id}-title">${escapeXml(chart.title)}</title>`,
    `<desc id="${chart.id}-desc">${escapeXml(description)}</desc>`,
    `<g font-family="Frutiger W01, Arial, sans-serif" font-size="14" fill="#212b32">${bars.join('')}</g>`,
    '</svg>',
  ].join('');
}
