import type { FastifyInstance, FastifyReply } from 'fastify';
import { z } from 'zod';
import { AppError } from '../../errors.ts';
import type { Viewer } from '../../services/identity/viewer.ts';
import { formErrorsFromAppError, formErrorsView } from '../form-errors.ts';
import type { FormError } from '../form-errors.ts';
import type { PageDeps } from '../index.ts';
import { JOURNEY_PAGE } from '../journeys/journey.view-model.ts';
import { requireViewer } from '../session.plugin.ts';
import { TEAM_PLAN_PATHS } from './team-plan.view-model.ts';

const params = z.object({ assignmentId: z.string().max(60) });
const declineForm = z.object({ reason: z.string().max(5000).optional() });

/** A member declines what an AI MDT asked of them, saying why (issue 13 §3). */
export function registerTeamRequestPages(app: FastifyInstance, { services }: PageDeps): void {
  async function render(reply: FastifyReply, viewer: Viewer, assignmentId: string, reason: string, errors: FormError[] = []) {
    const request = (await services.teamPlans.openRequestsOf(viewer)).find((r) => r.assignmentId === assignmentId);
    if (!request) throw new AppError('not_found', 'There is no such request from a team, or it is not yours.');
    const journey = await services.journeys.getJourney({ viewer, personId: viewer.personId });
    const item = journey?.upcoming.find((i) => i.teamRequest?.assignmentId === assignmentId);
    return reply.view('team-plan/decline.njk', {
      pageTitle: `Decline a request from ${request.teamName}`,
      currentSection: 'journey',
      breadcrumbs: [{ text: 'Home', href: '/' }, { text: 'Your learning journey', href: JOURNEY_PAGE }],
      teamName: request.teamName,
      teamReason: request.reason,
      title: item?.resource?.title ?? 'this resource',
      formPath: TEAM_PLAN_PATHS.decline(assignmentId),
      journeyPath: JOURNEY_PAGE,
      reason,
      ...formErrorsView(errors),
    });
  }

  app.get('/journey/team-requests/:assignmentId/decline', async (request, reply) => {
    const { assignmentId } = params.parse(request.params);
    return render(reply, requireViewer(request), assignmentId, '');
  });

  app.post('/journey/team-requests/:assignmentId/decline', async (request, reply) => {
    const viewer = requireViewer(request);
    const { assignmentId } = params.parse(request.params);
    const { reason = '' } = declineForm.parse(request.body ?? {});
    try {
      await services.teamPlans.declineAssignment(viewer, assignmentId, reason);
    } catch (error) {
      const errors = formErrorsFromAppError(error, { reason: 'reason' });
      if (!errors) throw error;
      return render(reply.status(400), viewer, assignmentId, reason, errors);
    }
    // Back to the journey, saying the decline went through and who was told.
    return reply.redirect(`${JOURNEY_PAGE}?done=declined`, 303);
  });
}
