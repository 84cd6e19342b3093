import { validate as isUuid } from 'uuid';
import { RESOURCE_FORMATS } from '../../db/tables/catalogue.ts';
import type { FrameworkIndex } from '../../domain/framework/framework-index.ts';
import { AppError } from '../../errors.ts';
import type { ResourceFormat, ResourceInput, ResourceOutcome, ResourceSubmission } from './catalogue.types.ts';
import { createTopicResolver, unknownTopicMessage } from './topic-resolver.ts';
import type { TopicResolver } from './topic-resolver.ts';

export const RESOURCE_LIMITS = {
  title: 200,
  provider: 200,
  description: 5000,
  url: 2000,
  cpdDetail: 500,
  activityId: 2000,
  audienceNote: 1000,
  outcomes: 50,
  prerequisites: 20,
  minMinutes: 1,
  maxMinutes: 100_000,
  /** £100,000: anything dearer is a typing mistake. */
  maxCostPence: 10_000_000,
} as const;

export interface Problem {
  field: string;
  message: string;
}

export interface ResourceCheckContext {
  index: FrameworkIndex;
  /** Publishing needs at least one outcome; drafts may have none. */
  forPublishing: boolean;
  /** Reads topic ids and labels; an import shares one across its rows (see topic-resolver.ts). */
  topics?: TopicResolver | undefined;
}

const formatted = (n: number) => n.toLocaleString('en-GB');

/** Splits `a;b` (or one value per line) into trimmed, non-empty items; arrays pass through. */
export function listOf(value: unknown): unknown[] {
  if (value === undefined || value === null) return [];
  if (Array.isArray(value)) return value;
  if (typeof value === 'string') return value.split(/[;\n]/).map((v) => v.trim()).filter(Boolean);
  return [value];
}

/**
 * Checks a resource and normalises it (trimmed text, numbers from text, lists from `a;b`),
 * collecting every problem so a form or an import row can show them together. Prerequisites are
 * only checked for shape here: whether they exist and make no cycle needs the database.
 */
export function findResourceProblems(submission: ResourceSubmission, context: ResourceCheckContext): { input: ResourceInput; problems: Problem[] } {
  const problems: Problem[] = [];
  const report = (field: string, message: string) => problems.push({ field, message });
  const text = (field: keyof ResourceInput, label: string, max: number, missing?: string): string => {
    const raw = submission[field];
    if (raw !== undefined && raw !== null && typeof raw !== 'string') {
      report(field, `${label} must be text`);
      return '';
    }
    const value = (raw ?? '').trim();
    if (!value && missing) report(field, missing);
    else if (value.length > max) report(field, `${label} must be ${formatted(max)} characters or fewer`);
    return value;
  };
  const title = text('title', 'Title', RESOURCE_LIMITS.title, 'Enter a title');
  const provider = text('provider', 'Provider', RESOURCE_LIMITS.provider, 'Enter who provides the resource');
  const description = text('description', 'Description', RESOURCE_LIMITS.description, 'Enter a description');
  const url = checkUrl(text('url', 'Web address', RESOURCE_LIMITS.url, 'Enter the web address of the resource'), report);
  const cpdDetail = text('cpdDetail', 'CPD detail', RESOURCE_LIMITS.cpdDetail) || null;
  const activityId = checkActivityId(text('activityId', 'xAPI activity ID', RESOURCE_LIMITS.activityId), report);
  const audienceNote = text('audienceNote', 'Audience note', RESOURCE_LIMITS.audienceNote) || null;
  const format = RESOURCE_FORMATS.find((f) => f === (typeof submission.format === 'string' ? submission.format.trim() : submission.format));
  if (!format) report('format', `Select a format: ${RESOURCE_FORMATS.join(', ')}`);
  const durationMinutes = wholeNumber(submission.durationMinutes);
  if (durationMinutes === undefined || durationMinutes < RESOURCE_LIMITS.minMinutes || durationMinutes > RESOURCE_LIMITS.maxMinutes) {
    report('durationMinutes', `Enter how long the resource takes, in whole minutes from 1 to ${formatted(RESOURCE_LIMITS.maxMinutes)}`);
  }
  const costPence = isBlank(submission.costPence) ? 0 : wholeNumber(submission.costPence);
  if (costPence === undefined || costPence < 0 || costPence > RESOURCE_LIMITS.maxCostPence) report('costPence', 'Enter the cost in whole pence, 0 or more (0 means free)');
  const cpdAccredited = isBlank(submission.cpdAccredited) ? false : yesNo(submission.cpdAccredited);
  if (cpdAccredited === undefined) report('cpdAccredited', 'Select whether the resource is CPD accredited');
  const vendorNeutral = yesNo(submission.vendorNeutral);
  if (vendorNeutral === undefined) report('vendorNeutral', 'Select whether the resource is vendor-neutral or a supplier’s own material');
  const audienceArchetypes = checkAudience(submission.audienceArchetypes, context.index, report);
  const reviewDate = checkReviewDate(submission.reviewDate, report);
  const outcomes = checkOutcomes(submission.outcomes, context, report);
  const prerequisiteIds = checkPrerequisiteShape(submission.prerequisiteIds, report);
  const input: ResourceInput = {
    title,
    provider,
    url,
    description,
    format: format ?? ('other' satisfies ResourceFormat),
    durationMinutes: durationMinutes ?? 0,
    costPence: costPence ?? 0,
    cpdAccredited: cpdAccredited ?? false,
    cpdDetail,
    activityId,
    vendorNeutral: vendorNeutral ?? true,
    audienceArchetypes,
    audienceNote,
    reviewDate,
    outcomes,
    prerequisiteIds,
  };
  return { input, problems };
}

