import { and, asc, desc, eq, getTableColumns, gt, inArray, isNull } from 'drizzle-orm';
import type { Database } from './client.ts';
import { assuranceEvidence, evidence, evidenceFiles } from './schema.ts';

export type EvidenceRow = typeof evidence.$inferSelect;
export type NewEvidence = typeof evidence.$inferInsert;

export interface EvidenceTopicKey {
  personId: string;
  frameworkId: string;
  topicId: string;
}

export function createEvidenceRepository(db: Database) {
  return {
    /** A file's row is written only after its content is in the file store, under `row.sha256`. */
    async insertEvidence(row: NewEvidence, tx: Database = db): Promise<EvidenceRow> {
      const [inserted] = await tx.insert(evidence).values(row).returning();
      if (!inserted) throw new Error('evidence insert returned nothing');
      return inserted;
    },

    /** A person's evidence for one topic, newest first; withdrawn items only when asked (history). */
    async listEvidenceForTopic(key: EvidenceTopicKey, options: { includeWithdrawn: boolean }, tx: Database = db): Promise<EvidenceRow[]> {
      const conditions = [eq(evidence.personId, key.personId), eq(evidence.frameworkId, key.frameworkId), eq(evidence.topicId, key.topicId)];
      if (!options.includeWithdrawn) conditions.push(isNull(evidence.withdrawnAt));
      return tx
        .select()
        .from(evidence)
        .where(and(...conditions))
        .orderBy(desc(evidence.createdAt), desc(evidence.id));
    },

    /**
     * One item's details, without its bytes. Callers check the asker may see `personId` before
     * showing anything, and answer "not found" either way so ids cannot be probed.
     */
    async findEvidence(id: string, tx: Database = db): Promise<EvidenceRow | undefined> {
      const rows = await tx.select().from(evidence).where(eq(evidence.id, id));
      return rows[0];
    },

    /** Which of these digests some evidence, a learner's or an assurance review's (withdrawn included: it is history), still points at. */
    async listReferencedContent(sha256s: string[], tx: Database = db): Promise<Set<string>> {
      if (sha256s.length === 0) return new Set();
      const rows = await tx.selectDistinct({ sha256: evidence.sha256 }).from(evidence).where(inArray(evidence.sha256, sha256s));
      const reviewRows = await tx.selectDistinct({ sha256: assuranceEvidence.sha256 }).from(assuranceEvidence).where(inArray(assuranceEvidence.sha256, sha256s));
      return new Set([...rows, ...reviewRows].map((r) => r.sha256 ?? ''));
    },

    /** Files whose bytes are still in evidence_files (from before the file store), in id order after `afterId`. */
    async listLegacyContent(afterId: string, limit: number, tx: Database = db): Promise<Array<{ evidenceId: string; sha256: string | null }>> {
      return tx
        .select({ evidenceId: evidenceFiles.evidenceId, sha256: evidence.sha256 })
        .from(evidenceFiles)
        .innerJoin(evidence, eq(evidence.id, evidenceFiles.evidenceId))
        .where(gt(evidenceFiles.evidenceId, afterId))
        .orderBy(asc(evidenceFiles.evidenceId))
        .limit(limit);
    },

    async getLegacyContent(evidenceId: string, tx: Database = db): Promise<Buffer | undefined> {
      const [row] = await tx.select({ content: evidenceFiles.content }).from(evidenceFiles).where(eq(evidenceFiles.evidenceId, evidenceId));
      return row?.content;
    },

    async deleteLegacyContent(evidenceId: string, tx: Database = db): Promise<boolean> {
      const rows = await tx.delete(evidenceFiles).where(eq(evidenceFiles.evidenceId, evidenceId)).returning({ evidenceId: evidenceFiles.evidenceId });
      return rows.length > 0;
    },

    /** Marks the person's own item withdrawn; undefined when it is not theirs or already withdrawn. */
    async withdrawEvidence(personId: string, evidenceId: string, at: Date, tx: Database = db): Promise<EvidenceRow | undefined> {
      const [row] = await tx
        .update(evidence)
        .set({ withdrawnAt: at })
        .where(and(eq(evidence.id, evidenceId), eq(evidence.personId, personId), isNull(evidence.withdrawnAt)))
        .returning(getTableColumns(evidence));
      return row;
    },
  };
}

export type EvidenceRepository = ReturnType<typeof createEvidenceRepository>;
