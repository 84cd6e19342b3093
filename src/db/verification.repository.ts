import { and, asc, between, desc, eq, exists, gt, isNotNull, isNull, notExists, or, sql } from 'drizzle-orm';
import type { SQL } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import type { SelectedFields } from 'drizzle-orm/pg-core';
import type { Database } from './client.ts';
import { currentTopicLevels, personKey } from './current-levels.ts';
import { evidence, people, supervisions, topicRatings, verificationDecisions, verificationRequests } from './schema.ts';

export type VerificationRequestRow = typeof verificationRequests.$inferSelect;
export type VerificationDecisionRow = typeof verificationDecisions.$inferSelect;

/** A request with the self-rating it pins, its decision (if any) and who is involved. */
export interface VerificationRecord {
  request: VerificationRequestRow;
  decision: VerificationDecisionRow | null;
  selfRatedLevel: string;
  learnerName: string;
  supervisorName: string;
}

export interface QueueItem extends VerificationRecord {
  activeEvidenceCount: number;
}

const learner = alias(people, 'learner');
const laterRequest = alias(verificationRequests, 'later_request');
const supervisor = alias(people, 'supervisor');

// Decisions and ratings are read in the request's organisation, so the joins never cross tenants.
// The rating is found by its whole key, whose rated_at names the one partition it is in.
const decisionJoin = and(eq(verificationDecisions.requestId, verificationRequests.id), eq(verificationDecisions.organisationId, verificationRequests.organisationId));
const ratingJoin = and(
  eq(topicRatings.organisationId, verificationRequests.organisationId),
  eq(topicRatings.id, verificationRequests.ratingId),
  eq(topicRatings.ratedAt, verificationRequests.ratingRatedAt),
);

/**
 * The rating's rated_at exactly as stored. A Date read back holds milliseconds, the column
 * microseconds, and the request's key into topic_ratings must match to the microsecond; the window
 * around the read value keeps the look-up to the one partition and the id makes it one row.
 */
function storedRatedAt(organisationId: string, ratingId: string, readBack: Date): SQL {
  const from = new Date(readBack.getTime() - 1);
  const to = new Date(readBack.getTime() + 1);
  return sql`(select ${topicRatings.ratedAt} from ${topicRatings} where ${and(eq(topicRatings.organisationId, organisationId), eq(topicRatings.id, ratingId), between(topicRatings.ratedAt, from, to))})`;
}

