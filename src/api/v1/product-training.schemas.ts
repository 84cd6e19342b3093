import { z } from 'zod';
import { TRAINING_IMPACTS } from '../../db/tables/products.ts';
import { CURRENCY_STATUSES } from '../../domain/products/index.ts';
import type { CurrencyCounts, VersionChange } from '../../domain/products/index.ts';
import type { CurrencyRow, DeploymentCurrency, LearnerModule, ModuleDraft, MyProduct, OrganisationCurrency } from '../../services/products/product-training.service.ts';
import { attemptInputSchema, knowledgeCheckInputSchema, moduleInputSchema } from '../../services/products/product-training.service.ts';
import { deploymentSchema, toDeploymentJson } from './product.schemas.ts';

/** Schemas of the product training API: module authoring, learners' attempts and training currency. */

export const moduleParams = z.object({ id: z.string().max(60), versionId: z.string().max(60) });
export const moduleSaveRequest = moduleInputSchema.extend({ version: z.number().int().optional().describe('The module version you edited; required once it exists, and a stale one is a 409.') });
export const publishRequest = z.object({ version: z.number().int().optional().describe('The module version you checked; a stale one is a 409.') });
export const attemptRequest = attemptInputSchema;
export const currencyQuery = z.object({ format: z.enum(['json', 'csv']).default('json').describe('csv downloads the list.') });

const versionRef = z.object({ id: z.guid(), label: z.string() }).nullable();
const versionChangeSchema = z.object({ versionId: z.guid(), label: z.string(), trainingImpact: z.enum(TRAINING_IMPACTS), releaseNotes: z.string(), affectedTopics: z.array(z.string()) });
const countsSchema = z.object({ current: z.number().int(), due: z.number().int(), overdue: z.number().int(), 'not-started': z.number().int(), 'not-required': z.number().int(), total: z.number().int(), required: z.number().int() });

export const moduleDraftSchema = z.object({
  moduleId: z.guid().nullable(),
  productId: z.guid(),
  productVersion: z.object({ id: z.guid(), label: z.string() }),
  status: z.enum(['draft', 'published']).nullable().describe('Null until the module is first saved.'),
  version: z.number().int().nullable(),
  sections: z.array(z.object({ requirementId: z.string(), statement: z.string(), topicId: z.string(), level: z.string(), prefill: z.string(), content: z.string(), needsOwnWords: z.boolean().describe('Pulled-in facts alone never complete it: it needs content.'), needsReview: z.boolean().describe('Copied from the previous version on a topic this version changes: edit it, or confirm it in `reviewed`, before publishing.') })),
  knowledgeCheck: knowledgeCheckInputSchema,
  latestRevision: z.object({ number: z.number().int(), publishedAt: z.string() }).nullable().describe('What learners read now.'),
  hasUnpublishedChanges: z.boolean().describe('The working copy differs from what learners read; publishing makes a new revision.'),
  copiedFrom: z.object({ id: z.guid(), label: z.string() }).nullable(),
  publishProblems: z.array(z.object({ field: z.string(), message: z.string() })),
});
export const learnerModuleSchema = z.object({
  id: z.guid(),
  product: z.object({ id: z.guid(), name: z.string() }),
  productVersion: z.object({ id: z.guid(), label: z.string() }),
  revision: z.object({ id: z.guid().nullable(), number: z.number().int(), publishedAt: z.string() }).describe('The published revision shown; send its id with the answers.'),
  sections: z.array(z.object({ requirementId: z.string(), statement: z.string(), markdown: z.string(), html: z.string().describe('Safe HTML: raw HTML and unsafe links are not rendered.') })),
  questions: z.array(z.object({ id: z.string(), prompt: z.string(), kind: z.enum(['single', 'multiple']), options: z.array(z.object({ id: z.string(), text: z.string() })) })),
  passMarkPercent: z.number().int(),
});
/** Ids are checked by the service (an unknown or malformed one is simply not found). */
export const attemptParams = z.object({ id: z.string().max(60), attemptId: z.string().max(60) });

