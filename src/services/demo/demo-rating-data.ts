import { listApplicableRequirements } from '../../domain/applicability/applicability.ts';
import { NOT_YET } from '../../domain/assessment/requirement-status.ts';
import type { Kind } from '../../domain/framework/framework-document.ts';
import type { FrameworkIndex } from '../../domain/framework/framework-index.ts';
import { seededRandom } from '../../domain/journey/seeded-random.ts';
import { topicInfoLookup } from '../assessment/topic-info.ts';
import type { DemoPerson } from './demo-dataset.ts';

/**
 * The demo people's self-ratings, so summaries, team coverage and team plans show something true
 * on first start (issue 13 §4). Pure and seeded by the person's key: the same person always gets
 * the same levels, dated relative to `now`.
 *
 * Levels lean on what the person does: an archetype is strong in its own factors (a Creator in
 * model design and technical implementation, a User in clinical use) and a professional group
 * adds its own (data and technology staff in the technical factors, clinicians in clinical use);
 * elsewhere levels are low, with some 'not yet'. Each person first rated themselves six to nine
 * months ago, and has since raised some topics once or twice, so the history by month shows change.
 */

const DAY_MS = 24 * 60 * 60 * 1000;

/** People left unrated on purpose: a newcomer, so the first-run self-assessment shows in the demo too. */
export const DEMO_NEWCOMERS: readonly string[] = ['ben.ashworth'];

/** How strong each archetype is in its own factors (0-1 of the top of the scale); Users the least. */
const ARCHETYPE_STRENGTHS: Record<string, { strength: number; factors: readonly string[] }> = {
  shaper: { strength: 0.7, factors: ['governance', 'regulation-and-standards', 'guidelines', 'liability', 'strategy-and-culture'] },
  driver: { strength: 0.7, factors: ['governance', 'liability', 'implementation', 'strategy-and-culture', 'systems-impact'] },
  creator: { strength: 0.8, factors: ['ai-model-and-product-design', 'technical-implementation', 'evaluation-and-validation', 'local-validation', 'ai-literacy'] },
  embedder: { strength: 0.75, factors: ['implementation', 'technical-implementation', 'local-validation', 'evaluation-and-validation', 'regulation-and-standards', 'systems-impact'] },
  user: { strength: 0.55, factors: ['clinical-use', 'cognitive-biases', 'interface-with-patients'] },
};

const TECHNICAL = ['ai-literacy', 'technical-implementation', 'ai-model-and-product-design', 'evaluation-and-validation'];
const CLINICAL = ['clinical-use', 'cognitive-biases', 'interface-with-patients'];
const MANAGERIAL = ['governance', 'strategy-and-culture', 'systems-impact'];
const GROUP_FACTORS: Partial<Record<DemoPerson['professionalGroup'], readonly string[]>> = {
  'digital-data-and-technology': TECHNICAL,
  'healthcare-scientists': TECHNICAL,
  'medical-and-dental': CLINICAL,
  'nursing-midwifery-and-health-visiting': CLINICAL,
  'allied-health-professionals': CLINICAL,
  pharmacy: CLINICAL,
  'management-and-administration': MANAGERIAL,
  'outside-the-nhs': MANAGERIAL,
};

export interface DemoRating {
  topicId: string;
  level: string;
  ratedAt: Date;
}

/** One person's ratings, oldest first; each topic's latest row is its current rating. */
export function demoRatingsFor(index: FrameworkIndex, person: DemoPerson, now: Date): DemoRating[] {
  const random = seededRandom(seedOf(person.key));
  const firstRated = now.getTime() - (180 + Math.floor(random() * 90)) * DAY_MS;
  const rows: DemoRating[] = [];
  for (const topic of topicsThatApply(index, person)) {
    if (random() < 0.1) continue;
    const top = index.doc.taxonomy[topic.kind].length;
    const strength = strengthOf(person, topic.factor);
    const rank = Math.max(0, Math.min(top, Math.round(strength * top + (random() - 0.5) * 1.6)));
    const steps = rank === 0 ? 0 : random() < 0.55 ? 0 : random() < 0.78 ? 1 : 2;
    // The first rating, then each raise on a later day, the last at least a fortnight before now.
    const days = [0, ...Array.from({ length: steps }, () => 14 + Math.floor(random() * ((now.getTime() - firstRated) / DAY_MS - 28)))].sort((a, b) => a - b);
    days.forEach((day, i) => {
      const level = levelAt(index, topic.kind, Math.max(0, rank - (steps - i)));
      rows.push({ topicId: topic.id, level, ratedAt: new Date(firstRated + (day + i) * DAY_MS + Math.floor(random() * 8) * 60 * 60 * 1000) });
    });
  }
  return rows.sort((a, b) => a.ratedAt.getTime() - b.ratedAt.getTime());
}

