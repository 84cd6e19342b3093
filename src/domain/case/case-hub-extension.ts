import { z } from 'zod';
import {
  frameworkDocumentSchema,
  questionSchema,
  questionSetSchema,
  requirementSchema,
} from '../framework/framework-document.ts';

/**
 * The hub's CASE extension. CASE allows an `extensions` object on every CFDocument and CFItem;
 * the hub writes its own semantics under ONE key, `aiConfidenceHub`, so that a package exported
 * by the hub re-imports as exactly the same FrameworkDocument while other CASE tools simply
 * ignore it.
 *
 * CFDocument.extensions.aiConfidenceHub — everything in the FrameworkDocument except the
 * requirements and the questions themselves, which travel as CFItems:
 *   { formatVersion: 1, id, version, title, description, source, taxonomy, factors, archetypes,
 *     topics?, advancedMatrix, advancedMatrixNotes, personas, caseStudy?, mdt?,
 *     questionSets: [{ id, title, archetype, source }] }
 *
 * CFItem.extensions.aiConfidenceHub — what the item stands for, keyed by `node`:
 *   { node: 'tier', tier, archetype }                       grouping per tier / archetype
 *   { node: 'factor', tier, archetype, factor }             factor grouping inside a tier
 *   { node: 'requirement', id, tier, archetype, factor, kind, level, topic?, source, notes }
 *   { node: 'question-set', set }
 *   { node: 'question', id, set, factor, source }
 * A requirement's statement is its CFItem.fullStatement and a question's text is its
 * fullStatement (R11: the printed text lives in the standard field, verbatim). The original
 * order is the isChildOf sequenceNumber (see case-export.ts).
 *
 * Topics (and a requirement's topic) are optional additions, not an incompatible change: packages
 * from before topics still import, as documents without topics. A topic's label also goes into
 * the requirement's conceptKeywords for CASE tools that do not read the extension.
 *
 * Bump `formatVersion` on any incompatible change; the importer rejects versions it does not know.
 */
export const HUB_EXTENSION_KEY = 'aiConfidenceHub';
export const HUB_EXTENSION_FORMAT_VERSION = 1;

const questionSetMetaSchema = questionSetSchema.omit({ questions: true });

export const hubDocumentExtensionSchema = frameworkDocumentSchema
  .omit({ requirements: true, questionSets: true })
  .extend({
    formatVersion: z.literal(HUB_EXTENSION_FORMAT_VERSION),
    questionSets: z.array(questionSetMetaSchema),
  });

const tierNodeSchema = requirementSchema.pick({ tier: true, archetype: true });

export const hubItemExtensionSchema = z.discriminatedUnion('node', [
  tierNodeSchema.extend({ node: z.literal('tier') }),
  tierNodeSchema.extend({ node: z.literal('factor'), factor: z.string() }),
  requirementSchema.omit({ statement: true }).extend({ node: z.literal('requirement') }),
  z.object({ node: z.literal('question-set'), set: z.string() }),
  questionSchema.omit({ text: true }).extend({ node: z.literal('question'), set: z.string() }),
]);

export type HubDocumentExtension = z.infer<typeof hubDocumentExtensionSchema>;
export type HubItemExtension = z.infer<typeof hubItemExtensionSchema>;
export type HubNodeKind = HubItemExtension['node'];

/** The hub extension value on a CASE object, if any (unvalidated: callers parse it). */
export function readHubExtension(owner: { extensions?: Record<string, unknown> | undefined }): unknown {
  return owner.extensions?.[HUB_EXTENSION_KEY];
}
