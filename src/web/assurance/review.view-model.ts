import type { ActionRecord, AnswerRow, AssuranceEvidenceRow, ReviewRecord } from '../../db/assurance.repository.ts';
import { STATUS_LABELS } from '../../domain/assurance/review-status.ts';
import type { ReviewDetails } from '../../services/assurance/review-reader.ts';
import { formatDateTime, formatIsoDate } from '../dates.ts';
import { ASSURANCE_PATHS } from './assurance.paths.ts';
import { JUDGEMENT_LABELS, JUDGEMENT_TAGS, MOVE_LABELS, OUTCOME_LABELS, STAGE_SHORT, STATUS_TAGS } from './assurance-labels.ts';

/** One row of the reviews list. */
export function reviewListRow(review: ReviewRecord, today: string) {
  return {
    href: ASSURANCE_PATHS.review(review.id),
    product: review.productLifecycle === 'candidate' ? `${review.productName} (candidate)` : review.productName,
    stage: review.deploymentOrganisationName ? `${STAGE_SHORT[review.stage]} in ${review.deploymentOrganisationName}` : STAGE_SHORT[review.stage],
    lead: review.leadName,
    due: formatIsoDate(review.dueOn) + (review.status !== 'decided' && review.dueOn < today ? ' (overdue)' : ''),
    status: { text: STATUS_LABELS[review.status], classes: STATUS_TAGS[review.status] },
  };
}

export function judgementTag(judgement: AnswerRow['judgement'] | undefined) {
  return judgement ? { text: JUDGEMENT_LABELS[judgement], classes: JUDGEMENT_TAGS[judgement] } : { text: 'Not judged yet', classes: 'nhsuk-tag--white' };
}

const fileSize = (bytes: number | null) => (bytes === null ? '' : bytes < 1024 * 1024 ? `${Math.max(1, Math.round(bytes / 1024))} KB` : `${(bytes / (1024 * 1024)).toFixed(1)} MB`);

/** An evidence item as the evidence-items macro shows it. */
export function evidenceItem(reviewId: string, row: AssuranceEvidenceRow) {
  return {
    id: row.id,
    kind: row.kind,
    kindLabel: { note: 'Note', link: 'Link', file: 'File' }[row.kind],
    title: row.title,
    note: row.note,
    url: row.url,
    fileName: row.fileName,
    fileDescription: row.kind === 'file' ? `${row.mediaType === 'application/pdf' ? 'PDF' : row.mediaType === 'image/png' ? 'PNG' : 'JPEG'}, ${fileSize(row.sizeBytes)}` : '',
    downloadHref: row.kind === 'file' ? ASSURANCE_PATHS.evidenceFile(reviewId, row.id) : undefined,
    withdrawPath: ASSURANCE_PATHS.withdrawEvidence(reviewId, row.id),
    addedOn: formatDateTime(row.addedAt),
    addedBy: row.addedVia === 'supplier' ? 'the supplier' : undefined,
    withdrawnOn: row.withdrawnAt ? formatDateTime(row.withdrawnAt) : undefined,
  };
}

/** The review's summary rows: product, stage, lead, due date, status. */
export function reviewSummaryRows(review: ReviewRecord) {
  const rows = [
    { key: { text: 'Product' }, value: { text: review.productLifecycle === 'candidate' ? `${review.productName} (candidate, not yet bought)` : review.productName } },
    { key: { text: 'Stage' }, value: { text: STAGE_SHORT[review.stage] + (review.deploymentOrganisationName ? ` in ${review.deploymentOrganisationName}` : '') } },
    { key: { text: 'Questions' }, value: { text: review.questionSet === 'a3' ? 'Table A3: Drivers’ questions (40)' : 'Table A6: Embedders’ questions (25)' } },
    { key: { text: 'Run by' }, value: { text: review.organisationName } },
    { key: { text: 'Lead' }, value: { text: review.leadName } },
    { key: { text: 'Due' }, value: { text: formatIsoDate(review.dueOn) } },
  ];
  return rows;
}