export const attemptResultSchema = z.object({
  attemptId: z.guid(),
  correct: z.number().int(),
  total: z.number().int(),
  percent: z.number().int(),
  passed: z.boolean(),
  passMarkPercent: z.number().int(),
  wrongQuestionIds: z.array(z.string()),
  revision: z.object({ number: z.number().int(), publishedAt: z.string() }).nullable().describe('The revision the attempt was made on.'),
});
export const currencyRowSchema = z.object({
  person: z.object({ id: z.guid(), displayName: z.string() }),
  deploymentId: z.guid(),
  product: z.string(),
  organisation: z.string(),
  status: z.enum(CURRENCY_STATUSES),
  requiredVersion: versionRef,
  lastPassedVersion: versionRef,
  dueBy: z.string().nullable(),
  whatChanged: z.array(versionChangeSchema),
});
export const deploymentCurrencySchema = z.object({ deployment: deploymentSchema, counts: countsSchema, users: z.array(currencyRowSchema) });
export const organisationCurrencySchema = z.object({
  organisation: z.object({ id: z.guid(), name: z.string() }),
  counts: countsSchema,
  deployments: z.array(z.object({ deployment: deploymentSchema, counts: countsSchema })),
  users: z.array(currencyRowSchema),
});
export const myProductTrainingSchema = z.object({
  deployment: deploymentSchema,
  liveVersion: versionRef,
  status: z.enum(CURRENCY_STATUSES),
  dueBy: z.string().nullable(),
  whatChanged: z.array(versionChangeSchema),
  module: z.object({ id: z.guid(), productVersionId: z.guid(), versionLabel: z.string() }).nullable(),
});

const toChange = (c: VersionChange) => ({ ...c, affectedTopics: [...c.affectedTopics] });
const toCounts = (c: CurrencyCounts) => ({ ...c });

export function toModuleDraftJson(d: ModuleDraft): z.infer<typeof moduleDraftSchema> {
  return {
    moduleId: d.module?.id ?? null,
    productId: d.product.id,
    productVersion: { id: d.productVersion.id, label: d.productVersion.label },
    status: d.module?.status ?? null,
    version: d.module?.version ?? null,
    sections: d.sections.map((s) => ({ requirementId: s.requirementId, statement: s.statement, topicId: s.topicId, level: s.level, prefill: s.prefill, content: s.content, needsOwnWords: s.needsOwnWords, needsReview: s.needsReview })),
    knowledgeCheck: d.knowledgeCheck,
    latestRevision: d.latestRevision ? { number: d.latestRevision.number, publishedAt: d.latestRevision.publishedAt.toISOString() } : null,
    hasUnpublishedChanges: d.hasUnpublishedChanges,
    copiedFrom: d.copiedFrom,
    publishProblems: d.publishProblems,
  };
}

export function toLearnerModuleJson(m: LearnerModule): z.infer<typeof learnerModuleSchema> {
  return { id: m.id, product: { id: m.productId, name: m.productName }, productVersion: { id: m.productVersionId, label: m.versionLabel }, revision: { id: m.revision.id, number: m.revision.number, publishedAt: m.revision.publishedAt.toISOString() }, sections: m.sections, questions: m.questions, passMarkPercent: m.passMarkPercent };
}

export function toCurrencyRowJson(r: CurrencyRow): z.infer<typeof currencyRowSchema> {
  return {
    person: { id: r.personId, displayName: r.displayName },
    deploymentId: r.deploymentId,
    product: r.productName,
    organisation: r.organisationName,
    status: r.status,
    requiredVersion: r.requiredVersion,
    lastPassedVersion: r.lastPassedVersion,
    dueBy: r.dueBy?.toISOString() ?? null,
    whatChanged: r.whatChanged.map(toChange),
  };
}

export function toDeploymentCurrencyJson(c: DeploymentCurrency): z.infer<typeof deploymentCurrencySchema> {
  return { deployment: toDeploymentJson(c.deployment), counts: toCounts(c.counts), users: c.rows.map(toCurrencyRowJson) };
}

export function toMyProductJson(p: MyProduct): z.infer<typeof myProductTrainingSchema> {
  return { deployment: toDeploymentJson(p.deployment), liveVersion: p.liveVersion, status: p.status, dueBy: p.dueBy?.toISOString() ?? null, whatChanged: p.whatChanged.map(toChange), module: p.module };
}

export function toOrganisationCurrencyJson(c: OrganisationCurrency): z.infer<typeof organisationCurrencySchema> {
  return { organisation: c.organisation, counts: toCounts(c.counts), deployments: c.deployments.map((d) => ({ deployment: toDeploymentJson(d.deployment), counts: toCounts(d.counts) })), users: c.rows.map(toCurrencyRowJson) };
}
