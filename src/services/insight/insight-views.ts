import type { InsightDimension, PeopleRow, RequirementRow, TopicLevelRow, TrainingRow } from '../../db/insight.repository.ts';
import { TIERS } from '../../domain/framework/framework-document.ts';
import type { FrameworkIndex } from '../../domain/framework/framework-index.ts';
import { topLevelFactor } from '../../domain/framework/framework-index.ts';
import { discloseCount, discloseMeasure, discloseParts, discloseRequirementShare, percentOf, discloseShare, discloseTable, wholePercent } from '../../domain/insight/disclosure.ts';
import type { DisclosedCount, DisclosedMeasure, DisclosedPercent, DisclosedTable, DisclosureScope } from '../../domain/insight/disclosure.ts';
import { TRAINING_STATUSES, trainingStatusOn } from '../../domain/insight/insight-calendar.ts';
import { NOT_YET } from '../../domain/assessment/requirement-status.ts';
import type { ExactHeadline } from './insight-headline.ts';
import { isExclusive, labelOf, orderOf } from './insight-labels.ts';

/** People in each value of one breakdown, controlled as parts of everyone where the values are exclusive. */
export interface PeopleBreakdown {
  dimension: InsightDimension;
  rows: Array<{ value: string; label: string; people: DisclosedCount; share: DisclosedPercent }>;
  total: DisclosedCount;
}

export function peopleBreakdown(index: FrameworkIndex, dimension: InsightDimension, rows: readonly PeopleRow[], everyone: number, scope: DisclosureScope): PeopleBreakdown {
  const order = orderOf(index, dimension);
  const values = rows.filter((r) => r.people > 0).sort((a, b) => order(a.value) - order(b.value));
  if (isExclusive(dimension)) {
    const parts = values.map((r) => ({ label: r.value, count: r.people }));
    const whole = parts.reduce((a, p) => a + p.count, 0);
    const disclosed = discloseParts(parts, whole, scope);
    return { dimension, total: disclosed.total, rows: disclosed.parts.map((p) => ({ value: p.label, label: labelOf(index, dimension, p.label), people: p.count, share: p.share })) };
  }
  // Archetypes overlap (a person may hold several), so each is a figure on its own beside everyone.
  return {
    dimension,
    total: discloseCount(everyone, scope),
    rows: values.map((r) => ({ value: r.value, label: labelOf(index, dimension, r.value), people: discloseCount(r.people, scope), share: discloseShare(Math.min(r.people, everyone), everyone, scope) })),
  };
}

export interface RequirementShareRow {
  key: string;
  label: string;
  people: DisclosedCount;
  self: DisclosedPercent;
  verified: DisclosedPercent;
}

interface ShareSums { people: number; applicable: number; metSelf: number; metVerified: number }

function shareRow(key: string, label: string, s: ShareSums, scope: DisclosureScope): RequirementShareRow {
  const met = (n: number) => Math.min(n, s.applicable);
  return { key, label, people: discloseCount(s.people, scope), self: discloseRequirementShare(met(s.metSelf), s.applicable, s.people, scope), verified: discloseRequirementShare(met(s.metVerified), s.applicable, s.people, scope) };
}

/** Sums cells into groups; a group's people is its largest cell's, a floor on the people it describes. */
function groupShares(rows: readonly RequirementRow[], keyOf: (r: RequirementRow) => string | null): Map<string, ShareSums> {
  const out = new Map<string, ShareSums>();
  for (const r of rows) {
    const key = keyOf(r);
    if (key === null) continue;
    const s = out.get(key) ?? { people: 0, applicable: 0, metSelf: 0, metVerified: 0 };
    out.set(key, { people: Math.max(s.people, r.people), applicable: s.applicable + r.applicable, metSelf: s.metSelf + r.metSelf, metVerified: s.metVerified + r.metVerified });
  }
  return out;
}

export interface RequirementShares {
  byTier: RequirementShareRow[];
  byArchetype: RequirementShareRow[];
  byFactor: RequirementShareRow[];
  cells: Array<RequirementShareRow & { tier: string; archetype: string; factor: string }>;
}

/**
 * Standing rows are kept per requirement's own factor, which may be a sub-factor (docs/scale.md
 * §2.4); the views report by the framework's top-level factors, as the report's tables do, so
 * sub-factor cells are summed into their top-level factor's first.
 */