/** The questions grouped under the report's factors, in the table's order, each with its current state. */
export function factorGroups(details: ReviewDetails) {
  const groups: Array<{ factorLabel: string; questions: Array<ReturnType<typeof questionCard>> }> = [];
  for (const state of details.questions) {
    const card = questionCard(details, state);
    const last = groups[groups.length - 1];
    if (last?.factorLabel === state.question.factorLabel) last.questions.push(card);
    else groups.push({ factorLabel: state.question.factorLabel, questions: [card] });
  }
  return groups;
}

function questionCard(details: ReviewDetails, { question, answer, evidence }: ReviewDetails['questions'][number]) {
  const reviewId = details.review.id;
  const current = evidence.filter((e) => !e.withdrawnAt);
  return {
    id: question.id,
    number: question.number,
    text: question.text,
    judgement: judgementTag(answer?.judgement),
    supplierResponse: answer?.supplierResponse || 'No response recorded',
    notApplicableReason: answer?.judgement === 'not-applicable' ? answer.notApplicableReason : null,
    riskNote: answer?.riskNote || 'None recorded',
    owner: answer?.ownerId ? (details.peopleNames.get(answer.ownerId) ?? 'Someone who has left') : 'No owner',
    evidence: current.map((e) => ({ title: e.title, href: e.kind === 'link' ? e.url : e.kind === 'file' ? ASSURANCE_PATHS.evidenceFile(reviewId, e.id) : undefined, note: e.note })),
    editHref: ASSURANCE_PATHS.question(reviewId, question.id),
    historyHref: ASSURANCE_PATHS.questionHistory(reviewId, question.id),
  };
}

export function actionRows(reviewId: string, actions: readonly ActionRecord[], today: string) {
  return actions.map((a) => ({
    id: a.id,
    condition: a.condition,
    owner: a.ownerName,
    due: formatIsoDate(a.dueOn),
    state: a.doneAt
      ? { text: 'Done', classes: 'nhsuk-tag--green', detail: `${formatDateTime(a.doneAt)} by ${a.doneByName ?? 'someone'}` }
      : a.dueOn < today ? { text: 'Overdue', classes: 'nhsuk-tag--red', detail: '' } : { text: 'Open', classes: 'nhsuk-tag--blue', detail: '' },
    isOpen: !a.doneAt,
    donePath: ASSURANCE_PATHS.actionDone(reviewId, a.id),
  }));
}

const listOf = (items: readonly string[]): string => (items.length < 2 ? (items[0] ?? '') : `${items.slice(0, -1).join(', ')} and ${items.at(-1)}`);

export function decisionRows(decision: NonNullable<ReviewDetails['decision']>, numberOf: ReadonlyMap<string, number>) {
  // One line per reason: a decision often gives the same reason for many questions.
  const byReason = new Map<string, string[]>();
  for (const [id, reason] of Object.entries(decision.unansweredReasons as Record<string, string>)) byReason.set(reason, [...(byReason.get(reason) ?? []), String(numberOf.get(id) ?? id)]);
  const reasons = [...byReason].map(([reason, numbers]) => `${numbers.length === 1 ? 'Question' : 'Questions'} ${listOf(numbers)}: ${reason}`);
  return [
    { key: { text: 'Outcome' }, value: { text: OUTCOME_LABELS[decision.outcome] } },
    { key: { text: 'Statement' }, value: { text: decision.statement } },
    { key: { text: 'Decided by' }, value: { text: `${decision.decisionMakerName}, ${formatDateTime(decision.decidedAt)}` } },
    ...(reasons.length > 0 ? [{ key: { text: 'Decided without a judgement' }, value: { html: reasons.map((r) => `<p>${escapeHtml(r)}</p>`).join('') } }] : []),
  ];
}

export const statusMoveItems = (moves: ReviewDetails['statusMoves']) => moves.map((m) => ({ value: m, text: MOVE_LABELS[m] }));

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] ?? c);
}
