import { formatDate } from '../dates.ts';
import type { AssessedRequirement } from '../../domain/assessment/assessment-summary.ts';
import type { AgreedFocus } from '../../services/assessment/focus-notice.ts';
import type { SelfAssessment } from '../../services/assessment/self-assessment.service.ts';
import { topicInfoLookup } from '../../services/assessment/topic-info.ts';
import { TOPIC_PAGE } from '../verification/verification.view-model.ts';
import { agreedFocusView, RATING_PATH, summaryView } from './self-assessment.view-model.ts';

export type SummaryBasis = 'self-rated' | 'verified';

/** The journey planner: where the summary leads on to. */
export const PLAN_LEARNING_PATH = '/journey/plan';

/**
 * The summary page on one basis. On the verified basis most statements are usually not verified
 * yet: they are listed as such, never folded into "nothing left to meet".
 */
export function summaryPageView(assessment: SelfAssessment, basis: SummaryBasis, focus: readonly AgreedFocus[]) {
  const { index } = assessment.framework;
  const summary = basis === 'verified' ? assessment.summary.verified : assessment.summary.selfRated;
  const topicOf = topicInfoLookup(index);
  const statementView = (item: AssessedRequirement) => {
    const requirement = item.applicable.requirement;
    const topic = item.applicable.productId === null ? topicOf(requirement.id) : undefined;
    return {
      id: requirement.id,
      statement: requirement.statement,
      level: index.levelById.get(requirement.level)?.label,
      // A product-specific statement is met by that product's training, not by a rating.
      productName: item.applicable.productId ? (assessment.productNames.get(item.applicable.productId) ?? 'an AI product you use') : undefined,
      topic: topic?.label,
      ratingPath: topic ? RATING_PATH(topic) : undefined,
      evidencePath: topic ? TOPIC_PAGE(topic.id) : undefined,
    };
  };
  return {
    pageTitle: 'Your self-assessment summary',
    currentSection: 'assessment',
    basis,
    notRatedLabel: basis === 'verified' ? 'not yet verified' : 'not yet rated',
    overall: summary.overall,
    groups: summaryView(summary, basis === 'verified' ? 'verified levels' : 'self-rated levels', basis === 'verified' ? 'Not yet verified' : 'Not yet rated'),
    gaps: summary.gaps.map(statementView),
    unverified: basis === 'verified' ? summary.unrated.map(statementView) : [],
    refreshersDue: assessment.refreshersDue.map((r) => ({ ...r, dueBy: r.dueBy ? formatDate(r.dueBy) : null })),
    agreedFocus: agreedFocusView(index, focus),
    planLearningPath: PLAN_LEARNING_PATH,
    myProductsPath: '/products/mine',
    frameworkBase: `/frameworks/${assessment.framework.id}`,
  };
}
