import type { FastifyInstance } from 'fastify';
import type { Services } from '../services/index.ts';
import { buildOpenApiDocument } from './openapi.ts';
import { registerAssessmentApi } from './v1/assessment.routes.ts';
import { registerAssuranceApi } from './v1/assurance.routes.ts';
import { registerSupplierLinkApi } from './v1/assurance-supplier.api.ts';
import { registerAssuranceReportApi } from './v1/assurance-report.routes.ts';
import { registerCatalogueApi } from './v1/catalogue.routes.ts';
import { registerFrameworkApi } from './v1/framework.routes.ts';
import { registerJourneyApi } from './v1/journey.routes.ts';
import { registerJourneyScopeApi } from './v1/journey-scope.routes.ts';
import { registerProductApi } from './v1/product.routes.ts';
import { registerProductTrainingApi } from './v1/product-training.routes.ts';
import { registerPeopleApi } from './v1/people.routes.ts';
import { registerVerificationApi } from './v1/verification.routes.ts';
import { registerTeamApi } from './v1/teams.routes.ts';
import { registerTeamCoverageApi } from './v1/team-coverage.routes.ts';
import { registerTeamPlanApi } from './v1/team-plan.routes.ts';

export async function registerApi(app: FastifyInstance, deps: { services: Services }): Promise<void> {
  const openApi = buildOpenApiDocument();
  app.get('/api/openapi.json', async () => openApi);
  registerFrameworkApi(app, deps);
  registerPeopleApi(app, deps);
  registerAssessmentApi(app, deps);
  registerVerificationApi(app, deps);
  registerCatalogueApi(app, deps);
  registerJourneyApi(app, deps);
  registerJourneyScopeApi(app, deps);
  registerProductApi(app, deps);
  registerProductTrainingApi(app, deps);
  registerAssuranceApi(app, deps);
  registerSupplierLinkApi(app, deps);
  registerAssuranceReportApi(app, deps);
  registerTeamApi(app, deps);
  registerTeamCoverageApi(app, deps);
  registerTeamPlanApi(app, deps);
}
