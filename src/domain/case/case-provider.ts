import { caseUri } from './case-ids.ts';
import { documentLink } from './case-package.ts';
import type { CaseAssociation, CaseDocument, CaseItem, CaseItemType, CaseLinkUri, CasePackage } from './case-package.ts';

/**
 * Response bodies of the CASE 1.0 provider API (`/ims/case/v1p0/...`), computed from the
 * packages the hub holds. Pure: routes fetch the packages, call one of these, and either send the
 * body or, when it returns undefined, an `imsxStatus('unknownobject', ...)` with 404.
 * UUIDs are matched case-insensitively; the first package holding the object wins (item types
 * are shared by every hub package, so they are found in several).
 *
 * Packages imported from other publishers are served as the hub stored them: with the tolerant
 * reader's unambiguous coercions applied (numbers, lists, filled descriptions) but otherwise as
 * published, extra non-CASE fields and dates without a time zone included (issue 16 §3). Stripping
 * them would make the hub silently rewrite someone else's framework; the import warnings shown on
 * the framework page say which fields those are. Such a package may therefore not pass the strict
 * CASE JSON Schema, while the hub's own packages always do.
 */

export type CfDocumentResponse = CaseDocument & { CFPackageURI: CaseLinkUri };
export type CfItemResponse = CaseItem & { CFDocumentURI: CaseLinkUri };
export type CfAssociationResponse = CaseAssociation & { CFDocumentURI: CaseLinkUri };

export interface CaseProviderOptions {
  /** The hub's public origin; CFPackageURI points at the hub's own CFPackages endpoint. */
  baseUrl: string;
}

/** GET /CFDocuments → CFDocumentSet. */
export function listCfDocuments(
  packages: readonly CasePackage[],
  options: CaseProviderOptions,
): { CFDocuments: CfDocumentResponse[] } {
  return { CFDocuments: packages.map((pkg) => documentResponse(pkg, options)) };
}

/** GET /CFDocuments/{sourcedId}. */
export function findCfDocument(
  packages: readonly CasePackage[],
  uuid: string,
  options: CaseProviderOptions,
): CfDocumentResponse | undefined {
  const pkg = findCfPackage(packages, uuid);
  return pkg ? documentResponse(pkg, options) : undefined;
}

/** GET /CFPackages/{sourcedId}: the package as held, keyed by its CFDocument identifier. */
export function findCfPackage(packages: readonly CasePackage[], uuid: string): CasePackage | undefined {
  return packages.find((pkg) => sameId(pkg.CFDocument.identifier, uuid));
}

/** GET /CFItems/{sourcedId}: the item with its document link and item-type link filled in. */
export function findCfItem(packages: readonly CasePackage[], uuid: string): CfItemResponse | undefined {
  for (const pkg of packages) {
    const item = pkg.CFItems?.find((i) => sameId(i.identifier, uuid));
    if (item) return itemResponse(pkg, item);
  }
  return undefined;
}

/** GET /CFItemAssociations/{sourcedId} → CFAssociationSet: the item and every association touching it. */
export function findCfItemAssociations(
  packages: readonly CasePackage[],
  uuid: string,
): { CFItem: CfItemResponse; CFAssociations: CfAssociationResponse[] } | undefined {
  for (const pkg of packages) {
    const item = pkg.CFItems?.find((i) => sameId(i.identifier, uuid));
    if (!item) continue;
    const touching = (pkg.CFAssociations ?? []).filter(
      (a) => sameId(a.originNodeURI.identifier, uuid) || sameId(a.destinationNodeURI.identifier, uuid),
    );
    return {
      CFItem: itemResponse(pkg, item),
      CFAssociations: touching.map((a) => ({ ...a, CFDocumentURI: documentLink(pkg.CFDocument) })),
    };
  }
  return undefined;
}

/** GET /CFAssociations/{sourcedId}. */
export function findCfAssociation(packages: readonly CasePackage[], uuid: string): CfAssociationResponse | undefined {
  for (const pkg of packages) {
    const association = pkg.CFAssociations?.find((a) => sameId(a.identifier, uuid));
    if (association) return { ...association, CFDocumentURI: documentLink(pkg.CFDocument) };
  }
  return undefined;
}

