import type { FastifyInstance, FastifyReply } from 'fastify';
import { z } from 'zod';
import { RESOURCE_FORMATS } from '../../db/tables/catalogue.ts';
import { AppError } from '../../errors.ts';
import type { Viewer } from '../../services/identity/viewer.ts';
import { DEFAULT_SETTINGS } from '../../services/journeys/journey.service.ts';
import { formErrorsFromAppError, formErrorsView } from '../form-errors.ts';
import type { FormError } from '../form-errors.ts';
import type { PageDeps } from '../index.ts';
import { requireViewer } from '../session.plugin.ts';
import { TOPIC_PAGE } from '../verification/verification.view-model.ts';
import { parseSettings, settingsForm, valuesFromSettings } from './journey-settings-form.ts';
import type { SettingsValues } from './journey-settings-form.ts';
import { FORMAT_LABELS } from '../catalogue/catalogue.view-model.ts';
import type { CurrencyStatus } from '../../domain/products/index.ts';
import { myProductView } from '../products/my-products.view-model.ts';
import { PRODUCT_PATHS } from '../products/products.paths.ts';
import { formatMinutes, ITEM_PATH, itemView, JOURNEY_PAGE, journeyView, PLAN_PAGE, resourceFacts } from './journey.view-model.ts';
import { PERSONAL_PAGE } from '../personal-page-cache.ts';
import { afterStartPath } from './resource-journey-panel.ts';
import { RATING_PATH } from '../self-assessment/self-assessment.view-model.ts';
import { outOfDateView } from './out-of-date.view-model.ts';

const itemParams = z.object({ itemId: z.guid() });
const swapForm = z.object({ alternativeId: z.string().max(60).optional() });
const JOURNEY_SECTION = 'journey';
const TRAINING_OWED: ReadonlySet<CurrencyStatus> = new Set(['not-started', 'due', 'overdue']);

