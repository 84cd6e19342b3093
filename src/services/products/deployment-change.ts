import type { Database } from '../../db/client.ts';
import type { DeploymentRecord, ProductRepository } from '../../db/product.repository.ts';
import type { DEPLOYMENT_STATUSES } from '../../db/tables/products.ts';
import { inTransaction } from '../../db/transaction.ts';
import { refresherDueDate } from '../../domain/products/index.ts';
import { AppError } from '../../errors.ts';
import type { AuditLog } from '../assessment/ports.ts';
import { hasRole } from '../identity/viewer.ts';
import type { Viewer } from '../identity/viewer.ts';
import type { ProductAccess } from './product-access.ts';
import type { InsightContributions } from '../insight/insight-contributions.ts';
import type { TrainingClock } from './training-clock.ts';
import { needsTraining } from './training-clock.ts';
import type { TellUser } from './training-notices.ts';
import { DUE_DATE } from './training-notices.ts';

type DeploymentStatus = (typeof DEPLOYMENT_STATUSES)[number];

export interface DeploymentChangeDeps {
  db: Database;
  productRepository: Pick<ProductRepository, 'listVersions' | 'updateDeployment' | 'listDeploymentUsers' | 'setDueBy' | 'findDeployment' | 'findApprovedDeploymentReview'>;
  access: Pick<ProductAccess, 'managedDeployment'>;
  clock: Pick<TrainingClock, 'availableSince'>;
  tellUser: TellUser;
  audit: AuditLog;
  now: () => Date;
  /** Keeps workforce insight's training currency and Table 2 standing current, in the change's transaction. */
  contributions?: Pick<InsightContributions, 'refreshProductUse'> | undefined;
}

