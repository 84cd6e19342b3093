import type { FastifyInstance } from 'fastify';
import type { Services } from '../../services/index.ts';
import { readPageNumber } from '../../web/pagination.ts';
import { requireViewer } from '../../web/session.plugin.ts';
import { activityParams, activityQuery, toActivityJson } from './activity.schemas.ts';

/** The sign-ins and account activity page as JSON, for a trust's security monitoring: the same service and permissions. */
export function registerActivityApi(app: FastifyInstance, { services }: { services: Services }): void {
  app.get('/api/v1/organisations/:id/activity', async (request, reply) => {
    const viewer = requireViewer(request);
    const { id: organisationId } = activityParams.parse(request.params);
    const { show } = activityQuery.parse(request.query);
    const view = await services.accessActivity.listActivity({ viewer, organisationId, group: show, page: readPageNumber(request.query) });
    return reply.header('cache-control', 'private, no-store').send(toActivityJson(view));
  });
}
