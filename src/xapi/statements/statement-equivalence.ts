import { isObject } from './statement-terms.ts';
import type { Json } from './statement-terms.ts';

/**
 * Whether two statements are the same statement (9274.1.1 §4.2 Statement Immutability / 1.0.3 §2.3.2
 * comparison): ignoring case, id, order of group members, authority, stored, timestamp, version,
 * attachments, activity definitions and verb display, and durations beyond 0.01 s.
 */
export function sameStatement(a: unknown, b: unknown): boolean {
  return JSON.stringify(comparable(a, true)) === JSON.stringify(comparable(b, true));
}

const IGNORED_AT_TOP = new Set(['id', 'authority', 'stored', 'timestamp', 'version', 'attachments']);

function comparable(value: unknown, top: boolean): unknown {
  if (typeof value === 'string') return value.toLowerCase();
  if (Array.isArray(value)) return value.map((item) => comparable(item, false));
  if (!isObject(value)) return value;
  const keys = Object.keys(value)
    .filter((key) => !(top && IGNORED_AT_TOP.has(key)))
    .sort();
  const result: Record<string, unknown> = {};
  for (const key of keys) result[key] = comparableProperty(key, value[key], value);
  if (value.objectType === 'SubStatement') for (const key of ['timestamp', 'attachments']) delete result[key];
  return result;
}

function comparableProperty(key: string, value: unknown, parent: Json): unknown {
  if (key === 'member' && Array.isArray(value)) return value.map((m) => JSON.stringify(comparable(m, false))).sort();
  if (key === 'definition' && (parent.objectType === undefined || parent.objectType === 'Activity')) return undefined;
  if (key === 'verb' && isObject(value)) return comparable({ id: value.id }, false);
  if (key === 'duration' && typeof value === 'string') return centiseconds(value) ?? value.toLowerCase();
  return comparable(value, false);
}

/** An ISO 8601 duration in hundredths of a second (truncated), or undefined if it is not one. */
export function centiseconds(duration: string): number | undefined {
  const match = /^P(?:(\d+(?:\.\d+)?)Y)?(?:(\d+(?:\.\d+)?)M)?(?:(\d+(?:\.\d+)?)W)?(?:(\d+(?:\.\d+)?)D)?(?:T(?:(\d+(?:\.\d+)?)H)?(?:(\d+(?:\.\d+)?)M)?(?:(\d+(?:\.\d+)?)S)?)?$/.exec(duration);
  if (!match) return undefined;
  const [years, months, weeks, days, hours, minutes, seconds] = match.slice(1).map((part) => Number(part ?? 0));
  const total = (years ?? 0) * 31_536_000 + (months ?? 0) * 2_592_000 + (weeks ?? 0) * 604_800 + (days ?? 0) * 86_400 + (hours ?? 0) * 3600 + (minutes ?? 0) * 60 + (seconds ?? 0);
  return Math.floor(Math.round(total * 1000) / 10);
}
