import type { FastifyInstance } from 'fastify';
import type { Services } from '../../services/index.ts';
import { requireViewer } from '../../web/session.plugin.ts';
import { toProductJson } from './product.schemas.ts';
import {
  actionDoneRequest,
  actionParams,
  answerParams,
  decisionRequest,
  evidenceParams,
  evidenceRequest,
  reviewerParams,
  reviewerRequest,
  reviewParams,
  statusRequest,
  toAnswerJson,
  toDecisionJson,
  toEvidenceJson,
  toReviewDetailsJson,
  toReviewSummaryJson,
} from './assurance.schemas.ts';

/** Assurance reviews (issue 12): the same services and permissions as the pages. */
export function registerAssuranceApi(app: FastifyInstance, { services }: { services: Services }): void {
  const { assurance } = services;

  app.get('/api/v1/assurance/reviews', async (request) => {
    const viewer = requireViewer(request);
    return { reviews: (await assurance.listReviews({ viewer })).map(toReviewSummaryJson) };
  });

  app.post('/api/v1/assurance/reviews', async (request, reply) => {
    const viewer = requireViewer(request);
    const review = await assurance.startReview({ viewer, input: request.body ?? {} });
    return reply.status(201).send(toReviewDetailsJson(await assurance.getReview({ viewer, reviewId: review.id })));
  });

  app.get('/api/v1/assurance/reviews/:id', async (request) => {
    const viewer = requireViewer(request);
    const { id } = reviewParams.parse(request.params);
    return toReviewDetailsJson(await assurance.getReview({ viewer, reviewId: id }));
  });

  app.post('/api/v1/assurance/reviews/:id/status', async (request) => {
    const viewer = requireViewer(request);
    const { id } = reviewParams.parse(request.params);
    const { event, version } = statusRequest.parse(request.body ?? {});
    await assurance.moveStatus({ viewer, reviewId: id, version, event });
    return toReviewSummaryJson((await assurance.getReview({ viewer, reviewId: id })).review);
  });

  app.get('/api/v1/assurance/reviews/:id/answers/:questionId', async (request) => {
    const viewer = requireViewer(request);
    const { id, questionId } = answerParams.parse(request.params);
    const { question, history } = await assurance.answerHistory({ viewer, reviewId: id, questionId });
    return { questionId: question.id, history: history.map(toAnswerJson) };
  });

  app.post('/api/v1/assurance/reviews/:id/answers/:questionId', async (request) => {
    const viewer = requireViewer(request);
    const { id, questionId } = answerParams.parse(request.params);
    const answer = await assurance.recordAnswer({ viewer, reviewId: id, questionId, change: request.body ?? {} });
    return { answer: answer ? toAnswerJson(answer) : null };
  });

  app.post('/api/v1/assurance/reviews/:id/decision', async (request, reply) => {
    const viewer = requireViewer(request);
    const { id } = reviewParams.parse(request.params);
    const { version } = decisionRequest.pick({ version: true }).parse(request.body ?? {});
    return reply.status(201).send(toDecisionJson(await assurance.decide({ viewer, reviewId: id, version, input: request.body ?? {} })));
  });

  app.post('/api/v1/assurance/reviews/:id/reviewers', async (request, reply) => {
    const viewer = requireViewer(request);
    const { id } = reviewParams.parse(request.params);
    const { personId } = reviewerRequest.parse(request.body ?? {});
    await assurance.addReviewer({ viewer, reviewId: id, personId });
    return reply.status(204).send();
  });

  app.delete('/api/v1/assurance/reviews/:id/reviewers/:personId', async (request, reply) => {
    const viewer = requireViewer(request);
    const { id, personId } = reviewerParams.parse(request.params);
    await assurance.removeReviewer({ viewer, reviewId: id, personId });
    return reply.status(204).send();
  });

  app.post('/api/v1/assurance/reviews/:id/evidence', async (request, reply) => {
    const viewer = requireViewer(request);
    const { id } = reviewParams.parse(request.params);
    const { questionId, ...evidence } = evidenceRequest.parse(request.body ?? {});
    return reply.status(201).send(toEvidenceJson(await assurance.addEvidence({ viewer, reviewId: id, questionId, evidence })));
  });

  app.post('/api/v1/assurance/reviews/:id/evidence/:evidenceId/withdraw', async (request) => {
    const viewer = requireViewer(request);
    const { id, evidenceId } = evidenceParams.parse(request.params);
    return toEvidenceJson(await assurance.withdrawEvidence({ viewer, reviewId: id, evidenceId }));
  });

  app.post('/api/v1/assurance/reviews/:id/actions/:actionId/done', async (request, reply) => {
    const viewer = requireViewer(request);
    const { id, actionId } = actionParams.parse(request.params);
    const { note } = actionDoneRequest.parse(request.body ?? {});
    await assurance.markActionDone({ viewer, reviewId: id, actionId, note });
    return reply.status(204).send();
  });

  app.post('/api/v1/assurance/candidates', async (request, reply) => {
    const viewer = requireViewer(request);
    const product = await services.products.recordCandidate({ viewer, input: request.body ?? {} });
    return reply.status(201).send(toProductJson(product));
  });
}