/** A deployment's status and live version, and what each change means for its users' training (R8, issue 11). */
export function createDeploymentChange(deps: DeploymentChangeDeps) {
  const repo = deps.productRepository;
  const { now, tellUser, clock } = deps;
  const managedDeployment = deps.access.managedDeployment;
  const record = (viewer: Viewer, organisationId: string, subjectId: string, action: string, detail: object, tx: Database) => deps.audit.record({ organisationId, actorId: viewer.personId, subjectId, action, detail }, tx);

  /** What a change means for the deployment's users: the dates they owe training by, and what they are told. */
  type UsersOutcome = 'withdrawn' | 'awaiting-training' | 'awaiting-refresher' | 'refresher' | 'clock-started' | 'unchanged';

  async function updateUsers(tx: Database, deployment: DeploymentRecord, outcome: UsersOutcome, label: string, at: Date): Promise<void> {
    if (outcome === 'unchanged') return;
    const users = await repo.listDeploymentUsers(deployment.id, tx);
    const ids = users.map((u) => u.id);
    const name = `${deployment.productName} ${label}`;
    if (outcome === 'withdrawn') await repo.setDueBy(ids, null, tx);
    else if (outcome === 'awaiting-training' || outcome === 'awaiting-refresher') {
      // No training to take yet: nobody's clock runs until it is published, when each is told (training-arrival.ts).
      await repo.setDueBy(ids, null, tx);
      if (outcome === 'awaiting-refresher') {
        const message = `${name} is live and needs a refresher. Its training is not published yet: you will be told when it is, and by when to complete it.`;
        for (const user of users) await tellUser(tx, user, `Refresher training coming: ${name}`, message);
      }
    } else if (outcome === 'refresher') {
      const dueBy = refresherDueDate(at, deployment.refresherDays);
      await repo.setDueBy(ids, dueBy, tx);
      for (const user of users) await tellUser(tx, user, `Refresher training due: ${name}`, `${name} is live and needs a refresher: complete its training by ${DUE_DATE.format(dueBy)}.`);
    } else {
      // Anyone whose clock was waiting for training has it now.
      await repo.setDueBy(users.filter((u) => u.dueBy === null).map((u) => u.id), refresherDueDate(at, deployment.refresherDays), tx);
    }
  }

  /** Whether the versions from the one in use up to the next include one that needs a refresher. */
  function isRefresher(versions: ReadonlyArray<{ id: string; trainingImpact: string }>, fromId: string | null, toId: string | undefined): boolean {
    const from = versions.findIndex((v) => v.id === fromId);
    const to = versions.findIndex((v) => v.id === toId);
    return toId !== undefined && from >= 0 && to > from && versions.slice(from + 1, to + 1).some((v) => v.trainingImpact === 'refresher-required');
  }

  /**
   * Moves a deployment on (evaluating → piloting → live) or makes a version live. Training must
   * exist before it is owed: a change that makes training owed (piloting or live with a version)
   * is refused until the live version's module is published, unless the lead records why it
   * cannot wait; then users' clocks start when the training is published (publishModule).
   * A refresher-required version gives everyone a refresher due in the refresher days, and tells
   * them; withdrawing ends what is due (records are kept).
   */
  /**
   * Going live needs an approved deployment review of the product for the deployment's
   * organisation (issue 12), or an organisation admin's recorded reason to go ahead without one.
   */
  async function assuranceGate(viewer: Viewer, deployment: DeploymentRecord, reason: string | undefined, at: Date, tx: Database): Promise<Parameters<ProductRepository['updateDeployment']>[1]> {
    if (await repo.findApprovedDeploymentReview(deployment.productId, deployment.organisationId, tx)) return { assuranceOverrideReason: null, assuranceOverrideBy: null, assuranceOverrideAt: null };
    const given = reason?.trim() ?? '';
    const where = `${deployment.productName} has no approved deployment review for ${deployment.organisationName}`;
    if (given === '') {
      const message = hasRole(viewer, 'organisation-admin') ? 'Approve its deployment review first, or give the reason it must go live without one' : 'Approve its deployment review first. Only an organisation admin can let it go live without one';
      throw new AppError('invalid', `${where}.`, [{ field: 'assuranceOverrideReason', message: `${where}. ${message}` }]);
    }
    if (!hasRole(viewer, 'organisation-admin')) throw new AppError('forbidden', `${where}. Only an organisation admin can let it go live without one.`);
    return { assuranceOverrideReason: given, assuranceOverrideBy: viewer.personId, assuranceOverrideAt: at };
  }

  async function changeDeployment({
    viewer,
    deploymentId,
    status,
    liveVersionId,
    trainingOverrideReason,
    assuranceOverrideReason,
  }: {
    viewer: Viewer;
    deploymentId: string;
    status?: DeploymentStatus;
    liveVersionId?: string;
    trainingOverrideReason?: string;
    assuranceOverrideReason?: string;
  }): Promise<DeploymentRecord> {
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
      // Both gates are checked before either refuses, so the lead hears of everything missing at once.
      const refusals: AppError[] = [];
      const unlessRefused = async <T>(gate: () => T | Promise<T>): Promise<T | undefined> => {
        try {
          return await gate();
        } catch (error) {
          if (!(error instanceof AppError && error.code === 'invalid')) throw error;
          refusals.push(error);
          return undefined;
        }
      };
      if (next) values.liveVersionId = next.id;
      if (newStatus === 'live' && deployment.status !== 'live') {
        values.liveSince = at.toISOString().slice(0, 10);
        Object.assign(values, await unlessRefused(() => assuranceGate(viewer, deployment, assuranceOverrideReason, at, tx)));
      }
      if (newStatus === 'withdrawn') values.withdrawnAt = at;
      const after = { ...deployment, status: newStatus, liveVersionId: next?.id ?? deployment.liveVersionId };
      const isNewlyOwed = needsTraining(after) && (after.liveVersionId !== deployment.liveVersionId || !needsTraining(deployment));
      const isAwaiting = isNewlyOwed && (await clock.availableSince(after, tx)) === null;
      const label = versions.find((v) => v.id === after.liveVersionId)?.label ?? '';
      if (isNewlyOwed) values.trainingOverrideReason = isAwaiting ? ((await unlessRefused(() => requireOverride(deployment.productName, label, newStatus, trainingOverrideReason))) ?? null) : null;
      if (refusals.length > 0) throw new AppError('invalid', refusals.map((r) => r.message).join(' '), refusals.flatMap((r) => r.details));
      await repo.updateDeployment(deployment.id, values, tx);
      const refresher = isRefresher(versions, deployment.liveVersionId, next?.id);
      const outcome: UsersOutcome = newStatus === 'withdrawn' ? 'withdrawn' : isAwaiting ? (refresher ? 'awaiting-refresher' : 'awaiting-training') : refresher ? 'refresher' : isNewlyOwed ? 'clock-started' : 'unchanged';
      await updateUsers(tx, deployment, outcome, next?.label ?? '', at);
      // Any change of status or version can change what every user owes, so each is refreshed here.
      await deps.contributions?.refreshProductUse(tx, (await repo.listDeploymentUsers(deployment.id, tx)).map((u) => u.personId));
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
