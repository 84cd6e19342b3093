import { NOT_YET } from '../assessment/requirement-status.ts';
import type { Kind } from '../framework/framework-document.ts';
import type { FrameworkIndex } from '../framework/framework-index.ts';
import { bell, randomFor } from './synthetic-random.ts';
import type { Random } from './synthetic-random.ts';
import type { SyntheticPerson } from './synthetic-people.ts';
import { syntheticPass } from './synthetic-training.ts';
import type { SyntheticPass } from './synthetic-training.ts';
import { ARCHETYPE_FACTORS, GROUP_CONFIDENCE } from './workforce-mix.ts';

/**
 * What a synthetic person did over the past year: self-ratings of every topic of the framework, the
 * verifications their supervisor decided, a deployment link (most often with a pass of its
 * training) and a journey. Pure: dated relative to `now` and seeded by the person's index, so the
 * stream can be produced again identically.
 */
export const DAY_MS = 24 * 60 * 60 * 1000;
const YEAR_DAYS = 365;

/** Shares of docs/scale.md §6 (and issue 14 §3). */
export const HISTORY_SHARES = { reRated: 0.1, verified: 0.15, linked: 0.3, overdue: 0.5, journey: 0.4 } as const;
/** Confidence gained over the year, on the 0–1 scale: later ratings are higher, so trends move. */
const YEARLY_DRIFT = 0.2;

export interface SyntheticTopic {
  id: string;
  kind: Kind;
  /** The topic's factor and its parent: an archetype strong in either is strong here. */
  factors: readonly string[];
}

/** The framework facts the generator needs, taken once from its index. */
export interface SyntheticFramework {
  id: string;
  version: string;
  topics: readonly SyntheticTopic[];
  /** Level ids by kind, lowest rank first (rank n is `levels[kind][n - 1]`). */
  levels: Record<Kind, readonly string[]>;
}

export function syntheticFrameworkOf(index: FrameworkIndex): SyntheticFramework {
  const byRank = (kind: Kind) => [...index.doc.taxonomy[kind]].sort((a, b) => a.rank - b.rank).map((l) => l.id);
  const topics = [...index.topicById.values()].map((t) => {
    const parent = index.factorById.get(t.factor)?.parent;
    return { id: t.id, kind: t.kind, factors: parent ? [t.factor, parent] : [t.factor] };
  });
  return { id: index.doc.id, version: index.doc.version, topics, levels: { knowledge: byRank('knowledge'), skill: byRank('skill') } };
}

export interface SyntheticRating {
  topicId: string;
  /** Taxonomy level id or 'not-yet'. */
  level: string;
  ratedAt: Date;
}

export interface SyntheticVerification {
  topicId: string;
  /** Position in `ratings` of the (current) rating the request is about. */
  ratingIndex: number;
  requestedAt: Date;
  decidedAt: Date;
  outcome: 'confirmed' | 'adjusted';
  level: string;
}

export interface SyntheticDeploymentLink {
  /** 0–1: the loader maps it onto the deployments the person's organisation has. */
  choice: number;
  linkedAt: Date;
  dueBy: Date;
  /** Their pass of the deployment's module, when they passed (the loader writes it when there is a module). */
  pass: SyntheticPass | null;
}

export interface SyntheticJourney {
  createdAt: Date;
  items: number;
  completed: number;
}

export interface SyntheticHistory {
  /** Oldest first per topic; a topic's last row is its current rating. */
  ratings: SyntheticRating[];
  verifications: SyntheticVerification[];
  deployment: SyntheticDeploymentLink | null;
  journey: SyntheticJourney | null;
}

function confidenceIn(person: SyntheticPerson, topic: SyntheticTopic): number {
  const lifts = person.archetypes.map((a) => {
    const home = ARCHETYPE_FACTORS[a];
    if (!home || !topic.factors.some((f) => home.factors.includes(f))) return 0;
    // A User's lift is clinical use, which only those making clinical decisions practise.
    return a === 'user' && !person.clinicalDecisionMaking ? 0 : home.lift;
  });
  return GROUP_CONFIDENCE[person.professionalGroup] + Math.max(0, ...lifts);
}

function rankFor(random: Random, confidence: number, top: number): number {
  return Math.max(0, Math.min(top, Math.floor((confidence + bell(random) * 0.5) * (top + 1))));
}

const levelOf = (framework: SyntheticFramework, kind: Kind, rank: number) => (rank <= 0 ? NOT_YET : (framework.levels[kind][rank - 1] ?? NOT_YET));
const atDay = (start: number, day: number, random: Random) => new Date(start + day * DAY_MS + Math.floor(random() * 9 * 60) * 60 * 1000);

