/** The learning-journey planner: choose, order and schedule resources that close a learner's gaps. */
export type { CoverResult, GapKind, GapTier, Plan, PlannerGap, PlannerResource, PlanRequest } from './journey-types.ts';
export { PlanInputError } from './journey-types.ts';
export { planJourney } from './journey-planner.ts';
export { cheapestPerGap, greedyCover } from './greedy-cover.ts';
export { scheduleJourney } from './journey-schedule.ts';
export type { JourneySchedule, ScheduledItem } from './journey-schedule.ts';
export { alternativesFor } from './journey-alternatives.ts';
export { capTargetsAtReach } from './reachable-targets.ts';
export type { LoweredTarget } from './reachable-targets.ts';
export { explainOpenGaps } from './open-gap-reasons.ts';
export type { FilteredResource, LeftOutByFilters, OpenGapQuestion, OpenGapReason } from './open-gap-reasons.ts';
