import { and, eq, gt, lt, ne, sql } from 'drizzle-orm';
import type { Database } from './client.ts';
import { hubViewEpoch, notifications, people, personViewVersions, sessions } from './schema.ts';

export type SessionRow = typeof sessions.$inferSelect;

export function createSessionRepository(db: Database) {
  // Asked on every signed-in request: prepared once, so Drizzle does not rebuild its SQL each time.
  const findLiveSessionQuery = db
    .select({
      session: sessions,
      person: people,
      personViewVersion: sql<number>`coalesce((select ${personViewVersions.version} from ${personViewVersions} where ${personViewVersions.personId} = ${people.id}), 0)`.mapWith(Number),
      hubViewEpoch: sql<number>`coalesce((select ${hubViewEpoch.version} from ${hubViewEpoch} where ${hubViewEpoch.id} = 1), 0)`.mapWith(Number),
      unreadNotifications: sql<number>`(select count(*)::int from ${notifications} where ${notifications.personId} = ${people.id} and ${notifications.readAt} is null)`.mapWith(Number),
    })
    .from(sessions)
    .innerJoin(people, eq(people.id, sessions.personId))
    .where(and(eq(sessions.tokenHash, sql.placeholder('tokenHash')), gt(sessions.expiresAt, sql.placeholder('now')), eq(people.status, 'active')))
    .prepare('find_live_session');
  return {
    async insertSession(row: typeof sessions.$inferInsert): Promise<void> {
      await db.insert(sessions).values(row);
    },

    /**
     * The live session for a token hash, with its person, or nothing (expired, unknown, disabled).
     * One query answers everything a signed-in page needs before its own data: who, their unread
     * notifications, and the stamp their cached views are checked against.
     */
    async findLiveSession(tokenHash: string, now: Date) {
      const rows = await findLiveSessionQuery.execute({ tokenHash, now: now.toISOString() });
      return rows[0];
    },

    /**
     * A session by token hash whether or not it has expired (a form sent just after it ended), with
     * its person's id; nothing for an unknown token or a disabled person.
     */
    async findSession(tokenHash: string): Promise<{ personId: string; csrfSecret: string } | undefined> {
      const rows = await db
        .select({ personId: sessions.personId, csrfSecret: sessions.csrfSecret })
        .from(sessions)
        .innerJoin(people, eq(people.id, sessions.personId))
        .where(and(eq(sessions.tokenHash, tokenHash), eq(people.status, 'active')));
      return rows[0];
    },

    async touchSession(tokenHash: string, lastSeenAt: Date, expiresAt: Date): Promise<void> {
      await db.update(sessions).set({ lastSeenAt, expiresAt }).where(eq(sessions.tokenHash, tokenHash));
    },

    async deleteSession(tokenHash: string): Promise<void> {
      await db.delete(sessions).where(eq(sessions.tokenHash, tokenHash));
    },

    /**
     * Signs a person out everywhere by ending their live sessions now. The rows stay, as a timed-out
     * session's do, so a form sent from one of them can still be parked for that person alone.
     * Returns how many sessions ended.
     */
    async expireSessionsOfPerson(personId: string, now: Date): Promise<number> {
      const ended = await db
        .update(sessions)
        .set({ expiresAt: now })
        .where(and(eq(sessions.personId, personId), gt(sessions.expiresAt, now)))
        .returning({ tokenHash: sessions.tokenHash });
      return ended.length;
    },

    /** Ends the person's live sessions except the one named (the device they are using now). */
    async expireOtherSessionsOfPerson(personId: string, keepTokenHash: string, now: Date, tx: Database = db): Promise<number> {
      const ended = await tx
        .update(sessions)
        .set({ expiresAt: now })
        .where(and(eq(sessions.personId, personId), gt(sessions.expiresAt, now), ne(sessions.tokenHash, keepTokenHash)))
        .returning({ tokenHash: sessions.tokenHash });
      return ended.length;
    },

    async deleteExpiredSessions(now: Date): Promise<void> {
      await db.delete(sessions).where(lt(sessions.expiresAt, now));
    },
  };
}

export type SessionRepository = ReturnType<typeof createSessionRepository>;
