import { describe, expect, it } from 'vitest';
import { listApplicableRequirements } from '../applicability/applicability.ts';
import { miniFramework } from '../applicability/mini-framework.fixture.ts';
import { planTopicQuestions } from './topic-questions.ts';
import type { TopicInfo } from './topic-questions.ts';

const index = miniFramework({
  requirements: [
    ['f1', 'foundational', null, 'liability', 'knowledge', 'awareness'],
    ['f2', 'foundational', null, 'cognitive-biases', 'skill', 'capability'],
    ['s1', 'advanced', 'shaper', 'liability', 'knowledge', 'understanding'],
    ['s2', 'advanced', 'shaper', 'liability', 'skill', 'proficiency'],
    ['u1', 'advanced', 'user', 'liability', 'knowledge', 'familiarity'],
    ['u2', 'advanced', 'user', 'cognitive-biases', 'knowledge', 'familiarity'],
  ],
});

const TOPICS: Record<string, TopicInfo> = {
  liability: { id: 'liability-k', label: 'Liability', kind: 'knowledge', factor: 'liability', restsOn: null },
  liabilitySkill: { id: 'liability-s', label: 'Managing liability', kind: 'skill', factor: 'liability', restsOn: 'liability-k' },
  bias: { id: 'bias-s', label: 'Bias', kind: 'skill', factor: 'cognitive-biases', restsOn: null },
  biasKnowledge: { id: 'bias-k', label: 'Bias risks', kind: 'knowledge', factor: 'cognitive-biases', restsOn: null },
};
const topicOf = (id: string): TopicInfo =>
  ({ f1: TOPICS.liability, s1: TOPICS.liability, u1: TOPICS.liability, s2: TOPICS.liabilitySkill, f2: TOPICS.bias, u2: TOPICS.biasKnowledge })[id]!;

const plan = (archetypes: string[]) =>
  planTopicQuestions(index, listApplicableRequirements(index, { archetypes, clinicalDecisionMaking: true }), topicOf).map((page) => ({
    factor: page.factor.id,
    questions: page.questions.map((q) => [q.topic.id, q.statements.map((s) => s.requirement.id), q.highestTarget]),
  }));

describe('planTopicQuestions', () => {
  it.each([
    [[], [{ factor: 'liability', questions: [['liability-k', ['f1'], 'awareness']] }, { factor: 'cognitive-biases', questions: [['bias-s', ['f2'], 'capability']] }]],
    [
      ['shaper'],
      [
        { factor: 'liability', questions: [['liability-k', ['f1', 's1'], 'understanding'], ['liability-s', ['s2'], 'proficiency']] },
        { factor: 'cognitive-biases', questions: [['bias-s', ['f2'], 'capability']] },
      ],
    ],
    [
      ['shaper', 'user'],
      [
        { factor: 'liability', questions: [['liability-k', ['f1', 's1', 'u1'], 'understanding'], ['liability-s', ['s2'], 'proficiency']] },
        // Knowledge comes before skills on a page (R6), even when the skill was met first.
        { factor: 'cognitive-biases', questions: [['bias-k', ['u2'], 'familiarity'], ['bias-s', ['f2'], 'capability']] },
      ],
    ],
  ])('asks %j one question per topic, page per factor', (archetypes, expected) => {
    expect(plan(archetypes)).toEqual(expected);
  });
});
