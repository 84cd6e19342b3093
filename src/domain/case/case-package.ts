import { z } from 'zod';

/**
 * The subset of the 1EdTech CASE CFPackage (JSON Schema v1.1, which is a superset of 1.0) that the
 * hub reads and writes. Contract for importing packages published by others:
 * - only what the JSON Schema requires is required here, so any valid package parses;
 * - every object is `loose`: unknown fields (CFRubrics, CFConcepts, vendor fields...) pass through
 *   untouched, so a re-served package loses nothing;
 * - identifiers are any non-empty string, not strictly UUIDs, because some real publishers use
 *   other identifiers and the tree only needs them as keys.
 * Only fields the hub reads or writes are typed; anything else stays `unknown`.
 */

const text = z.string();
const extensionsSchema = z.record(z.string(), z.unknown());

export const caseLinkUriSchema = z
  .object({ title: text, identifier: z.string().min(1), uri: text })
  .loose();

/** Association ends may point at other documents, so `targetType` may be present. */
export const caseLinkGenUriSchema = z
  .object({ title: text, identifier: z.string().min(1), uri: text, targetType: text.optional() })
  .loose();

export const caseDocumentSchema = z
  .object({
    identifier: z.string().min(1),
    uri: text,
    creator: text,
    title: text,
    lastChangeDateTime: text,
    officialSourceURL: text.optional(),
    publisher: text.optional(),
    description: text.optional(),
    language: text.optional(),
    version: text.optional(),
    adoptionStatus: text.optional(),
    notes: text.optional(),
    extensions: extensionsSchema.optional(),
  })
  .loose();

export const caseItemSchema = z
  .object({
    identifier: z.string().min(1),
    fullStatement: text,
    uri: text,
    lastChangeDateTime: text,
    humanCodingScheme: text.optional(),
    abbreviatedStatement: text.optional(),
    listEnumeration: text.optional(),
    CFItemType: text.optional(),
    CFItemTypeURI: caseLinkUriSchema.optional(),
    conceptKeywords: z.array(text).optional(),
    notes: text.optional(),
    language: text.optional(),
    extensions: extensionsSchema.optional(),
  })
  .loose();

export const caseAssociationSchema = z
  .object({
    identifier: z.string().min(1),
    associationType: text,
    uri: text,
    originNodeURI: caseLinkGenUriSchema,
    destinationNodeURI: caseLinkGenUriSchema,
    lastChangeDateTime: text,
    sequenceNumber: z.number().int().optional(),
    extensions: extensionsSchema.optional(),
  })
  .loose();

export const caseItemTypeSchema = z
  .object({
    identifier: z.string().min(1),
    uri: text,
    title: text,
    description: text,
    // Required by CASE, but some publishers leave it out: the tolerant reader keeps such a type
    // (with a warning) rather than inventing a code, so readers of it must not assume one.
    hierarchyCode: text.optional(),
    typeCode: text.optional(),
    lastChangeDateTime: text,
    extensions: extensionsSchema.optional(),
  })
  .loose();

export const caseDefinitionsSchema = z
  .object({ CFItemTypes: z.array(caseItemTypeSchema).optional() })
  .loose();

export const casePackageSchema = z
  .object({
    CFDocument: caseDocumentSchema,
    CFItems: z.array(caseItemSchema).optional(),
    CFAssociations: z.array(caseAssociationSchema).optional(),
    CFDefinitions: caseDefinitionsSchema.optional(),
    extensions: extensionsSchema.optional(),
  })
  .loose();

export type CaseLinkUri = z.infer<typeof caseLinkUriSchema>;
export type CaseLinkGenUri = z.infer<typeof caseLinkGenUriSchema>;
export type CaseDocument = z.infer<typeof caseDocumentSchema>;
export type CaseItem = z.infer<typeof caseItemSchema>;
export type CaseAssociation = z.infer<typeof caseAssociationSchema>;
export type CaseItemType = z.infer<typeof caseItemTypeSchema>;
export type CasePackage = z.infer<typeof casePackageSchema>;

/** The link other CASE objects use to point at this document. */
export function documentLink(doc: CaseDocument): CaseLinkUri {
  return { title: doc.title, identifier: doc.identifier, uri: doc.uri };
}
