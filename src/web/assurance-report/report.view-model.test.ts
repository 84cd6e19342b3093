import { describe, expect, it } from 'vitest';
import { reasonGroups } from './report.view-model.ts';

describe('reasonGroups', () => {
  it('gives one row per distinct reason, with its questions in order', () => {
    expect(reasonGroups([{ number: 3, reason: 'Later' }, { number: 5, reason: 'Not ours' }, { number: 7, reason: 'Later' }])).toEqual([
      { numbers: [3, 7], reason: 'Later' },
      { numbers: [5], reason: 'Not ours' },
    ]);
  });
});
