import type { Database } from '../../db/client.ts';
import type { DeploymentRecord, ProductRepository } from '../../db/product.repository.ts';
import type { DEPLOYMENT_STATUSES } from '../../db/tables/products.ts';
import { inTransaction } from '../../db/transaction.ts';
import { refresherDueDate } from '../../domain/products/index.ts';
import { AppError } from '../../errors.ts';
import type { AuditLog } from '../assessment/ports.ts';
import type { Viewer } from '../identity/viewer.ts';
import type { ProductAccess } from './product-access.ts';
import type { TrainingClock } from './training-clock.ts';
import { needsTraining } from './training-clock.ts';
import type { TellUser } from './training-notices.ts';
import { DUE_DATE } from './training-notices.ts';

type DeploymentStatus = (typeof DEPLOYMENT_STATUSES)[number];

export interface DeploymentChangeDeps {
  db: Database;
  productRepository: Pick<ProductRepository, 'listVersions' | 'updateDeployment' | 'listDeploymentUsers' | 'setDueBy' | 'findDeployment'>;
  access: Pick<ProductAccess, 'managedDeployment'>;
  clock: Pick<TrainingClock, 'availableSince'>;
  tellUser: TellUser;
  audit: AuditLog;
  now: () => Date;
}

/** A deployment's status and live version, and what each change means for its users' training (R8, issue 11). */
export function createDeploymentChange(deps: DeploymentChangeDeps) {
  const repo = deps.productRepository;
  const { now, tellUser, clock } = deps;
  const managedDeployment = deps.access.managedDeployment;
  const record = (viewer: Viewer, organisationId: string, subjectId: string, action: string, detail: object, tx: Database) => deps.audit.record({ organisationId, actorId: viewer.personId, subjectId, action, detail }, tx);

  /**
   * Moves a deployment on (evaluating → piloting → live) or makes a version live. Training must
   * exist before it is owed: a change that makes training owed (piloting or live with a version)
   * is refused until the live version's module is published, unless the lead records why it
   * cannot wait; then users' clocks start when the training is published (publishModule).
   * A refresher-required version gives everyone a refresher due in the refresher days, and tells
   * them; withdrawing ends what is due (records are kept).
   */
async function changeDeployment({ viewer, deploymentId, status, liveVersionId, trainingOverrideReason }: { viewer: Viewer; deploymentId: string; status?: DeploymentStatus; liveVersionId?: string; trainingOverrideReason?: string }): Promise<DeploymentRecord> {
    const at = now();
    await inTransaction(deps.db, async (tx) => {
      const deployment = await managedDeployment(viewer, deploymentId, tx);
      if (deployment.status === 'withdrawn') throw new AppError('conflict', 'This deployment has been withdrawn.');
      const versions = await repo.listVersions(deployment.productId, tx);
      const next = liveVersionId ? versions.find((v) => v.id === liveVersionId) : undefined;
      if (liveVersionId && !next) throw new AppError('invalid', 'Choose a recorded version of this product.', [{ field: 'liveVersionId', message: 'Choose a recorded version' }]);
      const newStatus = status ?? deployment.status;
      if (newStatus === 'live' && !next && !deployment.liveVersionId) {
        throw new AppError('invalid', 'Choose the version that goes live.', [{ field: 'liveVersionId', message: 'Choose the version that goes live' }]);
      }
      const values: Parameters<ProductRepository['updateDeployment']>[1] = { status: newStatus };
      if (next) values.liveVersionId = next.id;
      if (newStatus === 'live' && deployment.status !== 'live') values.liveSince = at.toISOString().slice(0, 10);
      if (newStatus === 'withdrawn') values.withdrawnAt = at;
      const after = { ...deployment, status: newStatus, liveVersionId: next?.id ?? deployment.liveVersionId };
      const isNewlyOwed = needsTraining(after) && (after.liveVersionId !== deployment.liveVersionId || !needsTraining(deployment));
      const availableSince = isNewlyOwed ? await clock.availableSince(after, tx) : null;
      if (isNewlyOwed) values.trainingOverrideReason = availableSince === null ? requireOverride(deployment.productName, versions.find((v) => v.id === after.liveVersionId)?.label ?? '', newStatus, trainingOverrideReason) : null;
      await repo.updateDeployment(deployment.id, values, tx);
      const users = await repo.listDeploymentUsers(deployment.id, tx);
      const previousIndex = versions.findIndex((v) => v.id === deployment.liveVersionId);
      const nextIndex = next ? versions.findIndex((v) => v.id === next.id) : -1;
      const refresher = next !== undefined && previousIndex >= 0 && nextIndex > previousIndex && versions.slice(previousIndex + 1, nextIndex + 1).some((v) => v.trainingImpact === 'refresher-required');
      if (newStatus === 'withdrawn') await repo.setDueBy(users.map((u) => u.id), null, tx);
      else if (isNewlyOwed && availableSince === null) {
        // No training to take yet: nobody's clock runs until it is published, when each is told.
        await repo.setDueBy(users.map((u) => u.id), null, tx);
        if (refresher) {
          const message = `${deployment.productName} ${next.label} is live and needs a refresher. Its training is not published yet: you will be told when it is, and by when to complete it.`;
          for (const user of users) await tellUser(tx, user, `Refresher training coming: ${deployment.productName} ${next.label}`, message);
        }
      } else if (refresher) {
        const dueBy = refresherDueDate(at, deployment.refresherDays);
        await repo.setDueBy(users.map((u) => u.id), dueBy, tx);
        const message = `${deployment.productName} ${next.label} is live and needs a refresher: complete its training by ${DUE_DATE.format(dueBy)}.`;
        for (const user of users) await tellUser(tx, user, `Refresher training due: ${deployment.productName} ${next.label}`, message);
      } else if (isNewlyOwed) {
        // Anyone whose clock was waiting for training has it now.
        const waiting = users.filter((u) => u.dueBy === null).map((u) => u.id);
        await repo.setDueBy(waiting, refresherDueDate(at, deployment.refresherDays), tx);
      }
      await record(viewer, deployment.organisationId, deployment.productId, 'deployment.changed', { deploymentId: deployment.id, from: { status: deployment.status, liveVersionId: deployment.liveVersionId }, to: values, refresher }, tx);
    });
    return (await repo.findDeployment(deploymentId))!;
  }

  return { changeDeployment };
}

/**
 * The recorded reason to let training be owed before it is published, or the refusal: users would
 * be due at once with nothing to take, so a lead must publish the module first or say why not.
 */
function requireOverride(productName: string, label: string, status: DeploymentStatus, reason: string | undefined): string {
  const given = reason?.trim() ?? '';
  if (given !== '') return given;
  throw new AppError('invalid', `The training for ${productName} ${label} is not published yet.`, [
    { field: 'liveVersionId', message: `Publish the training module for ${productName} ${label} before it is ${status === 'live' ? 'live' : 'piloted'}, or give a reason to go ahead without it` },
  ]);
}
