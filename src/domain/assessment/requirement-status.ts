import type { Kind, Requirement, TaxonomyLevel } from '../framework/framework-document.ts';
import type { FrameworkIndex } from '../framework/framework-index.ts';

/**
 * R1: levels are progressive within a kind, ordered by taxonomy rank, so a requirement is met
 * when the level held for it is at or above its target.
 */

/** Rated, but none of the levels reached yet: distinct from not rated at all. */
export const NOT_YET = 'not-yet';

/** A level id of the requirement's kind, or NOT_YET. Absence (undefined) means not yet rated. */
export type Rating = string;

export type RequirementStatus = 'met' | 'not-met' | 'not-rated';

export function requirementStatus(index: FrameworkIndex, requirement: Requirement, rating: Rating | undefined): RequirementStatus {
  if (rating === undefined) return 'not-rated';
  if (rating === NOT_YET) return 'not-met';
  const held = levelOfKind(index, requirement.kind, rating);
  if (!held) throw new Error(`Rating "${rating}" is not a ${requirement.kind} level, so it cannot rate requirement ${requirement.id}`);
  const target = levelOfKind(index, requirement.kind, requirement.level);
  if (!target) throw new Error(`Requirement ${requirement.id} targets "${requirement.level}", which is not a ${requirement.kind} level`);
  return held.rank >= target.rank ? 'met' : 'not-met';
}

/** One choice on the scale a learner rates themselves on. */
export interface RatingOption {
  value: Rating;
  label: string;
  /** The taxonomy's learner statement ("I am aware of…"), shown beside the choice. */
  statement: string;
  /** 0 for NOT_YET; otherwise the taxonomy rank. */
  rank: number;
}

const NOT_YET_OPTION: RatingOption = {
  value: NOT_YET,
  label: 'Not yet',
  statement: 'None of these levels describes me yet',
  rank: 0,
};

/** The scale for one kind, lowest first: knowledge is not yet, awareness, familiarity, understanding. */
export function ratingScale(index: FrameworkIndex, kind: Kind): RatingOption[] {
  const levels = [...index.doc.taxonomy[kind]].sort((a, b) => a.rank - b.rank);
  return [NOT_YET_OPTION, ...levels.map((l) => ({ value: l.id, label: l.label, statement: l.statement, rank: l.rank }))];
}

// Looked up within the kind rather than through index.levelById, which merges both kinds and so
// would let a skill level rate a knowledge requirement.
function levelOfKind(index: FrameworkIndex, kind: Kind, id: string): TaxonomyLevel | undefined {
  return index.doc.taxonomy[kind].find((level) => level.id === id);
}
