import { z } from 'zod';
import type { Database } from '../../db/client.ts';
import type { OrganisationRepository } from '../../db/organisation.repository.ts';
import type { ProductRepository, ProductRow, ProductVersionRow } from '../../db/product.repository.ts';
import type { ModuleRow, ProductTrainingRepository } from '../../db/product-training.repository.ts';
import { inTransaction } from '../../db/transaction.ts';
import { isUniqueViolation } from '../../db/unique-violation.ts';
import type { FrameworkIndex } from '../../domain/framework/framework-index.ts';
import { findKnowledgeCheckProblems, planProductModule, renderPrefill, sectionsMissingContent } from '../../domain/products/index.ts';
import type { CheckProblem, KnowledgeCheck, ModuleSection, ProductFacts } from '../../domain/products/index.ts';
import { AppError } from '../../errors.ts';
import type { AuditLog } from '../assessment/ports.ts';
import type { Viewer } from '../identity/viewer.ts';
import { createProductAccess } from './product-access.ts';
import { createModuleLearning } from './module-learning.ts';
import { snapshotOf } from './module-revisions.ts';
import { parseInput } from './product-input.ts';
import { createTrainingArrival } from './training-arrival.ts';
import { createTrainingCurrency } from './training-currency.ts';
import { createTrainingNotices, MY_PRODUCTS_PATH } from './training-notices.ts';
import type { NotificationService } from '../people/notification.service.ts';
import type { TrainingNoticeDeps } from './training-notices.ts';
import type { InsightContributions } from '../insight/insight-contributions.ts';
import type { Awards } from '../credentials/awards.ts';

export { attemptInputSchema } from './module-learning.ts';
export type { AttemptResult, LearnerModule } from './module-learning.ts';
export type { CsvFile, CurrencyRow, DeploymentCurrency, MyProduct, OrganisationCurrency, ProductUseRecord } from './training-currency.ts';

/**
 * Product training (R8): Embedders write a module for each product version, one section per
 * Table 2 statement that applies (R3) with the product's recorded facts pulled in, and a short
 * knowledge check; staff who use the product take it. Who is current lives in training-currency.ts.
 */

const optionInput = z.object({ id: z.string().trim().max(60), text: z.string().max(1000) });
const questionInput = z.object({
  id: z.string().trim().max(60),
  prompt: z.string().max(2000),
  kind: z.enum(['single', 'multiple'], { error: 'Choose whether the question has one right answer or several' }),
  options: z.array(optionInput).max(20),
  correct: z.array(z.string().max(60)).max(20),
});
export const knowledgeCheckInputSchema = z.object({
  questions: z.array(questionInput).max(60),
  passMarkPercent: z.number({ error: 'Enter a pass mark as a whole number from 1 to 100' }).int('Enter a pass mark as a whole number from 1 to 100').min(0).max(100),
});
export const moduleInputSchema = z.object({
  sections: z.record(z.string().max(80), z.string().max(20_000, 'A section must be 20,000 characters or fewer')).default({}),
  /** Sections marked for review that the Embedder confirms are still right as they are. */
  reviewed: z.array(z.string().max(80)).max(200).default([]),
  knowledgeCheck: knowledgeCheckInputSchema.default({ questions: [], passMarkPercent: 80 }),
});

export interface ProductTrainingServiceDeps extends TrainingNoticeDeps {
  notifications: Pick<NotificationService, 'notify' | 'markReadAbout'>;
  db: Database;
  trainingRepository: ProductTrainingRepository;
  productRepository: Pick<ProductRepository, 'findProduct' | 'listShares' | 'listVersions' | 'listVersionsOfProducts' | 'findDeployment' | 'listDeploymentUsers' | 'listDeploymentsOfPerson' | 'listDeploymentsOfProduct' | 'setDueBy'>;
  organisationRepository: Pick<OrganisationRepository, 'isWithinSubtree' | 'listAncestry' | 'getOrganisation' | 'listSubtreeIds'>;
  audit: AuditLog;
  framework: () => FrameworkIndex;
  now?: () => Date;
  /** Keeps workforce insight's training currency and Table 2 standing current, in the change's transaction. */
  contributions?: Pick<InsightContributions, 'refreshProductUse'> | undefined;
  /** Open Badges credentials for passed modules (issue 16 §2). */
  awards?: Pick<Awards, 'modulePassed'> | undefined;
}

