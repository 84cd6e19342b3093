import { pipeline } from 'node:stream';
import { validate as isUuid } from 'uuid';
import type { AnswerRow, AssuranceEvidenceRow, AssuranceRepository } from '../../db/assurance.repository.ts';
import type { Database } from '../../db/client.ts';
import { inTransaction } from '../../db/transaction.ts';
import { isOpen } from '../../domain/assurance/review-status.ts';
import { AppError } from '../../errors.ts';
import { verifyingDigest } from '../../files/file-store.ts';
import type { FileStore } from '../../files/file-store.ts';
import { assertStagedFileClean } from '../../files/scan-staged-file.ts';
import type { VirusScanner } from '../../files/virus-scanner.ts';
import type { AuditLog } from '../assessment/ports.ts';
import type { Viewer } from '../identity/viewer.ts';
import { parseInput } from '../products/product-input.ts';
import { checkEvidence } from '../verification/evidence-input.ts';
import type { EvidenceInput } from '../verification/evidence-input.ts';
import type { EvidenceFile } from '../verification/evidence.service.ts';
import type { AssuranceAccess } from './assurance-access.ts';
import { answerChangeSchema } from './assurance-input.ts';
import type { AnswerChange } from './assurance-input.ts';
import type { ReviewPeople } from './review-people.ts';
import type { ReviewQuestions } from './review-questions.ts';

export interface AnswerServiceDeps {
  db: Database;
  assuranceRepository: AssuranceRepository;
  access: AssuranceAccess;
  people: ReviewPeople;
  questions: ReviewQuestions;
  audit: AuditLog;
  fileStore: FileStore;
  virusScanner: VirusScanner | null;
  now?: () => Date;
}

const closed = () => new AppError('conflict', 'This review has been decided: it is a record now and cannot be changed.');
const answeredMeanwhile = () =>
  new AppError('conflict', 'Someone else changed this answer while you were editing it. Check their change, then make yours again.', [{ field: 'expectedAnswerId', message: 'This answer has changed since you opened it' }]);
const evidenceNotFound = () => new AppError('not_found', 'There is no such evidence in this review.');

/** The answer after a change: given fields replace, the rest carry forward; a reason only stays with "not applicable". */
function applyChange(current: AnswerRow | undefined, change: AnswerChange) {
  const judgement = change.judgement !== undefined ? change.judgement : (current?.judgement ?? null);
  const reason = change.notApplicableReason ?? current?.notApplicableReason ?? '';
  return {
    supplierResponse: change.supplierResponse ?? current?.supplierResponse ?? '',
    judgement,
    notApplicableReason: judgement === 'not-applicable' ? reason : null,
    riskNote: change.riskNote ?? current?.riskNote ?? '',
    ownerId: change.ownerId !== undefined ? change.ownerId || null : (current?.ownerId ?? null),
  };
}

type AnswerFields = ReturnType<typeof applyChange>;
const FIELDS = ['supplierResponse', 'judgement', 'notApplicableReason', 'riskNote', 'ownerId'] as const;
const changedFields = (current: AnswerRow | undefined, next: AnswerFields) => FIELDS.filter((f) => (current ? current[f] : f === 'supplierResponse' || f === 'riskNote' ? '' : null) !== next[f]);

