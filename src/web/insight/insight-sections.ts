import type { DisclosedCount, DisclosedValue, DisclosedTable } from '../../domain/insight/disclosure.ts';
import type { DisclosedHeadline } from '../../services/insight/insight-headline.ts';
import type { InsightEquity, InsightJourneys, InsightOverview, InsightPeers, InsightRequirements, InsightTopics, InsightTraining, InsightTrends } from '../../services/insight/insight.service.ts';
import { BREAKDOWN_LABELS } from '../../services/insight/insight-labels.ts';
import type { SiblingFigures } from '../../services/insight/insight-tree.ts';
import type { JourneySummary, PeopleBreakdown, RequirementShareRow } from '../../services/insight/insight-views.ts';
import { formatIsoDate } from '../dates.ts';
import { formatMonth } from './insight-figures.ts';
import { INSIGHT_PATHS } from './insight.paths.ts';

/**
 * Every insight view as sections of disclosed figures: the page draws each as a chart and its
 * equal table, and the CSV writes the same rows, so the two cannot disagree. Only Disclosed values
 * go in, so a raw count cannot reach a page or a file from here.
 */
export interface InsightSection {
  id: string;
  heading: string;
  text?: string;
  /** Column headings after the first (the row's label). */
  columns: string[];
  firstColumn: string;
  /** label is what the CSV writes; pageLabel, when given, is what the page shows (a month in words). */
  rows: Array<{ label: string; pageLabel?: string; href?: string; values: DisclosedValue[] }>;
  /** What the page says instead of an empty table; a general sentence when not given. */
  emptyText?: string;
  /** Which column the chart draws, and the value a full bar stands for (100 for a percentage; none: the largest). */
  chart?: { column: number; max?: number; title: string };
}

const HEADLINE_COLUMNS = ['Requirements met, self-rated', 'Requirements met, verified', 'Training current', 'Training overdue', 'Started a journey', 'Learning minutes done'];
const headlineValues = (h: DisclosedHeadline): DisclosedValue[] => [h.requirementsSelf, h.requirementsVerified, h.trainingCurrent, h.trainingOverdue, h.journeysStarted, h.minutesDone];

function breakdownSection(b: PeopleBreakdown): InsightSection {
  return {
    id: `people-by-${b.dimension.replace(/_/g, '-')}`,
    heading: `People by ${BREAKDOWN_LABELS[b.dimension as keyof typeof BREAKDOWN_LABELS]?.toLowerCase() ?? b.dimension}`,
    ...(b.dimension === 'archetype' ? { text: 'A person may hold several archetypes, so these do not add up to everyone.' } : {}),
    firstColumn: BREAKDOWN_LABELS[b.dimension as keyof typeof BREAKDOWN_LABELS] ?? b.dimension,
    columns: ['People', 'Share'],
    rows: [...b.rows.map((r) => ({ label: r.label, values: [r.people, r.share] as DisclosedValue[] })), { label: 'Everyone', values: [b.total] }],
    chart: { column: 1, max: 100, title: `Share of people (%) by ${(BREAKDOWN_LABELS[b.dimension as keyof typeof BREAKDOWN_LABELS] ?? b.dimension.replace(/_/g, ' ')).toLowerCase()}` },
  };
}

function siblingSection(id: string, heading: string, figures: SiblingFigures, othersLabel: string, totalLabel: string, text: string): InsightSection {
  return {
    id,
    heading,
    text,
    firstColumn: 'Organisation',
    // Learning minutes are left to each organisation's own page, so the table fits a desktop screen.
    columns: ['People with a profile', ...HEADLINE_COLUMNS.slice(0, -1)],
    rows: [
      ...figures.rows.map((r) => ({ label: r.organisation.name, href: INSIGHT_PATHS.view(r.organisation.id), values: [r.people, ...headlineValues(r.headline).slice(0, -1)] })),
      { label: othersLabel, values: [figures.others] },
      { label: totalLabel, values: [figures.total] },
    ],
    chart: { column: 1, max: 100, title: 'Share of applicable requirements met, self-rated (%), by organisation' },
  };
}

function journeyRows(j: JourneySummary) {
  const row = (label: string, value: DisclosedValue) => ({ label, values: [value] });
  return [
    row('People with a learning journey', j.peopleWithJourney),
    row('People who have started theirs', j.journeysStarted),
    row('Share who have started', j.startedShare),
    row('Items planned', j.itemsPlanned),
    row('Items completed', j.itemsCompleted),
    row('Share of items completed', j.itemsCompletedShare),
    row('Learning minutes planned', j.minutesPlanned),
    row('Learning minutes done', j.minutesDone),
  ];
}

