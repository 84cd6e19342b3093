import type { ApplicableRequirement } from '../../domain/applicability/applicability.ts';
import { summariseAssessment } from '../../domain/assessment/assessment-summary.ts';
import type { AssessmentSummary } from '../../domain/assessment/assessment-summary.ts';
import type { FrameworkIndex } from '../../domain/framework/framework-index.ts';
import type { PersonApplicability } from './profile.service.ts';
import { withProductTraining } from './product-training-ratings.ts';
import { topicInfoLookup } from './topic-info.ts';

/**
 * A person's summary on both bases, self-rated and verified, as their own assessment page shows
 * it: product-specific statements met by the product's training (R8), the rest by the level held
 * on each topic. Workforce insight stores these counts (services/insight), so one function makes both.
 */
export function assessmentSummaries(
  index: FrameworkIndex,
  applicable: readonly ApplicableRequirement[],
  applicability: Pick<PersonApplicability, 'currentProductTraining' | 'refresherDue'>,
  levels: { self: (topicId: string) => string | undefined; verified: (topicId: string) => string | undefined },
): { selfRated: AssessmentSummary; verified: AssessmentSummary } {
  const topicOf = topicInfoLookup(index);
  const meetingProducts = new Set([...applicability.currentProductTraining, ...applicability.refresherDue.keys()]);
  return {
    selfRated: summariseAssessment(index, applicable, withProductTraining((r) => levels.self(topicOf(r.id).id), meetingProducts)),
    verified: summariseAssessment(index, applicable, withProductTraining((r) => levels.verified(topicOf(r.id).id), meetingProducts)),
  };
}
