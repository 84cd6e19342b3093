import type { FastifyInstance } from 'fastify';
import type { PageDeps } from '../index.ts';
import { requireViewer } from '../session.plugin.ts';
import { CATALOGUE_PATHS } from './catalogue.view-model.ts';
import { curationGapReport } from './curation-gaps.view-model.ts';

export function registerCurationGapPage(app: FastifyInstance, { services }: PageDeps): void {
  app.get(CATALOGUE_PATHS.gaps, async (request, reply) => {
    const viewer = requireViewer(request);
    const gaps = await services.catalogue.curationGaps({ viewer });
    return reply.view('catalogue/curation-gaps.njk', {
      pageTitle: 'Curation gaps',
      currentSection: 'catalogue',
      paths: CATALOGUE_PATHS,
      scopeName: 'your organisation',
      report: curationGapReport(services.assessmentFramework().index, gaps),
    });
  });
}
