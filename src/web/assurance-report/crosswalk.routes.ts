import type { FastifyInstance } from 'fastify';
import type { PageDeps } from '../index.ts';
import { requireViewer } from '../session.plugin.ts';
import { ASSURANCE_PATHS } from '../assurance/assurance.paths.ts';
import { STAGE_SHORT } from '../assurance/assurance-labels.ts';
import { reviewParams } from '../assurance/review-page.routes.ts';
import { ASSURANCE_REPORT_PATHS } from './assurance-report.paths.ts';
import { crosswalkChecklists } from './crosswalk.view-model.ts';

/** A review laid over the NHS checklists (issue 12, part 3): readable by whoever may read the review. */
export function registerCrosswalkPage(app: FastifyInstance, { services }: PageDeps): void {
  app.get(ASSURANCE_REPORT_PATHS.crosswalk(':id'), async (request, reply) => {
    const viewer = requireViewer(request);
    const { id } = reviewParams.parse(request.params);
    const view = await services.assurance.getReviewCrosswalk({ viewer, reviewId: id });
    const { review } = view.details;
    const reviewHeading = `${STAGE_SHORT[review.stage]} review of ${review.productName}`;
    const checklists = crosswalkChecklists(view);
    return reply.view('assurance-report/crosswalk.njk', {
      pageTitle: `Checklists: ${reviewHeading}`,
      currentSection: 'products',
      breadcrumbs: [{ text: 'Home', href: '/' }, { text: 'Assurance reviews', href: ASSURANCE_PATHS.list }, { text: reviewHeading, href: ASSURANCE_PATHS.review(review.id) }],
      reviewHeading,
      crosswalk: view.crosswalk,
      checklists,
      contents: checklists.map((c) => ({ href: `#checklist-${c.id}`, text: c.title })),
      reviewPath: ASSURANCE_PATHS.review(review.id),
      reportPath: ASSURANCE_REPORT_PATHS.report(review.id),
    });
  });
}
