import { pipeline } from 'node:stream';
import { validate as isUuid } from 'uuid';
import type { AssuranceEvidenceRow, AssuranceRepository, ReviewRecord } from '../../db/assurance.repository.ts';
import type { SupplierLinkRepository, SupplierLinkRow } from '../../db/assurance-supplier.repository.ts';
import type { Database } from '../../db/client.ts';
import type { Notices } from '../mail/notices.ts';
import type { PeopleRepository } from '../../db/people.repository.ts';
import { inTransaction } from '../../db/transaction.ts';
import { isOpen, nextStatus } from '../../domain/assurance/review-status.ts';
import { MAX_RESPONSE_LENGTH, readQuestionnaireCsv, writeQuestionnaireCsv } from '../../domain/assurance/questionnaire-csv.ts';
import type { QuestionnaireResponse } from '../../domain/assurance/questionnaire-csv.ts';
import { AppError } from '../../errors.ts';
import { verifyingDigest } from '../../files/file-store.ts';
import type { FileStore } from '../../files/file-store.ts';
import { assertStagedFileClean } from '../../files/scan-staged-file.ts';
import type { VirusScanner } from '../../files/virus-scanner.ts';
import type { AuditLog } from '../assessment/ports.ts';
import type { NotificationService } from '../people/notification.service.ts';
import { checkEvidence } from '../verification/evidence-input.ts';
import type { EvidenceInput } from '../verification/evidence-input.ts';
import type { EvidenceFile } from '../verification/evidence.service.ts';
import type { ReviewQuestion, ReviewQuestions } from './review-questions.ts';
import { reviewLink } from './review-questions.ts';
import type { SupplierLinkImport } from './supplier-portal-types.ts';
import { questionnaireQuestions, recordResponses, responsesOf } from './supplier-responses.ts';

/** A link that opens its review: `open` to answer, `submitted` to read what was sent. */
export interface ReadableLink {
  state: 'open' | 'submitted';
  link: SupplierLinkRow;
  review: ReviewRecord;
}
export type OpenLink = ReadableLink & { state: 'open' };

/** What the supplier sees of one question: its text, their response and their own evidence. Nothing of the reviewers'. */
export interface SupplierQuestion {
  question: ReviewQuestion;
  response: string;
  evidence: AssuranceEvidenceRow[];
}

export interface SupplierPortalDeps {
  db: Database;
  assuranceRepository: AssuranceRepository;
  supplierLinkRepository: Pick<SupplierLinkRepository, 'markSubmitted'>;
  peopleRepository: Pick<PeopleRepository, 'getPerson'>;
  /** Writes mail (text and HTML) into the outbox in the caller's transaction. */
  mail: Pick<Notices, 'mailText'>;
  notifications: Pick<NotificationService, 'notifyAll'>;
  questions: ReviewQuestions;
  audit: AuditLog;
  fileStore: FileStore;
  virusScanner: VirusScanner | null;
  baseUrl: string;
  now?: () => Date;
}

const gone = () => new AppError('conflict', 'This questionnaire can no longer be changed: it has been submitted or decided.');
const evidenceNotFound = () => new AppError('not_found', 'There is no such evidence in your answers.');
const ownEvidence = (rows: readonly AssuranceEvidenceRow[]) => rows.filter((e) => e.addedVia === 'supplier' && !e.withdrawnAt);

