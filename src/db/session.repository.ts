import { and, eq, gt, lt } from 'drizzle-orm';
import type { Database } from './client.ts';
import { people, sessions } from './schema.ts';

export type SessionRow = typeof sessions.$inferSelect;

export function createSessionRepository(db: Database) {
  return {
    async insertSession(row: typeof sessions.$inferInsert): Promise<void> {
      await db.insert(sessions).values(row);
    },

    /** The live session for a token hash, with its person, or nothing (expired, unknown, disabled). */
    async findLiveSession(tokenHash: string, now: Date) {
      const rows = await db
        .select({ session: sessions, person: people })
        .from(sessions)
        .innerJoin(people, eq(people.id, sessions.personId))
        .where(and(eq(sessions.tokenHash, tokenHash), gt(sessions.expiresAt, now), eq(people.status, 'active')));
      return rows[0];
    },

    async touchSession(tokenHash: string, lastSeenAt: Date, expiresAt: Date): Promise<void> {
      await db.update(sessions).set({ lastSeenAt, expiresAt }).where(eq(sessions.tokenHash, tokenHash));
    },

    async deleteSession(tokenHash: string): Promise<void> {
      await db.delete(sessions).where(eq(sessions.tokenHash, tokenHash));
    },

    /** Signs a person out everywhere. Returns how many sessions ended. */
    async deleteSessionsOfPerson(personId: string): Promise<number> {
      const deleted = await db.delete(sessions).where(eq(sessions.personId, personId)).returning({ tokenHash: sessions.tokenHash });
      return deleted.length;
    },

    async deleteExpiredSessions(now: Date): Promise<void> {
      await db.delete(sessions).where(lt(sessions.expiresAt, now));
    },
  };
}

export type SessionRepository = ReturnType<typeof createSessionRepository>;
