import { setTimeout as wait } from 'node:timers/promises';
import { createHash, randomBytes } from 'node:crypto';
import type { AuditRepository } from '../../db/audit.repository.ts';
import type { Database } from '../../db/client.ts';
import type { Notices } from '../mail/notices.ts';
import type { PasswordResetRepository } from '../../db/password-reset.repository.ts';
import type { PeopleRepository } from '../../db/people.repository.ts';
import type { SignInLimitRepository } from '../../db/sign-in-limit.repository.ts';
import { inTransaction } from '../../db/transaction.ts';
import { accountKeyOf, sourceKeyOf } from '../../domain/people/sign-in-limits.ts';
import { passwordProblems } from '../people/account.service.ts';
import { hashPassword } from './password-hasher.ts';
import type { SessionService } from './session.service.ts';

/** A "forgot password" link works for this long, once. */
export const PASSWORD_RESET_LIFETIME_MS = 60 * 60 * 1000;
/**
 * Links sent per hour: to one address (so nobody can flood someone's inbox) and asked for from one
 * network source (so nobody can mail every address they guess). Beyond these, the same page is
 * shown and nothing is sent.
 */
export const PASSWORD_RESET_LIMITS = {
  account: { threshold: 3, windowMs: 60 * 60 * 1000 },
  // Generous: a hospital's staff may share one network address.
  source: { threshold: 100, windowMs: 60 * 60 * 1000 },
} as const;

export type ResetLinkState = 'open' | 'unknown' | 'expired' | 'used';
export type ResetPasswordResult = { outcome: 'reset'; personId: string } | { outcome: 'unavailable'; state: Exclude<ResetLinkState, 'open'> } | { outcome: 'invalid-password'; problems: string[] };

export interface PasswordResetDeps {
  db: Database;
  passwordResetRepository: PasswordResetRepository;
  peopleRepository: Pick<PeopleRepository, 'findPersonByEmail' | 'getCredentials' | 'setPasswordHash' | 'getPerson'>;
  /** The sign-in limits' shared counters, keyed apart from sign-in's own. */
  signInLimitRepository: Pick<SignInLimitRepository, 'countFailure'>;
  /** Writes mail (text and HTML) into the outbox in the caller's transaction. */
  mail: Pick<Notices, 'mailText'>;
  audit: Pick<AuditRepository, 'insertAuditEvent'>;
  sessions: Pick<SessionService, 'endAllSessions'>;
  /** Absolute base URL of the hub: the link is followed from an email client. */
  baseUrl: string;
  now?: () => Date;
  /** A request answers no sooner than this (see requestPasswordReset); tests may shorten it. */
  answerFloorMs?: number;
}

/** Longer than the real path (a lookup and one small transaction) takes even under load. */
const ANSWER_FLOOR_MS = 300;

/** Only the token's hash is stored: a database reader cannot use someone's link. */
const hashToken = (token: string) => createHash('sha256').update(token).digest('hex');
const hashKey = (...parts: string[]) => createHash('sha256').update(parts.join('\n')).digest('hex');

