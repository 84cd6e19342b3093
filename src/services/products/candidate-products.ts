import type { Database } from '../../db/client.ts';
import type { PeopleRepository } from '../../db/people.repository.ts';
import type { ProductRepository, ProductRow } from '../../db/product.repository.ts';
import { inTransaction } from '../../db/transaction.ts';
import { AppError } from '../../errors.ts';
import type { AuditLog } from '../assessment/ports.ts';
import type { Viewer } from '../identity/viewer.ts';
import type { ProductAccess } from './product-access.ts';
import { parseInput, productInputSchema } from './product-input.ts';

export interface CandidateProductDeps {
  db: Database;
  productRepository: Pick<ProductRepository, 'insertProduct' | 'updateProduct'>;
  peopleRepository: Pick<PeopleRepository, 'getProfile'>;
  audit: AuditLog;
  access: ProductAccess;
}

/**
 * Products considered for purchase (issue 12): a Driver running a procurement review records the
 * product as a candidate, with no versions or deployments, and a product lead registers it once
 * it is bought. Drivers may record candidates because leading procurement reviews is their part
 * (Table A3); registering stays with the platform role, as for any product.
 */
export function createCandidateProducts(deps: CandidateProductDeps) {
  async function mayRecordCandidate(viewer: Viewer): Promise<boolean> {
    if (deps.access.isManager(viewer) || viewer.roles.includes('platform-admin')) return true;
    return ((await deps.peopleRepository.getProfile(viewer.personId))?.archetypes ?? []).includes('driver');
  }

  return {
    mayRecordCandidate,

    async recordCandidate({ viewer, input }: { viewer: Viewer; input: unknown }): Promise<ProductRow> {
      if (!(await mayRecordCandidate(viewer))) throw new AppError('forbidden', 'Only Drivers, AI product leads and organisation admins can record candidate products.');
      const values = parseInput(productInputSchema, input, 'The candidate product has problems.');
      return inTransaction(deps.db, async (tx) => {
        const product = await deps.productRepository.insertProduct({ ...values, lifecycle: 'candidate', organisationId: viewer.organisationId, createdBy: viewer.personId }, tx);
        await deps.audit.record({ organisationId: product.organisationId, actorId: viewer.personId, subjectId: product.id, action: 'product.candidate-recorded', detail: { name: product.name } }, tx);
        return product;
      });
    },

    /** A candidate becomes a registered product (it was bought), so versions and deployments can be recorded. */
    async registerCandidate({ viewer, id, version }: { viewer: Viewer; id: string; version: number }): Promise<ProductRow> {
      const product = await deps.access.managedProduct(viewer, id);
      if (product.lifecycle !== 'candidate') throw new AppError('conflict', `${product.name} is already registered.`);
      return inTransaction(deps.db, async (tx) => {
        const updated = await deps.productRepository.updateProduct(product.id, version, { lifecycle: 'registered' }, tx);
        if (!updated) throw new AppError('conflict', 'Someone else changed this product while you were looking at it. Check their changes, then try again.');
        await deps.audit.record({ organisationId: product.organisationId, actorId: viewer.personId, subjectId: product.id, action: 'product.candidate-registered', detail: { name: product.name } }, tx);
        return updated;
      });
    },
  };
}

/** Versions and deployments wait until a candidate is registered (bought). */
export function assertRegistered(product: ProductRow, what: string): void {
  if (product.lifecycle === 'candidate') {
    throw new AppError('invalid', `${product.name} is a candidate product. Register it before you record ${what}.`, [{ field: '', message: `Register ${product.name} before you record ${what}` }]);
  }
}
