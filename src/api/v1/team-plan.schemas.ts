import { z } from 'zod';
import { TEAM_ASSIGNMENT_STATUSES, TEAM_COVERAGE_BASES } from '../../db/tables/teams.ts';
import type { TeamPlanRow } from '../../db/team-plan.repository.ts';
import type { StoredTeamPlan, TeamPlanView } from '../../services/teams/team-plan.service.ts';

/** Schemas of the team-plan API (issue 13 §3): they validate requests, shape responses and feed OpenAPI. */

// Ids are checked by the services, which answer "not found" for anything that is not visible.
export const teamParams = z.object({ teamId: z.string().max(60) });
export const planParams = z.object({ teamId: z.string().max(60), planId: z.string().max(60) });
export const assignmentParams = z.object({ id: z.string().max(60) });

export const makePlanRequest = z.object({
  basis: z.enum(TEAM_COVERAGE_BASES).default('self').describe('self: members count on their self-rated levels; verified: only on verified ones.'),
  hoursPerMember: z.number().int().min(1).max(2000).optional().describe('The most hours of learning to ask of any member in this plan; lowers (never raises) each member’s own limit.'),
  timeLimitMs: z.number().int().min(100).max(30_000).optional().describe('Time for the exact solver before its best answer (or the greedy one) is returned. Default 2000.'),
});

export const declineRequest = z.object({ reason: z.string().max(5000).describe('Why; required, up to 1000 characters once trimmed.') });

const requirementSchema = z.object({ requirementId: z.string(), archetype: z.string(), statement: z.string() });

export const teamPlanSchema = z.object({
  id: z.guid(),
  teamId: z.guid(),
  basis: z.enum(TEAM_COVERAGE_BASES),
  k: z.number().int(),
  hoursPerMember: z.number().int().nullable().describe('The plan-wide cap on hours per member, when the lead set one.'),
  frameworkId: z.string(),
  frameworkVersion: z.string(),
  solver: z.enum(['exact', 'greedy']),
  optimal: z.boolean().describe('Proven optimal by the HiGHS solver.'),
  totalMinutes: z.number().int(),
  createdAt: z.string(),
  sentAt: z.string().nullable(),
  members: z.array(
    z.object({
      personId: z.guid(),
      name: z.string(),
      hoursLimit: z.number().nullable(),
      minutes: z.number().int(),
      closes: z.array(z.string()).describe('Requirement ids this member will meet once done.'),
      resources: z.array(z.object({ resourceId: z.guid(), title: z.string(), minutes: z.number().int(), reason: z.string() })).describe('In the order to take them (prerequisites first).'),
    }),
  ),
  unclosable: z.array(requirementSchema).describe('No resource in the catalogue teaches these; they are on the curation-gap report.'),
  shortfallLeft: z.array(requirementSchema.extend({ missing: z.number().int() })),
  assignments: z.array(
    z.object({
      id: z.guid(),
      personId: z.guid(),
      resourceId: z.guid(),
      reason: z.string(),
      status: z.enum(TEAM_ASSIGNMENT_STATUSES),
      declineReason: z.string().nullable(),
    }),
  ),
});

export const teamPlanSummarySchema = z.object({
  id: z.guid(),
  basis: z.enum(TEAM_COVERAGE_BASES),
  k: z.number().int(),
  solver: z.enum(['exact', 'greedy']),
  optimal: z.boolean(),
  totalMinutes: z.number().int(),
  createdAt: z.string(),
  sentAt: z.string().nullable(),
});

export function toTeamPlanSummaryJson(plan: TeamPlanRow): z.infer<typeof teamPlanSummarySchema> {
  const content = plan.plan as StoredTeamPlan;
  return {
    id: plan.id,
    basis: plan.basis,
    k: plan.resilienceK,
    solver: content.solver,
    optimal: content.optimal,
    totalMinutes: content.totalMinutes,
    createdAt: plan.createdAt.toISOString(),
    sentAt: plan.sentAt?.toISOString() ?? null,
  };
}

export function toTeamPlanJson(view: TeamPlanView): z.infer<typeof teamPlanSchema> {
  const { plan, content } = view;
  return {
    id: plan.id,
    teamId: plan.teamId,
    basis: plan.basis,
    k: plan.resilienceK,
    hoursPerMember: content.hoursPerMember ?? null,
    frameworkId: plan.frameworkId,
    frameworkVersion: plan.frameworkVersion,
    solver: content.solver,
    optimal: content.optimal,
    totalMinutes: content.totalMinutes,
    createdAt: plan.createdAt.toISOString(),
    sentAt: plan.sentAt?.toISOString() ?? null,
    members: content.members,
    unclosable: content.unclosable,
    shortfallLeft: content.shortfallLeft,
    assignments: view.assignments.map((a) => ({ id: a.id, personId: a.personId, resourceId: a.resourceId, reason: a.reason, status: a.status, declineReason: a.declineReason })),
  };
}
