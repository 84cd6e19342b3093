import type { Database } from '../../db/client.ts';
import { inTransaction } from '../../db/transaction.ts';
import type { XapiDocumentKey, XapiDocumentRepository, XapiDocumentRow, XapiDocumentScope } from '../../db/xapi-document.repository.ts';
import { DEFAULT_DOCUMENT_TYPE, etagOf, isBlindOverwrite, isJsonObject, isJsonType, mergeDocuments, parseJson, preconditionFails } from '../../xapi/documents/document-content.ts';
import type { Preconditions } from '../../xapi/documents/document-content.ts';

export interface XapiDocumentServiceDeps {
  db: Database;
  documentRepository: XapiDocumentRepository;
  now?: () => Date;
}

export interface DocumentWrite {
  key: XapiDocumentKey;
  content: Buffer;
  /** As the platform sent it; undefined when it sent none. */
  contentType: string | undefined;
  conditions: Preconditions;
}

/** What became of a write: the LRS answers 204, 412, 409 or 400 (9274.1.1 §4.1.4, §4.1.6.2). */
export type WriteOutcome = { outcome: 'stored' } | { outcome: 'precondition_failed' } | { outcome: 'conflict' } | { outcome: 'invalid'; problem: string };

const NOT_AN_OBJECT = 'must be a JSON object to be merged: POST merges top-level properties of two application/json objects. To replace the document, PUT it.';

/**
 * The document resources of the learning record store (issue 16 §1): store, merge, read, list and
 * delete a platform's documents inside its organisation's LRS. Every write checks its preconditions
 * against the row it locks, so two platforms racing on one document cannot both win.
 */
export function createXapiDocumentService(deps: XapiDocumentServiceDeps) {
  const now = deps.now ?? (() => new Date());
  const repository = deps.documentRepository;

  /** Bytes declared as JSON must parse; anything else is kept as it came. */
  function problemWithBody(write: DocumentWrite): string | undefined {
    if (isJsonType(write.contentType) && parseJson(write.content) === undefined) return 'The document says it is application/json but is not valid JSON.';
    return undefined;
  }

  const contentOf = (content: Buffer, contentType: string | undefined) => ({
    content,
    contentType: contentType?.trim() || DEFAULT_DOCUMENT_TYPE,
    etag: etagOf(content),
    updatedAt: now(),
  });

  return {
    /** PUT: replaces the document whole. Overwriting one that exists needs If-Match (or If-None-Match) — §4.1.4. */
    async putDocument(write: DocumentWrite): Promise<WriteOutcome> {
      const problem = problemWithBody(write);
      if (problem) return { outcome: 'invalid', problem };
      return inTransaction(deps.db, async (tx) => {
        const stored = await repository.findDocumentForUpdate(write.key, tx);
        if (preconditionFails(write.conditions, stored?.etag)) return { outcome: 'precondition_failed' };
        if (isBlindOverwrite(write.conditions, stored !== undefined)) return { outcome: 'conflict' };
        await repository.saveDocument(write.key, contentOf(write.content, write.contentType), tx);
        return { outcome: 'stored' };
      });
    },

    /** POST: stores a new document, or merges a JSON object into a stored JSON object. */
    async postDocument(write: DocumentWrite): Promise<WriteOutcome> {
      const problem = problemWithBody(write);
      if (problem) return { outcome: 'invalid', problem };
      return inTransaction(deps.db, async (tx) => {
        const stored = await repository.findDocumentForUpdate(write.key, tx);
        if (preconditionFails(write.conditions, stored?.etag)) return { outcome: 'precondition_failed' };
        if (!stored) {
          await repository.saveDocument(write.key, contentOf(write.content, write.contentType), tx);
          return { outcome: 'stored' };
        }
        const merged = mergedContent(stored, write);
        if (typeof merged === 'string') return { outcome: 'invalid', problem: merged };
        await repository.saveDocument(write.key, contentOf(merged, stored.contentType), tx);
        return { outcome: 'stored' };
      });
    },

    async getDocument(key: XapiDocumentKey): Promise<XapiDocumentRow | undefined> {
      return repository.findDocument(key);
    },

    async listDocumentIds(scope: XapiDocumentScope, since: Date | undefined): Promise<string[]> {
      return repository.listDocumentIds(scope, since);
    },

    /** DELETE of one document: deleting one that is not there is done already, unless the platform expected it. */
    async deleteDocument(key: XapiDocumentKey, conditions: Preconditions): Promise<WriteOutcome> {
      return inTransaction(deps.db, async (tx) => {
        const stored = await repository.findDocumentForUpdate(key, tx);
        if (preconditionFails(conditions, stored?.etag)) return { outcome: 'precondition_failed' };
        if (stored) await repository.deleteDocument(key, tx);
        return { outcome: 'stored' };
      });
    },

    /** DELETE of every state of an activity and agent (and registration, when given). */
    async deleteDocuments(scope: XapiDocumentScope): Promise<void> {
      await repository.deleteDocuments(scope);
    },
  };
}

/** The merged bytes, or why the two documents cannot be merged (the stored one is left as it was). */
function mergedContent(stored: XapiDocumentRow, write: DocumentWrite): Buffer | string {
  if (!isJsonType(write.contentType)) return `The posted document is ${write.contentType ?? DEFAULT_DOCUMENT_TYPE}, not application/json: it ${NOT_AN_OBJECT}`;
  if (!isJsonType(stored.contentType)) return `The stored document is ${stored.contentType}, not application/json, so it cannot be merged. To replace it, PUT the new document with If-Match.`;
  const posted = parseJson(write.content)?.value;
  const existing = parseJson(stored.content)?.value;
  if (!isJsonObject(posted)) return `The posted document ${NOT_AN_OBJECT}`;
  if (!isJsonObject(existing)) return 'The stored document is not a JSON object, so it cannot be merged. To replace it, PUT the new document with If-Match.';
  return Buffer.from(JSON.stringify(mergeDocuments(existing, posted)), 'utf8');
}

export type XapiDocumentService = ReturnType<typeof createXapiDocumentService>;