/** Topics the self-assessment asks this person (foundational and their archetypes' advanced), in document order. */
export function topicsThatApply(index: FrameworkIndex, person: Pick<DemoPerson, 'archetypes' | 'clinicalDecisionMaking'>): Array<{ id: string; kind: Kind; factor: string; advanced: boolean }> {
  const topicOf = topicInfoLookup(index);
  const topics = new Map<string, { id: string; kind: Kind; factor: string; advanced: boolean }>();
  for (const { requirement } of listApplicableRequirements(index, { archetypes: person.archetypes, clinicalDecisionMaking: person.clinicalDecisionMaking })) {
    const topic = topicOf(requirement.id);
    const known = topics.get(topic.id);
    topics.set(topic.id, { id: topic.id, kind: topic.kind, factor: topic.factor, advanced: (known?.advanced ?? false) || requirement.tier === 'advanced' });
  }
  return [...topics.values()];
}

function strengthOf(person: Pick<DemoPerson, 'archetypes' | 'professionalGroup'>, factor: string): number {
  const home = Math.max(0, ...person.archetypes.map((a) => (ARCHETYPE_STRENGTHS[a]?.factors.includes(factor) ? (ARCHETYPE_STRENGTHS[a]?.strength ?? 0) : 0)));
  const fromGroup = GROUP_FACTORS[person.professionalGroup]?.includes(factor) ?? false;
  if (home > 0) return Math.min(0.9, home + (fromGroup ? 0.15 : 0));
  return fromGroup ? 0.5 : factor === 'ai-literacy' ? 0.35 : 0.15;
}

function levelAt(index: FrameworkIndex, kind: Kind, rank: number): string {
  return rank <= 0 ? NOT_YET : (index.doc.taxonomy[kind].find((l) => l.rank === rank)?.id ?? NOT_YET);
}

/** A stable 32-bit seed from the person's key (FNV-1a), so adding a person changes nobody else's levels. */
export function seedOf(key: string): number {
  let hash = 0x811c9dc5;
  for (const char of key) hash = Math.imul(hash ^ (char.codePointAt(0) ?? 0), 0x01000193) >>> 0;
  return hash;
}

export interface DemoVerification {
  topicId: string;
  requestedAt: Date;
  decidedAt: Date;
  outcome: 'confirmed' | 'adjusted';
  /** The verified level: the current self-rating when confirmed, one lower when adjusted. */
  level: string;
  comment: string | null;
}

function shuffled<T>(random: () => number, items: readonly T[]): T[] {
  const copy = [...items];
  for (let i = copy.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [copy[i], copy[j]] = [copy[j] as T, copy[i] as T];
  }
  return copy;
}

const ADJUST_REASONS = [
  'Your work on the audit shows this level; the next one needs the evaluation course first.',
  'From our supervision sessions I can verify one level below your own rating for now.',
  'You have seen this done but not yet led it yourself: verified one level lower.',
];

/**
 * Three to five of the learner's current ratings that meet something, verified by their supervisor
 * some days after the rating: mostly confirmed, some adjusted one level down with a reason.
 * Advanced topics first, so team coverage on the verified basis shows holders.
 */
export function demoVerificationsFor(index: FrameworkIndex, person: DemoPerson, current: readonly DemoRating[], now: Date): DemoVerification[] {
  const random = seededRandom(seedOf(`${person.key}/verification`));
  const advanced = new Set(topicsThatApply(index, person).filter((t) => t.advanced).map((t) => t.id));
  const kindOf = (topicId: string): Kind => index.topicById.get(topicId)?.kind ?? 'knowledge';
  // Learners ask about topics where they believe they meet something, not about their gaps.
  const meetsSomething = (r: DemoRating): boolean =>
    (index.levelById.get(r.level)?.rank ?? 0) >= Math.min(...(index.topicById.get(r.topicId)?.requirements ?? []).map((q) => index.levelById.get(q.level)?.rank ?? Infinity));
  const eligible = shuffled(random, current.filter((r) => r.level !== NOT_YET && meetsSomething(r) && now.getTime() - r.ratedAt.getTime() > 12 * DAY_MS)).sort(
    (a, b) => Number(advanced.has(b.topicId)) - Number(advanced.has(a.topicId)),
  );
  return eligible.slice(0, 3 + Math.floor(random() * 3)).map((rating) => {
    const requestedAt = new Date(rating.ratedAt.getTime() + (1 + Math.floor(random() * 4)) * DAY_MS);
    const decidedAt = new Date(requestedAt.getTime() + (1 + Math.floor(random() * 5)) * DAY_MS);
    const rank = index.levelById.get(rating.level)?.rank ?? 0;
    if (rank >= 2 && random() < 0.3) {
      return { topicId: rating.topicId, requestedAt, decidedAt, outcome: 'adjusted', level: levelAt(index, kindOf(rating.topicId), rank - 1), comment: ADJUST_REASONS[Math.floor(random() * ADJUST_REASONS.length)] ?? null };
    }
    return { topicId: rating.topicId, requestedAt, decidedAt, outcome: 'confirmed', level: rating.level, comment: null };
  });
}

/** Each topic's latest rating: what the self-assessment shows as current. */
export function currentDemoRatings(rows: readonly DemoRating[]): DemoRating[] {
  const latest = new Map<string, DemoRating>();
  for (const row of rows) if ((latest.get(row.topicId)?.ratedAt.getTime() ?? -Infinity) < row.ratedAt.getTime()) latest.set(row.topicId, row);
  return [...latest.values()];
}
