import type { FrameworkIndex } from '../../domain/framework/framework-index.ts';
import { STAFF_FILTERS } from '../../domain/people/staff-list.ts';
import type { StaffFilter, TrainingState } from '../../domain/people/staff-list.ts';
import type { StaffListEntry, StaffMember } from '../../services/staff/staff.service.ts';
import { formatDate, formatDateTime } from '../dates.ts';
import { DOWNLOAD_PATH, levelLabel, REQUEST_PAGE } from '../verification/verification.view-model.ts';
import type { CurrencyStatus } from '../../domain/products/index.ts';

export const STAFF_PAGE = '/staff';
export const STAFF_MEMBER_PAGE = (personId: string) => `/staff/${personId}`;

const FILTER_LABELS: Record<StaffFilter, string> = {
  all: 'Everyone',
  'open-requests': 'Waiting for you to verify',
  'training-due': 'Product training overdue, due or not started',
  'not-started': 'Not started their self-assessment',
};
const TRAINING_LABELS: Record<TrainingState | CurrencyStatus, string> = {
  overdue: 'Overdue',
  due: 'Due',
  'not-started': 'Not started',
  current: 'Up to date',
  none: 'None needed',
  'not-required': 'Not needed now',
};
const TRAINING_TAGS: Record<TrainingState, string> = { overdue: 'nhsuk-tag--red', due: 'nhsuk-tag--orange', 'not-started': 'nhsuk-tag--yellow', current: 'nhsuk-tag--green', none: 'nhsuk-tag--grey' };

export const filterItems = (chosen: StaffFilter) => STAFF_FILTERS.map((f) => ({ value: f, text: FILTER_LABELS[f], selected: f === chosen }));

// Capped: a subject verified before it stopped applying to them is verified but no longer asked.
const percent = (part: number, whole: number) => (whole === 0 ? 0 : Math.min(100, Math.round((part / whole) * 100)));

/** One row of "My staff". */
export function staffRowView(entry: StaffListEntry) {
  return {
    href: STAFF_MEMBER_PAGE(entry.personId),
    name: entry.displayName,
    jobTitle: entry.jobTitle,
    rated: entry.ratedSubjects === 0 ? `Not started (${entry.totalSubjects} subjects)` : `${entry.ratedSubjects} of ${entry.totalSubjects} subjects rated`,
    verified: entry.ratedSubjects === 0 ? '–' : `${entry.verifiedSubjects} (${percent(entry.verifiedSubjects, entry.ratedSubjects)}% of rated)`,
    openRequests: entry.openRequests,
    focus: entry.archetypes.length === 0 ? 'No archetypes' : entry.focusedArchetypes === 0 ? 'None agreed' : `Agreed for ${entry.focusedArchetypes} of ${entry.archetypes.length} archetypes`,
    journey: entry.hasJourney ? `${entry.journeyItemsDone} of ${entry.journeyItems} items done` : 'No journey yet',
    training: { text: TRAINING_LABELS[entry.training], classes: TRAINING_TAGS[entry.training] },
    products: entry.products.length,
  };
}

type VerifiedState = { text: string; href?: string; canVerify: boolean };

/** Each rated subject's verification state, as the person page shows it beside the rating. */
function verifiedStates(member: StaffMember, index: FrameworkIndex, viewerId: string): (topicId: string, kind: 'knowledge' | 'skill') => VerifiedState {
  const pending = new Map(member.history.filter((r) => r.decision === null).map((r) => [r.request.topicId, r]));
  return (topicId, kind) => {
    const rating = member.assessment.current.get(topicId);
    const verified = member.assessment.verified.get(topicId);
    const waiting = pending.get(topicId);
    if (waiting) {
      const mine = waiting.request.supervisorId === viewerId;
      return { text: mine ? 'Waiting for your decision' : `Waiting for ${waiting.supervisorName}`, ...(mine ? { href: REQUEST_PAGE(waiting.request.id) } : {}), canVerify: false };
    }
    const text = verified ? `Verified: ${levelLabel(index, { kind }, verified)}` : 'Not verified';
    const outdated = rating !== undefined && rating.level !== 'not-yet' && rating.level !== verified;
    return { text, canVerify: member.canVerify && outdated };
  };
}

/** Ratings by subject, grouped by factor as the self-assessment asks them. */
export function ratingGroupsView(member: StaffMember, viewerId: string) {
  const { index } = member.assessment.framework;
  const stateOf = verifiedStates(member, index, viewerId);
  return member.assessment.pages.map((page) => ({
    factor: page.factor.label,
    rows: page.questions.map((q) => {
      const rating = member.assessment.current.get(q.topic.id);
      return {
        topicId: q.topic.id,
        label: q.topic.label,
        rating: rating ? levelLabel(index, q.topic, rating.level) : 'Not rated',
        target: levelLabel(index, q.topic, q.highestTarget),
        verified: stateOf(q.topic.id, q.topic.kind),
      };
    }),
  }));
}

export function gapRowsView(member: StaffMember) {
  const { index } = member.assessment.framework;
  const tiers = { foundational: 'Foundational', advanced: 'Advanced', 'product-specific': 'Product-specific' } as const;
  return member.gaps.map((g) => [
    { text: g.topic.label },
    { text: tiers[g.tier] },
    { text: g.current ? levelLabel(index, g.topic, g.current) : 'Not rated' },
    { text: levelLabel(index, g.topic, g.target) },
  ]);
}

export function evidenceRowsView(member: StaffMember) {
  const { index } = member.assessment.framework;
  const kinds = { note: 'Note', link: 'Link', file: 'File' } as const;
  return member.evidence.map((e) => ({
    subject: index.topicById.get(e.topicId)?.label ?? e.topicId,
    title: e.title,
    kind: kinds[e.kind],
    url: e.kind === 'link' ? e.url : null,
    downloadHref: e.kind === 'file' ? DOWNLOAD_PATH(e.id) : null,
    note: e.kind === 'note' ? e.note : null,
    addedOn: formatDateTime(e.createdAt),
  }));
}

export function journeyView(member: StaffMember) {
  const { journey } = member;
  if (!journey) return undefined;
  const statuses = { planned: 'Planned', started: 'Started', completed: 'Completed', removed: 'Removed', swapped: 'Swapped' } as const;
  const items = [...journey.completed, ...journey.upcoming];
  return {
    done: journey.completed.length,
    total: items.length,
    rows: items.map((i) => [{ text: i.resource?.title ?? 'A resource no longer in the catalogue' }, { text: statuses[i.item.status] }, { text: i.item.completedAt ? formatDate(i.item.completedAt) : '–' }]),
  };
}

export function trainingRowsView(member: StaffMember) {
  return member.products.map((p) => [{ text: p.productName }, { text: TRAINING_LABELS[p.status] }, { text: p.dueBy ? formatDate(p.dueBy) : '–' }]);
}

export function focusView(member: StaffMember) {
  const { index } = member.assessment.framework;
  const current = new Map(member.focus.map((f) => [f.archetype, f]));
  return member.archetypes.map((id) => {
      const f = current.get(id);
      return { archetype: index.archetypeById.get(id)?.label ?? id, text: f?.factors ? `${f.factors.map((id) => index.factorById.get(id)?.label ?? id).join(', ')} (agreed ${formatDate(f.setAt)}: ${f.reason})` : 'No focus agreed: every advanced requirement applies' };
    });
}
