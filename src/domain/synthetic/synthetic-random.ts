import { seededRandom } from '../journey/seeded-random.ts';

/**
 * Seeds for the synthetic workforce. Every person draws from their own generator, seeded from the
 * run's seed and their position, so a stream can be produced in pieces (or in parallel) and still
 * give each person the same rows, and holding nothing but the current person in memory.
 */
export type Random = () => number;

/** A stable 32-bit hash of a string (FNV-1a). */
export function hashOf(text: string): number {
  let hash = 0x811c9dc5;
  for (const char of text) hash = Math.imul(hash ^ (char.codePointAt(0) ?? 0), 0x01000193) >>> 0;
  return hash;
}

/** The generator for one named stream of one run: `randomFor(seed, 'person', 41)`. */
export function randomFor(seed: number, ...parts: Array<string | number>): Random {
  return seededRandom(hashOf(`${seed >>> 0}/${parts.join('/')}`));
}

/** Picks from weighted choices; the weights need not add up to one. */
export function pickWeighted<T>(random: Random, choices: ReadonlyArray<readonly [T, number]>): T {
  const total = choices.reduce((sum, [, weight]) => sum + weight, 0);
  let left = random() * total;
  for (const [value, weight] of choices) {
    left -= weight;
    if (left < 0) return value;
  }
  const last = choices[choices.length - 1];
  if (!last) throw new Error('pickWeighted needs at least one choice');
  return last[0];
}

/** A roughly normal draw (sum of three uniforms), mean 0 and standard deviation about 0.5. */
export function bell(random: Random): number {
  return random() + random() + random() - 1.5;
}

export function pick<T>(random: Random, items: readonly T[]): T {
  const item = items[Math.floor(random() * items.length)];
  if (item === undefined) throw new Error('pick needs at least one item');
  return item;
}
