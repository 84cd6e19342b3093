import type { Repositories } from '../../db/index.ts';
import type { AuditLog } from '../assessment/ports.ts';
import type { HubEntry } from '../framework-catalog.ts';
import { plannable } from '../journeys/journey-services.ts';
import type { NotificationService } from '../people/notification.service.ts';
import type { TeamAccessPolicy } from './team-access.ts';
import type { InsightContributions } from '../insight/insight-contributions.ts';
import { createTeamPlanSendService } from './team-plan-send.service.ts';
import { createTeamPlanService } from './team-plan.service.ts';

/** The team's least learning: making plans, sending them, and members declining (services.teamPlans). */
export function createTeamPlanServices(repositories: Repositories, deps: { teamAccess: TeamAccessPolicy; audit: AuditLog; notifications: Pick<NotificationService, 'notify'>; framework: () => HubEntry; contributions?: Pick<InsightContributions, 'refreshJourneyProgress'> }) {
  const common = { db: repositories.db, teamRepository: repositories.teams, teamPlans: repositories.teamPlans, teamAccess: deps.teamAccess, audit: deps.audit, framework: deps.framework };
  const plans = createTeamPlanService({
    ...common,
    teamLevels: repositories.teamLevels,
    plannableResources: async (frameworkId) => (await repositories.catalogue.listPublishedForPlanning(frameworkId)).map((r) => plannable(r, 'published')),
  });
  const sending = createTeamPlanSendService({ ...common, journeyRepository: repositories.journeys, peopleRepository: repositories.people, notifications: deps.notifications, contributions: deps.contributions });
  return { ...plans, ...sending };
}

export type TeamPlanServices = ReturnType<typeof createTeamPlanServices>;
