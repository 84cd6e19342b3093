import type { AuditRepository } from '../../db/audit.repository.ts';
import type { PeopleRepository } from '../../db/people.repository.ts';
import { decoyPasswordHash, hashPassword, needsRehash, verifyPassword } from './password-hasher.ts';
import type { SignInLimits } from './sign-in-limits.service.ts';

/**
 * `held`: too many recent failures in some scope (domain/people/sign-in-limits.ts); no password was
 * checked, and the same answer is given whether or not the account exists.
 */
export type SignInResult = { outcome: 'signed-in'; personId: string } | { outcome: 'invalid' } | { outcome: 'held'; retryAfterSeconds: number };

/** Where an attempt comes from: the network address the limits count by. */
export interface SignInContext {
  ip: string;
}

/**
 * A way of proving who someone is. Local passwords today; an OpenID Connect provider (NHS CIS2)
 * implements the same contract and the rest of the hub does not change.
 */
export interface IdentityProvider<Credentials> {
  readonly id: string;
  authenticate(credentials: Credentials, context: SignInContext): Promise<SignInResult>;
}

export interface PasswordCredentials {
  email: string;
  password: string;
}

export function createLocalIdentityProvider(deps: {
  peopleRepository: Pick<PeopleRepository, 'findPersonByEmail' | 'getCredentials' | 'setPasswordHash'>;
  limits: Pick<SignInLimits, 'beginAttempt' | 'recordSuccess' | 'recordFailure'>;
  /** Every sign-in is audited (issue 15), the password ones too. */
  audit?: Pick<AuditRepository, 'insertAuditEvent'>;
}): IdentityProvider<PasswordCredentials> {
  const people = deps.peopleRepository;
  return {
    id: 'local',
    async authenticate({ email, password }, { ip }) {
      const start = await deps.limits.beginAttempt({ email, ip });
      if (start.outcome === 'held') return { outcome: 'held', retryAfterSeconds: start.retryAfterSeconds };
      const person = await people.findPersonByEmail(email.trim());
      const credentials = person && person.status === 'active' ? await people.getCredentials(person.id) : undefined;
      // An unknown address checks a decoy password, so it takes as long as a wrong password.
      const isCorrect = await verifyPassword(password, credentials?.passwordHash ?? (await decoyPasswordHash()));
      if (!person || !credentials || !isCorrect) {
        await deps.limits.recordFailure(start.attempt, person);
        return { outcome: 'invalid' };
      }
      await deps.limits.recordSuccess(start.attempt);
      if (needsRehash(credentials.passwordHash)) await people.setPasswordHash(person.id, await hashPassword(password));
      // The person's own act (actor), not a change to them: it stays out of the history of changes about them.
      await deps.audit?.insertAuditEvent({ organisationId: person.organisationId, actorId: person.id, subjectId: null, action: 'sign-in.password.succeeded', detail: {} });
      return { outcome: 'signed-in', personId: person.id };
    },
  };
}
