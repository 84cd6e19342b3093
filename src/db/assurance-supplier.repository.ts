import { and, desc, eq, isNull } from 'drizzle-orm';
import type { Database } from './client.ts';
import { assuranceSupplierLinks, people } from './schema.ts';

export type SupplierLinkRow = typeof assuranceSupplierLinks.$inferSelect;
export type SupplierLinkRecord = SupplierLinkRow & { createdByName: string };

/** Supplier links of assurance reviews (issue 12, part 2): found by their token's hash, listed by review. */
export function createSupplierLinkRepository(db: Database) {
  return {
    async insertLink(row: typeof assuranceSupplierLinks.$inferInsert, tx: Database = db): Promise<SupplierLinkRow> {
      const [inserted] = await tx.insert(assuranceSupplierLinks).values(row).returning();
      if (!inserted) throw new Error('supplier link insert returned nothing');
      return inserted;
    },

    async findByTokenHash(tokenHash: string, tx: Database = db): Promise<SupplierLinkRow | undefined> {
      const [row] = await tx.select().from(assuranceSupplierLinks).where(eq(assuranceSupplierLinks.tokenHash, tokenHash));
      return row;
    },

    /** A review's links, newest first, with who created each. */
    async listLinks(reviewId: string, tx: Database = db): Promise<SupplierLinkRecord[]> {
      const rows = await tx
        .select({ link: assuranceSupplierLinks, createdByName: people.displayName })
        .from(assuranceSupplierLinks)
        .innerJoin(people, eq(people.id, assuranceSupplierLinks.createdBy))
        .where(eq(assuranceSupplierLinks.reviewId, reviewId))
        .orderBy(desc(assuranceSupplierLinks.createdAt));
      return rows.map((r) => ({ ...r.link, createdByName: r.createdByName }));
    },

    /** Undefined when it is not this review's or already revoked. */
    async revokeLink(reviewId: string, linkId: string, personId: string, at: Date, tx: Database = db): Promise<SupplierLinkRow | undefined> {
      const [row] = await tx
        .update(assuranceSupplierLinks)
        .set({ revokedAt: at, revokedBy: personId })
        .where(and(eq(assuranceSupplierLinks.id, linkId), eq(assuranceSupplierLinks.reviewId, reviewId), isNull(assuranceSupplierLinks.revokedAt)))
        .returning();
      return row;
    },

    /** Marks the link submitted; undefined when it already was (two submissions at once: one wins). */
    async markSubmitted(linkId: string, at: Date, tx: Database = db): Promise<SupplierLinkRow | undefined> {
      const [row] = await tx
        .update(assuranceSupplierLinks)
        .set({ submittedAt: at })
        .where(and(eq(assuranceSupplierLinks.id, linkId), isNull(assuranceSupplierLinks.submittedAt), isNull(assuranceSupplierLinks.revokedAt)))
        .returning();
      return row;
    },
  };
}

export type SupplierLinkRepository = ReturnType<typeof createSupplierLinkRepository>;
