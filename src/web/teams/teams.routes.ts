import type { FastifyInstance, FastifyReply } from 'fastify';
import { z } from 'zod';
import { AppError } from '../../errors.ts';
import { hasRole } from '../../services/identity/viewer.ts';
import type { Viewer } from '../../services/identity/viewer.ts';
import type { FormError } from '../form-errors.ts';
import { formErrorsView } from '../form-errors.ts';
import type { PageDeps } from '../index.ts';
import { problemsOfInvalid } from '../products/product-form-fields.ts';
import { requireViewer } from '../session.plugin.ts';
import { choiceItems, EMPTY_TEAM_FORM, teamFormErrors, teamFormValuesOf, teamInputOf, valuesFromTeam } from './team-form.ts';
import type { TeamFormValues } from './team-form.ts';
import { TEAM_DONE_KEYS, teamPageView } from './team-page.view-model.ts';
import { TEAM_PATHS } from './teams.paths.ts';

export const teamParams = z.object({ teamId: z.string().min(1).max(60) });
const doneQuery = z.object({ done: z.enum(TEAM_DONE_KEYS).optional().catch(undefined) });
const listDoneQuery = z.object({ done: z.enum(['archived']).optional().catch(undefined) });

interface FormPage {
  teamId?: string;
  values: TeamFormValues;
  errors?: FormError[];
}

/**
 * The AI MDT pages (issue 13 §1): the list, setting a team up, its page and its settings. They
 * show other people, so they are never served from the personal page cache.
 */
export function registerTeamPages(app: FastifyInstance, deps: PageDeps): void {
  const { services } = deps;
  const archetypes = () => services.assessmentFramework().index.doc.archetypes.map((a) => ({ id: a.id, label: a.label }));
  // A product lead who is not also an organisation admin must lead what they set up.
  const mustLead = (viewer: Viewer) => !hasRole(viewer, 'organisation-admin');

  async function renderForm(reply: FastifyReply, viewer: Viewer, { teamId, values, errors = [] }: FormPage) {
    const products = (await services.teams.productChoices({ viewer })).map((p) => ({ id: p.id, label: p.name }));
    const heading = teamId ? 'Edit team settings' : 'Set up an AI MDT';
    return reply.view('teams/team-form.njk', {
      pageTitle: heading,
      heading,
      backPath: teamId ? TEAM_PATHS.team(teamId) : TEAM_PATHS.list,
      formPath: teamId ? TEAM_PATHS.edit(teamId) : TEAM_PATHS.create,
      archivePath: teamId ? TEAM_PATHS.archive(teamId) : undefined,
      submitText: teamId ? 'Save changes' : 'Set up the team',
      isCreating: !teamId,
      mustLead: mustLead(viewer),
      values,
      coveredItems: choiceItems(archetypes(), values.coveredArchetypes),
      productItems: choiceItems(products, values.productIds),
      joinItems: choiceItems(archetypes(), values.archetypes),
      joinAsLeadItems: choiceItems([{ id: 'yes', label: 'Yes, I will lead it' }, { id: 'no', label: 'No, I will add its leads' }], [values.joinAsLead]),
      ...formErrorsView(errors),
    });
  }

  function requireCreator(viewer: Viewer): void {
    if (!services.teams.mayCreateTeams(viewer)) throw new AppError('forbidden', 'Only organisation admins and AI product leads can set up an AI MDT.');
  }

  app.get(TEAM_PATHS.list, async (request, reply) => {
    const viewer = requireViewer(request);
    const { done } = listDoneQuery.parse(request.query);
    const teams = await services.teams.listTeams({ viewer });
    return reply.view('teams/team-list.njk', {
      pageTitle: 'AI MDTs',
      breadcrumbs: [{ text: 'Home', href: '/' }],
      canCreate: services.teams.mayCreateTeams(viewer),
      createPath: TEAM_PATHS.create,
      doneMessage: done ? 'The team has been archived.' : undefined,
      teams: teams.map((t) => ({ name: t.team.name, href: TEAM_PATHS.team(t.team.id), purpose: t.team.purpose, memberCount: t.memberCount, part: t.canManage ? (t.isMember ? 'Lead' : 'Manage as admin') : 'Member' })),
    });
  });

  app.get(TEAM_PATHS.create, async (request, reply) => {
    const viewer = requireViewer(request);
    requireCreator(viewer);
    return renderForm(reply, viewer, { values: { ...EMPTY_TEAM_FORM, joinAsLead: mustLead(viewer) ? 'yes' : '' } });
  });

  app.post(TEAM_PATHS.create, async (request, reply) => {
    const viewer = requireViewer(request);
    requireCreator(viewer);
    const values = teamFormValuesOf(request.body);
    try {
      const team = await services.teams.createTeam({ viewer, input: teamInputOf(values) });
      return reply.redirect(`${TEAM_PATHS.team(team.id)}?done=created`, 303);
    } catch (error) {
      return renderForm(reply.status(400), viewer, { values, errors: teamFormErrors(problemsOfInvalid(error)) });
    }
  });

  app.get(TEAM_PATHS.team(':teamId'), async (request, reply) => {
    const viewer = requireViewer(request);
    const { teamId } = teamParams.parse(request.params);
    const { done } = doneQuery.parse(request.query);
    return reply.view('teams/team.njk', teamPageView(await services.teams.getTeam({ viewer, teamId }), done));
  });

  app.get(TEAM_PATHS.edit(':teamId'), async (request, reply) => {
    const viewer = requireViewer(request);
    const { teamId } = teamParams.parse(request.params);
    const { team, productIds } = await services.teams.getManagedTeam({ viewer, teamId });
    return renderForm(reply, viewer, { teamId: team.id, values: valuesFromTeam(team, productIds) });
  });

  app.post(TEAM_PATHS.edit(':teamId'), async (request, reply) => {
    const viewer = requireViewer(request);
    const { teamId } = teamParams.parse(request.params);
    const { team } = await services.teams.getManagedTeam({ viewer, teamId });
    const values = teamFormValuesOf(request.body);
    try {
      await services.teams.updateTeam({ viewer, teamId: team.id, input: teamInputOf(values) });
      return reply.redirect(`${TEAM_PATHS.team(team.id)}?done=saved`, 303);
    } catch (error) {
      return renderForm(reply.status(400), viewer, { teamId: team.id, values, errors: teamFormErrors(problemsOfInvalid(error)) });
    }
  });

  app.post(TEAM_PATHS.archive(':teamId'), async (request, reply) => {
    const viewer = requireViewer(request);
    const { teamId } = teamParams.parse(request.params);
    await services.teams.archiveTeam({ viewer, teamId });
    return reply.redirect(`${TEAM_PATHS.list}?done=archived`, 303);
  });
}
