import type { FastifyInstance } from 'fastify';
import type { PageDeps } from '../index.ts';
import { requireViewer } from '../session.plugin.ts';
import { CATALOGUE_PATHS } from './catalogue.view-model.ts';
import { curationGapReport, curationGapsToCsv } from './curation-gaps.view-model.ts';

/** The curation-gap report for educators, as a page and as the CSV it links to. */
export function registerCurationGapPage(app: FastifyInstance, { services }: PageDeps): void {
  app.get(CATALOGUE_PATHS.gaps, async (request, reply) => {
    const viewer = requireViewer(request);
    const report = await services.catalogue.curationGapReport({ viewer });
    return reply.view('catalogue/curation-gaps.njk', {
      pageTitle: 'Curation gaps',
      currentSection: 'catalogue',
      paths: CATALOGUE_PATHS,
      scopeName: 'your organisation',
      report: curationGapReport(services.assessmentFramework().index, report),
    });
  });

  app.get(CATALOGUE_PATHS.gapsCsv, async (request, reply) => {
    const viewer = requireViewer(request);
    const report = await services.catalogue.curationGapReport({ viewer });
    return reply
      .type('text/csv; charset=utf-8')
      .header('content-disposition', 'attachment; filename="curation-gaps.csv"')
      .header('cache-control', 'no-store')
      .send(curationGapsToCsv(services.assessmentFramework().index, report));
  });
}
