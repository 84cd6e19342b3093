import type { FastifyInstance, FastifyReply } from 'fastify';
import { z } from 'zod';
import type { TeamMemberRow, TeamRow } from '../../db/team.repository.ts';
import { AppError } from '../../errors.ts';
import type { Viewer } from '../../services/identity/viewer.ts';
import type { TeamDetails } from '../../services/teams/team-view.ts';
import type { FormError } from '../form-errors.ts';
import { formErrorsView } from '../form-errors.ts';
import { fieldsOf, textsOf } from '../form-fields.ts';
import type { PageDeps } from '../index.ts';
import { problemsOfInvalid } from '../products/product-form-fields.ts';
import { requireViewer } from '../session.plugin.ts';
import { choiceItems, EMPTY_MEMBER_FORM, memberFormErrors, memberFormValuesOf, memberInputOf, seniorityItems, valuesFromMember } from './team-form.ts';
import type { MemberFormValues } from './team-form.ts';
import { TEAM_PATHS } from './teams.paths.ts';

const memberParams = z.object({ teamId: z.string().min(1).max(60), memberId: z.string().min(1).max(60) });
const teamParams = memberParams.pick({ teamId: true });

/** Adding, changing and removing members of an AI MDT, and who holds its Box 4 responsibilities. */
export function registerTeamMemberPages(app: FastifyInstance, { services }: PageDeps): void {
  const archetypes = () => services.assessmentFramework().index.doc.archetypes.map((a) => ({ id: a.id, label: a.label }));

  function renderMemberForm(reply: FastifyReply, team: TeamRow, values: MemberFormValues, extras: { member?: TeamMemberRow; name?: string; errors?: FormError[] }) {
    const { member, errors = [] } = extras;
    const heading = member ? `Change ${extras.name ?? 'member'}` : 'Add a member';
    return reply.view('teams/member-form.njk', {
      pageTitle: `${heading} – ${team.name}`,
      heading,
      teamName: team.name,
      backPath: TEAM_PATHS.team(team.id),
      formPath: member ? TEAM_PATHS.editMember(team.id, member.id) : TEAM_PATHS.newMember(team.id),
      removePath: member ? TEAM_PATHS.removeMember(team.id, member.id) : undefined,
      isNew: !member,
      values,
      archetypeItems: choiceItems(archetypes(), values.archetypes),
      seniorityItems: seniorityItems(values.seniorityBand),
      ...formErrorsView(errors),
    });
  }

  async function memberOf(viewer: Viewer, teamId: string, memberId: string) {
    const { team } = await services.teams.getManagedTeam({ viewer, teamId });
    const member = await services.teams.getMember({ viewer, teamId: team.id, memberId });
    const name = (await services.teams.getTeam({ viewer, teamId: team.id })).members.find((m) => m.id === member.id)?.displayName ?? 'member';
    return { team, member, name };
  }

  app.get(TEAM_PATHS.newMember(':teamId'), async (request, reply) => {
    const viewer = requireViewer(request);
    const { team } = await services.teams.getManagedTeam({ viewer, teamId: teamParams.parse(request.params).teamId });
    return renderMemberForm(reply, team, EMPTY_MEMBER_FORM, {});
  });

  app.post(TEAM_PATHS.newMember(':teamId'), async (request, reply) => {
    const viewer = requireViewer(request);
    const { team } = await services.teams.getManagedTeam({ viewer, teamId: teamParams.parse(request.params).teamId });
    const values = memberFormValuesOf(request.body);
    try {
      await services.teams.addMember({ viewer, teamId: team.id, input: memberInputOf(values) });
      return reply.redirect(`${TEAM_PATHS.team(team.id)}?done=member-added`, 303);
    } catch (error) {
      return renderMemberForm(reply.status(400), team, values, { errors: memberFormErrors(problemsOfInvalid(error)) });
    }
  });

  app.get(TEAM_PATHS.editMember(':teamId', ':memberId'), async (request, reply) => {
    const viewer = requireViewer(request);
    const { teamId, memberId } = memberParams.parse(request.params);
    const { team, member, name } = await memberOf(viewer, teamId, memberId);
    return renderMemberForm(reply, team, valuesFromMember(member), { member, name });
  });

  app.post(TEAM_PATHS.editMember(':teamId', ':memberId'), async (request, reply) => {
    const viewer = requireViewer(request);
    const { teamId, memberId } = memberParams.parse(request.params);
    const { team, member, name } = await memberOf(viewer, teamId, memberId);
    const values = memberFormValuesOf(request.body);
    try {
      await services.teams.updateMember({ viewer, teamId: team.id, memberId: member.id, input: memberInputOf(values) });
      return reply.redirect(`${TEAM_PATHS.team(team.id)}?done=member-saved`, 303);
    } catch (error) {
      return renderMemberForm(reply.status(400), team, values, { member, name, errors: memberFormErrors(problemsOfInvalid(error)) });
    }
  });

  function renderRemove(reply: FastifyReply, team: TeamRow, member: TeamMemberRow, name: string, errors: FormError[] = []) {
    return reply.view('teams/member-remove.njk', {
      pageTitle: `Remove ${name} – ${team.name}`,
      name,
      teamName: team.name,
      backPath: TEAM_PATHS.editMember(team.id, member.id),
      formPath: TEAM_PATHS.removeMember(team.id, member.id),
      ...formErrorsView(errors),
    });
  }

  app.get(TEAM_PATHS.removeMember(':teamId', ':memberId'), async (request, reply) => {
    const viewer = requireViewer(request);
    const { teamId, memberId } = memberParams.parse(request.params);
    const { team, member, name } = await memberOf(viewer, teamId, memberId);
    return renderRemove(reply, team, member, name);
  });

  app.post(TEAM_PATHS.removeMember(':teamId', ':memberId'), async (request, reply) => {
    const viewer = requireViewer(request);
    const { teamId, memberId } = memberParams.parse(request.params);
    const { team, member, name } = await memberOf(viewer, teamId, memberId);
    try {
      await services.teams.removeMember({ viewer, teamId: team.id, memberId: member.id });
      return reply.redirect(`${TEAM_PATHS.team(team.id)}?done=member-removed`, 303);
    } catch (error) {
      if (!(error instanceof AppError) || error.code !== 'conflict') throw error;
      return renderRemove(reply.status(409), team, member, name, [{ field: '', href: '#remove-form', text: error.message }]);
    }
  });

  registerResponsibilityPage(app, { services });
}

