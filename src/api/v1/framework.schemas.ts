import { z } from 'zod';
import { KINDS, TIERS, topicSchema } from '../../domain/framework/framework-document.ts';
import { CASE_WARNING_LABELS } from '../../domain/case/case-warnings.ts';
import type { CaseWarningCode } from '../../domain/case/case-warnings.ts';
import { EXPORT_FORMATS, IMPORT_FORMATS } from '../../services/framework.service.ts';

/** Request schemas for the framework API: they validate input and describe it in the OpenAPI document. */
export const frameworkIdParams = z.object({ frameworkId: z.string().min(1).max(120) });
export const versionQuery = z.object({
  version: z.string().min(1).max(60).optional().describe('A framework version; the latest when absent.'),
});
export const requirementFilterQuery = versionQuery.extend({
  tier: z.enum(TIERS).optional(),
  archetype: z.string().min(1).max(60).optional().describe('An archetype id, e.g. driver.'),
  factor: z.string().min(1).max(60).optional().describe('A factor id; a top-level factor includes its sub-factors.'),
  kind: z.enum(KINDS).optional(),
  level: z.string().min(1).max(60).optional().describe('A level id: awareness, familiarity, understanding, capability or proficiency.'),
  q: z.string().min(1).max(200).optional().describe('Words that must all appear in the statement.'),
});
export const exportQuery = versionQuery.extend({ format: z.enum(EXPORT_FORMATS).default('json') });
export const requirementParams = frameworkIdParams.extend({ requirementId: z.string().min(1).max(60) });
export const archetypeParams = frameworkIdParams.extend({ archetypeId: z.string().min(1).max(60) });
export const questionSetParams = frameworkIdParams.extend({ setId: z.string().min(1).max(60) });

export const frameworkSummarySchema = z.object({
  id: z.string(),
  version: z.string(),
  title: z.string(),
  format: z.enum(['hub', 'case']),
  items: z.number().int(),
});

/** A topic as GET /topics lists it: the subject, and the requirements rated under it. */
export const topicListItemSchema = topicSchema.extend({
  isImplicit: z.boolean().describe('True when the framework defines no topics and the requirement stands as its own topic (its id is the requirement id).'),
  requirements: z.array(z.string()).describe('Ids of the requirements rated under the topic, in document order.'),
});
export type TopicListItem = z.infer<typeof topicListItemSchema>;


/** POST /api/v1/frameworks: what the body holds. */
export const importQuery = z.object({
  format: z.enum(IMPORT_FORMATS).default('case').describe('case: a 1EdTech CASE package (the default); json: a framework in the hub’s own format.'),
});

/** One kind of deviation from CASE at one place in the package, and what the hub did about it. */
export const importWarningSchema = z.object({
  code: z.enum(Object.keys(CASE_WARNING_LABELS) as [CaseWarningCode, ...CaseWarningCode[]]).describe('The kind of deviation.'),
  where: z.string().describe('The place in the package, with list positions as [*], e.g. CFAssociations[*].sequenceNumber.'),
  first: z.string().describe('The first place it occurs, e.g. CFAssociations[15].sequenceNumber.'),
  found: z.string().describe('The value found there, as JSON of at most 60 characters.'),
  did: z.string().describe('What the hub did, e.g. "read as 1".'),
  count: z.number().int().describe('How many times it occurs.'),
});

export const importResultSchema = z.object({
  id: z.string(),
  version: z.string(),
  format: z.enum(['hub', 'case']),
  status: z.enum(['created', 'unchanged']).describe('unchanged when this version was already loaded with the same content.'),
  warnings: z.array(importWarningSchema),
});
