/**
 * Finding what someone meant when they typed a name the hub does not know: a small, dependency-free
 * mix of edit distance (for typing slips) and word overlap (for words left out or reordered).
 */

/** Lower case, punctuation as spaces, runs of spaces as one: "  CE/UKCA  marking" → "ce ukca marking". */
export function normaliseName(text: string): string {
  return text.toLowerCase().replace(/[^\p{L}\p{N}]+/gu, ' ').trim();
}

/** The fewest single-character insertions, deletions and substitutions that turn `a` into `b`. */
export function editDistance(a: string, b: string): number {
  if (a === b) return 0;
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i += 1) {
    const current = [i];
    for (let j = 1; j <= b.length; j += 1) {
      const substitution = (previous[j - 1] ?? 0) + (a[i - 1] === b[j - 1] ? 0 : 1);
      current.push(Math.min((previous[j] ?? 0) + 1, (current[j - 1] ?? 0) + 1, substitution));
    }
    previous = current;
  }
  return previous[b.length] ?? 0;
}

/** Words too common to say two names are about the same thing. */
const COMMON_WORDS = new Set(['a', 'an', 'and', 'are', 'as', 'by', 'for', 'from', 'how', 'in', 'is', 'it', 'its', 'of', 'on', 'or', 'the', 'their', 'to', 'what', 'when', 'with']);

/** Shared words as a share of both (the Dice coefficient over distinct, uncommon words). */
function wordOverlap(a: string, b: string): number {
  const words = (text: string) => new Set(text.split(' ').filter((w) => w !== '' && !COMMON_WORDS.has(w)));
  const left = words(a);
  const right = words(b);
  if (left.size === 0 || right.size === 0) return 0;
  const shared = [...left].filter((w) => right.has(w)).length;
  return (2 * shared) / (left.size + right.size);
}

/** How alike two names are, from 0 (nothing alike) to 1 (the same once normalised). */
export function nameSimilarity(a: string, b: string): number {
  const x = normaliseName(a);
  const y = normaliseName(b);
  if (x === '' || y === '') return 0;
  const edits = 1 - editDistance(x, y) / Math.max(x.length, y.length);
  return Math.max(edits, wordOverlap(x, y));
}

/** Longer text than any name is cut, so one odd cell cannot make the search slow. */
const MAX_COMPARED = 120;
/** Below this, a suggestion would more likely mislead than help. */
export const MIN_SIMILARITY = 0.6;

/**
 * The candidate whose label or id is most like `text`, if any is alike enough; the earliest of
 * equally good ones.
 */
export function nearestMatch<T extends { id: string; label: string }>(text: string, candidates: Iterable<T>, minimum = MIN_SIMILARITY): T | undefined {
  const query = text.slice(0, MAX_COMPARED);
  let best: { candidate: T; score: number } | undefined;
  for (const candidate of candidates) {
    const score = Math.max(nameSimilarity(query, candidate.label.slice(0, MAX_COMPARED)), nameSimilarity(query, candidate.id));
    if (score >= minimum && (!best || score > best.score)) best = { candidate, score };
  }
  return best?.candidate;
}
