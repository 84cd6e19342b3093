import type { FastifyInstance } from 'fastify';
import type { Services } from '../../services/index.ts';
import { requireViewer } from '../../web/session.plugin.ts';
import { XAPI_PREFIX } from '../../xapi/xapi.plugin.ts';
import { issueLrsKeyBody, lrsKeyParams, lrsKeysParams, toLrsKeyJson } from './lrs-keys.schemas.ts';

/** Learning record store keys as JSON (issue 16 §1): the same service and permissions as the page. */
export function registerLrsKeyApi(app: FastifyInstance, { services }: { services: Services }): void {
  const endpoint = `${services.baseUrl.replace(/\/$/, '')}${XAPI_PREFIX}`;

  app.get('/api/v1/organisations/:id/lrs-keys', async (request, reply) => {
    const viewer = requireViewer(request);
    const { id: organisationId } = lrsKeysParams.parse(request.params);
    const { organisation, keys } = await services.lrsKeys.viewKeys({ viewer, organisationId });
    return reply.header('cache-control', 'private, no-store').send({ organisation: { id: organisation.id, name: organisation.name }, endpoint, keys: keys.map(toLrsKeyJson) });
  });

  app.post('/api/v1/organisations/:id/lrs-keys', async (request, reply) => {
    const viewer = requireViewer(request);
    const { id: organisationId } = lrsKeysParams.parse(request.params);
    const { platform } = issueLrsKeyBody.parse(request.body ?? {});
    const { key, secret } = await services.lrsKeys.issueKey({ actor: { viewer }, organisationId, platform });
    return reply.status(201).header('cache-control', 'private, no-store').send({ key: toLrsKeyJson(key), secret, endpoint });
  });

  // Revoking keeps the key's record (who issued it, when it was last used); it never works again.
  app.delete('/api/v1/organisations/:id/lrs-keys/:keyId', async (request, reply) => {
    const viewer = requireViewer(request);
    const { id: organisationId, keyId } = lrsKeyParams.parse(request.params);
    const revoked = await services.lrsKeys.revokeKey({ actor: { viewer }, keyId, organisationId });
    return reply.header('cache-control', 'private, no-store').send(toLrsKeyJson(revoked));
  });
}
