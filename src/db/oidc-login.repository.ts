import { and, eq, gt, isNotNull, isNull, lt, sql } from 'drizzle-orm';
import type { Database } from './client.ts';
import { oidcLogins } from './schema.ts';

export type OidcLoginRow = typeof oidcLogins.$inferSelect;

/** Sign-ins in progress with an OpenID Connect provider; each is consumed once, by the browser that began it. */
export function createOidcLoginRepository(db: Database) {
  return {
    async insertLogin(row: typeof oidcLogins.$inferInsert): Promise<void> {
      await db.insert(oidcLogins).values(row);
    },

    /**
     * Takes the sign-in a callback names, in one statement: only an unexpired, unconsumed one begun
     * by this browser. A replayed callback (in this process or another) finds nothing.
     */
    async consumeLogin(key: { stateHash: string; browserHash: string }, now: Date): Promise<OidcLoginRow | undefined> {
      const rows = await db
        .update(oidcLogins)
        .set({ consumedAt: now })
        .where(and(eq(oidcLogins.stateHash, key.stateHash), eq(oidcLogins.browserHash, key.browserHash), isNull(oidcLogins.consumedAt), gt(oidcLogins.expiresAt, now)))
        .returning();
      return rows[0];
    },

    async setPendingChoice(stateHash: string, pending: unknown): Promise<void> {
      await db.update(oidcLogins).set({ pendingChoice: pending as object }).where(eq(oidcLogins.stateHash, stateHash));
    },

    /** The verified sign-in waiting for this browser's choice of role, without taking it. */
    async findPendingChoice(browserHash: string, now: Date): Promise<OidcLoginRow | undefined> {
      const rows = await db
        .select()
        .from(oidcLogins)
        .where(and(eq(oidcLogins.browserHash, browserHash), isNotNull(oidcLogins.pendingChoice), gt(oidcLogins.expiresAt, now)));
      return rows[0];
    },

    /** Takes the waiting sign-in once: a second submission of the chooser finds nothing. Returns what was waiting. */
    async takePendingChoice(browserHash: string, now: Date): Promise<unknown> {
      // RETURNING gives the row after the update, so the choice is read from the locked row before it.
      const result = await db.execute(sql`
        update ${oidcLogins} set pending_choice = null
          from (select state_hash, pending_choice from ${oidcLogins}
                 where browser_hash = ${browserHash} and pending_choice is not null and expires_at > ${now.toISOString()}
                 for update) as waiting
         where ${oidcLogins.stateHash} = waiting.state_hash
        returning waiting.pending_choice as pending`);
      const rows = (result as unknown as { rows: Array<{ pending: unknown }> }).rows;
      return rows[0]?.pending;
    },

    async deleteExpiredLogins(now: Date): Promise<void> {
      await db.delete(oidcLogins).where(lt(oidcLogins.expiresAt, now));
    },
  };
}

export type OidcLoginRepository = ReturnType<typeof createOidcLoginRepository>;
