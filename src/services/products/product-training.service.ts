import { validate as isUuid } from 'uuid';
import { z } from 'zod';
import type { Database } from '../../db/client.ts';
import type { OrganisationRepository } from '../../db/organisation.repository.ts';
import type { ProductRepository, ProductRow, ProductVersionRow } from '../../db/product.repository.ts';
import type { ModuleRow, ProductTrainingRepository } from '../../db/product-training.repository.ts';
import { inTransaction } from '../../db/transaction.ts';
import { isUniqueViolation } from '../../db/unique-violation.ts';
import type { FrameworkIndex } from '../../domain/framework/framework-index.ts';
import {
  AttemptInputError,
  findKnowledgeCheckProblems,
  planProductModule,
  renderPrefill,
  scoreAttempt,
  sectionsMissingContent,
} from '../../domain/products/index.ts';
import type { CheckProblem, CheckQuestion, KnowledgeCheck, ModuleSection, ProductFacts } from '../../domain/products/index.ts';
import { AppError } from '../../errors.ts';
import type { AuditLog } from '../assessment/ports.ts';
import type { Viewer } from '../identity/viewer.ts';
import { createProductAccess } from './product-access.ts';
import { renderModuleMarkdown } from './module-markdown.ts';
import { parseInput } from './product-input.ts';
import type { NotificationService } from '../people/notification.service.ts';
import { MY_PRODUCTS_PATH } from './product.service.ts';
import { createTrainingCurrency } from './training-currency.ts';

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
  knowledgeCheck: knowledgeCheckInputSchema.default({ questions: [], passMarkPercent: 80 }),
});
export const attemptInputSchema = z.object({ answers: z.record(z.string().max(60), z.array(z.string().max(60)).max(20)) });

export interface ProductTrainingServiceDeps {
  db: Database;
  trainingRepository: ProductTrainingRepository;
  productRepository: Pick<ProductRepository, 'findProduct' | 'listShares' | 'listVersions' | 'findDeployment' | 'listDeploymentUsers' | 'listDeploymentsOfPerson'>;
  organisationRepository: Pick<OrganisationRepository, 'isWithinSubtree' | 'listAncestry' | 'getOrganisation' | 'listSubtreeIds'>;
  audit: AuditLog;
  framework: () => FrameworkIndex;
  /** Marks the notices about owed training read once nothing is owed. */
  notifications?: Pick<NotificationService, 'markReadAbout'>;
  now?: () => Date;
}

export interface ModuleDraftSection extends ModuleSection {
  /** Markdown made from the product's recorded facts; shown before the content. */
  prefill: string;
  content: string;
}

export interface ModuleDraft {
  product: ProductRow;
  productVersion: ProductVersionRow;
  module: ModuleRow | null;
  sections: ModuleDraftSection[];
  knowledgeCheck: KnowledgeCheck;
  /** What stops publishing, so the page can say so before anyone tries. */
  missingContent: string[];
  checkProblems: CheckProblem[];
  /** Both of the above as field messages, as publishing would refuse with them. */
  publishProblems: Array<{ field: string; message: string }>;
}

export interface LearnerModule {
  id: string;
  productId: string;
  productName: string;
  productVersionId: string;
  versionLabel: string;
  sections: Array<{ requirementId: string; statement: string; markdown: string; html: string }>;
  questions: Array<Omit<CheckQuestion, 'correct'>>;
  passMarkPercent: number;
}

export interface AttemptResult {
  attemptId: string;
  correct: number;
  total: number;
  percent: number;
  passed: boolean;
  passMarkPercent: number;
  /** Which questions were wrong, never what the right answers are. */
  wrongQuestionIds: string[];
}


const moduleNotFound = () => new AppError('not_found', 'There is no such training module, or you cannot see it.');

