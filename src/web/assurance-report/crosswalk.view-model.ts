import type { AssuranceEvidenceRow } from '../../db/assurance.repository.ts';
import type { CrosswalkChecklistView, CrosswalkSupport, ReviewCrosswalk } from '../../services/assurance/review-crosswalk.ts';
import { ASSURANCE_PATHS } from '../assurance/assurance.paths.ts';
import { JUDGEMENT_LABELS, JUDGEMENT_TAGS } from '../assurance/assurance-labels.ts';
import { ITEM_STATUS_LABELS, ITEM_STATUS_ORDER, ITEM_STATUS_TAGS } from './crosswalk-labels.ts';

/**
 * Where an evidence item can be opened: a link's address, a file's download, and for a note the
 * question on the review page (a note has no page of its own).
 */
export function evidenceHref(reviewId: string, evidence: AssuranceEvidenceRow): string {
  if (evidence.kind === 'link' && evidence.url) return evidence.url;
  if (evidence.kind === 'file') return ASSURANCE_PATHS.evidenceFile(reviewId, evidence.id);
  return `${ASSURANCE_PATHS.review(reviewId)}#question-${evidence.questionId}`;
}

function supportView(reviewId: string, support: CrosswalkSupport) {
  return {
    number: support.question.number,
    text: support.question.text,
    href: `${ASSURANCE_PATHS.review(reviewId)}#question-${support.question.id}`,
    answered: support.answered ? 'Answered' : 'Not answered yet',
    judgement: support.judgement ? { text: JUDGEMENT_LABELS[support.judgement], classes: JUDGEMENT_TAGS[support.judgement] } : { text: 'Not judged yet', classes: 'nhsuk-tag--white' },
    source: support.source,
    evidence: support.evidence.map((e) => ({ title: e.title, href: evidenceHref(reviewId, e), isExternal: e.kind === 'link' })),
  };
}

/** "3 supported, 2 partly supported, …": the checklist's items by status, leaving out statuses none has. */
export function statusSummary(counts: CrosswalkChecklistView['statusCounts']): string {
  return ITEM_STATUS_ORDER.filter((s) => counts[s] > 0)
    .map((s) => `${counts[s]} ${ITEM_STATUS_LABELS[s].toLowerCase()}`)
    .join(', ');
}

/** The crosswalk page's checklists, each with its items, their status and supporting questions. */
export function crosswalkChecklists(view: ReviewCrosswalk) {
  const reviewId = view.details.review.id;
  return view.checklists.map(({ checklist, items, statusCounts }) => ({
    id: checklist.id,
    title: checklist.title,
    publisher: checklist.publisher,
    edition: checklist.edition,
    url: checklist.url,
    summary: statusSummary(statusCounts),
    items: items.map(({ item, status, supports }) => ({
      id: item.id,
      label: item.label,
      group: item.group,
      note: item.note,
      status: { text: ITEM_STATUS_LABELS[status], classes: ITEM_STATUS_TAGS[status] },
      supports: supports.map((s) => supportView(reviewId, s)),
    })),
  }));
}
