import { and, desc, eq, getTableColumns, isNull } from 'drizzle-orm';
import type { Database } from './client.ts';
import { evidence, evidenceFiles } from './schema.ts';

export type EvidenceRow = typeof evidence.$inferSelect;
export type NewEvidence = typeof evidence.$inferInsert;

export interface EvidenceTopicKey {
  personId: string;
  frameworkId: string;
  topicId: string;
}

export function createEvidenceRepository(db: Database) {
  return {
    /** The evidence row and, for a file, its bytes: one call so both land in the caller's transaction. */
    async insertEvidence(row: NewEvidence, content: Buffer | null, tx: Database = db): Promise<EvidenceRow> {
      const [inserted] = await tx.insert(evidence).values(row).returning();
      if (!inserted) throw new Error('evidence insert returned nothing');
      if (content) await tx.insert(evidenceFiles).values({ evidenceId: inserted.id, content });
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

    /** The bytes of a file that belongs to this person (the person scope is a second guard). */
    async getEvidenceContent(personId: string, evidenceId: string, tx: Database = db): Promise<Buffer | undefined> {
      const rows = await tx
        .select({ content: evidenceFiles.content })
        .from(evidenceFiles)
        .innerJoin(evidence, eq(evidence.id, evidenceFiles.evidenceId))
        .where(and(eq(evidenceFiles.evidenceId, evidenceId), eq(evidence.personId, personId)));
      return rows[0]?.content;
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
