import { describe, expect, it } from 'vitest';
import { accountKeyOf, holdAfterFailure, SIGN_IN_LIMITS, sourceKeyOf, waitInWords } from './sign-in-limits.ts';

const AT = new Date('2026-01-05T09:00:00Z');
const waitSeconds = (hold: Date | null) => (hold ? (hold.getTime() - AT.getTime()) / 1000 : 0);

describe('holdAfterFailure', () => {
  it.each([
    [1, 0],
    [4, 0],
    [5, 30],
    [6, 60],
    [7, 120],
    [9, 480],
    [10, 900],
    [11, 900],
    [5000, 900],
  ])('one account from one address: after %i failures the next attempt waits %i s', (failures, seconds) => {
    expect(waitSeconds(holdAfterFailure(SIGN_IN_LIMITS.accountFromSource, failures, AT))).toBe(seconds);
  });

  it('waits far longer before holding an account across addresses, or an address across accounts', () => {
    expect(holdAfterFailure(SIGN_IN_LIMITS.account, 49, AT)).toBeNull();
    expect(waitSeconds(holdAfterFailure(SIGN_IN_LIMITS.account, 50, AT))).toBe(30);
    expect(holdAfterFailure(SIGN_IN_LIMITS.source, 99, AT)).toBeNull();
    expect(waitSeconds(holdAfterFailure(SIGN_IN_LIMITS.source, 100, AT))).toBe(5);
    expect(waitSeconds(holdAfterFailure(SIGN_IN_LIMITS.source, 101, AT))).toBe(10);
  });
});

describe('accountKeyOf', () => {
  it('counts an address however it is typed', () => {
    expect(accountKeyOf('  Sam.Jones@Example.NHS.uk ')).toBe('sam.jones@example.nhs.uk');
    expect(accountKeyOf('Ze\u0301@example.nhs.uk')).toBe(accountKeyOf('zé@example.nhs.uk'));
  });
});

describe('sourceKeyOf', () => {
  it.each([
    ['192.0.2.7', '192.0.2.7'],
    ['::ffff:192.0.2.7', '192.0.2.7'],
    ['2001:db8:1:2:3:4:5:6', '2001:db8:1:2::/64'],
    ['2001:0db8:0001:0002:ffff::1', '2001:db8:1:2::/64'],
    ['2001:db8::1', '2001:db8:0:0::/64'],
    ['fe80::1%eth0', 'fe80:0:0:0::/64'],
    ['::1', '0:0:0:0::/64'],
  ])('%s is counted as %s', (ip, key) => {
    expect(sourceKeyOf(ip)).toBe(key);
  });

  it('counts two addresses of one /64 together, and of different /64s apart', () => {
    expect(sourceKeyOf('2001:db8:1:2::a')).toBe(sourceKeyOf('2001:db8:1:2:ffff:ffff:ffff:ffff'));
    expect(sourceKeyOf('2001:db8:1:2::a')).not.toBe(sourceKeyOf('2001:db8:1:3::a'));
  });
});

describe('waitInWords', () => {
  it.each([
    [1, '1 second'],
    [30, '30 seconds'],
    [0.2, '1 second'],
    [59.2, '1 minute'],
    [60, '1 minute'],
    [61, '2 minutes'],
    [900, '15 minutes'],
  ])('%s s reads "%s"', (seconds, words) => {
    expect(waitInWords(seconds)).toBe(words);
  });
});
