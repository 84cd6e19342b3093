import type { FastifyInstance } from 'fastify';
import type { Services } from '../../services/index.ts';
import { requireViewer } from '../../web/session.plugin.ts';
import { credentialIdParams, organisationIdParams, revokeRequest, rotateKeyRequest, toCredentialSummaryJson, withdrawKeyRequest } from './credentials.schemas.ts';
import { PUBLIC_VERIFY_RATE_LIMIT } from '../../web/public-rate-limits.ts';

/** Largest credential the public verifier reads: one credential is a few kilobytes. */
const VERIFY_BODY_LIMIT = 256 * 1024;

/** Open Badges credentials: a learner's own (list, download), the public verifier, revocation and key rotation. */
export function registerCredentialsApi(app: FastifyInstance, { services }: { services: Services }): void {
  const credentials = services.credentials;

  app.get('/api/v1/me/credentials', async (request) => {
    const viewer = requireViewer(request);
    return { credentials: (await credentials.learnerCredentials.listMyCredentials({ viewer })).map(toCredentialSummaryJson) };
  });

  app.get('/api/v1/me/credentials/:id', async (request, reply) => {
    const viewer = requireViewer(request);
    const { id } = credentialIdParams.parse(request.params);
    const file = await credentials.learnerCredentials.getMyCredentialFile({ viewer, credentialId: id });
    return reply
      .type('application/json; charset=utf-8')
      .header('content-disposition', `attachment; filename="${file.filename}"`)
      .header('cache-control', 'private, no-store')
      .send(file.content);
  });

  // Public: anyone holding a credential may check it, signed in or not.
  app.post('/api/v1/credentials/verify', { bodyLimit: VERIFY_BODY_LIMIT, ...PUBLIC_VERIFY_RATE_LIMIT }, async (request) => credentials.verifyPresentedCredential(request.body));

  app.post('/api/v1/credentials/:id/revoke', async (request) => {
    const viewer = requireViewer(request);
    const { id } = credentialIdParams.parse(request.params);
    const { reason } = revokeRequest.parse(request.body ?? {});
    return toCredentialSummaryJson(await credentials.learnerCredentials.revokeCredential({ viewer, credentialId: id, reason }));
  });

  app.post('/api/v1/organisations/:id/issuer-key/rotate', async (request) => {
    const viewer = requireViewer(request);
    const { id } = organisationIdParams.parse(request.params);
    const { compromised } = rotateKeyRequest.parse(request.body ?? {});
    const key = await credentials.issuerAdmin.rotateIssuerKey({ viewer, organisationId: id, compromised });
    return { verificationMethodId: key.verificationMethodId, createdAt: key.createdAt.toISOString() };
  });

  app.post('/api/v1/organisations/:id/issuer-key/withdraw', async (request, reply) => {
    const viewer = requireViewer(request);
    const { id } = organisationIdParams.parse(request.params);
    const { verificationMethodId } = withdrawKeyRequest.parse(request.body ?? {});
    await credentials.issuerAdmin.withdrawKey({ viewer, organisationId: id, verificationMethodId });
    return reply.status(204).send();
  });
}
