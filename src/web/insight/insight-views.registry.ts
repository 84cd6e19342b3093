import { z } from 'zod';
import { INSIGHT_DIMENSIONS } from '../../db/insight.repository.ts';
import type { Services } from '../../services/index.ts';
import type { Viewer } from '../../services/identity/viewer.ts';
import type { InsightContext } from '../../services/insight/insight-context.ts';
import { equitySections, journeySections, overviewSections, peerSections, requirementSections, topicSections, trainingSections, trendSections } from './insight-sections.ts';
import type { InsightSection } from './insight-sections.ts';
import type { InsightView } from './insight.paths.ts';

/** The options every insight view takes from its query string; pages, downloads and the API share them. */
export const insightQuery = z.object({
  synthetic: z.enum(['include', 'exclude']).default('include').describe('include (the default): generated people are counted; exclude: only real people.'),
  basis: z.enum(['self', 'verified']).default('self').describe('Levels by topic only: self-rated levels, or only levels a supervisor has verified.'),
  by: z.enum(INSIGHT_DIMENSIONS.filter((d) => d !== 'all') as [Exclude<(typeof INSIGHT_DIMENSIONS)[number], 'all'>, ...Array<Exclude<(typeof INSIGHT_DIMENSIONS)[number], 'all'>>]).default('professional_group').describe('Equity only: the breakdown shown side by side.'),
});
export type InsightQuery = z.infer<typeof insightQuery>;
export const organisationParams = z.object({ organisationId: z.string().max(100) });

type Loaded = InsightContext & Record<string, unknown>;

interface ViewEntry {
  load(services: Services, viewer: Viewer, organisationId: string, q: InsightQuery): Promise<Loaded>;
  sections(view: Loaded): InsightSection[];
  /** The query parameters this view uses, kept on its download links. */
  keeps: ReadonlyArray<'basis' | 'by'>;
}

const entry = <V extends InsightContext>(load: (services: Services, options: { viewer: Viewer; organisationId: string; includeSynthetic: boolean }, q: InsightQuery) => Promise<V>, sections: (view: V) => InsightSection[], keeps: ViewEntry['keeps'] = []): ViewEntry => ({
  load: (services, viewer, organisationId, q) => load(services, { viewer, organisationId, includeSynthetic: q.synthetic === 'include' }, q) as unknown as Promise<Loaded>,
  sections: (view) => sections(view as unknown as V),
  keeps,
});

/** Each view: the one service call that makes it, and how its figures are laid out. */
export const INSIGHT_VIEW_REGISTRY: Record<InsightView, ViewEntry> = {
  overview: entry((s, o) => s.insight.getInsightOverview(o), overviewSections),
  requirements: entry((s, o) => s.insight.getInsightRequirements(o), requirementSections),
  topics: entry((s, o, q) => s.insight.getInsightTopics({ ...o, basis: q.basis }), topicSections, ['basis']),
  training: entry((s, o) => s.insight.getInsightTraining(o), trainingSections),
  journeys: entry((s, o) => s.insight.getInsightJourneys(o), journeySections),
  trends: entry((s, o) => s.insight.getInsightTrends(o), trendSections),
  equity: entry((s, o, q) => s.insight.getInsightEquity({ ...o, breakdown: q.by }), equitySections, ['by']),
  peers: entry((s, o) => s.insight.getInsightPeers(o), peerSections),
};

/** The query string a view's links keep: only what differs from the defaults. */
export function keptQuery(view: InsightView, q: InsightQuery): string {
  const params = new URLSearchParams();
  if (q.synthetic === 'exclude') params.set('synthetic', 'exclude');
  for (const key of INSIGHT_VIEW_REGISTRY[view].keeps) params.set(key, q[key]);
  return params.toString();
}
