import { z } from 'zod';
import type { FrameworkDocument } from '../framework/framework-document.ts';
import { caseUri, childAssociationUuid, documentUuid, itemUuid } from './case-ids.ts';
import { HUB_EXTENSION_FORMAT_VERSION, HUB_EXTENSION_KEY } from './case-hub-extension.ts';
import type { HubDocumentExtension } from './case-hub-extension.ts';
import { HUB_ITEM_TYPE_CODES, buildItemType, itemTypeLink } from './case-item-types.ts';
import type { HubItemTypeCode } from './case-item-types.ts';
import { layoutFramework } from './case-export-layout.ts';
import type { ExportNode } from './case-export-layout.ts';
import { documentLink } from './case-package.ts';
import type {
  CaseAssociation,
  CaseDocument,
  CaseItem,
  CaseItemType,
  CaseLinkGenUri,
  CasePackage,
} from './case-package.ts';

export interface ExportCasePackageOptions {
  /** Public origin of the hub, e.g. https://hub.example.nhs.uk; URIs point at its CASE API. */
  baseUrl: string;
  /** ISO 8601 with a time zone; the caller decides (e.g. when the framework was loaded) so exports are reproducible. */
  lastChangeDateTime: string;
  /** Where the report itself is published, when known. */
  officialSourceURL?: string;
}

const optionsSchema = z.object({
  baseUrl: z.url({ protocol: /^https?$/, error: 'baseUrl must be an http(s) URL' }),
  lastChangeDateTime: z.iso.datetime({ offset: true, error: 'lastChangeDateTime must be an ISO 8601 date-time with a time zone' }),
  officialSourceURL: z.url({ error: 'officialSourceURL must be a URL' }).optional(),
});

interface ExportContext {
  doc: FrameworkDocument;
  baseUrl: string;
  lastChangeDateTime: string;
  document: CaseDocument;
  itemTypes: Map<HubItemTypeCode, CaseItemType>;
  items: Map<ExportNode, CaseItem>;
}

/**
 * The framework as a CASE CFPackage that validates against the CASE v1.1 JSON Schema. The
 * hub's own semantics ride in `extensions.aiConfidenceHub` (see case-hub-extension.ts) so that
 * `importCasePackage(exportCasePackage(doc))` gives back an equal document.
 */
export function exportCasePackage(doc: FrameworkDocument, options: ExportCasePackageOptions): CasePackage {
  const parsed = optionsSchema.safeParse(options);
  if (!parsed.success) throw new Error(`Cannot export CASE package: ${parsed.error.issues[0]?.message}`);
  const { lastChangeDateTime, officialSourceURL } = parsed.data;
  const baseUrl = parsed.data.baseUrl.replace(/\/+$/, '');

  const nodes = layoutFramework(doc);
  const usedTypes = HUB_ITEM_TYPE_CODES.filter((code) => nodes.some((n) => n.type === code));
  const ctx: ExportContext = {
    doc,
    baseUrl,
    lastChangeDateTime,
    document: buildDocument(doc, baseUrl, lastChangeDateTime, officialSourceURL),
    itemTypes: new Map(usedTypes.map((code) => [code, buildItemType(code, baseUrl, lastChangeDateTime)])),
    items: new Map(),
  };
  for (const node of nodes) ctx.items.set(node, buildItem(ctx, node));

  return {
    CFDocument: ctx.document,
    CFItems: [...ctx.items.values()],
    CFAssociations: nodes.map((node) => buildChildAssociation(ctx, node)),
    CFDefinitions: { CFItemTypes: [...ctx.itemTypes.values()] },
  };
}

function buildDocument(
  doc: FrameworkDocument,
  baseUrl: string,
  lastChangeDateTime: string,
  officialSourceURL: string | undefined,
): CaseDocument {
  const identifier = documentUuid(doc);
  return {
    identifier,
    uri: caseUri(baseUrl, 'CFDocuments', identifier),
    creator: doc.source.publishers.join('; '),
    title: doc.title,
    lastChangeDateTime,
    ...(officialSourceURL ? { officialSourceURL } : {}),
    description: doc.description,
    language: 'en',
    version: doc.version,
    adoptionStatus: 'Adopted',
    ...(doc.source.creditLine ? { notes: doc.source.creditLine } : {}),
    extensions: { [HUB_EXTENSION_KEY]: documentExtension(doc) },
  };
}

function documentExtension({ requirements: _requirements, questionSets, ...rest }: FrameworkDocument): HubDocumentExtension {
  // A deep copy: the package must not alias the caller's document, which may be mutated later.
  return structuredClone({
    formatVersion: HUB_EXTENSION_FORMAT_VERSION,
    ...rest,
    questionSets: questionSets.map(({ questions: _questions, ...meta }) => meta),
  });
}

function buildItem(ctx: ExportContext, node: ExportNode): CaseItem {
  const identifier = itemUuid(ctx.doc, node.kind, node.key);
  const itemType = ctx.itemTypes.get(node.type);
  return {
    identifier,
    uri: caseUri(ctx.baseUrl, 'CFItems', identifier),
    fullStatement: node.fullStatement,
    ...(node.humanCodingScheme ? { humanCodingScheme: node.humanCodingScheme } : {}),
    ...(itemType ? { CFItemType: itemType.title, CFItemTypeURI: itemTypeLink(itemType) } : {}),
    ...(node.conceptKeywords ? { conceptKeywords: node.conceptKeywords } : {}),
    ...(node.notes ? { notes: node.notes } : {}),
    language: 'en',
    lastChangeDateTime: ctx.lastChangeDateTime,
    extensions: { [HUB_EXTENSION_KEY]: structuredClone(node.extension) },
  };
}

function buildChildAssociation(ctx: ExportContext, node: ExportNode): CaseAssociation {
  const identifier = childAssociationUuid(ctx.doc, node.kind, node.key);
  const parent = node.parent ? ctx.items.get(node.parent) : undefined;
  return {
    identifier,
    associationType: 'isChildOf',
    sequenceNumber: node.sequenceNumber,
    uri: caseUri(ctx.baseUrl, 'CFAssociations', identifier),
    originNodeURI: itemNodeLink(ctx.items.get(node)),
    destinationNodeURI: parent ? itemNodeLink(parent) : documentLink(ctx.document),
    lastChangeDateTime: ctx.lastChangeDateTime,
  };
}

function itemNodeLink(item: CaseItem | undefined): CaseLinkGenUri {
  // Nodes are built parent-first, so a missing item here is a programming error, not bad data.
  if (!item) throw new Error('CASE export: association refers to an item that was not built');
  return { title: item.humanCodingScheme ?? item.fullStatement, identifier: item.identifier, uri: item.uri };
}