/**
 * GET /CFItemTypes/{sourcedId} → CFItemTypeSet: the requested type first, then its descendants by
 * hierarchyCode ("1" → "1.1", "1.2.3"), as the spec defines the set.
 */
export function findCfItemType(
  packages: readonly CasePackage[],
  uuid: string,
): { CFItemTypes: CaseItemType[] } | undefined {
  for (const pkg of packages) {
    const types = pkg.CFDefinitions?.CFItemTypes ?? [];
    const found = types.find((t) => sameId(t.identifier, uuid));
    if (!found) continue;
    const code = found.hierarchyCode;
    // A type imported without a hierarchy code (kept with a warning) has no known descendants.
    const descendants = code === undefined ? [] : types
      .filter((t) => t.hierarchyCode?.startsWith(`${code}.`))
      .sort((a, b) => (a.hierarchyCode ?? '').localeCompare(b.hierarchyCode ?? '', 'en', { numeric: true }));
    return { CFItemTypes: [found, ...descendants] };
  }
  return undefined;
}

function documentResponse(pkg: CasePackage, options: CaseProviderOptions): CfDocumentResponse {
  const doc = pkg.CFDocument;
  return {
    ...doc,
    CFPackageURI: { title: doc.title, identifier: doc.identifier, uri: caseUri(options.baseUrl, 'CFPackages', doc.identifier) },
  };
}

function itemResponse(pkg: CasePackage, item: CaseItem): CfItemResponse {
  const itemType = item.CFItemTypeURI ? undefined : pkg.CFDefinitions?.CFItemTypes?.find((t) => t.title === item.CFItemType);
  return {
    ...item,
    ...(itemType ? { CFItemTypeURI: { title: itemType.title, identifier: itemType.identifier, uri: itemType.uri } } : {}),
    CFDocumentURI: documentLink(pkg.CFDocument),
  };
}

function sameId(a: string, b: string): boolean {
  return a.toLowerCase() === b.toLowerCase();
}

export type ImsxCodeMinor =
  | 'fullsuccess'
  | 'invalid_sort_field'
  | 'invalid_selection_field'
  | 'forbidden'
  | 'unauthorisedrequest'
  | 'internal_server_error'
  | 'unknownobject'
  | 'server_busy'
  | 'invalid_uuid';

export interface ImsxStatusInfo {
  imsx_codeMajor: 'success' | 'processing' | 'failure' | 'unsupported';
  imsx_severity: 'status' | 'warning' | 'error';
  imsx_description: string;
  imsx_codeMinor: {
    imsx_codeMinorField: Array<{ imsx_codeMinorFieldName: string; imsx_codeMinorFieldValue: ImsxCodeMinor }>;
  };
}

/** The HTTP status the CASE 1.0 REST binding pairs with each code minor (unknown and invalid UUIDs are both 404). */
export const IMSX_HTTP_STATUS: Record<ImsxCodeMinor, number> = {
  fullsuccess: 200,
  invalid_sort_field: 400,
  invalid_selection_field: 400,
  unauthorisedrequest: 401,
  forbidden: 403,
  unknownobject: 404,
  invalid_uuid: 404,
  server_busy: 429,
  internal_server_error: 500,
};

/** The imsx_StatusInfo body. `fieldName` names the reporting system, per the spec's definition. */
export function imsxStatus(codeMinor: ImsxCodeMinor, description: string, fieldName = 'TargetEndSystem'): ImsxStatusInfo {
  const ok = codeMinor === 'fullsuccess';
  return {
    imsx_codeMajor: ok ? 'success' : 'failure',
    imsx_severity: ok ? 'status' : 'error',
    imsx_description: description,
    imsx_codeMinor: { imsx_codeMinorField: [{ imsx_codeMinorFieldName: fieldName, imsx_codeMinorFieldValue: codeMinor }] },
  };
}
