import { validate as isUuid } from 'uuid';
import { z } from 'zod';
import type { Database } from '../../db/client.ts';
import type { ProductRepository, ProductRow, ProductVersionRow } from '../../db/product.repository.ts';
import type { ModuleRow, ProductTrainingRepository, RevisionRow } from '../../db/product-training.repository.ts';
import { inTransaction } from '../../db/transaction.ts';
import type { FrameworkIndex } from '../../domain/framework/framework-index.ts';
import { AttemptInputError, planProductModule, scoreAttempt } from '../../domain/products/index.ts';
import type { CheckQuestion, KnowledgeCheck, LearnerSection, ProductFacts } from '../../domain/products/index.ts';
import { AppError } from '../../errors.ts';
import type { Viewer } from '../identity/viewer.ts';
import type { ProductAccess } from './product-access.ts';
import { renderModuleMarkdown } from './module-markdown.ts';
import { snapshotOf } from './module-revisions.ts';
import { parseInput } from './product-input.ts';
import type { InsightContributions } from '../insight/insight-contributions.ts';
import type { Awards } from '../credentials/awards.ts';

/**
 * Learners taking a product module (R8): they read its latest published revision, never the
 * working copy Embedders edit, and each attempt is marked against, and records, the revision
 * they read (issue 11).
 */

export const attemptInputSchema = z.object({
  answers: z.record(z.string().max(60), z.array(z.string().max(60)).max(20)),
  revisionId: z.string().max(60).optional().describe('The revision you read (from the module); the latest when left out.'),
});

export interface RevisionRef {
  /** Null only for a module published before revisions were kept, until its first attempt records one. */
  id: string | null;
  number: number;
  publishedAt: Date;
}

export interface LearnerModule {
  id: string;
  productId: string;
  productName: string;
  productVersionId: string;
  versionLabel: string;
  revision: RevisionRef;
  sections: Array<LearnerSection & { html: string }>;
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
  /** The revision the attempt was made on; null for attempts from before revisions were kept. */
  revision: Omit<RevisionRef, 'id'> | null;
}

export interface ModuleLearningDeps {
  db: Database;
  trainingRepository: ProductTrainingRepository;
  productRepository: Pick<ProductRepository, 'findProduct' | 'listVersions' | 'listDeploymentsOfPerson'>;
  access: Pick<ProductAccess, 'canSee'>;
  framework: () => FrameworkIndex;
  factsOf: (product: ProductRow) => ProductFacts;
  now: () => Date;
  /** Keeps workforce insight's training currency and Table 2 standing current, in the change's transaction. */
  contributions?: Pick<InsightContributions, 'refreshProductUse'> | undefined;
  /** Issues the Open Badges credential for a pass, in the attempt's transaction (issue 16 §2). */
  awards?: Pick<Awards, 'modulePassed'> | undefined;
}

const moduleNotFound = () => new AppError('not_found', 'There is no such training module, or you cannot see it.');

/** What a revision holds, typed; the jsonb columns were written by this service only. */
function revisionContent(revision: Pick<RevisionRow, 'sections' | 'knowledgeCheck'>): { sections: LearnerSection[]; check: KnowledgeCheck } {
  return { sections: revision.sections as LearnerSection[], check: revision.knowledgeCheck as KnowledgeCheck };
}

