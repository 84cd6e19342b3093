import { validate as isUuid } from 'uuid';
import type { Database } from '../../db/client.ts';
import type { PersonLevels, TeamLevelsRepository } from '../../db/team-levels.repository.ts';
import type { TeamPlanRepository, TeamPlanRow, TeamAssignmentRow } from '../../db/team-plan.repository.ts';
import type { CurrentMember, TeamRepository, TeamRow } from '../../db/team.repository.ts';
import { TEAM_COVERAGE_BASES } from '../../db/tables/teams.ts';
import { inTransaction } from '../../db/transaction.ts';
import { NOT_YET } from '../../domain/assessment/requirement-status.ts';
import type { FrameworkIndex } from '../../domain/framework/framework-index.ts';
import { computeTeamCoverage } from '../../domain/teams/team-coverage.ts';
import type { CoverageBasis } from '../../domain/teams/team-coverage.ts';
import { planTeamLearning } from '../../domain/teams/team-plan.ts';
import { AppError } from '../../errors.ts';
import type { AuditLog } from '../assessment/ports.ts';
import type { HubEntry } from '../framework-catalog.ts';
import type { Viewer } from '../identity/viewer.ts';
import type { PlannableResource } from '../journeys/plan-input.ts';
import type { TeamAccessPolicy } from './team-access.ts';
import { buildTeamPlanRequest, explainAssignments } from './team-plan-input.ts';
import type { ExplainedResource, PlanMember } from './team-plan-input.ts';

/** A requirement the plan talks about, with its statement as the page shows it. */
export interface PlanRequirement {
  requirementId: string;
  archetype: string;
  statement: string;
}

/** What `ai_mdt_plans.plan` holds: the solver's answer, explained, as it was when made. */
export interface StoredTeamPlan {
  /** The most hours any member was asked for, when the lead set one for this plan. */
  hoursPerMember?: number;
  solver: 'exact' | 'greedy';
  optimal: boolean;
  totalMinutes: number;
  /** Requirements short of k holders when the plan was made. */
  shortCount: number;
  members: Array<{ personId: string; name: string; hoursLimit: number | null; minutes: number; closes: string[]; resources: ExplainedResource[] }>;
  /** No resource in the catalogue brings any candidate to these: they go to the curation-gap report. */
  unclosable: PlanRequirement[];
  /** Still short after the plan (too few members who play the archetype, or hour limits). */
  shortfallLeft: Array<PlanRequirement & { missing: number }>;
}

export interface TeamPlanView {
  team: TeamRow;
  plan: TeamPlanRow;
  content: StoredTeamPlan;
  assignments: TeamAssignmentRow[];
  canManage: boolean;
}

export interface TeamPlanServiceDeps {
  db: Database;
  teamRepository: Pick<TeamRepository, 'listCurrentMembers'>;
  teamLevels: Pick<TeamLevelsRepository, 'listLevelsOf'>;
  teamPlans: TeamPlanRepository;
  teamAccess: TeamAccessPolicy;
  audit: AuditLog;
  framework: () => HubEntry;
  plannableResources: (frameworkId: string) => Promise<PlannableResource[]>;
}

export const teamPlanNotFound = () => new AppError('not_found', 'There is no such team plan, or you cannot see it.');

/** Levels the framework's scales still have; a rating on a level since dropped counts as none. */
function onScale(index: FrameworkIndex, levels: ReadonlyMap<string, string>): Map<string, string> {
  return new Map(
    [...levels].filter(([topicId, level]) => {
      const topic = index.topicById.get(topicId);
      return topic !== undefined && (level === NOT_YET || index.doc.taxonomy[topic.kind].some((l) => l.id === level));
    }),
  );
}

export function planMembers(index: FrameworkIndex, members: readonly CurrentMember[], levels: ReadonlyMap<string, PersonLevels>): PlanMember[] {
  return members.map((m) => {
    const own = levels.get(m.personId);
    return {
      personId: m.personId,
      name: m.displayName,
      hoursLimit: m.hoursLimit,
      archetypesInTeam: m.archetypes.filter((a) => index.archetypeById.has(a)),
      levelsByTopic: { self: onScale(index, own?.self ?? new Map()), verified: onScale(index, own?.verified ?? new Map()) },
    };
  });
}

/**
 * The team's least learning (issue 13 §3): which member takes which resource so every advanced
 * requirement reaches the team's k holders in the least total time. Coverage is worked out here
 * from current levels, as the coverage page does, so the plan starts from the team as it is now.
 */
