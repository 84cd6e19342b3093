/**
 * The counts a review report is built on (issue 12, part 5): how the questions of each factor are
 * judged, and where a condition stands. Pure, so the page, the downloads and the tests agree.
 */
export type Judgement = 'met' | 'partly-met' | 'not-met' | 'not-applicable';

export interface JudgementCounts {
  met: number;
  partlyMet: number;
  notMet: number;
  notApplicable: number;
  notJudged: number;
  total: number;
}

export interface FactorSummary {
  factorId: string;
  factorLabel: string;
  counts: JudgementCounts;
}

export interface JudgedQuestion {
  factorId: string;
  factorLabel: string;
  judgement: Judgement | null;
}

const KEY: Record<Judgement, Exclude<keyof JudgementCounts, 'notJudged' | 'total'>> = { met: 'met', 'partly-met': 'partlyMet', 'not-met': 'notMet', 'not-applicable': 'notApplicable' };

export const emptyCounts = (): JudgementCounts => ({ met: 0, partlyMet: 0, notMet: 0, notApplicable: 0, notJudged: 0, total: 0 });

function add(counts: JudgementCounts, judgement: Judgement | null): void {
  counts[judgement ? KEY[judgement] : 'notJudged'] += 1;
  counts.total += 1;
}

/** One summary per factor, in the order the factors first appear among the questions, and the totals. */
export function summariseByFactor(questions: readonly JudgedQuestion[]): { factors: FactorSummary[]; totals: JudgementCounts } {
  const byFactor = new Map<string, FactorSummary>();
  const totals = emptyCounts();
  for (const q of questions) {
    let summary = byFactor.get(q.factorId);
    if (!summary) byFactor.set(q.factorId, (summary = { factorId: q.factorId, factorLabel: q.factorLabel, counts: emptyCounts() }));
    add(summary.counts, q.judgement);
    add(totals, q.judgement);
  }
  return { factors: [...byFactor.values()], totals };
}

export type ActionState = 'open' | 'done' | 'overdue';

/** Done once marked done; overdue when still open after its due date (ISO dates compare as text). */
export function actionState(action: { dueOn: string; doneAt: Date | null }, today: string): ActionState {
  if (action.doneAt) return 'done';
  return action.dueOn < today ? 'overdue' : 'open';
}