export interface ModuleDraftSection extends ModuleSection {
  /** Markdown made from the product's recorded facts; shown before the content. */
  prefill: string;
  content: string;
  /** Copied from the previous version's module on a topic this version changes: publishing waits for a review. */
  needsReview: boolean;
}

export interface ModuleDraft {
  product: ProductRow;
  productVersion: ProductVersionRow;
  module: ModuleRow | null;
  /** What learners read now, when the module has been published. */
  latestRevision: { number: number; publishedAt: Date } | null;
  /** The working copy differs from what learners read: publishing makes a new revision. */
  hasUnpublishedChanges: boolean;
  /** The version whose module this one was copied from, if it was. */
  copiedFrom: { id: string; label: string } | null;
  sections: ModuleDraftSection[];
  knowledgeCheck: KnowledgeCheck;
  /** What stops publishing, so the page can say so before anyone tries. */
  missingContent: string[];
  checkProblems: CheckProblem[];
  /** All of the above, and sections awaiting review, as field messages, as publishing would refuse with them. */
  publishProblems: Array<{ field: string; message: string }>;
}

export function createProductTrainingService(deps: ProductTrainingServiceDeps) {
  const repo = deps.trainingRepository;
  const products = deps.productRepository;
  const access = createProductAccess(deps);
  const now = deps.now ?? (() => new Date());
  const currency = createTrainingCurrency({ trainingRepository: repo, productRepository: products, organisationRepository: deps.organisationRepository, access, now });
  const learning = createModuleLearning({ db: deps.db, trainingRepository: repo, productRepository: products, access, framework: deps.framework, factsOf, now, contributions: deps.contributions, awards: deps.awards });
  const startWaitingClocks = createTrainingArrival({ productRepository: products, trainingRepository: repo, tellUser: createTrainingNotices(deps), contributions: deps.contributions });

  async function versionOf(product: ProductRow, productVersionId: string): Promise<ProductVersionRow> {
    const version = (await products.listVersions(product.id)).find((v) => v.id === productVersionId);
    if (!version) throw new AppError('not_found', 'There is no such version of this product.');
    return version;
  }

  async function draftOf(product: ProductRow, productVersion: ProductVersionRow): Promise<ModuleDraft> {
    const module = (await repo.findModuleForVersion(productVersion.id)) ?? null;
    const content = (module?.sections ?? {}) as Record<string, string>;
    const knowledgeCheck = (module?.knowledgeCheck as KnowledgeCheck | undefined) ?? { questions: [], passMarkPercent: 80 };
    const planned = planProductModule(deps.framework(), product);
    const missingContent = sectionsMissingContent(planned, content, factsOf(product));
    const checkProblems = findKnowledgeCheckProblems(knowledgeCheck);
    const review = new Set(module?.reviewSections ?? []);
    const latest = module ? await repo.findLatestRevision(module.id) : undefined;
    const copiedFrom = module?.copiedFromVersionId ? (await products.listVersions(product.id)).find((v) => v.id === module.copiedFromVersionId) : undefined;
    return {
      product,
      productVersion,
      module,
      latestRevision: latest ? { number: latest.number, publishedAt: latest.publishedAt } : null,
      hasUnpublishedChanges: module !== null && module.status === 'published' && latest !== undefined && snapshotOf(planned, content, factsOf(product), knowledgeCheck).contentHash !== latest.contentHash,
      copiedFrom: copiedFrom ? { id: copiedFrom.id, label: copiedFrom.label } : null,
      sections: planned.map((s) => ({ ...s, prefill: renderPrefill(factsOf(product), s.prefillFields), content: ownValue(content, s.requirementId), needsReview: review.has(s.requirementId) })),
      knowledgeCheck,
      missingContent,
      checkProblems,
      publishProblems: publishProblems({ sections: planned, prefilled: new Set(planned.filter((s) => renderPrefill(factsOf(product), s.prefillFields) !== '').map((s) => s.requirementId)), missingContent, checkProblems, review: planned.filter((s) => review.has(s.requirementId)), copiedFrom: copiedFrom?.label, label: productVersion.label }),
    };
  }

  function publishProblems(draft: { sections: readonly ModuleSection[]; prefilled: ReadonlySet<string>; missingContent: readonly string[]; checkProblems: readonly CheckProblem[]; review: readonly ModuleSection[]; copiedFrom?: string | undefined; label: string }): Array<{ field: string; message: string }> {
    const sectionOf = new Map(draft.sections.map((s) => [s.requirementId, s]));
    const missing = new Set(draft.missingContent);
    const ownWords = (id: string) => (sectionOf.get(id)?.needsOwnWords && draft.prefilled.has(id) ? ' in your own words: what the product’s record says is not enough on its own' : '');
    return [
      ...draft.missingContent.map((id) => ({ field: `sections.${id}`, message: `Write the section “${sectionOf.get(id)?.statement ?? id}”${ownWords(id)}` })),
      ...draft.review.filter((s) => !missing.has(s.requirementId)).map((s) => ({ field: `sections.${s.requirementId}`, message: `Review the section “${s.statement}”: it was copied from version ${draft.copiedFrom ?? 'before'} and version ${draft.label} changes it` })),
      ...draft.checkProblems.map((p) => ({ field: `knowledgeCheck.${p.field}`, message: p.message })),
    ];
  }

  return {
    /** The module being written for a product version: planned sections, pre-fill, content so far. Managers only. */
    async getModuleDraft({ viewer, productId, productVersionId }: { viewer: Viewer; productId: string; productVersionId: string }): Promise<ModuleDraft> {
      const product = await access.managedProduct(viewer, productId);
      return draftOf(product, await versionOf(product, productVersionId));
    },

    /**
     * Saves the working copy of the sections and knowledge check. Learners read published
     * revisions only, so a draft (or the working copy of a published module) may be incomplete.
     * A section marked for review is cleared by editing it or confirming it. `version` is
     * required once the module exists.
     */
    async saveModule({ viewer, productId, productVersionId, version, input }: { viewer: Viewer; productId: string; productVersionId: string; version?: number; input: unknown }): Promise<ModuleDraft> {
      const product = await access.managedProduct(viewer, productId);
      const productVersion = await versionOf(product, productVersionId);
      const values = parseInput(moduleInputSchema, input, 'The module has problems.');
      const planned = new Set(planProductModule(deps.framework(), product).map((s) => s.requirementId));
      const unplanned = Object.keys(values.sections).filter((id) => !planned.has(id));
      if (unplanned.length > 0) throw new AppError('invalid', 'The module has problems.', unplanned.map((id) => ({ field: `sections.${id}`, message: `“${id}” is not a section of this product’s module` })));
      const sections = Object.fromEntries(Object.entries(values.sections).filter(([, text]) => text.trim() !== ''));
      const existing = await repo.findModuleForVersion(productVersion.id);
      await inTransaction(deps.db, async (tx) => {
        if (existing) {
          if (version === undefined) throw new AppError('invalid', 'Say which version of the module you edited.', [{ field: 'version', message: 'Give the version you edited' }]);
          const before = existing.sections as Record<string, string>;
          const reviewed = new Set(values.reviewed);
          const reviewSections = existing.reviewSections.filter((id) => !reviewed.has(id) && ownValue(sections, id).trim() === ownValue(before, id).trim());
          const updated = await repo.updateModule(existing.id, version, { sections, knowledgeCheck: values.knowledgeCheck, reviewSections }, tx);
          if (!updated) throw new AppError('conflict', 'Someone else changed this module while you were editing it. Check their changes, then make yours again.', [{ field: 'version', message: 'This module has changed since you opened it' }]);
        } else {
          await insertModule(tx, { organisationId: product.organisationId, productId: product.id, productVersionId: productVersion.id, sections, knowledgeCheck: values.knowledgeCheck, createdBy: viewer.personId });
        }
        await deps.audit.record({ organisationId: product.organisationId, actorId: viewer.personId, subjectId: product.id, action: 'product-module.saved', detail: { productVersionId: productVersion.id } }, tx);
      });
      return draftOf(product, productVersion);
    },

    /**
     * Publishes the working copy as a new revision, once every section has content, none awaits
     * review and the check has no problems. Revisions are never changed: learners keep reading the
     * last one until the next is published. Users whose clocks waited for this training start them.
     */
    async publishModule({ viewer, productId, productVersionId, version }: { viewer: Viewer; productId: string; productVersionId: string; version?: number }): Promise<ModuleDraft> {
      const product = await access.managedProduct(viewer, productId);
      const productVersion = await versionOf(product, productVersionId);
      const draft = await draftOf(product, productVersion);
      if (!draft.module) throw new AppError('invalid', 'Write and save the module before publishing it.');
      if (draft.publishProblems.length > 0) throw new AppError('invalid', 'The module cannot be published yet.', draft.publishProblems);
      const { module } = draft;
      if (module.status === 'published' && !draft.hasUnpublishedChanges) return draft;
      const at = now();
      await inTransaction(deps.db, async (tx) => {
        const updated = await repo.updateModule(module.id, version ?? module.version, { status: 'published', publishedAt: module.publishedAt ?? at }, tx);
        if (!updated) throw new AppError('conflict', 'Someone else changed this module since you opened it. Check their changes, then publish again.', [{ field: 'version', message: 'This module has changed since you opened it' }]);
        const snapshot = snapshotOf(planProductModule(deps.framework(), product), updated.sections as Record<string, string>, factsOf(product), updated.knowledgeCheck as KnowledgeCheck);
        const number = ((await repo.findLatestRevision(module.id, tx))?.number ?? 0) + 1;
        const revision = await repo.insertRevision({ organisationId: module.organisationId, moduleId: module.id, productVersionId: productVersion.id, number, ...snapshot, publishedBy: viewer.personId, publishedAt: at }, tx);
        const started = await startWaitingClocks(tx, { productId: product.id, productVersionId: productVersion.id, versionLabel: productVersion.label, at });
        await deps.audit.record({ organisationId: product.organisationId, actorId: viewer.personId, subjectId: product.id, action: 'product-module.published', detail: { moduleId: module.id, productVersionId: productVersion.id, revision: revision.number, contentHash: revision.contentHash, clocksStarted: started } }, tx);
      });
      return draftOf(product, productVersion);
    },

    ...learning,

    /** Passing what was owed is acting on the notices about it: once nothing is owed, they are read. */
    async submitAttempt(options: Parameters<typeof learning.submitAttempt>[0]): ReturnType<typeof learning.submitAttempt> {
      const result = await learning.submitAttempt(options);
      const isOwed = (p: { status: string }) => p.status === 'due' || p.status === 'overdue' || p.status === 'not-started';
      if (result.passed && !(await currency.myProducts({ viewer: options.viewer })).some(isOwed)) {
        await deps.notifications.markReadAbout({ personId: options.viewer.personId, link: MY_PRODUCTS_PATH });
      }
      return result;
    },

    ...currency,
  };

  async function insertModule(tx: Database, row: Parameters<ProductTrainingRepository['insertModule']>[0]): Promise<void> {
    try {
      await repo.insertModule(row, tx);
    } catch (error) {
      if (isUniqueViolation(error)) throw new AppError('conflict', 'Someone else started this module at the same time. Open it again to see their work.', [{ field: 'version', message: 'This module has changed since you opened it' }]);
      throw error;
    }
  }
}

export type ProductTrainingService = ReturnType<typeof createProductTrainingService>;

function factsOf(product: ProductRow): ProductFacts {
  const { intendedUse, inclusionCriteria, exclusionCriteria, clinicalDecisionMaking, autonomy, deviceClass, marking, explanations, limitations, outlierSituations, contacts, errorReporting, fallbackPathway, decisionRecording } = product;
  const { clinicalGuidelines, validationPopulations, performance, workflowIntegration, patientQueryPathway, dataUse, patientMaterials } = product;
  return {
    ...{ intendedUse, inclusionCriteria, exclusionCriteria, clinicalDecisionMaking, autonomy, deviceClass, marking, explanations, limitations, outlierSituations, contacts, errorReporting, fallbackPathway, decisionRecording },
    ...{ clinicalGuidelines, validationPopulations, performance, workflowIntegration, patientQueryPathway, dataUse, patientMaterials },
  };
}

/** Own keys only: requirement ids come from a document and could be "constructor". */
function ownValue(record: Record<string, string>, key: string): string {
  return Object.hasOwn(record, key) ? (record[key] ?? '') : '';
}

