import { isDuration } from './formats.ts';
import {
  booleanAt, checkExtensions, has, numberAt, objectWith, optional, refuse, stringAt,
} from './rule-kit.ts';

/** A result (9274 §4.2.2.4). */
export function checkResult(value: unknown, path: string): void {
  const result = objectWith(value, path, ['score', 'success', 'completion', 'response', 'duration', 'extensions']);
  optional(result, 'score', path, checkScore);
  optional(result, 'success', path, booleanAt);
  optional(result, 'completion', path, booleanAt);
  optional(result, 'response', path, stringAt);
  optional(result, 'duration', path, checkDuration);
  optional(result, 'extensions', path, checkExtensions);
}

function checkDuration(value: unknown, path: string): void {
  const duration = stringAt(value, path);
  if (!isDuration(duration)) {
    refuse(path, `must be an ISO 8601 duration such as "PT1H30M" or "P4W" (ISO 8601:2004 §4.4.3.2), not "${duration}"`);
  }
}

/** A score: scaled within −1..1, min < max, and raw within min..max (9274 §4.2.2.4, Score table). */
function checkScore(value: unknown, path: string): void {
  const score = objectWith(value, path, ['scaled', 'raw', 'min', 'max']);
  const [scaled, raw, min, max] = (['scaled', 'raw', 'min', 'max'] as const).map((key) =>
    has(score, key) ? numberAt(score[key], `${path}.${key}`) : undefined,
  );
  if (scaled !== undefined && (scaled < -1 || scaled > 1)) refuse(`${path}.scaled`, `must be between -1 and 1 inclusive, not ${scaled}`);
  if (min !== undefined && max !== undefined && !(min < max)) refuse(`${path}.min`, `must be less than max (${max}), not ${min}`);
  if (raw !== undefined && min !== undefined && raw < min) refuse(`${path}.raw`, `must not be less than min (${min}), not ${raw}`);
  if (raw !== undefined && max !== undefined && raw > max) refuse(`${path}.raw`, `must not be more than max (${max}), not ${raw}`);
}
