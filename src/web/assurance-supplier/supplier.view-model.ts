import type { AssuranceEvidenceRow } from '../../db/assurance.repository.ts';
import type { SupplierLinkRecord } from '../../db/assurance-supplier.repository.ts';
import type { QuestionnaireRowError } from '../../domain/assurance/questionnaire-csv.ts';
import type { SupplierQuestion } from '../../services/assurance/supplier-portal.service.ts';
import { formatDateTime } from '../dates.ts';
import type { FormError } from '../form-errors.ts';
import { SUPPLIER_PATHS } from './supplier.paths.ts';

export interface QuestionView {
  id: string;
  number: number;
  text: string;
  response: string;
  evidence: Array<{ title: string; href: string | undefined; kindLabel: string }>;
  evidenceHref: string;
}

/** The questions under the report's factors, in the table's order, as the review page groups them. */
export function questionGroups(questions: readonly SupplierQuestion[], token: string | undefined, responses?: ReadonlyMap<string, string>) {
  const groups: Array<{ factorLabel: string; questions: QuestionView[] }> = [];
  for (const { question, response, evidence } of questions) {
    const view: QuestionView = {
      id: question.id,
      number: question.number,
      text: question.text,
      response: responses?.get(question.id) ?? response,
      evidence: evidence.map((e) => ({ title: e.title, kindLabel: KIND_LABELS[e.kind], href: evidenceHref(token, e) })),
      evidenceHref: token ? SUPPLIER_PATHS.question(token, question.id) : '',
    };
    const last = groups[groups.length - 1];
    if (last?.factorLabel === question.factorLabel) last.questions.push(view);
    else groups.push({ factorLabel: question.factorLabel, questions: [view] });
  }
  return groups;
}

const KIND_LABELS = { note: 'Note', link: 'Link', file: 'File' } as const;
const evidenceHref = (token: string | undefined, e: AssuranceEvidenceRow) => (e.kind === 'link' ? (e.url ?? undefined) : e.kind === 'file' && token ? SUPPLIER_PATHS.evidenceFile(token, e.id) : undefined);

/** One entry in the error summary per wrong row of an uploaded questionnaire. */
export const csvErrors = (errors: readonly QuestionnaireRowError[], field = 'csv-file'): FormError[] =>
  errors.map((e) => ({ field, href: `#${field}`, text: e.row > 1 ? `Row ${e.row}: ${e.message}` : e.message }));

export type LinkState = 'Open' | 'Expired' | 'Revoked' | 'Submitted';

export function linkStateOf(link: SupplierLinkRecord, now: Date): LinkState {
  if (link.revokedAt) return 'Revoked';
  if (link.submittedAt) return 'Submitted';
  return link.expiresAt <= now ? 'Expired' : 'Open';
}

const STATE_TAGS: Record<LinkState, string> = { Open: 'nhsuk-tag--green', Expired: 'nhsuk-tag--grey', Revoked: 'nhsuk-tag--red', Submitted: 'nhsuk-tag--blue' };

/** A row of the lead's list of links: never the link itself, which was shown once. */
export function linkRow(link: SupplierLinkRecord, now: Date) {
  const state = linkStateOf(link, now);
  return {
    id: link.id,
    supplier: link.supplierName || 'Not named',
    contact: link.contactEmail ?? 'Not sent by the hub',
    created: `${formatDateTime(link.createdAt)} by ${link.createdByName}`,
    expires: formatDateTime(link.expiresAt),
    state: { text: state, classes: STATE_TAGS[state] },
    detail: link.submittedAt ? `Submitted ${formatDateTime(link.submittedAt)}` : link.revokedAt ? `Revoked ${formatDateTime(link.revokedAt)}` : '',
    canRevoke: !link.revokedAt,
  };
}
