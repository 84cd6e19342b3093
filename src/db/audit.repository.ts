import { desc, eq } from 'drizzle-orm';
import type { Database } from './client.ts';
import { auditEvents } from './schema.ts';

export type AuditEventRow = typeof auditEvents.$inferSelect;
export type NewAuditEvent = typeof auditEvents.$inferInsert;

export function createAuditRepository(db: Database) {
  return {
    /** Append-only: the table refuses UPDATE and DELETE. Pass the transaction of the change it records. */
    async insertAuditEvent(event: NewAuditEvent, tx: Database = db): Promise<void> {
      await tx.insert(auditEvents).values(event);
    },

    async listAuditEventsAbout(subjectId: string): Promise<AuditEventRow[]> {
      return db.select().from(auditEvents).where(eq(auditEvents.subjectId, subjectId)).orderBy(desc(auditEvents.at));
    },
  };
}

export type AuditRepository = ReturnType<typeof createAuditRepository>;
