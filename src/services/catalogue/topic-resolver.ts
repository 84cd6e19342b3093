import type { FrameworkIndex } from '../../domain/framework/framework-index.ts';
import { nearestMatch, normaliseName } from '../../domain/text/nearest-match.ts';

type Topic = FrameworkIndex['topicById'] extends ReadonlyMap<string, infer T> ? T : never;

/** Enough suggestions for any honest file; past this, a file of nonsense costs no more time. */
const MAX_SUGGESTIONS = 200;

/**
 * Reads the topic an educator named: its id, or its label (case, spacing and punctuation aside),
 * and, for a name that is neither, the topic they most likely meant. Make one per import so its
 * suggestions are worked out once per distinct name, within a budget.
 */
export function createTopicResolver(index: FrameworkIndex) {
  const byName = new Map<string, Topic>();
  for (const topic of index.topicById.values()) byName.set(normaliseName(topic.label), topic);
  const suggested = new Map<string, Topic | undefined>();

  return {
    /** The topic with this id, or with this label. */
    resolve(text: string): Topic | undefined {
      const trimmed = text.trim();
      return index.topicById.get(trimmed) ?? byName.get(normaliseName(trimmed));
    },

    /** The topic a name nothing matches most likely meant, if any is close. */
    suggest(text: string): Topic | undefined {
      const key = normaliseName(text);
      if (suggested.has(key)) return suggested.get(key);
      if (suggested.size >= MAX_SUGGESTIONS) return undefined;
      const topic = nearestMatch(key, index.topicById.values());
      suggested.set(key, topic);
      return topic;
    },
  };
}

export type TopicResolver = ReturnType<typeof createTopicResolver>;

/** "… is not a topic of the framework. Did you mean “label” (id)?" */
export function unknownTopicMessage(resolver: TopicResolver, text: string): string {
  const suggestion = text.trim() === '' ? undefined : resolver.suggest(text);
  const unknown = `“${text}” is not a topic of the framework`;
  return suggestion ? `${unknown}. Did you mean “${suggestion.label}” (${suggestion.id})?` : `${unknown}. Name it by its id or its label, as in the list of topics`;
}
