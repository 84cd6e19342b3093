import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { frameworkDocumentSchema } from '../framework/framework-document.ts';
import { indexFramework } from '../framework/framework-index.ts';
import { NATIONAL_TREE, nationalTree } from './national-tree.ts';
import { placePeople } from './placements.ts';
import { DAY_MS, syntheticFrameworkOf, syntheticHistory } from './synthetic-history.ts';
import { SYNTHETIC_EMAIL_DOMAIN, syntheticWorkforce } from './synthetic-people.ts';
import type { SyntheticPerson } from './synthetic-people.ts';
import { journeyResourcePool, syntheticAnswers, TRAINING_SHARES } from './synthetic-training.ts';
import type { KnowledgeCheck } from '../products/knowledge-check.ts';

const raw: unknown = JSON.parse(readFileSync(new URL('../../../frameworks/dart-ed-2022.json', import.meta.url), 'utf8'));
const framework = syntheticFrameworkOf(indexFramework(frameworkDocumentSchema.parse(raw)));
const NOW = new Date('2026-12-05T08:00:00Z');
const SEED = 14;

const tree = [...nationalTree(SEED)];
const placements = placePeople(tree, 20_000, { seed: SEED, skew: true });
const people = [...syntheticWorkforce(placements, { seed: SEED })];
const share = (test: (p: SyntheticPerson) => boolean) => people.filter(test).length / people.length;

describe('the national tree', () => {
  it('has the shape of docs/scale.md §6, parents first, with unique codes and names under each parent', () => {
    const count = (kind: string) => tree.filter((o) => o.kind === kind).length;
    expect([count('national'), count('region'), count('integrated-care-system'), count('trust'), count('primary-care-network'), count('practice')]).toEqual([
      1, 7, 42, NATIONAL_TREE.trusts, NATIONAL_TREE.pcns, NATIONAL_TREE.practices,
    ]);
    const seen = new Set<string>();
    for (const o of tree) {
      if (o.parentKey !== null) expect(seen.has(o.parentKey)).toBe(true);
      seen.add(o.key);
    }
    expect(new Set(tree.map((o) => o.odsCode)).size).toBe(tree.length);
    expect(new Set(tree.map((o) => `${o.parentKey ?? ''}/${o.name}`)).size).toBe(tree.length);
    expect(tree.find((o) => o.kind === 'practice')?.odsCode).toMatch(/^[A-Z]\d{5}$/);
  });
});

describe('the synthetic workforce', () => {
  it('is the same for the same seed and different for another', () => {
    const again = [...syntheticWorkforce(placements, { seed: SEED })];
    expect(again.slice(0, 50)).toEqual(people.slice(0, 50));
    const other = [...syntheticWorkforce(placements.slice(0, 3), { seed: SEED + 1 })];
    expect(other.slice(0, 50).map((p) => p.displayName)).not.toEqual(people.slice(0, 50).map((p) => p.displayName));
    const person = people[123] as SyntheticPerson;
    expect(syntheticHistory(person, framework, { seed: SEED, now: NOW })).toEqual(syntheticHistory(person, framework, { seed: SEED, now: NOW }));
  });

  it('places exactly the people asked for, trusts the most, practices a few dozen each', () => {
    expect(people).toHaveLength(20_000);
    expect(placements.reduce((s, p) => s + p.count, 0)).toBe(20_000);
    expect(share((p) => p.organisationKind === 'trust')).toBeGreaterThan(0.75);
    expect(new Set(people.map((p) => p.email)).size).toBe(people.length);
    expect(people.every((p) => p.email.endsWith(`@${SYNTHETIC_EMAIL_DOMAIN}`))).toBe(true);
  });

  it('has archetypes, clinical decision making and staff groups in the proportions asked for', () => {
    expect(share((p) => p.archetypes.includes('user'))).toBe(1);
    expect(share((p) => p.archetypes.includes('embedder'))).toBeCloseTo(0.12, 1);
    expect(share((p) => p.archetypes.includes('driver'))).toBeCloseTo(0.05, 1);
    expect(share((p) => p.archetypes.includes('creator'))).toBeCloseTo(0.02, 1);
    expect(share((p) => p.archetypes.includes('shaper'))).toBeCloseTo(0.01, 1);
    expect(Math.abs(share((p) => p.clinicalDecisionMaking) - 0.55)).toBeLessThan(0.06);
    expect(share((p) => p.professionalGroup === 'nursing-midwifery-and-health-visiting')).toBeGreaterThan(0.18);
    expect(share((p) => p.setting === 'primary-care')).toBeGreaterThan(0.05);
  });

  it('gives every organisation one supervisor, who verifies the others', () => {
    const supervisors = people.filter((p) => p.isSupervisor);
    expect(supervisors).toHaveLength(placements.length);
    for (const p of people.slice(0, 500)) {
      if (p.supervisorIndex !== null) expect(people[p.supervisorIndex]?.organisationKey).toBe(p.organisationKey);
    }
  });
});

