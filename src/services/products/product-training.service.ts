import { validate as isUuid } from 'uuid';
import { stringify } from 'csv-stringify/sync';
import { z } from 'zod';
import type { Database } from '../../db/client.ts';
import type { OrganisationRepository } from '../../db/organisation.repository.ts';
import type { DeploymentRecord, ProductRepository, ProductRow, ProductVersionRow } from '../../db/product.repository.ts';
import type { ModuleRow, PassRecord, ProductTrainingRepository } from '../../db/product-training.repository.ts';
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
  summariseCurrency,
  trainingCurrency,
} from '../../domain/products/index.ts';
import type { CheckProblem, CheckQuestion, CurrencyCounts, CurrencyStatus, KnowledgeCheck, ModuleSection, ProductFacts, ProductVersion, VersionChange } from '../../domain/products/index.ts';
import { AppError } from '../../errors.ts';
import type { AuditLog } from '../assessment/ports.ts';
import type { Viewer } from '../identity/viewer.ts';
import { createProductAccess } from './product-access.ts';
import { renderModuleMarkdown } from './module-markdown.ts';
import { parseInput } from './product-input.ts';

/**
 * Product training (R8): Embedders write a module for each product version, one section per
 * Table 2 statement that applies (R3) with the product's recorded facts pulled in, and a short
 * knowledge check; staff who use the product take it; managers see who is current.
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

type VersionRef = { id: string; label: string } | null;

export interface CurrencyRow {
  personId: string;
  displayName: string;
  deploymentId: string;
  productName: string;
  organisationName: string;
  status: CurrencyStatus;
  requiredVersion: VersionRef;
  lastPassedVersion: VersionRef;
  dueBy: Date | null;
  whatChanged: VersionChange[];
}

export interface DeploymentCurrency {
  deployment: DeploymentRecord;
  rows: CurrencyRow[];
  counts: CurrencyCounts;
}

export interface OrganisationCurrency {
  organisation: { id: string; name: string };
  deployments: Array<{ deployment: DeploymentRecord; counts: CurrencyCounts }>;
  rows: CurrencyRow[];
  counts: CurrencyCounts;
}

export interface MyProduct {
  deployment: DeploymentRecord;
  liveVersion: VersionRef;
  status: CurrencyStatus;
  dueBy: Date | null;
  whatChanged: VersionChange[];
  /** The published module whose pass would make (or keep) the viewer current; null when there is none yet. */
  module: { id: string; productVersionId: string; versionLabel: string } | null;
}

/** A product a person uses where training is needed now (a piloting or live deployment), and whether theirs is current. */
export interface ProductUseRecord {
  productId: string;
  productName: string;
  clinicalDecisionMaking: boolean;
  /** Current on every deployment of the product they use: what makes its Table 2 statements met (R8). */
  current: boolean;
}

export interface CsvFile {
  filename: string;
  contentType: string;
  body: string;
}

const CSV_COLUMNS = ['person', 'product', 'deployment organisation', 'status', 'required version', 'last passed version', 'due by'] as const;
const moduleNotFound = () => new AppError('not_found', 'There is no such training module, or you cannot see it.');
const deploymentNotFound = () => new AppError('not_found', 'There is no such deployment, or you cannot see it.');

