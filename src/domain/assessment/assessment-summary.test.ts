import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { frameworkDocumentSchema } from '../framework/framework-document.ts';
import type { Requirement } from '../framework/framework-document.ts';
import { indexFramework, topLevelFactor } from '../framework/framework-index.ts';
import { listApplicableRequirements } from '../applicability/applicability.ts';
import { miniFramework } from '../applicability/mini-framework.fixture.ts';
import { summariseAssessment } from './assessment-summary.ts';
import type { RatingLookup, StatusCounts } from './assessment-summary.ts';
import { NOT_YET } from './requirement-status.ts';

const raw: unknown = JSON.parse(readFileSync(new URL('../../../frameworks/dart-ed-2022.json', import.meta.url), 'utf8'));
const index = indexFramework(frameworkDocumentSchema.parse(raw));
const counts = (met: number, notMet: number, notRated: number): StatusCounts => ({ met, notMet, notRated, total: met + notMet + notRated });

describe('summariseAssessment on a hand-made framework', () => {
  const mini = miniFramework({
    requirements: [
      ['f1', 'foundational', null, 'governance', 'knowledge', 'familiarity'],
      ['f2', 'foundational', null, 'cognitive-biases', 'skill', 'capability'],
      ['u1', 'advanced', 'user', 'liability', 'knowledge', 'understanding'],
      ['u2', 'advanced', 'user', 'cognitive-biases', 'skill', 'proficiency'],
      ['s1', 'advanced', 'shaper', 'liability', 'knowledge', 'awareness'],
      ['p1', 'product-specific', null, 'clinical-use', 'knowledge', 'awareness'],
    ],
  });
  const applicable = listApplicableRequirements(mini, {
    archetypes: ['shaper', 'user'],
    clinicalDecisionMaking: true,
    products: [
      { productId: 'a', clinicalDecisionMaking: true },
      { productId: 'b', clinicalDecisionMaking: true },
    ],
  });
  const ratings: Record<string, string> = { f1: 'understanding', f2: NOT_YET, u1: 'familiarity', s1: 'awareness', 'p1@a': 'awareness' };
  const ratingOf: RatingLookup = (r, a) => ratings[a.productId ? `${r.id}@${a.productId}` : r.id];
  const summary = summariseAssessment(mini, applicable, ratingOf);

  it('counts overall and per tier, archetype and factor, in document order, leaving out empty groups', () => {
    expect(summary.overall).toEqual(counts(3, 2, 2));
    expect(summary.byTier.map((g) => [g.tier, g.counts])).toEqual([
      ['foundational', counts(1, 1, 0)],
      ['advanced', counts(1, 1, 1)],
      ['product-specific', counts(1, 0, 1)],
    ]);
    expect(summary.byArchetype.map((g) => [g.archetype.id, g.counts])).toEqual([
      ['shaper', counts(1, 0, 0)],
      ['user', counts(0, 1, 1)],
    ]);
    expect(summary.byTopLevelFactor.map((g) => [g.factor.id, g.counts])).toEqual([
      ['governance', counts(2, 1, 0)],
      ['clinical-use', counts(1, 1, 2)],
    ]);
    expect(summary.byFactor.map((g) => [g.factor.id, g.counts])).toEqual([
      ['governance', counts(1, 0, 0)],
      ['liability', counts(1, 1, 0)],
      ['clinical-use', counts(1, 0, 1)],
      ['cognitive-biases', counts(0, 1, 1)],
    ]);
  });

  it('lists the gaps in applicability order with their ratings', () => {
    expect(summary.gaps.map((g) => [g.applicable.requirement.id, g.rating])).toEqual([
      ['f2', NOT_YET],
      ['u1', 'familiarity'],
    ]);
  });

  it('rates a product-specific statement per product', () => {
    expect(summary.items.filter((i) => i.applicable.requirement.id === 'p1').map((i) => [i.applicable.productId, i.status])).toEqual([
      ['a', 'met'],
      ['b', 'not-rated'],
    ]);
  });

  it('has nothing to count for nothing applicable', () => {
    const empty = summariseAssessment(mini, [], () => undefined);
    expect(empty).toEqual({ overall: counts(0, 0, 0), byTier: [], byArchetype: [], byTopLevelFactor: [], byFactor: [], items: [], gaps: [], unrated: [] });
  });

  it('refuses a rating of the wrong kind rather than guessing', () => {
    expect(() => summariseAssessment(mini, applicable, () => 'capability')).toThrow(/not a knowledge level/);
  });
});

describe('summariseAssessment on the report framework', () => {
  const clinicianUser = listApplicableRequirements(index, { archetypes: ['user'], clinicalDecisionMaking: true });
  const top = (r: Requirement) => (r.kind === 'knowledge' ? 'understanding' : 'proficiency');
  const bottom = (r: Requirement) => (r.kind === 'knowledge' ? 'awareness' : 'capability');

  it.each([
    ['nothing rated', () => undefined, counts(0, 0, 56)],
    ["everything 'not yet'", () => NOT_YET, counts(0, 56, 0)],
    ['everything at the top level', top, counts(56, 0, 0)],
  ] as Array<[string, RatingLookup, StatusCounts]>)('clinician User with %s', (_name, ratingOf, overall) => {
    const summary = summariseAssessment(index, clinicianUser, ratingOf);
    expect(summary.overall).toEqual(overall);
    expect(summary.gaps).toHaveLength(overall.notMet);
    // What has no rating on this basis is listed too, so a page can say what is unverified or unrated.
    expect(summary.unrated).toHaveLength(overall.notRated);
  });

  it('counts a bottom-level rating as met exactly where the target is the bottom level', () => {
    const summary = summariseAssessment(index, clinicianUser, bottom);
    const atBottom = clinicianUser.filter((a) => ['awareness', 'capability'].includes(a.requirement.level)).length;
    expect(summary.overall).toEqual(counts(atBottom, 56 - atBottom, 0));
    expect(summary.byTier.map((g) => [g.tier, g.counts.total])).toEqual([
      ['foundational', 30],
      ['advanced', 26],
    ]);
    expect(summary.byArchetype.map((g) => [g.archetype.id, g.counts.total])).toEqual([['user', 26]]);
  });

  it('adds up: every grouping partitions the items', () => {
    const all = listApplicableRequirements(index, {
      archetypes: ['shaper', 'driver', 'creator', 'embedder', 'user'],
      clinicalDecisionMaking: true,
      products: [{ productId: 'x', clinicalDecisionMaking: true }],
    });
    const summary = summariseAssessment(index, all, (r) => (r.id.endsWith('1') ? NOT_YET : r.id.endsWith('2') ? undefined : r.level));
    const sum = (groups: Array<{ counts: StatusCounts }>) => groups.reduce((n, g) => n + g.counts.total, 0);
    expect(summary.overall.total).toBe(242);
    expect(sum(summary.byTier)).toBe(242);
    expect(sum(summary.byTopLevelFactor)).toBe(242);
    expect(sum(summary.byFactor)).toBe(242);
    expect(sum(summary.byArchetype)).toBe(192);
    expect(summary.byTopLevelFactor.map((g) => g.factor.id)).toEqual(['ai-literacy', 'governance', 'implementation', 'clinical-use']);
    const topFactors = new Set(all.map((a) => topLevelFactor(index, a.requirement.factor)?.id));
    expect(new Set(summary.byTopLevelFactor.map((g) => g.factor.id))).toEqual(topFactors);
    expect(summary.gaps.every((g) => g.rating === NOT_YET)).toBe(true);
  });
});
