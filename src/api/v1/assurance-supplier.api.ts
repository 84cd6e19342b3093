import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import type { SupplierLinkRecord } from '../../db/assurance-supplier.repository.ts';
import type { Services } from '../../services/index.ts';
import { requireViewer } from '../../web/session.plugin.ts';
import { body, common, csrfHeader, hidden, input, json, output, problem, ref, signedIn, uuidPathParam } from '../openapi-parts.ts';

/** The lead's supplier links over the API (issue 12, part 2): the same services and permissions as the pages. */

const reviewParams = z.object({ id: z.string().max(60) });
const linkParams = reviewParams.extend({ linkId: z.string().max(60) });

export const supplierLinkRequest = z.object({
  expiryDays: z.number().int().min(1).max(90).optional().describe('Days the link works, 30 when left out.'),
  supplierName: z.string().max(200).optional(),
  contactEmail: z.email().optional().describe('The hub emails the link here when given.'),
});

const supplierLinkSchema = z.object({
  id: z.guid(),
  supplierName: z.string(),
  contactEmail: z.string().nullable(),
  createdBy: z.object({ id: z.guid(), name: z.string() }),
  createdAt: z.string(),
  expiresAt: z.string(),
  revokedAt: z.string().nullable(),
  submittedAt: z.string().nullable(),
});

const createdSchema = z.object({ id: z.guid(), url: z.string().describe('The link, shown this once: only its hash is kept.'), expiresAt: z.string(), emailed: z.boolean() });

const toLinkJson = (l: SupplierLinkRecord): z.infer<typeof supplierLinkSchema> => ({
  id: l.id,
  supplierName: l.supplierName,
  contactEmail: l.contactEmail,
  createdBy: { id: l.createdBy, name: l.createdByName },
  createdAt: l.createdAt.toISOString(),
  expiresAt: l.expiresAt.toISOString(),
  revokedAt: l.revokedAt?.toISOString() ?? null,
  submittedAt: l.submittedAt?.toISOString() ?? null,
});

export function registerSupplierLinkApi(app: FastifyInstance, { services }: { services: Services }): void {
  const links = services.assuranceSupplier.links;

  app.get('/api/v1/assurance/reviews/:id/supplier-links', async (request) => {
    const { links: rows } = await links.listSupplierLinks({ viewer: requireViewer(request), reviewId: reviewParams.parse(request.params).id });
    return { links: rows.map(toLinkJson) };
  });

  app.post('/api/v1/assurance/reviews/:id/supplier-links', async (request, reply) => {
    const created = await links.createSupplierLink({ viewer: requireViewer(request), reviewId: reviewParams.parse(request.params).id, input: request.body ?? {} });
    return reply.status(201).header('cache-control', 'no-store').send({ id: created.link, url: created.url, expiresAt: created.expiresAt.toISOString(), emailed: created.emailed });
  });

  app.post('/api/v1/assurance/reviews/:id/supplier-links/:linkId/revoke', async (request, reply) => {
    const { id, linkId } = linkParams.parse(request.params);
    await links.revokeSupplierLink({ viewer: requireViewer(request), reviewId: id, linkId });
    return reply.status(204).send();
  });
}

const reviewId = uuidPathParam('id', 'An assurance review id');
const unsafe = { '403': problem('Missing or invalid CSRF token, or not the review’s lead or an organisation admin') };

export const supplierLinkOpenApi = {
  paths: {
    '/api/v1/assurance/reviews/{id}/supplier-links': {
      get: { summary: 'The links sent to the review’s supplier, newest first, never the links themselves (its lead and organisation admins)', ...signedIn, parameters: [reviewId], responses: { '200': json('Links', { type: 'object', properties: { links: { type: 'array', items: ref('AssuranceSupplierLink') } } }), ...common, ...unsafe, '404': hidden } },
      post: {
        summary: 'Create a link the supplier answers through without an account; the review goes to the supplier. The link is in this answer only.',
        ...signedIn,
        parameters: [reviewId, csrfHeader()],
        requestBody: body(input(supplierLinkRequest)),
        responses: { '201': json('Created', output(createdSchema)), ...common, ...unsafe, '404': hidden, '409': problem('The review is decided') },
      },
    },
    '/api/v1/assurance/reviews/{id}/supplier-links/{linkId}/revoke': {
      post: { summary: 'Revoke a link: it no longer opens the questionnaire', ...signedIn, parameters: [reviewId, uuidPathParam('linkId', 'A supplier link id'), csrfHeader()], responses: { '204': { description: 'Revoked' }, ...common, ...unsafe, '404': hidden } },
    },
  },
  schemas: { AssuranceSupplierLink: output(supplierLinkSchema) },
};
