import type { FastifyInstance, FastifyReply } from 'fastify';
import { z } from 'zod';
import { AppError } from '../../errors.ts';
import type { Viewer } from '../../services/identity/viewer.ts';
import { formErrorsView } from '../form-errors.ts';
import type { FormError } from '../form-errors.ts';
import { fieldsOf, textOf } from '../form-fields.ts';
import type { PageDeps } from '../index.ts';
import { autonomyItems, clinicalDecisionItems } from '../products/product-form.ts';
import { orderedFormErrors, problemsOfInvalid, schemaProblems } from '../products/product-form-fields.ts';
import { reviewInputSchema } from '../../services/assurance/assurance-input.ts';
import { requireViewer } from '../session.plugin.ts';
import { ASSURANCE_PATHS } from './assurance.paths.ts';
import { emptyStartForm, selectItems, stageItems, startFormErrors, startFormValuesOf, startInputOf } from './review-start-form.ts';
import type { StartFormValues } from './review-start-form.ts';
import { reviewListRow } from './review.view-model.ts';

const startQuery = z.object({ productId: z.string().max(60).optional().catch(undefined) });
const CANDIDATE_FIELDS = ['name', 'manufacturer', 'intendedUse', 'clinicalDecisionMaking', 'autonomy'];
type CandidateValues = Record<'name' | 'manufacturer' | 'intendedUse' | 'clinicalDecisionMaking' | 'autonomy', string>;

/** The reviews list, starting a review, and recording a candidate product to review. */
export function registerReviewStartPages(app: FastifyInstance, { services }: PageDeps): void {
  async function renderStart(reply: FastifyReply, viewer: Viewer, values: StartFormValues, errors: FormError[] = []) {
    const [choices, products] = await Promise.all([services.assurance.startChoices({ viewer }), services.products.listProducts({ viewer })]);
    if (choices.stages.length === 0) throw new AppError('forbidden', 'Only Drivers, Embedders, AI product leads and organisation admins can start assurance reviews.');
    return reply.view('assurance/review-start.njk', {
      pageTitle: 'Start an assurance review',
      currentSection: 'products',
      paths: ASSURANCE_PATHS,
      values,
      productItems: selectItems(products.map((p) => ({ id: p.id, text: p.lifecycle === 'candidate' ? `${p.name} (candidate)` : p.name })), values.productId, 'Choose a product'),
      stageItems: stageItems(choices.stages, values.stage),
      placeItems: selectItems(choices.places.map((o) => ({ id: o.id, text: `${'– '.repeat(o.depth)}${o.name}` })), values.deploymentOrganisationId, 'Choose where'),
      leadItems: selectItems(choices.leads.map((p) => ({ id: p.id, text: p.displayName })), values.leadId, 'Choose the lead'),
      ...formErrorsView(errors),
    });
  }

  function renderCandidate(reply: FastifyReply, values: CandidateValues, errors: FormError[] = []) {
    return reply.view('assurance/candidate-form.njk', {
      pageTitle: 'Record a candidate product',
      currentSection: 'products',
      paths: ASSURANCE_PATHS,
      values,
      clinicalItems: clinicalDecisionItems(values.clinicalDecisionMaking),
      autonomyItems: autonomyItems(values.autonomy),
      ...formErrorsView(errors),
    });
  }

  app.get(ASSURANCE_PATHS.list, async (request, reply) => {
    const viewer = requireViewer(request);
    const [reviews, stages] = await Promise.all([services.assurance.listReviews({ viewer }), services.assurance.stagesToStart({ viewer })]);
    const today = new Date().toISOString().slice(0, 10);
    return reply.view('assurance/review-list.njk', {
      pageTitle: 'Assurance reviews',
      currentSection: 'products',
      breadcrumbs: [{ text: 'Home', href: '/' }],
      paths: ASSURANCE_PATHS,
      canStart: stages.length > 0,
      reviews: reviews.map((r) => reviewListRow(r, today)),
    });
  });

  app.get(ASSURANCE_PATHS.start, async (request, reply) => {
    const viewer = requireViewer(request);
    return renderStart(reply, viewer, emptyStartForm(startQuery.parse(request.query).productId ?? '', viewer.personId));
  });

  app.post(ASSURANCE_PATHS.start, async (request, reply) => {
    const viewer = requireViewer(request);
    const values = startFormValuesOf(request.body);
    const { input, dateProblem } = startInputOf(values);
    try {
      // The date's own message, with whatever else the schema finds, so every problem shows at once.
      if (dateProblem) throw new AppError('invalid', 'The review has problems.', [dateProblem, ...schemaProblems(reviewInputSchema, input).filter((p) => p.field !== 'dueOn')]);
      const review = await services.assurance.startReview({ viewer, input });
      return await reply.redirect(`${ASSURANCE_PATHS.review(review.id)}?done=started`, 303);
    } catch (error) {
      if (error instanceof AppError && error.code === 'forbidden') throw error;
      return renderStart(reply.status(400), viewer, values, startFormErrors(problemsOfInvalid(error)));
    }
  });

  app.get(ASSURANCE_PATHS.newCandidate, async (request, reply) => {
    requireViewer(request);
    return renderCandidate(reply, { name: '', manufacturer: '', intendedUse: '', clinicalDecisionMaking: '', autonomy: '' });
  });

  app.post(ASSURANCE_PATHS.newCandidate, async (request, reply) => {
    const viewer = requireViewer(request);
    const fields = fieldsOf(request.body);
    const values = Object.fromEntries(CANDIDATE_FIELDS.map((f) => [f, textOf(fields[f], 4000)])) as CandidateValues;
    const clinical = values.clinicalDecisionMaking === 'yes' ? true : values.clinicalDecisionMaking === 'no' ? false : undefined;
    try {
      const product = await services.products.recordCandidate({ viewer, input: { ...values, clinicalDecisionMaking: clinical, autonomy: values.autonomy || undefined } });
      return await reply.redirect(`${ASSURANCE_PATHS.start}?productId=${product.id}`, 303);
    } catch (error) {
      if (error instanceof AppError && error.code === 'forbidden') throw error;
      return renderCandidate(reply.status(400), values, orderedFormErrors(problemsOfInvalid(error), CANDIDATE_FIELDS, { clinicalDecisionMaking: 'clinicalDecisionMaking', autonomy: 'autonomy' }, 'candidate-form'));
    }
  });

  app.post(ASSURANCE_PATHS.registerCandidate(':id'), async (request, reply) => {
    const viewer = requireViewer(request);
    const { id } = z.object({ id: z.string().min(1).max(60) }).parse(request.params);
    const version = Number(textOf(fieldsOf(request.body).version, 12)) || 0;
    await services.products.registerCandidate({ viewer, id, version });
    return reply.redirect(`/products/${id}?done=registered`, 303);
  });
}
