import type { FastifyInstance } from 'fastify';
import type { PageDeps } from '../index.ts';
import { requireViewer } from '../session.plugin.ts';
import { JOURNEY_PAGE } from './journey.view-model.ts';
import { REPLAN_PATH } from './out-of-date.view-model.ts';

/** The one-click re-plan offered when a journey is out of date (journeys/out-of-date.njk). */
export function registerJourneyScopePages(app: FastifyInstance, { services }: PageDeps): void {
  app.post(REPLAN_PATH, async (request, reply) => {
    const viewer = requireViewer(request);
    await services.journeys.replanJourney({ viewer });
    return reply.redirect(`${JOURNEY_PAGE}?done=planned`, 303);
  });
}
