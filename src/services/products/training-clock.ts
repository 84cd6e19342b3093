import type { Database } from '../../db/client.ts';
import type { DeploymentRow, ProductRepository, ProductVersionRow } from '../../db/product.repository.ts';
import type { ProductTrainingRepository } from '../../db/product-training.repository.ts';
import { refresherDueDate, trainingAvailableSince, trainingClockStart } from '../../domain/products/index.ts';
import type { ProductVersion } from '../../domain/products/index.ts';

/**
 * When each user of a deployment owes training by (issue 11): the clock never starts before the
 * training for the live version is published, so nobody is made due for training they cannot take.
 */

const NEEDS_TRAINING: ReadonlySet<string> = new Set(['piloting', 'live']);

export interface TrainingClockDeps {
  productRepository: Pick<ProductRepository, 'listVersions'>;
  trainingRepository: Pick<ProductTrainingRepository, 'listModulesOfProduct'>;
}

export type DeploymentTrainingState = Pick<DeploymentRow, 'productId' | 'status' | 'liveVersionId' | 'refresherDays'>;

export const needsTraining = (d: Pick<DeploymentRow, 'status' | 'liveVersionId'>): boolean => NEEDS_TRAINING.has(d.status) && d.liveVersionId !== null;

export function toProductVersion(v: ProductVersionRow): ProductVersion {
  return { id: v.id, label: v.label, releasedOn: v.releasedOn, trainingImpact: v.trainingImpact, releaseNotes: v.releaseNotes, affectedTopics: v.affectedTopics };
}

export function createTrainingClock(deps: TrainingClockDeps) {
  /** When training for the deployment's live version could first be taken; null while there is none. */
  async function availableSince(deployment: Pick<DeploymentRow, 'productId' | 'liveVersionId'>, tx?: Database): Promise<Date | null> {
    if (deployment.liveVersionId === null) return null;
    const [versions, modules] = await Promise.all([deps.productRepository.listVersions(deployment.productId, tx), deps.trainingRepository.listModulesOfProduct(deployment.productId, tx)]);
    return trainingAvailableSince(versions.map(toProductVersion), deployment.liveVersionId, modules);
  }

  /**
   * The due date for someone who starts to owe training at `owedSince`: a deployment that does not
   * need training yet keeps the old rule (due in the refresher days from linking); one that does
   * waits for published training, and null says the clock has not started.
   */
  async function dueByFor(deployment: DeploymentTrainingState, owedSince: Date, tx?: Database): Promise<Date | null> {
    if (!needsTraining(deployment)) return refresherDueDate(owedSince, deployment.refresherDays);
    const start = trainingClockStart(owedSince, await availableSince(deployment, tx));
    return start === null ? null : refresherDueDate(start, deployment.refresherDays);
  }

  return { availableSince, dueByFor };
}

export type TrainingClock = ReturnType<typeof createTrainingClock>;