export function createModuleLearning(deps: ModuleLearningDeps) {
  const repo = deps.trainingRepository;
  const products = deps.productRepository;

  /** A published module the viewer may take: they can see its product, or use a deployment of it. */
  async function learnableModule(viewer: Viewer, moduleId: string): Promise<{ module: ModuleRow; product: ProductRow }> {
    const module = isUuid(moduleId) ? await repo.findModule(moduleId) : undefined;
    if (!module || module.status !== 'published') throw moduleNotFound();
    const product = await products.findProduct(module.productId);
    if (!product) throw moduleNotFound();
    if (await deps.access.canSee(viewer, product)) return { module, product };
    const uses = (await products.listDeploymentsOfPerson(viewer.personId)).some((d) => d.deployment.productId === product.id);
    if (!uses) throw moduleNotFound();
    return { module, product };
  }

  /** The snapshot a module published before revisions were kept would have had: its content now. */
  function legacySnapshot(module: ModuleRow, product: ProductRow) {
    return snapshotOf(planProductModule(deps.framework(), product), module.sections as Record<string, string>, deps.factsOf(product), module.knowledgeCheck as KnowledgeCheck);
  }

  /** The revision an attempt answers: the one named (of this module), else the latest; a legacy module gets its first here. */
  async function revisionToMark(tx: Database, module: ModuleRow, product: ProductRow, revisionId: string | undefined): Promise<RevisionRow> {
    if (revisionId !== undefined && revisionId !== '') {
      const named = isUuid(revisionId) ? await repo.findRevision(revisionId, tx) : undefined;
      if (!named || named.moduleId !== module.id) throw new AppError('invalid', 'These answers are for a version of the module that does not exist; reload it and try again.', [{ field: 'revisionId', message: 'Reload the module and answer again' }]);
      return named;
    }
    const latest = await repo.findLatestRevision(module.id, tx);
    if (latest) return latest;
    const snapshot = legacySnapshot(module, product);
    return repo.insertRevision({ organisationId: module.organisationId, moduleId: module.id, productVersionId: module.productVersionId, number: 1, ...snapshot, publishedBy: module.createdBy, publishedAt: module.publishedAt ?? deps.now() }, tx);
  }

  async function versionOf(product: ProductRow, productVersionId: string): Promise<ProductVersionRow> {
    const version = (await products.listVersions(product.id)).find((v) => v.id === productVersionId);
    if (!version) throw new AppError('not_found', 'There is no such version of this product.');
    return version;
  }

  return {
    /** A published module as a learner sees it: its latest revision, rendered safely, questions without their answers. */
    async getModuleForLearner({ viewer, moduleId }: { viewer: Viewer; moduleId: string }): Promise<LearnerModule> {
      const { module, product } = await learnableModule(viewer, moduleId);
      const productVersion = await versionOf(product, module.productVersionId);
      const latest = await repo.findLatestRevision(module.id);
      const { sections, check } = latest ? revisionContent(latest) : { sections: legacySnapshot(module, product).sections, check: module.knowledgeCheck as KnowledgeCheck };
      return {
        id: module.id,
        productId: product.id,
        productName: product.name,
        productVersionId: productVersion.id,
        versionLabel: productVersion.label,
        revision: latest ? { id: latest.id, number: latest.number, publishedAt: latest.publishedAt } : { id: null, number: 1, publishedAt: module.publishedAt ?? module.updatedAt },
        sections: sections.map((s) => ({ ...s, html: renderModuleMarkdown(s.markdown) })),
        questions: check.questions.map((q) => ({ id: q.id, prompt: q.prompt, kind: q.kind, options: q.options.map((o) => ({ id: o.id, text: o.text })) })),
        passMarkPercent: check.passMarkPercent,
      };
    },

    /** Marks an attempt against the revision the learner read and records both; attempts are never changed. */
    async submitAttempt({ viewer, moduleId, input }: { viewer: Viewer; moduleId: string; input: unknown }): Promise<AttemptResult> {
      const { module, product } = await learnableModule(viewer, moduleId);
      const { answers, revisionId } = parseInput(attemptInputSchema, input, 'The answers have problems.');
      return inTransaction(deps.db, async (tx) => {
        const revision = await revisionToMark(tx, module, product, revisionId);
        const { check } = revisionContent(revision);
        let score;
        try {
          score = scoreAttempt(check, answers);
        } catch (error) {
          if (error instanceof AttemptInputError) throw new AppError('invalid', 'These answers do not match the knowledge check; reload it and try again.', [{ field: 'answers', message: error.message }]);
          throw error;
        }
        const attempt = await repo.insertAttempt(
          { organisationId: viewer.organisationId, personId: viewer.personId, moduleId: module.id, productVersionId: module.productVersionId, revisionId: revision.id, answers, correct: score.correct, total: score.total, passed: score.passed, attemptedAt: deps.now() },
          tx,
        );
        if (score.passed) {
          await deps.contributions?.refreshProductUse(tx, [viewer.personId]);
          await deps.awards?.modulePassed(tx, {
            organisationId: viewer.organisationId, personId: viewer.personId, moduleId: module.id, productName: product.name, productVersionId: module.productVersionId,
            correct: score.correct, total: score.total, passMarkPercent: check.passMarkPercent, at: attempt.attemptedAt,
          });
        }
        return {
          attemptId: attempt.id,
          correct: score.correct,
          total: score.total,
          percent: score.percent,
          passed: score.passed,
          passMarkPercent: check.passMarkPercent,
          wrongQuestionIds: score.results.filter((r) => !r.correct).map((r) => r.questionId),
          revision: { number: revision.number, publishedAt: revision.publishedAt },
        };
      });
    },

    /**
     * One of the viewer's own attempts at this module, as it was marked, against the revision it
     * was made on. Anyone else's attempt, or one of another module, is not found.
     */
    async getAttemptResult({ viewer, moduleId, attemptId }: { viewer: Viewer; moduleId: string; attemptId: string }): Promise<AttemptResult> {
      const { module } = await learnableModule(viewer, moduleId);
      const attempt = isUuid(attemptId) ? await repo.findAttemptOfPerson(viewer.personId, attemptId) : undefined;
      if (!attempt || attempt.moduleId !== module.id) throw new AppError('not_found', 'There is no such attempt, or it is not yours.');
      const revision = attempt.revisionId === null ? undefined : await repo.findRevision(attempt.revisionId);
      const check = revision ? revisionContent(revision).check : (module.knowledgeCheck as KnowledgeCheck);
      let wrongQuestionIds: string[] = [];
      try {
        wrongQuestionIds = scoreAttempt(check, attempt.answers as Record<string, string[]>).results.filter((r) => !r.correct).map((r) => r.questionId);
      } catch (error) {
        // An attempt from before revisions were kept, on a check edited since: the recorded score stands.
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
        revision: revision ? { number: revision.number, publishedAt: revision.publishedAt } : null,
      };
    },
  };
}
