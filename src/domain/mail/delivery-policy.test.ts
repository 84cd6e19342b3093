import { describe, expect, it } from 'vitest';
import { classifyFailure, nextStep, replyCode, retryDelayMs, shorten } from './delivery-policy.ts';

const smtpError = (code: string, responseCode: number, response: string) => Object.assign(new Error('Message failed'), { code, responseCode, response });
const MINUTE = 60_000;

describe('classifyFailure', () => {
  it('treats a 5xx reply as permanent, except 503', () => {
    expect(classifyFailure(smtpError('EENVELOPE', 550, '550 5.1.1 No such user')).kind).toBe('permanent');
    expect(classifyFailure(smtpError('EMESSAGE', 554, '554 Rejected')).kind).toBe('permanent');
    expect(classifyFailure(smtpError('EPROTOCOL', 503, '503 Bad sequence')).kind).toBe('transient');
  });

  it('treats a 4xx reply as transient, even on an envelope error', () => {
    const failure = classifyFailure(smtpError('EENVELOPE', 451, '451 4.7.1 Try again later'));
    expect(failure).toEqual({ kind: 'transient', smtpCode: 451, errorCode: 'EENVELOPE', message: '451 4.7.1 Try again later' });
  });

  it('treats a malformed envelope or message without a reply as permanent', () => {
    expect(classifyFailure(Object.assign(new Error('No recipients defined'), { code: 'EENVELOPE' })).kind).toBe('permanent');
    expect(classifyFailure(Object.assign(new Error('Empty message'), { code: 'EMESSAGE' })).kind).toBe('permanent');
  });

  it.each(['ECONNECTION', 'ETIMEDOUT', 'ESOCKET', 'EDNS', 'ETLS', 'EAUTH', 'ECONNREFUSED'])('treats %s without a reply as transient', (code) => {
    const failure = classifyFailure(Object.assign(new Error(`failed: ${code}`), { code }));
    expect(failure).toEqual({ kind: 'transient', smtpCode: null, errorCode: code, message: `failed: ${code}` });
  });

  it('copes with something thrown that is not an Error', () => {
    expect(classifyFailure('boom')).toEqual({ kind: 'transient', smtpCode: null, errorCode: null, message: 'boom' });
  });
});

describe('retryDelayMs', () => {
  const middle = () => 0.5;
  it('doubles from one minute', () => {
    expect([1, 2, 3, 4].map((n) => retryDelayMs(n, middle))).toEqual([1, 2, 4, 8].map((m) => m * MINUTE));
  });

  it('stops at six hours', () => {
    expect(retryDelayMs(10, middle)).toBe(6 * 60 * MINUTE);
    expect(retryDelayMs(60, middle)).toBe(6 * 60 * MINUTE);
  });

  it('moves each wait by at most 10 % either way', () => {
    expect(retryDelayMs(1, () => 0)).toBe(0.9 * MINUTE);
    expect(retryDelayMs(1, () => 0.999999)).toBeCloseTo(1.1 * MINUTE, -1);
  });
});

describe('nextStep', () => {
  const now = new Date('2026-12-05T12:00:00Z');
  const transient = classifyFailure(smtpError('EENVELOPE', 451, '451 later'));
  const permanent = classifyFailure(smtpError('EENVELOPE', 550, '550 no'));

  it('gives up at once on a permanent failure', () => {
    expect(nextStep({ failure: permanent, attempts: 1, maxAttempts: 10, now })).toEqual({ kind: 'give-up' });
  });

  it('tries a transient failure again later, until the attempts run out', () => {
    expect(nextStep({ failure: transient, attempts: 2, maxAttempts: 10, now, random: () => 0.5 })).toEqual({ kind: 'retry', at: new Date(now.getTime() + 2 * MINUTE) });
    expect(nextStep({ failure: transient, attempts: 10, maxAttempts: 10, now })).toEqual({ kind: 'give-up' });
  });
});

describe('helpers', () => {
  it('reads the code of a reply', () => {
    expect(replyCode('250 2.0.0 Ok: queued as 12345')).toBe(250);
    expect(replyCode('queued')).toBeNull();
  });

  it('keeps error text to one short line', () => {
    expect(shorten('a\n  b')).toBe('a b');
    expect(shorten('x'.repeat(600))).toHaveLength(500);
  });
});
