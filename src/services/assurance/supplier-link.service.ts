import { randomBytes } from 'node:crypto';
import { validate as isUuid } from 'uuid';
import { z } from 'zod';
import type { ReviewRecord } from '../../db/assurance.repository.ts';
import type { AssuranceRepository } from '../../db/assurance.repository.ts';
import type { SupplierLinkRecord, SupplierLinkRepository } from '../../db/assurance-supplier.repository.ts';
import type { Database } from '../../db/client.ts';
import type { Notices } from '../mail/notices.ts';
import { inTransaction } from '../../db/transaction.ts';
import { isOpen, nextStatus } from '../../domain/assurance/review-status.ts';
import { readQuestionnaireCsv, writeQuestionnaireCsv } from '../../domain/assurance/questionnaire-csv.ts';
import { AppError } from '../../errors.ts';
import type { AuditLog } from '../assessment/ports.ts';
import type { Viewer } from '../identity/viewer.ts';
import { parseInput } from '../products/product-input.ts';
import type { AssuranceAccess } from './assurance-access.ts';
import type { ReviewQuestions } from './review-questions.ts';
import type { SupplierLinkImport } from './supplier-portal-types.ts';
import { hashSupplierToken, questionnaireQuestions, recordResponses, responsesOf } from './supplier-responses.ts';

export const SUPPLIER_LINK_DAYS = { default: 30, min: 1, max: 90 } as const;
export const supplierLinkPath = (token: string): string => `/supplier/${token}`;

const DAY_MS = 24 * 60 * 60 * 1000;
const daysMessage = `Enter how many days the link works, from ${SUPPLIER_LINK_DAYS.min} to ${SUPPLIER_LINK_DAYS.max}`;
export const supplierLinkInputSchema = z.object({
  expiryDays: z.preprocess((v) => (v === '' || v === undefined ? SUPPLIER_LINK_DAYS.default : Number(v)), z.number({ error: daysMessage }).int(daysMessage).min(SUPPLIER_LINK_DAYS.min, daysMessage).max(SUPPLIER_LINK_DAYS.max, daysMessage)),
  supplierName: z.string().trim().max(200, 'The supplier’s name must be 200 characters or fewer').default(''),
  contactEmail: z.preprocess((v) => (typeof v === 'string' && v.trim() === '' ? undefined : v), z.email('Enter the contact’s email address, like name@supplier.example, or leave it empty').max(320).optional()),
});

export interface SupplierLinkDeps {
  db: Database;
  assuranceRepository: AssuranceRepository;
  supplierLinkRepository: SupplierLinkRepository;
  /** Writes mail (text and HTML) into the outbox in the caller's transaction. */
  mail: Pick<Notices, 'mailText'>;
  access: AssuranceAccess;
  questions: ReviewQuestions;
  audit: AuditLog;
  baseUrl: string;
  now?: () => Date;
}

const closed = () => new AppError('conflict', 'This review has been decided: it is a record now and cannot be changed.');

