import { describe, expect, it } from 'vitest';
import { actionState, summariseByFactor } from './report-summary.ts';

describe('summariseByFactor', () => {
  it('counts each judgement per factor in first-seen order, with totals', () => {
    const { factors, totals } = summariseByFactor([
      { factorId: 'reg', factorLabel: 'Regulation', judgement: 'met' },
      { factorId: 'eval', factorLabel: 'Evaluation', judgement: null },
      { factorId: 'reg', factorLabel: 'Regulation', judgement: 'partly-met' },
      { factorId: 'reg', factorLabel: 'Regulation', judgement: 'not-applicable' },
      { factorId: 'eval', factorLabel: 'Evaluation', judgement: 'not-met' },
    ]);
    expect(factors.map((f) => f.factorId)).toEqual(['reg', 'eval']);
    expect(factors[0]?.counts).toEqual({ met: 1, partlyMet: 1, notMet: 0, notApplicable: 1, notJudged: 0, total: 3 });
    expect(factors[1]?.counts).toEqual({ met: 0, partlyMet: 0, notMet: 1, notApplicable: 0, notJudged: 1, total: 2 });
    expect(totals).toEqual({ met: 1, partlyMet: 1, notMet: 1, notApplicable: 1, notJudged: 1, total: 5 });
  });

  it('gives no factors and zero totals for no questions', () => {
    expect(summariseByFactor([])).toEqual({ factors: [], totals: { met: 0, partlyMet: 0, notMet: 0, notApplicable: 0, notJudged: 0, total: 0 } });
  });
});

describe('actionState', () => {
  it.each([
    { dueOn: '2026-12-01', doneAt: null, today: '2026-12-05', state: 'overdue' },
    { dueOn: '2026-12-05', doneAt: null, today: '2026-12-05', state: 'open' },
    { dueOn: '2026-12-01', doneAt: new Date('2026-12-02T10:00:00Z'), today: '2026-12-05', state: 'done' },
  ])('is $state when due $dueOn, seen on $today', ({ dueOn, doneAt, today, state }) => {
    expect(actionState({ dueOn, doneAt }, today)).toBe(state);
  });
});