function byTopLevelFactor(index: FrameworkIndex, rows: readonly RequirementRow[]): RequirementRow[] {
  const merged = new Map<string, RequirementRow>();
  for (const r of rows) {
    const factor = topLevelFactor(index, r.factor)?.id ?? r.factor;
    const key = `${r.organisationId}/${r.value}/${r.frameworkVersion}/${r.tier}/${r.archetype}/${factor}`;
    const m = merged.get(key);
    // People: the largest cell's, a floor on those the merged cell describes (as groupShares).
    merged.set(key, m ? { ...m, people: Math.max(m.people, r.people), applicable: m.applicable + r.applicable, metSelf: m.metSelf + r.metSelf, metVerified: m.metVerified + r.metVerified } : { ...r, factor });
  }
  return [...merged.values()];
}

/** Share of applicable requirements met, self-rated and verified: sum(met) / sum(applicable) per tier, archetype and top-level factor. */
export function requirementShares(index: FrameworkIndex, standing: readonly RequirementRow[], scope: DisclosureScope, tierLabel: (t: string) => string): RequirementShares {
  const rows = byTopLevelFactor(index, standing);
  const list = (groups: Map<string, ShareSums>, label: (k: string) => string) => [...groups].map(([k, s]) => shareRow(k, label(k), s, scope));
  const factorOrder = (id: string) => index.doc.factors.findIndex((f) => f.id === id);
  const tierOrder = (t: string) => (TIERS as readonly string[]).indexOf(t);
  const sortedRows = [...rows].sort((a, b) => tierOrder(a.tier) - tierOrder(b.tier) || a.archetype.localeCompare(b.archetype) || factorOrder(a.factor) - factorOrder(b.factor));
  return {
    byTier: list(groupShares(sortedRows, (r) => r.tier), tierLabel),
    byArchetype: list(groupShares(sortedRows, (r) => (r.archetype === '' ? null : r.archetype)), (k) => index.archetypeById.get(k)?.label ?? k),
    byFactor: list(groupShares([...rows].sort((a, b) => factorOrder(a.factor) - factorOrder(b.factor)), (r) => r.factor), (k) => index.factorById.get(k)?.label ?? k),
    cells: sortedRows.map((r) => ({
      ...shareRow(`${r.tier}/${r.archetype}/${r.factor}`, [tierLabel(r.tier), r.archetype ? (index.archetypeById.get(r.archetype)?.label ?? r.archetype) : '', index.factorById.get(r.factor)?.label ?? r.factor].filter(Boolean).join(', '), r, scope),
      tier: r.tier,
      archetype: r.archetype,
      factor: r.factor,
    })),
  };
}

/** Levels reached per topic, one table per kind (knowledge and skill have different scales), not rated included. */
export interface TopicDistribution {
  kind: 'knowledge' | 'skill';
  levels: Array<{ id: string; label: string }>;
  topics: Array<{ id: string; label: string }>;
  table: DisclosedTable;
}

export const NOT_RATED = 'not-rated';

export function topicDistributions(index: FrameworkIndex, rows: readonly TopicLevelRow[], everyone: number, scope: DisclosureScope): TopicDistribution[] {
  const counts = new Map(rows.map((r) => [`${r.topicId}/${r.level}`, r.people]));
  return (['knowledge', 'skill'] as const).flatMap((kind) => {
    const topics = (index.doc.topics ?? []).filter((t) => t.kind === kind);
    if (topics.length === 0) return [];
    const levels = [{ id: NOT_YET, label: 'Not yet' }, ...[...index.doc.taxonomy[kind]].sort((a, b) => a.rank - b.rank).map((l) => ({ id: l.id, label: l.label }))];
    const cells = topics.map((t) => {
      const rated = levels.map((l) => counts.get(`${t.id}/${l.id}`) ?? 0);
      // Not rated = everyone less those at some level; never below 0 while a backfill catches up.
      return [...rated, Math.max(0, everyone - rated.reduce((a, b) => a + b, 0))];
    });
    const columns = [...levels.map((l) => l.id), NOT_RATED];
    const table = discloseTable({ rows: topics.map((t) => t.id), columns, cells, rowTotals: cells.map((c) => c.reduce((a, b) => a + b, 0)) }, scope, { shareOf: 'row-total' });
    return [{ kind, levels: [...levels, { id: NOT_RATED, label: 'Not rated' }], topics: topics.map((t) => ({ id: t.id, label: t.label })), table }];
  });
}

