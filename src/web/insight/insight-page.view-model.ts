import { disclosedText } from '../../domain/insight/disclosure.ts';
import type { InsightContext } from '../../services/insight/insight-context.ts';
import { renderBarChart } from '../charts/bar-chart.ts';
import { formatDateTime } from '../dates.ts';
import type { InsightSection } from './insight-sections.ts';
import { INSIGHT_PATHS, INSIGHT_VIEW_TITLES, INSIGHT_VIEWS } from './insight.paths.ts';
import type { InsightView } from './insight.paths.ts';

const numeric = { format: 'numeric' };

/** A section as the page shows it: a chart (when it has one) and the table equal to it. */
function sectionView(section: InsightSection) {
  const width = section.columns.length;
  const cellsOf = (values: InsightSection['rows'][number]['values']) =>
    Array.from({ length: width }, (_, i) => ({ text: values[i] ? disclosedText(values[i]) : '', ...numeric }));
  const chart = section.chart;
  const chartRows = chart
    ? section.rows.filter((r) => r.values[chart.column] !== undefined).map((r) => {
        const v = r.values[chart.column];
        return { label: r.label, value: v && !v.suppressed ? v.value : null, text: v ? disclosedText(v) : '' };
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
    chart: chart && chartRows.length > 0 ? renderBarChart({ id: `chart-${section.id}`, title: chart.title, rows: chartRows, max }) : null,
    table: {
      caption: chart ? `${section.heading}: the figures behind the chart` : section.heading,
      head: [{ text: section.firstColumn }, ...section.columns.map((c) => ({ text: c, ...numeric }))],
      rows: section.rows.map((r) => [{ html: r.href ? `<a href="${r.href}">${escapeHtml(r.label)}</a>` : escapeHtml(r.label) }, ...cellsOf(r.values)]),
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
    isNational: context.scope === 'national',
    refreshing: context.refreshing,
    countsSynthetic: context.countsSynthetic,
    syntheticToggle: context.includeSynthetic
      ? { href: `${INSIGHT_PATHS.view(id, view)}?synthetic=exclude`, text: 'Leave out synthetic data' }
      : { href: INSIGHT_PATHS.view(id, view), text: 'Include synthetic data' },
    includeSynthetic: context.includeSynthetic,
    csvPath: `${INSIGHT_PATHS.download(id, view, 'csv')}${suffix}`,
    jsonPath: `${INSIGHT_PATHS.download(id, view, 'json')}${suffix}`,
    sections: sections.map(sectionView),
  };
}
