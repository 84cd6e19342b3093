import { and, eq, isNull } from 'drizzle-orm';
import type { Database } from './client.ts';
import { profileSuggestions } from './schema.ts';

export type ProfileSuggestionRow = typeof profileSuggestions.$inferSelect;

/** What a person's staff record suggests for their profile, and what they made of it. */
export function createProfileSuggestionRepository(db: Database) {
  return {
    /** The suggestion the person has not yet used or turned down, if any. */
    async getOpenSuggestion(personId: string, tx: Database = db): Promise<ProfileSuggestionRow | undefined> {
      const [row] = await tx.select().from(profileSuggestions).where(and(eq(profileSuggestions.personId, personId), isNull(profileSuggestions.decidedAt)));
      return row;
    },

    /** Records the person's answer once; false when there was no open suggestion. */
    async decide(personId: string, decision: 'accepted' | 'declined', at: Date, tx: Database = db): Promise<boolean> {
      const rows = await tx
        .update(profileSuggestions)
        .set({ decision, decidedAt: at })
        .where(and(eq(profileSuggestions.personId, personId), isNull(profileSuggestions.decidedAt)))
        .returning({ personId: profileSuggestions.personId });
      return rows.length > 0;
    },
  };
}

export type ProfileSuggestionRepository = ReturnType<typeof createProfileSuggestionRepository>;
