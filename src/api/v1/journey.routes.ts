import type { FastifyInstance } from 'fastify';
import type { Services } from '../../services/index.ts';
import { requireViewer } from '../../web/session.plugin.ts';
import { personParams } from './assessment.schemas.ts';
import {
  itemIdParams,
  settingsRequest,
  swapRequest,
  templateIdParams,
  templateRequest,
  templateStatusRequest,
  toGapJson,
  toItemJson,
  toJourneyJson,
  toTemplateJson,
} from './journey.schemas.ts';

/** Learning journeys (/api/v1/me/journey, /api/v1/people/{id}/journey) and journey templates. */
export function registerJourneyApi(app: FastifyInstance, { services }: { services: Services }): void {
  const { journeys, journeyTemplates: templates } = services;

  app.get('/api/v1/me/journey', async (request) => {
    const viewer = requireViewer(request);
    const view = await journeys.getJourney({ viewer, personId: viewer.personId });
    return { journey: view ? toJourneyJson(view) : null };
  });

  app.post('/api/v1/me/journey', async (request, reply) => {
    const viewer = requireViewer(request);
    const settings = settingsRequest.parse(request.body ?? {});
    const view = await journeys.generateJourney({ viewer, settings: { ...settings, excluded: [] } });
    return reply.status(201).send({ journey: toJourneyJson(view) });
  });

  app.get('/api/v1/me/learning-gaps', async (request) => {
    const viewer = requireViewer(request);
    return { gaps: (await journeys.currentGaps({ viewer, personId: viewer.personId })).map(toGapJson) };
  });

  app.get('/api/v1/people/:id/journey', async (request) => {
    const viewer = requireViewer(request);
    const { id } = personParams.parse(request.params);
    const view = await journeys.getJourney({ viewer, personId: id });
    return { journey: view ? toJourneyJson(view) : null };
  });

  app.post('/api/v1/me/journey/items/:itemId/start', async (request) => {
    const viewer = requireViewer(request);
    const { itemId } = itemIdParams.parse(request.params);
    return { journey: toJourneyJson(await journeys.startItem({ viewer, itemId })) };
  });

  app.post('/api/v1/me/journey/items/:itemId/complete', async (request) => {
    const viewer = requireViewer(request);
    const { itemId } = itemIdParams.parse(request.params);
    const { view, claimed } = await journeys.completeItem({ viewer, itemId });
    return { journey: toJourneyJson(view), claimed };
  });

  app.get('/api/v1/me/journey/items/:itemId/alternatives', async (request) => {
    const viewer = requireViewer(request);
    const { itemId } = itemIdParams.parse(request.params);
    const { item, alternatives } = await journeys.listAlternatives({ viewer, itemId });
    return {
      item: toItemJson(item),
      alternatives: alternatives.map((a) => ({ resourceId: a.resource.id, title: a.resource.title, minutes: a.resource.durationMinutes, closes: a.closes })),
    };
  });

  app.post('/api/v1/me/journey/items/:itemId/swap', async (request) => {
    const viewer = requireViewer(request);
    const { itemId } = itemIdParams.parse(request.params);
    const { alternativeId } = swapRequest.parse(request.body ?? {});
    return { journey: toJourneyJson(await journeys.swapItem({ viewer, itemId, alternativeId })) };
  });

  app.get('/api/v1/journey-templates', async (request) => {
    const list = await templates.listTemplates({ viewer: request.viewer ?? null });
    return { templates: list.map(toTemplateJson) };
  });

  app.get('/api/v1/journey-templates/:templateId', async (request) => {
    const { templateId } = templateIdParams.parse(request.params);
    return toTemplateJson(await templates.getTemplate({ viewer: request.viewer ?? null, templateId }));
  });

  app.post('/api/v1/journey-templates', async (request, reply) => {
    const viewer = requireViewer(request);
    const input = templateRequest.parse(request.body ?? {});
    return reply.status(201).send(toTemplateJson(await templates.createTemplate({ viewer, input })));
  });

  app.put('/api/v1/journey-templates/:templateId', async (request) => {
    const viewer = requireViewer(request);
    const { templateId } = templateIdParams.parse(request.params);
    const input = templateRequest.parse(request.body ?? {});
    return toTemplateJson(await templates.updateTemplate({ viewer, templateId, input }));
  });

  app.post('/api/v1/journey-templates/:templateId/status', async (request) => {
    const viewer = requireViewer(request);
    const { templateId } = templateIdParams.parse(request.params);
    const { status } = templateStatusRequest.parse(request.body ?? {});
    return toTemplateJson(await templates.setTemplateStatus({ viewer, templateId, status }));
  });
}
