import { validate as isUuid } from 'uuid';
import type { Database } from '../../db/client.ts';
import type { OrganisationRepository } from '../../db/organisation.repository.ts';
import type { PeopleRepository } from '../../db/people.repository.ts';
import type { DeploymentRecord, ProductRepository, ProductRow, ProductVersionRow } from '../../db/product.repository.ts';
import { inTransaction } from '../../db/transaction.ts';
import { isUniqueViolation } from '../../db/unique-violation.ts';
import { AppError } from '../../errors.ts';
import type { AuditLog } from '../assessment/ports.ts';
import type { HubEntry } from '../framework-catalog.ts';
import type { Viewer } from '../identity/viewer.ts';
import type { Notices } from '../mail/notices.ts';
import type { NotificationService } from '../people/notification.service.ts';
import type { ProductTrainingRepository } from '../../db/product-training.repository.ts';
import { createProductAccess } from './product-access.ts';
import { assertRegistered, createCandidateProducts } from './candidate-products.ts';
import { createDeploymentAssignment } from './deployment-assignment.ts';
import { createDeploymentChange } from './deployment-change.ts';
import { deploymentUsers } from './deployment-users.ts';
import { createModuleCopyForward } from './module-copy-forward.ts';
import { createTrainingClock } from './training-clock.ts';
import { createTrainingNotices } from './training-notices.ts';
import { deploymentInputSchema, parseInput, productInputSchema, versionInputSchema } from './product-input.ts';
import type { InsightContributions } from '../insight/insight-contributions.ts';


export interface ProductDetails {
  product: ProductRow;
  versions: ProductVersionRow[];
  shares: Array<{ organisationId: string; organisationName: string }>;
  deployments: DeploymentRecord[];
  canManage: boolean;
}

export interface ProductServiceDeps {
  db: Database;
  productRepository: ProductRepository;
  trainingRepository: Pick<ProductTrainingRepository, 'listModulesOfProduct' | 'findLatestRevision' | 'insertModule'>;
  organisationRepository: Pick<OrganisationRepository, 'isWithinSubtree' | 'listAncestry' | 'getOrganisation' | 'listSubtree' | 'listSubtreeIds' | 'listOrganisations'>;
  peopleRepository: Pick<PeopleRepository, 'getPerson' | 'listPeopleInOrganisations' | 'findPeopleByEmail' | 'getProfile'>;
  audit: AuditLog;
  notifications: Pick<NotificationService, 'notify'>;
  /** Writes notifications and their mail in the change's transaction. */
  notices: Pick<Notices, 'tell'>;
  /** The hub's public address, for links in mail. */
  baseUrl: string;
  framework: () => HubEntry;
  now?: () => Date;
  /** Keeps workforce insight's training currency and Table 2 standing current, in the change's transaction. */
  contributions?: Pick<InsightContributions, 'refreshProductUse'> | undefined;
}


/**
 * AI products, their versions and deployments, and who uses them (R8: product training lives with
 * the product). AI product leads and organisation admins manage the products of their organisation
 * and those beneath it; staff see the products of the organisations they work in or under, and
 * those shared with them. Archetypes (an Embedder) grant nothing: the platform role does.
 */