/** Training currency per deployment and per product: people by status, with totals, each one table so totals cannot give a cell away. */
export interface TrainingCurrency {
  deployments: Array<{ id: string; productId: string; label: string }>;
  products: Array<{ id: string; label: string }>;
  statuses: readonly string[];
  table: DisclosedTable;
  productTable: DisclosedTable;
}

export interface DeploymentLabel {
  productId: string;
  productName: string;
  label: string;
}

/** People by status per key (deployment or product), exact. */
function statusCounts(rows: readonly TrainingRow[], keyOf: (r: TrainingRow) => string, today: string): Map<string, number[]> {
  const out = new Map<string, number[]>();
  for (const r of rows) {
    const status = trainingStatusOn(r, today);
    if (!status) continue;
    const cells = out.get(keyOf(r)) ?? TRAINING_STATUSES.map(() => 0);
    const i = TRAINING_STATUSES.indexOf(status);
    cells[i] = (cells[i] ?? 0) + r.people;
    out.set(keyOf(r), cells);
  }
  return out;
}

function statusTable(keys: readonly string[], counts: ReadonlyMap<string, number[]>, scope: DisclosureScope): DisclosedTable {
  const cells = keys.map((k) => counts.get(k) ?? TRAINING_STATUSES.map(() => 0));
  const rowTotals = cells.map((c) => c.reduce((a, b) => a + b, 0));
  const columnTotals = TRAINING_STATUSES.map((_, i) => cells.reduce((a, c) => a + (c[i] ?? 0), 0));
  return discloseTable({ rows: [...keys], columns: [...TRAINING_STATUSES], cells, rowTotals, columnTotals, grandTotal: rowTotals.reduce((a, b) => a + b, 0) }, scope, { shareOf: 'row-total' });
}

export function trainingCurrency(rows: readonly TrainingRow[], labels: ReadonlyMap<string, DeploymentLabel>, today: string, scope: DisclosureScope): TrainingCurrency {
  const byDeployment = statusCounts(rows, (r) => r.deploymentId, today);
  const byProduct = statusCounts(rows, (r) => r.productId, today);
  const deployments = [...byDeployment.keys()]
    .map((id) => ({ id, productId: labels.get(id)?.productId ?? '', label: labels.get(id)?.label ?? 'A withdrawn deployment' }))
    .sort((a, b) => a.label.localeCompare(b.label));
  const productNames = new Map([...labels.values()].map((l) => [l.productId, l.productName]));
  const products = [...byProduct.keys()].map((id) => ({ id, label: productNames.get(id) ?? 'A withdrawn product' })).sort((a, b) => a.label.localeCompare(b.label));
  return {
    deployments,
    products,
    statuses: TRAINING_STATUSES,
    table: statusTable(deployments.map((d) => d.id), byDeployment, scope),
    productTable: statusTable(products.map((p) => p.id), byProduct, scope),
  };
}

export interface JourneySummary {
  peopleWithJourney: DisclosedCount;
  journeysStarted: DisclosedCount;
  startedShare: DisclosedPercent;
  itemsPlanned: DisclosedMeasure;
  itemsCompleted: DisclosedMeasure;
  itemsCompletedShare: DisclosedPercent;
  minutesPlanned: DisclosedMeasure;
  minutesDone: DisclosedMeasure;
}

/** Items and minutes are not people, so they are measures over the people with a journey. */
export function journeySummary(h: ExactHeadline, scope: DisclosureScope): JourneySummary {
  const people = h.journeyPeople;
  const measure = (value: number) => discloseMeasure({ value, people }, scope);
  const started = Math.min(h.journeysStarted, people);
  return {
    peopleWithJourney: discloseCount(people, scope),
    journeysStarted: discloseCount(started, scope),
    startedShare: discloseShare(started, people, scope),
    itemsPlanned: measure(h.itemsPlanned),
    itemsCompleted: measure(h.itemsCompleted),
    itemsCompletedShare: percentOf(h.itemsPlanned === 0 ? discloseMeasure({ value: 0, people: 0 }, scope) : measure(wholePercent(Math.min(h.itemsCompleted, h.itemsPlanned), h.itemsPlanned))),
    minutesPlanned: measure(h.minutesPlanned),
    minutesDone: measure(h.minutesDone),
  };
}
