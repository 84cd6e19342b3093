import { formatDateTime, formatIsoDate } from '../dates.ts';
import type { FrameworkIndex } from '../../domain/framework/framework-index.ts';
import type { LearningResource, ResourceFormat, ResourceOutcome, ResourceRevision, ResourceStatus } from '../../services/catalogue/catalogue.types.ts';

export const CATALOGUE_PATHS = {
  browse: '/catalogue',
  create: '/catalogue/resources/new',
  import: '/catalogue/import',
  importDone: '/catalogue/import/done',
  gaps: '/catalogue/curation-gaps',
  gapsCsv: '/catalogue/curation-gaps.csv',
  importTemplate: '/catalogue/import/template.csv',
  importTopics: '/catalogue/import/topics.csv',
  reviewDue: '/catalogue/review-due',
  reviewDueCsv: '/catalogue/review-due.csv',
  resource: (id: string) => `/catalogue/resources/${encodeURIComponent(id)}`,
  edit: (id: string) => `/catalogue/resources/${encodeURIComponent(id)}/edit`,
  publish: (id: string) => `/catalogue/resources/${encodeURIComponent(id)}/publish`,
  retire: (id: string) => `/catalogue/resources/${encodeURIComponent(id)}/retire`,
  retireResource: '/catalogue/resources/:id/retire',
  export: (format: 'csv' | 'json') => `/catalogue/export/${format}`,
} as const;

export const FORMAT_LABELS: Record<ResourceFormat, string> = {
  'e-learning': 'E-learning',
  video: 'Video',
  reading: 'Reading',
  podcast: 'Podcast',
  course: 'Course',
  workshop: 'Workshop',
  webinar: 'Webinar',
  fellowship: 'Fellowship',
  simulation: 'Simulation',
  other: 'Other',
};

export const STATUS_LABELS: Record<ResourceStatus, string> = { draft: 'Draft', published: 'Published', retired: 'Retired' };
const STATUS_COLOURS: Record<ResourceStatus, string> = { draft: 'nhsuk-tag--grey', published: 'nhsuk-tag--green', retired: 'nhsuk-tag--red' };
const ACTION_LABELS: Record<ResourceRevision['action'], string> = { created: 'Created', edited: 'Edited', published: 'Published', retired: 'Retired', imported: 'Imported' };

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;

/** "1 hour 30 minutes", "45 minutes", "2 hours". */
export function formatDuration(minutes: number): string {
  const hours = Math.floor(minutes / 60);
  const rest = minutes % 60;
  if (hours === 0) return plural(rest, 'minute');
  return rest === 0 ? plural(hours, 'hour') : `${plural(hours, 'hour')} ${plural(rest, 'minute')}`;
}

/** "Free", "£12.50", "£40". */
export function formatCost(pence: number): string {
  if (pence === 0) return 'Free';
  const pounds = pence / 100;
  return `£${Number.isInteger(pounds) ? pounds.toString() : pounds.toFixed(2)}`;
}

/**
 * The tags every listing shows: R9 needs vendor-neutral material told apart from a supplier's own,
 * and demo entries must never pass for real ones. Lists leave out "Published" (everything a
 * learner sees is); a resource's own page says it.
 */
export function resourceTags(resource: LearningResource, options: { showPublished?: boolean } = {}) {
  const showStatus = resource.status !== 'published' || options.showPublished === true;
  return [
    ...(showStatus ? [{ text: STATUS_LABELS[resource.status], classes: STATUS_COLOURS[resource.status] }] : []),
    resource.vendorNeutral ? { text: 'Vendor-neutral', classes: 'nhsuk-tag--aqua-green' } : { text: 'Supplier material', classes: 'nhsuk-tag--orange' },
    ...(resource.cpdAccredited ? [{ text: 'CPD accredited', classes: 'nhsuk-tag--blue' }] : []),
    ...(resource.sample ? [{ text: 'Sample data', classes: 'nhsuk-tag--yellow' }] : []),
  ];
}

