import type { FastifyInstance } from 'fastify';
import type { Services } from '../services/index.ts';
import { registerAccountPage } from './account/account.routes.ts';
import { registerArchetypePages } from './archetypes/archetypes.routes.ts';
import { registerAssurancePages } from './assurance/assurance.routes.ts';
import { registerSupplierPages } from './assurance-supplier/supplier.routes.ts';
import { registerAssuranceReportPages } from './assurance-report/assurance-report.routes.ts';
import { registerAuthPages } from './auth/auth.routes.ts';
import { registerCataloguePages } from './catalogue/catalogue.routes.ts';
import { registerFactorPages } from './factors/factors.routes.ts';
import { registerFrameworkPages } from './frameworks/frameworks.routes.ts';
import { registerHomePage } from './home/home.routes.ts';
import { registerJourneyPages } from './journeys/journey.routes.ts';
import { registerJourneyTemplatePages } from './journeys/templates.routes.ts';
import { registerJourneyScopePages } from './journeys/journey-scope.routes.ts';
import { registerInsightPages } from './insight/insight.routes.ts';
import { registerInvitationPages } from './invitations/invitation.routes.ts';
import { registerNotificationPages } from './notifications/notifications.routes.ts';
import { registerInvitePages } from './organisation/invite.routes.ts';
import { registerOrganisationPages } from './organisation/organisation.routes.ts';
import { registerSignInSettingsPages } from './organisation/sign-in-settings.routes.ts';
import { registerPersonPages } from './organisation/person.routes.ts';
import { registerQuestionSetPages } from './question-sets/question-sets.routes.ts';
import type { Renderer } from './render.ts';
import { registerReportPages } from './report/report.routes.ts';
import { registerRequirementPages } from './requirements/requirements.routes.ts';
import { registerModuleEditorPages } from './products/module-editor.routes.ts';
import { registerMyProductPages } from './products/my-products.routes.ts';
import { registerProductAdminPages } from './products/product-admin.routes.ts';
import { registerPersonAssessmentPages } from './people/person-assessment.routes.ts';
import { registerPersonalDataPages } from './personal-data/personal-data.routes.ts';
import { registerProfilePages } from './self-assessment/profile.routes.ts';
import { registerSelfAssessmentPages } from './self-assessment/self-assessment.routes.ts';
import { registerStaffPages } from './staff/staff.routes.ts';
import { registerTeamMemberPages } from './teams/team-members.routes.ts';
import { registerTeamPages } from './teams/teams.routes.ts';
import { registerTeamCoveragePages } from './team-coverage/team-coverage.routes.ts';
import { registerTeamPlanPages } from './team-plan/team-plan.routes.ts';
import { registerTeamRequestPages } from './team-plan/decline.routes.ts';
import { registerEvidencePages } from './verification/evidence.routes.ts';
import { registerVerificationPages } from './verification/verification.routes.ts';

export interface PageDeps {
  services: Services;
  render: Renderer;
}

export async function registerPages(app: FastifyInstance, deps: PageDeps): Promise<void> {
  registerHomePage(app, deps);
  registerAuthPages(app, deps);
  registerAccountPage(app, deps);
  registerNotificationPages(app, deps);
  registerInvitationPages(app, deps);
  registerOrganisationPages(app, deps);
  registerInvitePages(app, deps);
  registerSignInSettingsPages(app, deps);
  registerPersonPages(app, deps);
  registerProfilePages(app, deps);
  registerSelfAssessmentPages(app, deps);
  registerEvidencePages(app, deps);
  registerVerificationPages(app, deps);
  registerPersonAssessmentPages(app, deps);
  registerStaffPages(app, deps);
  registerPersonalDataPages(app, deps);
  registerJourneyPages(app, deps);
  registerJourneyTemplatePages(app, deps);
  registerJourneyScopePages(app, deps);
  registerTeamPlanPages(app, deps);
  registerTeamRequestPages(app, deps);
  registerCataloguePages(app, deps);
  // "Your AI products" first: its fixed paths (/products/mine) sit beside /products/:id.
  registerMyProductPages(app, deps);
  registerProductAdminPages(app, deps);
  registerModuleEditorPages(app, deps);
  registerAssurancePages(app, deps);
  registerSupplierPages(app, deps);
  registerAssuranceReportPages(app, deps);
  registerFrameworkPages(app, deps);
  registerArchetypePages(app, deps);
  registerFactorPages(app, deps);
  registerRequirementPages(app, deps);
  registerQuestionSetPages(app, deps);
  registerReportPages(app, deps);
  registerTeamPages(app, deps);
  registerTeamMemberPages(app, deps);
  registerTeamCoveragePages(app, deps);
  registerInsightPages(app, deps);
}

