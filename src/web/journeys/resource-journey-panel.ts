import { z } from 'zod';
import type { Services } from '../../services/index.ts';
import type { Viewer } from '../../services/identity/viewer.ts';
import type { JourneyItemView } from '../../services/journeys/journey.service.ts';
import { formatDate } from '../dates.ts';
import { itemView, JOURNEY_PAGE, RESOURCE_PAGE } from './journey.view-model.ts';

/**
 * "In your learning journey" on a catalogue resource's page: where the learner lands after
 * pressing Start, so she can open the resource, mark it completed and get back to her journey.
 */

const panelQuery = z.object({ journey: z.enum(['started']).optional() });

export const JOURNEY_STARTED_MESSAGE = 'Marked as started. Open it on the provider’s site, then mark it as completed here or in your journey.';

/** Where "Start" takes the learner: the resource's page while learners can see it, else the journey. */
export function afterStartPath(item: JourneyItemView | undefined): string {
  const resource = item?.resource;
  return resource && resource.status === 'published' ? `${RESOURCE_PAGE(resource.id)}?journey=started` : `${JOURNEY_PAGE}?done=started`;
}

export type ResourceJourneyPanel = Awaited<ReturnType<typeof resourceJourneyPanel>>;

/** The panel for `resourceId`, or null when the viewer has no journey with it in. */
export async function resourceJourneyPanel(services: Services, viewer: Viewer | null, resourceId: string, query: unknown) {
  if (!viewer) return null;
  const journey = await services.journeys.getJourney({ viewer, personId: viewer.personId });
  const upcoming = journey?.upcoming.find((i) => i.item.resourceId === resourceId);
  const completed = journey?.completed.filter((i) => i.item.resourceId === resourceId).at(-1);
  const item = upcoming ?? completed;
  if (!journey || !item) return null;
  const { index } = services.assessmentFramework();
  const view = itemView(index, item);
  const parsed = panelQuery.safeParse(query);
  return {
    status: view.status,
    tag: view.tag,
    weeks: view.weeks,
    closes: view.closes,
    isOpen: upcoming !== undefined,
    justStarted: parsed.success && parsed.data.journey === 'started' && view.status === 'started',
    completedOn: item.item.completedAt ? formatDate(item.item.completedAt) : null,
    completedOnPlatform: view.completedOnPlatform,
    startPath: view.startPath,
    completePath: view.completePath,
    journeyPath: JOURNEY_PAGE,
  };
}
