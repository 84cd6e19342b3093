import type { TopicInfo } from '../../domain/assessment/topic-questions.ts';
import type { FrameworkIndex } from '../../domain/framework/framework-index.ts';

/**
 * requirement id → the topic it is rated under: the framework's topics, or for a document without
 * them each requirement as its own topic (see resolveTopics).
 */
export function topicInfoLookup(index: FrameworkIndex): (requirementId: string) => TopicInfo {
  return (requirementId) => {
    const topic = index.topicByRequirementId.get(requirementId);
    if (!topic) throw new Error(`unknown requirement ${requirementId}`);
    return topic;
  };
}
