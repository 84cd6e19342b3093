import type { Database } from '../../db/client.ts';
import type { ProductRepository, ProductRow, ProductVersionRow } from '../../db/product.repository.ts';
import type { ProductTrainingRepository } from '../../db/product-training.repository.ts';
import type { FrameworkIndex } from '../../domain/framework/framework-index.ts';
import { planProductModule, sectionsToReview } from '../../domain/products/index.ts';

export interface ModuleCopyForwardDeps {
  productRepository: Pick<ProductRepository, 'listVersions'>;
  trainingRepository: Pick<ProductTrainingRepository, 'listModulesOfProduct' | 'findLatestRevision' | 'insertModule'>;
  framework: () => FrameworkIndex;
}

/**
 * A new version's module starts as a copy of the last published module before it in release
 * order, as learners read it (its latest revision), with the sections the version changes marked
 * for review (issue 11). With no published module before it, the new version starts blank.
 */
export function createModuleCopyForward(deps: ModuleCopyForwardDeps) {
  return async function copyForward(tx: Database, product: ProductRow, version: ProductVersionRow, createdBy: string): Promise<void> {
    const versions = await deps.productRepository.listVersions(product.id, tx);
    const position = new Map(versions.map((v, i) => [v.id, i]));
    const at = position.get(version.id) ?? -1;
    const earlier = (await deps.trainingRepository.listModulesOfProduct(product.id, tx))
      .filter((m) => m.status === 'published' && (position.get(m.productVersionId) ?? Infinity) < at)
      .sort((a, b) => (position.get(b.productVersionId) ?? 0) - (position.get(a.productVersionId) ?? 0));
    const previous = earlier[0];
    if (!previous) return;
    const revision = await deps.trainingRepository.findLatestRevision(previous.id, tx);
    const plan = planProductModule(deps.framework(), product);
    const planned = new Set(plan.map((s) => s.requirementId));
    const content = Object.fromEntries(Object.entries((revision?.content ?? previous.sections) as Record<string, string>).filter(([id]) => planned.has(id)));
    await deps.trainingRepository.insertModule(
      {
        organisationId: product.organisationId,
        productId: product.id,
        productVersionId: version.id,
        sections: content,
        knowledgeCheck: revision?.knowledgeCheck ?? previous.knowledgeCheck,
        reviewSections: sectionsToReview(plan, version),
        copiedFromVersionId: previous.productVersionId,
        createdBy,
      },
      tx,
    );
  };
}