/** One result on the browse page. */
export function resourceSummary(resource: LearningResource) {
  return {
    href: CATALOGUE_PATHS.resource(resource.id),
    title: resource.title,
    description: resource.description,
    facts: [resource.provider, FORMAT_LABELS[resource.format], formatDuration(resource.durationMinutes), formatCost(resource.costPence)],
    tags: resourceTags(resource),
  };
}

function archetypeLabels(index: FrameworkIndex, ids: readonly string[]): string {
  return ids.map((id) => index.archetypeById.get(id)?.label ?? id).join(', ');
}

/** The detail page's summary list: every field an educator wrote, as a learner reads it. */
export function resourceRows(index: FrameworkIndex, resource: LearningResource, retiredReason: string | null = null) {
  const row = (key: string, value: { text: string } | { html: string }) => ({ key: { text: key }, value });
  const audience = resource.audienceArchetypes.length > 0 ? archetypeLabels(index, resource.audienceArchetypes) : 'Everyone';
  return [
    row('Provider', { text: resource.provider }),
    row('Format', { text: FORMAT_LABELS[resource.format] }),
    row('How long it takes', { text: formatDuration(resource.durationMinutes) }),
    row('Cost', { text: formatCost(resource.costPence) }),
    row('Source', { text: resource.vendorNeutral ? 'Vendor-neutral material' : 'Supplier material: written by the supplier of an AI product' }),
    row('CPD', { text: resource.cpdAccredited ? `Accredited${resource.cpdDetail ? `: ${resource.cpdDetail}` : ''}` : 'Not accredited' }),
    row('Written for', { text: resource.audienceNote ? `${audience}. ${resource.audienceNote}` : audience }),
    row('Review by', { text: resource.reviewDate ? formatIsoDate(resource.reviewDate) : 'No review date set' }),
    row('Completion reported', { text: resource.activityId ? `By the learning platform, as xAPI activity ${resource.activityId}` : 'By the learner' }),
    row('Curated by', { text: resource.organisationName }),
    row('Status', { text: `${STATUS_LABELS[resource.status]}${resource.publishedAt && resource.status === 'published' ? ` since ${formatDateTime(resource.publishedAt)}` : ''}${resource.retiredAt && resource.status === 'retired' ? ` on ${formatDateTime(resource.retiredAt)}` : ''}${retiredReason ? `. Reason: ${retiredReason}` : ''}` }),
    row('Last changed', { text: `${formatDateTime(resource.updatedAt)} (version ${resource.version})` }),
  ];
}

/** The label of a level within a topic's kind ("Understanding"), falling back to its id. */
export function levelLabelOf(index: FrameworkIndex, level: string): string {
  return index.levelById.get(level)?.label ?? level;
}

/**
 * "Brings <topic> to <level>", linked to the requirement page of the topic's statement at that
 * level (or its first statement), the nearest page the hub has for a topic.
 */
export function outcomeView(index: FrameworkIndex, frameworkId: string, outcome: ResourceOutcome) {
  const topic = index.topicById.get(outcome.topicId);
  const requirement = topic?.requirements.find((r) => r.level === outcome.level) ?? topic?.requirements[0];
  return {
    topicLabel: topic?.label ?? outcome.topicId,
    levelLabel: levelLabelOf(index, outcome.level),
    href: requirement ? `/frameworks/${encodeURIComponent(frameworkId)}/requirements/${encodeURIComponent(requirement.id)}` : undefined,
  };
}

export function revisionRows(revisions: readonly ResourceRevision[]) {
  return revisions.map((r) => [{ text: String(r.version) }, { text: ACTION_LABELS[r.action] }, { text: r.changedBy.displayName }, { text: formatDateTime(r.changedAt) }, { text: r.reason ?? '' }]);
}

/** Why a retired resource was retired: the reason given with its latest retirement (revisions newest first). */
export function retiredReasonOf(resource: LearningResource, revisions: readonly ResourceRevision[]): string | null {
  return resource.status === 'retired' ? (revisions.find((r) => r.action === 'retired')?.reason ?? null) : null;
}
