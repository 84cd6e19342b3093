import { z } from 'zod';
import type { DeploymentRecord, DeploymentUserRecord, ProductRow, ProductVersionRow } from '../../db/product.repository.ts';
import { DEPLOYMENT_STATUSES, PRODUCT_LIFECYCLES } from '../../db/tables/products.ts';
import type { ProductDetails } from '../../services/products/product.service.ts';
import { bulkAssignInputSchema } from '../../services/products/deployment-assignment.ts';
import { deploymentInputSchema, productInputSchema, versionInputSchema } from '../../services/products/product-input.ts';

/** Schemas of the AI products API: they validate requests, shape responses and feed OpenAPI. */

export const idParams = z.object({ id: z.string().max(60) });
export const deploymentUserParams = z.object({ id: z.string().max(60), personId: z.string().max(60) });
export const productRequest = productInputSchema;
export const productUpdateRequest = productInputSchema.extend({ version: z.number().int().describe('The version you edited; a stale one is a 409.') });
export const versionRequest = versionInputSchema;
export const shareRequest = z.object({ organisationId: z.string().max(60) });
export const deploymentRequest = deploymentInputSchema;
export const deploymentChangeRequest = z.object({
  status: z.enum(DEPLOYMENT_STATUSES).optional(),
  liveVersionId: z.string().max(60).optional().describe('Make this recorded version the live one.'),
  trainingOverrideReason: z.string().max(2000).optional().describe('Why training may be owed before the live version’s module is published; without it such a change is refused. Users’ clocks still wait for the module.'),
  assuranceOverrideReason: z
    .string()
    .max(2000)
    .optional()
    .describe('Organisation admins only: why it goes live without an approved deployment review of the product for its organisation; without a review or this reason, going live is refused.'),
});
export const bulkAssignRequest = bulkAssignInputSchema;
export const bulkAssignResponse = z.object({ assigned: z.number().int(), alreadyAssigned: z.number().int() });
export const linkUserRequest = z.object({ personId: z.string().max(60).describe('Yourself, or (AI product leads) someone who works where it is deployed.') });

export const productSchema = productInputSchema.extend({
  id: z.guid(),
  organisationId: z.guid(),
  sample: z.boolean(),
  lifecycle: z.enum(PRODUCT_LIFECYCLES).describe('A candidate is being considered for purchase: no versions or deployments until registered.'),
  version: z.number().int(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export const productVersionSchema = versionInputSchema.extend({ id: z.guid(), productId: z.guid(), createdAt: z.string() });
export const deploymentSchema = z.object({
  id: z.guid(),
  product: z.object({ id: z.guid(), name: z.string() }),
  organisation: z.object({ id: z.guid(), name: z.string() }),
  status: z.enum(DEPLOYMENT_STATUSES),
  liveVersionId: z.guid().nullable(),
  refresherDays: z.number().int(),
  startedOn: z.string(),
  liveSince: z.string().nullable(),
  withdrawnAt: z.string().nullable(),
  trainingOverrideReason: z.string().nullable(),
  assuranceOverrideReason: z.string().nullable().describe('Why an organisation admin let it go live without an approved deployment review.'),
});
export const productDetailsSchema = z.object({
  product: productSchema,
  versions: z.array(productVersionSchema),
  sharedWith: z.array(z.object({ id: z.guid(), name: z.string() })),
  deployments: z.array(deploymentSchema),
  canManage: z.boolean(),
});
export const deploymentUserSchema = z.object({
  personId: z.guid(),
  displayName: z.string(),
  source: z.enum(['self', 'assigned']),
  linkedAt: z.string(),
  dueBy: z.string().nullable(),
});

export function toProductJson(p: ProductRow): z.infer<typeof productSchema> {
  // Who registered it stays in the audit trail, not in every response.
  const rest = Object.fromEntries(Object.entries(p).filter(([key]) => key !== 'createdBy' && key !== 'createdAt' && key !== 'updatedAt')) as Omit<ProductRow, 'createdBy' | 'createdAt' | 'updatedAt'>;
  return { ...rest, createdAt: p.createdAt.toISOString(), updatedAt: p.updatedAt.toISOString() };
}

export function toVersionJson(v: ProductVersionRow): z.infer<typeof productVersionSchema> {
  return { id: v.id, productId: v.productId, label: v.label, releasedOn: v.releasedOn, releaseNotes: v.releaseNotes, trainingImpact: v.trainingImpact, affectedTopics: v.affectedTopics, createdAt: v.createdAt.toISOString() };
}

export function toDeploymentJson(d: DeploymentRecord): z.infer<typeof deploymentSchema> {
  return {
    id: d.id,
    product: { id: d.productId, name: d.productName },
    organisation: { id: d.organisationId, name: d.organisationName },
    status: d.status,
    liveVersionId: d.liveVersionId,
    refresherDays: d.refresherDays,
    startedOn: d.startedOn,
    liveSince: d.liveSince,
    withdrawnAt: d.withdrawnAt?.toISOString() ?? null,
    trainingOverrideReason: d.trainingOverrideReason,
    assuranceOverrideReason: d.assuranceOverrideReason,
  };
}

export function toDetailsJson(d: ProductDetails): z.infer<typeof productDetailsSchema> {
  return {
    product: toProductJson(d.product),
    versions: d.versions.map(toVersionJson),
    sharedWith: d.shares.map((s) => ({ id: s.organisationId, name: s.organisationName })),
    deployments: d.deployments.map(toDeploymentJson),
    canManage: d.canManage,
  };
}

export function toDeploymentUserJson(u: DeploymentUserRecord): z.infer<typeof deploymentUserSchema> {
  return { personId: u.personId, displayName: u.displayName, source: u.source, linkedAt: u.linkedAt.toISOString(), dueBy: u.dueBy?.toISOString() ?? null };
}
