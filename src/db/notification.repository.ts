import { and, desc, eq, isNull, sql } from 'drizzle-orm';
import type { Database } from './client.ts';
import { notifications } from './schema.ts';

export type NotificationRow = typeof notifications.$inferSelect;

/** Rows per insert: six parameters each, well under PostgreSQL's 65,535. */
const INSERT_BATCH = 1000;

export function createNotificationRepository(db: Database) {
  return {
    async insertNotification(row: typeof notifications.$inferInsert, tx: Database = db): Promise<NotificationRow> {
      const [inserted] = await tx.insert(notifications).values(row).returning();
      if (!inserted) throw new Error('notification insert returned nothing');
      return inserted;
    },

    /** Many notifications at once, in batches small enough for any driver's parameter limit. */
    async insertNotifications(rows: ReadonlyArray<typeof notifications.$inferInsert>, tx: Database = db): Promise<void> {
      for (let start = 0; start < rows.length; start += INSERT_BATCH) await tx.insert(notifications).values(rows.slice(start, start + INSERT_BATCH));
    },

    async listRecentNotifications(personId: string, limit: number): Promise<NotificationRow[]> {
      return db
        .select()
        .from(notifications)
        .where(eq(notifications.personId, personId))
        .orderBy(desc(notifications.createdAt), desc(notifications.id))
        .limit(limit);
    },

    async countUnread(personId: string): Promise<number> {
      const [row] = await db
        .select({ n: sql<number>`count(*)::int` })
        .from(notifications)
        .where(and(eq(notifications.personId, personId), isNull(notifications.readAt)));
      return row?.n ?? 0;
    },

    /** One of the person's own notifications (the person is part of the lookup, so no one reaches another's). */
    async findNotification(personId: string, id: string): Promise<NotificationRow | undefined> {
      const rows = await db.select().from(notifications).where(and(eq(notifications.id, id), eq(notifications.personId, personId)));
      return rows[0];
    },

    async listUnreadNotifications(personId: string, limit: number): Promise<NotificationRow[]> {
      return db
        .select()
        .from(notifications)
        .where(and(eq(notifications.personId, personId), isNull(notifications.readAt)))
        .orderBy(desc(notifications.createdAt), desc(notifications.id))
        .limit(limit);
    },

    /** Marks one unread notification of the person's read; read ones are left alone (their stamp is not bumped for nothing). */
    async markRead(personId: string, id: string, readAt: Date): Promise<boolean> {
      const updated = await db
        .update(notifications)
        .set({ readAt })
        .where(and(eq(notifications.id, id), eq(notifications.personId, personId), isNull(notifications.readAt)))
        .returning({ id: notifications.id });
      return updated.length > 0;
    },

    /** Marks the person's unread notifications that link to `link` read: they have acted on what it was about. */
    async markReadByLink(personId: string, link: string, readAt: Date, tx: Database = db): Promise<number> {
      const updated = await tx
        .update(notifications)
        .set({ readAt })
        .where(and(eq(notifications.personId, personId), eq(notifications.link, link), isNull(notifications.readAt)))
        .returning({ id: notifications.id });
      return updated.length;
    },

    async markAllRead(personId: string, readAt: Date): Promise<number> {
      const updated = await db
        .update(notifications)
        .set({ readAt })
        .where(and(eq(notifications.personId, personId), isNull(notifications.readAt)))
        .returning({ id: notifications.id });
      return updated.length;
    },
  };
}

export type NotificationRepository = ReturnType<typeof createNotificationRepository>;
