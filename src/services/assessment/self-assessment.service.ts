import type { Database } from '../../db/client.ts';
import type { AssessmentRepository, TopicRatingRow } from '../../db/assessment.repository.ts';
import type { PeopleRepository } from '../../db/people.repository.ts';
import { listApplicableRequirements } from '../../domain/applicability/applicability.ts';
import type { AssessmentSummary } from '../../domain/assessment/assessment-summary.ts';
import { ratingScale } from '../../domain/assessment/requirement-status.ts';
import { planTopicQuestions } from '../../domain/assessment/topic-questions.ts';
import type { FactorPage } from '../../domain/assessment/topic-questions.ts';
import { AppError } from '../../errors.ts';
import type { PersonalViewCache } from '../caching/personal-view-cache.ts';
import type { HubEntry } from '../framework-catalog.ts';
import type { InsightContributions } from '../insight/insight-contributions.ts';
import type { Viewer } from '../identity/viewer.ts';
import type { ProfileService } from './profile.service.ts';
import type { AccessPolicy, AuditLog } from './ports.ts';
import { assessmentSummaries } from './assessment-summaries.ts';
import { topicInfoLookup } from './topic-info.ts';

/** Verified levels per topic id; supplied by verification, so readiness can be shown on either basis. */
export type VerifiedLevels = (personId: string, frameworkId: string) => Promise<ReadonlyMap<string, string>>;

export interface SelfAssessment {
  framework: HubEntry;
  pages: FactorPage[];
  current: ReadonlyMap<string, TopicRatingRow>;
  verified: ReadonlyMap<string, string>;
  progress: { rated: number; total: number };
  summary: { selfRated: AssessmentSummary; verified: AssessmentSummary };
  applicableCount: number;
  /** The AI products whose Table 2 statements apply, by id, for naming them beside those statements. */
  productNames: ReadonlyMap<string, string>;
  /** Products whose statements are met but whose refresher is due, with the date and how many statements (R8). */
  refreshersDue: Array<{ productId: string; productName: string; dueBy: Date | null; statementCount: number }>;
}

export interface RateTopicsOptions {
  viewer: Viewer;
  /** topic id → level id or 'not-yet'. Topics left out keep their rating. */
  ratings: Record<string, string>;
}

export function createSelfAssessmentService(deps: {
  db: Database;
  assessmentRepository: AssessmentRepository;
  peopleRepository: PeopleRepository;
  profiles: ProfileService;
  access: AccessPolicy;
  audit: AuditLog;
  framework: () => HubEntry;
  verifiedLevels: VerifiedLevels;
  /** Keeps each person's assessment until their view stamp changes. */
  cache: PersonalViewCache<SelfAssessment>;
  /** Keeps the person's standing in workforce insight current, in the rating's transaction. */
  contributions?: Pick<InsightContributions, 'refreshStanding'>;
}) {
  const { assessmentRepository: assessments } = deps;

  function assess(personId: string): Promise<SelfAssessment> {
    const { id, version } = deps.framework();
    return deps.cache.get(personId, `${id}@${version}`, () => computeAssessment(personId));
  }

  async function computeAssessment(personId: string): Promise<SelfAssessment> {
    const framework = deps.framework();
    const { index } = framework;
    const [applicability, ratings, verified] = await Promise.all([
      deps.profiles.applicabilityProfileOf(personId),
      assessments.listCurrentRatings(personId, framework.id),
      deps.verifiedLevels(personId, framework.id),
    ]);
    const applicable = listApplicableRequirements(index, applicability);
    const topicOf = topicInfoLookup(index);
    // Product-specific statements are met by the product's training, not asked as questions.
    const pages = planTopicQuestions(index, applicable.filter((a) => a.productId === null), topicOf);
    const current = new Map(ratings.map((r) => [r.topicId, r]));
    const total = pages.reduce((n, page) => n + page.questions.length, 0);
    const rated = pages.reduce((n, page) => n + page.questions.filter((q) => current.has(q.topic.id)).length, 0);
    const refreshersDue = [...applicability.refresherDue].map(([productId, dueBy]) => ({
      productId,
      productName: applicability.productNames.get(productId) ?? 'An AI product you use',
      dueBy,
      statementCount: applicable.filter((a) => a.productId === productId).length,
    }));
    return {
      framework,
      pages,
      current,
      verified,
      progress: { rated, total },
      applicableCount: applicable.length,
      productNames: applicability.productNames,
      refreshersDue,
      summary: assessmentSummaries(index, applicable, applicability, { self: (topicId) => current.get(topicId)?.level, verified: (topicId) => verified.get(topicId) }),
    };
  }

  return {
    /** A person's questions, answers so far and summary. Visible to them, their supervisors and admins. */
    async getSelfAssessment({ viewer, personId }: { viewer: Viewer; personId: string }): Promise<SelfAssessment> {
      // Everyone may see their own (the viewer comes from a live session); anyone else is checked.
      if (personId !== viewer.personId) await deps.access.assertCanSeePerson(viewer, personId);
      return assess(personId);
    },

    /**
     * Records the viewer's own ratings. Each topic must be one that applies to them and each level
     * one of its scale; only changed ratings are stored, as new history rows, in one transaction.
     */
    async rateTopics({ viewer, ratings }: RateTopicsOptions): Promise<{ saved: number }> {
      const assessment = await assess(viewer.personId);
      const questions = new Map(assessment.pages.flatMap((p) => p.questions).map((q) => [q.topic.id, q]));
      const problems: Array<{ field: string; message: string }> = [];
      const changes: Array<{ topicId: string; level: string }> = [];
      for (const [topicId, level] of Object.entries(ratings)) {
        const question = questions.get(topicId);
        if (!question) {
          problems.push({ field: topicId, message: 'This topic is not part of your self-assessment' });
          continue;
        }
        const scale = ratingScale(assessment.framework.index, question.topic.kind).map((o) => o.value);
        if (!scale.includes(level)) problems.push({ field: topicId, message: `Select how well “${question.topic.label}” describes you` });
        else if (assessment.current.get(topicId)?.level !== level) changes.push({ topicId, level });
      }
      if (problems.length > 0) throw new AppError('invalid', 'Some ratings are not valid.', problems);
      if (changes.length === 0) return { saved: 0 };
      const { id: frameworkId, version: frameworkVersion } = assessment.framework;
      await deps.db.transaction(async (txn) => {
        const tx = txn as unknown as Database;
        const ratedAt = new Date();
        await assessments.insertRatings(
          changes.map((c) => ({ organisationId: viewer.organisationId, personId: viewer.personId, frameworkId, frameworkVersion, topicId: c.topicId, level: c.level, ratedAt })),
          tx,
        );
        await deps.contributions?.refreshStanding(tx, viewer.personId);
        await deps.audit.record({ organisationId: viewer.organisationId, actorId: viewer.personId, subjectId: viewer.personId, action: 'ratings.saved', detail: { frameworkId, changes } }, tx);
      });
      return { saved: changes.length };
    },

    /** Every rating the person has given, newest first, optionally for one topic. */
    async listRatingHistory({ viewer, personId, topicId }: { viewer: Viewer; personId: string; topicId?: string }) {
      await deps.access.assertCanSeePerson(viewer, personId);
      return assessments.listRatingHistory(personId, deps.framework().id, topicId);
    },
  };
}

export type SelfAssessmentService = ReturnType<typeof createSelfAssessmentService>;
