import { frameworkDocumentSchema } from './framework-document.ts';
import type { FrameworkDocument, Kind, Topic } from './framework-document.ts';

/** Small documents for the topic tests (only test files import this). */

export type TopicRow = [id: string, kind: Kind, level: string, topic?: string];

const level = (id: string, rank: number) => ({ id, label: id, rank, statement: `I have ${id}` });

/** A small document: requirements as [id, kind, level, topic?] rows, with or without topics. */
export function topicDocument(rows: TopicRow[], topics?: Topic[]): FrameworkDocument {
  return frameworkDocumentSchema.parse({
    id: 'topics-test',
    version: '1.0.0',
    title: 'Topics test',
    description: 'A framework for topic tests',
    source: { title: 'Tests', publishers: ['Tests'], year: 2024 },
    taxonomy: {
      knowledge: [level('awareness', 1), level('familiarity', 2), level('understanding', 3)],
      skill: [level('capability', 1), level('proficiency', 2)],
    },
    factors: [
      { id: 'governance', label: 'Governance', parent: null },
      { id: 'liability', label: 'Liability', parent: 'governance' },
    ],
    archetypes: [],
    requirements: rows.map(([id, kind, lvl, topic], i) => ({
      id,
      tier: 'foundational',
      archetype: null,
      factor: i === 0 ? 'governance' : 'liability',
      kind,
      level: lvl,
      ...(topic ? { topic } : {}),
      statement: `Statement ${id}`,
      source: { table: '1', item: i + 1 },
      notes: [],
    })),
    ...(topics ? { topics } : {}),
    questionSets: [],
    advancedMatrix: [],
    personas: [],
  });
}
