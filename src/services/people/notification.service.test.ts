import { describe, expect, it } from 'vitest';
import { isHubPath } from './notification.service.ts';

describe('isHubPath', () => {
  it.each([
    ['/evidence/topics/ai-definitions', true],
    ['/verification/0d8c6f4e-2f7a-4d4b-9a51-6b8f1f0c2a10', true],
    ['/products/mine?done=added', true],
    ['https://evil.example/', false],
    ['//evil.example/', false],
    ['/\\evil.example/', false],
    ['/\t/evil.example/', false],
    ['/\n/evil.example/', false],
    ['/\r\nLocation: https://evil.example/', false],
    ['/ /evil.example/', false],
    ['evidence/topics/x', false],
    ['', false],
  ])('%j is a hub path: %s', (link, expected) => {
    expect(isHubPath(link)).toBe(expected);
  });
});
