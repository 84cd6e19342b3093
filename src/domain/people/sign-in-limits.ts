/**
 * How the hub slows down password guessing without letting anyone lock an account (issue 10).
 *
 * Failures are counted in three scopes. Each scope counts in windows that start at its first
 * failure; once a scope has had `threshold` failures in its window, the next attempt in that scope
 * must wait `firstDelayMs`, and each failure after that doubles the wait, up to `maxDelayMs`.
 * A wait is never a lock: it ends on its own, and while it lasts nothing is counted.
 *
 * - One account from one network address: what a guesser at one place needs. The holder
 *   elsewhere is not affected.
 * - One account from anywhere: a guesser spread over many addresses. Much higher, and addresses the
 *   holder has signed in from recently are exempt, so nobody can keep the holder out.
 * - One network address, any account (password spraying): only failures count, and generously, so
 *   a hospital's staff behind one NAT address are never held by each other's sign-ins.
 *
 * Accounts are keyed by the address typed (normalised), so an unknown address is counted and
 * answered exactly as a known one.
 */
export interface LimitPolicy {
  threshold: number;
  windowMs: number;
  firstDelayMs: number;
  maxDelayMs: number;
}

const SECOND = 1000;
const MINUTE = 60 * SECOND;
const HOUR = 60 * MINUTE;

export const SIGN_IN_LIMITS = {
  accountFromSource: { threshold: 5, windowMs: HOUR, firstDelayMs: 30 * SECOND, maxDelayMs: 15 * MINUTE },
  account: { threshold: 50, windowMs: HOUR, firstDelayMs: 30 * SECOND, maxDelayMs: 15 * MINUTE },
  source: { threshold: 100, windowMs: 15 * MINUTE, firstDelayMs: 5 * SECOND, maxDelayMs: 15 * MINUTE },
} as const satisfies Record<string, LimitPolicy>;

export type LimitScope = keyof typeof SIGN_IN_LIMITS;

/** The holder is told (in the hub and by mail) when their account's failures reach this, once per window. */
export const TELL_HOLDER_AFTER_FAILURES = 5;

/** An address someone signed in from within this long is exempt from their account-wide limit. */
export const KNOWN_SOURCE_MS = 30 * 24 * HOUR;

/** When the next attempt in a scope may be made, after its `failures`-th failure in the window at `at`. */
export function holdAfterFailure(policy: LimitPolicy, failures: number, at: Date): Date | null {
  if (failures < policy.threshold) return null;
  const delay = Math.min(policy.maxDelayMs, policy.firstDelayMs * 2 ** (failures - policy.threshold));
  return new Date(at.getTime() + delay);
}

/** The account an attempt is for, however the address was typed. */
export function accountKeyOf(email: string): string {
  return email.normalize('NFC').trim().toLowerCase();
}

/**
 * The network source an attempt comes from: an IPv4 address, or an IPv6 /64 (one subscriber's
 * network usually holds a whole /64, so counting single IPv6 addresses would count nothing).
 */
export function sourceKeyOf(ip: string): string {
  const address = ip.replace(/%.*$/, '').toLowerCase();
  const mappedIpv4 = /^::ffff:(\d{1,3}(?:\.\d{1,3}){3})$/.exec(address);
  if (mappedIpv4?.[1]) return mappedIpv4[1];
  if (!address.includes(':')) return address;
  const groups = ipv6Groups(address);
  return groups ? `${groups.slice(0, 4).join(':')}::/64` : address;
}

/** The eight 16-bit groups of an IPv6 address, without leading zeros; undefined when it is not one. */
function ipv6Groups(address: string): string[] | undefined {
  const halves = address.split('::');
  if (halves.length > 2) return undefined;
  const partsOf = (half: string | undefined) => (half ? half.split(':').flatMap(ipv4AsGroups) : []);
  const head = partsOf(halves[0]);
  const tail = partsOf(halves[1]);
  const missing = 8 - head.length - tail.length;
  if (missing < 0 || (halves.length === 1 && missing !== 0)) return undefined;
  const groups = [...head, ...Array<string>(missing).fill('0'), ...tail];
  if (!groups.every((g) => /^[0-9a-f]{1,4}$/.test(g))) return undefined;
  return groups.map((g) => g.replace(/^0+(?=.)/, ''));
}

/** A trailing dotted IPv4 part (`::ffff:192.0.2.1`) is two groups. */
function ipv4AsGroups(part: string): string[] {
  if (!part.includes('.')) return [part];
  const bytes = part.split('.').map(Number);
  if (bytes.length !== 4 || bytes.some((b) => !Number.isInteger(b) || b < 0 || b > 255)) return ['invalid'];
  const [a = 0, b = 0, c = 0, d = 0] = bytes;
  return [((a << 8) | b).toString(16), ((c << 8) | d).toString(16)];
}

/** "Wait 30 seconds" / "Wait 2 minutes": a held attempt's wait, rounded up so it is never too short. */
export function waitInWords(seconds: number): string {
  const whole = Math.max(1, Math.ceil(seconds));
  if (whole < 60) return `${whole} ${whole === 1 ? 'second' : 'seconds'}`;
  const minutes = Math.ceil(whole / 60);
  return `${minutes} ${minutes === 1 ? 'minute' : 'minutes'}`;
}

/** What a held attempt is told, on the page and in the API alike. */
export function heldMessage(retryAfterSeconds: number): string {
  return `There have been too many attempts to sign in. Wait ${waitInWords(retryAfterSeconds)}, then try again.`;
}