/** For each Box 4 responsibility, which current members hold it. */
function registerResponsibilityPage(app: FastifyInstance, { services }: Pick<PageDeps, 'services'>): void {
  async function managed(viewer: Viewer, teamId: string): Promise<TeamDetails> {
    const details = await services.teams.getTeam({ viewer, teamId });
    if (!details.canManage) throw new AppError('forbidden', 'Only the team’s leads and organisation admins can change this team.');
    return details;
  }

  function render(reply: FastifyReply, details: TeamDetails, chosen: ReadonlyArray<readonly string[]>, errors: FormError[] = []) {
    const members = details.members.map((m) => ({ id: m.personId, label: `${m.displayName} (${m.teamRole})` }));
    return reply.view('teams/responsibilities.njk', {
      pageTitle: `Responsibilities – ${details.team.name}`,
      teamName: details.team.name,
      backPath: TEAM_PATHS.team(details.team.id),
      formPath: TEAM_PATHS.responsibilities(details.team.id),
      hasMembers: members.length > 0,
      responsibilities: details.responsibilities.map((r) => ({ name: `r${r.index}`, text: r.text, items: choiceItems(members, chosen[r.index] ?? []) })),
      ...formErrorsView(errors),
    });
  }

  app.get(TEAM_PATHS.responsibilities(':teamId'), async (request, reply) => {
    const viewer = requireViewer(request);
    const details = await managed(viewer, teamParams.parse(request.params).teamId);
    return render(reply, details, details.responsibilities.map((r) => r.holders.map((h) => h.personId)));
  });

  app.post(TEAM_PATHS.responsibilities(':teamId'), async (request, reply) => {
    const viewer = requireViewer(request);
    const details = await managed(viewer, teamParams.parse(request.params).teamId);
    const fields = fieldsOf(request.body);
    const chosen = details.responsibilities.map((r) => textsOf(fields[`r${r.index}`], 100));
    try {
      await services.teams.setResponsibilities({ viewer, teamId: details.team.id, input: { responsibilities: chosen.map((personIds, responsibility) => ({ responsibility, personIds })) } });
      return reply.redirect(`${TEAM_PATHS.team(details.team.id)}?done=responsibilities`, 303);
    } catch (error) {
      const errors = problemsOfInvalid(error).map((p) => ({ field: p.field, href: `#${/^r\d+$/.test(p.field) ? p.field : 'responsibilities-form'}`, text: p.message }));
      return render(reply.status(400), details, chosen, errors);
    }
  });
}
