import type { Repositories } from '../../db/index.ts';
import type { PlanningResource, ResourceRecord } from '../../db/catalogue.repository.ts';
import type { AccessPolicy, AuditLog } from '../assessment/ports.ts';
import type { ProfileService } from '../assessment/profile.service.ts';
import type { HubEntry } from '../framework-catalog.ts';
import type { InsightContributions } from '../insight/insight-contributions.ts';
import type { Awards } from '../credentials/awards.ts';
import { createJourneyTemplateService } from './journey-templates.service.ts';
import { createJourneyService } from './journey.service.ts';
import { createJourneyScopeService } from './journey-scope.service.ts';
import type { PlannableResource } from './plan-input.ts';

export const plannable = (r: PlanningResource | ResourceRecord, status: PlannableResource['status']): PlannableResource => ({
  id: r.id,
  title: r.title,
  provider: r.provider,
  status,
  sample: r.sample,
  format: r.format,
  durationMinutes: r.durationMinutes,
  costPence: r.costPence,
  cpdAccredited: r.cpdAccredited,
  vendorNeutral: r.vendorNeutral,
  outcomes: r.outcomes,
  prerequisiteIds: r.prerequisiteIds,
});

/** Journeys and journey templates, wired to the catalogue they plan from. */
export function createJourneyServices(
  repositories: Repositories,
  deps: {
    access: AccessPolicy;
    audit: AuditLog;
    profiles: Pick<ProfileService, 'applicabilityProfileOf'>;
    framework: () => HubEntry;
    contributions?: Pick<InsightContributions, 'refreshJourneyProgress'>;
    awards?: Pick<Awards, 'templateProgressed'>;
  },
) {
  const { catalogue } = repositories;
  const plannableResources = async (frameworkId: string) => (await catalogue.listPublishedForPlanning(frameworkId)).map((r) => plannable(r, 'published'));
  const journeyTemplates = createJourneyTemplateService({
    db: repositories.db,
    journeyRepository: repositories.journeys,
    organisationRepository: repositories.organisations,
    audit: deps.audit,
    framework: deps.framework,
    publishedResources: () => plannableResources(deps.framework().id),
  });
  const journeys = createJourneyService({
    db: repositories.db,
    journeyRepository: repositories.journeys,
    assessmentRepository: repositories.assessments,
    profiles: deps.profiles,
    access: deps.access,
    audit: deps.audit,
    framework: deps.framework,
    plannableResources,
    resourcesByIds: async (ids) => (await catalogue.listResourcesByIds(ids)).map((r) => plannable(r, r.status)),
    templates: journeyTemplates,
    teamRequests: { openRequestsOf: repositories.teamPlans.listOpenRequestsOf, completed: repositories.teamPlans.completeAssignmentsFor },
    contributions: deps.contributions,
    awards: deps.awards,
  });
  const journeyScope = createJourneyScopeService({
    journeyRepository: repositories.journeys,
    assessmentRepository: repositories.assessments,
    profiles: deps.profiles,
    access: deps.access,
    framework: deps.framework,
  });
  return { journeys, journeyTemplates, journeyScope };
}
