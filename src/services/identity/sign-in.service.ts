import type { PeopleRepository } from '../../db/people.repository.ts';
import { decoyPasswordHash, hashPassword, needsRehash, verifyPassword } from './password-hasher.ts';

/** After this many wrong passwords in a row an account is locked for LOCK_MS. */
export const LOCK_AFTER_FAILURES = 5;
export const LOCK_MS = 15 * 60 * 1000;

export type SignInResult = { outcome: 'signed-in'; personId: string } | { outcome: 'invalid' } | { outcome: 'locked'; until: Date };

/**
 * A way of proving who someone is. Local passwords today; an OpenID Connect provider (NHS CIS2)
 * implements the same contract and the rest of the hub does not change.
 */
export interface IdentityProvider<Credentials> {
  readonly id: string;
  authenticate(credentials: Credentials): Promise<SignInResult>;
}

export interface PasswordCredentials {
  email: string;
  password: string;
}

export function createLocalIdentityProvider(deps: { peopleRepository: PeopleRepository; now?: () => Date }): IdentityProvider<PasswordCredentials> {
  const now = deps.now ?? (() => new Date());
  const people = deps.peopleRepository;
  return {
    id: 'local',
    async authenticate({ email, password }) {
      const person = await people.findPersonByEmail(email.trim());
      const credentials = person && person.status === 'active' ? await people.getCredentials(person.id) : undefined;
      if (!person || !credentials) {
        await verifyPassword(password, await decoyPasswordHash());
        return { outcome: 'invalid' };
      }
      const isCorrect = await verifyPassword(password, credentials.passwordHash);
      // Checked even while locked, so a locked account answers in the same time as any other.
      if (credentials.lockedUntil && credentials.lockedUntil > now()) return { outcome: 'locked', until: credentials.lockedUntil };
      if (!isCorrect) {
        await people.recordFailedSignIn(person.id, LOCK_AFTER_FAILURES, new Date(now().getTime() + LOCK_MS));
        return { outcome: 'invalid' };
      }
      if (credentials.failedAttempts > 0 || credentials.lockedUntil) await people.clearFailedSignIns(person.id);
      if (needsRehash(credentials.passwordHash)) await people.setPasswordHash(person.id, await hashPassword(password));
      return { outcome: 'signed-in', personId: person.id };
    },
  };
}
