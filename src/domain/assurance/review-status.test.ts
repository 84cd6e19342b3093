import { describe, expect, it } from 'vitest';
import { missingReasons, reasonsToKeep, unjudgedQuestions } from './decision-rules.ts';
import { isOpen, nextStatus, statusMovesFrom } from './review-status.ts';
import type { ReviewEvent, ReviewStatus } from './review-status.ts';

describe('review status moves', () => {
  it.each<[ReviewStatus, ReviewEvent, ReviewStatus | undefined]>([
    ['draft', 'send-to-supplier', 'with-supplier'],
    ['draft', 'start-review', undefined],
    ['draft', 'decide', undefined],
    ['with-supplier', 'start-review', 'under-review'],
    ['with-supplier', 'decide', undefined],
    ['under-review', 'return-to-supplier', 'with-supplier'],
    ['under-review', 'decide', 'decided'],
    ['decided', 'return-to-supplier', undefined],
    ['decided', 'send-to-supplier', undefined],
  ])('from %s, %s leads to %s', (from, event, to) => {
    expect(nextStatus(from, event)).toBe(to);
  });

  it('offers only the moves that can happen, and closes a decided review', () => {
    expect(statusMovesFrom('under-review')).toEqual(['return-to-supplier']);
    expect(statusMovesFrom('decided')).toEqual([]);
    expect(isOpen('under-review')).toBe(true);
    expect(isOpen('decided')).toBe(false);
  });
});

describe('decision rules', () => {
  const questions = [1, 2, 3].map((n) => ({ id: `a6-0${n}`, number: n }));
  const unjudged = unjudgedQuestions(questions, new Set(['a6-02']));

  it('names each unjudged question without a reason', () => {
    expect(unjudged.map((q) => q.id)).toEqual(['a6-01', 'a6-03']);
    expect(missingReasons(unjudged, { 'a6-01': '  ' }).map((p) => p.message)).toEqual([
      'Question 1 has no judgement: give a reason for deciding without one',
      'Question 3 has no judgement: give a reason for deciding without one',
    ]);
    expect(missingReasons(unjudged, { 'a6-01': 'Not asked yet', 'a6-03': 'Supplier silent' })).toEqual([]);
  });

  it('keeps reasons only for questions that need one', () => {
    expect(reasonsToKeep(unjudged, { 'a6-01': ' x ', 'a6-02': 'judged anyway', 'a6-03': 'y' })).toEqual({ 'a6-01': 'x', 'a6-03': 'y' });
  });
});