/** The lead's side of the supplier's questionnaire: links to send, and the questionnaire as a spreadsheet (issue 12, part 2). */
export function createSupplierLinkService(deps: SupplierLinkDeps) {
  const repo = deps.assuranceRepository;
  const links = deps.supplierLinkRepository;
  const now = deps.now ?? (() => new Date());
  const record = (viewer: Viewer, review: ReviewRecord, action: string, detail: object, tx: Database) =>
    deps.audit.record({ organisationId: review.organisationId, actorId: viewer.personId, subjectId: review.id, action: `assurance.${action}`, detail }, tx);

  async function openManagedReview(viewer: Viewer, reviewId: string) {
    const { review } = await deps.access.managedReview(viewer, reviewId);
    if (!isOpen(review.status)) throw closed();
    return review;
  }

  /** A review waiting for the supplier is "with supplier", whether it was a draft or back from them. */
  async function sendToSupplier(viewer: Viewer, review: ReviewRecord, tx: Database) {
    const status = nextStatus(review.status, 'send-to-supplier') ?? nextStatus(review.status, 'return-to-supplier');
    if (!status) return;
    const updated = await repo.updateReview(review.id, review.version, { status }, tx);
    if (!updated) throw new AppError('conflict', 'Someone else changed this review meanwhile. Reload the page and try again.');
    await record(viewer, review, 'status-changed', { status }, tx);
  }

  function invitationEmail(review: ReviewRecord, url: string, supplierName: string, expiresAt: Date) {
    return {
      subject: `Questions about ${review.productName} from ${review.organisationName}`,
      bodyText: [
        supplierName ? `Dear ${supplierName},` : 'Hello,',
        `${review.organisationName} is reviewing ${review.productName} and asks you to answer its questions online. You do not need an account:`,
        url,
        `You can save your answers and come back until ${expiresAt.toUTCString()}. Anyone with this link can answer for you, so keep it to the people answering.`,
      ].join('\n\n'),
    };
  }

  return {
    /** A new link for the review's supplier. The URL is shown once, here; only its token's hash is kept. */
    async createSupplierLink({ viewer, reviewId, input }: { viewer: Viewer; reviewId: string; input: unknown }): Promise<{ url: string; link: SupplierLinkRecord['id']; expiresAt: Date; emailed: boolean }> {
      const review = await openManagedReview(viewer, reviewId);
      const values = parseInput(supplierLinkInputSchema, input, 'The link has problems.');
      const token = randomBytes(32).toString('base64url');
      const url = `${deps.baseUrl}${supplierLinkPath(token)}`;
      const expiresAt = new Date(now().getTime() + values.expiryDays * DAY_MS);
      return inTransaction(deps.db, async (tx) => {
        const link = await links.insertLink({ organisationId: review.organisationId, reviewId: review.id, tokenHash: hashSupplierToken(token), supplierName: values.supplierName, contactEmail: values.contactEmail ?? null, createdBy: viewer.personId, expiresAt }, tx);
        await sendToSupplier(viewer, review, tx);
        if (values.contactEmail) await deps.mail.mailText(tx, { organisationId: review.organisationId, toAddress: values.contactEmail, ...invitationEmail(review, url, values.supplierName, expiresAt) });
        await record(viewer, review, 'supplier-link-created', { linkId: link.id, expiresAt, supplierName: link.supplierName, emailed: Boolean(values.contactEmail) }, tx);
        return { url, link: link.id, expiresAt, emailed: Boolean(values.contactEmail) };
      });
    },

    async listSupplierLinks({ viewer, reviewId }: { viewer: Viewer; reviewId: string }): Promise<{ review: ReviewRecord; links: SupplierLinkRecord[] }> {
      const { review } = await deps.access.managedReview(viewer, reviewId);
      return { review, links: await links.listLinks(review.id) };
    },

    async revokeSupplierLink({ viewer, reviewId, linkId }: { viewer: Viewer; reviewId: string; linkId: string }): Promise<void> {
      const { review } = await deps.access.managedReview(viewer, reviewId);
      await inTransaction(deps.db, async (tx) => {
        const revoked = isUuid(linkId) ? await links.revokeLink(review.id, linkId, viewer.personId, now(), tx) : undefined;
        if (!revoked) throw new AppError('not_found', 'There is no such open link for this review.');
        await record(viewer, review, 'supplier-link-revoked', { linkId }, tx);
      });
    },

    /** The questionnaire with the supplier's responses so far, for whoever may read the review. */
    async questionnaireForReview({ viewer, reviewId, forExcel = false }: { viewer: Viewer; reviewId: string; forExcel?: boolean }) {
      const { review, part } = await deps.access.readableReview(viewer, reviewId);
      const questions = deps.questions.questionsOf(review);
      const responses = responsesOf(await repo.listCurrentAnswers(review.id));
      return { review, questions, responses, canUpload: isOpen(review.status) && (part.isLead || part.isAdmin), csv: writeQuestionnaireCsv(questionnaireQuestions(questions), responses, { forExcel }) };
    },

    /** A completed questionnaire the lead received, recorded on the supplier's behalf: all or nothing. */
    async importQuestionnaireForReview({ viewer, reviewId, text }: { viewer: Viewer; reviewId: string; text: string }): Promise<SupplierLinkImport> {
      const review = await openManagedReview(viewer, reviewId);
      const read = readQuestionnaireCsv(text, questionnaireQuestions(deps.questions.questionsOf(review)));
      if (!read.ok) return read;
      const changed = await inTransaction(deps.db, async (tx) => {
        if (!isOpen((await repo.lockReviewStatus(review.id, tx)) ?? 'decided')) throw closed();
        const questionIds = await recordResponses(repo, review, read.responses, { via: 'reviewer', personId: viewer.personId }, tx);
        await record(viewer, review, 'questionnaire-imported', { questionIds }, tx);
        return questionIds.length;
      });
      return { ok: true, changed };
    },
  };
}

export type SupplierLinkService = ReturnType<typeof createSupplierLinkService>;
