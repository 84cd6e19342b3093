import type { AssessmentRepository } from '../../db/assessment.repository.ts';
import type { JourneyRepository, JourneyRow } from '../../db/journey.repository.ts';
import { compareScopes } from '../../domain/journey/plan-scope.ts';
import type { PlanScope, ScopeChange } from '../../domain/journey/plan-scope.ts';
import type { AccessPolicy } from '../assessment/ports.ts';
import type { ProfileService } from '../assessment/profile.service.ts';
import type { HubEntry } from '../framework-catalog.ts';
import type { Viewer } from '../identity/viewer.ts';
import type { ClosedTopic } from './journey.service.ts';
import { currentPlanScope } from './plan-scope.ts';

/** Why a saved journey no longer fits what applies to the learner. */
export interface JourneyOutOfDate {
  change: ScopeChange;
  /** When the plan was last made. */
  plannedAt: Date;
  /** The latest focus change since then, when there was one: the likeliest cause. */
  focusChangedAt: Date | null;
}

export interface JourneyScopeDeps {
  journeyRepository: Pick<JourneyRepository, 'findActiveJourney' | 'listItems'>;
  assessmentRepository: Pick<AssessmentRepository, 'listCurrentFocus'>;
  profiles: Pick<ProfileService, 'applicabilityProfileOf'>;
  access: AccessPolicy;
  framework: () => HubEntry;
}

/**
 * A journey planned before its scope was kept: what its open items were planned to close stands
 * for what it was planned for, so subjects no longer in scope still show.
 */
async function legacyScope(deps: JourneyScopeDeps, journey: JourneyRow, now: PlanScope): Promise<PlanScope> {
  const items = (await deps.journeyRepository.listItems(journey.id)).filter((i) => i.status === 'planned' || i.status === 'started');
  const targets: Record<string, string> = {};
  for (const closed of items.flatMap((i) => i.closes as ClosedTopic[])) targets[closed.topicId] = now.targets[closed.topicId] ?? closed.target;
  for (const [topicId, target] of Object.entries(now.targets)) targets[topicId] ??= target;
  return { framework: `${journey.frameworkId}@${journey.frameworkVersion}`, targets };
}

export function createJourneyScopeService(deps: JourneyScopeDeps) {
  return {
    /** Whether the person's active journey was planned for other subjects or targets than apply now; null when it fits (or there is none). */
    async checkJourneyScope({ viewer, personId }: { viewer: Viewer; personId: string }): Promise<JourneyOutOfDate | null> {
      await deps.access.assertCanSeePerson(viewer, personId);
      const journey = await deps.journeyRepository.findActiveJourney(personId);
      if (!journey) return null;
      const [applicability, focus] = await Promise.all([deps.profiles.applicabilityProfileOf(personId), deps.assessmentRepository.listCurrentFocus(personId)]);
      const now = currentPlanScope(deps.framework(), applicability);
      const planned = (journey.scope as PlanScope | null) ?? (await legacyScope(deps, journey, now));
      const change = compareScopes(planned, now);
      if (!change) return null;
      const plannedAt = journey.replannedAt ?? journey.createdAt;
      const focusChanges = focus.map((f) => f.setAt).filter((at) => at.getTime() > plannedAt.getTime());
      const focusChangedAt = focusChanges.length > 0 ? new Date(Math.max(...focusChanges.map((d) => d.getTime()))) : null;
      return { change, plannedAt, focusChangedAt };
    },
  };
}

export type JourneyScopeService = ReturnType<typeof createJourneyScopeService>;
