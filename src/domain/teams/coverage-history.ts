import type { FrameworkIndex } from '../framework/framework-index.ts';
import { computeTeamCoverage } from './team-coverage.ts';
import type { CoverageBasis, CoverageCounts, TeamMemberLevels } from './team-coverage.ts';

/**
 * Coverage of an AI MDT month by month (issue 13 §2: "the history of coverage is shown by month").
 * Each point is judged on who was in the team at that moment and their levels as they stood then,
 * with the team's current settings (covered archetypes, k): the settings are not kept as history,
 * and judging every month by today's standard keeps the months comparable.
 */

/** A membership row as history needs it: when it began and ended (null: still a member). */
export interface MembershipSpan {
  personId: string;
  name: string;
  archetypes: readonly string[];
  joinedAt: Date;
  leftAt: Date | null;
}

export interface HistoryPoint {
  /** The moment judged: the last millisecond of a month in UK time, or now for the latest point. */
  at: Date;
  /** 'month-end' for a month's close; 'now' for the current point. */
  kind: 'month-end' | 'now';
}

// Months are UK months, as every date the hub shows is in UK time: a rating at 00:30 BST on
// 1 October belongs to October, though it is still 30 September in UTC.
const UK_CLOCK = new Intl.DateTimeFormat('en-GB', { timeZone: 'Europe/London', year: 'numeric', month: 'numeric', day: 'numeric', hour: 'numeric', minute: 'numeric', hourCycle: 'h23' });

function ukWallClock(at: number): { year: number; month: number; utcOfWallClock: number } {
  const part = Object.fromEntries(UK_CLOCK.formatToParts(new Date(at)).map((p) => [p.type, Number(p.value)]));
  const [year, month] = [part.year ?? 1970, (part.month ?? 1) - 1];
  return { year, month, utcOfWallClock: Date.UTC(year, month, part.day ?? 1, part.hour ?? 0, part.minute ?? 0) };
}

/** The instant UK clocks show midnight starting day 1 of the month (month may be out of range: Date.UTC rolls it). */
function ukMonthStart(year: number, month: number): number {
  const guess = Date.UTC(year, month, 1);
  return guess - (ukWallClock(guess).utcOfWallClock - guess);
}

/** The last `count` month ends before `now` (oldest first), then `now` itself. */
export function historyPoints(now: Date, count = 12): HistoryPoint[] {
  const { year, month } = ukWallClock(now.getTime());
  const points: HistoryPoint[] = [];
  for (let back = count; back >= 1; back -= 1) {
    // The start of the month `back - 1` months before now's, less one millisecond: the previous month's end.
    points.push({ at: new Date(ukMonthStart(year, month - (back - 1)) - 1), kind: 'month-end' });
  }
  points.push({ at: now, kind: 'now' });
  return points;
}

/**
 * Who was a member at `at`: joined at or before it and not yet left (a member who left at `at`
 * exactly is gone). A person with two spans (left and rejoined) is counted once, on the span open then.
 */
export function membersAt(spans: readonly MembershipSpan[], at: Date): MembershipSpan[] {
  const seen = new Set<string>();
  return spans.filter((s) => {
    const isMember = s.joinedAt.getTime() <= at.getTime() && (s.leftAt === null || s.leftAt.getTime() > at.getTime());
    if (!isMember || seen.has(s.personId)) return false;
    seen.add(s.personId);
    return true;
  });
}

export interface HistorySettings {
  basis: CoverageBasis;
  coveredArchetypes?: readonly string[];
  k?: number;
  clinicalDecisionMaking?: boolean;
}

export interface CoverageMonth {
  at: Date;
  kind: HistoryPoint['kind'];
  memberCount: number;
  counts: CoverageCounts;
}

/** One point's counts, from its members and their levels as they stood then (person id → levels). */
export function coverageAtPoint(
  index: FrameworkIndex,
  point: HistoryPoint,
  members: readonly MembershipSpan[],
  levelsThen: ReadonlyMap<string, TeamMemberLevels['levelsByTopic']>,
  settings: HistorySettings,
): CoverageMonth {
  const empty = { self: new Map<string, string>(), verified: new Map<string, string>() };
  const teamThen: TeamMemberLevels[] = members.map((m) => ({
    personId: m.personId,
    name: m.name,
    archetypesInTeam: m.archetypes,
    levelsByTopic: levelsThen.get(m.personId) ?? empty,
  }));
  const coverage = computeTeamCoverage(index, { members: teamThen, ...settings });
  return { at: point.at, kind: point.kind, memberCount: members.length, counts: coverage.overall };
}
