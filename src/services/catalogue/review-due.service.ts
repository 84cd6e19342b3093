import type { CatalogueRepository } from '../../db/catalogue.repository.ts';
import { AppError } from '../../errors.ts';
import type { HubEntry } from '../framework-catalog.ts';
import type { Viewer } from '../identity/viewer.ts';
import type { CatalogueAccess } from './catalogue-access.ts';
import type { ResourceStatus } from './catalogue.types.ts';

export const MAX_REVIEW_WINDOW_DAYS = 730;
/** More than any one organisation reviews at once; the page says when the list is cut short. */
export const MAX_REVIEW_ITEMS = 500;

/** A resource whose review date has passed or falls within the window asked for. */
export interface ResourceDueForReview {
  id: string;
  title: string;
  provider: string;
  status: ResourceStatus;
  organisationName: string;
  /** yyyy-mm-dd */
  reviewDate: string;
  isOverdue: boolean;
}

const DAY_MS = 24 * 60 * 60 * 1000;
const isoDay = (date: Date) => date.toISOString().slice(0, 10);

export function createReviewDueList(deps: { catalogueRepository: Pick<CatalogueRepository, 'listResourcesDueForReview'>; framework: () => HubEntry; access: CatalogueAccess; now: () => Date }) {
  return {
    /**
     * For educators: the draft and published resources they curate whose review date is past or
     * within `withinDays` from today, soonest first. Retired resources need no review.
     */
    async listResourcesDueForReview({ viewer, withinDays }: { viewer: Viewer; withinDays: number }): Promise<{ items: ResourceDueForReview[]; isTruncated: boolean; today: string; until: string }> {
      deps.access.requireCurator(viewer);
      if (!Number.isInteger(withinDays) || withinDays < 0 || withinDays > MAX_REVIEW_WINDOW_DAYS) {
        throw new AppError('invalid', `Choose a number of days from 0 to ${MAX_REVIEW_WINDOW_DAYS}`, [{ field: 'within', message: `Choose a number of days from 0 to ${MAX_REVIEW_WINDOW_DAYS}` }]);
      }
      const now = deps.now();
      const today = isoDay(now);
      const until = isoDay(new Date(now.getTime() + withinDays * DAY_MS));
      const rows = await deps.catalogueRepository.listResourcesDueForReview({
        frameworkId: deps.framework().id,
        rootOrganisationId: deps.access.curatedRootOf(viewer) ?? null,
        onOrBefore: until,
        limit: MAX_REVIEW_ITEMS + 1,
      });
      const items = rows.slice(0, MAX_REVIEW_ITEMS).map((r) => ({
        id: r.id,
        title: r.title,
        provider: r.provider,
        status: r.status,
        organisationName: r.organisationName,
        reviewDate: r.reviewDate ?? until,
        isOverdue: (r.reviewDate ?? until) < today,
      }));
      return { items, isTruncated: rows.length > MAX_REVIEW_ITEMS, today, until };
    },
  };
}
