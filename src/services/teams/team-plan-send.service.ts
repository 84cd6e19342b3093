import { validate as isUuid } from 'uuid';
import type { Database } from '../../db/client.ts';
import type { JourneyRepository, JourneyRow } from '../../db/journey.repository.ts';
import type { PeopleRepository } from '../../db/people.repository.ts';
import type { TeamPlanRepository, TeamRequestOfItem } from '../../db/team-plan.repository.ts';
import type { CurrentMember, TeamRepository, TeamRow } from '../../db/team.repository.ts';
import { inTransaction } from '../../db/transaction.ts';
import { AppError } from '../../errors.ts';
import type { AuditLog } from '../assessment/ports.ts';
import type { HubEntry } from '../framework-catalog.ts';
import type { Viewer } from '../identity/viewer.ts';
import { DEFAULT_SETTINGS } from '../journeys/journey.service.ts';
import type { PlannerReport } from '../journeys/journey.service.ts';
import type { NotificationService } from '../people/notification.service.ts';
import type { TeamAccessPolicy } from './team-access.ts';
import type { InsightContributions } from '../insight/insight-contributions.ts';
import { teamPlanNotFound } from './team-plan.service.ts';
import type { StoredTeamPlan } from './team-plan.service.ts';

export interface TeamPlanSendDeps {
  db: Database;
  teamRepository: Pick<TeamRepository, 'listCurrentMembers' | 'findTeam'>;
  teamPlans: TeamPlanRepository;
  teamAccess: TeamAccessPolicy;
  journeyRepository: Pick<JourneyRepository, 'lockPersonJourney' | 'findActiveJourney' | 'insertJourney' | 'listItems' | 'listCompletedItems' | 'insertItems' | 'updateItem'>;
  peopleRepository: Pick<PeopleRepository, 'getPerson'>;
  notifications: Pick<NotificationService, 'notify'>;
  audit: AuditLog;
  framework: () => HubEntry;
  /** Keeps workforce insight's journey progress current, in the change's transaction. */
  contributions?: Pick<InsightContributions, 'refreshJourneyProgress'> | undefined;
}

/** The journey page's path; where a member's notice and the decline form lead. */
const JOURNEY_PATH = '/journey';
export const TEAM_PLAN_PATH = (teamId: string, planId: string) => `/teams/${teamId}/plans/${planId}`;

/** A journey made to hold the team's request: nothing planned from the learner's own gaps yet. */
const EMPTY_REPORT: PlannerReport = { solver: 'exact', optimal: true, solveMs: 0, gapCount: 0, closedCount: 0, unclosable: [], outOfBudget: [] };

const assignmentNotFound = () => new AppError('not_found', 'There is no such request from a team, or it is not yours.');
const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;

/**
 * Sending a team plan into members' journeys, and a member declining what they were asked
 * (issue 13 §3). Each request is an `ai_mdt_assignments` row and a 'team' item in the member's
 * active journey, which re-planning keeps.
 */
