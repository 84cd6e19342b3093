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
    ['/\t/evil.example', '/'],
    ['/\n/evil.example', '/'],
    ['/\r\n/evil.example', '/'],
    ['/ /evil.example', '/'],
    ['/caf\u00e9', '/'],
    ['/frameworks/dart-ed-2022/requirements?tier=advanced&q=ai%20literacy', '/frameworks/dart-ed-2022/requirements?tier=advanced&q=ai%20literacy'],
  ])('%j → %j', (candidate, expected) => {
    expect(safeReturnPath(candidate)).toBe(expected);
  });
});
