import type { FastifyInstance } from 'fastify';
import type { PageDeps } from '../index.ts';
import { registerDecisionPages } from './decision.routes.ts';
import { registerQuestionPages } from './question.routes.ts';
import { registerReviewPage } from './review-page.routes.ts';
import { registerReviewStartPages } from './review-start.routes.ts';

/** Assurance reviews of AI products (issue 12): list, start, answer with evidence, decide, follow up. */
export function registerAssurancePages(app: FastifyInstance, deps: PageDeps): void {
  registerReviewStartPages(app, deps);
  registerReviewPage(app, deps);
  registerQuestionPages(app, deps);
  registerDecisionPages(app, deps);
}
