import type { TopicInfo } from '../../domain/assessment/topic-questions.ts';
import type { FrameworkIndex } from '../../domain/framework/framework-index.ts';

const lookups = new WeakMap<FrameworkIndex, Map<string, TopicInfo>>();

/** requirement id → the topic it is rated under. Built once per (immutable) framework index. */
export function topicInfoLookup(index: FrameworkIndex): (requirementId: string) => TopicInfo {
  let byRequirement = lookups.get(index);
  if (!byRequirement) {
    byRequirement = new Map(
      index.doc.requirements.map((r) => [r.id, { id: r.id, label: r.statement, kind: r.kind, factor: r.factor, restsOn: null }]),
    );
    lookups.set(index, byRequirement);
  }
  const map = byRequirement;
  return (requirementId) => {
    const topic = map.get(requirementId);
    if (!topic) throw new Error(`unknown requirement ${requirementId}`);
    return topic;
  };
}
