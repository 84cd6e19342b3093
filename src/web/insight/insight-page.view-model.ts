import type { InsightContext } from '../../services/insight/insight-context.ts';
import { renderBarChart } from '../charts/bar-chart.ts';
import { formatDateTime } from '../dates.ts';
import { figureCell, figureText } from './insight-figures.ts';
import type { InsightSection } from './insight-sections.ts';
import { INSIGHT_PATHS, INSIGHT_VIEW_TITLES, INSIGHT_VIEWS } from './insight.paths.ts';
import type { InsightView } from './insight.paths.ts';

const numeric = { format: 'numeric' };

/** A section as the page shows it: a chart (when it has one) and the table equal to it. */
function sectionView(section: InsightSection, organisationName: string) {
  const width = section.columns.length;
  const cellsOf = (values: InsightSection['rows'][number]['values']) => Array.from({ length: width }, (_, i) => figureCell(values[i]));
  const chart = section.chart;
  const chartRows = chart
    ? section.rows.filter((r) => r.values[chart.column] !== undefined).map((r) => {
        const v = r.values[chart.column];
        // A chart drawn out of 100 is of shares: its measures (requirements met) read as percentages too.
        const unit = chart.max === 100 && v && v.kind !== 'percent' && !v.suppressed && v.value !== null ? '%' : '';
        return { label: r.pageLabel ?? r.label, value: v && !v.suppressed ? v.value : null, text: v ? `${figureText(v)}${unit}` : '' };
      })
    : [];
  const max = chart?.max ?? Math.max(1, ...chartRows.map((r) => r.value ?? 0));
  if (section.rows.length === 0) {
    return { id: section.id, heading: section.heading, text: section.text, chart: null, table: null, emptyText: section.emptyText ?? 'Nobody here has figures for this yet.' };
  }
  return {
    id: section.id,
    heading: section.heading,
    text: section.text,
    chart: chart && chartRows.length > 0 ? { title: chart.title, svg: renderBarChart({ id: `chart-${section.id}`, title: chart.title, rows: chartRows, max }) } : null,
    table: {
      id: `table-${section.id}`,
      // Many columns: tighter cells, and a labelled region that scrolls sideways if the screen is still too narrow.
      wide: width > 4,
      // A table straight under its heading would repeat it as a visible caption: there the caption is for screen readers only.
      caption: chart ? { text: `${section.heading}: the figures behind the chart`, size: 's' } : { text: `${section.heading} for ${organisationName}`, classes: 'nhsuk-u-visually-hidden' },
      head: [{ text: section.firstColumn }, ...section.columns.map((c) => ({ text: c, ...numeric }))],
      rows: section.rows.map((r) => {
        const label = escapeHtml(r.pageLabel ?? r.label);
        return [{ html: r.href ? `<a href="${r.href}">${label}</a>` : label }, ...cellsOf(r.values)];
      }),
    },
  };
}

function escapeHtml(text: string): string {
  return text.replace(/[<>&"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

/** What every insight page shows around its sections: where it is, how fresh, what is counted, where to go. */
export function insightPageView(context: InsightContext, view: InsightView, sections: InsightSection[], query: string) {
  const id = context.organisation.id;
  const suffix = query ? `?${query}` : '';
  const title = INSIGHT_VIEW_TITLES[view];
  return {
    pageTitle: `${title}: ${context.organisation.name}`,
    currentSection: 'insight',
    heading: title,
    organisationName: context.organisation.name,
    // The organisation's ancestors the viewer may see; the page itself is the heading.
    breadcrumbs: context.breadcrumb.slice(0, -1).map((o) => ({ text: o.name, href: INSIGHT_PATHS.view(o.id, view === 'peers' ? 'overview' : view) })),
    subNav: INSIGHT_VIEWS.map((v) => ({ text: INSIGHT_VIEW_TITLES[v], href: INSIGHT_PATHS.view(id, v), current: v === view })),
    asOf: formatDateTime(context.asOf),
    pendingSince: context.pendingSince ? formatDateTime(context.pendingSince) : null,
    isNational: context.scope === 'national',
    refreshing: context.refreshing,
    countsSynthetic: context.countsSynthetic,
    syntheticToggle: context.includeSynthetic
      ? { href: `${INSIGHT_PATHS.view(id, view)}?synthetic=exclude`, text: 'Leave out synthetic data' }
      : { href: INSIGHT_PATHS.view(id, view), text: 'Include synthetic data' },
    includeSynthetic: context.includeSynthetic,
    csvPath: `${INSIGHT_PATHS.download(id, view, 'csv')}${suffix}`,
    jsonPath: `${INSIGHT_PATHS.download(id, view, 'json')}${suffix}`,
    sections: sections.map((s) => sectionView(s, context.organisation.name)),
  };
}
