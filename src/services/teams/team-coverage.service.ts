import type { TeamHistoryRepository } from '../../db/team-history.repository.ts';
import type { TeamLevelsRepository } from '../../db/team-levels.repository.ts';
import type { TeamRepository, TeamRow } from '../../db/team.repository.ts';
import { coverageAtPoint, historyPoints, membersAt } from '../../domain/teams/coverage-history.ts';
import type { CoverageMonth, HistorySettings } from '../../domain/teams/coverage-history.ts';
import { levelsAtMoments } from '../../domain/teams/levels-as-of.ts';
import { computeTeamCoverage } from '../../domain/teams/team-coverage.ts';
import type { CoverageBasis, RequirementCoverage, TeamCoverage } from '../../domain/teams/team-coverage.ts';
import type { FrameworkIndex } from '../../domain/framework/framework-index.ts';
import type { HubEntry } from '../framework-catalog.ts';
import type { Viewer } from '../identity/viewer.ts';
import type { TeamAccessPolicy } from './team-access.ts';

export interface TeamCoverageDeps {
  teamAccess: Pick<TeamAccessPolicy, 'assertCanView'>;
  teamRepository: Pick<TeamRepository, 'listCurrentMembers'>;
  teamLevelsRepository: TeamLevelsRepository;
  teamHistoryRepository: TeamHistoryRepository;
  framework: () => HubEntry;
  now?: () => Date;
}

export interface CoverageOptions {
  viewer: Viewer;
  teamId: string;
  basis: CoverageBasis;
}

export interface CoverageMember {
  personId: string;
  name: string;
  teamRole: string;
  archetypes: string[];
}

export interface NamedRequirementCoverage extends RequirementCoverage {
  holderNames: string[];
}

/** What both views state about the team's settings, since the page must say which it judged by. */
export interface CoverageSettings {
  k: number;
  /** As the team set them; null means every archetype a member plays. */
  coveredArchetypes: string[] | null;
  clinicalDecisionMaking: boolean;
}

export interface TeamCoverageView {
  team: { id: string; name: string };
  canManage: boolean;
  framework: { id: string; version: string };
  settings: CoverageSettings;
  members: CoverageMember[];
  coverage: Omit<TeamCoverage, 'requirements'> & { requirements: NamedRequirementCoverage[] };
}

export interface TeamCoverageHistory {
  team: { id: string; name: string };
  basis: CoverageBasis;
  settings: CoverageSettings;
  months: CoverageMonth[];
}

// A framework version that dropped an archetype must not make a team's page fail: unknown ids are left out.
const knownArchetypes = (index: FrameworkIndex, ids: readonly string[]) => ids.filter((id) => index.archetypeById.has(id));

function settingsOf(team: TeamRow, index: FrameworkIndex): CoverageSettings {
  return { k: team.resilienceK, coveredArchetypes: team.coveredArchetypes ? knownArchetypes(index, team.coveredArchetypes) : null, clinicalDecisionMaking: team.clinicalDecisionMaking };
}

function computeSettings(settings: CoverageSettings, basis: CoverageBasis): HistorySettings {
  return { basis, k: settings.k, clinicalDecisionMaking: settings.clinicalDecisionMaking, ...(settings.coveredArchetypes ? { coveredArchetypes: settings.coveredArchetypes } : {}) };
}

/**
 * An AI MDT's collective coverage (issue 13 §2), for its members and those who manage it. Always
 * computed from the levels as they are now: nothing is cached, so a rating changed a moment ago shows.
 */
export function createTeamCoverageService(deps: TeamCoverageDeps) {
  const now = deps.now ?? (() => new Date());

  async function coverageOf({ viewer, teamId, basis }: CoverageOptions): Promise<TeamCoverageView> {
    const { team, canManage } = await deps.teamAccess.assertCanView(viewer, teamId);
    const entry = deps.framework();
    const current = await deps.teamRepository.listCurrentMembers(team.id);
    const levels = await deps.teamLevelsRepository.listLevelsOf(current.map((m) => m.personId), entry.id);
    const members = current.map((m) => ({ personId: m.personId, name: m.displayName, teamRole: m.teamRole, archetypes: knownArchetypes(entry.index, m.archetypes) }));
    const settings = settingsOf(team, entry.index);
    const coverage = computeTeamCoverage(entry.index, {
      ...computeSettings(settings, basis),
      members: members.map((m) => ({ personId: m.personId, name: m.name, archetypesInTeam: m.archetypes, levelsByTopic: levels.get(m.personId) ?? { self: new Map(), verified: new Map() } })),
    });
    const nameOf = new Map(members.map((m) => [m.personId, m.name]));
    const requirements = coverage.requirements.map((r) => ({ ...r, holderNames: r.holders.map((id) => nameOf.get(id) ?? id) }));
    return { team: { id: team.id, name: team.name }, canManage, framework: { id: entry.id, version: entry.version }, settings, members, coverage: { ...coverage, requirements } };
  }

  /**
   * The last twelve month ends and now, folded from the members' level histories: three queries
   * in all (memberships, ratings, verified levels), however many members and months.
   */
  async function historyOf({ viewer, teamId, basis }: CoverageOptions): Promise<TeamCoverageHistory> {
    const { team } = await deps.teamAccess.assertCanView(viewer, teamId);
    const entry = deps.framework();
    const points = historyPoints(now());
    const first = points[0]?.at ?? now();
    const last = points[points.length - 1]?.at ?? now();
    const spans = (await deps.teamHistoryRepository.listMembershipSpans(team.id, first)).map((s) => ({ ...s, archetypes: knownArchetypes(entry.index, s.archetypes) }));
    const membersByPoint = points.map((point) => membersAt(spans, point.at));
    const history = await deps.teamHistoryRepository.listLevelHistory([...new Set(spans.map((s) => s.personId))], entry.id, last);
    const levels = levelsAtMoments(history, points.map((p) => p.at), (i) => (membersByPoint[i] ?? []).map((m) => m.personId));
    const settings = settingsOf(team, entry.index);
    const months = points.map((point, i) => coverageAtPoint(entry.index, point, membersByPoint[i] ?? [], levels[i] ?? new Map(), computeSettings(settings, basis)));
    return { team: { id: team.id, name: team.name }, basis, settings, months };
  }

  return { coverageOf, historyOf };
}

export type TeamCoverageService = ReturnType<typeof createTeamCoverageService>;
