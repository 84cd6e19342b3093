import { PROFESSIONAL_GROUP_IDS, SETTING_IDS } from '../../src/domain/people/profile-options.ts';
import type { ProfessionalGroupId, SettingId } from '../../src/domain/people/profile-options.ts';
import { seededRandom } from '../../src/domain/journey/seeded-random.ts';

/**
 * Who the load test's learners are: the shapes real data has, not N blank profiles. Pure, and
 * seeded, so every run (and both databases) gets the same population for the same N.
 */

/** From none (foundational only) through one and several to all five archetypes. */
const ARCHETYPE_MIXES: readonly string[][] = [
  [],
  ['user'],
  ['embedder'],
  ['driver'],
  ['shaper'],
  ['creator'],
  ['user', 'embedder'],
  ['shaper', 'driver', 'creator'],
  ['shaper', 'driver', 'creator', 'embedder', 'user'],
];

/** Demo organisations (by key in the demo dataset) that staff work in. */
const WORKPLACES = ['nymouth-trust', 'nymouth-ai-mdt', 'holpot-hill', 'holpot-pcn', 'nymouth-ics', 'linchester-trust', 'tri-x-mdt', 'linchester-ics'] as const;
/** tri-X is deployed at Nymouth ICS; its users work in its trust. */
export const TRI_X_WORKPLACE = 'nymouth-trust';
export const SUPERVISOR_WORKPLACE = 'nymouth-trust';

/** How much a learner has rated: nothing, some topics, every topic once, or every topic many times. */
export type RatingHistory = 'none' | 'partial' | 'all' | 'long-history';
/** A tri-X user who passed 1.0 only owes the 1.1 refresher; one who passed 1.1 is current. */
export type TriXUse = 'refresher-due' | 'current' | 'not-started';

export interface LearnerPlan {
  index: number;
  organisationKey: string;
  archetypes: string[];
  clinicalDecisionMaking: boolean;
  professionalGroup: ProfessionalGroupId | null;
  setting: SettingId | null;
  ratings: RatingHistory;
  triX: TriXUse | null;
  /** Adds evidence and asks their supervisor to verify a few ratings (only learners who rated). */
  asksVerification: boolean;
  supervisorIndex: number;
}

/** Successive ratings of every topic a long-history learner has given. */
export const LONG_HISTORY_ROUNDS = 20;
/** Pending verification requests per learner who asks. */
export const REQUESTS_PER_LEARNER = 3;
/** Supervisees per supervisor, roughly. */
const SUPERVISEES_PER_SUPERVISOR = 40;

export function supervisorCount(learners: number): number {
  return Math.max(1, Math.round(learners / SUPERVISEES_PER_SUPERVISOR));
}

function pick<T>(random: () => number, items: readonly T[]): T {
  const item = items[Math.floor(random() * items.length)];
  if (item === undefined) throw new Error('pick from an empty list');
  return item;
}

/** Shares by position, so each shape is present whatever N is: 25% rated all, 10% long history, 30% some, 35% none. */
function ratingsOf(index: number): RatingHistory {
  const slot = index % 20;
  if (slot < 5) return 'all';
  if (slot < 7) return 'long-history';
  if (slot < 13) return 'partial';
  return 'none';
}

/** About one in seven uses tri-X: a refresher due, current, or not yet trained, in turn. */
function triXOf(index: number): TriXUse | null {
  if (index % 7 !== 3) return null;
  const uses: TriXUse[] = ['refresher-due', 'current', 'not-started'];
  return uses[Math.floor(index / 7) % uses.length] ?? null;
}

export function planLearners(count: number, seed = 10): LearnerPlan[] {
  const random = seededRandom(seed);
  const supervisors = supervisorCount(count);
  return Array.from({ length: count }, (_, index) => {
    const triX = triXOf(index);
    const ratings = ratingsOf(index);
    // One in eleven has not filled in their group and setting yet.
    const profileComplete = random() > 1 / 11;
    const mix = pick(random, ARCHETYPE_MIXES);
    return {
      index,
      organisationKey: triX ? TRI_X_WORKPLACE : pick(random, WORKPLACES),
      // tri-X users use AI, whatever else they do.
      archetypes: triX && !mix.includes('user') ? [...mix, 'user'] : mix,
      clinicalDecisionMaking: triX ? true : random() < 0.5,
      professionalGroup: profileComplete ? pick(random, PROFESSIONAL_GROUP_IDS) : null,
      setting: profileComplete ? pick(random, SETTING_IDS) : null,
      ratings,
      triX,
      asksVerification: ratings !== 'none' && index % 3 !== 2,
      supervisorIndex: index % supervisors,
    };
  });
}