/** The learner's journey: plan it, follow the schedule, start, complete and swap items. */
export function registerJourneyPages(app: FastifyInstance, { services }: PageDeps): void {
  const { assessmentFramework } = services;

  app.get(JOURNEY_PAGE, PERSONAL_PAGE, async (request, reply) => {
    const viewer = requireViewer(request);
    const { done } = z.object({ done: z.enum(['planned', 'swapped', 'started', 'declined']).optional() }).parse(request.query);
    const [journey, myProducts, outOfDate] = await Promise.all([
      services.journeys.getJourney({ viewer, personId: viewer.personId }),
      services.productTraining.myProducts({ viewer }),
      services.journeyScope.checkJourneyScope({ viewer, personId: viewer.personId }),
    ]);
    const { index } = assessmentFramework();
    // Product training comes before relying on a product (R8), whatever the plan's budget: listed first, not planned.
    const productTraining = myProducts.filter((p) => TRAINING_OWED.has(p.status)).map(myProductView);
    return reply.view('journeys/journey.njk', {
      pageTitle: 'Your learning journey',
      currentSection: JOURNEY_SECTION,
      doneMessage: done ? DONE_MESSAGES[done] : undefined,
      journey: journey ? journeyView(index, journey) : null,
      outOfDate: outOfDateView(outOfDate),
      productTraining,
      myProductsPath: PRODUCT_PATHS.mine,
      planPath: PLAN_PAGE,
    });
  });

  async function renderPlanForm(reply: FastifyReply, viewer: Viewer, values: SettingsValues | undefined, errors: FormError[] = []) {
    const current = await services.journeys.getJourney({ viewer, personId: viewer.personId });
    const filled = values ?? valuesFromSettings(current?.settings ?? DEFAULT_SETTINGS);
    const templates = (await services.journeyTemplates.listTemplates({ viewer })).filter((t) => t.status === 'published');
    return reply.view('journeys/plan.njk', {
      pageTitle: 'Plan your learning journey',
      currentSection: JOURNEY_SECTION,
      breadcrumbs: [{ text: 'Home', href: '/' }, { text: 'Your learning journey', href: JOURNEY_PAGE }],
      values: filled,
      replacing: current !== null,
      formatItems: RESOURCE_FORMATS.map((f) => ({ value: f, text: FORMAT_LABELS[f], checked: filled.formats.includes(f) })),
      templateItems: [
        { value: '', text: 'No template', selected: !filled.templateId },
        ...templates.map((t) => ({ value: t.id, text: t.title, selected: t.id === filled.templateId })),
      ],
      ...formErrorsView(errors),
    });
  }

  app.get(PLAN_PAGE, async (request, reply) => renderPlanForm(reply, requireViewer(request), undefined));

  app.post(PLAN_PAGE, async (request, reply) => {
    const viewer = requireViewer(request);
    const values = settingsForm.parse(request.body ?? {});
    const parsed = parseSettings(values);
    if ('errors' in parsed) return renderPlanForm(reply.status(400), viewer, values, parsed.errors);
    try {
      await services.journeys.generateJourney({ viewer, settings: parsed.settings });
    } catch (error) {
      const errors = formErrorsFromAppError(error, { templateId: 'templateId', '': 'budgetHours' });
      if (!errors) throw error;
      return renderPlanForm(reply.status(400), viewer, values, errors);
    }
    return reply.redirect(`${JOURNEY_PAGE}?done=planned`, 303);
  });

  app.post('/journey/items/:itemId/start', async (request, reply) => {
    const viewer = requireViewer(request);
    const { itemId } = itemParams.parse(request.params);
    const journey = await services.journeys.startItem({ viewer, itemId });
    // Starting means taking it: on to the resource, whose page links out and leads back here.
    return reply.redirect(afterStartPath(journey.upcoming.find((i) => i.item.id === itemId)), 303);
  });

  app.post('/journey/items/:itemId/complete', async (request, reply) => {
    const viewer = requireViewer(request);
    const { itemId } = itemParams.parse(request.params);
    try {
      await services.journeys.completeItem({ viewer, itemId });
    } catch (error) {
      // Completing twice (a double click, a second tab) lands on the same confirmation.
      if (!(error instanceof AppError && error.code === 'conflict')) throw error;
    }
    return reply.redirect(ITEM_PATH(itemId, 'completed'), 303);
  });

  app.get('/journey/items/:itemId/completed', async (request, reply) => {
    const viewer = requireViewer(request);
    const { itemId } = itemParams.parse(request.params);
    const journey = await services.journeys.getJourney({ viewer, personId: viewer.personId });
    const item = journey?.completed.find((i) => i.item.id === itemId);
    if (!journey || !item) throw new AppError('not_found', 'There is no such completed item.');
    const { index } = assessmentFramework();
    const claims = (item.resource?.outcomes ?? []).flatMap((o) => {
      const topic = index.topicById.get(o.topicId);
      if (!topic) return [];
      const level = index.doc.taxonomy[topic.kind].find((l) => l.id === o.level);
      return [{ topic: topic.label, level: level?.label ?? o.level, evidencePath: `${TOPIC_PAGE(topic.id)}?learned=${encodeURIComponent(o.level)}`, factorPath: RATING_PATH(topic) }];
    });
    return reply.view('journeys/completed.njk', {
      pageTitle: `Completed: ${item.resource?.title ?? 'learning'}`,
      currentSection: JOURNEY_SECTION,
      resource: resourceFacts(item.resource),
      claims,
      remaining: journey.upcoming.length,
      remainingTime: formatMinutes(journey.remainingMinutes),
      next: journey.upcoming[0] ? itemView(index, journey.upcoming[0]) : null,
    });
  });

  async function renderAlternatives(reply: FastifyReply, viewer: Viewer, itemId: string, errors: FormError[] = []) {
    const { item, alternatives } = await services.journeys.listAlternatives({ viewer, itemId });
    const { index } = assessmentFramework();
    const current = itemView(index, item);
    const currentMinutes = item.resource?.durationMinutes ?? 0;
    return reply.view('journeys/alternatives.njk', {
      pageTitle: `Alternatives to ${current.resource.title}`,
      currentSection: JOURNEY_SECTION,
      breadcrumbs: [{ text: 'Home', href: '/' }, { text: 'Your learning journey', href: JOURNEY_PAGE }],
      current,
      swapPath: ITEM_PATH(itemId, 'swap'),
      alternatives: alternatives.map(({ resource, closes }) => ({
        id: resource.id,
        resource: resourceFacts(resource),
        difference: timeDifference(resource.durationMinutes - currentMinutes),
        closes: closes.map((topicId) => index.topicById.get(topicId)?.label ?? topicId),
      })),
      ...formErrorsView(errors),
    });
  }

  app.get('/journey/items/:itemId/alternatives', async (request, reply) => {
    const viewer = requireViewer(request);
    const { itemId } = itemParams.parse(request.params);
    return renderAlternatives(reply, viewer, itemId);
  });

  app.post('/journey/items/:itemId/swap', async (request, reply) => {
    const viewer = requireViewer(request);
    const { itemId } = itemParams.parse(request.params);
    const { alternativeId } = swapForm.parse(request.body ?? {});
    if (!alternativeId) return renderAlternatives(reply.status(400), viewer, itemId, [{ field: 'alternativeId', href: '#alternativeId', text: 'Choose an alternative' }]);
    try {
      await services.journeys.swapItem({ viewer, itemId, alternativeId });
    } catch (error) {
      const errors = formErrorsFromAppError(error, { alternativeId: 'alternativeId', '': 'alternativeId' });
      if (!errors) throw error;
      return renderAlternatives(reply.status(error instanceof AppError && error.code === 'conflict' ? 409 : 400), viewer, itemId, errors);
    }
    return reply.redirect(`${JOURNEY_PAGE}?done=swapped`, 303);
  });
}

const DONE_MESSAGES = {
  planned: 'Your learning journey has been planned.',
  swapped: 'The item has been swapped and the rest of your journey re-planned around it.',
  started: 'Marked as started.',
  declined: 'Declined. Whoever sent the team’s plan has been told your reason.',
} as const;

function timeDifference(minutes: number): string {
  if (minutes === 0) return 'Same time';
  return minutes > 0 ? `${formatMinutes(minutes)} longer` : `${formatMinutes(-minutes)} shorter`;
}
