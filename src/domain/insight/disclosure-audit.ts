/**
 * A check, for tests, that something about to leave the hub below national level holds no raw
 * small count (issue 14 §2: "a test that no insight route returns an unsuppressed small count").
 * It looks at what a client would receive, so it catches a count that bypassed the disclosure
 * module as well as a disclosed shape that was tampered with.
 */
import { isSmallCount, ROUNDING_BASE } from './disclosure-rules.ts';
import type { DisclosureScope } from './disclosure-rules.ts';

export interface SmallCountAuditOptions {
  /**
   * Keys whose numbers are known not to be counts (a level 1–5, a month, a tree depth). Kept
   * explicit and short: every key added is a place a count could hide.
   */
  allowKeys?: readonly string[];
}

const DISCLOSED_KINDS: ReadonlySet<unknown> = new Set(['count', 'percent', 'measure']);

/**
 * JSON paths (e.g. `$.groups[2].people`) where a small count could be read. Below national level:
 * any bare whole number 1–7 outside a disclosed value and outside an allowed key; a disclosed
 * count that is not 0, null or a rounded figure of 10 or more; a suppressed value that still
 * carries a number. At national scope nothing is suppressed, so nothing is reported.
 */
export function findSmallCountLeaks(json: unknown, scope: DisclosureScope, options: SmallCountAuditOptions = {}): string[] {
  if (scope === 'national') return [];
  const allowed = new Set(options.allowKeys ?? []);
  const leaks: string[] = [];
  visit(json, '$', allowed, leaks);
  return leaks;
}

/** Throws, listing every leak, when findSmallCountLeaks finds any. */
export function assertNoSmallCounts(json: unknown, scope: DisclosureScope, options: SmallCountAuditOptions = {}): void {
  const leaks = findSmallCountLeaks(json, scope, options);
  if (leaks.length > 0) throw new Error(`Small counts would be disclosed at ${leaks.join(', ')}`);
}

function visit(node: unknown, path: string, allowed: ReadonlySet<string>, leaks: string[]): void {
  if (typeof node === 'number') {
    if (Number.isInteger(node) && isSmallCount(node)) leaks.push(path);
    return;
  }
  if (Array.isArray(node)) {
    node.forEach((item, i) => visit(item, `${path}[${i}]`, allowed, leaks));
    return;
  }
  if (node === null || typeof node !== 'object') return;
  const record = node as Record<string, unknown>;
  if (isDisclosedShape(record)) {
    if (!isSafeDisclosed(record)) leaks.push(path);
    return;
  }
  for (const [key, value] of Object.entries(record)) {
    if (!allowed.has(key)) visit(value, `${path}.${key}`, allowed, leaks);
  }
}

function isDisclosedShape(record: Record<string, unknown>): boolean {
  return DISCLOSED_KINDS.has(record.kind) && typeof record.suppressed === 'boolean' && 'value' in record;
}

/** Percentages and measures are judged by their group's size when disclosed; counts can be checked here. */
function isSafeDisclosed(record: Record<string, unknown>): boolean {
  const { value } = record;
  if (record.suppressed === true) return value === null;
  if (value === null) return record.kind !== 'count';
  if (typeof value !== 'number') return false;
  if (record.kind !== 'count') return true;
  return value === 0 || (Number.isInteger(value) && value % ROUNDING_BASE === 0 && value > 7);
}