/** The checked resource, or `invalid` naming every field at fault. */
export function checkResourceInput(submission: ResourceSubmission, context: ResourceCheckContext): ResourceInput {
  const { input, problems } = findResourceProblems(submission, context);
  if (problems.length > 0) throw new AppError('invalid', problems[0]?.message ?? 'The resource is not valid.', problems);
  return input;
}

const isBlank = (value: unknown) => value === undefined || value === null || (typeof value === 'string' && value.trim() === '');

function wholeNumber(value: unknown): number | undefined {
  if (typeof value === 'number') return Number.isSafeInteger(value) ? value : undefined;
  if (typeof value === 'string' && /^\s*-?\d{1,12}\s*$/.test(value)) return Number(value);
  return undefined;
}

const YES = new Set(['true', 'yes', 'y', '1', 'on']);
const NO = new Set(['false', 'no', 'n', '0', 'off']);

/** true/false, or yes/no, 1/0 and on/off as forms and spreadsheets write them. */
export function yesNo(value: unknown): boolean | undefined {
  if (typeof value === 'boolean') return value;
  if (typeof value !== 'string') return undefined;
  const word = value.trim().toLowerCase();
  return YES.has(word) ? true : NO.has(word) ? false : undefined;
}

function checkUrl(text: string, report: (field: string, message: string) => void): string {
  if (!text) return '';
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    report('url', 'Enter a web address starting with https:// or http://');
    return text;
  }
  // Other schemes (javascript:, data:, file:) would run or open something when a learner follows the link.
  if (url.protocol !== 'https:' && url.protocol !== 'http:') report('url', 'Enter a web address starting with https:// or http://');
  else if (url.username || url.password) report('url', 'Enter a web address without a user name or password in it');
  return url.href;
}

/** An IRI as xAPI activity ids are: absolute, with a scheme (usually the course's web address). */
function checkActivityId(text: string, report: (field: string, message: string) => void): string | null {
  if (!text) return null;
  if (!/^[a-z][a-z0-9+.-]*:\S+$/i.test(text)) report('activityId', 'Enter the xAPI activity ID as the platform sends it: an IRI such as https://learninghub.nhs.uk/course/123');
  return text;
}

