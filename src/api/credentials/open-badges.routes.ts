import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import type { Services } from '../../services/index.ts';

/** Where the hub publishes its Open Badges issuers: `<base>/ob/issuers/<organisation id>`. */
export const ISSUER_ROUTE = '/ob/issuers/:organisationId';

const issuerParams = z.object({ organisationId: z.string().uuid() });
const statusParams = z.object({ organisationId: z.string().uuid(), list: z.coerce.number().int().min(1).max(999_999) });
const notFound = { error: 'not_found', message: 'There is no such document.' };

/**
 * Public, unauthenticated documents that verifiers of the hub's credentials dereference: each
 * issuer's Profile, which is also the controller document listing its keys (a key's id is this
 * URL with `#<publicKeyMultibase>`, so fetching the document finds every key).
 */
export async function registerOpenBadgesPublisher(app: FastifyInstance, { services }: { services: Services }): Promise<void> {
  app.get(ISSUER_ROUTE, async (request, reply) => {
    const parsed = issuerParams.safeParse(request.params);
    const document = parsed.success ? await services.credentials.issuers.controllerDocument(parsed.data.organisationId) : null;
    if (!document) return reply.status(404).type('application/json').send({ error: 'not_found', message: 'There is no such issuer.' });
    return reply.header('cache-control', 'public, max-age=300').type('application/ld+json').send(JSON.stringify(document));
  });

  // Achievement ids are URLs under /ob/achievements/: each answers with the Achievement it names.
  app.get('/ob/achievements/*', async (request, reply) => {
    const path = request.url.split('?')[0] ?? '';
    const document = path.length <= 600 ? await services.credentials.achievementDocument(`${services.baseUrl.replace(/\/+$/, '')}${path}`) : null;
    if (!document) return reply.status(404).type('application/json').send(notFound);
    return reply.header('cache-control', 'public, max-age=300').type('application/ld+json').send(JSON.stringify(document));
  });

  // A revocation list, signed afresh from the database on each request: a revocation shows at once.
  app.get('/ob/status/:organisationId/:list', async (request, reply) => {
    const parsed = statusParams.safeParse(request.params);
    const document = parsed.success ? await services.credentials.statusLists.statusListCredential(parsed.data.organisationId, parsed.data.list) : null;
    if (!document) return reply.status(404).type('application/json').send(notFound);
    return reply.header('cache-control', 'no-cache').type('application/ld+json').send(JSON.stringify(document));
  });
}
