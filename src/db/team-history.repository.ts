import { and, asc, eq, gt, isNull, or } from 'drizzle-orm';
import type { Database } from './client.ts';
import { aiMdtMembers, people } from './schema.ts';

export interface MembershipSpanRow {
  personId: string;
  name: string;
  archetypes: string[];
  joinedAt: Date;
  leftAt: Date | null;
}

/**
 * Who was in an AI MDT over time (coverage by month, issue 13 §2): one query for every membership
 * still open or ended after `since`, so a month's members are a pure filter over the rows.
 */
export function createTeamHistoryRepository(db: Database) {
  return {
    async listMembershipSpans(teamId: string, since: Date, tx: Database = db): Promise<MembershipSpanRow[]> {
      return tx
        .select({ personId: aiMdtMembers.personId, name: people.displayName, archetypes: aiMdtMembers.archetypes, joinedAt: aiMdtMembers.joinedAt, leftAt: aiMdtMembers.leftAt })
        .from(aiMdtMembers)
        .innerJoin(people, eq(people.id, aiMdtMembers.personId))
        .where(and(eq(aiMdtMembers.teamId, teamId), or(isNull(aiMdtMembers.leftAt), gt(aiMdtMembers.leftAt, since))))
        .orderBy(asc(people.displayName), asc(aiMdtMembers.joinedAt));
    },
  };
}

export type TeamHistoryRepository = ReturnType<typeof createTeamHistoryRepository>;