export function createProductTrainingService(deps: ProductTrainingServiceDeps) {
  const repo = deps.trainingRepository;
  const products = deps.productRepository;
  const access = createProductAccess(deps);
  const now = deps.now ?? (() => new Date());

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

  async function currencyOf(deployment: DeploymentRecord): Promise<DeploymentCurrency> {
    const versions = (await products.listVersions(deployment.productId)).map(toProductVersion);
    const users = await products.listDeploymentUsers(deployment.id);
    const passes = await repo.listPassesOfPeople(
      users.map((u) => u.personId),
      deployment.productId,
    );
    const at = now();
    const rows = users.map((user): CurrencyRow => {
      const c = trainingCurrency({ versions, deployment, passes: passes.filter((p) => p.personId === user.personId), dueBy: user.dueBy, now: at });
      return {
        personId: user.personId,
        displayName: user.displayName,
        deploymentId: deployment.id,
        productName: deployment.productName,
        organisationName: deployment.organisationName,
        status: c.status,
        requiredVersion: refTo(versions, c.requiredVersionId),
        lastPassedVersion: refTo(versions, c.lastPassedVersionId),
        dueBy: c.dueBy,
        whatChanged: c.whatChanged,
      };
    });
    return { deployment, rows, counts: summariseCurrency(rows.map((r) => r.status)) };
  }

  async function managedDeployment(viewer: Viewer, deploymentId: string): Promise<DeploymentRecord> {
    const deployment = isUuid(deploymentId) ? await products.findDeployment(deploymentId) : undefined;
    if (!deployment || !(await access.mayManageIn(viewer, deployment.organisationId))) throw deploymentNotFound();
    return deployment;
  }

  async function organisationCurrency(viewer: Viewer, organisationId: string): Promise<OrganisationCurrency> {
    const organisation = isUuid(organisationId) ? await deps.organisationRepository.getOrganisation(organisationId) : undefined;
    if (!organisation || !(await access.mayManageIn(viewer, organisation.id))) throw new AppError('not_found', 'There is no such organisation, or you cannot see it.');
    const deployments = await repo.listDeploymentsIn(await deps.organisationRepository.listSubtreeIds(organisation.id));
    const perDeployment: DeploymentCurrency[] = [];
    for (const deployment of deployments) perDeployment.push(await currencyOf(deployment));
    const rows = perDeployment.flatMap((d) => d.rows);
    return { organisation: { id: organisation.id, name: organisation.name }, deployments: perDeployment.map(({ deployment, counts }) => ({ deployment, counts })), rows, counts: summariseCurrency(rows.map((r) => r.status)) };
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

    /** Each current user's training currency for a deployment, with counts. Managers of its organisation only. */
    async currencyForDeployment({ viewer, deploymentId }: { viewer: Viewer; deploymentId: string }): Promise<DeploymentCurrency> {
      return currencyOf(await managedDeployment(viewer, deploymentId));
    },

    /** Currency across every deployment in an organisation and beneath it. Its managers only. */
    async currencyForOrganisation({ viewer, organisationId }: { viewer: Viewer; organisationId: string }): Promise<OrganisationCurrency> {
      return organisationCurrency(viewer, organisationId);
    },

    async exportDeploymentCurrency({ viewer, deploymentId }: { viewer: Viewer; deploymentId: string }): Promise<CsvFile> {
      const { rows } = await currencyOf(await managedDeployment(viewer, deploymentId));
      return { filename: `training-currency-${deploymentId}.csv`, contentType: 'text/csv; charset=utf-8', body: currencyCsv(rows) };
    },

    async exportOrganisationCurrency({ viewer, organisationId }: { viewer: Viewer; organisationId: string }): Promise<CsvFile> {
      const { rows } = await organisationCurrency(viewer, organisationId);
      return { filename: `training-currency-${organisationId}.csv`, contentType: 'text/csv; charset=utf-8', body: currencyCsv(rows) };
    },

    /** "Your AI products": each deployment the viewer uses, their currency, what changed and the module to take. */
    myProducts: ({ viewer }: { viewer: Viewer }): Promise<MyProduct[]> => productsOf(viewer.personId),

    /**
     * The products whose Table 2 requirements apply to a person (tier product-specific): those of
     * the deployments they use that are piloting or live. For self-assessment and journeys, which
     * check first that the caller may see the person. Evaluating or withdrawn deployments ask nothing.
     */
    async productUsesOf(personId: string): Promise<ProductUseRecord[]> {
      const uses = new Map<string, ProductUseRecord>();
      for (const mine of await productsOf(personId)) {
        if (mine.status === 'not-required') continue;
        const { productId, productName } = mine.deployment;
        const known = uses.get(productId);
        if (known) {
          known.current &&= mine.status === 'current';
          continue;
        }
        const product = await products.findProduct(productId);
        if (!product) continue;
        uses.set(productId, { productId, productName, clinicalDecisionMaking: product.clinicalDecisionMaking, current: mine.status === 'current' });
      }
      return [...uses.values()].sort((a, b) => a.productName.localeCompare(b.productName));
    },
  };

  /** Each deployment a person uses, with their training currency, what changed and the module to take. */
  async function productsOf(personId: string): Promise<MyProduct[]> {
    const mine = await products.listDeploymentsOfPerson(personId);
    const at = now();
    const result: MyProduct[] = [];
    for (const { link, deployment } of mine) {
      const versions = (await products.listVersions(deployment.productId)).map(toProductVersion);
      const passes: PassRecord[] = await repo.listPassesOfPerson(personId, deployment.productId);
      const c = trainingCurrency({ versions, deployment, passes, dueBy: link.dueBy, now: at });
      const modules = (await repo.listModulesOfProduct(deployment.productId)).filter((m) => m.status === 'published');
      result.push({
        deployment,
        liveVersion: refTo(versions, deployment.liveVersionId),
        status: c.status,
        dueBy: c.dueBy,
        whatChanged: c.whatChanged,
        module: moduleToTake(versions, modules, c.requiredVersionId, deployment.liveVersionId),
      });
    }
    return result;
  }

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

function toProductVersion(v: ProductVersionRow): ProductVersion {
  return { id: v.id, label: v.label, releasedOn: v.releasedOn, trainingImpact: v.trainingImpact, releaseNotes: v.releaseNotes, affectedTopics: v.affectedTopics };
}

function refTo(versions: readonly ProductVersion[], id: string | null): VersionRef {
  const version = id === null ? undefined : versions.find((v) => v.id === id);
  return version ? { id: version.id, label: version.label } : null;
}

/** The latest published module from the required version up to the live one: passing it makes the learner current. */
function moduleToTake(versions: readonly ProductVersion[], modules: readonly ModuleRow[], requiredVersionId: string | null, liveVersionId: string | null): MyProduct['module'] {
  if (liveVersionId === null) return null;
  const position = new Map(versions.map((v, i) => [v.id, i]));
  const from = requiredVersionId === null ? 0 : (position.get(requiredVersionId) ?? 0);
  const to = position.get(liveVersionId) ?? -1;
  const candidates = modules.filter((m) => {
    const at = position.get(m.productVersionId);
    return at !== undefined && at >= from && at <= to;
  });
  const best = candidates.sort((a, b) => (position.get(b.productVersionId) ?? 0) - (position.get(a.productVersionId) ?? 0))[0];
  return best ? { id: best.id, productVersionId: best.productVersionId, versionLabel: versions[position.get(best.productVersionId) ?? 0]?.label ?? '' } : null;
}

/** Spreadsheet apps run cells that start like a formula; a leading apostrophe keeps them text. */
function safeCell(value: string): string {
  return /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
}

function currencyCsv(rows: readonly CurrencyRow[]): string {
  const cells = rows.map((r) => [r.displayName, r.productName, r.organisationName, r.status, r.requiredVersion?.label ?? '', r.lastPassedVersion?.label ?? '', r.dueBy ? r.dueBy.toISOString().slice(0, 10) : ''].map(safeCell));
  return stringify([[...CSV_COLUMNS], ...cells]);
}