export function createProductTrainingService(deps: ProductTrainingServiceDeps) {
  const repo = deps.trainingRepository;
  const products = deps.productRepository;
  const access = createProductAccess(deps);
  const now = deps.now ?? (() => new Date());
  const currency = createTrainingCurrency({ trainingRepository: repo, productRepository: products, organisationRepository: deps.organisationRepository, access, now });

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
    return {
      product,
      productVersion,
      module,
      sections: planned.map((s) => ({ ...s, prefill: renderPrefill(factsOf(product), s.prefillFields), content: ownValue(content, s.requirementId) })),
      knowledgeCheck,
      missingContent,
      checkProblems,
      publishProblems: publishProblems({ sections: planned, missingContent, checkProblems }),
    };
  }

  function publishProblems(draft: { sections: readonly ModuleSection[]; missingContent: readonly string[]; checkProblems: readonly CheckProblem[] }): Array<{ field: string; message: string }> {
    const statementOf = new Map(draft.sections.map((s) => [s.requirementId, s.statement]));
    return [
      ...draft.missingContent.map((id) => ({ field: `sections.${id}`, message: `Write the section “${statementOf.get(id) ?? id}”` })),
      ...draft.checkProblems.map((p) => ({ field: `knowledgeCheck.${p.field}`, message: p.message })),
    ];
  }

  /** A published module the viewer may take: they can see its product, or use a deployment of it. */
  async function learnableModule(viewer: Viewer, moduleId: string): Promise<{ module: ModuleRow; product: ProductRow }> {
    const module = isUuid(moduleId) ? await repo.findModule(moduleId) : undefined;
    if (!module || module.status !== 'published') throw moduleNotFound();
    const product = await products.findProduct(module.productId);
    if (!product) throw moduleNotFound();
    if (await access.canSee(viewer, product)) return { module, product };
    const uses = (await products.listDeploymentsOfPerson(viewer.personId)).some((d) => d.deployment.productId === product.id);
    if (!uses) throw moduleNotFound();
    return { module, product };
  }

  return {
    /** The module being written for a product version: planned sections, pre-fill, content so far. Managers only. */
    async getModuleDraft({ viewer, productId, productVersionId }: { viewer: Viewer; productId: string; productVersionId: string }): Promise<ModuleDraft> {
      const product = await access.managedProduct(viewer, productId);
      return draftOf(product, await versionOf(product, productVersionId));
    },

    /**
     * Saves the sections and knowledge check as written. A draft may be incomplete; a published
     * module must stay publishable. `version` is required once the module exists.
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
      if (existing?.status === 'published') {
        const plan = planProductModule(deps.framework(), product);
        const problems = publishProblems({ sections: plan, missingContent: sectionsMissingContent(plan, sections, factsOf(product)), checkProblems: findKnowledgeCheckProblems(values.knowledgeCheck) });
        if (problems.length > 0) throw new AppError('invalid', 'A published module must stay complete.', problems);
      }
      await inTransaction(deps.db, async (tx) => {
        if (existing) {
          if (version === undefined) throw new AppError('invalid', 'Say which version of the module you edited.', [{ field: 'version', message: 'Give the version you edited' }]);
          const updated = await repo.updateModule(existing.id, version, { sections, knowledgeCheck: values.knowledgeCheck }, tx);
          if (!updated) throw new AppError('conflict', 'Someone else changed this module while you were editing it. Check their changes, then make yours again.', [{ field: 'version', message: 'This module has changed since you opened it' }]);
        } else {
          await insertModule(tx, { organisationId: product.organisationId, productId: product.id, productVersionId: productVersion.id, sections, knowledgeCheck: values.knowledgeCheck, createdBy: viewer.personId });
        }
        await deps.audit.record({ organisationId: product.organisationId, actorId: viewer.personId, subjectId: product.id, action: 'product-module.saved', detail: { productVersionId: productVersion.id } }, tx);
      });
      return draftOf(product, productVersion);
    },

    /** Publishes the module, once every section has content and the check has no problems. */
    async publishModule({ viewer, productId, productVersionId, version }: { viewer: Viewer; productId: string; productVersionId: string; version?: number }): Promise<ModuleDraft> {
      const product = await access.managedProduct(viewer, productId);
      const productVersion = await versionOf(product, productVersionId);
      const draft = await draftOf(product, productVersion);
      if (!draft.module) throw new AppError('invalid', 'Write and save the module before publishing it.');
      if (draft.publishProblems.length > 0) throw new AppError('invalid', 'The module cannot be published yet.', draft.publishProblems);
      const { module } = draft;
      if (module.status === 'published') return draft;
      await inTransaction(deps.db, async (tx) => {
        const updated = await repo.updateModule(module.id, version ?? module.version, { status: 'published', publishedAt: now() }, tx);
        if (!updated) throw new AppError('conflict', 'Someone else changed this module since you opened it. Check their changes, then publish again.', [{ field: 'version', message: 'This module has changed since you opened it' }]);
        await deps.audit.record({ organisationId: product.organisationId, actorId: viewer.personId, subjectId: product.id, action: 'product-module.published', detail: { moduleId: module.id, productVersionId: productVersion.id } }, tx);
      });
      return draftOf(product, productVersion);
    },

    /** A published module as a learner sees it: sections rendered safely, questions without their answers. */
    async getModuleForLearner({ viewer, moduleId }: { viewer: Viewer; moduleId: string }): Promise<LearnerModule> {
      const { module, product } = await learnableModule(viewer, moduleId);
      const productVersion = await versionOf(product, module.productVersionId);
      const content = module.sections as Record<string, string>;
      const check = module.knowledgeCheck as KnowledgeCheck;
      return {
        id: module.id,
        productId: product.id,
        productName: product.name,
        productVersionId: productVersion.id,
        versionLabel: productVersion.label,
        sections: planProductModule(deps.framework(), product).map((s) => {
          const markdown = [renderPrefill(factsOf(product), s.prefillFields), ownValue(content, s.requirementId)].filter((part) => part.trim() !== '').join('\n\n');
          return { requirementId: s.requirementId, statement: s.statement, markdown, html: renderModuleMarkdown(markdown) };
        }),
        questions: check.questions.map((q) => ({ id: q.id, prompt: q.prompt, kind: q.kind, options: q.options.map((o) => ({ id: o.id, text: o.text })) })),
        passMarkPercent: check.passMarkPercent,
      };
    },

    /** Marks and records an attempt against the module's product version; attempts are never changed. */
    async submitAttempt({ viewer, moduleId, input }: { viewer: Viewer; moduleId: string; input: unknown }): Promise<AttemptResult> {
      const { module } = await learnableModule(viewer, moduleId);
      const { answers } = parseInput(attemptInputSchema, input, 'The answers have problems.');
      const check = module.knowledgeCheck as KnowledgeCheck;
      let score;
      try {
        score = scoreAttempt(check, answers);
      } catch (error) {
        if (error instanceof AttemptInputError) throw new AppError('invalid', 'These answers do not match the knowledge check; reload it and try again.', [{ field: 'answers', message: error.message }]);
        throw error;
      }
      const attempt = await repo.insertAttempt({
        organisationId: viewer.organisationId,
        personId: viewer.personId,
        moduleId: module.id,
        productVersionId: module.productVersionId,
        answers,
        correct: score.correct,
        total: score.total,
        passed: score.passed,
        attemptedAt: now(),
      });
      // Passing what was owed is acting on the notices about it: once nothing is owed, they are read.
      const isOwed = (p: { status: string }) => p.status === 'due' || p.status === 'overdue' || p.status === 'not-started';
      if (score.passed && deps.notifications && !(await currency.myProducts({ viewer })).some(isOwed)) {
        await deps.notifications.markReadAbout({ personId: viewer.personId, link: MY_PRODUCTS_PATH });
      }
      return {
        attemptId: attempt.id,
        correct: score.correct,
        total: score.total,
        percent: score.percent,
        passed: score.passed,
        passMarkPercent: check.passMarkPercent,
        wrongQuestionIds: score.results.filter((r) => !r.correct).map((r) => r.questionId),
      };
    },

    /**
     * One of the viewer's own attempts at this module, as it was marked: the score is what was
     * recorded; the questions to revisit are worked out again from the recorded answers (never
     * with the right answers). Anyone else's attempt, or one of another module, is not found.
     */
    async getAttemptResult({ viewer, moduleId, attemptId }: { viewer: Viewer; moduleId: string; attemptId: string }): Promise<AttemptResult> {
      const { module } = await learnableModule(viewer, moduleId);
      const attempt = isUuid(attemptId) ? await repo.findAttemptOfPerson(viewer.personId, attemptId) : undefined;
      if (!attempt || attempt.moduleId !== module.id) throw new AppError('not_found', 'There is no such attempt, or it is not yours.');
      const check = module.knowledgeCheck as KnowledgeCheck;
      let wrongQuestionIds: string[] = [];
      try {
        wrongQuestionIds = scoreAttempt(check, attempt.answers as Record<string, string[]>).results.filter((r) => !r.correct).map((r) => r.questionId);
      } catch (error) {
        // The check was edited since in a way the old answers no longer fit: the recorded score stands.
        if (!(error instanceof AttemptInputError)) throw error;
      }
      return {
        attemptId: attempt.id,
        correct: attempt.correct,
        total: attempt.total,
        percent: attempt.total === 0 ? 0 : Math.floor((attempt.correct * 100) / attempt.total),
        passed: attempt.passed,
        passMarkPercent: check.passMarkPercent,
        wrongQuestionIds,
      };
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
  return { intendedUse, inclusionCriteria, exclusionCriteria, clinicalDecisionMaking, autonomy, deviceClass, marking, explanations, limitations, outlierSituations, contacts, errorReporting, fallbackPathway, decisionRecording };
}

/** Own keys only: requirement ids come from a document and could be "constructor". */
function ownValue(record: Record<string, string>, key: string): string {
  return Object.hasOwn(record, key) ? (record[key] ?? '') : '';
}

