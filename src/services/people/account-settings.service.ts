import type { AuditRepository } from '../../db/audit.repository.ts';
import type { Database } from '../../db/client.ts';
import type { PasswordResetRepository } from '../../db/password-reset.repository.ts';
import type { PeopleRepository, PersonRow } from '../../db/people.repository.ts';
import { inTransaction } from '../../db/transaction.ts';
import { AppError } from '../../errors.ts';
import { hashPassword, verifyPassword } from '../identity/password-hasher.ts';
import type { SessionService } from '../identity/session.service.ts';
import type { SignInLimits } from '../identity/sign-in-limits.service.ts';
import type { Viewer } from '../identity/viewer.ts';
import { passwordProblems } from './account.service.ts';

export interface ChangePasswordOptions {
  viewer: Viewer;
  currentPassword: string;
  newPassword: string;
  /** The session the change is made on: it stays signed in, every other one ends. */
  sessionToken: string;
  /** Where the request comes from, for the limits on guessing the current password. */
  ip: string;
}

export interface FieldProblem {
  field: 'currentPassword' | 'newPassword';
  message: string;
}

export type ChangePasswordResult = { outcome: 'changed'; otherSessionsEnded: number } | { outcome: 'invalid'; problems: FieldProblem[] } | { outcome: 'held'; retryAfterSeconds: number };

export interface AccountSettingsDeps {
  db: Database;
  peopleRepository: Pick<PeopleRepository, 'getCredentials' | 'setPasswordHash' | 'updatePersonDetails' | 'getPerson'>;
  passwordResetRepository: Pick<PasswordResetRepository, 'voidOpenResetsOf'>;
  sessions: Pick<SessionService, 'endOtherSessions'>;
  /** The sign-in limits: checking a current password is a sign-in attempt, and is slowed down alike. */
  limits: Pick<SignInLimits, 'beginAttempt' | 'recordSuccess' | 'recordFailure'>;
  audit: Pick<AuditRepository, 'insertAuditEvent'>;
  now?: () => Date;
}

/** What a signed-in person may change about their own account: their name and job title, and their password. */
export function createAccountSettingsService(deps: AccountSettingsDeps) {
  const people = deps.peopleRepository;
  const now = deps.now ?? (() => new Date());

  return {
    /** Whether the person signs in with a password the hub holds (only they can change or reset one). */
    hasLocalPassword: async (viewer: Viewer): Promise<boolean> => (await people.getCredentials(viewer.personId)) !== undefined,

    /** The viewer's own name and job title; the change is recorded with what it was before. */
    async updateOwnDetails({ viewer, displayName, jobTitle }: { viewer: Viewer; displayName: string; jobTitle: string | null }): Promise<PersonRow> {
      return inTransaction(deps.db, async (tx) => {
        const before = await people.getPerson(viewer.personId, tx);
        const updated = await people.updatePersonDetails(viewer.personId, { displayName, jobTitle }, tx);
        if (!before || !updated) throw new AppError('unauthenticated', 'Sign in to continue.');
        await deps.audit.insertAuditEvent(
          { organisationId: updated.organisationId, actorId: viewer.personId, subjectId: viewer.personId, action: 'account.details-changed', detail: { from: { displayName: before.displayName, jobTitle: before.jobTitle }, to: { displayName, jobTitle } } },
          tx,
        );
        return updated;
      });
    },

    /**
     * Changes the viewer's password once they have proved the current one. Every other session
     * ends (a thief who had one is out) and any "forgot password" link still open stops working.
     */
    async changePassword({ viewer, currentPassword, newPassword, sessionToken, ip }: ChangePasswordOptions): Promise<ChangePasswordResult> {
      const problems: FieldProblem[] = [
        ...(currentPassword ? [] : [{ field: 'currentPassword' as const, message: 'Enter your current password' }]),
        ...passwordProblems(newPassword).map((message) => ({ field: 'newPassword' as const, message: newPassword ? message : 'Enter a new password' })),
      ];
      if (problems.length === 0 && newPassword === currentPassword) problems.push({ field: 'newPassword', message: 'Your new password must be different from your current password' });
      if (problems.length > 0) return { outcome: 'invalid', problems };
      const credentials = await people.getCredentials(viewer.personId);
      if (!credentials) throw new AppError('not_found', 'Your account does not have a password on the hub.');
      const start = await deps.limits.beginAttempt({ email: viewer.email, ip });
      if (start.outcome === 'held') return { outcome: 'held', retryAfterSeconds: start.retryAfterSeconds };
      if (!(await verifyPassword(currentPassword, credentials.passwordHash))) {
        await deps.limits.recordFailure(start.attempt, await people.getPerson(viewer.personId));
        return { outcome: 'invalid', problems: [{ field: 'currentPassword', message: 'Your current password is not correct' }] };
      }
      await deps.limits.recordSuccess(start.attempt);
      // scrypt takes a while: hash before the transaction so it holds no locks meanwhile.
      const passwordHash = await hashPassword(newPassword);
      await inTransaction(deps.db, async (tx) => {
        await people.setPasswordHash(viewer.personId, passwordHash, tx);
        await deps.passwordResetRepository.voidOpenResetsOf(viewer.personId, now(), tx);
        await deps.audit.insertAuditEvent({ organisationId: viewer.organisationId, actorId: viewer.personId, subjectId: viewer.personId, action: 'account.password-changed', detail: { how: 'changed' } }, tx);
      });
      return { outcome: 'changed', otherSessionsEnded: await deps.sessions.endOtherSessions({ personId: viewer.personId, keepToken: sessionToken }) };
    },
  };
}

export type AccountSettingsService = ReturnType<typeof createAccountSettingsService>;
