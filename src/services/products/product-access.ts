import { validate as isUuid } from 'uuid';
import type { Database } from '../../db/client.ts';
import type { OrganisationRepository } from '../../db/organisation.repository.ts';
import type { DeploymentRecord, ProductRepository, ProductRow } from '../../db/product.repository.ts';
import { AppError } from '../../errors.ts';
import { hasRole } from '../identity/viewer.ts';
import type { Viewer } from '../identity/viewer.ts';

export interface ProductAccessDeps {
  productRepository: Pick<ProductRepository, 'findProduct' | 'listShares' | 'findDeployment'>;
  organisationRepository: Pick<OrganisationRepository, 'isWithinSubtree' | 'listAncestry'>;
}

export const productNotFound = () => new AppError('not_found', 'There is no such AI product, or you cannot see it.');
export const deploymentNotFound = () => new AppError('not_found', 'There is no such deployment, or you cannot see it.');

/**
 * Who may see and manage an AI product, the same rule as the product service: AI product leads
 * and organisation admins manage within their organisation's subtree (platform admins anywhere);
 * staff see the products of the organisations they work in or under, and those shared with them.
 */
export function createProductAccess(deps: ProductAccessDeps) {
  const organisations = deps.organisationRepository;
  const isManager = (viewer: Viewer) => hasRole(viewer, 'product-lead') || hasRole(viewer, 'organisation-admin');

  async function mayManageIn(viewer: Viewer, organisationId: string, tx?: Database): Promise<boolean> {
    if (viewer.roles.includes('platform-admin')) return true;
    return isManager(viewer) && organisations.isWithinSubtree(viewer.organisationId, organisationId, tx);
  }

  async function canSee(viewer: Viewer, product: ProductRow): Promise<boolean> {
    if (await mayManageIn(viewer, product.organisationId)) return true;
    const ancestry = new Set((await organisations.listAncestry(viewer.organisationId)).map((o) => o.id));
    if (ancestry.has(product.organisationId)) return true;
    return (await deps.productRepository.listShares(product.id)).some((s) => ancestry.has(s.organisationId));
  }

  async function visibleProduct(viewer: Viewer, id: string): Promise<ProductRow> {
    const product = isUuid(id) ? await deps.productRepository.findProduct(id) : undefined;
    if (!product || !(await canSee(viewer, product))) throw productNotFound();
    return product;
  }

  async function managedProduct(viewer: Viewer, id: string): Promise<ProductRow> {
    const product = await visibleProduct(viewer, id);
    if (!(await mayManageIn(viewer, product.organisationId))) throw new AppError('forbidden', 'Only an AI product lead or admin of the organisation that owns this product can change it.');
    return product;
  }

  /** A deployment the viewer may change: managers of the organisation it is deployed in; not found for anyone else. */
  async function managedDeployment(viewer: Viewer, id: string, tx?: Database): Promise<DeploymentRecord> {
    const deployment = isUuid(id) ? await deps.productRepository.findDeployment(id, tx) : undefined;
    if (!deployment || !(await mayManageIn(viewer, deployment.organisationId, tx))) throw deploymentNotFound();
    return deployment;
  }

  return { isManager, mayManageIn, canSee, visibleProduct, managedProduct, managedDeployment };
}

export type ProductAccess = ReturnType<typeof createProductAccess>;
