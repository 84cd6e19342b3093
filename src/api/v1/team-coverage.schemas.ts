import { z } from 'zod';
import { TEAM_COVERAGE_BASES } from '../../db/tables/teams.ts';
import type { FrameworkIndex } from '../../domain/framework/framework-index.ts';
import type { TeamCoverageHistory, TeamCoverageView } from '../../services/teams/team-coverage.service.ts';

export const teamParams = z.object({ teamId: z.string().max(100) });
export const coverageQuery = z.object({ basis: z.enum(TEAM_COVERAGE_BASES).default('self').describe('self: members’ self-rated levels; verified: only levels a supervisor has verified.') });

const countsSchema = z.object({ covered: z.number().int(), singleHolder: z.number().int(), uncovered: z.number().int(), total: z.number().int() });
const teamSchema = z.object({ id: z.guid(), name: z.string() });
const settingsSchema = z.object({
  k: z.number().int().describe('Holders each requirement needs'),
  coveredArchetypes: z.array(z.string()).nullable().describe('As the team set them; null means every archetype a member plays in the team'),
  clinicalDecisionMaking: z.boolean(),
});
const person = z.object({ personId: z.guid(), name: z.string() });

export const teamCoverageSchema = z.object({
  team: teamSchema,
  basis: z.enum(TEAM_COVERAGE_BASES),
  framework: z.object({ id: z.string(), version: z.string() }),
  settings: settingsSchema,
  archetypes: z.array(z.string()).describe('The archetypes judged'),
  members: z.array(person.extend({ teamRole: z.string(), archetypes: z.array(z.string()) })),
  overall: countsSchema,
  byArchetypeFactor: z.array(z.object({ archetype: z.string(), factor: z.string(), counts: countsSchema })),
  requirements: z.array(
    z.object({
      requirementId: z.string(),
      archetype: z.string(),
      factor: z.string(),
      statement: z.string().describe('As the report prints it'),
      state: z.enum(['covered', 'single-holder', 'uncovered']),
      holders: z.array(person),
      shortfall: z.number().int().describe('Holders still needed to reach k'),
    }),
  ),
  singlePointsOfFailure: z.array(person.extend({ requirementIds: z.array(z.string()).describe('Requirements that lose their only holder if this member leaves') })),
});

export const teamCoverageHistorySchema = z.object({
  team: teamSchema,
  basis: z.enum(TEAM_COVERAGE_BASES),
  settings: settingsSchema.describe('The team’s current settings, used for every month'),
  months: z.array(
    z.object({
      at: z.string().describe('The moment judged: the end of a month (UTC), or now'),
      kind: z.enum(['month-end', 'now']),
      memberCount: z.number().int(),
      counts: countsSchema,
    }),
  ),
});

export function toTeamCoverageJson(index: FrameworkIndex, view: TeamCoverageView, basis: (typeof TEAM_COVERAGE_BASES)[number]): z.infer<typeof teamCoverageSchema> {
  const { coverage } = view;
  return {
    team: view.team,
    basis,
    framework: view.framework,
    settings: view.settings,
    archetypes: coverage.archetypes,
    members: view.members,
    overall: coverage.overall,
    byArchetypeFactor: coverage.byArchetypeFactor,
    requirements: coverage.requirements.map((r) => ({
      requirementId: r.requirementId,
      archetype: r.archetype,
      factor: r.factor,
      statement: index.requirementById.get(r.requirementId)?.statement ?? '',
      state: r.state,
      holders: r.holders.map((personId, i) => ({ personId, name: r.holderNames[i] ?? '' })),
      shortfall: r.shortfall,
    })),
    singlePointsOfFailure: coverage.singlePointsOfFailure,
  };
}

export function toTeamCoverageHistoryJson(history: TeamCoverageHistory): z.infer<typeof teamCoverageHistorySchema> {
  return { ...history, months: history.months.map((m) => ({ ...m, at: m.at.toISOString() })) };
}
