import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { TEAM_COVERAGE_BASES } from '../../db/tables/teams.ts';
import type { PageDeps } from '../index.ts';
import { requireViewer } from '../session.plugin.ts';
import { coverageCsv } from './coverage-csv.ts';
import { TEAM_COVERAGE_PATHS } from './team-coverage.paths.ts';
import { coveragePageView, historyView } from './team-coverage.view-model.ts';

const teamParams = z.object({ teamId: z.string().max(100) });
const basisQuery = z.object({ basis: z.enum(TEAM_COVERAGE_BASES).default('self') });

/**
 * An AI MDT's collective coverage (issue 13 §2). It shows other people's levels, so it takes no
 * personal page cache: it is recomputed from current ratings on every view.
 */
export function registerTeamCoveragePages(app: FastifyInstance, { services }: PageDeps): void {
  app.get(TEAM_COVERAGE_PATHS.coverage(':teamId'), async (request, reply) => {
    const viewer = requireViewer(request);
    const { teamId } = teamParams.parse(request.params);
    const { basis } = basisQuery.parse(request.query);
    const view = await services.teamCoverage.coverageOf({ viewer, teamId, basis });
    const history = await services.teamCoverage.historyOf({ viewer, teamId, basis });
    const { index } = services.assessmentFramework();
    return reply.header('cache-control', 'private, no-store').view('team-coverage/coverage.njk', {
      pageTitle: `Coverage: ${view.team.name}`,
      currentSection: 'teams',
      teamName: view.team.name,
      teamPath: TEAM_COVERAGE_PATHS.team(view.team.id),
      formPath: TEAM_COVERAGE_PATHS.coverage(view.team.id),
      csvPath: `${TEAM_COVERAGE_PATHS.coverageCsv(view.team.id)}?basis=${basis}`,
      plansPath: TEAM_COVERAGE_PATHS.plans(view.team.id),
      ...coveragePageView(index, view, basis),
      history: historyView(history),
    });
  });

  app.get(TEAM_COVERAGE_PATHS.coverageCsv(':teamId'), async (request, reply) => {
    const viewer = requireViewer(request);
    const { teamId } = teamParams.parse(request.params);
    const { basis } = basisQuery.parse(request.query);
    const view = await services.teamCoverage.coverageOf({ viewer, teamId, basis });
    const fileName = `${view.team.name.toLowerCase().replace(/[^a-z0-9]+/g, '-')}-coverage-${basis}.csv`;
    return reply
      .type('text/csv; charset=utf-8')
      .header('content-disposition', `attachment; filename="${fileName}"`)
      .header('cache-control', 'private, no-store')
      .send(coverageCsv(services.assessmentFramework().index, view));
  });
}