/** Answers to a review's questions and their evidence: every change kept as history (issue 12). */
export function createAnswerService(deps: AnswerServiceDeps) {
  const repo = deps.assuranceRepository;
  const now = deps.now ?? (() => new Date());

  async function openQuestion(viewer: Viewer, reviewId: string, questionId: string) {
    const { review } = await deps.access.workableReview(viewer, reviewId);
    if (!isOpen(review.status)) throw closed();
    return { review, question: deps.questions.questionOf(review, questionId) };
  }

  async function record(viewer: Viewer, review: { id: string; organisationId: string }, action: string, detail: object, tx: Database) {
    await deps.audit.record({ organisationId: review.organisationId, actorId: viewer.personId, subjectId: review.id, action: `assurance.${action}`, detail }, tx);
  }

  return {
    /** Records a change to one question's answer as a new row of its history; no row when nothing changed. */
    async recordAnswer({ viewer, reviewId, questionId, change }: { viewer: Viewer; reviewId: string; questionId: string; change: unknown }): Promise<AnswerRow | undefined> {
      const { review, question } = await openQuestion(viewer, reviewId, questionId);
      const values = parseInput(answerChangeSchema, change, 'The answer has problems.');
      if (values.ownerId) await deps.people.requireStaff(review.organisationId, values.ownerId, 'ownerId', 'Choose an owner who works in the organisation running the review');
      return inTransaction(deps.db, async (tx) => {
        if (!isOpen((await repo.lockReviewStatus(review.id, tx)) ?? 'decided')) throw closed();
        const current = await repo.findCurrentAnswer(review.id, question.id, tx);
        if (values.expectedAnswerId !== undefined && (values.expectedAnswerId || null) !== (current?.id ?? null)) throw answeredMeanwhile();
        const next = applyChange(current, values);
        if (next.judgement === 'not-applicable' && !next.notApplicableReason) {
          throw new AppError('invalid', 'The answer has problems.', [{ field: 'notApplicableReason', message: 'Say why this question does not apply' }]);
        }
        const changed = changedFields(current, next);
        if (changed.length === 0) return current;
        const row = { ...next, organisationId: review.organisationId, reviewId: review.id, questionId: question.id, replacesId: current?.id ?? null, recordedByPersonId: viewer.personId, recordedVia: 'reviewer' as const };
        const inserted = await repo.insertAnswer(row, tx);
        if (!inserted) throw answeredMeanwhile();
        await record(viewer, review, 'answer-recorded', { questionId: question.id, changed, judgement: next.judgement }, tx);
        return inserted;
      });
    },

    /** Every change to one question's answer, newest first. */
    async answerHistory({ viewer, reviewId, questionId }: { viewer: Viewer; reviewId: string; questionId: string }) {
      const { review } = await deps.access.readableReview(viewer, reviewId);
      const question = deps.questions.questionOf(review, questionId);
      const history = await repo.listAnswerHistory(review.id, question.id);
      return { review, question, history, ownerNames: await deps.people.namesOf(history.flatMap((h) => (h.ownerId ? [h.ownerId] : []))) };
    },

    /** A note, link or file for one question, checked as learners' evidence is; a staged file not stored is discarded. */
    async addEvidence({ viewer, reviewId, questionId, evidence }: { viewer: Viewer; reviewId: string; questionId: string; evidence: EvidenceInput }): Promise<AssuranceEvidenceRow> {
      try {
        const { review, question } = await openQuestion(viewer, reviewId, questionId);
        const checked = await checkEvidence(evidence);
        if (checked.file) {
          await assertStagedFileClean(deps.virusScanner, checked.file.staged);
          // Content first, so a row never points at bytes not stored; an orphan is swept later.
          await checked.file.staged.commit();
        }
        return await inTransaction(deps.db, async (tx) => {
          const { file } = checked;
          const row = await repo.insertEvidence(
            {
              organisationId: review.organisationId, reviewId: review.id, questionId: question.id, kind: checked.kind, title: checked.title, note: checked.note, url: checked.url,
              fileName: file?.fileName ?? null, mediaType: file?.mediaType ?? null, sizeBytes: file?.sizeBytes ?? null, sha256: file?.sha256 ?? null,
              addedBy: viewer.personId, addedVia: 'reviewer',
            },
            tx,
          );
          await record(viewer, review, 'evidence-added', { evidenceId: row.id, questionId: question.id, kind: row.kind, title: row.title, sha256: row.sha256 }, tx);
          return row;
        });
      } finally {
        await evidence.file?.staged?.discard();
      }
    },

    /** Withdrawn evidence stays, marked, as history. */
    async withdrawEvidence({ viewer, reviewId, evidenceId }: { viewer: Viewer; reviewId: string; evidenceId: string }): Promise<AssuranceEvidenceRow> {
      const { review } = await deps.access.workableReview(viewer, reviewId);
      if (!isOpen(review.status)) throw closed();
      if (!isUuid(evidenceId)) throw evidenceNotFound();
      return inTransaction(deps.db, async (tx) => {
        const row = await repo.withdrawEvidence(review.id, evidenceId, viewer.personId, now(), tx);
        if (!row) {
          if (await repo.findEvidence(review.id, evidenceId, tx)) throw new AppError('conflict', 'This evidence has already been withdrawn.');
          throw evidenceNotFound();
        }
        await record(viewer, review, 'evidence-withdrawn', { evidenceId: row.id, questionId: row.questionId }, tx);
        return row;
      });
    },

    /** A file's bytes, checked against their digest as they stream, for whoever may read the review. */
    async getEvidenceFile({ viewer, reviewId, evidenceId }: { viewer: Viewer; reviewId: string; evidenceId: string }): Promise<EvidenceFile> {
      const { review } = await deps.access.readableReview(viewer, reviewId);
      const row = isUuid(evidenceId) ? await repo.findEvidence(review.id, evidenceId) : undefined;
      if (!row || row.kind !== 'file' || !row.fileName || !row.mediaType || !row.sha256) throw evidenceNotFound();
      const stored = await deps.fileStore.open(row.sha256);
      if (!stored) throw evidenceNotFound();
      const content = pipeline(stored, verifyingDigest(row.sha256), () => {});
      return { fileName: row.fileName, mediaType: row.mediaType, sizeBytes: row.sizeBytes, content };
    },
  };
}

export type AnswerService = ReturnType<typeof createAnswerService>;
