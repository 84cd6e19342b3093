import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { CredentialRow, PersonRow } from '../../db/people.repository.ts';
import { verifyPassword } from './password-hasher.ts';
import type * as PasswordHasher from './password-hasher.ts';
import type { AttemptStart, CountedAttempt } from './sign-in-limits.service.ts';
import { createLocalIdentityProvider } from './sign-in.service.ts';

// Count the (slow) password checks: how long an answer takes must not tell one case from another.
vi.mock('./password-hasher.ts', async (importOriginal) => {
  const original = await importOriginal<typeof PasswordHasher>();
  return { ...original, verifyPassword: vi.fn(async () => false) };
});

const NOW = new Date('2026-01-01T12:00:00Z');
const person = (status: PersonRow['status']): PersonRow => ({
  id: 'p1', organisationId: 'o1', email: 'sam@example.nhs.uk', displayName: 'Sam', jobTitle: null, roles: ['learner'], status, synthetic: false, createdAt: NOW,
});
const credentials: CredentialRow = { personId: 'p1', passwordHash: 'scrypt$131072$8$1$c2FsdA$aGFzaA', passwordChangedAt: NOW };
const attempt: CountedAttempt = { at: NOW, keyHashes: { accountFromSource: 'a', account: 'b', source: 'c' }, knownSourceHash: 'd', accountFailures: 1 };

function providerFor(found: PersonRow | undefined, start: AttemptStart = { outcome: 'counted', attempt }) {
  const people = { findPersonByEmail: vi.fn(async () => found), getCredentials: vi.fn(async () => (found ? credentials : undefined)), setPasswordHash: vi.fn(async () => {}) };
  const limits = { beginAttempt: vi.fn(async () => start), recordSuccess: vi.fn(async () => {}), recordFailure: vi.fn(async () => {}) };
  return { provider: createLocalIdentityProvider({ peopleRepository: people, limits }), people, limits };
}

describe('local sign-in', () => {
  beforeEach(() => vi.mocked(verifyPassword).mockReset().mockResolvedValue(false));

  it.each([
    ['an unknown email', undefined],
    ['a disabled account', person('disabled')],
    ['a wrong password', person('active')],
  ] as const)('checks one password for %s, so the time taken says nothing, and counts a failure', async (_, found) => {
    const { provider, limits } = providerFor(found);
    const result = await provider.authenticate({ email: 'sam@example.nhs.uk', password: 'guess' }, { ip: '192.0.2.1' });
    expect(result.outcome).toBe('invalid');
    expect(verifyPassword).toHaveBeenCalledTimes(1);
    expect(limits.recordFailure).toHaveBeenCalledWith(attempt, found);
    expect(limits.recordSuccess).not.toHaveBeenCalled();
  });

  it('signs in with the right password and takes the attempt back', async () => {
    vi.mocked(verifyPassword).mockResolvedValue(true);
    const { provider, limits } = providerFor(person('active'));
    expect(await provider.authenticate({ email: 'sam@example.nhs.uk', password: 'right' }, { ip: '192.0.2.1' })).toEqual({ outcome: 'signed-in', personId: 'p1' });
    expect(limits.beginAttempt).toHaveBeenCalledWith({ email: 'sam@example.nhs.uk', ip: '192.0.2.1' });
    expect(limits.recordSuccess).toHaveBeenCalledWith(attempt);
  });

  it.each([
    ['an unknown email', undefined],
    ['a known account', person('active')],
  ] as const)('answers a held attempt for %s without looking anyone up or checking a password', async (_, found) => {
    vi.mocked(verifyPassword).mockResolvedValue(true);
    const { provider, people } = providerFor(found, { outcome: 'held', retryAfterSeconds: 60 });
    expect(await provider.authenticate({ email: 'sam@example.nhs.uk', password: 'right' }, { ip: '192.0.2.1' })).toEqual({ outcome: 'held', retryAfterSeconds: 60 });
    expect(people.findPersonByEmail).not.toHaveBeenCalled();
    expect(verifyPassword).not.toHaveBeenCalled();
  });
});
