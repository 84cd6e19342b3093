import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { CASE_API_PATH, isCaseUuid } from '../../domain/case/case-ids.ts';
import {
  findCfAssociation,
  findCfDocument,
  findCfItem,
  findCfItemAssociations,
  findCfItemType,
  findCfPackage,
  imsxStatus,
  listCfDocuments,
} from '../../domain/case/case-provider.ts';
import type { Services } from '../../services/index.ts';

const idParams = z.object({ sourcedId: z.string().max(100) });

/**
 * A read-only 1EdTech CASE 1.0 provider over every framework in the hub. Our own frameworks are
 * exported on demand (and kept); imported CASE packages are served as they were published.
 */
export async function registerCaseProvider(app: FastifyInstance, { services }: { services: Services }): Promise<void> {
  const packages = () => services.catalog.list().map((entry) => services.catalog.casePackageOf(entry));
  const baseUrl = services.baseUrl;

  const lookup = <T>(collection: string, find: (id: string) => T | undefined) =>
    app.get(`${CASE_API_PATH}/${collection}/:sourcedId`, async (request, reply) => {
      const { sourcedId } = idParams.parse(request.params);
      if (!isCaseUuid(sourcedId)) {
        return reply.status(404).send(imsxStatus('invalid_uuid', `${sourcedId} is not a UUID.`));
      }
      const found = find(sourcedId);
      if (found === undefined) {
        return reply.status(404).send(imsxStatus('unknownobject', `No ${collection} object has the identifier ${sourcedId}.`));
      }
      return found;
    });

  app.get(`${CASE_API_PATH}/CFDocuments`, async () => listCfDocuments(packages(), { baseUrl }));
  lookup('CFDocuments', (id) => findCfDocument(packages(), id, { baseUrl }));
  lookup('CFPackages', (id) => findCfPackage(packages(), id));
  lookup('CFItems', (id) => findCfItem(packages(), id));
  lookup('CFItemAssociations', (id) => findCfItemAssociations(packages(), id));
  lookup('CFAssociations', (id) => findCfAssociation(packages(), id));
  lookup('CFItemTypes', (id) => findCfItemType(packages(), id));
}
