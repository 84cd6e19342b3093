import { describe, expect, it } from 'vitest';
import { safeReturnPath } from './return-path.ts';

describe('safeReturnPath', () => {
  it.each([
    [undefined, '/'],
    ['', '/'],
    ['/self-assessment/ai-literacy?x=1', '/self-assessment/ai-literacy?x=1'],
    ['https://evil.example/', '/'],
    ['//evil.example/', '/'],
    ['/\\evil.example', '/'],
    ['javascript:alert(1)', '/'],
    ['/sign-in?returnTo=/x', '/'],
    ['/sign-out', '/'],
  ])('%j → %j', (candidate, expected) => {
    expect(safeReturnPath(candidate)).toBe(expected);
  });
});
