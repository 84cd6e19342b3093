import { frameworkDocumentSchema } from '../framework/framework-document.ts';
import type { FrameworkDocument, Kind, Requirement, Tier } from '../framework/framework-document.ts';
import { indexFramework } from '../framework/framework-index.ts';
import type { FrameworkIndex } from '../framework/framework-index.ts';

/**
 * Small hand-made framework documents for domain tests, so rules can be pinned on shapes the
 * report does not have (deeper factor trees, interleaved tables, a framework without Users).
 * Only test files import this.
 */

export type MiniRequirement = [id: string, tier: Tier, archetype: string | null, factor: string, kind: Kind, level: string];

export interface MiniFrameworkParts {
  archetypes?: Array<{ id: string; responsibilities?: string[] }>;
  factors?: Array<[id: string, parent: string | null]>;
  requirements: MiniRequirement[];
  taxonomy?: FrameworkDocument['taxonomy'];
}

const DEFAULT_TAXONOMY: FrameworkDocument['taxonomy'] = {
  knowledge: [
    { id: 'awareness', label: 'Awareness', rank: 1, statement: 'I am aware' },
    { id: 'familiarity', label: 'Familiarity', rank: 2, statement: 'I am familiar' },
    { id: 'understanding', label: 'Understanding', rank: 3, statement: 'I understand' },
  ],
  skill: [
    { id: 'capability', label: 'Capability', rank: 1, statement: 'I am able' },
    { id: 'proficiency', label: 'Proficiency', rank: 2, statement: 'I can lead' },
  ],
};

const DEFAULT_FACTORS: Array<[string, string | null]> = [
  ['governance', null],
  ['liability', 'governance'],
  ['clinical-use', null],
  ['cognitive-biases', 'clinical-use'],
];

export function miniFramework(parts: MiniFrameworkParts): FrameworkIndex {
  const archetypes = parts.archetypes ?? [{ id: 'shaper' }, { id: 'user' }];
  const doc = frameworkDocumentSchema.parse({
    id: 'mini',
    version: '1.0.0',
    title: 'Mini framework',
    description: 'A hand-made framework for tests',
    source: { title: 'Tests', publishers: ['Tests'], year: 2024 },
    taxonomy: parts.taxonomy ?? DEFAULT_TAXONOMY,
    factors: (parts.factors ?? DEFAULT_FACTORS).map(([id, parent]) => ({ id, label: id, parent })),
    archetypes: archetypes.map((a) => ({
      id: a.id,
      label: a.id.toUpperCase(),
      purpose: `Purpose of ${a.id}`,
      responsibilities: a.responsibilities ?? [],
      examples: [],
      principles: [],
    })),
    requirements: parts.requirements.map(toRequirement),
    questionSets: [],
    advancedMatrix: [],
    personas: [],
  });
  return indexFramework(doc);
}

function toRequirement([id, tier, archetype, factor, kind, level]: MiniRequirement, i: number): Requirement {
  return { id, tier, archetype, factor, kind, level, statement: `Statement ${id}`, source: { table: 'T', item: i + 1 }, notes: [] };
}