/** Every topic rated at the person's first sitting; ~10 % rated again later, mostly a level up. */
function ratingsOf(person: SyntheticPerson, framework: SyntheticFramework, random: Random, now: number): SyntheticRating[] {
  const start = now - YEAR_DAYS * DAY_MS;
  const sitting = 1 + Math.floor(random() * (YEAR_DAYS - 2));
  const rows: SyntheticRating[] = [];
  for (const topic of framework.topics) {
    const top = framework.levels[topic.kind].length;
    const rank = rankFor(random, confidenceIn(person, topic) + (YEARLY_DRIFT * sitting) / YEAR_DAYS, top);
    rows.push({ topicId: topic.id, level: levelOf(framework, topic.kind, rank), ratedAt: atDay(start, sitting, random) });
    if (random() < HISTORY_SHARES.reRated && sitting < YEAR_DAYS - 2) {
      const later = sitting + 1 + Math.floor(random() * (YEAR_DAYS - 1 - sitting));
      const step = random() < 0.7 ? 1 : 0;
      rows.push({ topicId: topic.id, level: levelOf(framework, topic.kind, Math.min(top, rank + step)), ratedAt: atDay(start, later, random) });
    }
  }
  return rows;
}

/** Indices of each topic's current (last) rating. */
function currentRatingIndices(ratings: readonly SyntheticRating[]): number[] {
  const last = new Map<string, number>();
  ratings.forEach((r, i) => last.set(r.topicId, i));
  return [...last.values()];
}

/** ~15 % of topics: a request some days after the current rating, decided days later, never after now. */
function verificationsOf(framework: SyntheticFramework, ratings: readonly SyntheticRating[], random: Random, now: number): SyntheticVerification[] {
  const eligible = currentRatingIndices(ratings).filter((i) => ratings[i]?.level !== NOT_YET && now - (ratings[i]?.ratedAt.getTime() ?? now) > 3 * DAY_MS);
  const chance = eligible.length === 0 ? 0 : Math.min(1, (HISTORY_SHARES.verified * framework.topics.length) / eligible.length);
  const kindOf = new Map(framework.topics.map((t) => [t.id, t.kind]));
  return eligible.flatMap((ratingIndex) => {
    const rating = ratings[ratingIndex];
    if (!rating || random() >= chance) return [];
    const requested = Math.min(now - 2 * DAY_MS, rating.ratedAt.getTime() + (1 + Math.floor(random() * 10)) * DAY_MS);
    const decided = Math.min(now - 60 * 1000, requested + Math.floor(random() * 7 * DAY_MS));
    const kind = kindOf.get(rating.topicId) ?? 'knowledge';
    const rank = framework.levels[kind].indexOf(rating.level) + 1;
    const adjusted = rank >= 2 && random() < 0.2;
    return [{ topicId: rating.topicId, ratingIndex, requestedAt: new Date(requested), decidedAt: new Date(decided), outcome: adjusted ? 'adjusted' : 'confirmed', level: adjusted ? levelOf(framework, kind, rank - 1) : rating.level }];
  });
}

function deploymentOf(random: Random, now: number): SyntheticDeploymentLink | null {
  if (random() >= HISTORY_SHARES.linked) return null;
  const choice = random();
  const linkedAt = now - (30 + Math.floor(random() * 300)) * DAY_MS;
  // Half are past their due date, half still have time.
  const dueBy = random() < HISTORY_SHARES.overdue ? now - (1 + Math.floor(random() * 60)) * DAY_MS : now + (1 + Math.floor(random() * 60)) * DAY_MS;
  return { choice, linkedAt: new Date(linkedAt), dueBy: new Date(dueBy), pass: null };
}

function journeyOf(random: Random, now: number): SyntheticJourney | null {
  if (random() >= HISTORY_SHARES.journey) return null;
  const items = 8;
  return { createdAt: new Date(now - (7 + Math.floor(random() * 300)) * DAY_MS), items, completed: Math.floor(random() * random() * (items + 1)) };
}

/** The person's year; the supervisors verify others, so their own ratings go unverified. */
export function syntheticHistory(person: SyntheticPerson, framework: SyntheticFramework, options: { seed: number; now: Date }): SyntheticHistory {
  const random = randomFor(options.seed, 'history', person.index);
  const now = options.now.getTime();
  const ratings = ratingsOf(person, framework, random, now);
  const verifications = person.supervisorIndex === null ? [] : verificationsOf(framework, ratings, random, now);
  const link = deploymentOf(random, now);
  // Passes draw from their own stream, so adding them left everything else as it was.
  const deployment = link && { ...link, pass: syntheticPass(randomFor(options.seed, 'pass', person.index), link, now) };
  return { ratings, verifications, deployment, journey: journeyOf(random, now) };
}
