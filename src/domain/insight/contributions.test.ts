import { describe, expect, it } from 'vitest';
import { listApplicableRequirements } from '../applicability/applicability.ts';
import { miniFramework } from '../applicability/mini-framework.fixture.ts';
import { summariseAssessment } from '../assessment/assessment-summary.ts';
import type { RatingLookup } from '../assessment/assessment-summary.ts';
import { NOT_YET } from '../assessment/requirement-status.ts';
import type { TrainingCurrency } from '../products/currency.ts';
import { currencyContribution, journeyProgress, standingCells, ukDate } from './contributions.ts';

describe('standingCells', () => {
  const mini = miniFramework({
    requirements: [
      ['f1', 'foundational', null, 'governance', 'knowledge', 'familiarity'],
      ['f2', 'foundational', null, 'governance', 'knowledge', 'awareness'],
      ['u1', 'advanced', 'user', 'liability', 'knowledge', 'understanding'],
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
  const lookup = (ratings: Record<string, string>): RatingLookup => (r, a) => ratings[a.productId ? `${r.id}@${a.productId}` : r.id];
  const self = summariseAssessment(mini, applicable, lookup({ f1: 'understanding', f2: NOT_YET, u1: 'understanding', s1: 'awareness', 'p1@a': 'awareness' }));
  const verified = summariseAssessment(mini, applicable, lookup({ f1: 'familiarity', s1: 'awareness' }));

  it('cuts the summary into (tier, archetype, factor) cells, archetype only for advanced ones, products summed', () => {
    expect(standingCells(self, verified)).toEqual([
      { tier: 'foundational', archetype: '', factor: 'governance', applicable: 2, metSelf: 1, metVerified: 1 },
      { tier: 'advanced', archetype: 'shaper', factor: 'liability', applicable: 1, metSelf: 1, metVerified: 1 },
      { tier: 'advanced', archetype: 'user', factor: 'liability', applicable: 1, metSelf: 1, metVerified: 0 },
      { tier: 'product-specific', archetype: '', factor: 'clinical-use', applicable: 2, metSelf: 1, metVerified: 0 },
    ]);
  });

  it('adds up to the summary’s own counts', () => {
    const cells = standingCells(self, verified);
    expect(cells.reduce((n, c) => n + c.applicable, 0)).toBe(self.overall.total);
    expect(cells.reduce((n, c) => n + c.metSelf, 0)).toBe(self.overall.met);
    expect(cells.reduce((n, c) => n + c.metVerified, 0)).toBe(verified.overall.met);
  });

  it('refuses summaries of different requirements', () => {
    expect(() => standingCells(self, summariseAssessment(mini, applicable.slice(1), lookup({})))).toThrow();
  });
});

describe('currencyContribution', () => {
  const base: TrainingCurrency = { status: 'current', requiredVersionId: 'v1', lastPassedVersionId: 'v1', dueBy: null, whatChanged: [] };
  it.each([
    ['current', { ...base }, { state: 'current', started: true, dueOn: 'infinity' }],
    ['not required', { ...base, status: 'not-required', requiredVersionId: null, lastPassedVersionId: null }, { state: 'not-required', started: false, dueOn: 'infinity' }],
    ['not started, due in summer time', { ...base, status: 'not-started', lastPassedVersionId: null, dueBy: new Date('2026-06-30T23:30:00Z') }, { state: 'owed', started: false, dueOn: '2026-07-01' }],
    ['due refresher, winter', { ...base, status: 'due', dueBy: new Date('2026-12-31T23:30:00Z') }, { state: 'owed', started: true, dueOn: '2026-12-31' }],
    // Overdue is the clock's doing: stored exactly as due, told apart when read.
    ['overdue', { ...base, status: 'overdue', dueBy: new Date('2026-01-02T10:00:00Z') }, { state: 'owed', started: true, dueOn: '2026-01-02' }],
    ['owed with no date yet', { ...base, status: 'not-started', lastPassedVersionId: null, dueBy: null }, { state: 'owed', started: false, dueOn: 'infinity' }],
  ] as const)('%s', (_, currency, expected) => {
    expect(currencyContribution(currency as TrainingCurrency)).toEqual(expected);
  });

  it('gives UK dates', () => {
    expect(ukDate(new Date('2026-03-29T00:30:00Z'))).toBe('2026-03-29');
    expect(ukDate(new Date('2026-10-24T23:30:00Z'))).toBe('2026-10-25');
  });
});

describe('journeyProgress', () => {
  it('counts the active plan and everything completed in any journey, as the journey page does', () => {
    expect(
      journeyProgress([
        { active: true, status: 'planned', durationMinutes: 30 },
        { active: true, status: 'started', durationMinutes: 20 },
        { active: true, status: 'removed', durationMinutes: 90 },
        { active: true, status: 'swapped', durationMinutes: 90 },
        { active: false, status: 'completed', durationMinutes: 15 },
        { active: false, status: 'planned', durationMinutes: 60 },
      ]),
    ).toEqual({ started: 1, itemsPlanned: 3, itemsCompleted: 1, minutesPlanned: 65, minutesDone: 15 });
  });

  it('is not started while everything is only planned', () => {
    expect(journeyProgress([{ active: true, status: 'planned', durationMinutes: 30 }])).toEqual({ started: 0, itemsPlanned: 1, itemsCompleted: 0, minutesPlanned: 30, minutesDone: 0 });
    expect(journeyProgress([])).toEqual({ started: 0, itemsPlanned: 0, itemsCompleted: 0, minutesPlanned: 0, minutesDone: 0 });
  });
});
