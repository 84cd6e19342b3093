import { ratingScale } from '../../domain/assessment/requirement-status.ts';
import type { FrameworkIndex } from '../../domain/framework/framework-index.ts';
import type { ClosedTopic, JourneyItemView, JourneyView, OpenGap, PartlyClosedGap } from '../../services/journeys/journey.service.ts';
import type { PlannableResource } from '../../services/journeys/plan-input.ts';
import { formatCost, formatDuration, FORMAT_LABELS } from '../catalogue/catalogue.view-model.ts';
import { isLeftOpenBySettings, openGapReasonText } from './open-gap-text.ts';

/** The catalogue's formatting, so a duration reads the same on every page. */
export const formatMinutes = formatDuration;

export const JOURNEY_PAGE = '/journey';
export const PLAN_PAGE = '/journey/plan';
export const ITEM_PATH = (itemId: string, action: 'start' | 'complete' | 'alternatives' | 'swap' | 'completed') => `/journey/items/${itemId}/${action}`;
export const RESOURCE_PAGE = (resourceId: string) => `/catalogue/resources/${resourceId}`;
export const TEMPLATE_PAGE = (templateId: string) => `/journey/templates/${templateId}`;

function levelLabel(index: FrameworkIndex, topicId: string, level: string | null): string | null {
  const topic = index.topicById.get(topicId);
  if (!topic || level === null) return null;
  return ratingScale(index, topic.kind).find((o) => o.value === level)?.label ?? level;
}

const topicLabel = (index: FrameworkIndex, topicId: string) => index.topicById.get(topicId)?.label ?? topicId;

/** "Familiarity: Evidence standards for AI products — you rated Awareness". */
export function explainClosedTopic(index: FrameworkIndex, closed: ClosedTopic): { topic: string; target: string; standing: string; partOfWayTo: string | null } {
  const current = levelLabel(index, closed.topicId, closed.current);
  const standing =
    closed.source === 'not-rated' || current === null
      ? 'you have not rated this yet'
      : closed.source === 'claimed'
        ? `you reached ${current} through earlier learning`
        : `you rated ${current}`;
  return {
    topic: topicLabel(index, closed.topicId),
    target: levelLabel(index, closed.topicId, closed.target) ?? closed.target,
    standing,
    partOfWayTo: closed.requested ? (levelLabel(index, closed.topicId, closed.requested) ?? closed.requested) : null,
  };
}

export function openGapView(index: FrameworkIndex, gap: OpenGap | PartlyClosedGap) {
  const current = levelLabel(index, gap.topicId, gap.current);
  return {
    topic: topicLabel(index, gap.topicId),
    target: levelLabel(index, gap.topicId, gap.target) ?? gap.target,
    tier: gap.tier,
    standing: current === null ? 'not rated yet' : gap.source === 'claimed' ? `you reached ${current} through earlier learning` : `you rated ${current}`,
    reason: openGapReasonText(index, gap),
  };
}

export function resourceFacts(resource: PlannableResource | undefined) {
  if (!resource) return { title: 'A resource no longer in the catalogue', href: null, facts: '' };
  const facts = [resource.provider, FORMAT_LABELS[resource.format], formatMinutes(resource.durationMinutes), formatCost(resource.costPence)];
  return {
    title: resource.title,
    href: RESOURCE_PAGE(resource.id),
    facts: facts.join(' · '),
    vendorNeutral: resource.vendorNeutral,
    accredited: resource.cpdAccredited,
    sample: resource.sample,
    retired: resource.status === 'retired',
  };
}

const STATUS_TAGS = {
  planned: { text: 'Not started', classes: 'nhsuk-tag--grey' },
  started: { text: 'Started', classes: 'nhsuk-tag--blue' },
  completed: { text: 'Completed', classes: 'nhsuk-tag--green' },
  removed: { text: 'Removed', classes: 'nhsuk-tag--grey' },
  swapped: { text: 'Swapped', classes: 'nhsuk-tag--grey' },
} as const;

function weeksText(item: JourneyItemView): string {
  if (item.startWeek === null) return '';
  return item.endWeek !== null && item.endWeek !== item.startWeek ? `Weeks ${item.startWeek} to ${item.endWeek}` : `Week ${item.startWeek}`;
}

export function itemView(index: FrameworkIndex, item: JourneyItemView) {
  return {
    id: item.item.id,
    status: item.item.status,
    tag: STATUS_TAGS[item.item.status],
    resource: resourceFacts(item.resource),
    closes: item.closes.map((c) => explainClosedTopic(index, c)),
    neededFor: item.neededFor,
    weeks: weeksText(item),
    addedBySwap: item.item.addedBecause === 'swap',
    completedOnPlatform: item.item.status === 'completed' ? item.item.completedOnPlatform : null,
    fromTemplate: item.item.addedBecause === 'template',
    askedBy: item.teamRequest ? { teamName: item.teamRequest.teamName, teamPath: `/teams/${item.teamRequest.teamId}`, reason: item.teamRequest.reason, declinePath: `/journey/team-requests/${item.teamRequest.assignmentId}/decline` } : null,
    startPath: ITEM_PATH(item.item.id, 'start'),
    completePath: ITEM_PATH(item.item.id, 'complete'),
    alternativesPath: ITEM_PATH(item.item.id, 'alternatives'),
  };
}

/** Groups upcoming items under the week they start in. */
export function journeyView(index: FrameworkIndex, journey: JourneyView) {
  const weeks = new Map<number, ReturnType<typeof itemView>[]>();
  for (const item of journey.upcoming) {
    const week = item.startWeek ?? 1;
    weeks.set(week, [...(weeks.get(week) ?? []), itemView(index, item)]);
  }
  const { planner, settings } = journey;
  return {
    weeks: [...weeks.entries()].map(([week, items]) => ({ week, items })),
    completed: journey.completed.map((i) => itemView(index, i)),
    remaining: formatMinutes(journey.remainingMinutes),
    weekCount: journey.weeks,
    hoursPerWeek: settings.hoursPerWeek,
    budget: settings.budgetMinutes === null ? null : formatMinutes(settings.budgetMinutes),
    solverText: planner.optimal
      ? 'Planned exactly: no set of resources in the catalogue closes these gaps in less time.'
      : planner.solver === 'exact'
        ? 'Planned with the optimiser, which stopped at its time limit before proving this is the shortest plan.'
        : 'Planned with a quick approximate method because the optimiser ran out of time; it may not be the shortest plan.',
    closedCount: planner.closedCount,
    gapCount: planner.gapCount,
    hasTeamRequests: journey.upcoming.some((i) => i.teamRequest),
    // "Nothing teaches it" is what the heading says; a line says more only when a lower level is taught.
    unclosable: planner.unclosable.filter((g) => !isLeftOpenBySettings(g)).map((g) => ({ ...openGapView(index, g), reason: g.reason?.taughtUpTo ? openGapReasonText(index, g) : '' })),
    leftOpenBySettings: planner.unclosable.filter(isLeftOpenBySettings).map((g) => openGapView(index, g)),
    partlyClosed: (planner.partlyClosed ?? []).map((g) => openGapView(index, g)),
    outOfBudget: planner.outOfBudget.map((g) => openGapView(index, g)),
    templateTitle: journey.templateTitle,
    followsTemplate: settings.mode === 'follow',
  };
}
