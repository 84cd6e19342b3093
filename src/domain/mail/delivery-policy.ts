/**
 * What to do after a try at sending one message: the pure rules of the mail delivery worker
 * (services/mail/mail-delivery.service.ts). A server's "no" for good is not asked again; anything
 * that may pass later (the server down, busy or greylisting) is tried again, less and less often.
 */

export type FailureKind = 'permanent' | 'transient';

export interface DeliveryFailure {
  kind: FailureKind;
  /** The SMTP reply code, when the server replied. */
  smtpCode: number | null;
  /** Nodemailer's error code (ECONNECTION, EENVELOPE …), when it had one. */
  errorCode: string | null;
  /** What to show an administrator: the server's reply, or the error's message, cut short. */
  message: string;
}

export type NextStep = { kind: 'retry'; at: Date } | { kind: 'give-up' };

export const DEFAULT_MAX_ATTEMPTS = 10;
const FIRST_DELAY_MS = 60_000;
const MAX_DELAY_MS = 6 * 60 * 60 * 1000;
const JITTER = 0.1;
const MESSAGE_LENGTH = 500;

/** Errors without a server reply that no retry can mend: the message or its envelope is malformed. */
const PERMANENT_CODES = new Set(['EENVELOPE', 'EMESSAGE']);

interface ErrorShape {
  code?: unknown;
  responseCode?: unknown;
  response?: unknown;
  message?: unknown;
}

/**
 * A reply class decides when the server replied: 5xx is for good, except 503 (bad sequence of
 * commands, usually a connection in a bad state). Without a reply, a malformed envelope or message
 * is for good; a connection, timeout, socket, DNS, TLS or authentication failure may pass.
 */
export function classifyFailure(error: unknown): DeliveryFailure {
  const e: ErrorShape = typeof error === 'object' && error !== null ? error : { message: String(error) };
  const smtpCode = typeof e.responseCode === 'number' && Number.isInteger(e.responseCode) ? e.responseCode : null;
  const errorCode = typeof e.code === 'string' ? e.code : null;
  const text = typeof e.response === 'string' && e.response !== '' ? e.response : typeof e.message === 'string' ? e.message : 'Unknown error';
  const kind: FailureKind =
    smtpCode !== null ? (isPermanentReply(smtpCode) ? 'permanent' : 'transient') : errorCode !== null && PERMANENT_CODES.has(errorCode) ? 'permanent' : 'transient';
  return { kind, smtpCode, errorCode, message: shorten(text) };
}

export function isPermanentReply(code: number): boolean {
  return code >= 500 && code < 600 && code !== 503;
}

/**
 * The wait before the next try after `attempts` tries: 1, 2, 4 … minutes, at most 6 hours, each
 * moved by up to 10 % either way so that mail held up together does not all come back at once.
 * `random` returns [0, 1), as Math.random does.
 */
export function retryDelayMs(attempts: number, random: () => number = Math.random): number {
  const base = Math.min(MAX_DELAY_MS, FIRST_DELAY_MS * 2 ** Math.max(0, attempts - 1));
  return Math.round(base * (1 + JITTER * (2 * random() - 1)));
}

/** After a failed try: again later, or never (rejected for good, or out of attempts). */
export function nextStep(input: { failure: DeliveryFailure; attempts: number; maxAttempts: number; now: Date; random?: () => number }): NextStep {
  if (input.failure.kind === 'permanent' || input.attempts >= input.maxAttempts) return { kind: 'give-up' };
  return { kind: 'retry', at: new Date(input.now.getTime() + retryDelayMs(input.attempts, input.random)) };
}

/** The SMTP code at the start of a server's reply ("250 2.0.0 Ok: queued"), if any. */
export function replyCode(response: string): number | null {
  const match = /^(\d{3})/.exec(response.trim());
  return match ? Number(match[1]) : null;
}

export function shorten(text: string): string {
  const oneLine = text.replace(/\s+/g, ' ').trim();
  return oneLine.length > MESSAGE_LENGTH ? `${oneLine.slice(0, MESSAGE_LENGTH - 1)}…` : oneLine;
}
