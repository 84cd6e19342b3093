import { listApplicableRequirements } from '../../domain/applicability/applicability.ts';
import type { ApplicabilityProfile } from '../../domain/applicability/applicability.ts';
import { planTopicQuestions } from '../../domain/assessment/topic-questions.ts';
import { planScopeOf } from '../../domain/journey/plan-scope.ts';
import type { PlanScope } from '../../domain/journey/plan-scope.ts';
import { topicInfoLookup } from '../assessment/topic-info.ts';
import type { HubEntry } from '../framework-catalog.ts';

/**
 * The subjects a journey plans for and their targets, as they stand for this learner now. Product
 * statements are left out as the planner leaves them out: each product's own training meets them.
 */
export function currentPlanScope(framework: HubEntry, applicability: ApplicabilityProfile): PlanScope {
  const { index } = framework;
  const applicable = listApplicableRequirements(index, applicability).filter((a) => a.productId === null);
  const questions = planTopicQuestions(index, applicable, topicInfoLookup(index)).flatMap((page) => page.questions);
  return planScopeOf(framework, questions.map((q) => ({ topicId: q.topic.id, target: q.highestTarget })));
}
