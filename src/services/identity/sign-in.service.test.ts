import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { CredentialRow, PeopleRepository, PersonRow } from '../../db/people.repository.ts';
import { verifyPassword } from './password-hasher.ts';
import type * as PasswordHasher from './password-hasher.ts';
import { createLocalIdentityProvider } from './sign-in.service.ts';

// Count the (slow) password checks: how long an answer takes must not tell one case from another.
vi.mock('./password-hasher.ts', async (importOriginal) => {
  const original = await importOriginal<typeof PasswordHasher>();
  return { ...original, verifyPassword: vi.fn(async () => false) };
});

const NOW = new Date('2026-01-01T12:00:00Z');
const person = (status: PersonRow['status']): PersonRow => ({
  id: 'p1', organisationId: 'o1', email: 'sam@example.nhs.uk', displayName: 'Sam', jobTitle: null, roles: ['learner'], status, createdAt: NOW,
});
const credentials = (lockedUntil: Date | null): CredentialRow => ({
  personId: 'p1', passwordHash: 'scrypt$131072$8$1$c2FsdA$aGFzaA', failedAttempts: lockedUntil ? 5 : 0, lockedUntil, passwordChangedAt: NOW,
});

function providerFor(found: PersonRow | undefined, stored: CredentialRow | undefined) {
  const people = {
    findPersonByEmail: vi.fn(async () => found),
    getCredentials: vi.fn(async () => stored),
    recordFailedSignIn: vi.fn(async () => {}),
    clearFailedSignIns: vi.fn(async () => {}),
    setPasswordHash: vi.fn(async () => {}),
  };
  return createLocalIdentityProvider({ peopleRepository: people as unknown as PeopleRepository, now: () => NOW });
}

describe('local sign-in', () => {
  beforeEach(() => vi.mocked(verifyPassword).mockClear());

  it.each([
    ['an unknown email', undefined, undefined, 'invalid'],
    ['a disabled account', person('disabled'), credentials(null), 'invalid'],
    ['a wrong password', person('active'), credentials(null), 'invalid'],
    ['a locked account', person('active'), credentials(new Date(NOW.getTime() + 60_000)), 'locked'],
  ] as const)('checks one password for %s, so the time taken says nothing', async (_, found, stored, outcome) => {
    const result = await providerFor(found, stored).authenticate({ email: 'sam@example.nhs.uk', password: 'guess' });
    expect(result.outcome).toBe(outcome);
    expect(verifyPassword).toHaveBeenCalledTimes(1);
  });
});
