import type { FastifyInstance } from 'fastify';
import type { Services } from '../../services/index.ts';
import { requireViewer } from '../../web/session.plugin.ts';
import {
  exportQuery,
  importRequest,
  resourceIdParams,
  resourceListQuery,
  resourceRequest,
  resourceUpdateRequest,
  retireRequest,
  statusChangeRequest,
  toCurationGapJson,
  toResourceDetailsJson,
  toResourceFilter,
  toResourceJson,
  toRevisionJson,
} from './catalogue.schemas.ts';

/** The largest import file, as a JSON string: about ten times the demo catalogue's CSV. */
const IMPORT_BODY_LIMIT = 12 * 1024 * 1024;

/** The learning catalogue: /api/v1/resources and /api/v1/curation-gaps. Reading needs no sign-in. */
export function registerCatalogueApi(app: FastifyInstance, { services }: { services: Services }): void {
  const { catalogue } = services;

  app.get('/api/v1/resources', async (request) => {
    const filter = toResourceFilter(resourceListQuery.parse(request.query));
    const page = await catalogue.listResources({ viewer: request.viewer, filter });
    return { ...page, items: page.items.map(toResourceJson) };
  });

  app.get('/api/v1/resources/export', async (request, reply) => {
    const { format } = exportQuery.parse(request.query);
    const file = await catalogue.exportResources({ viewer: request.viewer, format });
    return reply.type(file.contentType).header('content-disposition', `attachment; filename="${file.filename}"`).send(file.body);
  });

  app.post('/api/v1/resources/import', { bodyLimit: IMPORT_BODY_LIMIT }, async (request) => {
    const viewer = requireViewer(request);
    return catalogue.importResources({ viewer, ...importRequest.parse(request.body ?? {}) });
  });

  app.get('/api/v1/resources/:id', async (request) => {
    const { id } = resourceIdParams.parse(request.params);
    return toResourceDetailsJson(await catalogue.getResource({ viewer: request.viewer, id }));
  });

  app.post('/api/v1/resources', async (request, reply) => {
    const viewer = requireViewer(request);
    const created = await catalogue.createResource({ viewer, input: resourceRequest.parse(request.body ?? {}) });
    return reply.status(201).header('location', `/api/v1/resources/${created.id}`).send(toResourceJson(created));
  });

  app.put('/api/v1/resources/:id', async (request) => {
    const viewer = requireViewer(request);
    const { id } = resourceIdParams.parse(request.params);
    const { version, ...input } = resourceUpdateRequest.parse(request.body ?? {});
    return toResourceJson(await catalogue.updateResource({ viewer, id, version, input }));
  });

  app.post('/api/v1/resources/:id/retire', async (request) => {
    const viewer = requireViewer(request);
    const { id } = resourceIdParams.parse(request.params);
    const { version, reason } = retireRequest.parse(request.body ?? {});
    return toResourceJson(await catalogue.retireResource({ viewer, id, version, reason }));
  });

  const statusChanges = { publish: catalogue.publishResource, restore: catalogue.restoreResource };
  for (const [action, change] of Object.entries(statusChanges)) {
    app.post(`/api/v1/resources/:id/${action}`, async (request) => {
      const viewer = requireViewer(request);
      const { id } = resourceIdParams.parse(request.params);
      const { version } = statusChangeRequest.parse(request.body ?? {});
      return toResourceJson(await change({ viewer, id, version }));
    });
  }

  app.get('/api/v1/resources/:id/revisions', async (request) => {
    const viewer = requireViewer(request);
    const { id } = resourceIdParams.parse(request.params);
    return { revisions: (await catalogue.listRevisions({ viewer, id })).map(toRevisionJson) };
  });

  app.get('/api/v1/curation-gaps', async (request) => {
    const viewer = requireViewer(request);
    return { gaps: (await catalogue.curationGaps({ viewer })).map(toCurationGapJson) };
  });
}
