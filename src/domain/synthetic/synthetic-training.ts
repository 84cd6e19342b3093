import { scoreAttempt } from '../products/knowledge-check.ts';
import type { KnowledgeCheck } from '../products/knowledge-check.ts';
import type { Random } from './synthetic-random.ts';

/**
 * The synthetic workforce's product training and journey items, made to look like the hub's own
 * flows: most people linked to a deployment pass its module, a few of them after their due date;
 * journeys hold the short resources the planner favours, not long programmes. Pure and seeded.
 */
const HOUR_MS = 60 * 60 * 1000;

/** Of the people linked to a deployment, who pass its module; of those past their due date, who passed late. */
export const TRAINING_SHARES = { passed: 0.65, late: 0.25 } as const;
/** The planner favours resources of an afternoon or less (issue 14: ~770 minutes an item otherwise). */
export const JOURNEY_ITEM_MAX_MINUTES = 240;

export interface SyntheticPass {
  passedAt: Date;
  /** 0–1: how far above the pass mark the score is (the loader turns it into answers). */
  score: number;
}

/** A time on a day between `from` and `to` (both epoch ms), never after `to`. */
function between(random: Random, from: number, to: number): Date {
  return new Date(Math.min(to, from + Math.floor(random() * Math.max(0, to - from))));
}

/**
 * Whether and when someone linked at `linkedAt`, due by `dueBy`, passed their deployment's module:
 * after the link and before now; before the due date, or a share of those past it after (late).
 */
export function syntheticPass(random: Random, link: { linkedAt: Date; dueBy: Date }, now: number): SyntheticPass | null {
  if (random() >= TRAINING_SHARES.passed) return null;
  const linked = link.linkedAt.getTime() + HOUR_MS;
  const due = link.dueBy.getTime();
  const onTimeBy = Math.min(due, now) - HOUR_MS;
  // A due date set before the link leaves no time to pass on time.
  const late = due < now && (random() < TRAINING_SHARES.late || onTimeBy <= linked);
  const passedAt = late ? between(random, Math.max(due, linked) + HOUR_MS, now - HOUR_MS) : between(random, linked, onTimeBy);
  return { passedAt, score: random() };
}

export interface SyntheticAnswers {
  answers: Record<string, string[]>;
  correct: number;
  total: number;
  passed: boolean;
}

/**
 * Answers to `check` that pass it, `score` of the way from the pass mark to full marks: the right
 * options for enough questions, a wrong one for the rest. Scored by the module's own marking.
 */
export function syntheticAnswers(check: KnowledgeCheck, score: number): SyntheticAnswers {
  const total = check.questions.length;
  const least = Math.ceil((check.passMarkPercent * total) / 100);
  const right = Math.min(total, least + Math.floor(score * (total - least + 1)));
  const answers = Object.fromEntries(
    check.questions.map((q, i) => {
      if (i < right) return [q.id, [...q.correct]];
      const wrong = q.options.find((o) => !q.correct.includes(o.id));
      return [q.id, wrong ? [wrong.id] : []];
    }),
  );
  const marked = scoreAttempt(check, answers);
  return { answers, correct: marked.correct, total: marked.total, passed: marked.passed };
}

/** Journey items come from resources of at most four hours, or from all of them when none is that short. */
export function journeyResourcePool<T extends { durationMinutes: number }>(resources: readonly T[]): readonly T[] {
  const short = resources.filter((r) => r.durationMinutes <= JOURNEY_ITEM_MAX_MINUTES);
  return short.length > 0 ? short : resources;
}
