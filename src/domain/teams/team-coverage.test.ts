import { describe, expect, it } from 'vitest';
import { miniFramework } from '../applicability/mini-framework.fixture.ts';
import { NOT_YET } from '../assessment/requirement-status.ts';
import { topicIdOf } from '../framework/topics.ts';
import { dartEd } from '../../services/catalogue/framework.fixture.ts';
import { computeTeamCoverage } from './team-coverage.ts';
import type { CoverageCounts, CoverageState, TeamCoverage, TeamMemberLevels } from './team-coverage.ts';

/** Topics are implicit in the mini framework, so each requirement is rated under its own id. */
const index = miniFramework({
  archetypes: [{ id: 'shaper' }, { id: 'driver' }, { id: 'embedder' }, { id: 'user' }],
  requirements: [
    ['f1', 'foundational', null, 'governance', 'knowledge', 'awareness'],
    ['s1', 'advanced', 'shaper', 'governance', 'knowledge', 'familiarity'],
    ['s2', 'advanced', 'shaper', 'liability', 'knowledge', 'understanding'],
    ['s3', 'advanced', 'shaper', 'liability', 'skill', 'capability'],
    ['d1', 'advanced', 'driver', 'governance', 'knowledge', 'awareness'],
    ['e1', 'advanced', 'embedder', 'governance', 'knowledge', 'awareness'],
    ['u1', 'advanced', 'user', 'cognitive-biases', 'knowledge', 'awareness'],
    ['p1', 'product-specific', null, 'clinical-use', 'knowledge', 'awareness'],
  ],
});

function member(personId: string, archetypesInTeam: string[], self: Record<string, string>, verified: Record<string, string> = {}): TeamMemberLevels {
  return {
    personId,
    name: personId[0]?.toUpperCase() + personId.slice(1),
    archetypesInTeam,
    levelsByTopic: { self: new Map(Object.entries(self)), verified: new Map(Object.entries(verified)) },
  };
}

// Ruth alone holds s1 and s3 (self-rated); Kieran's s1 is below target; Ama meets s1 but plays no
// Shaper in the team, and meets every foundational and product statement, which must not count.
const ruth = member('ruth', ['shaper'], { s1: 'understanding', s2: 'understanding', s3: 'capability' }, { s1: 'familiarity' });
const kieran = member('kieran', ['shaper', 'driver'], { s1: 'awareness', s2: 'understanding', d1: 'awareness', e1: 'understanding' }, { s2: 'understanding' });
const ama = member('ama', ['user'], { s1: 'understanding', u1: 'awareness', f1: 'understanding', p1: 'understanding' }, { u1: NOT_YET });
const team = [ruth, kieran, ama];

function states(coverage: TeamCoverage): Record<string, [CoverageState, string[]]> {
  return Object.fromEntries(coverage.requirements.map((r) => [r.requirementId, [r.state, r.holders]]));
}

function sum(counts: CoverageCounts[]): CoverageCounts {
  return counts.reduce((a, c) => ({ covered: a.covered + c.covered, singleHolder: a.singleHolder + c.singleHolder, uncovered: a.uncovered + c.uncovered, total: a.total + c.total }), {
    covered: 0,
    singleHolder: 0,
    uncovered: 0,
    total: 0,
  });
}

