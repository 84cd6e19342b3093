import { createHash } from 'node:crypto';

/**
 * Document bodies and their preconditions (9274.1.1 §4.1.3 "documents can have any content type",
 * §4.1.4 concurrency, the POST merge of §4.1.6.2/.5/.6). Pure.
 */

/** A document sent without a Content-Type is kept as opaque bytes, never guessed to be JSON. */
export const DEFAULT_DOCUMENT_TYPE = 'application/octet-stream';

export type JsonObject = Record<string, unknown>;

/** The media type without parameters, lower case: "Application/JSON; charset=utf-8" → "application/json". */
export function mediaTypeOf(contentType: string | undefined): string {
  return (contentType ?? '').split(';')[0]!.trim().toLowerCase();
}

export const isJsonType = (contentType: string | undefined) => mediaTypeOf(contentType) === 'application/json';

/** The quoted SHA-1 of the bytes: a strong ETag that changes whenever the content does. */
export function etagOf(content: Buffer): string {
  return `"${createHash('sha1').update(content).digest('hex')}"`;
}

/** The value if the bytes are UTF-8 JSON, undefined if they are not JSON at all. */
export function parseJson(content: Buffer): { value: unknown } | undefined {
  try {
    return { value: JSON.parse(content.toString('utf8')) };
  } catch {
    return undefined;
  }
}

export const isJsonObject = (value: unknown): value is JsonObject => typeof value === 'object' && value !== null && !Array.isArray(value);

/** The merge of §4.1.6.2: each top-level property posted replaces the stored one whole. */
export function mergeDocuments(stored: JsonObject, posted: JsonObject): JsonObject {
  return { ...stored, ...posted };
}

export interface Preconditions {
  ifMatch: string | undefined;
  ifNoneMatch: string | undefined;
}

/**
 * Whether If-Match / If-None-Match fail against the stored document's ETag (undefined when there is
 * none), as RFC 7232 defines them: If-Match needs the document to exist and, unless `*`, one of the
 * listed tags to be its ETag; If-None-Match fails when `*` and it exists, or when a listed tag is its ETag.
 */
export function preconditionFails(conditions: Preconditions, currentEtag: string | undefined): boolean {
  if (conditions.ifMatch !== undefined) {
    if (currentEtag === undefined) return true;
    if (!listsTag(conditions.ifMatch, currentEtag, false)) return true;
  }
  if (conditions.ifNoneMatch !== undefined && currentEtag !== undefined && listsTag(conditions.ifNoneMatch, currentEtag, true)) return true;
  return false;
}

// RFC 7232 §3.1/§3.2: If-Match compares strongly, If-None-Match weakly (a W/ prefix still matches).
function listsTag(header: string, etag: string, weak: boolean): boolean {
  const tags = header.split(',').map((tag) => tag.trim());
  return tags.some((tag) => tag === '*' || tag === etag || (weak && tag === `W/${etag}`));
}

/** §4.1.4: a PUT over an existing document must say which version it replaces (or that it expects none). */
export const isBlindOverwrite = (conditions: Preconditions, exists: boolean) => exists && conditions.ifMatch === undefined && conditions.ifNoneMatch === undefined;
