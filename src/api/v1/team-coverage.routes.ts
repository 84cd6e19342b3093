import type { FastifyInstance } from 'fastify';
import type { Services } from '../../services/index.ts';
import { requireViewer } from '../../web/session.plugin.ts';
import { coverageQuery, teamParams, toTeamCoverageHistoryJson, toTeamCoverageJson } from './team-coverage.schemas.ts';

/** An AI MDT's coverage and its history by month as JSON (issue 13 §2): the same service and permissions as the page. */
export function registerTeamCoverageApi(app: FastifyInstance, { services }: { services: Services }): void {
  app.get('/api/v1/teams/:teamId/coverage', async (request, reply) => {
    const viewer = requireViewer(request);
    const { teamId } = teamParams.parse(request.params);
    const { basis } = coverageQuery.parse(request.query);
    const view = await services.teamCoverage.coverageOf({ viewer, teamId, basis });
    return reply.header('cache-control', 'private, no-store').send(toTeamCoverageJson(services.assessmentFramework().index, view, basis));
  });

  app.get('/api/v1/teams/:teamId/coverage/history', async (request, reply) => {
    const viewer = requireViewer(request);
    const { teamId } = teamParams.parse(request.params);
    const { basis } = coverageQuery.parse(request.query);
    return reply.header('cache-control', 'private, no-store').send(toTeamCoverageHistoryJson(await services.teamCoverage.historyOf({ viewer, teamId, basis })));
  });
}
