import { describe, expect, it } from 'vitest';
import { NOT_YET } from '../../domain/assessment/requirement-status.ts';
import { dartEd } from '../catalogue/framework.fixture.ts';
import { DEMO_PEOPLE } from './demo-dataset.ts';
import type { DemoPerson } from './demo-dataset.ts';
import { currentDemoRatings, demoRatingsFor, demoVerificationsFor, topicsThatApply } from './demo-rating-data.ts';

const NOW = new Date('2026-12-05T09:00:00Z');
const DAY_MS = 24 * 60 * 60 * 1000;
const personOf = (key: string): DemoPerson => DEMO_PEOPLE.find((p) => p.key === key) as DemoPerson;
const rank = (level: string): number => dartEd.levelById.get(level)?.rank ?? 0;

/** Mean current rank (not yet as 0) of a person's topics in these factors. */
function meanRank(key: string, factors: readonly string[]): number {
  const ranks = currentDemoRatings(demoRatingsFor(dartEd, personOf(key), NOW))
    .filter((r) => factors.includes(dartEd.topicById.get(r.topicId)?.factor ?? ''))
    .map((r) => rank(r.level));
  return ranks.reduce((sum, r) => sum + r, 0) / ranks.length;
}

const TECHNICAL = ['ai-model-and-product-design', 'technical-implementation'];
const CLINICAL = ['cognitive-biases', 'interface-with-patients', 'clinical-use'];
const ELSEWHERE = ['regulation-and-standards', 'liability', 'guidelines', 'evaluation-and-validation', 'strategy-and-culture'];

describe('demo self-ratings', () => {
  it('are the same on every run', () => {
    for (const person of DEMO_PEOPLE) expect(demoRatingsFor(dartEd, person, NOW)).toEqual(demoRatingsFor(dartEd, person, NOW));
  });

  it('rate only topics that apply, dated in the last nine months, oldest first, with some not yet', () => {
    for (const person of DEMO_PEOPLE.filter((p) => p.archetypes.length > 0)) {
      const rows = demoRatingsFor(dartEd, person, NOW);
      const applies = new Set(topicsThatApply(dartEd, person).map((t) => t.id));
      expect(rows.every((r) => applies.has(r.topicId)), person.key).toBe(true);
      expect(rows.every((r) => r.ratedAt < NOW && NOW.getTime() - r.ratedAt.getTime() < 275 * DAY_MS), person.key).toBe(true);
      expect(rows.map((r) => r.ratedAt.getTime())).toEqual(rows.map((r) => r.ratedAt.getTime()).sort((a, b) => a - b));
      expect(new Set(rows.map((r) => r.ratedAt.toISOString().slice(0, 7))).size, person.key).toBeGreaterThanOrEqual(4);
    }
    expect(DEMO_PEOPLE.some((p) => demoRatingsFor(dartEd, p, NOW).some((r) => r.level === NOT_YET))).toBe(true);
  });

  it('lean on archetype and profession: a Creator data scientist is high on technical topics, a User clinician mid on clinical use and low elsewhere', () => {
    expect(meanRank('chloe.bennett', TECHNICAL)).toBeGreaterThanOrEqual(2);
    expect(meanRank('jodie.turner', CLINICAL)).toBeGreaterThanOrEqual(1.3);
    expect(meanRank('jodie.turner', CLINICAL)).toBeLessThan(2.6);
    expect(meanRank('jodie.turner', ELSEWHERE)).toBeLessThan(1);
  });

  it('are verified some days after the rating, before now, confirmed or one level lower', () => {
    const person = personOf('ruth.adeyemi');
    const current = currentDemoRatings(demoRatingsFor(dartEd, person, NOW));
    const verifications = demoVerificationsFor(dartEd, person, current, NOW);
    expect(verifications.length).toBeGreaterThanOrEqual(3);
    for (const v of verifications) {
      const rating = current.find((r) => r.topicId === v.topicId);
      expect(rating).toBeDefined();
      expect(rating!.ratedAt < v.requestedAt && v.requestedAt < v.decidedAt && v.decidedAt < NOW).toBe(true);
      if (v.outcome === 'confirmed') expect(v.level).toBe(rating!.level);
      else expect([rank(v.level), v.comment !== null]).toEqual([rank(rating!.level) - 1, true]);
    }
  });
});
