import type { FastifyInstance, FastifyReply } from 'fastify';
import { z } from 'zod';
import { AppError } from '../../errors.ts';
import type { Viewer } from '../../services/identity/viewer.ts';
import { formErrorsFromAppError, formErrorsView } from '../form-errors.ts';
import type { FormError } from '../form-errors.ts';
import type { PageDeps } from '../index.ts';
import { requireViewer } from '../session.plugin.ts';
import { planListView, TEAM_PLAN_PATHS, teamPlanView } from './team-plan.view-model.ts';

// Ids are checked by the services, which answer "not found" for anything that is not a team's.
const teamParams = z.object({ teamId: z.string().max(60) });
const planParams = z.object({ teamId: z.string().max(60), planId: z.string().max(60) });
const planForm = z.object({ basis: z.string().max(20).optional(), hoursPerMember: z.string().max(20).optional() });
const TEAMS_SECTION = 'teams';

/**
 * The team's least learning (issue 13 §3): managers make a plan and send it; members read sent
 * plans. These pages show other people's data, so they are never cached.
 */
export function registerTeamPlanPages(app: FastifyInstance, { services }: PageDeps): void {
  const { teamPlans } = services;

  async function renderPlans(reply: FastifyReply, viewer: Viewer, teamId: string, values: { basis?: string; hoursPerMember?: string }, errors: FormError[] = []) {
    const { basis } = values;
    const { team, canManage, plans } = await teamPlans.listPlans(viewer, teamId);
    return reply.view('team-plan/plans.njk', {
      pageTitle: `Learning plan: ${team.name}`,
      currentSection: TEAMS_SECTION,
      breadcrumbs: [{ text: 'Home', href: '/' }, { text: team.name, href: TEAM_PLAN_PATHS.team(team.id) }],
      teamName: team.name,
      k: team.resilienceK,
      canManage,
      formPath: TEAM_PLAN_PATHS.plans(team.id),
      basisItems: [
        { value: 'self', text: 'Self-rated levels', hint: { text: 'Members count where they rated themselves as meeting a requirement.' }, checked: basis !== 'verified' },
        { value: 'verified', text: 'Verified levels only', hint: { text: 'Members count only where a verifier confirmed their level.' }, checked: basis === 'verified' },
      ],
      hoursPerMember: values.hoursPerMember ?? '',
      plans: planListView(team.id, plans),
      ...formErrorsView(errors),
    });
  }

  app.get('/teams/:teamId/plan', async (request, reply) => {
    const { teamId } = teamParams.parse(request.params);
    return renderPlans(reply, requireViewer(request), teamId, {});
  });

  app.post('/teams/:teamId/plan', async (request, reply) => {
    const viewer = requireViewer(request);
    const { teamId } = teamParams.parse(request.params);
    const values = planForm.parse(request.body ?? {});
    const hours = values.hoursPerMember?.trim() ?? '';
    try {
      // Blank means no plan-wide cap; anything else the service checks, so the API says the same.
      const hoursPerMember = hours === '' ? undefined : /^\d+$/.test(hours) ? Number(hours) : Number.NaN;
      const plan = await teamPlans.makePlan(viewer, teamId, { basis: values.basis ?? '', ...(hoursPerMember !== undefined ? { hoursPerMember } : {}) });
      return reply.redirect(TEAM_PLAN_PATHS.plan(teamId, plan.id), 303);
    } catch (error) {
      const errors = formErrorsFromAppError(error, { basis: 'basis', hoursPerMember: 'hoursPerMember' });
      if (!errors || (error instanceof AppError && error.code === 'forbidden')) throw error;
      return renderPlans(reply.status(400), viewer, teamId, values, errors);
    }
  });

  async function renderPlan(reply: FastifyReply, viewer: Viewer, params: { teamId: string; planId: string }, extra: { sentMessage?: string; errors?: FormError[] } = {}) {
    const view = await teamPlans.getPlan(viewer, params.teamId, params.planId);
    const plan = teamPlanView(services.assessmentFramework().index, view);
    return reply.view('team-plan/plan.njk', {
      pageTitle: `Learning plan for ${view.team.name}`,
      currentSection: TEAMS_SECTION,
      breadcrumbs: [
        { text: 'Home', href: '/' },
        { text: view.team.name, href: plan.teamPath },
        { text: 'Learning plans', href: plan.plansPath },
      ],
      plan,
      canManage: view.canManage,
      sentMessage: extra.sentMessage,
      ...formErrorsView(extra.errors ?? []),
    });
  }

  app.get('/teams/:teamId/plans/:planId', async (request, reply) => {
    const params = planParams.parse(request.params);
    const { sent } = z.object({ sent: z.string().max(5).optional() }).parse(request.query);
    return renderPlan(reply, requireViewer(request), params, sent ? { sentMessage: 'The plan was sent. Each member has it in their learning journey and a notification.' } : {});
  });

  app.get('/teams/:teamId/plans/:planId/send', async (request, reply) => {
    const viewer = requireViewer(request);
    const params = planParams.parse(request.params);
    const view = await teamPlans.getPlan(viewer, params.teamId, params.planId);
    if (!view.canManage) throw new AppError('forbidden', 'Only the team’s leads and organisation admins can send its plans.');
    const plan = teamPlanView(services.assessmentFramework().index, view);
    return reply.view('team-plan/send.njk', {
      pageTitle: `Send the learning plan for ${view.team.name}`,
      currentSection: TEAMS_SECTION,
      breadcrumbs: [{ text: 'Home', href: '/' }, { text: view.team.name, href: plan.teamPath }],
      plan,
      planPath: TEAM_PLAN_PATHS.plan(params.teamId, params.planId),
    });
  });

  app.post('/teams/:teamId/plans/:planId/send', async (request, reply) => {
    const viewer = requireViewer(request);
    const params = planParams.parse(request.params);
    try {
      await teamPlans.sendPlan(viewer, params.teamId, params.planId);
    } catch (error) {
      if (!(error instanceof AppError && error.code === 'conflict')) throw error;
      return renderPlan(reply.status(409), viewer, params, { errors: [{ field: 'send', href: '#sent-status', text: error.message }] });
    }
    return reply.redirect(`${TEAM_PLAN_PATHS.plan(params.teamId, params.planId)}?sent=yes`, 303);
  });
}
