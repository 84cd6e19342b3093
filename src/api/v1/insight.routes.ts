import type { FastifyInstance } from 'fastify';
import type { Services } from '../../services/index.ts';
import { requireViewer } from '../../web/session.plugin.ts';
import { INSIGHT_VIEW_REGISTRY, insightQuery, organisationParams } from '../../web/insight/insight-views.registry.ts';
import { INSIGHT_PATHS, INSIGHT_VIEWS } from '../../web/insight/insight.paths.ts';

/** Workforce insight as JSON (issue 14 §1): the same services, permissions and disclosure control as the pages. */
export function registerInsightApi(app: FastifyInstance, { services }: { services: Services }): void {
  app.get('/api/v1/insight/organisations', async (request, reply) => {
    const viewer = requireViewer(request);
    const roots = await services.insight.listInsightRoots({ viewer });
    return reply.header('cache-control', 'private, no-store').send({ organisations: roots.map((r) => ({ ...r, href: INSIGHT_PATHS.api(r.id, 'overview') })) });
  });

  for (const view of INSIGHT_VIEWS) {
    app.get(INSIGHT_PATHS.api(':organisationId', view), async (request, reply) => {
      const viewer = requireViewer(request);
      const { organisationId } = organisationParams.parse(request.params);
      const data = await INSIGHT_VIEW_REGISTRY[view].load(services, viewer, organisationId, insightQuery.parse(request.query));
      return reply.header('cache-control', 'private, no-store').send(data);
    });
  }
}
