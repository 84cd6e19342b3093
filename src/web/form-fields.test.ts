import { describe, expect, it } from 'vitest';
import { isoDateOf, todayParts } from './form-fields.ts';

describe('isoDateOf', () => {
  it.each([
    [{ day: '27', month: '11', year: '2026' }, { iso: '2026-11-27' }],
    [{ day: ' 1', month: '3 ', year: '2026' }, { iso: '2026-03-01' }],
    [{ day: '', month: '', year: '' }, { problem: 'Enter the release date' }],
    [{ day: '31', month: '2', year: '2026' }, { problem: 'Release date must be a real date, like 27 11 2026' }],
    [{ day: '1', month: '1', year: '26' }, { problem: 'Release date must be a real date, like 27 11 2026' }],
    [{ day: 'one', month: '1', year: '2026' }, { problem: 'Release date must be a real date, like 27 11 2026' }],
  ])('reads %o', (parts, expected) => {
    expect(isoDateOf(parts, 'the release date')).toEqual(expected);
  });
});

describe('todayParts', () => {
  it('gives the UK date, without leading zeros', () => {
    expect(todayParts(new Date('2026-03-01T23:30:00Z'))).toEqual({ day: '1', month: '3', year: '2026' });
    expect(todayParts(new Date('2026-06-30T23:30:00Z'))).toEqual({ day: '1', month: '7', year: '2026' });
  });
});
