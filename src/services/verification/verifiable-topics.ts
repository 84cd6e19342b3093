import type { Kind, Requirement } from '../../domain/framework/framework-document.ts';
import type { FrameworkIndex } from '../../domain/framework/framework-index.ts';
import { AppError } from '../../errors.ts';
import { topicInfoLookup } from '../assessment/topic-info.ts';

/** A topic as evidence and verification need it: what it is called and the statements it groups. */
export interface VerifiableTopic {
  id: string;
  label: string;
  kind: Kind;
  factor: string;
  statements: Requirement[];
}

// Topics come from the same lookup the self-assessment rates with, so a topic id means the same
// thing on both sides, and when framework topics (domain/framework/topics.ts) replace the
// one-requirement-per-topic stand-in, both switch together.
const cache = new WeakMap<FrameworkIndex, Map<string, VerifiableTopic>>();

function groupTopics(index: FrameworkIndex): Map<string, VerifiableTopic> {
  const topicOf = topicInfoLookup(index);
  const topics = new Map<string, VerifiableTopic>();
  for (const requirement of index.doc.requirements) {
    const info = topicOf(requirement.id);
    const topic = topics.get(info.id) ?? { id: info.id, label: info.label, kind: info.kind, factor: info.factor, statements: [] };
    topic.statements.push(requirement);
    topics.set(info.id, topic);
  }
  return topics;
}

export function findVerifiableTopic(index: FrameworkIndex, topicId: string): VerifiableTopic | undefined {
  let topics = cache.get(index);
  if (!topics) {
    topics = groupTopics(index);
    cache.set(index, topics);
  }
  return topics.get(topicId);
}

/** The topic, or "not found" (topic ids arrive in URLs and request bodies). */
export function requireVerifiableTopic(index: FrameworkIndex, topicId: string): VerifiableTopic {
  const topic = findVerifiableTopic(index, topicId);
  if (!topic) throw new AppError('not_found', 'There is no such topic in this framework.');
  return topic;
}
