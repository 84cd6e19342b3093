import type { FrameworkIndex } from '../../domain/framework/framework-index.ts';
import type { OpenGapWhy } from '../../services/journeys/open-gaps.ts';
import type { PlanFilter } from '../../services/journeys/plan-input.ts';

/**
 * The sentence beside a gap the plan leaves open or takes only part of the way, naming the
 * setting that left it so when it was the learner's own: "3 resources would close this but are
 * not free."
 */

const FILTER_PHRASES: Readonly<Record<PlanFilter, readonly [one: string, many: string]>> = {
  free: ['is not free', 'are not free'],
  format: ['is not in a format you chose', 'are not in a format you chose'],
  'vendor-neutral': ['is supplier material, not vendor-neutral', 'are supplier material, not vendor-neutral'],
  accredited: ['is not CPD accredited', 'are not CPD accredited'],
  'swapped-out': ['is one you swapped out', 'are ones you swapped out'],
  'not-in-template': ['is not in the journey template you are following', 'are not in the journey template you are following'],
  prerequisite: ['needs a resource first that your settings leave out', 'need a resource first that your settings leave out'],
};

export interface GapForText {
  topicId: string;
  target: string;
  /** Set when the plan takes the gap part of the way. */
  reached?: string;
  reason?: OpenGapWhy;
}

const phrase = (filter: PlanFilter, count: number) => FILTER_PHRASES[filter][count === 1 ? 0 : 1];
const resources = (count: number) => `${count} ${count === 1 ? 'resource' : 'resources'}`;

function leftOutSentence(leftOut: NonNullable<OpenGapWhy['leftOut']>, reachesTarget: boolean, levelLabel: string): string {
  const would = reachesTarget ? 'would close this' : `would take you to ${levelLabel}`;
  const { byFilter } = leftOut;
  const only = byFilter.length === 1 ? byFilter[0] : undefined;
  if (only && only.resources === leftOut.resources) return `${resources(leftOut.resources)} ${would} but ${phrase(only.filter, leftOut.resources)}.`;
  if (leftOut.resources === 1) return `1 resource ${would} but it ${byFilter.map((f) => phrase(f.filter, 1)).join(' and ')}.`;
  return `${resources(leftOut.resources)} ${would} but your settings leave them out: ${byFilter.map((f) => `${f.resources} ${phrase(f.filter, f.resources)}`).join('; ')}.`;
}

/** Why the gap is open, or "" for a journey planned before reasons were recorded. */
export function openGapReasonText(index: FrameworkIndex, gap: GapForText): string {
  const topic = index.topicById.get(gap.topicId);
  const { reason } = gap;
  if (!topic || !reason) return '';
  const levels = index.doc.taxonomy[topic.kind];
  const rank = (id: string | null) => levels.find((l) => l.id === id)?.rank ?? 0;
  const label = (id: string) => levels.find((l) => l.id === id)?.label ?? id;
  const sentences: string[] = [];
  if (reason.taughtUpTo === null && !gap.reached) sentences.push('Nothing in the catalogue teaches this yet.');
  else if (rank(reason.taughtUpTo) < rank(gap.target)) sentences.push(`${label(gap.target)} is not taught in the catalogue yet.`);
  if (reason.leftOut) sentences.push(leftOutSentence(reason.leftOut, rank(reason.leftOut.level) >= rank(gap.target), label(reason.leftOut.level)));
  if (sentences.length === 0) sentences.push('No resource you can take teaches it yet.');
  return gap.reached ? `Reaches ${label(gap.reached)}; ${sentences.join(' ')}` : sentences.join(' ');
}

/** Whether the learner's settings, rather than the catalogue, are what leave the gap open. */
export const isLeftOpenBySettings = (gap: GapForText): boolean => gap.reason?.leftOut !== undefined;
