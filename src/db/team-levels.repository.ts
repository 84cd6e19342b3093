import { and, desc, eq, inArray, lte, sql } from 'drizzle-orm';
import type { Database } from './client.ts';
import { currentTopicLevels, peopleKey } from './current-levels.ts';
import { topicRatings, verificationDecisions, verificationRequests } from './schema.ts';

/** One person's levels per topic id, self-rated and verified, as team coverage reads them. */
export interface PersonLevels {
  self: Map<string, string>;
  verified: Map<string, string>;
}

const decisionJoin = and(eq(verificationDecisions.requestId, verificationRequests.id), eq(verificationDecisions.organisationId, verificationRequests.organisationId));

/** Levels now, from current_topic_levels (docs/scale.md §1.2): one query, no history scanned. */
async function currentLevelsOf(levels: Map<string, PersonLevels>, personIds: readonly string[], frameworkId: string, tx: Database): Promise<Map<string, PersonLevels>> {
  const rows = await tx
    .select({ personId: currentTopicLevels.personId, topicId: currentTopicLevels.topicId, self: currentTopicLevels.selfLevel, verified: currentTopicLevels.verifiedLevel })
    .from(currentTopicLevels)
    .where(and(peopleKey(personIds), eq(currentTopicLevels.frameworkId, frameworkId)));
  for (const r of rows) {
    const person = levels.get(r.personId);
    if (r.self !== null) person?.self.set(r.topicId, r.self);
    if (r.verified !== null) person?.verified.set(r.topicId, r.verified);
  }
  return levels;
}

/**
 * Levels of many people at once (a team's members), now or as they stood at a moment (coverage
 * history by month, issue 13 §2): two queries whatever the team's size, never one per member.
 * Self-rated is each topic's latest rating; verified each topic's latest confirmed or adjusted level,
 * the same rules as a person's own summary. Levels as they stood at a moment are read from history.
 */
export function createTeamLevelsRepository(db: Database) {
  return {
    async listLevelsOf(personIds: readonly string[], frameworkId: string, asOf?: Date, tx: Database = db): Promise<Map<string, PersonLevels>> {
      const levels = new Map<string, PersonLevels>(personIds.map((id) => [id, { self: new Map(), verified: new Map() }]));
      if (personIds.length === 0) return levels;
      if (!asOf) return currentLevelsOf(levels, personIds, frameworkId, tx);
      const ratingWhere = [inArray(topicRatings.personId, [...personIds]), eq(topicRatings.frameworkId, frameworkId)];
      ratingWhere.push(lte(topicRatings.ratedAt, asOf));
      const ratings = await tx
        .selectDistinctOn([topicRatings.personId, topicRatings.topicId], { personId: topicRatings.personId, topicId: topicRatings.topicId, level: topicRatings.level })
        .from(topicRatings)
        .where(and(...ratingWhere))
        .orderBy(topicRatings.personId, topicRatings.topicId, desc(topicRatings.ratedAt), desc(sql`${topicRatings.id}`));
      const decisionWhere = [
        inArray(verificationRequests.learnerId, [...personIds]),
        eq(verificationRequests.frameworkId, frameworkId),
        inArray(verificationDecisions.outcome, ['confirmed', 'adjusted'] as const),
      ];
      decisionWhere.push(lte(verificationDecisions.decidedAt, asOf));
      const verified = await tx
        .selectDistinctOn([verificationRequests.learnerId, verificationRequests.topicId], {
          personId: verificationRequests.learnerId,
          topicId: verificationRequests.topicId,
          level: verificationDecisions.level,
        })
        .from(verificationDecisions)
        .innerJoin(verificationRequests, decisionJoin)
        .where(and(...decisionWhere))
        .orderBy(verificationRequests.learnerId, verificationRequests.topicId, desc(verificationDecisions.decidedAt), desc(sql`${verificationDecisions.id}`));
      for (const r of ratings) levels.get(r.personId)?.self.set(r.topicId, r.level);
      for (const r of verified) if (r.level !== null) levels.get(r.personId)?.verified.set(r.topicId, r.level);
      return levels;
    },
  };
}

export type TeamLevelsRepository = ReturnType<typeof createTeamLevelsRepository>;
