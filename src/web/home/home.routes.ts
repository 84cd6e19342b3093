import type { FastifyInstance } from 'fastify';
import { DEFAULT_FRAMEWORK_ID } from '../../services/bundled-frameworks.ts';
import type { PageDeps } from '../index.ts';
import { PERSONAL_PAGE } from '../personal-page-cache.ts';
import { startPageView } from './start-page.view-model.ts';

const FRAMEWORK_BASE = `/frameworks/${DEFAULT_FRAMEWORK_ID}`;

/**
 * `/`: a visitor's introduction to the hub, or a signed-in person's own start page. Cached per
 * person (PERSONAL_PAGE): everything it shows bumps their view stamp or the hub's, and what turns
 * due with the clock alone (a refresher) is within the cache's minute.
 */
export function registerHomePage(app: FastifyInstance, { services }: PageDeps): void {
  app.get('/', PERSONAL_PAGE, async (request, reply) => {
    if (request.viewer) {
      const page = await services.startPage.getStartPage({ viewer: request.viewer, unreadCount: request.unreadNotifications });
      return reply.view('home/start-page.njk', { ...startPageView(request.viewer, page), base: FRAMEWORK_BASE });
    }
    const entry = services.catalog.find(DEFAULT_FRAMEWORK_ID);
    const framework = entry?.format === 'hub' ? entry : undefined;
    return reply.view('home/home.njk', {
      pageTitle: 'Build your confidence in AI',
      base: FRAMEWORK_BASE,
      counts: framework && {
        requirements: framework.index.doc.requirements.length,
        archetypes: framework.index.doc.archetypes.length,
        questions: framework.index.doc.questionSets.reduce((n, s) => n + s.questions.length, 0),
      },
      archetypes: framework?.index.doc.archetypes ?? [],
    });
  });
}
