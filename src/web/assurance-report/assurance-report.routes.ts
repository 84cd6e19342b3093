import type { FastifyInstance } from 'fastify';
import type { PageDeps } from '../index.ts';
import { registerCrosswalkPage } from './crosswalk.routes.ts';
import { registerReviewReportPages } from './report.routes.ts';

/** A review's crosswalk to the NHS checklists and its report (issue 12, parts 3 and 5). */
export function registerAssuranceReportPages(app: FastifyInstance, deps: PageDeps): void {
  registerCrosswalkPage(app, deps);
  registerReviewReportPages(app, deps);
}
