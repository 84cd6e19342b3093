import { createHash } from 'node:crypto';
import stableStringify from 'safe-stable-stringify';

/** sha256 of a value's JSON with sorted keys: equal content gives an equal hash whatever the key order. */
export function contentHash(value: unknown): string {
  return createHash('sha256').update(stableStringify(value) ?? '').digest('hex');
}
