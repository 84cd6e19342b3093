import { and, asc, eq, gt, sql } from 'drizzle-orm';
import type { SQL } from 'drizzle-orm';
import type { Database } from './client.ts';
import { xapiDocuments } from './schema.ts';
import type { XapiDocumentKind } from './tables/xapi-documents.ts';

export type XapiDocumentRow = typeof xapiDocuments.$inferSelect;

/** One document's full address inside one organisation's LRS. */
export interface XapiDocumentKey {
  organisationId: string;
  kind: XapiDocumentKind;
  activityId: string;
  agentIfi: string;
  registration: string;
  documentId: string;
}

/** The documents of one activity/agent (and, for a list or delete-all of states, maybe every registration). */
export interface XapiDocumentScope {
  organisationId: string;
  kind: XapiDocumentKind;
  activityId: string;
  agentIfi: string;
  registration: string | undefined;
}

export interface XapiDocumentContent {
  contentType: string;
  content: Buffer;
  etag: string;
  updatedAt: Date;
}

const keyIs = (key: XapiDocumentKey): SQL =>
  and(scopeIs({ ...key }), eq(xapiDocuments.documentId, key.documentId)) as SQL;

function scopeIs(scope: XapiDocumentScope): SQL {
  const conditions = [
    eq(xapiDocuments.organisationId, scope.organisationId),
    eq(xapiDocuments.kind, scope.kind),
    eq(xapiDocuments.activityId, scope.activityId),
    eq(xapiDocuments.agentIfi, scope.agentIfi),
  ];
  if (scope.registration !== undefined) conditions.push(eq(xapiDocuments.registration, scope.registration));
  return and(...conditions) as SQL;
}

/** The LRS's state, activity profile and agent profile documents (issue 16 §1); every query is inside one organisation. */
export function createXapiDocumentRepository(db: Database) {
  return {
    /**
     * The document, with its address locked until the transaction ends: a concurrent write to the same
     * address (even one creating it, when there is no row to lock) waits for this one's precondition check.
     */
    async findDocumentForUpdate(key: XapiDocumentKey, tx: Database): Promise<XapiDocumentRow | undefined> {
      const address = JSON.stringify([key.organisationId, key.kind, key.activityId, key.agentIfi, key.registration, key.documentId]);
      await tx.execute(sql`select pg_advisory_xact_lock(hashtextextended(${address}, 0))`);
      const rows = await tx.select().from(xapiDocuments).where(keyIs(key));
      return rows[0];
    },

    async findDocument(key: XapiDocumentKey, tx: Database = db): Promise<XapiDocumentRow | undefined> {
      const rows = await tx.select().from(xapiDocuments).where(keyIs(key));
      return rows[0];
    },

    async saveDocument(key: XapiDocumentKey, content: XapiDocumentContent, tx: Database = db): Promise<void> {
      await tx
        .insert(xapiDocuments)
        .values({ ...key, ...content })
        .onConflictDoUpdate({
          target: [xapiDocuments.organisationId, xapiDocuments.kind, xapiDocuments.activityId, xapiDocuments.agentIfi, xapiDocuments.registration, xapiDocuments.documentId],
          set: content,
        });
    },

    async deleteDocument(key: XapiDocumentKey, tx: Database = db): Promise<void> {
      await tx.delete(xapiDocuments).where(keyIs(key));
    },

    async deleteDocuments(scope: XapiDocumentScope, tx: Database = db): Promise<void> {
      await tx.delete(xapiDocuments).where(scopeIs(scope));
    },

    /** Ids in the scope, changed after `since` (exclusive) when given; a state id kept under two registrations is listed once. */
    async listDocumentIds(scope: XapiDocumentScope, since: Date | undefined, tx: Database = db): Promise<string[]> {
      const where = since === undefined ? scopeIs(scope) : and(scopeIs(scope), gt(xapiDocuments.updatedAt, since));
      const rows = await tx.selectDistinct({ documentId: xapiDocuments.documentId }).from(xapiDocuments).where(where).orderBy(asc(xapiDocuments.documentId));
      return rows.map((row) => row.documentId);
    },
  };
}

export type XapiDocumentRepository = ReturnType<typeof createXapiDocumentRepository>;
