import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { frameworkDocumentSchema } from '../framework/framework-document.ts';
import type { Requirement } from '../framework/framework-document.ts';
import { indexFramework } from '../framework/framework-index.ts';
import { miniFramework } from '../applicability/mini-framework.fixture.ts';
import { NOT_YET, ratingScale, requirementStatus } from './requirement-status.ts';

const raw: unknown = JSON.parse(readFileSync(new URL('../../../frameworks/dart-ed-2022.json', import.meta.url), 'utf8'));
const index = indexFramework(frameworkDocumentSchema.parse(raw));
const byId = (id: string): Requirement => {
  const found = index.requirementById.get(id);
  if (!found) throw new Error(`no requirement ${id}`);
  return found;
};

// One real requirement per target level.
const TARGETS = { awareness: 't1-01', familiarity: 'a2-01', understanding: 'a7-14', capability: 'a1-07', proficiency: 'a4-27' } as const;

describe('requirementStatus (R1)', () => {
  it.each([
    ['awareness', undefined, 'not-rated'],
    ['awareness', NOT_YET, 'not-met'],
    ['awareness', 'awareness', 'met'],
    ['awareness', 'familiarity', 'met'],
    ['awareness', 'understanding', 'met'],
    ['familiarity', undefined, 'not-rated'],
    ['familiarity', NOT_YET, 'not-met'],
    ['familiarity', 'awareness', 'not-met'],
    ['familiarity', 'familiarity', 'met'],
    ['familiarity', 'understanding', 'met'],
    ['understanding', undefined, 'not-rated'],
    ['understanding', NOT_YET, 'not-met'],
    ['understanding', 'awareness', 'not-met'],
    ['understanding', 'familiarity', 'not-met'],
    ['understanding', 'understanding', 'met'],
    ['capability', undefined, 'not-rated'],
    ['capability', NOT_YET, 'not-met'],
    ['capability', 'capability', 'met'],
    ['capability', 'proficiency', 'met'],
    ['proficiency', undefined, 'not-rated'],
    ['proficiency', NOT_YET, 'not-met'],
    ['proficiency', 'capability', 'not-met'],
    ['proficiency', 'proficiency', 'met'],
  ] as const)('target %s, rated %s → %s', (target, rating, status) => {
    const requirement = byId(TARGETS[target]);
    expect(requirement.level).toBe(target);
    expect(requirementStatus(index, requirement, rating)).toBe(status);
  });

  it.each([
    ['a skill level on a knowledge requirement', 't1-01', 'capability'],
    ['a knowledge level on a skill requirement', 'a4-27', 'understanding'],
    ['an unknown level', 't1-01', 'expert'],
    ['an empty rating', 't1-01', ''],
  ])('rejects %s', (_name, id, rating) => {
    expect(() => requirementStatus(index, byId(id), rating)).toThrow(/is not a (knowledge|skill) level/);
  });

  it('orders by rank, not by the order levels are listed', () => {
    const mini = miniFramework({
      taxonomy: {
        knowledge: [
          { id: 'deep', label: 'Deep', rank: 3, statement: 'deep' },
          { id: 'shallow', label: 'Shallow', rank: 1, statement: 'shallow' },
          { id: 'middle', label: 'Middle', rank: 2, statement: 'middle' },
        ],
        skill: [{ id: 'able', label: 'Able', rank: 1, statement: 'able' }],
      },
      requirements: [['k', 'foundational', null, 'governance', 'knowledge', 'middle']],
    });
    const requirement = mini.doc.requirements[0] as Requirement;
    expect(['shallow', 'middle', 'deep'].map((r) => requirementStatus(mini, requirement, r))).toEqual(['not-met', 'met', 'met']);
    expect(ratingScale(mini, 'knowledge').map((o) => o.value)).toEqual([NOT_YET, 'shallow', 'middle', 'deep']);
  });
});

describe('ratingScale', () => {
  it.each([
    ['knowledge', ['not-yet', 'awareness', 'familiarity', 'understanding'], ['Not yet', 'Awareness', 'Familiarity', 'Understanding']],
    ['skill', ['not-yet', 'capability', 'proficiency'], ['Not yet', 'Capability', 'Proficiency']],
  ] as const)('%s', (kind, values, labels) => {
    const scale = ratingScale(index, kind);
    expect(scale.map((o) => o.value)).toEqual(values);
    expect(scale.map((o) => o.label)).toEqual(labels);
    expect(scale.map((o) => o.rank)).toEqual(values.map((_v, i) => i));
    expect(scale.slice(1).map((o) => o.statement)).toEqual(index.doc.taxonomy[kind].map((l) => l.statement));
    expect(scale[0]?.statement).toMatch(/\S/);
  });

  it('gives the learner statements as the report prints them', () => {
    expect(ratingScale(index, 'knowledge')[1]?.statement).toBe('I am aware of this concept and its relevance to my healthcare practice');
  });
});
