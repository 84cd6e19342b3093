import type { InsightDimension, InsightRepository } from '../../db/insight.repository.ts';
import type { OrganisationRepository } from '../../db/organisation.repository.ts';
import type { FrameworkIndex } from '../../domain/framework/framework-index.ts';
import { discloseCount, discloseParts } from '../../domain/insight/disclosure.ts';
import type { DisclosedCount, DisclosedParts } from '../../domain/insight/disclosure.ts';
import { TRAINING_STATUSES } from '../../domain/insight/insight-calendar.ts';
import type { Viewer } from '../identity/viewer.ts';
import type { InsightAccess } from './insight-access.ts';
import { insightNotFound } from './insight-access.ts';
import { createInsightContext, refOf } from './insight-context.ts';
import type { InsightContext, InsightContextDeps, OrganisationRef } from './insight-context.ts';
import { discloseHeadline, emptyHeadline, headlinesBy, readHeadlineRows } from './insight-headline.ts';
import type { DisclosedHeadline, ExactHeadline } from './insight-headline.ts';
import { BREAKDOWNS, labelOf, orderOf, TIER_LABELS } from './insight-labels.ts';
import { siblingFigures, siblingFiguresOf } from './insight-tree.ts';
import type { SiblingFigures } from './insight-tree.ts';
import { trendOf } from './insight-trends.ts';
import type { TrendPoint } from './insight-trends.ts';
import { journeySummary, peopleBreakdown, requirementShares, topicDistributions, trainingCurrency } from './insight-views.ts';
import type { JourneySummary, PeopleBreakdown, RequirementShares, TopicDistribution, TrainingCurrency } from './insight-views.ts';

export interface InsightServiceDeps {
  insightAccess: InsightAccess;
  insightRepository: InsightRepository;
  organisationRepository: Pick<OrganisationRepository, 'listAncestry'>;
  framework: () => { id: string; version: string; index: FrameworkIndex };
  findRefresh?: InsightContextDeps['findRefresh'];
}

/** Which organisation, and whether generated people count (they do unless asked otherwise). */
export interface InsightViewOptions {
  viewer: Viewer;
  organisationId: string;
  includeSynthetic?: boolean;
}

export type EquityBreakdown = Exclude<InsightDimension, 'all'>;

export interface InsightOverview extends InsightContext {
  people: DisclosedCount;
  headline: DisclosedHeadline;
  breakdowns: PeopleBreakdown[];
  training: DisclosedParts;
  journeys: JourneySummary;
  children: SiblingFigures;
}
export interface InsightRequirements extends InsightContext { shares: RequirementShares }
export interface InsightTopics extends InsightContext { basis: 'self' | 'verified'; distributions: TopicDistribution[] }
export interface InsightTraining extends InsightContext { currency: TrainingCurrency }
export interface InsightJourneys extends InsightContext { journeys: JourneySummary }
export interface InsightTrends extends InsightContext { months: TrendPoint[] }
export interface InsightEquity extends InsightContext {
  breakdown: EquityBreakdown;
  people: PeopleBreakdown;
  everyone: DisclosedHeadline;
  rows: Array<{ value: string; label: string; headline: DisclosedHeadline }>;
}
export interface InsightPeers extends InsightContext {
  /** Null when the viewer may not see the parent, so may not see its other children either. */
  parent: OrganisationRef | null;
  /** The organisation is at the top of the tree: there is no parent, so no peers. */
  isTop: boolean;
  peers: SiblingFigures | null;
}

/**
 * Workforce insight for one organisation and everything beneath it (issue 14 §1): every use case
 * checks the viewer may see the organisation, reads exact rollups by key, and passes every figure
 * through disclosure control before returning it, so nothing it returns carries a raw count.
 */