describe('a synthetic history', () => {
  const sample = people.filter((_, i) => i % 40 === 0);
  const histories = sample.map((p) => syntheticHistory(p, framework, { seed: SEED, now: NOW }));

  it('rates every topic, first within the past 12 months, re-rating ~10 % later', () => {
    const yearAgo = NOW.getTime() - 365 * DAY_MS;
    let topics = 0;
    let reRated = 0;
    for (const h of histories) {
      const first = new Map<string, number>();
      for (const r of h.ratings) {
        expect(r.ratedAt.getTime()).toBeGreaterThan(yearAgo);
        expect(r.ratedAt.getTime()).toBeLessThan(NOW.getTime());
        const before = first.get(r.topicId);
        if (before === undefined) first.set(r.topicId, r.ratedAt.getTime());
        else {
          expect(r.ratedAt.getTime()).toBeGreaterThan(before);
          reRated++;
        }
      }
      expect(first.size).toBe(framework.topics.length);
      topics += first.size;
    }
    expect(reRated / topics).toBeCloseTo(0.1, 1);
  });

  it('verifies ~15 % of topics after their current rating, links ~30 % to a deployment and gives ~40 % a journey', () => {
    const verified = histories.reduce((s, h) => s + h.verifications.length, 0) / (histories.length * framework.topics.length);
    expect(verified).toBeGreaterThan(0.1);
    expect(verified).toBeLessThan(0.17);
    for (const h of histories) {
      for (const v of h.verifications) {
        const rating = h.ratings[v.ratingIndex];
        expect(rating?.topicId).toBe(v.topicId);
        expect(h.ratings.slice(v.ratingIndex + 1).some((r) => r.topicId === v.topicId)).toBe(false);
        expect(v.requestedAt.getTime()).toBeGreaterThan(rating?.ratedAt.getTime() ?? Infinity);
        expect(v.decidedAt.getTime()).toBeGreaterThanOrEqual(v.requestedAt.getTime());
        expect(v.decidedAt.getTime()).toBeLessThan(NOW.getTime());
      }
    }
    const linked = histories.filter((h) => h.deployment).length / histories.length;
    expect(linked).toBeCloseTo(0.3, 1);
    const overdue = histories.filter((h) => h.deployment && h.deployment.dueBy < NOW).length / histories.filter((h) => h.deployment).length;
    expect(overdue).toBeCloseTo(0.5, 1);
    expect(histories.filter((h) => h.journey).length / histories.length).toBeCloseTo(0.4, 1);
  });

  it('has equity gaps between staff groups and rises over the year', () => {
    const meanRank = (rows: Array<{ level: string }>) => rows.reduce((s, r) => s + (r.level === 'not-yet' ? 0 : 1 + Math.max(framework.levels.knowledge.indexOf(r.level), framework.levels.skill.indexOf(r.level))), 0) / rows.length;
    const firstOf = (test: (p: SyntheticPerson) => boolean) => histories.filter((_, i) => test(sample[i] as SyntheticPerson)).flatMap((h) => h.ratings);
    expect(meanRank(firstOf((p) => p.professionalGroup === 'digital-data-and-technology'))).toBeGreaterThan(meanRank(firstOf((p) => p.professionalGroup === 'support-to-clinical-staff')) + 0.4);
    const all = histories.flatMap((h) => h.ratings);
    const half = NOW.getTime() - 182 * DAY_MS;
    expect(meanRank(all.filter((r) => r.ratedAt.getTime() > half))).toBeGreaterThan(meanRank(all.filter((r) => r.ratedAt.getTime() <= half)));
  });
});

describe('synthetic product training and journey items', () => {
  const histories = people.filter((_, i) => i % 10 === 0).map((p) => syntheticHistory(p, framework, { seed: SEED, now: NOW }));
  const links = histories.flatMap((h) => (h.deployment ? [h.deployment] : []));
  const passes = links.flatMap((l) => (l.pass ? [{ ...l, pass: l.pass }] : []));

  it('has ~65 % of linked people pass, after their link and before now, most by their due date and some late', () => {
    expect(passes.length / links.length).toBeCloseTo(TRAINING_SHARES.passed, 1);
    for (const l of passes) {
      expect(l.pass.passedAt.getTime()).toBeGreaterThan(l.linkedAt.getTime());
      expect(l.pass.passedAt.getTime()).toBeLessThan(NOW.getTime());
    }
    const late = passes.filter((l) => l.pass.passedAt > l.dueBy).length;
    expect(late / passes.length).toBeGreaterThan(0.05);
    expect(late / passes.length).toBeLessThan(0.3);
    // Everyone due ahead who passed did so on time.
    expect(passes.filter((l) => l.dueBy > NOW).every((l) => l.pass.passedAt < l.dueBy)).toBe(true);
  });

  it('is the same for the same seed and different for another', () => {
    const person = people.find((p) => syntheticHistory(p, framework, { seed: SEED, now: NOW }).deployment?.pass) as SyntheticPerson;
    const again = syntheticHistory(person, framework, { seed: SEED, now: NOW });
    expect(again).toEqual(syntheticHistory(person, framework, { seed: SEED, now: NOW }));
    expect(syntheticHistory(person, framework, { seed: SEED + 1, now: NOW }).deployment?.pass).not.toEqual(again.deployment?.pass);
  });

  it('answers a knowledge check so that it passes, the score between the pass mark and full marks', () => {
    const check: KnowledgeCheck = {
      passMarkPercent: 80,
      questions: Array.from({ length: 10 }, (_, q) => ({ id: `q${q}`, prompt: 'Which?', kind: 'single' as const, options: [{ id: 'a', text: 'A' }, { id: 'b', text: 'B' }], correct: ['b'] })),
    };
    const scores = [0, 0.3, 0.6, 0.99].map((s) => syntheticAnswers(check, s));
    expect(scores.every((s) => s.passed && s.total === 10 && s.correct >= 8)).toBe(true);
    expect(scores.map((s) => s.correct)).toEqual([8, 8, 9, 10]);
    expect(scores[0]?.answers.q9).toEqual(['a']);
  });

  it('takes journey items from resources of at most four hours, or all when none is', () => {
    const resources = [{ id: 'short', durationMinutes: 45 }, { id: 'afternoon', durationMinutes: 240 }, { id: 'programme', durationMinutes: 2400 }];
    expect(journeyResourcePool(resources).map((r) => r.id)).toEqual(['short', 'afternoon']);
    expect(journeyResourcePool(resources.slice(2)).map((r) => r.id)).toEqual(['programme']);
  });
});
