import { describe, expect, it } from 'vitest';
import type { ApplicabilityProfile } from '../../domain/applicability/applicability.ts';
import { listApplicableRequirements } from '../../domain/applicability/applicability.ts';
import { summariseAssessment } from '../../domain/assessment/assessment-summary.ts';
import { topicGaps } from '../../domain/assessment/topic-gaps.ts';
import type { TopicGap } from '../../domain/assessment/topic-gaps.ts';
import { topicInfoLookup } from '../assessment/topic-info.ts';
import { rankCurationGaps, summariseCurationGaps } from './curation-gaps.ts';
import { dartEd } from './framework.fixture.ts';

const topicOf = topicInfoLookup(dartEd);

/** A person's topic gaps, as the self-assessment works them out. */
function gapsOf(profile: Partial<ApplicabilityProfile>, ratings: Record<string, string> = {}): TopicGap[] {
  const applicable = listApplicableRequirements(dartEd, { archetypes: [], clinicalDecisionMaking: false, ...profile });
  return topicGaps(dartEd, summariseAssessment(dartEd, applicable, (r) => ratings[topicOf(r.id).id]), topicOf);
}

const find = (gaps: ReturnType<typeof rankCurationGaps>, topicId: string, tier?: string) => gaps.filter((g) => g.topicId === topicId && (tier === undefined || g.tier === tier));

describe('rankCurationGaps', () => {
  const newcomer = gapsOf({});
  const driver = gapsOf({ archetypes: ['driver'] });
  const rated = gapsOf({}, { 'ai-applications-in-health': 'understanding' });

  it('counts each person once per topic, level and tier no published resource reaches, most needed first', () => {
    const gaps = rankCurationGaps(dartEd, [newcomer, driver, rated], []);
    expect(find(gaps, 'ai-definitions')).toEqual([
      { topicId: 'ai-definitions', topicLabel: expect.any(String), kind: 'knowledge', level: 'familiarity', tier: 'foundational', archetypes: [], peopleNeeding: 3, bestAvailableLevel: null },
    ]);
    expect(find(gaps, 'ai-applications-in-health')[0]?.peopleNeeding).toBe(2);
    expect(find(gaps, 'research-or-service-evaluation')).toMatchObject([{ level: 'understanding', tier: 'advanced', archetypes: ['driver'], peopleNeeding: 1 }]);
    const counts = gaps.map((g) => g.peopleNeeding);
    expect(counts).toEqual([...counts].sort((a, b) => b - a));
    // Foundational before advanced among equals (R5).
    const three = gaps.filter((g) => g.peopleNeeding === 3);
    expect(three.every((g) => g.tier === 'foundational')).toBe(true);
  });

  it('leaves out what published resources reach, and says how far the best one goes', () => {
    const outcomes = [
      { topicId: 'ai-definitions', level: 'familiarity' },
      { topicId: 'ce-ukca-marking', level: 'awareness' },
    ];
    const gaps = rankCurationGaps(dartEd, [driver], outcomes);
    expect(find(gaps, 'ai-definitions')).toEqual([]);
    // The foundational awareness is reached; the Driver's familiarity is not.
    expect(find(gaps, 'ce-ukca-marking')).toMatchObject([{ level: 'familiarity', tier: 'advanced', archetypes: ['driver'], peopleNeeding: 1, bestAvailableLevel: 'awareness' }]);
  });

  it('lists topics nobody needs yet and nothing teaches after the needed ones, with nobody needing them', () => {
    const gaps = rankCurationGaps(dartEd, [newcomer], [{ topicId: 'model-training', level: 'capability' }]);
    const firstUnneeded = gaps.findIndex((g) => g.peopleNeeding === 0);
    expect(firstUnneeded).toBeGreaterThan(0);
    expect(gaps.slice(firstUnneeded).every((g) => g.peopleNeeding === 0)).toBe(true);
    expect(find(gaps, 'international-regulatory-alignment')).toEqual([
      { topicId: 'international-regulatory-alignment', topicLabel: expect.any(String), kind: 'skill', level: 'capability', tier: 'advanced', archetypes: ['shaper'], peopleNeeding: 0, bestAvailableLevel: null },
    ]);
    // Taught (even if nobody needs it) means not listed.
    expect(find(gaps, 'model-training')).toEqual([]);
  });

  it('with nobody in scope, lists every untaught topic', () => {
    const gaps = rankCurationGaps(dartEd, [], []);
    expect(new Set(gaps.map((g) => g.topicId)).size).toBe(dartEd.topicById.size);
  });
});

describe('summariseCurationGaps', () => {
  it('counts a topic nothing teaches as untaught whether or not someone needs it, from the same list the tables use', () => {
    const gaps = rankCurationGaps(dartEd, [gapsOf({})], [{ topicId: 'ai-definitions', level: 'familiarity' }]);
    const report = summariseCurationGaps(gaps);
    const untaught = new Map(report.untaughtTopics.map((t) => [t.topicId, t]));
    // Needed by the newcomer and untaught: it is both a needed gap and an untaught topic.
    expect(report.needed.some((g) => g.topicId === 'ai-applications-in-health' && g.bestAvailableLevel === null)).toBe(true);
    expect(untaught.get('ai-applications-in-health')).toMatchObject({ peopleNeeding: 1 });
    expect(untaught.get('international-regulatory-alignment')).toMatchObject({ peopleNeeding: 0 });
    expect(untaught.has('ai-definitions')).toBe(false);
    // Every topic with "nothing published" in any list is an untaught topic, and no other.
    expect(new Set(report.untaughtTopics.map((t) => t.topicId))).toEqual(new Set(gaps.filter((g) => g.bestAvailableLevel === null).map((g) => g.topicId)));
    expect(report.needed.length + report.notYetNeeded.length).toBe(report.gaps.length);
    expect(report.untaughtTopics.length).toBe(dartEd.topicById.size - 1);
    // Needed ones first.
    const counts = report.untaughtTopics.map((t) => t.peopleNeeding);
    expect(counts).toEqual([...counts].sort((a, b) => b - a));
  });
});

describe('rankCurationGaps with AI MDTs (issue 13 §3)', () => {
  it('counts a requirement a team’s plan found no resource for as needed, once per team', () => {
    const requirement = [...dartEd.requirementById.values()].find((r) => r.tier === 'advanced' && r.archetype === 'shaper' && r.topic === 'international-regulatory-alignment')!;
    const gaps = rankCurationGaps(dartEd, [], [], [[requirement.id, requirement.id], [requirement.id]]);
    expect(find(gaps, 'international-regulatory-alignment', 'advanced')).toMatchObject([{ level: requirement.level, archetypes: ['shaper'], peopleNeeding: 0, teamsNeeding: 2 }]);
    const report = summariseCurationGaps(gaps);
    expect(report.needed.map((g) => g.topicId)).toEqual(['international-regulatory-alignment']);
    // Taught to that level: not a gap, whatever the team's plan said.
    expect(find(rankCurationGaps(dartEd, [], [{ topicId: 'international-regulatory-alignment', level: requirement.level }], [[requirement.id]]), 'international-regulatory-alignment')).toEqual([]);
  });
});
