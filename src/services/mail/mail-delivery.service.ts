import { randomUUID } from 'node:crypto';
import type { OutboxRepository, OutboxRow } from '../../db/outbox.repository.ts';
import { classifyFailure, nextStep, replyCode, shorten } from '../../domain/mail/delivery-policy.ts';
import type { Mailer } from '../../mail/mailer.ts';

/** Messages one worker takes at a time, and how long it holds them: longer than sending them can take. */
const BATCH = 5;
const LEASE_MS = 5 * 60 * 1000;

export interface DrainResult {
  sent: number;
  retrying: number;
  failed: number;
}

export interface MailDeliveryDeps {
  outboxRepository: Pick<OutboxRepository, 'claimDue' | 'markSent' | 'scheduleRetry' | 'markFailed' | 'recordAttempt' | 'countUnsent'>;
  mailer: Mailer;
  maxAttempts: number;
  /** The right-hand side of a test message's Message-ID. */
  mailHost: string;
  now?: () => Date;
  random?: () => number;
}

/**
 * Hands the outbox to the mail server. Delivery is at least once: a message is marked sent only
 * after the server's 250, so a worker that dies between the two leaves it to be sent again when
 * its lease runs out, with the same Message-ID. Every process may drain (claimDue skips what
 * another holds); overlapping calls in one process share one run.
 */
export function createMailDeliveryService(deps: MailDeliveryDeps) {
  const now = deps.now ?? (() => new Date());
  let draining: Promise<DrainResult> | null = null;

  async function deliver(message: OutboxRow, tally: DrainResult): Promise<void> {
    const base = { organisationId: message.organisationId, outboxId: message.id };
    let response: string;
    try {
      ({ response } = await deps.mailer.send({ to: message.toAddress, subject: message.subject, text: message.bodyText, html: message.bodyHtml, messageId: message.messageId }));
    } catch (error) {
      const failure = classifyFailure(error);
      const at = now();
      await deps.outboxRepository.recordAttempt({ ...base, at, outcome: failure.kind, smtpCode: failure.smtpCode, errorCode: failure.errorCode, response: failure.message });
      const step = nextStep({ failure, attempts: message.attempts, maxAttempts: deps.maxAttempts, now: at, random: deps.random });
      if (step.kind === 'retry') {
        await deps.outboxRepository.scheduleRetry(message.id, step.at, failure.message);
        tally.retrying += 1;
      } else {
        await deps.outboxRepository.markFailed(message.id, at, failure.message);
        tally.failed += 1;
      }
      return;
    }
    const at = now();
    await deps.outboxRepository.recordAttempt({ ...base, at, outcome: 'sent', smtpCode: replyCode(response), errorCode: null, response: shorten(response) });
    await deps.outboxRepository.markSent(message.id, at);
    tally.sent += 1;
  }

  async function drainFor(budgetMs: number): Promise<DrainResult> {
    const started = Date.now();
    const tally: DrainResult = { sent: 0, retrying: 0, failed: 0 };
    for (;;) {
      const at = now();
      const batch = await deps.outboxRepository.claimDue({ now: at, lockedUntil: new Date(at.getTime() + LEASE_MS), limit: BATCH });
      for (const message of batch) await deliver(message, tally);
      if (batch.length < BATCH || Date.now() - started >= budgetMs) return tally;
    }
  }

  return {
    /** Sends due mail until none is due or `budgetMs` has passed. */
    drain(budgetMs = 10_000): Promise<DrainResult> {
      draining ??= drainFor(budgetMs).finally(() => {
        draining = null;
      });
      return draining;
    },
    /** Mail neither sent nor given up on. */
    unsentCount: (): Promise<number> => deps.outboxRepository.countUnsent(),
    /** Sends one message straight to the server, not through the outbox: a check of the settings. */
    async sendTest(to: string): Promise<{ response: string; messageId: string }> {
      const messageId = `<test-${randomUUID()}@${deps.mailHost}>`;
      const { response } = await deps.mailer.send({
        to,
        subject: 'Test message from the AI Confidence Hub',
        text: 'This is a test message from the AI Confidence Hub. If you can read it, the hub can send email.',
        html: null,
        messageId,
      });
      return { response, messageId };
    },
    /** Waits for a drain in progress, then closes the mail server connections. */
    async close(): Promise<void> {
      await draining?.catch(() => undefined);
      deps.mailer.close();
    },
  };
}

export type MailDeliveryService = ReturnType<typeof createMailDeliveryService>;
