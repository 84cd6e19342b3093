import type { ActionRecord, AnswerRow, AssuranceEvidenceRow, AssuranceRepository, DecisionRow, ReviewRecord } from '../../db/assurance.repository.ts';
import { isOpen, statusMovesFrom } from '../../domain/assurance/review-status.ts';
import type { ReviewEvent } from '../../domain/assurance/review-status.ts';
import type { Viewer } from '../identity/viewer.ts';
import type { AssuranceAccess, ReviewPart } from './assurance-access.ts';
import type { PersonChoice, ReviewPeople } from './review-people.ts';
import type { ReviewQuestion, ReviewQuestions } from './review-questions.ts';

export interface QuestionState {
  question: ReviewQuestion;
  answer: AnswerRow | undefined;
  evidence: AssuranceEvidenceRow[];
}

export interface ReviewDetails {
  review: ReviewRecord;
  part: ReviewPart;
  /** Answers and evidence can change: the review is open and the viewer works on it. */
  canWork: boolean;
  /** Reviewers, due date, status and decision: the lead and admins, while open. */
  canManage: boolean;
  questions: QuestionState[];
  reviewers: Array<{ personId: string; displayName: string; addedAt: Date }>;
  /** Names of the people answers name as owners. */
  peopleNames: ReadonlyMap<string, string>;
  decision: (DecisionRow & { decisionMakerName: string }) | undefined;
  actions: ActionRecord[];
  statusMoves: Array<Exclude<ReviewEvent, 'decide'>>;
  /** Who may be named as an owner or reviewer (only for those who can work on it). */
  staff: PersonChoice[];
}

/** One review as its pages and the API show it, for whoever may read it (not found for others). */
export function createReviewReader(deps: { assuranceRepository: AssuranceRepository; access: AssuranceAccess; people: ReviewPeople; questions: ReviewQuestions }) {
  const repo = deps.assuranceRepository;
  return {
    async getReview({ viewer, reviewId }: { viewer: Viewer; reviewId: string }): Promise<ReviewDetails> {
      const { review, part } = await deps.access.readableReview(viewer, reviewId);
      const open = isOpen(review.status);
      const canWork = open && deps.access.works(part);
      const canManage = open && (part.isLead || part.isAdmin);
      const [answers, evidence, reviewers, decision, actions, staff] = await Promise.all([
        repo.listCurrentAnswers(review.id),
        repo.listEvidence(review.id),
        repo.listReviewers(review.id),
        repo.findDecision(review.id),
        repo.listActions(review.id),
        deps.access.works(part) ? deps.people.choices(review.organisationId) : Promise.resolve([]),
      ]);
      const answerOf = new Map(answers.map((a) => [a.questionId, a]));
      const questions = deps.questions.questionsOf(review).map((question) => ({
        question,
        answer: answerOf.get(question.id),
        // Withdrawn evidence is history for those who work on the review; readers see what stands.
        evidence: evidence.filter((e) => e.questionId === question.id && (deps.access.works(part) || !e.withdrawnAt)),
      }));
      const peopleNames = await deps.people.namesOf(answers.flatMap((a) => (a.ownerId ? [a.ownerId] : [])));
      return { review, part, canWork, canManage, questions, reviewers, peopleNames, decision, actions, statusMoves: canManage ? statusMovesFrom(review.status) : [], staff };
    },
  };
}
