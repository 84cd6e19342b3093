import type { FastifyInstance, FastifyReply } from 'fastify';
import { AppError } from '../../errors.ts';
import type { Viewer } from '../../services/identity/viewer.ts';
import { formErrorsView } from '../form-errors.ts';
import type { FormError } from '../form-errors.ts';
import { fieldsOf, textOf } from '../form-fields.ts';
import type { PageDeps } from '../index.ts';
import { problemsOfInvalid } from '../products/product-form-fields.ts';
import { requireViewer } from '../session.plugin.ts';
import { ASSURANCE_PATHS } from './assurance.paths.ts';
import { STAGE_SHORT } from './assurance-labels.ts';
import { decisionFormErrors, decisionInputOf, decisionValuesOf, emptyDecision, outcomeItems } from './decision-form.ts';
import type { DecisionValues } from './decision-form.ts';
import { reviewParams } from './review-page.routes.ts';

/** The decision form: outcome, statement, a reason per unjudged question, and conditions as actions. */
export function registerDecisionPages(app: FastifyInstance, { services }: PageDeps): void {
  async function renderDecision(reply: FastifyReply, viewer: Viewer, reviewId: string, values: DecisionValues, errors: FormError[] = []) {
    const details = await services.assurance.getReview({ viewer, reviewId });
    const { review } = details;
    if (!details.canManage) throw new AppError('forbidden', 'Only the review’s lead and organisation admins can decide it, once.');
    if (review.status !== 'under-review') throw new AppError('conflict', 'Move the review to “under review” before deciding it.');
    const unjudged = details.questions.filter((q) => !q.answer?.judgement).map((q) => q.question);
    return reply.view('assurance/decision.njk', {
      pageTitle: `Decide the ${STAGE_SHORT[review.stage].toLowerCase()} review of ${review.productName}`,
      currentSection: 'products',
      reviewHeading: `${STAGE_SHORT[review.stage]} review of ${review.productName}`,
      decisionMaker: viewer.displayName,
      questionCount: details.questions.length,
      judgedCount: details.questions.length - unjudged.length,
      unjudged,
      values,
      version: review.version,
      outcomeItems: outcomeItems(values.outcome),
      conditionRows: values.conditions.map((c, i) => ({
        row: i + 1,
        values: c,
        ownerItems: [{ value: '', text: 'Choose the owner' }, ...details.staff.map((p) => ({ value: p.id, text: p.displayName, selected: p.id === c.ownerId }))],
      })),
      backPath: ASSURANCE_PATHS.review(review.id),
      formPath: ASSURANCE_PATHS.decision(review.id),
      ...formErrorsView(errors),
    });
  }

  app.get(ASSURANCE_PATHS.decision(':id'), async (request, reply) => {
    const viewer = requireViewer(request);
    const { id } = reviewParams.parse(request.params);
    return renderDecision(reply, viewer, id, emptyDecision());
  });

  app.post(ASSURANCE_PATHS.decision(':id'), async (request, reply) => {
    const viewer = requireViewer(request);
    const { id } = reviewParams.parse(request.params);
    const { questions } = await services.assurance.getReview({ viewer, reviewId: id });
    const values = decisionValuesOf(request.body, questions.map((q) => q.question.id));
    const { input, rowOf, problems } = decisionInputOf(values);
    try {
      if (problems.length > 0) throw new AppError('invalid', 'The decision has problems.', problems);
      await services.assurance.decide({ viewer, reviewId: id, version: Number(textOf(fieldsOf(request.body).version, 12)) || 0, input });
    } catch (error) {
      if (error instanceof AppError && error.code === 'conflict') return renderDecision(reply.status(409), viewer, id, values, [{ field: '', href: '#decision-form', text: error.message }]);
      return renderDecision(reply.status(400), viewer, id, values, decisionFormErrors(problemsOfInvalid(error), rowOf));
    }
    return reply.redirect(`${ASSURANCE_PATHS.review(id)}?done=decided`, 303);
  });
}
