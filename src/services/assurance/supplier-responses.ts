import { createHash } from 'node:crypto';
import type { AnswerRow, AssuranceRepository } from '../../db/assurance.repository.ts';
import type { Database } from '../../db/client.ts';
import type { QuestionnaireQuestion, QuestionnaireResponse } from '../../domain/assurance/questionnaire-csv.ts';
import { AppError } from '../../errors.ts';
import type { ReviewQuestion } from './review-questions.ts';

/** Only a token's hash is stored or looked up: a database reader cannot use a supplier's link. */
export const hashSupplierToken = (token: string): string => createHash('sha256').update(token).digest('hex');

/** The questionnaire's rows: the question set's text, as the framework version the review began with printed it. */
export const questionnaireQuestions = (questions: readonly ReviewQuestion[]): QuestionnaireQuestion[] =>
  questions.map((q) => ({ id: q.id, factorLabel: q.factorLabel, text: q.text }));

export const responsesOf = (answers: readonly AnswerRow[]): Map<string, string> => new Map(answers.map((a) => [a.questionId, a.supplierResponse]));

/** Who a batch of responses is recorded as: the supplier through a link, or a reviewer on their behalf. */
export type ResponseAuthor = { via: 'supplier'; personId: null } | { via: 'reviewer'; personId: string };

const answeredMeanwhile = () => new AppError('conflict', 'Someone else changed an answer while you were saving. Reload the page and save again.');

/**
 * Records supplier responses as new rows of each question's history, carrying the reviewers'
 * fields (judgement, reason, risk note, owner) forward unchanged: a supplier's words never touch
 * a judgement. A response equal to the current one makes no row. Returns the questions changed.
 */
export async function recordResponses(repo: AssuranceRepository, review: { id: string; organisationId: string }, responses: readonly QuestionnaireResponse[], author: ResponseAuthor, tx: Database): Promise<string[]> {
  const changed: string[] = [];
  for (const { questionId, response } of responses) {
    const current = await repo.findCurrentAnswer(review.id, questionId, tx);
    if ((current?.supplierResponse ?? '') === response) continue;
    const inserted = await repo.insertAnswer(
      {
        organisationId: review.organisationId,
        reviewId: review.id,
        questionId,
        replacesId: current?.id ?? null,
        supplierResponse: response,
        judgement: current?.judgement ?? null,
        notApplicableReason: current?.notApplicableReason ?? null,
        riskNote: current?.riskNote ?? '',
        ownerId: current?.ownerId ?? null,
        recordedByPersonId: author.personId,
        recordedVia: author.via,
      },
      tx,
    );
    if (!inserted) throw answeredMeanwhile();
    changed.push(questionId);
  }
  return changed;
}