export function createInsightService(deps: InsightServiceDeps) {
  const repo = deps.insightRepository;
  const framework = () => {
    const f = deps.framework();
    return { id: f.id, version: f.version };
  };
  const openInsight = createInsightContext({ ...deps, framework });
  const open = (o: InsightViewOptions) => openInsight(o.viewer, o.organisationId, o.includeSynthetic ?? true);
  const one = (context: InsightContext, dimension: InsightDimension = 'all') => ({ organisationIds: [context.organisation.id], dimension, includeSynthetic: context.includeSynthetic });

  async function exactHeadline(context: InsightContext): Promise<ExactHeadline> {
    const rows = await readHeadlineRows(repo, one(context), context.framework);
    return headlinesBy(rows, () => 'all', context.today).get('all') ?? emptyHeadline();
  }

  return {
    /** The organisations whose insight the viewer may open: one to go straight to, several to choose from, none for learners. */
    async listInsightRoots({ viewer }: { viewer: Viewer }): Promise<OrganisationRef[]> {
      if (!deps.insightAccess.mayUseInsight(viewer)) throw insightNotFound();
      return (await deps.insightAccess.insightRootsOf(viewer)).map(refOf);
    },

    /** Four reads for the organisation and its children together, and one for every breakdown. */
    async getInsightOverview(o: InsightViewOptions): Promise<InsightOverview> {
      const { context, row } = await open(o);
      const { index } = deps.framework();
      const children = (await repo.listChildren(row.id)).filter((c) => c.kind !== 'team');
      const ids = [row.id, ...children.map((c) => c.id)];
      const [rows, breakdownRows] = await Promise.all([
        readHeadlineRows(repo, { organisationIds: ids, dimension: 'all', includeSynthetic: context.includeSynthetic }, context.framework),
        repo.listPeopleByDimension({ organisationIds: [row.id], dimensions: BREAKDOWNS, includeSynthetic: context.includeSynthetic }),
      ]);
      const byOrganisation = headlinesBy(rows, (r) => r.organisationId, context.today);
      const exact = byOrganisation.get(row.id) ?? emptyHeadline();
      const statuses = TRAINING_STATUSES.map((s) => ({ label: s, count: exact.training[s] }));
      return {
        ...context,
        people: discloseCount(exact.people, context.scope),
        headline: discloseHeadline(exact, context.scope),
        breakdowns: BREAKDOWNS.map((d) => peopleBreakdown(index, d, breakdownRows.filter((r) => r.dimension === d), exact.people, context.scope)),
        training: discloseParts(statuses, statuses.reduce((a, s) => a + s.count, 0), context.scope),
        journeys: journeySummary(exact, context.scope),
        children: siblingFiguresOf(children, byOrganisation, exact.people),
      };
    },

    async getInsightRequirements(o: InsightViewOptions): Promise<InsightRequirements> {
      const { context } = await open(o);
      const rows = (await repo.listRequirements({ ...one(context), frameworkId: context.framework.id })).filter((r) => r.frameworkVersion === context.framework.version);
      return { ...context, shares: requirementShares(deps.framework().index, rows, context.scope, (t) => TIER_LABELS[t] ?? t) };
    },

    async getInsightTopics(o: InsightViewOptions & { basis: 'self' | 'verified' }): Promise<InsightTopics> {
      const { context } = await open(o);
      const [levels, people] = await Promise.all([repo.listTopicLevels({ ...one(context), frameworkId: context.framework.id, basis: o.basis }), repo.listPeople(one(context))]);
      const everyone = people.reduce((a, r) => a + r.people, 0);
      return { ...context, basis: o.basis, distributions: topicDistributions(deps.framework().index, levels, everyone, context.scope) };
    },

    async getInsightTraining(o: InsightViewOptions): Promise<InsightTraining> {
      const { context } = await open(o);
      const rows = await repo.listTraining(one(context));
      const labels = await repo.listDeploymentLabels([...new Set(rows.map((r) => r.deploymentId))]);
      const byId = new Map(labels.map((l) => [l.deploymentId, { productId: l.productId, productName: l.productName, label: `${l.productName} (deployed by ${l.deployedBy})` }]));
      return { ...context, currency: trainingCurrency(rows, byId, context.today, context.scope) };
    },

    async getInsightJourneys(o: InsightViewOptions): Promise<InsightJourneys> {
      const { context } = await open(o);
      return { ...context, journeys: journeySummary(await exactHeadline(context), context.scope) };
    },

    async getInsightTrends(o: InsightViewOptions): Promise<InsightTrends> {
      const { context } = await open(o);
      return { ...context, months: await trendOf(repo, { organisationId: context.organisation.id, includeSynthetic: context.includeSynthetic, framework: context.framework, today: context.today, scope: context.scope, index: deps.framework().index }) };
    },

    /** The same measures for each value of one breakdown, side by side, beside everyone's. */
    async getInsightEquity(o: InsightViewOptions & { breakdown: EquityBreakdown }): Promise<InsightEquity> {
      const { context } = await open(o);
      const { index } = deps.framework();
      const [everyone, rows] = await Promise.all([exactHeadline(context), readHeadlineRows(repo, one(context, o.breakdown), context.framework)]);
      const byValue = headlinesBy(rows, (r) => r.value, context.today);
      const order = orderOf(index, o.breakdown);
      // A value nobody holds any more (its rows are kept at zero) is not a group to compare.
      const values = [...byValue.keys()].filter((v) => (byValue.get(v)?.people ?? 0) > 0).sort((a, b) => order(a) - order(b));
      return {
        ...context,
        breakdown: o.breakdown,
        people: peopleBreakdown(index, o.breakdown, rows.people, everyone.people, context.scope),
        everyone: discloseHeadline(everyone, context.scope),
        rows: values.map((value) => ({ value, label: labelOf(index, o.breakdown, value), headline: discloseHeadline(byValue.get(value) ?? emptyHeadline(), context.scope) })),
      };
    },

    /** Organisations of the same kind under the same parent, where the viewer may see the parent. */
    async getInsightPeers(o: InsightViewOptions): Promise<InsightPeers> {
      const { context, row } = await open(o);
      const parentId = row.parentId;
      const parent = parentId ? await deps.insightAccess.assertCanSeeInsight(o.viewer, parentId).catch(() => null) : null;
      if (!parent) return { ...context, parent: null, peers: null, isTop: parentId === null };
      const parentContext = { ...context, organisation: refOf(parent) };
      const parentExact = await exactHeadline(parentContext);
      const siblings = (await repo.listChildren(parent.id)).filter((c) => c.kind === row.kind);
      return { ...context, parent: refOf(parent), peers: await siblingFigures(repo, siblings, parentExact.people, context), isTop: false };
    },
  };
}

export type InsightService = ReturnType<typeof createInsightService>;