function checkAudience(value: unknown, index: FrameworkIndex, report: (field: string, message: string) => void): string[] {
  const items = listOf(value);
  const unknown = items.filter((a) => typeof a !== 'string' || !index.archetypeById.has(a.trim()));
  if (unknown.length > 0) report('audienceArchetypes', `Select archetypes from the list (${index.doc.archetypes.map((a) => a.id).join(', ')})`);
  const chosen = new Set(items.filter((a): a is string => typeof a === 'string').map((a) => a.trim()));
  // Framework order, once each.
  return index.doc.archetypes.map((a) => a.id).filter((id) => chosen.has(id));
}

function checkReviewDate(value: unknown, report: (field: string, message: string) => void): string | null {
  if (isBlank(value)) return null;
  const text = typeof value === 'string' ? value.trim() : '';
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  const date = match ? new Date(Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3]))) : undefined;
  if (!date || date.toISOString().slice(0, 10) !== text) {
    report('reviewDate', 'Enter the review date as a real date in the form 2026-03-31');
    return null;
  }
  return text;
}

/**
 * `topic:level` text or `{ topicId, level }` objects. The topic may be named by its label, which can
 * itself hold a colon ("How AI learns from data: learning methodologies"), so the level is what
 * follows the last colon, unless the whole text names a topic (then the level is missing).
 */
function outcomeOf(item: unknown, topics: TopicResolver): { topicId: unknown; level: unknown } {
  if (typeof item === 'string') {
    if (topics.resolve(item)) return { topicId: item.trim(), level: '' };
    const at = item.lastIndexOf(':');
    return at === -1 ? { topicId: item.trim(), level: '' } : { topicId: item.slice(0, at).trim(), level: item.slice(at + 1).trim() };
  }
  if (item && typeof item === 'object') return item as { topicId: unknown; level: unknown };
  return { topicId: undefined, level: undefined };
}

/** A level by its id or label, in any case ("Familiarity", "familiarity"). */
function levelOf(levels: ReadonlyArray<{ id: string; label: string }>, level: unknown): string | undefined {
  if (typeof level !== 'string') return undefined;
  const wanted = level.trim().toLowerCase();
  return levels.find((l) => l.id === wanted || l.label.toLowerCase() === wanted)?.id;
}

function checkOutcomes(value: unknown, context: ResourceCheckContext, report: (field: string, message: string) => void): ResourceOutcome[] {
  const { index } = context;
  const topics = context.topics ?? createTopicResolver(index);
  const outcomes: ResourceOutcome[] = [];
  const items = listOf(value);
  if (items.length === 0 && context.forPublishing) report('outcomes', 'Add at least one topic the resource teaches before publishing it');
  if (items.length > RESOURCE_LIMITS.outcomes) report('outcomes', `A resource can teach at most ${RESOURCE_LIMITS.outcomes} topics`);
  for (const item of items.slice(0, RESOURCE_LIMITS.outcomes)) {
    const { topicId, level: levelText } = outcomeOf(item, topics);
    const topic = typeof topicId === 'string' ? topics.resolve(topicId) : undefined;
    if (!topic) {
      report('outcomes', unknownTopicMessage(topics, String(topicId ?? '')));
      continue;
    }
    const levels = index.doc.taxonomy[topic.kind];
    const level = levelOf(levels, levelText);
    if (!level) {
      report('outcomes', `Select the level the resource brings “${topic.label}” to: ${levels.map((l) => l.id).join(', ')}`);
      continue;
    }
    if (outcomes.some((o) => o.topicId === topic.id)) {
      report('outcomes', `“${topic.label}” is listed more than once: give each topic one level`);
      continue;
    }
    outcomes.push({ topicId: topic.id, level });
  }
  return outcomes;
}

function checkPrerequisiteShape(value: unknown, report: (field: string, message: string) => void): string[] {
  const items = listOf(value);
  if (items.length > RESOURCE_LIMITS.prerequisites) report('prerequisiteIds', `A resource can have at most ${RESOURCE_LIMITS.prerequisites} prerequisites`);
  const ids: string[] = [];
  for (const item of items) {
    const id = typeof item === 'string' ? item.trim().toLowerCase() : '';
    if (!isUuid(id)) report('prerequisiteIds', `“${String(item)}” is not a resource id`);
    else if (!ids.includes(id)) ids.push(id);
  }
  return ids;
}
