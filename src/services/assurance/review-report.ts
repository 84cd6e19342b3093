import type { CrosswalkIndex } from '../../domain/assurance/crosswalk.ts';
import { actionState, summariseByFactor } from '../../domain/assurance/report-summary.ts';
import type { ActionState, FactorSummary, JudgementCounts } from '../../domain/assurance/report-summary.ts';
import type { Viewer } from '../identity/viewer.ts';
import { crosswalkOfReview } from './review-crosswalk.ts';
import type { ReviewCrosswalk } from './review-crosswalk.ts';
import type { ReviewDetails } from './review-reader.ts';

export interface ReportRisk {
  questionId: string;
  number: number;
  text: string;
  judgement: 'met' | 'partly-met' | 'not-met' | 'not-applicable' | null;
  riskNote: string;
  /** Null when nobody owns it, so the report can say so. */
  ownerName: string | null;
}

export interface ReportAction {
  id: string;
  condition: string;
  ownerName: string;
  dueOn: string;
  state: ActionState;
  doneAt: Date | null;
  doneByName: string | null;
}

export interface ReportDecision {
  outcome: 'approved' | 'approved-with-conditions' | 'rejected';
  statement: string;
  decisionMakerName: string;
  decidedAt: Date;
  /** Why questions were decided without a judgement, in the table's order. */
  reasons: Array<{ questionId: string; number: number; reason: string }>;
}

export interface ReviewReport {
  details: ReviewDetails;
  /** The day the report describes: actions are open or overdue as of it. */
  asOf: string;
  factors: FactorSummary[];
  totals: JudgementCounts;
  risks: ReportRisk[];
  actions: ReportAction[];
  crosswalk: ReviewCrosswalk;
  decision: ReportDecision | undefined;
}

/** The decision with its reasons named by question number; none before the review is decided. */
function decisionOf(details: ReviewDetails): ReportDecision | undefined {
  const decision = details.decision;
  if (!decision) return undefined;
  const given = decision.unansweredReasons as Record<string, string>;
  const reasons = details.questions.flatMap(({ question }) => (Object.hasOwn(given, question.id) ? [{ questionId: question.id, number: question.number, reason: given[question.id] ?? '' }] : []));
  return { outcome: decision.outcome, statement: decision.statement, decisionMakerName: decision.decisionMakerName, decidedAt: decision.decidedAt, reasons };
}

/**
 * What a review's report says (issue 12, part 5): judgements by factor, the risks noted and who
 * owns them, the conditions and where each stands, the crosswalk coverage and the decision. Pure
 * over a review already read with its permissions.
 */
export function reportOfReview(details: ReviewDetails, index: CrosswalkIndex, asOf: string): ReviewReport {
  const { factors, totals } = summariseByFactor(details.questions.map(({ question, answer }) => ({ factorId: question.factorId, factorLabel: question.factorLabel, judgement: answer?.judgement ?? null })));
  const risks = details.questions.flatMap(({ question, answer }) =>
    answer && answer.riskNote.trim() !== ''
      ? [{ questionId: question.id, number: question.number, text: question.text, judgement: answer.judgement, riskNote: answer.riskNote, ownerName: answer.ownerId ? (details.peopleNames.get(answer.ownerId) ?? 'Someone who has left') : null }]
      : [],
  );
  const actions = details.actions.map((a) => ({ id: a.id, condition: a.condition, ownerName: a.ownerName, dueOn: a.dueOn, state: actionState(a, asOf), doneAt: a.doneAt, doneByName: a.doneByName }));
  return { details, asOf, factors, totals, risks, actions, crosswalk: crosswalkOfReview(details, index), decision: decisionOf(details) };
}

export interface ReviewReportDeps {
  reader: { getReview(options: { viewer: Viewer; reviewId: string }): Promise<ReviewDetails> };
  crosswalk: () => CrosswalkIndex;
  now?: () => Date;
}

/** A review's report, for whoever may read the review (not found for everyone else). */
export function createReviewReport(deps: ReviewReportDeps) {
  const now = deps.now ?? (() => new Date());
  return {
    async getReviewReport({ viewer, reviewId }: { viewer: Viewer; reviewId: string }): Promise<ReviewReport> {
      const details = await deps.reader.getReview({ viewer, reviewId });
      return reportOfReview(details, deps.crosswalk(), now().toISOString().slice(0, 10));
    },
  };
}
