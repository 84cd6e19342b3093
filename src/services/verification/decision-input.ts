import { AppError } from '../../errors.ts';

export const DECISION_OUTCOMES = ['confirmed', 'adjusted', 'returned'] as const;
export type DecisionOutcome = (typeof DECISION_OUTCOMES)[number];
/** What closes a request: a supervisor's decision, or the learner withdrawing it. */
export const CLOSING_OUTCOMES = [...DECISION_OUTCOMES, 'withdrawn'] as const;
export const DECISION_TEXT_MAX_LENGTH = 2000;

/** A supervisor's decision as submitted: loose, because forms and API clients send anything. */
export interface DecisionInput {
  outcome?: string | undefined;
  /** The level verified instead (adjusted only). */
  level?: string | undefined;
  /** Why a different level was set (adjusted only; required). */
  reason?: string | undefined;
  /** What the learner should do next (returned only; required). */
  comment?: string | undefined;
}

export interface CheckedDecision {
  outcome: DecisionOutcome;
  /** The verified level: the self-rated one when confirmed, the supervisor's when adjusted, none when returned. */
  level: string | null;
  comment: string | null;
}

/**
 * Checks a decision against the topic's scale and the self-rating under review, reporting every
 * problem at once so a form can show them together.
 */
export function checkDecision(input: DecisionInput, context: { scale: readonly string[]; selfRatedLevel: string }): CheckedDecision {
  const problems: Array<{ field: string; message: string }> = [];
  const outcome = DECISION_OUTCOMES.find((o) => o === input.outcome);
  const text = (value: string | undefined, field: string, missing: string) => {
    const trimmed = (value ?? '').trim();
    if (!trimmed) problems.push({ field, message: missing });
    else if (trimmed.length > DECISION_TEXT_MAX_LENGTH) problems.push({ field, message: `This must be ${DECISION_TEXT_MAX_LENGTH.toLocaleString('en-GB')} characters or fewer` });
    return trimmed;
  };
  let decision: CheckedDecision | undefined;
  if (outcome === 'confirmed') {
    decision = { outcome, level: context.selfRatedLevel, comment: null };
  } else if (outcome === 'adjusted') {
    const level = input.level ?? '';
    if (!context.scale.includes(level)) problems.push({ field: 'level', message: 'Select the level you can verify' });
    else if (level === context.selfRatedLevel) problems.push({ field: 'level', message: 'Select a level different from their self-rating, or confirm it instead' });
    decision = { outcome, level, comment: text(input.reason, 'reason', 'Enter why you are setting a different level') };
  } else if (outcome === 'returned') {
    decision = { outcome, level: null, comment: text(input.comment, 'comment', 'Enter a comment saying what they should do before asking again') };
  } else {
    problems.push({ field: 'outcome', message: 'Select whether you confirm the level, set a different level or return the request' });
  }
  if (problems.length > 0 || !decision) throw new AppError('invalid', problems[0]?.message ?? 'The decision is not valid.', problems);
  return decision;
}
