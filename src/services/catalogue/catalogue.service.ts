import { validate as isUuid } from 'uuid';
import type { AuditRepository } from '../../db/audit.repository.ts';
import type { CatalogueRepository, ResourceRecord, ResourceRow } from '../../db/catalogue.repository.ts';
import type { Database } from '../../db/client.ts';
import type { OrganisationRepository } from '../../db/organisation.repository.ts';
import { inTransaction } from '../../db/transaction.ts';
import { AppError } from '../../errors.ts';
import type { HubEntry } from '../framework-catalog.ts';
import type { Viewer } from '../identity/viewer.ts';
import type { NotificationService } from '../people/notification.service.ts';
import { createCatalogueAccess } from './catalogue-access.ts';
import { createCatalogueTransfer } from './catalogue-transfer.service.ts';
import type { LearningResource, ResourceDetails, ResourceFilter, ResourcePage, ResourceRevision, ResourceRevisionWithSnapshot, ResourceSubmission } from './catalogue.types.ts';
import { createCurationGapReport } from './curation-gaps.service.ts';
import { createReviewDueList } from './review-due.service.ts';
import { findPrerequisiteCycle, withReplacedLinks } from './prerequisite-graph.ts';
import { toResourceQuery } from './resource-filter.ts';
import { checkResourceInput } from './resource-input.ts';
import { columnsOf, inputOf, isSameInput, revisionRow, toLearningResource, toRevision } from './resource-records.ts';

export interface CatalogueServiceDeps {
  db: Database;
  catalogueRepository: CatalogueRepository;
  organisationRepository: Pick<OrganisationRepository, 'isWithinSubtree' | 'listAncestry' | 'listSubtreeIds'>;
  audit: Pick<AuditRepository, 'insertAuditEvent'>;
  /** The framework whose topics outcomes name: the one people assess themselves against. */
  framework: () => HubEntry;
  /** Tells learners when a resource in their journey is retired. */
  notifications: Pick<NotificationService, 'notifyAll'>;
  /** What AI MDTs' plans found nothing to teach, for the curation-gap report (issue 13 §3). */
  teamNeeds?: (organisationIds: readonly string[], frameworkId: string) => Promise<string[][]>;
  now?: () => Date;
}

export interface UpdateResourceOptions {
  viewer: Viewer;
  id: string;
  /** The version the educator started from; a different current version is a conflict. */
  version: number;
  input: ResourceSubmission;
}

/** Publish, retire and restore: `version`, when given, must still be current. */
export interface ChangeStatusOptions {
  viewer: Viewer;
  id: string;
  version?: number | undefined;
}

/** Retiring needs a reason: it is kept with the change and sent to learners with the resource in their journey. */
export interface RetireResourceOptions extends ChangeStatusOptions {
  /** Required: checked once the viewer may retire the resource at all. */
  reason?: string | undefined;
}

type Change = {
  values: Partial<ResourceRow>;
  action: 'published' | 'retired' | 'edited';
  auditAction: string;
  reason?: string;
  /** More to do in the change's transaction once it is made. */
  afterwards?: (record: ResourceRecord, tx: Database) => Promise<void>;
};

export const RETIRE_REASON_MAX = 500;
/** The journey page, where a learner swaps a resource or re-plans. */
const JOURNEY_PATH = '/journey';

function checkRetireReason(reason: string | undefined): string {
  const text = reason?.trim() ?? '';
  if (!text) throw invalid('reason', 'Enter why the resource is being retired');
  if (text.length > RETIRE_REASON_MAX) throw invalid('reason', `The reason must be ${RETIRE_REASON_MAX} characters or fewer`);
  return text;
}

const resourceNotFound = () => new AppError('not_found', 'There is no such learning resource, or you cannot see it.');
const invalid = (field: string, message: string) => new AppError('invalid', message, [{ field, message }]);
const staleVersion = (current: number) =>
  new AppError('conflict', 'Someone else changed this resource while you were editing it. Reload it, check their changes, then make yours again.', [
    { field: 'version', message: `This resource is now at version ${current}` },
  ]);

