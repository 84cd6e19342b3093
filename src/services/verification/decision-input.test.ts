import { describe, expect, it } from 'vitest';
import { AppError } from '../../errors.ts';
import { checkDecision } from './decision-input.ts';

const context = { scale: ['not-yet', 'awareness', 'familiarity', 'understanding'], selfRatedLevel: 'familiarity' };

function problemsOf(input: Parameters<typeof checkDecision>[0]): string[] {
  try {
    checkDecision(input, context);
    return [];
  } catch (error) {
    if (!(error instanceof AppError)) throw error;
    return error.details.map((d) => d.field);
  }
}

describe('checkDecision', () => {
  it.each([
    [{ outcome: 'confirmed' }, { outcome: 'confirmed', level: 'familiarity', comment: null }],
    [{ outcome: 'adjusted', level: 'awareness', reason: ' Not yet applied ' }, { outcome: 'adjusted', level: 'awareness', comment: 'Not yet applied' }],
    [{ outcome: 'adjusted', level: 'not-yet', reason: 'No evidence' }, { outcome: 'adjusted', level: 'not-yet', comment: 'No evidence' }],
    [{ outcome: 'returned', comment: 'Add your certificate' }, { outcome: 'returned', level: null, comment: 'Add your certificate' }],
    // Fields that belong to another outcome are ignored, as they are when a browser without JavaScript sends them all.
    [{ outcome: 'confirmed', level: 'awareness', comment: 'x' }, { outcome: 'confirmed', level: 'familiarity', comment: null }],
  ])('accepts %j', (input, expected) => {
    expect(checkDecision(input, context)).toEqual(expected);
  });

  it.each([
    [{}, ['outcome']],
    [{ outcome: 'approve' }, ['outcome']],
    [{ outcome: 'adjusted' }, ['level', 'reason']],
    [{ outcome: 'adjusted', level: 'familiarity', reason: 'same' }, ['level']],
    [{ outcome: 'adjusted', level: 'proficiency', reason: 'a skill level' }, ['level']],
    [{ outcome: 'adjusted', level: 'awareness', reason: '   ' }, ['reason']],
    [{ outcome: 'returned', comment: '' }, ['comment']],
    [{ outcome: 'returned', comment: 'x'.repeat(2001) }, ['comment']],
  ])('refuses %j, naming %j', (input, fields) => {
    expect(problemsOf(input)).toEqual(fields);
  });
});
