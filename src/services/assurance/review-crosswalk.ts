import type { AssuranceEvidenceRow } from '../../db/assurance.repository.ts';
import { crosswalkCoverage } from '../../domain/assurance/crosswalk.ts';
import type { CrosswalkChecklist, CrosswalkIndex, CrosswalkItem, ItemCoverageStatus, Judgement, QuestionAnswerState } from '../../domain/assurance/crosswalk.ts';
import type { Viewer } from '../identity/viewer.ts';
import type { ReviewDetails } from './review-reader.ts';
import type { ReviewQuestion } from './review-questions.ts';

/** A question of the review supporting one checklist item, with where the review stands on it. */
export interface CrosswalkSupport {
  question: ReviewQuestion;
  rationale: string;
  source: string;
  answered: boolean;
  judgement: Judgement | null;
  /** The evidence standing on the question now (withdrawn items are history, not support). */
  evidence: AssuranceEvidenceRow[];
}

export interface CrosswalkItemView {
  item: CrosswalkItem;
  status: ItemCoverageStatus;
  supports: CrosswalkSupport[];
}

export interface CrosswalkChecklistView {
  checklist: CrosswalkChecklist;
  statusCounts: Record<ItemCoverageStatus, number>;
  items: CrosswalkItemView[];
}

export interface ReviewCrosswalk {
  details: ReviewDetails;
  crosswalk: { id: string; version: string; title: string };
  checklists: CrosswalkChecklistView[];
}

/**
 * A question counts as answered once it has the supplier's response or a judgement: either is
 * information the checklist item asks for. Only a judgement says whether the item is met.
 */
export function isAnswered(state: Pick<ReviewDetails['questions'][number], 'answer'>): boolean {
  const answer = state.answer;
  return answer !== undefined && (answer.judgement !== null || answer.supplierResponse.trim() !== '');
}

/**
 * The review's questions laid over the external checklists (issue 12, part 3): per item, which of
 * its questions support it, how each is judged and what evidence stands behind it. Pure over a
 * review already read with its permissions, so the page, the API and the report share it.
 */
export function crosswalkOfReview(details: ReviewDetails, index: CrosswalkIndex): ReviewCrosswalk {
  const byId = new Map(details.questions.map((state) => [state.question.id, state]));
  const current = (id: string) => (byId.get(id)?.evidence ?? []).filter((e) => !e.withdrawnAt);
  const answers = new Map<string, QuestionAnswerState>(
    details.questions.map((state) => [state.question.id, { answered: isAnswered(state), judgement: state.answer?.judgement ?? null, evidenceCount: current(state.question.id).length }]),
  );
  const coverage = crosswalkCoverage(index, answers, { questionIds: byId.keys() });
  const checklists = coverage.map(({ checklist, items, statusCounts }) => ({
    checklist,
    statusCounts,
    items: items.map(({ item, status, questions }) => ({
      item,
      status,
      supports: questions.flatMap((q) => {
        const state = byId.get(q.questionId);
        if (!state) return [];
        return [{ question: state.question, rationale: q.rationale, source: q.source, answered: q.answered, judgement: q.judgement, evidence: current(q.questionId) }];
      }),
    })),
  }));
  const { id, version, title } = index.doc;
  return { details, crosswalk: { id, version, title }, checklists };
}

export interface ReviewCrosswalkDeps {
  reader: { getReview(options: { viewer: Viewer; reviewId: string }): Promise<ReviewDetails> };
  crosswalk: () => CrosswalkIndex;
}

/** The crosswalk view of one review, for whoever may read the review (not found for everyone else). */
export function createReviewCrosswalk(deps: ReviewCrosswalkDeps) {
  return {
    async getReviewCrosswalk({ viewer, reviewId }: { viewer: Viewer; reviewId: string }): Promise<ReviewCrosswalk> {
      return crosswalkOfReview(await deps.reader.getReview({ viewer, reviewId }), deps.crosswalk());
    },
  };
}