export function overviewSections(view: InsightOverview): InsightSection[] {
  const t = view.training;
  return [
    { id: 'headline', heading: 'At a glance', firstColumn: 'Measure', columns: ['Figure'], rows: [{ label: 'People with a profile', values: [view.people] }, ...HEADLINE_COLUMNS.map((label, i) => ({ label, values: [headlineValues(view.headline)[i] as DisclosedValue] }))] },
    ...view.breakdowns.map(breakdownSection),
    {
      id: 'training-status', heading: 'Product training currency', text: 'People per deployment they use; a person using two deployments is counted in each.',
      firstColumn: 'Status', columns: ['People', 'Share'],
      rows: [...t.parts.map((p) => ({ label: STATUS_LABELS[p.label] ?? p.label, values: [p.count, p.share] as DisclosedValue[] })), { label: 'Total', values: [t.total] }],
      chart: { column: 1, max: 100, title: 'Share of product training by status' },
    },
    { id: 'journeys', heading: 'Learning journeys', firstColumn: 'Measure', columns: ['Figure'], rows: journeyRows(view.journeys) },
    siblingSection('drill-down', 'Organisations beneath', view.children, `Held at ${view.organisation.name} itself`, `${view.organisation.name} in all`, drillDownText(view)),
  ].filter((s) => s.id !== 'drill-down' || view.children.rows.length > 0);
}

// The drill-down is below national level even under the nation, so its total is rounded like its rows.
const drillDownText = (view: InsightOverview) =>
  view.scope === 'national'
    ? `Choose an organisation to see its figures. These organisations are below national level, so their counts, and the total of people with a profile here, are rounded to the nearest 5: the total may differ by a few from the exact figure for ${view.organisation.name} at the top of the page.`
    : 'Choose an organisation to see its figures.';

export const STATUS_LABELS: Record<string, string> = { current: 'Current', due: 'Due (refresher started)', 'not-started': 'Not started', overdue: 'Overdue (past the due date)' };

function shareSection(id: string, heading: string, firstColumn: string, rows: RequirementShareRow[]): InsightSection {
  return { id, heading, firstColumn, columns: ['People', 'Met, self-rated', 'Met, verified'], rows: rows.map((r) => ({ label: r.label, values: [r.people, r.self, r.verified] })), chart: { column: 1, max: 100, title: `${heading}, self-rated` } };
}

export function requirementSections(view: InsightRequirements): InsightSection[] {
  const s = view.shares;
  return [
    shareSection('by-tier', 'Share of applicable requirements met, by tier', 'Tier', s.byTier),
    { ...shareSection('by-archetype', 'Advanced requirements met, by archetype', 'Archetype', s.byArchetype), emptyText: 'Nobody here holds an archetype with advanced requirements.' },
    shareSection('by-factor', 'Share met, by factor', 'Factor', s.byFactor),
    { ...shareSection('cells', 'Every tier, archetype and factor', 'Tier, archetype and factor', s.cells), chart: undefined },
  ].map(({ chart, ...rest }) => (chart ? { ...rest, chart } : rest));
}

function tableSection(id: string, heading: string, firstColumn: string, rowLabels: string[], columnLabels: string[], table: DisclosedTable, text?: string): InsightSection {
  const rows = rowLabels.map((label, r) => ({ label, values: [...(table.cells[r] ?? []), ...(table.rowTotals ? [table.rowTotals[r] as DisclosedCount] : [])] as DisclosedValue[] }));
  const totals = table.columnTotals ? [{ label: 'Total', values: [...table.columnTotals, ...(table.grandTotal ? [table.grandTotal] : [])] as DisclosedValue[] }] : [];
  return { id, heading, ...(text ? { text } : {}), firstColumn, columns: [...columnLabels, ...(table.rowTotals ? ['Total'] : [])], rows: [...rows, ...totals] };
}

export function topicSections(view: InsightTopics): InsightSection[] {
  return view.distributions.map((d) =>
    tableSection(`${d.kind}-topics`, d.kind === 'knowledge' ? 'Knowledge topics' : 'Skill topics', 'Topic', d.topics.map((t) => t.label), d.levels.map((l) => l.label), d.table, 'People at each level; not rated is everyone less those who rated the topic.'),
  );
}