/** "Forgot your password" for local accounts: a single-use, expiring link by mail, through the outbox. */
export function createPasswordResetService(deps: PasswordResetDeps) {
  const resets = deps.passwordResetRepository;
  const people = deps.peopleRepository;
  const now = deps.now ?? (() => new Date());

  /** Counts the request in both scopes; false when either is over its limit for the hour. */
  async function isWithinLimits(email: string, ip: string, at: Date): Promise<boolean> {
    const counts = await Promise.all(
      (['account', 'source'] as const).map(async (scope) => {
        const key = scope === 'account' ? hashKey('reset-account', accountKeyOf(email)) : hashKey('reset-source', sourceKeyOf(ip));
        const { threshold, windowMs } = PASSWORD_RESET_LIMITS[scope];
        return (await deps.signInLimitRepository.countFailure(key, at, new Date(at.getTime() - windowMs))) <= threshold;
      }),
    );
    return counts.every(Boolean);
  }

  async function stateOf(token: string): Promise<ResetLinkState> {
    const reset = await resets.findByTokenHash(hashToken(token));
    if (!reset) return 'unknown';
    if (reset.usedAt) return 'used';
    if (reset.expiresAt <= now()) return 'expired';
    return (await people.getPerson(reset.personId))?.status === 'active' ? 'open' : 'unknown';
  }

  async function sendResetLink(email: string, ip: string): Promise<void> {
    const at = now();
    if (!(await isWithinLimits(email, ip, at))) return;
    const person = await people.findPersonByEmail(accountKeyOf(email));
    if (!person || person.status !== 'active' || !(await people.getCredentials(person.id))) return;
    const token = randomBytes(32).toString('base64url');
    const expiresAt = new Date(at.getTime() + PASSWORD_RESET_LIFETIME_MS);
    await inTransaction(deps.db, async (tx) => {
      await resets.insertPasswordReset({ organisationId: person.organisationId, personId: person.id, tokenHash: hashToken(token), expiresAt }, tx);
      await deps.mail.mailText(tx, {
          organisationId: person.organisationId,
          toAddress: person.email,
          subject: 'Reset your AI Confidence Hub password',
          bodyText: [
            `Dear ${person.displayName},`,
            'Someone asked to reset the password of your AI Confidence Hub account. If it was you, choose a new password here:',
            `${deps.baseUrl}/sign-in/reset/${token}`,
            'This link works once, within an hour. If you did not ask, you can ignore this email: your password has not changed.',
          ].join('\n\n'),
        });
      await deps.audit.insertAuditEvent({ organisationId: person.organisationId, actorId: null, subjectId: person.id, action: 'account.password-reset-requested', detail: {} }, tx);
    });
  }

  return {
    /**
     * Mails a reset link to the address if it holds an active local account. The caller learns
     * nothing either way: no account, no password on the hub and too many requests all look alike.
     */
    /**
     * Sends a link when the address is a local account's. The answer is the same either way and,
     * by waiting out a floor, takes the same time, so neither says whether an account exists.
     */
    async requestPasswordReset({ email, ip }: { email: string; ip: string }): Promise<void> {
      const floor = wait(deps.answerFloorMs ?? ANSWER_FLOOR_MS);
      await sendResetLink(email, ip).finally(() => floor);
    },

    viewPasswordReset: ({ token }: { token: string }): Promise<ResetLinkState> => stateOf(token),

    /** Sets a new password from an open link, uses up the link and the person's other links, and signs them out everywhere. */
    async resetPassword({ token, password }: { token: string; password: string }): Promise<ResetPasswordResult> {
      const state = await stateOf(token);
      if (state !== 'open') return { outcome: 'unavailable', state };
      const problems = passwordProblems(password);
      if (problems.length > 0) return { outcome: 'invalid-password', problems: password ? problems : ['Enter a new password'] };
      const passwordHash = await hashPassword(password);
      const personId = await inTransaction(deps.db, async (tx) => {
        const claimed = await resets.claimPasswordReset(hashToken(token), now(), tx);
        if (!claimed) return undefined;
        await people.setPasswordHash(claimed.personId, passwordHash, tx);
        await resets.voidOpenResetsOf(claimed.personId, now(), tx);
        await deps.audit.insertAuditEvent({ organisationId: claimed.organisationId, actorId: claimed.personId, subjectId: claimed.personId, action: 'account.password-changed', detail: { how: 'reset' } }, tx);
        return claimed.personId;
      });
      // Someone else used the link (or it expired) between reading it and claiming it.
      if (!personId) return { outcome: 'unavailable', state: 'used' };
      await deps.sessions.endAllSessions({ personId });
      return { outcome: 'reset', personId };
    },
  };
}

export type PasswordResetService = ReturnType<typeof createPasswordResetService>;
