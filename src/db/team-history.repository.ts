import { and, asc, eq, gt, inArray, isNull, lte, or, sql } from 'drizzle-orm';
import type { Database } from './client.ts';
import { aiMdtMembers, people, topicRatings, verificationDecisions, verificationRequests } from './schema.ts';

export interface MembershipSpanRow {
  personId: string;
  name: string;
  archetypes: string[];
  joinedAt: Date;
  leftAt: Date | null;
}

/** One recorded level, as domain/teams/levels-as-of.ts folds them. */
export interface LevelEventRow {
  id: string;
  personId: string;
  topicId: string;
  level: string;
  at: Date;
}

const decisionJoin = and(eq(verificationDecisions.requestId, verificationRequests.id), eq(verificationDecisions.organisationId, verificationRequests.organisationId));

/**
 * Who was in an AI MDT over time and how their levels moved (coverage by month, issue 13 §2): a
 * few queries for the whole year, so each month is a pure filter and fold over the rows.
 */
export function createTeamHistoryRepository(db: Database) {
  return {
    /** Every membership still open or ended after `since`. */
    async listMembershipSpans(teamId: string, since: Date, tx: Database = db): Promise<MembershipSpanRow[]> {
      return tx
        .select({ personId: aiMdtMembers.personId, name: people.displayName, archetypes: aiMdtMembers.archetypes, joinedAt: aiMdtMembers.joinedAt, leftAt: aiMdtMembers.leftAt })
        .from(aiMdtMembers)
        .innerJoin(people, eq(people.id, aiMdtMembers.personId))
        .where(and(eq(aiMdtMembers.teamId, teamId), or(isNull(aiMdtMembers.leftAt), gt(aiMdtMembers.leftAt, since))))
        .orderBy(asc(people.displayName), asc(aiMdtMembers.joinedAt));
    },

    /**
     * Every self-rating and every confirmed or adjusted verified level of these people up to
     * `until`, by the same rules as team-levels.repository's `listLevelsOf`.
     */
    async listLevelHistory(personIds: readonly string[], frameworkId: string, until: Date, tx: Database = db): Promise<{ self: LevelEventRow[]; verified: LevelEventRow[] }> {
      if (personIds.length === 0) return { self: [], verified: [] };
      const self = await tx
        .select({ id: sql<string>`${topicRatings.id}::text`, personId: topicRatings.personId, topicId: topicRatings.topicId, level: topicRatings.level, at: topicRatings.ratedAt })
        .from(topicRatings)
        .where(and(inArray(topicRatings.personId, [...personIds]), eq(topicRatings.frameworkId, frameworkId), lte(topicRatings.ratedAt, until)));
      const decisions = await tx
        .select({ id: sql<string>`${verificationDecisions.id}::text`, personId: verificationRequests.learnerId, topicId: verificationRequests.topicId, level: verificationDecisions.level, at: verificationDecisions.decidedAt })
        .from(verificationDecisions)
        .innerJoin(verificationRequests, decisionJoin)
        .where(
          and(
            inArray(verificationRequests.learnerId, [...personIds]),
            eq(verificationRequests.frameworkId, frameworkId),
            inArray(verificationDecisions.outcome, ['confirmed', 'adjusted'] as const),
            lte(verificationDecisions.decidedAt, until),
          ),
        );
      const verified = decisions.flatMap((d) => (d.level === null ? [] : [{ ...d, level: d.level }]));
      return { self, verified };
    },
  };
}

export type TeamHistoryRepository = ReturnType<typeof createTeamHistoryRepository>;
