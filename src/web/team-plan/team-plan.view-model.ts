import type { FrameworkIndex } from '../../domain/framework/framework-index.ts';
import type { TeamPlanRow } from '../../db/team-plan.repository.ts';
import type { TeamPlanView } from '../../services/teams/team-plan.service.ts';
import type { StoredTeamPlan } from '../../services/teams/team-plan.service.ts';
import { formatDuration } from '../catalogue/catalogue.view-model.ts';
import { formatDateTime } from '../dates.ts';
import { RESOURCE_PAGE } from '../journeys/journey.view-model.ts';

export const TEAM_PLAN_PATHS = {
  team: (teamId: string) => `/teams/${teamId}`,
  plans: (teamId: string) => `/teams/${teamId}/plan`,
  plan: (teamId: string, planId: string) => `/teams/${teamId}/plans/${planId}`,
  send: (teamId: string, planId: string) => `/teams/${teamId}/plans/${planId}/send`,
  decline: (assignmentId: string) => `/journey/team-requests/${assignmentId}/decline`,
};

const BASIS_TEXT = { self: 'self-rated levels', verified: 'verified levels only' } as const;

const STATUS_TAGS = {
  sent: { text: 'Sent', classes: 'nhsuk-tag--blue' },
  declined: { text: 'Declined', classes: 'nhsuk-tag--red' },
  completed: { text: 'Completed', classes: 'nhsuk-tag--green' },
  withdrawn: { text: 'Withdrawn', classes: 'nhsuk-tag--grey' },
} as const;

const archetypeLabel = (index: FrameworkIndex, id: string) => index.archetypeById.get(id)?.label ?? id;

/** "Proven optimal", or why it may not be the least learning. */
export function solverText(content: Pick<StoredTeamPlan, 'solver' | 'optimal'>): string {
  if (content.optimal) return 'Planned exactly with the HiGHS solver, and proven optimal: no other plan gives these holders in less time.';
  return content.solver === 'exact'
    ? 'Planned with the HiGHS solver, which stopped at its time limit before proving this is the least learning.'
    : 'Planned with a quick approximate method because the solver ran out of time; it may not be the least learning.';
}

export function planListView(teamId: string, plans: readonly TeamPlanRow[]) {
  return plans.map((p) => {
    const content = p.plan as StoredTeamPlan;
    return {
      href: TEAM_PLAN_PATHS.plan(teamId, p.id),
      text: `Plan made ${formatDateTime(p.createdAt)}`,
      facts: `${BASIS_TEXT[p.basis]} · ${formatDuration(content.totalMinutes)} in all · ${p.sentAt ? 'sent' : 'not sent'}`,
    };
  });
}

/** The plan page: per member their resources and why, what no resource teaches, and what is still short. */
export function teamPlanView(index: FrameworkIndex, view: TeamPlanView) {
  const { team, plan, content, assignments } = view;
  const statusOf = new Map(assignments.map((a) => [`${a.personId}|${a.resourceId}`, a]));
  return {
    teamName: team.name,
    teamPath: TEAM_PLAN_PATHS.team(team.id),
    plansPath: TEAM_PLAN_PATHS.plans(team.id),
    sendPath: TEAM_PLAN_PATHS.send(team.id, plan.id),
    sent: plan.sentAt !== null,
    canSend: view.canManage && plan.sentAt === null && content.members.length > 0,
    basis: BASIS_TEXT[plan.basis],
    k: String(plan.resilienceK),
    hoursPerMember: content.hoursPerMember === undefined ? null : formatDuration(content.hoursPerMember * 60),
    solverText: solverText(content),
    optimal: content.optimal,
    totalTime: formatDuration(content.totalMinutes),
    shortCount: String(content.shortCount),
    members: content.members.map((m) => ({
      name: m.name,
      time: formatDuration(m.minutes),
      limit: m.hoursLimit === null ? null : `${m.hoursLimit} hour${m.hoursLimit === 1 ? '' : 's'}`,
      closesCount: m.closes.length,
      resources: m.resources.map((r) => {
        const assignment = statusOf.get(`${m.personId}|${r.resourceId}`);
        return {
          title: r.title,
          href: RESOURCE_PAGE(r.resourceId),
          time: formatDuration(r.minutes),
          reason: r.reason.charAt(0).toUpperCase() + r.reason.slice(1),
          status: assignment ? STATUS_TAGS[assignment.status] : null,
          declineReason: assignment?.status === 'declined' ? assignment.declineReason : null,
        };
      }),
    })),
    unclosable: content.unclosable.map((u) => ({ archetype: archetypeLabel(index, u.archetype), statement: u.statement })),
    shortfallLeft: content.shortfallLeft.map((s) => ({ archetype: archetypeLabel(index, s.archetype), statement: s.statement, missing: s.missing })),
  };
}