describe('computeTeamCoverage', () => {
  it('with k = 1 on self-rated levels, separates covered from resting on one person; only advanced requirements count', () => {
    const coverage = computeTeamCoverage(index, { members: team, basis: 'self' });
    expect(coverage.archetypes).toEqual(['shaper', 'driver', 'user']);
    expect(states(coverage)).toEqual({
      s1: ['single-holder', ['ruth']],
      s2: ['covered', ['ruth', 'kieran']],
      s3: ['single-holder', ['ruth']],
      d1: ['single-holder', ['kieran']],
      u1: ['single-holder', ['ama']],
    });
    expect(coverage.overall).toEqual({ covered: 1, singleHolder: 4, uncovered: 0, total: 5 });
  });

  it('counts a member only for the archetypes they play in the team', () => {
    const coverage = computeTeamCoverage(index, { members: team, basis: 'self' });
    expect(coverage.requirements.find((r) => r.requirementId === 's1')?.holders).not.toContain('ama');
    // Kieran meets e1 but the team has no Embedder role for him, so e1 is not even judged by default.
    expect(coverage.requirements.map((r) => r.requirementId)).not.toContain('e1');
  });

  it('with k = 2, a lone holder leaves a requirement uncovered, with the shortfall', () => {
    const coverage = computeTeamCoverage(index, { members: team, basis: 'self', k: 2 });
    expect(coverage.requirements.map((r) => [r.requirementId, r.state, r.holderCount, r.shortfall])).toEqual([
      ['s1', 'uncovered', 1, 1],
      ['s2', 'covered', 2, 0],
      ['s3', 'uncovered', 1, 1],
      ['d1', 'uncovered', 1, 1],
      ['u1', 'uncovered', 1, 1],
    ]);
    expect(coverage.overall).toEqual({ covered: 1, singleHolder: 0, uncovered: 4, total: 5 });
  });

  it('on the verified basis counts only verified levels (not yet is not met)', () => {
    const coverage = computeTeamCoverage(index, { members: team, basis: 'verified' });
    expect(states(coverage)).toEqual({
      s1: ['single-holder', ['ruth']],
      s2: ['single-holder', ['kieran']],
      s3: ['uncovered', []],
      d1: ['uncovered', []],
      u1: ['uncovered', []],
    });
  });

  it('lists single points of failure by person, most first, whatever k is', () => {
    const expected = [
      { personId: 'ruth', name: 'Ruth', requirementIds: ['s1', 's3'] },
      { personId: 'ama', name: 'Ama', requirementIds: ['u1'] },
      { personId: 'kieran', name: 'Kieran', requirementIds: ['d1'] },
    ];
    expect(computeTeamCoverage(index, { members: team, basis: 'self' }).singlePointsOfFailure).toEqual(expected);
    expect(computeTeamCoverage(index, { members: team, basis: 'self', k: 2 }).singlePointsOfFailure).toEqual(expected);
    expect(computeTeamCoverage(index, { members: team, basis: 'verified' }).singlePointsOfFailure.map((s) => s.personId)).toEqual(['kieran', 'ruth']);
  });

  it('counts per archetype and factor, and the counts add up to the requirements judged', () => {
    const coverage = computeTeamCoverage(index, { members: team, basis: 'self' });
    expect(coverage.byArchetypeFactor).toEqual([
      { archetype: 'shaper', factor: 'governance', counts: { covered: 0, singleHolder: 1, uncovered: 0, total: 1 } },
      { archetype: 'shaper', factor: 'liability', counts: { covered: 1, singleHolder: 1, uncovered: 0, total: 2 } },
      { archetype: 'driver', factor: 'governance', counts: { covered: 0, singleHolder: 1, uncovered: 0, total: 1 } },
      { archetype: 'user', factor: 'cognitive-biases', counts: { covered: 0, singleHolder: 1, uncovered: 0, total: 1 } },
    ]);
    expect(sum(coverage.byArchetypeFactor.map((g) => g.counts))).toEqual(coverage.overall);
  });

  it('judges the archetypes the team states it must cover, even one nobody plays', () => {
    const coverage = computeTeamCoverage(index, { members: team, basis: 'self', coveredArchetypes: ['embedder', 'shaper'] });
    expect(coverage.archetypes).toEqual(['shaper', 'embedder']);
    expect(coverage.requirements.map((r) => [r.requirementId, r.state])).toEqual([
      ['s1', 'single-holder'],
      ['s2', 'covered'],
      ['s3', 'single-holder'],
      ['e1', 'uncovered'],
    ]);
  });

  it('an empty team judges nothing by default, and leaves every stated requirement uncovered', () => {
    const empty = computeTeamCoverage(index, { members: [], basis: 'self' });
    expect(empty).toMatchObject({ archetypes: [], requirements: [], byArchetypeFactor: [], singlePointsOfFailure: [] });
    expect(empty.overall.total).toBe(0);
    const stated = computeTeamCoverage(index, { members: [], basis: 'self', coveredArchetypes: ['shaper'], k: 2 });
    expect(stated.overall).toEqual({ covered: 0, singleHolder: 0, uncovered: 3, total: 3 });
    expect(stated.requirements.every((r) => r.shortfall === 2)).toBe(true);
  });

  it('leaves out the clinical layer and the User advanced requirements when the AI is not used in clinical decisions', () => {
    const coverage = computeTeamCoverage(index, { members: team, basis: 'self', clinicalDecisionMaking: false });
    expect(coverage.requirements.map((r) => r.requirementId)).toEqual(['s1', 's2', 's3', 'd1']);
  });

  it.each<[string, Parameters<typeof computeTeamCoverage>[1], RegExp]>([
    ['k of 0', { members: team, basis: 'self', k: 0 }, /at least 1/],
    ['fractional k', { members: team, basis: 'self', k: 1.5 }, /whole number/],
    ['an unknown archetype played', { members: [member('x', ['pilot'], {})], basis: 'self' }, /Unknown archetype "pilot"/],
    ['an unknown archetype to cover', { members: team, basis: 'self', coveredArchetypes: ['pilot'] }, /Unknown archetype "pilot"/],
    ['a member listed twice', { members: [ruth, ruth], basis: 'self' }, /more than once/],
  ])('refuses %s', (_, input, message) => {
    expect(() => computeTeamCoverage(index, input)).toThrow(message);
  });

  it('on the bundled framework, reads levels by topic and counts every Shaper advanced requirement once', () => {
    const shaperAdvanced = dartEd.doc.requirements.filter((r) => r.tier === 'advanced' && r.archetype === 'shaper');
    const first = shaperAdvanced[0];
    if (!first) throw new Error('the bundled framework has Shaper advanced requirements');
    const topicId = topicIdOf(dartEd, first.id) ?? first.id;
    const top = first.kind === 'knowledge' ? 'understanding' : 'proficiency';
    const coverage = computeTeamCoverage(dartEd, { members: [member('ruth', ['shaper'], { [topicId]: top })], basis: 'self' });
    expect(coverage.overall.total).toBe(shaperAdvanced.length);
    expect(coverage.requirements.find((r) => r.requirementId === first.id)?.holders).toEqual(['ruth']);
    expect(sum(coverage.byArchetypeFactor.map((g) => g.counts))).toEqual(coverage.overall);
  });
});
