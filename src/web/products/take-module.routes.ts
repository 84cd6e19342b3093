import type { FastifyInstance, FastifyReply } from 'fastify';
import { z } from 'zod';
import { AppError } from '../../errors.ts';
import type { LearnerModule } from '../../services/products/product-training.service.ts';
import { formatDate } from '../dates.ts';
import { formErrorsView } from '../form-errors.ts';
import { fieldsOf, textOf } from '../form-fields.ts';
import type { FormError } from '../form-errors.ts';
import type { PageDeps } from '../index.ts';
import { requireViewer } from '../session.plugin.ts';
import { PRODUCT_PATHS } from './products.paths.ts';
import { CHECK_HEADING_ID, readAnswers, takeModuleView } from './take-module.view-model.ts';
import type { ChosenAnswers } from './take-module.view-model.ts';

const moduleParams = z.object({ id: z.string().max(60) });
const BREADCRUMBS = [{ text: 'Home', href: '/' }, { text: 'Your AI products', href: PRODUCT_PATHS.mine }];
const STALE_ANSWERS: FormError = {
  field: 'answers',
  href: `#${CHECK_HEADING_ID}`,
  text: 'Your answers do not match this knowledge check, which may have changed since you opened it. Check your answers and submit them again.',
};
const resultQuery = z.object({ attempt: z.string().max(60) });

/** A learner takes a published module: reads its sections, answers the knowledge check and sees how they did. */
export function registerTakeModulePages(app: FastifyInstance, { services }: PageDeps): void {
  const training = services.productTraining;

  function renderModule(reply: FastifyReply, module: LearnerModule, chosen: ChosenAnswers = {}, errors: FormError[] = []) {
    return reply.view('products/take-module.njk', {
      pageTitle: `Training for ${module.productName}`,
      currentSection: 'products',
      breadcrumbs: BREADCRUMBS,
      formPath: PRODUCT_PATHS.takeModule(module.id),
      myProductsPath: PRODUCT_PATHS.mine,
      ...takeModuleView(module, chosen, errors),
      ...formErrorsView(errors),
    });
  }

  app.get(PRODUCT_PATHS.takeModule(':id'), async (request, reply) => {
    const viewer = requireViewer(request);
    const { id } = moduleParams.parse(request.params);
    return renderModule(reply, await training.getModuleForLearner({ viewer, moduleId: id }));
  });

  app.post(PRODUCT_PATHS.takeModule(':id'), async (request, reply) => {
    const viewer = requireViewer(request);
    const { id } = moduleParams.parse(request.params);
    const module = await training.getModuleForLearner({ viewer, moduleId: id });
    const { answers, errors } = readAnswers(module.questions, request.body);
    if (errors.length > 0) return renderModule(reply.status(400), module, answers, errors);
    let result;
    try {
      // Marked against the revision the learner read, even if a newer one was published meanwhile.
      const revisionId = textOf(fieldsOf(request.body).revisionId, 60);
      result = await training.submitAttempt({ viewer, moduleId: module.id, input: { answers, ...(revisionId ? { revisionId } : {}) } });
    } catch (error) {
      if (!(error instanceof AppError) || error.code !== 'invalid') throw error;
      return renderModule(reply.status(400), module, answers, [STALE_ANSWERS]);
    }
    // To a page of its own, so refreshing or going back never submits the answers again.
    return reply.redirect(PRODUCT_PATHS.moduleResult(module.id, result.attemptId), 303);
  });

  app.get(PRODUCT_PATHS.moduleResult(':id'), async (request, reply) => {
    const viewer = requireViewer(request);
    const { id } = moduleParams.parse(request.params);
    const { attempt } = resultQuery.parse(request.query);
    const result = await training.getAttemptResult({ viewer, moduleId: id, attemptId: attempt });
    const module = await training.getModuleForLearner({ viewer, moduleId: id });
    const questionNumber = new Map(module.questions.map((q, i) => [q.id, { number: i + 1, prompt: q.prompt }]));
    return reply.view('products/take-module-result.njk', {
      pageTitle: result.passed ? `You passed: ${module.productName}` : `You did not pass this time: ${module.productName}`,
      currentSection: 'products',
      breadcrumbs: BREADCRUMBS,
      productName: module.productName,
      versionLabel: module.versionLabel,
      result,
      revisionText: result.revision ? `Marked against revision ${result.revision.number} of the training, published ${formatDate(result.revision.publishedAt)}.` : undefined,
      // Which questions were wrong, never what their answers are; a question since removed is said so.
      wrongQuestions: result.wrongQuestionIds.map((qid) => questionNumber.get(qid) ?? { number: undefined, prompt: 'A question that has since been changed' }),
      modulePath: PRODUCT_PATHS.takeModule(module.id),
      myProductsPath: PRODUCT_PATHS.mine,
    });
  });
}
