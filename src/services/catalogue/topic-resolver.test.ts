import { describe, expect, it } from 'vitest';
import { dartEd } from './framework.fixture.ts';
import { findResourceProblems } from './resource-input.ts';
import { createTopicResolver, unknownTopicMessage } from './topic-resolver.ts';

describe('createTopicResolver', () => {
  const topics = createTopicResolver(dartEd);

  it.each([
    ['ai-applications-in-health', 'ai-applications-in-health'],
    ['Examples of AI applications in health and care', 'ai-applications-in-health'],
    ['  examples of ai   APPLICATIONS in health and care ', 'ai-applications-in-health'],
    ['How AI learns from data: learning methodologies', 'how-ai-learns'],
  ])('reads %j as %s', (text, id) => expect(topics.resolve(text)?.id).toBe(id));

  it('does not guess when resolving: a near miss is not a topic', () => {
    expect(topics.resolve('Examples of AI aplications in health and care')).toBeUndefined();
  });

  it('names the nearest topic in the message for a mistyped one, and none for nonsense', () => {
    expect(unknownTopicMessage(topics, 'Examples of AI aplications in helth and care')).toBe(
      '“Examples of AI aplications in helth and care” is not a topic of the framework. Did you mean “Examples of AI applications in health and care” (ai-applications-in-health)?',
    );
    expect(unknownTopicMessage(topics, 'quantum entanglement')).toBe('“quantum entanglement” is not a topic of the framework. Name it by its id or its label, as in the list of topics');
  });
});

describe('outcomes named by label', () => {
  const check = (outcomes: unknown) => findResourceProblems({ outcomes }, { index: dartEd, forPublishing: false });

  it('takes labels (even with a colon in them) and level labels, stored as ids', () => {
    const { input, problems } = check('How AI learns from data: learning methodologies:Familiarity;ai-definitions:awareness');
    expect(problems.filter((p) => p.field === 'outcomes')).toEqual([]);
    expect(input.outcomes).toEqual([
      { topicId: 'how-ai-learns', level: 'familiarity' },
      { topicId: 'ai-definitions', level: 'awareness' },
    ]);
  });

  it('asks for the level of a topic named without one, and suggests a topic for a mistyped one', () => {
    const messages = check('How AI learns from data: learning methodologies;Healthcare problems suited to AI:awareness').problems.filter((p) => p.field === 'outcomes').map((p) => p.message);
    expect(messages).toEqual([
      'Select the level the resource brings “How AI learns from data: learning methodologies” to: awareness, familiarity, understanding',
      '“Healthcare problems suited to AI” is not a topic of the framework. Did you mean “Healthcare problems best suited to AI” (problems-suited-to-ai)?',
    ]);
  });
});