export function createTeamPlanSendService(deps: TeamPlanSendDeps) {
  const journeys = deps.journeyRepository;

  /** The member's active journey, made with the default settings when they have none. */
  async function activeJourneyOf(member: CurrentMember, tx: Database): Promise<JourneyRow> {
    await journeys.lockPersonJourney(member.personId, tx);
    const journey = await journeys.findActiveJourney(member.personId, tx);
    if (journey) return journey;
    const framework = deps.framework();
    return journeys.insertJourney(
      { organisationId: member.personOrganisationId, personId: member.personId, frameworkId: framework.id, frameworkVersion: framework.version, templateId: null, settings: DEFAULT_SETTINGS, planner: EMPTY_REPORT },
      tx,
    );
  }

  /**
   * Adds the member's resources to their journey (or marks the item they already have); the item
   * ids by resource. A resource they completed before (the plan reads ratings, not completions) is
   * not asked again: its request is met at once.
   */
  async function addToJourney(member: CurrentMember, asked: readonly string[], tx: Database): Promise<{ itemOf: Map<string, string>; done: Set<string> }> {
    const journey = await activeJourneyOf(member, tx);
    const done = new Set((await journeys.listCompletedItems(member.personId, tx)).map((i) => i.resourceId).filter((id) => asked.includes(id)));
    const resourceIds = asked.filter((id) => !done.has(id));
    const items = await journeys.listItems(journey.id, tx);
    const itemOf = new Map<string, string>();
    const active = new Map(items.filter((i) => i.status === 'planned' || i.status === 'started').map((i) => [i.resourceId, i]));
    const last = items.reduce((max, i) => Math.max(max, i.position), -1);
    const additions = resourceIds.filter((id) => !active.has(id));
    for (const id of resourceIds) {
      const existing = active.get(id);
      if (!existing) continue;
      await deps.teamPlans.markItemAskedByTeam(existing.id, tx);
      itemOf.set(id, existing.id);
    }
    const inserted = await journeys.insertItems(journey, additions.map((resourceId, i) => ({ resourceId, position: last + 1 + i, closes: [], addedBecause: 'team' as const })), tx);
    for (const item of inserted) itemOf.set(item.resourceId, item.id);
    await deps.contributions?.refreshJourneyProgress(tx, member.personId);
    return { itemOf, done };
  }

  return {
    /** Sends every assignment of a plan to its member, once; members who have left since are skipped. */
    async sendPlan(viewer: Viewer, teamId: string, planId: string): Promise<{ sentTo: number }> {
      const team = await deps.teamAccess.assertCanManage(viewer, teamId);
      const plan = isUuid(planId) ? await deps.teamPlans.findPlan(team.id, planId) : undefined;
      if (!plan) throw teamPlanNotFound();
      if (plan.sentAt) throw new AppError('conflict', 'This plan has already been sent.');
      const content = plan.plan as StoredTeamPlan;
      const current = new Map((await deps.teamRepository.listCurrentMembers(team.id)).map((m) => [m.personId, m]));
      const asked = content.members.filter((m) => current.has(m.personId) && m.resources.length > 0);
      await inTransaction(deps.db, async (tx) => {
        if (!(await deps.teamPlans.markSent(plan.id, viewer.personId, new Date(), tx))) throw new AppError('conflict', 'This plan has already been sent.');
        for (const entry of asked) {
          const member = current.get(entry.personId)!;
          const { itemOf, done } = await addToJourney(member, entry.resources.map((r) => r.resourceId), tx);
          const answered = (resourceId: string) => (done.has(resourceId) ? { status: 'completed' as const, respondedAt: new Date() } : {});
          await deps.teamPlans.insertAssignments(
            entry.resources.map((r) => ({ organisationId: team.organisationId, teamId: team.id, planId: plan.id, personId: member.personId, resourceId: r.resourceId, journeyItemId: itemOf.get(r.resourceId) ?? null, reason: r.reason, ...answered(r.resourceId) })),
            tx,
          );
          const toTake = entry.resources.length - done.size;
          if (toTake === 0) continue;
          const message = `The ${team.name} asked you to take ${plural(toTake, 'resource')}`;
          await deps.notifications.notify({ tx, organisationId: member.personOrganisationId, personId: member.personId, message, link: JOURNEY_PATH });
        }
        const detail = { teamId: team.id, planId: plan.id, members: asked.map((m) => m.personId) };
        await deps.audit.record({ organisationId: team.organisationId, actorId: viewer.personId, subjectId: team.id, action: 'team-plan.sent', detail }, tx);
      });
      return { sentTo: asked.length };
    },

    /** The viewer's open requests from teams, for their journey page and the decline form. */
    openRequestsOf: (viewer: Viewer): Promise<TeamRequestOfItem[]> => deps.teamPlans.listOpenRequestsOf(viewer.personId),

    /** Declines one request: the item leaves the journey and whoever sent the plan is told why. */
    async declineAssignment(viewer: Viewer, assignmentId: string, reason: string): Promise<void> {
      const assignment = isUuid(assignmentId) ? await deps.teamPlans.findAssignment(assignmentId) : undefined;
      if (!assignment || assignment.personId !== viewer.personId) throw assignmentNotFound();
      const why = reason.trim();
      if (why.length === 0 || why.length > 1000) {
        const message = why.length === 0 ? 'Enter why you are declining' : 'Why you are declining must be 1000 characters or fewer';
        throw new AppError('invalid', message, [{ field: 'reason', message }]);
      }
      if (assignment.status !== 'sent') throw new AppError('conflict', 'You have already answered this request.');
      const team = (await deps.teamRepository.findTeam(assignment.teamId)) as TeamRow;
      const plan = await deps.teamPlans.findPlan(team.id, assignment.planId);
      const sender = plan?.sentBy ? await deps.peopleRepository.getPerson(plan.sentBy) : undefined;
      const title = (plan?.plan as StoredTeamPlan | undefined)?.members.flatMap((m) => m.resources).find((r) => r.resourceId === assignment.resourceId)?.title ?? 'a resource';
      await inTransaction(deps.db, async (tx) => {
        await journeys.lockPersonJourney(viewer.personId, tx);
        await deps.teamPlans.updateAssignment(assignment.id, { status: 'declined', declineReason: why, respondedAt: new Date() }, tx);
        const journey = await journeys.findActiveJourney(viewer.personId, tx);
        const items = journey ? await journeys.listItems(journey.id, tx) : [];
        const item = items.find((i) => (i.id === assignment.journeyItemId || (i.addedBecause === 'team' && i.resourceId === assignment.resourceId)) && (i.status === 'planned' || i.status === 'started'));
        if (item) await journeys.updateItem(item.id, { status: 'removed', removedAt: new Date() }, tx);
        await deps.contributions?.refreshJourneyProgress(tx, viewer.personId);
        if (sender) {
          const message = `${viewer.displayName} declined ‘${title}’ from the ${team.name} plan: ${why}`;
          await deps.notifications.notify({ tx, organisationId: sender.organisationId, personId: sender.id, message, link: TEAM_PLAN_PATH(team.id, assignment.planId) });
        }
        const detail = { teamId: team.id, planId: assignment.planId, assignmentId: assignment.id, resourceId: assignment.resourceId };
        await deps.audit.record({ organisationId: team.organisationId, actorId: viewer.personId, subjectId: viewer.personId, action: 'team-plan.assignment-declined', detail }, tx);
      });
    },
  };
}

export type TeamPlanSendService = ReturnType<typeof createTeamPlanSendService>;
