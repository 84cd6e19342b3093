import type { InsightRepository } from '../../db/insight.repository.ts';
import type { OrganisationRepository, OrganisationRow } from '../../db/organisation.repository.ts';
import type { DisclosureScope } from '../../domain/insight/disclosure.ts';
import { ukToday } from '../../domain/insight/insight-calendar.ts';
import type { Viewer } from '../identity/viewer.ts';
import type { InsightAccess } from './insight-access.ts';
import { insightNotFound } from './insight-access.ts';

export interface OrganisationRef {
  id: string;
  name: string;
  kind: OrganisationRow['kind'];
}

/** What every insight view says about itself: whose figures, how controlled, how fresh. */
export interface InsightContext {
  organisation: OrganisationRef;
  /** From the highest organisation the viewer may see down to this one. */
  breadcrumb: OrganisationRef[];
  /** National figures are exempt from suppression and rounding; everything below is controlled. */
  scope: DisclosureScope;
  includeSynthetic: boolean;
  /** Generated (synthetic) people are counted in these figures. */
  countsSynthetic: boolean;
  asOf: Date;
  /** The oldest change not yet in the figures (docs/scale.md §2.10), or null when every change is in. */
  pendingSince: Date | null;
  /** The UK date training currency is judged on. */
  today: string;
  framework: { id: string; version: string };
  /**
   * Set while the bulk refresh of contribution rows for the version shown has not finished (after
   * a new framework version is loaded, or a bulk load): the figures are still being worked out.
   */
  refreshing: { version: string; percentDone: number } | null;
}

/** What the views need to know of the bulk refresh (src/db/insight-refresh.repository.ts). */
export interface RefreshState {
  organisationsDone: number;
  organisationsTotal: number;
  finishedAt: Date | null;
}

export interface InsightContextDeps {
  insightAccess: InsightAccess;
  insightRepository: InsightRepository;
  organisationRepository: Pick<OrganisationRepository, 'listAncestry'>;
  framework: () => { id: string; version: string };
  /** The bulk refresh's progress for a framework version, if one was started. */
  findRefresh?: (frameworkId: string, frameworkVersion: string) => Promise<RefreshState | undefined>;
}

/** Whole percent done, never 100 while unfinished. */
function refreshingOf(version: string, state: RefreshState | undefined): InsightContext['refreshing'] {
  if (!state || state.finishedAt !== null) return null;
  const done = state.organisationsTotal === 0 ? 0 : Math.floor((100 * state.organisationsDone) / state.organisationsTotal);
  return { version, percentDone: Math.min(99, done) };
}

/**
 * A view first adds what is queued when it is no more than this many changes (a few saves: tens of
 * milliseconds), so a quiet hub's figures include the change just made. A longer queue is left to
 * the background drainer, and the page says since when changes are still being counted.
 */
const READ_DRAIN_CHANGES = 500;

export const refOf = (o: OrganisationRow): OrganisationRef => ({ id: o.id, name: o.name, kind: o.kind });
/**
 * Only the nation's own figures are exempt (docs/disclosure-control.md: "the whole country"): a
 * top-level organisation of kind national that has regions beneath it. A national body standing on
 * its own (an arm's-length body, a regulator) is a small organisation like any other.
 */
export const scopeOf = (o: Pick<OrganisationRow, 'kind' | 'parentId'>, children: ReadonlyArray<Pick<OrganisationRow, 'kind'>>): DisclosureScope =>
  o.kind === 'national' && o.parentId === null && children.some((c) => c.kind === 'region') ? 'national' : 'sub-national';

/**
 * Opens an organisation's insight for a viewer, or answers "not found": anyone without an insight
 * role gets the same answer as for an id that names nothing, even for their own organisation.
 */
export function createInsightContext(deps: InsightContextDeps) {
  async function breadcrumbOf(viewer: Viewer, organisation: OrganisationRow): Promise<OrganisationRef[]> {
    const ancestry = (await deps.organisationRepository.listAncestry(organisation.id)).reverse();
    if (viewer.roles.includes('platform-admin')) return ancestry.map(refOf);
    const top = ancestry.findIndex((o) => o.id === viewer.organisationId);
    return ancestry.slice(Math.max(0, top)).map(refOf);
  }

  return async function openInsight(viewer: Viewer, organisationId: string, includeSynthetic: boolean): Promise<{ context: InsightContext; row: OrganisationRow }> {
    if (!deps.insightAccess.mayUseInsight(viewer)) throw insightNotFound();
    const row = await deps.insightAccess.assertCanSeeInsight(viewer, organisationId);
    const framework = deps.framework();
    const [breadcrumb, countsSynthetic, { asOf, pendingSince }, refresh, children] = await Promise.all([
      breadcrumbOf(viewer, row),
      includeSynthetic ? deps.insightRepository.hasSyntheticPeople(row.id) : Promise.resolve(false),
      deps.insightRepository.applyPending(READ_DRAIN_CHANGES, { wholeQueueOnly: true }),
      deps.findRefresh?.(framework.id, framework.version),
      row.kind === 'national' && row.parentId === null ? deps.insightRepository.listChildren(row.id) : Promise.resolve([]),
    ]);
    const context: InsightContext = {
      organisation: refOf(row),
      breadcrumb,
      scope: scopeOf(row, children),
      includeSynthetic,
      countsSynthetic,
      asOf,
      pendingSince,
      today: ukToday(asOf),
      framework,
      refreshing: refreshingOf(framework.version, refresh),
    };
    return { context, row };
  };
}

export type OpenInsight = ReturnType<typeof createInsightContext>;