export function createTeamPlanService(deps: TeamPlanServiceDeps) {
  const statementOf = (index: FrameworkIndex, requirementId: string): PlanRequirement => {
    const requirement = index.requirementById.get(requirementId);
    return { requirementId, archetype: requirement?.archetype ?? '', statement: requirement?.statement ?? requirementId };
  };

  async function solve(team: TeamRow, basis: CoverageBasis, timeLimitMs: number | undefined, hoursPerMember: number | undefined): Promise<StoredTeamPlan> {
    const { id: frameworkId, index } = deps.framework();
    const current = await deps.teamRepository.listCurrentMembers(team.id);
    // A plan-wide cap lowers each member's own limit, never raises it.
    const capped = hoursPerMember === undefined ? current : current.map((m) => ({ ...m, hoursLimit: Math.min(m.hoursLimit ?? Infinity, hoursPerMember) }));
    const members = planMembers(index, capped, await deps.teamLevels.listLevelsOf(current.map((m) => m.personId), frameworkId));
    const coverage = computeTeamCoverage(index, {
      members,
      basis,
      ...(team.coveredArchetypes ? { coveredArchetypes: team.coveredArchetypes.filter((a) => index.archetypeById.has(a)) } : {}),
      k: team.resilienceK,
      clinicalDecisionMaking: team.clinicalDecisionMaking,
    });
    const resources = await deps.plannableResources(frameworkId);
    const request = buildTeamPlanRequest(index, coverage, members, basis, resources);
    const plan = await planTeamLearning({ ...request, ...(timeLimitMs !== undefined ? { timeLimitMs } : {}) });
    const explained = explainAssignments(request, coverage, plan.assignments, new Map(resources.map((r) => [r.id, r])));
    const byMember = new Map(plan.assignments.map((a) => [a.memberId, a]));
    return {
      ...(hoursPerMember !== undefined ? { hoursPerMember } : {}),
      solver: plan.solver,
      optimal: plan.optimal,
      totalMinutes: plan.totalMinutes,
      shortCount: request.requirements.length,
      members: members.flatMap((m) => {
        const resourcesOf = explained.get(m.personId) ?? [];
        if (resourcesOf.length === 0) return [];
        const minutes = resourcesOf.reduce((sum, r) => sum + r.minutes, 0);
        return [{ personId: m.personId, name: m.name, hoursLimit: m.hoursLimit, minutes, closes: byMember.get(m.personId)?.closes ?? [], resources: resourcesOf }];
      }),
      unclosable: plan.unclosable.map((id) => statementOf(index, id)),
      shortfallLeft: plan.shortfallLeft.map((s) => ({ ...statementOf(index, s.requirementId), missing: s.missing })),
    };
  }

  return {
    /** Makes and stores a plan for the team; only its managers may. */
    async makePlan(viewer: Viewer, teamId: string, options: { basis: string; timeLimitMs?: number; hoursPerMember?: number }): Promise<TeamPlanRow> {
      const team = await deps.teamAccess.assertCanManage(viewer, teamId);
      const basis = TEAM_COVERAGE_BASES.find((b) => b === options.basis);
      if (!basis) throw new AppError('invalid', 'Choose whether the plan counts self-rated or verified levels.', [{ field: 'basis', message: 'Choose self-rated or verified levels' }]);
      if (options.timeLimitMs !== undefined && !(Number.isInteger(options.timeLimitMs) && options.timeLimitMs >= 100 && options.timeLimitMs <= 30_000)) {
        throw new AppError('invalid', 'The time limit must be between 100 and 30000 milliseconds.', [{ field: 'timeLimitMs', message: 'Enter a time limit between 100 and 30000 milliseconds' }]);
      }
      const { hoursPerMember } = options;
      if (hoursPerMember !== undefined && !(Number.isInteger(hoursPerMember) && hoursPerMember >= 1 && hoursPerMember <= 2000)) {
        throw new AppError('invalid', 'The most hours per member must be a whole number from 1 to 2000.', [{ field: 'hoursPerMember', message: 'Enter a whole number of hours from 1 to 2000' }]);
      }
      const content = await solve(team, basis, options.timeLimitMs, hoursPerMember);
      const framework = deps.framework();
      return inTransaction(deps.db, async (tx) => {
        const plan = await deps.teamPlans.insertPlan(
          { organisationId: team.organisationId, teamId: team.id, basis, resilienceK: team.resilienceK, frameworkId: framework.id, frameworkVersion: framework.version, plan: content, createdBy: viewer.personId },
          tx,
        );
        const detail = { teamId: team.id, planId: plan.id, basis, solver: content.solver, optimal: content.optimal, totalMinutes: content.totalMinutes };
        await deps.audit.record({ organisationId: team.organisationId, actorId: viewer.personId, subjectId: team.id, action: 'team-plan.made', detail }, tx);
        return plan;
      });
    },

    /** One plan: managers see every plan, members only those sent. */
    async getPlan(viewer: Viewer, teamId: string, planId: string): Promise<TeamPlanView> {
      const { team, canManage } = await deps.teamAccess.assertCanView(viewer, teamId);
      const plan = isUuid(planId) ? await deps.teamPlans.findPlan(team.id, planId) : undefined;
      if (!plan || (!canManage && !plan.sentAt)) throw teamPlanNotFound();
      return { team, plan, content: plan.plan as StoredTeamPlan, assignments: await deps.teamPlans.listAssignments(plan.id), canManage };
    },

    /** The team's plans, newest first: managers see all, members the sent ones. */
    async listPlans(viewer: Viewer, teamId: string): Promise<{ team: TeamRow; canManage: boolean; plans: TeamPlanRow[] }> {
      const { team, canManage } = await deps.teamAccess.assertCanView(viewer, teamId);
      const plans = await deps.teamPlans.listPlans(team.id);
      return { team, canManage, plans: canManage ? plans : plans.filter((p) => p.sentAt !== null) };
    },
  };
}

export type TeamPlanService = ReturnType<typeof createTeamPlanService>;
