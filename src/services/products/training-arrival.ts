import type { Database } from '../../db/client.ts';
import type { ProductRepository } from '../../db/product.repository.ts';
import type { ProductTrainingRepository } from '../../db/product-training.repository.ts';
import { refresherDueDate, requiredVersionIdFor, trainingCurrency } from '../../domain/products/index.ts';
import { needsTraining, toProductVersion } from './training-clock.ts';
import type { TellUser } from './training-notices.ts';
import { DUE_DATE } from './training-notices.ts';
import type { InsightContributions } from '../insight/insight-contributions.ts';

export interface TrainingArrivalDeps {
  productRepository: Pick<ProductRepository, 'listVersions' | 'listDeploymentsOfProduct' | 'listDeploymentUsers' | 'setDueBy'>;
  trainingRepository: Pick<ProductTrainingRepository, 'listPassesOfPeople'>;
  tellUser: TellUser;
  /** Keeps workforce insight's training currency and Table 2 standing current, in the change's transaction. */
  contributions?: Pick<InsightContributions, 'refreshProductUse'> | undefined;
}

/**
 * When a module is published, users who were waiting for it (a version made live before its
 * training, by a recorded override) start their clocks now and are told by when it is due.
 * Only deployments whose live version this module trains for, and only users who owe it.
 */
export function createTrainingArrival(deps: TrainingArrivalDeps) {
  const products = deps.productRepository;

  return async function startWaitingClocks(tx: Database, published: { productId: string; productVersionId: string; versionLabel: string; at: Date }): Promise<number> {
    const versions = (await products.listVersions(published.productId, tx)).map(toProductVersion);
    const position = new Map(versions.map((v, i) => [v.id, i]));
    const at = position.get(published.productVersionId) ?? -1;
    let started = 0;
    for (const deployment of await products.listDeploymentsOfProduct(published.productId, tx)) {
      if (!needsTraining(deployment) || deployment.liveVersionId === null) continue;
      const from = position.get(requiredVersionIdFor(versions, deployment.liveVersionId) ?? '') ?? Infinity;
      if (at < from || at > (position.get(deployment.liveVersionId) ?? -1)) continue;
      const waiting = (await products.listDeploymentUsers(deployment.id, tx)).filter((u) => u.dueBy === null);
      if (waiting.length === 0) continue;
      const passes = await deps.trainingRepository.listPassesOfPeople(waiting.map((u) => u.personId), published.productId, tx);
      const owing = waiting.filter((u) => trainingCurrency({ versions, deployment, passes: passes.filter((p) => p.personId === u.personId), dueBy: null, now: published.at }).status !== 'current');
      const dueBy = refresherDueDate(published.at, deployment.refresherDays);
      await products.setDueBy(owing.map((u) => u.id), dueBy, tx);
      await deps.contributions?.refreshProductUse(tx, owing.map((u) => u.personId));
      const message = `The training for ${deployment.productName} ${published.versionLabel} is now published: complete it by ${DUE_DATE.format(dueBy)}.`;
      for (const user of owing) await deps.tellUser(tx, user, `Training ready: ${deployment.productName} ${published.versionLabel}`, message);
      started += owing.length;
    }
    return started;
  };
}
