import type { FastifyInstance } from 'fastify';
import type { Services } from '../../services/index.ts';
import { requireViewer } from '../../web/session.plugin.ts';
import { reviewReportJson } from '../../services/assurance/review-report-files.ts';
import { toReviewCrosswalkJson } from './assurance-crosswalk.schemas.ts';
import { reviewParams } from './assurance.schemas.ts';

/** A review's crosswalk and report as JSON: the same services and permissions as the pages. */
export function registerAssuranceReportApi(app: FastifyInstance, { services }: { services: Services }): void {
  app.get('/api/v1/assurance/reviews/:id/crosswalk', async (request) => {
    const viewer = requireViewer(request);
    const { id } = reviewParams.parse(request.params);
    return toReviewCrosswalkJson(await services.assurance.getReviewCrosswalk({ viewer, reviewId: id }));
  });

  app.get('/api/v1/assurance/reviews/:id/report', async (request) => {
    const viewer = requireViewer(request);
    const { id } = reviewParams.parse(request.params);
    return reviewReportJson(await services.assurance.getReviewReport({ viewer, reviewId: id }));
  });
}