export function createVerificationRepository(db: Database) {
  /** Still supervised by the person the request was sent to: ended supervisions lapse their requests. */
  const supervisionIsCurrent = (tx: Database) =>
    exists(
      tx
        .select({ one: sql`1` })
        .from(supervisions)
        .where(and(eq(supervisions.supervisorId, verificationRequests.supervisorId), eq(supervisions.learnerId, verificationRequests.learnerId), isNull(supervisions.endedAt))),
    );

  /** Requests joined to the rating they pin, their decision and both names; `extra` adds columns. */
  function selectRecords<Extra extends SelectedFields>(tx: Database, where: SQL | undefined, extra: Extra = {} as Extra) {
    return tx
      .select({
        request: verificationRequests,
        decision: verificationDecisions,
        selfRatedLevel: topicRatings.level,
        learnerName: learner.displayName,
        supervisorName: supervisor.displayName,
        ...extra,
      })
      .from(verificationRequests)
      .innerJoin(topicRatings, ratingJoin)
      .innerJoin(learner, eq(learner.id, verificationRequests.learnerId))
      .innerJoin(supervisor, eq(supervisor.id, verificationRequests.supervisorId))
      .leftJoin(verificationDecisions, decisionJoin)
      .where(where);
  }

  return {
    /**
     * Serialises requests for one learner's topic until the transaction ends, so two requests sent
     * at once cannot both pass the "already pending" check.
     */
    async lockLearnerTopic(learnerId: string, topicId: string, tx: Database): Promise<void> {
      await tx.execute(sql`select pg_advisory_xact_lock(hashtextextended(${`verification:${learnerId}:${topicId}`}, 0))`);
    },

    async insertRequest(row: typeof verificationRequests.$inferInsert, tx: Database = db): Promise<VerificationRequestRow> {
      const [inserted] = await tx
        .insert(verificationRequests)
        .values({ ...row, ratingRatedAt: row.ratingRatedAt instanceof Date ? storedRatedAt(row.organisationId, row.ratingId, row.ratingRatedAt) : row.ratingRatedAt })
        .returning();
      if (!inserted) throw new Error('verification request insert returned nothing');
      return inserted;
    },

    /** An undecided request for this topic whose supervisor still supervises the learner. */
    async findPendingRequest(learnerId: string, frameworkId: string, topicId: string, tx: Database = db): Promise<VerificationRequestRow | undefined> {
      const rows = await tx
        .select({ request: verificationRequests })
        .from(verificationRequests)
        .leftJoin(verificationDecisions, decisionJoin)
        .where(
          and(
            eq(verificationRequests.learnerId, learnerId),
            eq(verificationRequests.frameworkId, frameworkId),
            eq(verificationRequests.topicId, topicId),
            isNull(verificationDecisions.id),
            supervisionIsCurrent(tx),
          ),
        )
        .limit(1);
      return rows[0]?.request;
    },

    /** One request by id; callers decide whether the asker may see it and say "not found" otherwise. */
    async findRecord(requestId: string, tx: Database = db): Promise<VerificationRecord | undefined> {
      const rows = await selectRecords(tx, eq(verificationRequests.id, requestId));
      return rows[0];
    },

    /** Undecided requests sent to this supervisor by people they still supervise, oldest first. */
    async listPendingForSupervisor(supervisorId: string, tx: Database = db): Promise<QueueItem[]> {
      const activeEvidenceCount = sql<number>`(select count(*)::int from ${evidence} where ${evidence.personId} = ${verificationRequests.learnerId}
        and ${evidence.frameworkId} = ${verificationRequests.frameworkId} and ${evidence.topicId} = ${verificationRequests.topicId}
        and ${evidence.withdrawnAt} is null)`;
      const pending = and(eq(verificationRequests.supervisorId, supervisorId), isNull(verificationDecisions.id), supervisionIsCurrent(tx));
      return selectRecords(tx, pending, { activeEvidenceCount }).orderBy(asc(verificationRequests.requestedAt), asc(verificationRequests.id));
    },

    /** A learner's requests and their outcomes, newest first, optionally for one topic. */
    async listLearnerRecords(learnerId: string, frameworkId: string, topicId?: string): Promise<VerificationRecord[]> {
      const conditions = [eq(verificationRequests.learnerId, learnerId), eq(verificationRequests.frameworkId, frameworkId)];
      if (topicId) conditions.push(eq(verificationRequests.topicId, topicId));
      return selectRecords(db, and(...conditions)).orderBy(desc(verificationRequests.requestedAt), desc(verificationRequests.id));
    },

    /**
     * Requests returned to the learner that are still the newest on their topic (asking again
     * supersedes one). Read on every sign-in's start page, so only these rows, not the history.
     */
    async listStillReturned(learnerId: string, frameworkId: string): Promise<VerificationRecord[]> {
      const supersededBy = db
        .select({ one: sql`1` })
        .from(laterRequest)
        .where(
          and(
            eq(laterRequest.learnerId, verificationRequests.learnerId),
            eq(laterRequest.frameworkId, verificationRequests.frameworkId),
            eq(laterRequest.topicId, verificationRequests.topicId),
            or(gt(laterRequest.requestedAt, verificationRequests.requestedAt), and(eq(laterRequest.requestedAt, verificationRequests.requestedAt), gt(laterRequest.id, verificationRequests.id))),
          ),
        );
      const where = and(eq(verificationRequests.learnerId, learnerId), eq(verificationRequests.frameworkId, frameworkId), eq(verificationDecisions.outcome, 'returned'), notExists(supersededBy));
      return selectRecords(db, where).orderBy(desc(verificationRequests.requestedAt), desc(verificationRequests.id));
    },

    /**
     * Records a decision. Returns undefined when the request already has one: the unique index
     * makes "first decision wins" hold even when two supervisors' submissions race.
     */
    async insertDecision(row: typeof verificationDecisions.$inferInsert, tx: Database = db): Promise<VerificationDecisionRow | undefined> {
      const [inserted] = await tx.insert(verificationDecisions).values(row).onConflictDoNothing({ target: verificationDecisions.requestId }).returning();
      return inserted;
    },

    /**
     * Each topic's latest confirmed or adjusted level for this learner (returned requests verify
     * nothing), from current_topic_levels (kept by triggers on verification_decisions, docs/scale.md §1.2).
     */
    async listVerifiedLevels(learnerId: string, frameworkId: string, tx: Database = db): Promise<Array<{ topicId: string; level: string }>> {
      const rows = await tx
        .select({ topicId: currentTopicLevels.topicId, level: currentTopicLevels.verifiedLevel })
        .from(currentTopicLevels)
        .where(and(personKey(learnerId), eq(currentTopicLevels.frameworkId, frameworkId), isNotNull(currentTopicLevels.verifiedLevel)))
        .orderBy(currentTopicLevels.topicId);
      return rows.filter((r): r is { topicId: string; level: string } => r.level !== null);
    },
  };
}

export type VerificationRepository = ReturnType<typeof createVerificationRepository>;
