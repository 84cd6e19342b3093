import type { ApplicableRequirement } from '../applicability/applicability.ts';
import type { Factor, Kind } from '../framework/framework-document.ts';
import type { FrameworkIndex } from '../framework/framework-index.ts';

/** What the questions need to know about a topic, whatever the framework document holds. */
export interface TopicInfo {
  id: string;
  label: string;
  kind: Kind;
  factor: string;
  restsOn: string | null;
}

/** One question of the self-assessment: a topic, asked once, with every applicable statement on it. */
export interface TopicQuestion {
  topic: TopicInfo;
  statements: ApplicableRequirement[];
  /** The highest level any applicable statement asks for: the level that meets them all (R1). */
  highestTarget: string;
}

export interface FactorPage {
  factor: Factor;
  questions: TopicQuestion[];
}

/**
 * Turns a person's applicable requirements into the questions they answer: one per topic (so a
 * subject is rated once however many tables mention it), grouped into one page per factor in the
 * framework's order, knowledge before the skills that rest on it (R6).
 */
export function planTopicQuestions(index: FrameworkIndex, applicable: readonly ApplicableRequirement[], topicOf: (requirementId: string) => TopicInfo): FactorPage[] {
  const questions = new Map<string, TopicQuestion>();
  for (const item of applicable) {
    const topic = topicOf(item.requirement.id);
    const question = questions.get(topic.id) ?? { topic, statements: [], highestTarget: item.requirement.level };
    question.statements.push(item);
    if (rankOf(index, item.requirement.level) > rankOf(index, question.highestTarget)) question.highestTarget = item.requirement.level;
    questions.set(topic.id, question);
  }
  const kindOrder: Record<Kind, number> = { knowledge: 0, skill: 1 };
  return index.doc.factors
    .map((factor) => ({
      factor,
      // Array.prototype.sort is stable: within a kind, topics keep the order their first statement appears.
      questions: [...questions.values()].filter((q) => q.topic.factor === factor.id).sort((a, b) => kindOrder[a.topic.kind] - kindOrder[b.topic.kind]),
    }))
    .filter((page) => page.questions.length > 0);
}

function rankOf(index: FrameworkIndex, levelId: string): number {
  const level = index.levelById.get(levelId);
  if (!level) throw new Error(`unknown level ${levelId}`);
  return level.rank;
}