export function trainingSections(view: InsightTraining): InsightSection[] {
  const c = view.currency;
  const statuses = c.statuses.map((s) => STATUS_LABELS[s] ?? s);
  if (c.deployments.length === 0) {
    return [{ id: 'by-product', heading: 'Training currency by product', firstColumn: 'Product', columns: statuses, rows: [], emptyText: 'Nobody here is linked to a deployed AI product yet, so there is no product training to count.' }];
  }
  return [
    tableSection('by-product', 'Training currency by product', 'Product', c.products.map((p) => p.label), statuses, c.productTable, `People per deployment of the product they use. Overdue means past the due date, judged on ${formatIsoDate(view.today)}.`),
    tableSection('by-deployment', 'Training currency by deployment', 'Product and deployment', c.deployments.map((d) => d.label), statuses, c.table),
  ];
}

export function journeySections(view: InsightJourneys): InsightSection[] {
  return [{ id: 'journeys', heading: 'Learning journeys', firstColumn: 'Measure', columns: ['Figure'], rows: journeyRows(view.journeys) }];
}

export function trendSections(view: InsightTrends): InsightSection[] {
  const soFar = (m: { isSoFar: boolean }) => (m.isSoFar ? ' (so far)' : '');
  const row = (m: InsightTrends['months'][number], values: DisclosedValue[]) => ({ label: `${m.month.slice(0, 7)}${soFar(m)}`, pageLabel: `${formatMonth(m.month)}${soFar(m)}`, values });
  return [
    { id: 'people', heading: 'People with a profile', firstColumn: 'Month', columns: ['People'], rows: view.months.map((m) => row(m, [m.people])), chart: { column: 0, title: 'People with a profile by month' } },
    { id: 'requirements', heading: 'Share of applicable requirements met', firstColumn: 'Month', columns: ['Self-rated', 'Verified'], rows: view.months.map((m) => row(m, [m.requirementsSelf, m.requirementsVerified])), chart: { column: 0, max: 100, title: 'Share of requirements met, self-rated, by month' } },
    {
      id: 'training', heading: 'Product training', text: 'People per deployment they use, as their training stood at each month’s end: due and overdue are judged on that day.',
      firstColumn: 'Month', columns: [...Object.values(STATUS_LABELS), 'Share current'],
      rows: view.months.map((m) => row(m, [m.training.current, m.training.due, m.training['not-started'], m.training.overdue, m.trainingCurrent])),
      chart: { column: 4, max: 100, title: 'Share of product training current by month' },
    },
    {
      id: 'journeys', heading: 'Learning journeys', text: 'Journeys as they stood at each month’s end, from when items were added, started and completed.',
      firstColumn: 'Month', columns: ['People with a journey', 'People who started', 'Items planned', 'Items completed', 'Learning minutes planned', 'Learning minutes done'],
      rows: view.months.map((m) => row(m, [m.journeys.peopleWithJourney, m.journeys.journeysStarted, m.journeys.itemsPlanned, m.journeys.itemsCompleted, m.journeys.minutesPlanned, m.journeys.minutesDone])),
      chart: { column: 5, title: 'Learning minutes done by month' },
    },
    ...(['knowledge', 'skill'] as const).map((kind, k) => ({
      id: `${kind}-levels`,
      heading: `Self-rated levels across ${kind} topics`,
      text: 'Ratings at each level, one per person per topic, added up over the topics.',
      firstColumn: 'Month',
      columns: [...(view.months[0]?.topicLevels[k]?.levels.parts.map((p) => levelLabel(p.label)) ?? []), 'All ratings'],
      rows: view.months.map((m) => row(m, [...(m.topicLevels[k]?.levels.parts.map((p) => p.count) ?? []), ...(m.topicLevels[k] ? [m.topicLevels[k].levels.total] : [])])),
    })),
  ];
}

const levelLabel = (id: string) => (id === 'not-yet' ? 'Not yet' : id.charAt(0).toUpperCase() + id.slice(1));

export function equitySections(view: InsightEquity): InsightSection[] {
  const name = BREAKDOWN_LABELS[view.breakdown];
  return [
    breakdownSection(view.people),
    {
      id: 'measures', heading: `The same measures by ${name.toLowerCase()}`, firstColumn: name, columns: HEADLINE_COLUMNS,
      rows: [...view.rows.map((r) => ({ label: r.label, values: headlineValues(r.headline) })), { label: 'Everyone', values: headlineValues(view.everyone) }],
      chart: { column: 0, max: 100, title: `Requirements met (self-rated) by ${name.toLowerCase()}` },
    },
  ];
}

export function peerSections(view: InsightPeers): InsightSection[] {
  if (!view.peers || !view.parent) return [];
  return [siblingSection('peers', `Organisations of the same kind in ${view.parent.name}`, view.peers, 'Everyone else in the parent', `${view.parent.name} in all`, 'Each row is controlled together with the parent’s total, so no organisation’s figure can be worked out from the others.')];
}
