import { v5 as uuidv5, validate as isUuid } from 'uuid';

/**
 * The hub's UUID v5 namespace. NEVER change it: every CASE identifier the hub has published
 * (document, item, association and item-type UUIDs held by other systems) is derived from it.
 */
export const HUB_CASE_NAMESPACE = '1f597beb-479e-434e-908b-37a6db8df74d';

/** The CASE 1.0 REST base path; our URIs point at the hub's own CASE provider endpoints. */
export const CASE_API_PATH = '/ims/case/v1p0';

export type CaseCollection = 'CFDocuments' | 'CFPackages' | 'CFItems' | 'CFAssociations' | 'CFItemTypes';

/**
 * A stable UUID v5 for the given parts. The parts are JSON-encoded rather than joined with a
 * separator so that ('a-b', 'c') and ('a', 'b-c') can never collide.
 */
export function caseUuid(...parts: string[]): string {
  return uuidv5(JSON.stringify(parts), HUB_CASE_NAMESPACE);
}

/** True for a syntactically valid UUID (any version); routes answer `invalid_uuid` otherwise. */
export function isCaseUuid(value: string): boolean {
  return isUuid(value);
}

interface FrameworkRef {
  id: string;
  version: string;
}

export function documentUuid(framework: FrameworkRef): string {
  return caseUuid('document', framework.id, framework.version);
}

/** `kind` separates id spaces: a requirement and a question may share a slug. */
export function itemUuid(framework: FrameworkRef, kind: string, id: string): string {
  return caseUuid('item', framework.id, framework.version, kind, id);
}

/** Each exported item has exactly one isChildOf association, so the child names it. */
export function childAssociationUuid(framework: FrameworkRef, childKind: string, childId: string): string {
  return caseUuid('association', framework.id, framework.version, 'isChildOf', childKind, childId);
}

/** Item types are hub-wide, not per framework, so "Question" is one type across versions. */
export function itemTypeUuid(code: string): string {
  return caseUuid('item-type', code);
}

export function caseUri(baseUrl: string, collection: CaseCollection, identifier: string): string {
  return `${baseUrl.replace(/\/+$/, '')}${CASE_API_PATH}/${collection}/${identifier}`;
}