export function createProductService(deps: ProductServiceDeps) {
  const repo = deps.productRepository;
  const organisations = deps.organisationRepository;
  const now = deps.now ?? (() => new Date());

  const access = createProductAccess({ productRepository: repo, organisationRepository: organisations });
  const { isManager, mayManageIn, visibleProduct, managedProduct, managedDeployment } = access;

  /** The organisations a person works in or under: their own and its ancestors. */
  async function ancestryIds(organisationId: string): Promise<string[]> {
    return (await organisations.listAncestry(organisationId)).map((o) => o.id);
  }

  async function record(viewer: Viewer, organisationId: string, subjectId: string | null, action: string, detail: object, tx: Database): Promise<void> {
    await deps.audit.record({ organisationId, actorId: viewer.personId, subjectId, action, detail }, tx);
  }

  function checkTopics(topics: readonly string[]): void {
    const unknown = topics.filter((t) => !deps.framework().index.topicById.has(t));
    if (unknown.length > 0) throw new AppError('invalid', 'Some topics are not in the framework.', [{ field: 'affectedTopics', message: `Choose topics from the framework (not ${unknown.join(', ')})` }]);
  }

  const tellUser = createTrainingNotices(deps);
  /** Everyone currently using any deployment of a product. */
  const usersOfProduct = async (productId: string, tx: Database): Promise<string[]> => {
    const ids = new Set<string>();
    for (const deployment of await repo.listDeploymentsOfProduct(productId, tx)) for (const user of await repo.listDeploymentUsers(deployment.id, tx)) ids.add(user.personId);
    return [...ids];
  };
  const clock = createTrainingClock({ productRepository: repo, trainingRepository: deps.trainingRepository });
  const assignment = createDeploymentAssignment({ ...deps, access, clock, tellUser, now });
  const deploymentChange = createDeploymentChange({ ...deps, productRepository: repo, access, clock, tellUser, now });
  const copyForward = createModuleCopyForward({ productRepository: repo, trainingRepository: deps.trainingRepository, framework: () => deps.framework().index });

  const candidateProducts = createCandidateProducts({ ...deps, access });

  return {
    ...candidateProducts,
    assignInBulk: assignment.assignInBulk,

    /** Whether the viewer can register products at all (for the "Register a product" button). */
    canRegister: (viewer: Viewer) => isManager(viewer),

    /** Products the viewer can see, by name. */
    async listProducts({ viewer }: { viewer: Viewer }): Promise<ProductRow[]> {
      const ancestry = await ancestryIds(viewer.organisationId);
      const candidates = await repo.listProductsFor(ancestry);
      if (!isManager(viewer) && !viewer.roles.includes('platform-admin')) return candidates;
      // Managers also see what the organisations beneath theirs own (platform admins: everyone's).
      const managedIds = viewer.roles.includes('platform-admin') ? (await organisations.listOrganisations()).map((o) => o.id) : await organisations.listSubtreeIds(viewer.organisationId);
      const byId = new Map(candidates.map((p) => [p.id, p]));
      for (const p of await repo.listProductsFor(managedIds)) byId.set(p.id, p);
      return [...byId.values()].sort((a, b) => a.name.localeCompare(b.name));
    },

    async getProduct({ viewer, id }: { viewer: Viewer; id: string }): Promise<ProductDetails> {
      const product = await visibleProduct(viewer, id);
      const canManage = await mayManageIn(viewer, product.organisationId);
      // The owner's managers see every deployment; others only those where they work or that they manage.
      const ancestry = new Set(await ancestryIds(viewer.organisationId));
      const deployments: DeploymentRecord[] = [];
      for (const d of await repo.listDeploymentsOfProduct(product.id)) {
        if (canManage || ancestry.has(d.organisationId) || (await mayManageIn(viewer, d.organisationId))) deployments.push(d);
      }
      return { product, versions: await repo.listVersions(product.id), shares: await repo.listShares(product.id), deployments, canManage };
    },

    /** The product, for someone who may change it (forbidden for others who can see it, not found for the rest). */
    getManagedProduct: ({ viewer, id }: { viewer: Viewer; id: string }): Promise<ProductRow> => managedProduct(viewer, id),

    async registerProduct({ viewer, input }: { viewer: Viewer; input: unknown }): Promise<ProductRow> {
      if (!isManager(viewer)) throw new AppError('forbidden', 'Only AI product leads and organisation admins can register AI products.');
      const values = parseInput(productInputSchema, input, 'The product has problems.');
      return inTransaction(deps.db, async (tx) => {
        const product = await repo.insertProduct({ ...values, organisationId: viewer.organisationId, createdBy: viewer.personId }, tx);
        await record(viewer, product.organisationId, product.id, 'product.registered', { name: product.name }, tx);
        return product;
      });
    },

    async updateProduct({ viewer, id, version, input }: { viewer: Viewer; id: string; version: number; input: unknown }): Promise<ProductRow> {
      const product = await managedProduct(viewer, id);
      const values = parseInput(productInputSchema, input, 'The product has problems.');
      return inTransaction(deps.db, async (tx) => {
        const updated = await repo.updateProduct(product.id, version, values, tx);
        if (!updated) throw new AppError('conflict', 'Someone else changed this product while you were editing it. Check their changes, then make yours again.', [{ field: 'version', message: 'This product has changed since you opened it' }]);
        await record(viewer, product.organisationId, product.id, 'product.edited', { before: product, after: updated }, tx);
        // Whether it is used in clinical decision making decides which Table 2 statements apply to its users (R3).
        if (updated.clinicalDecisionMaking !== product.clinicalDecisionMaking) await deps.contributions?.refreshProductUse(tx, await usersOfProduct(product.id, tx));
        return updated;
      });
    },

    /** Records a release, its module starting as a copy of the last one published. Versions are history: they cannot be changed once recorded. */
    async addVersion({ viewer, productId, input }: { viewer: Viewer; productId: string; input: unknown }): Promise<ProductVersionRow> {
      const product = await managedProduct(viewer, productId);
      assertRegistered(product, 'its versions');
      const values = parseInput(versionInputSchema, input, 'The version has problems.');
      checkTopics(values.affectedTopics);
      if ((await repo.listVersions(product.id)).some((v) => v.label.toLowerCase() === values.label.toLowerCase())) {
        throw new AppError('invalid', 'The version has problems.', [{ field: 'label', message: `Version ${values.label} is already recorded` }]);
      }
      try {
        return await inTransaction(deps.db, async (tx) => {
          const version = await repo.insertVersion({ ...values, organisationId: product.organisationId, productId: product.id, createdBy: viewer.personId }, tx);
          await copyForward(tx, product, version, viewer.personId);
          await record(viewer, product.organisationId, product.id, 'product.version-added', { label: version.label, trainingImpact: version.trainingImpact }, tx);
          return version;
        });
      } catch (error) {
        // Someone recorded the same label a moment ago (a double submit): the unique index decides.
        if (isUniqueViolation(error)) throw new AppError('invalid', 'The version has problems.', [{ field: 'label', message: `Version ${values.label} is already recorded` }]);
        throw error;
      }
    },

    /** Lets another organisation deploy and train on the product. */
    async shareProduct({ viewer, productId, organisationId }: { viewer: Viewer; productId: string; organisationId: string }): Promise<void> {
      const product = await managedProduct(viewer, productId);
      const target = isUuid(organisationId) ? await organisations.getOrganisation(organisationId) : undefined;
      if (!target) throw new AppError('invalid', 'Choose an organisation to share it with.', [{ field: 'organisationId', message: 'Choose an organisation' }]);
      await inTransaction(deps.db, async (tx) => {
        await repo.insertShare({ productId: product.id, organisationId: target.id, sharedBy: viewer.personId }, tx);
        await record(viewer, product.organisationId, product.id, 'product.shared', { organisationId: target.id }, tx);
      });
    },

    /** Deploys a product the viewer can see in an organisation (or team) they manage. */
    async createDeployment({ viewer, productId, input }: { viewer: Viewer; productId: string; input: unknown }): Promise<DeploymentRecord> {
      const product = await visibleProduct(viewer, productId);
      assertRegistered(product, 'where it is deployed');
      const values = parseInput(deploymentInputSchema, input, 'The deployment has problems.');
      if (!isUuid(values.organisationId) || !(await mayManageIn(viewer, values.organisationId))) {
        throw new AppError('invalid', 'The deployment has problems.', [{ field: 'organisationId', message: 'Choose an organisation you manage' }]);
      }
      if (values.status === 'live' || values.status === 'withdrawn') {
        throw new AppError('invalid', 'The deployment has problems.', [{ field: 'status', message: 'A new deployment starts as evaluating or piloting; make a version live once it is recorded' }]);
      }
      const id = await inTransaction(deps.db, async (tx) => {
        const deployment = await repo.insertDeployment({ ...values, productId: product.id, createdBy: viewer.personId }, tx);
        await record(viewer, values.organisationId, product.id, 'deployment.created', { deploymentId: deployment.id, status: deployment.status }, tx);
        return deployment.id;
      });
      return (await repo.findDeployment(id))!;
    },

    changeDeployment: deploymentChange.changeDeployment,
    linkUser: assignment.linkUser,
    unlinkUser: assignment.unlinkUser,

    /** Where the viewer may deploy products: the organisations and teams they manage, by place in the tree. */
    async deployableOrganisations({ viewer }: { viewer: Viewer }): Promise<Array<{ id: string; name: string; depth: number }>> {
      if (viewer.roles.includes('platform-admin')) return (await organisations.listOrganisations()).map((o) => ({ id: o.id, name: o.name, depth: 0 }));
      if (!isManager(viewer)) return [];
      return (await organisations.listSubtree(viewer.organisationId)).map((o) => ({ id: o.id, name: o.name, depth: o.depth }));
    },

    /** People a product lead may assign to a deployment: those working where it is deployed who do not use it yet. */
    async assignablePeople({ viewer, deploymentId }: { viewer: Viewer; deploymentId: string }): Promise<Array<{ id: string; displayName: string }>> {
      const deployment = await managedDeployment(viewer, deploymentId);
      const linked = new Set((await repo.listDeploymentUsers(deployment.id)).map((u) => u.personId));
      const staff = await deps.peopleRepository.listPeopleInOrganisations(await organisations.listSubtreeIds(deployment.organisationId));
      return staff.filter((p) => !linked.has(p.id)).map((p) => ({ id: p.id, displayName: p.displayName }));
    },

    /** Deployments where the viewer works (their organisation or above) that they do not use yet: what they may link themselves to. */
    async listLinkableDeployments({ viewer }: { viewer: Viewer }): Promise<DeploymentRecord[]> {
      const [mine, ancestry] = await Promise.all([repo.listDeploymentsOfPerson(viewer.personId), ancestryIds(viewer.organisationId)]);
      const using = new Set(mine.map((d) => d.deployment.id));
      return (await repo.listActiveDeploymentsIn(ancestry)).filter((d) => !using.has(d.id));
    },

    /** The deployments the viewer uses. */
    async listMyDeployments({ viewer }: { viewer: Viewer }) {
      return repo.listDeploymentsOfPerson(viewer.personId);
    },

    /**
     * A deployment for its managers: who uses it, and the product's versions to choose the live one
     * from. With `usersPage` only that page of its users is read (the web page); without, all (the API).
     */
    async getDeployment({ viewer, deploymentId, usersPage }: { viewer: Viewer; deploymentId: string; usersPage?: number }) {
      const deployment = await managedDeployment(viewer, deploymentId);
      const [{ users, userSlice }, versions, modules, places, approvedReview] = await Promise.all([
        deploymentUsers(repo, deployment.id, usersPage),
        repo.listVersions(deployment.productId),
        deps.trainingRepository.listModulesOfProduct(deployment.productId),
        organisations.listSubtree(deployment.organisationId),
        repo.findApprovedDeploymentReview(deployment.productId, deployment.organisationId),
      ]);
      // Which versions have training to take, and where staff can be assigned from in bulk.
      const publishedVersionIds = modules.filter((m) => m.status === 'published').map((m) => m.productVersionId);
      return { deployment, users, userSlice, versions, publishedVersionIds, places: places.map((o) => ({ id: o.id, name: o.name, depth: o.depth })), approvedReview };
    },
  };
}

export type ProductService = ReturnType<typeof createProductService>;
