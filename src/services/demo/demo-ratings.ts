import type { AssessmentRepository, TopicRatingRow } from '../../db/assessment.repository.ts';
import type { AuditRepository } from '../../db/audit.repository.ts';
import type { Database } from '../../db/client.ts';
import type { PeopleRepository } from '../../db/people.repository.ts';
import type { SupervisionRepository } from '../../db/supervision.repository.ts';
import type { VerificationRepository } from '../../db/verification.repository.ts';
import type { FrameworkIndex } from '../../domain/framework/framework-index.ts';
import { DEMO_PEOPLE, DEMO_SUPERVISIONS, demoEmail } from './demo-dataset.ts';
import type { DemoPerson } from './demo-dataset.ts';
import { currentDemoRatings, DEMO_NEWCOMERS, demoRatingsFor, demoVerificationsFor } from './demo-rating-data.ts';

export interface DemoRatingsDeps {
  db: Database;
  peopleRepository: Pick<PeopleRepository, 'findPersonByEmail'>;
  assessmentRepository: Pick<AssessmentRepository, 'insertRatings' | 'listCurrentRatings'>;
  verificationRepository: Pick<VerificationRepository, 'insertRequest' | 'insertDecision'>;
  supervisionRepository: Pick<SupervisionRepository, 'isCurrentSupervisor'>;
  auditRepository: Pick<AuditRepository, 'insertAuditEvent'>;
  framework: () => FrameworkIndex;
  now: () => Date;
}

interface Found {
  id: string;
  organisationId: string;
}

/**
 * Writes the demo people's self-ratings and their supervisors' past verifications
 * (demo-rating-data.ts). The rows are the ones the self-assessment and verification services write
 * (requests with their decisions and both audit events), dated in the past; no notifications,
 * since the news is months old. A person who has any rating already is left alone, so loading
 * again changes nothing and an older demo database gains ratings only for people who have none.
 */
export function createDemoRatings(deps: DemoRatingsDeps) {
  async function find(key: string, tx: Database): Promise<Found | undefined> {
    const person = await deps.peopleRepository.findPersonByEmail(demoEmail(key), tx);
    return person && { id: person.id, organisationId: person.organisationId };
  }

  async function ratePerson(index: FrameworkIndex, person: DemoPerson, found: Found, tx: Database): Promise<boolean> {
    const frameworkId = index.doc.id;
    if ((await deps.assessmentRepository.listCurrentRatings(found.id, frameworkId, tx)).length > 0) return false;
    const now = deps.now();
    const rows = demoRatingsFor(index, person, now);
    if (rows.length === 0) return false;
    const inserted = await deps.assessmentRepository.insertRatings(
      rows.map((r) => ({ organisationId: found.organisationId, personId: found.id, frameworkId, frameworkVersion: index.doc.version, ...r })),
      tx,
    );
    await verifyAsSupervisor(index, person, found, inserted, tx);
    return true;
  }

  async function verifyAsSupervisor(index: FrameworkIndex, person: DemoPerson, learner: Found, inserted: readonly TopicRatingRow[], tx: Database): Promise<void> {
    const supervision = DEMO_SUPERVISIONS.find((s) => s.learner === person.key);
    const supervisor = supervision && (await find(supervision.supervisor, tx));
    if (!supervisor || !(await deps.supervisionRepository.isCurrentSupervisor(supervisor.id, learner.id, tx))) return;
    const current = currentDemoRatings(inserted.map((r) => ({ topicId: r.topicId, level: r.level, ratedAt: r.ratedAt })));
    const rowOf = new Map(inserted.filter((r) => current.some((c) => c.topicId === r.topicId && c.ratedAt.getTime() === r.ratedAt.getTime())).map((r) => [r.topicId, r]));
    for (const v of demoVerificationsFor(index, person, current, deps.now())) {
      const rating = rowOf.get(v.topicId);
      if (!rating) continue;
      const { organisationId } = learner;
      const request = await deps.verificationRepository.insertRequest(
        { organisationId, learnerId: learner.id, supervisorId: supervisor.id, frameworkId: index.doc.id, topicId: v.topicId, ratingId: rating.id, ratingRatedAt: rating.ratedAt, message: null, requestedAt: v.requestedAt },
        tx,
      );
      const requested = { topicId: v.topicId, ratingId: rating.id, level: rating.level, supervisorId: supervisor.id };
      await deps.auditRepository.insertAuditEvent({ organisationId, actorId: learner.id, subjectId: request.id, action: 'verification.requested', detail: requested, at: v.requestedAt }, tx);
      const checked = { outcome: v.outcome, level: v.level, comment: v.comment };
      await deps.verificationRepository.insertDecision({ organisationId, requestId: request.id, decidedBy: supervisor.id, ...checked, decidedAt: v.decidedAt }, tx);
      const decided = { ...checked, selfRatedLevel: rating.level, learnerId: learner.id };
      await deps.auditRepository.insertAuditEvent({ organisationId, actorId: supervisor.id, subjectId: request.id, action: 'verification.decided', detail: decided, at: v.decidedAt }, tx);
    }
  }

  return {
    /** Rates every demo person with archetypes who has no rating yet (newcomers aside); returns how many. */
    async loadDemoRatings(): Promise<number> {
      const index = deps.framework();
      return deps.db.transaction(async (txn) => {
        const tx = txn as unknown as Database;
        let rated = 0;
        for (const person of DEMO_PEOPLE) {
          if (person.archetypes.length === 0 || DEMO_NEWCOMERS.includes(person.key)) continue;
          const found = await find(person.key, tx);
          if (found && (await ratePerson(index, person, found, tx))) rated += 1;
        }
        return rated;
      });
    },
  };
}

export type DemoRatings = ReturnType<typeof createDemoRatings>;
