import type { FastifyInstance } from 'fastify';
import { DEFAULT_FRAMEWORK_ID } from '../../services/bundled-frameworks.ts';
import type { PageDeps } from '../index.ts';
import { IDENTITY_PAGE } from '../personal-page-cache.ts';

export function registerHomePage(app: FastifyInstance, { services }: PageDeps): void {
  app.get('/', IDENTITY_PAGE, async (_request, reply) => {
    const entry = services.catalog.find(DEFAULT_FRAMEWORK_ID);
    const framework = entry?.format === 'hub' ? entry : undefined;
    return reply.view('home/home.njk', {
      pageTitle: 'Build your confidence in AI',
      base: `/frameworks/${DEFAULT_FRAMEWORK_ID}`,
      counts: framework && {
        requirements: framework.index.doc.requirements.length,
        archetypes: framework.index.doc.archetypes.length,
        questions: framework.index.doc.questionSets.reduce((n, s) => n + s.questions.length, 0),
      },
      archetypes: framework?.index.doc.archetypes ?? [],
    });
  });
}
