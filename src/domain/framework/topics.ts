import type { FrameworkDocument, Requirement, Topic } from './framework-document.ts';
import type { FrameworkIndex } from './framework-index.ts';

/** A topic with the statements it groups, in document order. */
export interface TopicWithRequirements extends Topic {
  requirements: readonly Requirement[];
  /** True when the document defines no topic here and the requirement stands as its own topic. */
  isImplicit: boolean;
}

/**
 * The topics a document's requirements are rated under. A document without topics (one imported
 * from before topics existed) gets one implicit topic per requirement, with the requirement's id,
 * statement, kind and factor, so callers never need a second code path. A requirement that a
 * document with topics leaves without a known topic (findReferenceProblems refuses such documents
 * at load) also stands alone rather than disappearing.
 */
export function resolveTopics(doc: FrameworkDocument): TopicWithRequirements[] {
  const declared = new Map((doc.topics ?? []).map((t) => [t.id, { ...t, requirements: [] as Requirement[], isImplicit: false }]));
  const implicit: TopicWithRequirements[] = [];
  for (const requirement of doc.requirements) {
    const topic = requirement.topic === undefined ? undefined : declared.get(requirement.topic);
    if (topic) topic.requirements.push(requirement);
    else implicit.push(implicitTopic(requirement));
  }
  return [...declared.values(), ...implicit];
}

function implicitTopic(requirement: Requirement): TopicWithRequirements {
  return {
    id: requirement.id,
    kind: requirement.kind,
    label: requirement.statement,
    factor: requirement.factor,
    restsOn: null,
    requirements: [requirement],
    isImplicit: true,
  };
}

/** Every topic of the framework with its requirements, in document order. */
export function topicsOf(index: FrameworkIndex): TopicWithRequirements[] {
  return [...index.topicById.values()];
}

/** The id of the topic a requirement is rated under, or undefined for an unknown requirement. */
export function topicIdOf(index: FrameworkIndex, requirementId: string): string | undefined {
  return index.topicByRequirementId.get(requirementId)?.id;
}

/** The other statements on the same subject as a requirement (its topic's other requirements). */
export function sameTopicRequirements(index: FrameworkIndex, requirementId: string): Requirement[] {
  const topic = index.topicByRequirementId.get(requirementId);
  return topic ? topic.requirements.filter((r) => r.id !== requirementId) : [];
}
