import { createHash } from 'node:crypto';
import type { Database } from '../../db/client.ts';
import type { Notices } from '../mail/notices.ts';
import type { PersonRow } from '../../db/people.repository.ts';
import type { SignInLimitRepository } from '../../db/sign-in-limit.repository.ts';
import { inTransaction } from '../../db/transaction.ts';
import { accountKeyOf, holdAfterFailure, KNOWN_SOURCE_MS, SIGN_IN_LIMITS, sourceKeyOf, TELL_HOLDER_AFTER_FAILURES } from '../../domain/people/sign-in-limits.ts';
import type { LimitScope } from '../../domain/people/sign-in-limits.ts';
import type { NotificationService } from '../people/notification.service.ts';

/** An attempt counted as a failure while its password is checked; settled as one or the other. */
export interface CountedAttempt {
  at: Date;
  keyHashes: Record<LimitScope, string>;
  knownSourceHash: string;
  /** The account's failures in its window, this attempt included. */
  accountFailures: number;
}

export type AttemptStart = { outcome: 'held'; retryAfterSeconds: number } | { outcome: 'counted'; attempt: CountedAttempt };

export interface SignInLimitDeps {
  db: Database;
  repository: SignInLimitRepository;
  notifications: Pick<NotificationService, 'notify'>;
  /** Writes mail (text and HTML) into the outbox in the caller's transaction. */
  mail: Pick<Notices, 'mailText'>;
  now?: () => Date;
}

const SCOPES = Object.keys(SIGN_IN_LIMITS) as LimitScope[];
/** Old counters and sources are deleted at most this often, by whichever attempt comes first. */
const PRUNE_EVERY_MS = 10 * 60 * 1000;
const COUNTERS_KEPT_MS = 24 * 60 * 60 * 1000;

const hashKey = (...parts: string[]) => createHash('sha256').update(parts.join('\n')).digest('hex');

/**
 * Sign-in limits (domain/people/sign-in-limits.ts) kept in the database, so every process of the
 * hub sees the same counts. An attempt is counted before its password is checked, so attempts sent
 * in parallel are counted as they arrive, not after; a right password takes its count back.
 */
export function createSignInLimits(deps: SignInLimitDeps) {
  const repo = deps.repository;
  const now = deps.now ?? (() => new Date());
  let lastPrunedAt = 0;

  function pruneNowAndThen(at: Date): void {
    if (at.getTime() - lastPrunedAt < PRUNE_EVERY_MS) return;
    lastPrunedAt = at.getTime();
    const pruning = repo.prune({ now: at, countersBefore: new Date(at.getTime() - COUNTERS_KEPT_MS), sourcesBefore: new Date(at.getTime() - KNOWN_SOURCE_MS) });
    // Pruning only saves space: a failure must not fail or slow down a sign-in.
    pruning.catch((error: unknown) => process.emitWarning(`Could not prune old sign-in counters: ${String(error)}`));
  }

  async function tellHolder(tx: Database, holder: PersonRow): Promise<void> {
    const message =
      'Someone has tried to sign in to your AI Confidence Hub account with the wrong password several times. If it was you, you need do nothing. ' +
      'If it was not, your account is still safe: nobody gets in without your password, and the hub slows repeated attempts down. Tell your organisation admin if it happens again.';
    await deps.notifications.notify({ tx, organisationId: holder.organisationId, personId: holder.id, message });
    await deps.mail.mailText(tx, { organisationId: holder.organisationId, toAddress: holder.email, subject: 'Attempts to sign in to your account', bodyText: `Dear ${holder.displayName},\n\n${message}` });
  }

  return {
    /** Counts an attempt in every scope, or says how long to wait when any scope is held. */
    async beginAttempt({ email, ip }: { email: string; ip: string }): Promise<AttemptStart> {
      const at = now();
      pruneNowAndThen(at);
      const account = accountKeyOf(email);
      const source = sourceKeyOf(ip);
      const keyHashes: Record<LimitScope, string> = { accountFromSource: hashKey('account-source', account, source), account: hashKey('account', account), source: hashKey('source', source) };
      const knownSourceHash = hashKey('known-source', account, source);
      // The holder at a place they have signed in from is never kept out by guessing elsewhere.
      const isKnownSource = await repo.isKnownSourceSince(knownSourceHash, new Date(at.getTime() - KNOWN_SOURCE_MS));
      const heldHashes = new Set(SCOPES.filter((scope) => scope !== 'account' || !isKnownSource).map((scope) => keyHashes[scope]));
      return inTransaction(deps.db, async (tx): Promise<AttemptStart> => {
        const counters = await repo.lockCounters(Object.values(keyHashes), tx);
        const holds = counters.flatMap((c) => (c.heldUntil && c.heldUntil > at && heldHashes.has(c.keyHash) ? [c.heldUntil.getTime()] : []));
        if (holds.length > 0) return { outcome: 'held', retryAfterSeconds: Math.ceil((Math.max(...holds) - at.getTime()) / 1000) };
        let accountFailures = 0;
        // In key order, as the locks were taken: new rows are locked as they are inserted.
        for (const scope of [...SCOPES].sort((a, b) => (keyHashes[a] < keyHashes[b] ? -1 : 1))) {
          const policy = SIGN_IN_LIMITS[scope];
          const failures = await repo.countFailure(keyHashes[scope], at, new Date(at.getTime() - policy.windowMs), tx);
          await repo.holdUntil(keyHashes[scope], holdAfterFailure(policy, failures, at), tx);
          if (scope === 'account') accountFailures = failures;
        }
        return { outcome: 'counted', attempt: { at, keyHashes, knownSourceHash, accountFailures } };
      });
    },

    /** A right password: the attempt was not a failure, and this place is one the holder uses. */
    async recordSuccess(attempt: CountedAttempt): Promise<void> {
      await inTransaction(deps.db, async (tx) => {
        await repo.forgetCounter(attempt.keyHashes.accountFromSource, tx);
        await repo.uncountFailure(attempt.keyHashes.account, SIGN_IN_LIMITS.account.threshold, tx);
        await repo.uncountFailure(attempt.keyHashes.source, SIGN_IN_LIMITS.source.threshold, tx);
        await repo.rememberKnownSource(attempt.knownSourceHash, attempt.at, tx);
      });
    },

    /**
     * A wrong password (or no such account, answered alike). The first time the account's failures
     * reach the telling point in a window, its holder (if there is one) is told in the hub and by
     * mail, in one transaction; never again in that window, however many attempts follow.
     */
    async recordFailure(attempt: CountedAttempt, holder: PersonRow | undefined): Promise<void> {
      if (attempt.accountFailures < TELL_HOLDER_AFTER_FAILURES) return;
      await inTransaction(deps.db, async (tx) => {
        const isFirstNotice = await repo.claimHolderNotice(attempt.keyHashes.account, attempt.at, tx);
        if (isFirstNotice && holder?.status === 'active') await tellHolder(tx, holder);
      });
    },
  };
}

export type SignInLimits = ReturnType<typeof createSignInLimits>;