/** The supplier's side of a review, through its link and nothing else (issue 12, part 2). */
export function createSupplierPortalService(deps: SupplierPortalDeps) {
  const repo = deps.assuranceRepository;
  const now = deps.now ?? (() => new Date());
  const record = ({ link, review }: ReadableLink, action: string, detail: object, tx?: Database) =>
    deps.audit.record({ organisationId: review.organisationId, actorId: null, subjectId: review.id, action: `assurance.supplier-${action}`, detail: { linkId: link.id, ...detail } }, tx);

  /** Writes happen only while the review is open, checked again under the lock a decision takes. */
  async function whileOpen<T>(opened: OpenLink, work: (tx: Database) => Promise<T>): Promise<T> {
    return inTransaction(deps.db, async (tx) => {
      if (!isOpen((await repo.lockReviewStatus(opened.review.id, tx)) ?? 'decided')) throw gone();
      return work(tx);
    });
  }

  async function saveAll(opened: OpenLink, responses: readonly QuestionnaireResponse[], how: string): Promise<number> {
    return whileOpen(opened, async (tx) => {
      const questionIds = await recordResponses(repo, opened.review, responses, { via: 'supplier', personId: null }, tx);
      await record(opened, how, { questionIds }, tx);
      return questionIds.length;
    });
  }

  async function tellReviewTeam(opened: OpenLink, tx: Database) {
    const { review } = opened;
    const reviewers = await repo.listReviewers(review.id, tx);
    const ids = [...new Set([review.leadId, ...reviewers.map((r) => r.personId)])];
    const message = `The supplier has submitted their answers to the ${review.stage} review of ${review.productName}.`;
    await deps.notifications.notifyAll({ tx, recipients: ids.map((personId) => ({ organisationId: review.organisationId, personId })), message, link: reviewLink(review.id) });
    for (const id of ids) {
      const person = await deps.peopleRepository.getPerson(id, tx);
      if (person?.status !== 'active') continue;
      await deps.mail.mailText(tx, { organisationId: review.organisationId, toAddress: person.email, subject: `Supplier answers in: ${review.productName}`, bodyText: `Dear ${person.displayName},\n\n${message} Read them here:\n\n${deps.baseUrl}${reviewLink(review.id)}` });
    }
  }

  return {
    /** The questionnaire as the supplier sees it; opening it is audited. */
    async questionnaire(opened: ReadableLink, { audit = false } = {}): Promise<SupplierQuestion[]> {
      const [answers, evidence] = await Promise.all([repo.listCurrentAnswers(opened.review.id), repo.listEvidence(opened.review.id)]);
      const responses = responsesOf(answers);
      const own = ownEvidence(evidence);
      if (audit) await record(opened, 'link-opened', {});
      return deps.questions.questionsOf(opened.review).map((question) => ({ question, response: responses.get(question.id) ?? '', evidence: own.filter((e) => e.questionId === question.id) }));
    },

    /** Saves every response given (a cleared box clears the response); invalid when one is too long. */
    async saveResponses(opened: OpenLink, given: ReadonlyMap<string, string>): Promise<number> {
      const known = deps.questions.questionsOf(opened.review);
      const responses = known.flatMap((q) => (given.has(q.id) ? [{ questionId: q.id, response: (given.get(q.id) ?? '').trim() }] : []));
      const tooLong = responses.filter((r) => r.response.length > MAX_RESPONSE_LENGTH);
      if (tooLong.length > 0) {
        throw new AppError('invalid', 'Some answers are too long.', tooLong.map((r) => ({ field: `response-${r.questionId}`, message: `Answer ${known.find((q) => q.id === r.questionId)?.number ?? ''} must be ${MAX_RESPONSE_LENGTH.toLocaleString('en-GB')} characters or fewer: put longer material in evidence` })));
      }
      return saveAll(opened, responses, 'responses-saved');
    },

    /** Records the submission, moves the review to "under review" and tells its lead and reviewers. */
    async submit(opened: OpenLink): Promise<void> {
      await whileOpen(opened, async (tx) => {
        if (!(await deps.supplierLinkRepository.markSubmitted(opened.link.id, now(), tx))) throw gone();
        const review = await repo.findReview(opened.review.id, tx);
        const status = review ? nextStatus(review.status, 'start-review') : undefined;
        if (review && status && !(await repo.updateReview(review.id, review.version, { status }, tx))) throw new AppError('conflict', 'The review changed while you were submitting. Try again.');
        await record(opened, 'answers-submitted', { status: status ?? review?.status }, tx);
        await tellReviewTeam(opened, tx);
      });
    },

    /** The questionnaire with the supplier's responses so far, as a spreadsheet; downloading it is audited. */
    async downloadCsv(opened: ReadableLink, forExcel: boolean): Promise<string> {
      const responses = responsesOf(await repo.listCurrentAnswers(opened.review.id));
      const csv = writeQuestionnaireCsv(questionnaireQuestions(deps.questions.questionsOf(opened.review)), responses, { forExcel });
      await record(opened, 'questionnaire-downloaded', {});
      return csv;
    },

    /** A completed questionnaire, all or nothing: a file with any wrong row changes nothing. */
    async importCsv(opened: OpenLink, text: string): Promise<SupplierLinkImport> {
      const read = readQuestionnaireCsv(text, questionnaireQuestions(deps.questions.questionsOf(opened.review)));
      if (!read.ok) return read;
      return { ok: true, changed: await saveAll(opened, read.responses, 'questionnaire-imported') };
    },

    /** A note, link or file for one question, checked exactly as reviewers' evidence is. */
    async addEvidence(opened: OpenLink, questionId: string, evidence: EvidenceInput): Promise<AssuranceEvidenceRow> {
      try {
        const question = deps.questions.questionOf(opened.review, questionId);
        const checked = await checkEvidence(evidence);
        if (checked.file) {
          await assertStagedFileClean(deps.virusScanner, checked.file.staged);
          await checked.file.staged.commit();
        }
        const { file } = checked;
        return await whileOpen(opened, async (tx) => {
          const row = await repo.insertEvidence(
            {
              organisationId: opened.review.organisationId, reviewId: opened.review.id, questionId: question.id, kind: checked.kind, title: checked.title, note: checked.note, url: checked.url,
              fileName: file?.fileName ?? null, mediaType: file?.mediaType ?? null, sizeBytes: file?.sizeBytes ?? null, sha256: file?.sha256 ?? null, addedBy: null, addedVia: 'supplier',
            },
            tx,
          );
          await record(opened, 'evidence-added', { evidenceId: row.id, questionId: question.id, kind: row.kind, sha256: row.sha256 }, tx);
          return row;
        });
      } finally {
        await evidence.file?.staged?.discard();
      }
    },

    /** Only the supplier's own evidence, and only while the link is open. */
    async withdrawEvidence(opened: OpenLink, evidenceId: string): Promise<AssuranceEvidenceRow> {
      const row = isUuid(evidenceId) ? await repo.findEvidence(opened.review.id, evidenceId) : undefined;
      if (row?.addedVia !== 'supplier' || row.withdrawnAt) throw evidenceNotFound();
      return whileOpen(opened, async (tx) => {
        const withdrawn = await repo.withdrawEvidence(opened.review.id, row.id, null, now(), tx);
        if (!withdrawn) throw evidenceNotFound();
        await record(opened, 'evidence-withdrawn', { evidenceId: row.id, questionId: row.questionId }, tx);
        return withdrawn;
      });
    },

    async evidenceFile(opened: ReadableLink, evidenceId: string): Promise<EvidenceFile> {
      const row = isUuid(evidenceId) ? await repo.findEvidence(opened.review.id, evidenceId) : undefined;
      if (row?.addedVia !== 'supplier' || row.withdrawnAt || row.kind !== 'file' || !row.fileName || !row.mediaType || !row.sha256) throw evidenceNotFound();
      const stored = await deps.fileStore.open(row.sha256);
      if (!stored) throw evidenceNotFound();
      return { fileName: row.fileName, mediaType: row.mediaType, sizeBytes: row.sizeBytes, content: pipeline(stored, verifyingDigest(row.sha256), () => {}) };
    },
  };
}

export type SupplierPortalService = ReturnType<typeof createSupplierPortalService>;