export function createCatalogueService(deps: CatalogueServiceDeps) {
  const { catalogueRepository: resources } = deps;
  const now = deps.now ?? (() => new Date());
  const access = createCatalogueAccess({ organisationRepository: deps.organisationRepository });

  const isVisible = async (viewer: Viewer | null, resource: Pick<ResourceRow, 'status' | 'organisationId'>, tx?: Database) =>
    resource.status === 'published' || (await access.canCurate(viewer, resource.organisationId, tx));

  /** The resource, locked, when the viewer may change it: invisible ones are "not found", visible ones "forbidden". */
  async function loadForChange(viewer: Viewer, id: string, tx: Database): Promise<ResourceRecord> {
    access.requireCurator(viewer);
    const current = isUuid(id) ? await resources.lockResource(id, tx) : undefined;
    if (!current) throw resourceNotFound();
    if (await access.canCurate(viewer, current.organisationId, tx)) return current;
    if (current.status === 'published') throw new AppError('forbidden', 'Only educators of the organisation that owns this resource can change it.');
    throw resourceNotFound();
  }

  /** Prerequisites must exist, be visible to the editor, not be the resource itself, and make no cycle. */
  async function checkPrerequisites(viewer: Viewer, selfId: string | null, ids: readonly string[], tx: Database): Promise<void> {
    if (selfId !== null && ids.includes(selfId)) throw invalid('prerequisiteIds', 'A resource cannot be its own prerequisite');
    const found = new Map((await resources.listResourcesByIds(ids, tx)).map((r) => [r.id, r]));
    for (const id of ids) {
      const prerequisite = found.get(id);
      if (!prerequisite || !(await isVisible(viewer, prerequisite, tx))) throw invalid('prerequisiteIds', `There is no learning resource with id ${id}`);
    }
    if (selfId === null || ids.length === 0) return;
    const links = withReplacedLinks(await resources.listPrerequisiteLinksFrom(ids, tx), new Map([[selfId, ids]]));
    const cycle = findPrerequisiteCycle(links, [selfId]);
    if (cycle) {
      const titles = new Map((await resources.listResourcesByIds(cycle, tx)).map((r) => [r.id, r.title]));
      const path = cycle.map((id) => `“${titles.get(id) ?? id}”`).join(' needs ');
      throw invalid('prerequisiteIds', `Prerequisites cannot go round in a circle: ${path}`);
    }
  }

  /** A journey can only use a published resource whose prerequisites learners can take too. */
  async function assertPrerequisitesPublished(ids: readonly string[], tx: Database): Promise<void> {
    const unpublished = (await resources.listResourcesByIds(ids, tx)).filter((p) => p.status !== 'published');
    if (unpublished.length > 0) throw invalid('prerequisiteIds', `Publish its prerequisites first: ${unpublished.map((p) => `“${p.title}”`).join(', ')}`);
  }

  /** Keeps the resource as it now is (a revision) and who changed it (an audit event), in the change's transaction. */
  async function recordChange(viewer: Viewer, record: ResourceRecord, action: ResourceRevision['action'], auditAction: string, tx: Database, reason?: string): Promise<void> {
    await resources.insertRevisions([{ ...revisionRow(record, viewer, action, now()), reason: reason ?? null }], tx);
    await deps.audit.insertAuditEvent(
      { organisationId: record.organisationId, actorId: viewer.personId, subjectId: record.id, action: auditAction, detail: { version: record.version, status: record.status, title: record.title, ...(reason ? { reason } : {}) } },
      tx,
    );
  }

  /** Everyone with the resource still ahead in their journey hears that it is gone, and why. */
  async function notifyLearnersOfRetirement(record: ResourceRecord, reason: string, tx: Database): Promise<void> {
    const message = `“${record.title}” has been retired from the learning catalogue, so it is no longer offered. Reason: “${reason.replace(/[.!?\s]+$/, '')}”. Choose an alternative or plan your learning journey again.`;
    await deps.notifications.notifyAll({ tx, recipients: await resources.listLearnersWithResourceAhead(record.id, tx), message, link: JOURNEY_PATH });
  }

  async function reload(id: string, tx: Database): Promise<ResourceRecord> {
    const record = await resources.findResource(id, tx);
    if (!record) throw new Error(`resource ${id} vanished inside its own transaction`);
    return record;
  }

  async function changeStatus({ viewer, id, version }: ChangeStatusOptions, decide: (current: ResourceRecord, tx: Database) => Change | Promise<Change>): Promise<LearningResource> {
    return inTransaction(deps.db, async (tx) => {
      const current = await loadForChange(viewer, id, tx);
      if (version !== undefined && current.version !== version) throw staleVersion(current.version);
      const change = await decide(current, tx);
      if (!(await resources.updateResource(current.id, current.version, change.values, now(), tx))) throw staleVersion(current.version);
      const record = await reload(current.id, tx);
      await recordChange(viewer, record, change.action, change.auditAction, tx, change.reason);
      await change.afterwards?.(record, tx);
      return toLearningResource(record);
    });
  }

  return {
    /** Whether the viewer curates anything (pages show "Add a resource" and the curation reports). */
    canCurateCatalogue: (viewer: Viewer | null): boolean => access.isCurator(viewer),

    /** Published resources for anyone; curators may ask for drafts and retired resources they curate too. */
    async listResources({ viewer, filter }: { viewer: Viewer | null; filter: ResourceFilter }): Promise<ResourcePage> {
      const framework = deps.framework();
      const query = toResourceQuery(framework.index, framework.id, filter, access.curatedRootOf(viewer));
      const { items, total } = await resources.listResources(query);
      return { items: items.map(toLearningResource), total, page: query.offset / query.limit + 1, pageSize: query.limit };
    },

    /** One resource with its visible prerequisites; drafts and retired ones are "not found" to all but their curators. */
    async getResource({ viewer, id }: { viewer: Viewer | null; id: string }): Promise<ResourceDetails> {
      const record = isUuid(id) ? await resources.findResource(id) : undefined;
      if (!record) throw resourceNotFound();
      const canCurate = await access.canCurate(viewer, record.organisationId);
      if (record.status !== 'published' && !canCurate) throw resourceNotFound();
      const prerequisites = [];
      for (const p of await resources.listResourcesByIds(record.prerequisiteIds)) {
        if (await isVisible(viewer, p)) prerequisites.push({ id: p.id, title: p.title, status: p.status });
      }
      prerequisites.sort((a, b) => a.title.localeCompare(b.title));
      const revisions = canCurate ? (await resources.listRevisions(record.id)).map(toRevision) : [];
      return { resource: toLearningResource(record), prerequisites, canCurate, revisions };
    },

    /** Every change to a resource, newest first, each with the whole resource as it then was. Curators only. */
    async listRevisions({ viewer, id }: { viewer: Viewer; id: string }): Promise<ResourceRevisionWithSnapshot[]> {
      const record = isUuid(id) ? await resources.findResource(id) : undefined;
      if (!record || !(await access.canCurate(viewer, record.organisationId))) throw resourceNotFound();
      return (await resources.listRevisions(record.id)).map(toRevision);
    },

    /** An educator adds a draft resource, owned by their organisation. */
    async createResource({ viewer, input }: { viewer: Viewer; input: ResourceSubmission }): Promise<LearningResource> {
      access.requireCurator(viewer);
      const framework = deps.framework();
      const checked = checkResourceInput(input, { index: framework.index, forPublishing: false });
      return inTransaction(deps.db, async (tx) => {
        await checkPrerequisites(viewer, null, checked.prerequisiteIds, tx);
        const row = await resources.insertResource(
          { ...columnsOf(checked), organisationId: viewer.organisationId, frameworkId: framework.id, status: 'draft', createdBy: viewer.personId, createdAt: now(), updatedAt: now() },
          tx,
        );
        await resources.replaceLinks(row.id, checked, tx);
        const record = await reload(row.id, tx);
        await recordChange(viewer, record, 'created', 'resource.created', tx);
        return toLearningResource(record);
      });
    },

    /** Changes a draft or published resource, if nobody else has changed it since `version`. */
    async updateResource({ viewer, id, version, input }: UpdateResourceOptions): Promise<LearningResource> {
      const { index } = deps.framework();
      return inTransaction(deps.db, async (tx) => {
        const current = await loadForChange(viewer, id, tx);
        if (current.status === 'retired') throw new AppError('conflict', 'This resource has been retired. Restore it to draft before changing it.');
        if (current.version !== version) throw staleVersion(current.version);
        const checked = checkResourceInput(input, { index, forPublishing: current.status === 'published' });
        if (isSameInput(checked, inputOf(current))) return toLearningResource(current);
        await checkPrerequisites(viewer, current.id, checked.prerequisiteIds, tx);
        if (current.status === 'published') await assertPrerequisitesPublished(checked.prerequisiteIds, tx);
        if (!(await resources.updateResource(current.id, version, columnsOf(checked), now(), tx))) throw staleVersion(current.version);
        await resources.replaceLinks(current.id, checked, tx);
        const record = await reload(current.id, tx);
        await recordChange(viewer, record, 'edited', 'resource.edited', tx);
        return toLearningResource(record);
      });
    },

    /** Makes a draft visible to everyone: it must teach at least one topic, and its prerequisites be published. */
    publishResource: (options: ChangeStatusOptions) =>
      changeStatus(options, async (current, tx) => {
        if (current.status === 'published') throw new AppError('conflict', 'This resource is already published.');
        if (current.status === 'retired') throw new AppError('conflict', 'This resource has been retired. Restore it to draft before publishing it again.');
        checkResourceInput(inputOf(current), { index: deps.framework().index, forPublishing: true });
        await assertPrerequisitesPublished(current.prerequisiteIds, tx);
        return { values: { status: 'published', publishedAt: now(), retiredAt: null }, action: 'published', auditAction: 'resource.published' };
      }),

    /**
     * Withdraws a resource from learners, for a reason that is kept with its history; it is kept
     * too. Learners with it still ahead in their journey are told, in the same transaction.
     */
    retireResource: ({ reason, ...options }: RetireResourceOptions) =>
      changeStatus(options, async (current, tx) => {
        if (current.status === 'retired') throw new AppError('conflict', 'This resource is already retired.');
        // Retiring it would leave published resources that need it impossible to plan.
        const dependents = await resources.listPublishedDependents(current.id, tx);
        if (dependents.length > 0) throw new AppError('conflict', `Published resources need this one first: ${dependents.map((d) => `“${d.title}”`).join(', ')}. Retire them, or edit their prerequisites, first.`);
        const why = checkRetireReason(reason);
        return { values: { status: 'retired', retiredAt: now() }, action: 'retired', auditAction: 'resource.retired', reason: why, afterwards: (record, t) => notifyLearnersOfRetirement(record, why, t) };
      }),

    /** How many learners would be told if the resource were retired now (for its curators). */
    async countLearnersWithResourceAhead({ viewer, id }: { viewer: Viewer; id: string }): Promise<number> {
      const record = isUuid(id) ? await resources.findResource(id) : undefined;
      if (!record || !(await access.canCurate(viewer, record.organisationId))) throw resourceNotFound();
      return (await resources.listLearnersWithResourceAhead(record.id)).length;
    },

    /** Brings a retired resource back as a draft, to be edited and published again. */
    restoreResource: (options: ChangeStatusOptions) =>
      changeStatus(options, (current) => {
        if (current.status !== 'retired') throw new AppError('conflict', 'Only a retired resource can be restored.');
        return { values: { status: 'draft', retiredAt: null, publishedAt: null }, action: 'edited', auditAction: 'resource.restored' };
      }),

    ...createCatalogueTransfer({ ...deps, now, access }),
    ...createCurationGapReport({ ...deps, access }),
    ...createReviewDueList({ ...deps, access, now }),
  };
}

export type CatalogueService = ReturnType<typeof createCatalogueService>;
