import { AppError } from '../../errors.ts';
import type { CatalogEntry, HubEntry } from '../framework-catalog.ts';

/** Where a review is read, for links in notifications (the pages live at the same path). */
export const reviewLink = (reviewId: string): string => `/assurance/reviews/${reviewId}`;

export interface ReviewQuestion {
  id: string;
  /** 1-based, as the report numbers the table's items. */
  number: number;
  factorId: string;
  factorLabel: string;
  text: string;
}

type QuestionSetRef = { frameworkId: string; frameworkVersion: string; questionSet: string };

export interface ReviewQuestionsDeps {
  framework: () => HubEntry;
  findFramework: (id: string, version: string) => CatalogEntry | undefined;
}

/**
 * The questions a review asks: its question set (A3 or A6) as the framework version it started
 * with printed them (R11), so a later framework version never changes what was answered.
 */
export function createReviewQuestions(deps: ReviewQuestionsDeps) {
  function questionsOf(review: QuestionSetRef): ReviewQuestion[] {
    const entry = deps.findFramework(review.frameworkId, review.frameworkVersion) ?? deps.framework();
    if (entry.format !== 'hub') throw new Error(`framework ${review.frameworkId} ${review.frameworkVersion} is not a hub framework`);
    const set = entry.index.doc.questionSets.find((s) => s.id === review.questionSet);
    if (!set) throw new Error(`question set ${review.questionSet} is not in ${review.frameworkId} ${review.frameworkVersion}`);
    return set.questions.map((q, i) => ({ id: q.id, number: i + 1, factorId: q.factor, factorLabel: entry.index.factorById.get(q.factor)?.label ?? q.factor, text: q.text }));
  }

  return {
    currentFramework: (): { id: string; version: string } => deps.framework(),
    questionsOf,

    /** The question, or not found (ids arrive from URLs). */
    questionOf(review: QuestionSetRef, questionId: string): ReviewQuestion {
      const question = questionsOf(review).find((q) => q.id === questionId);
      if (!question) throw new AppError('not_found', 'There is no such question in this review.');
      return question;
    },
  };
}

export type ReviewQuestions = ReturnType<typeof createReviewQuestions>;
