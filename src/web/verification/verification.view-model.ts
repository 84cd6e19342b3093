import { formatDateTime } from '../dates.ts';
import type { EvidenceRow } from '../../db/evidence.repository.ts';
import type { VerificationRecord } from '../../db/verification.repository.ts';
import { ratingScale } from '../../domain/assessment/requirement-status.ts';
import type { FrameworkIndex } from '../../domain/framework/framework-index.ts';
import { AppError } from '../../errors.ts';
import type { VerifiableTopic } from '../../services/verification/verifiable-topics.ts';
import { fieldErrorsOf, formErrorsFromAppError } from '../form-errors.ts';

export const TOPIC_PAGE = (topicId: string) => `/evidence/topics/${encodeURIComponent(topicId)}`;
export const REQUEST_PAGE = (requestId: string) => `/verification/${requestId}`;
export const DOWNLOAD_PATH = (evidenceId: string) => `/evidence/${evidenceId}/download`;

/** NHS style: "27 November 2026 at 3:26pm". */

export function levelLabel(index: FrameworkIndex, topic: Pick<VerifiableTopic, 'kind'>, level: string | null | undefined): string {
  if (!level) return '';
  return ratingScale(index, topic.kind).find((o) => o.value === level)?.label ?? level;
}

/** The choices a supervisor can verify instead, for a select. */
export function levelChoices(index: FrameworkIndex, topic: VerifiableTopic, chosen: string | undefined) {
  return [{ value: '', text: 'Choose a level' }, ...ratingScale(index, topic.kind).map((o) => ({ value: o.value, text: o.label, selected: o.value === chosen }))];
}

export function statementsView(index: FrameworkIndex, topic: VerifiableTopic) {
  return topic.statements.map((s) => ({ statement: s.statement, level: index.levelById.get(s.level)?.label ?? s.level, id: s.id }));
}

const KIND_LABELS = { note: 'Note', link: 'Link', file: 'File' } as const;

function fileSize(bytes: number | null): string {
  if (bytes === null) return '';
  return bytes >= 1024 * 1024 ? `${(bytes / (1024 * 1024)).toFixed(1)} MB` : `${Math.max(1, Math.round(bytes / 1024))} KB`;
}

export function evidenceView(row: EvidenceRow) {
  return {
    id: row.id,
    kind: row.kind,
    kindLabel: KIND_LABELS[row.kind],
    title: row.title,
    note: row.note,
    url: row.url,
    fileName: row.fileName,
    fileDescription: row.kind === 'file' ? `${row.mediaType === 'application/pdf' ? 'PDF' : row.mediaType === 'image/png' ? 'PNG' : 'JPEG'}, ${fileSize(row.sizeBytes)}` : '',
    downloadHref: row.kind === 'file' ? DOWNLOAD_PATH(row.id) : undefined,
    addedOn: formatDateTime(row.createdAt),
    withdrawnOn: row.withdrawnAt ? formatDateTime(row.withdrawnAt) : undefined,
  };
}

const OUTCOME_LABELS = { confirmed: 'Confirmed', adjusted: 'Different level set', returned: 'Returned', withdrawn: 'Withdrawn' } as const;

/** One request and its outcome, keeping both the self-rated and the verified level side by side. */
export function recordView(index: FrameworkIndex, topic: VerifiableTopic, record: VerificationRecord) {
  const { decision } = record;
  return {
    id: record.request.id,
    askedOn: formatDateTime(record.request.requestedAt),
    learnerName: record.learnerName,
    supervisorName: record.supervisorName,
    message: record.request.message,
    selfRated: levelLabel(index, topic, record.selfRatedLevel),
    outcome: decision ? OUTCOME_LABELS[decision.outcome] : 'Waiting for a decision',
    verified: decision ? levelLabel(index, topic, decision.level) : '',
    comment: decision?.comment ?? '',
    decidedOn: decision ? formatDateTime(decision.decidedAt) : '',
  };
}

/**
 * A service's `invalid` or `conflict` error as an NHS error summary and per-field messages;
 * `anchors` maps a field to the id of the element the summary links to. Other errors propagate.
 */
export function formErrorsOf(error: unknown, anchors: Record<string, string> & { '': string }) {
  if (!(error instanceof AppError) || (error.code !== 'invalid' && error.code !== 'conflict')) throw error;
  const errors = formErrorsFromAppError(error, anchors) ?? [];
  return { status: error.code === 'conflict' ? 409 : 400, errorSummary: errors.map(({ href, text }) => ({ href, text })), fieldErrors: fieldErrorsOf(errors) };
}

/** What "Verify selected" did: how many were verified, and each request that was not, with why. */
export function bulkOutcomeView(result: { verified: readonly unknown[]; skipped: ReadonlyArray<{ learnerName: string | null; topicLabel: string | null; reason: 'no-longer-pending' | 'not-found' }> }) {
  const count = result.verified.length;
  return {
    doneMessage: count > 0 ? `${count} ${count === 1 ? 'request' : 'requests'} verified. The ${count === 1 ? 'learner has' : 'learners have'} been told.` : undefined,
    skippedItems: result.skipped.map((s) =>
      s.reason === 'not-found' ? 'A request that is not yours to decide was not verified.' : `${s.learnerName}: “${s.topicLabel}” was not verified because it is no longer waiting (it was decided or withdrawn).`,
    ),
  };
}

/**
 * The rating a completed learning item brought a topic to, offered when it is above the learner's
 * current rating: verifying first would ask the supervisor to confirm a level she has outgrown.
 */
export function ratingOffer(index: FrameworkIndex, topic: Pick<VerifiableTopic, 'kind'>, currentLevel: string | undefined, learned: string | undefined) {
  if (!learned) return undefined;
  const scale = ratingScale(index, topic.kind);
  const offered = scale.findIndex((o) => o.value === learned);
  const current = currentLevel === undefined ? -1 : scale.findIndex((o) => o.value === currentLevel);
  if (offered <= 0 || offered <= current) return undefined;
  return { level: learned, label: scale[offered]?.label ?? learned, currentLabel: currentLevel === undefined ? 'not rated' : (scale[current]?.label ?? currentLevel) };
}
