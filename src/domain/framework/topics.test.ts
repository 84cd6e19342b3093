import { describe, expect, it } from 'vitest';
import type { Kind, Topic } from './framework-document.ts';
import { indexFramework } from './framework-index.ts';
import { topicDocument } from './topic-document.fixture.ts';
import { sameTopicRequirements, topicIdOf, topicsOf } from './topics.ts';

const topic = (id: string, kind: Kind, restsOn: string | null = null): Topic => ({ id, kind, label: `Label ${id}`, factor: 'liability', restsOn });

const withTopics = indexFramework(
  topicDocument(
    [
      ['r1', 'knowledge', 'awareness', 'law'],
      ['r2', 'skill', 'capability', 'applying-law'],
      ['r3', 'knowledge', 'understanding', 'law'],
      ['r4', 'knowledge', 'familiarity', 'ethics'],
    ],
    [topic('law', 'knowledge'), topic('applying-law', 'skill', 'law'), topic('ethics', 'knowledge')],
  ),
);
const withoutTopics = indexFramework(
  topicDocument([
    ['r1', 'knowledge', 'awareness'],
    ['r2', 'skill', 'capability'],
  ]),
);

describe('topicsOf', () => {
  it.each([
    ['declared topics, in document order', withTopics, [['law', ['r1', 'r3']], ['applying-law', ['r2']], ['ethics', ['r4']]]],
    ['one implicit topic per requirement when there are none', withoutTopics, [['r1', ['r1']], ['r2', ['r2']]]],
  ])('gives %s', (_name, index, expected) => {
    expect(topicsOf(index).map((t) => [t.id, t.requirements.map((r) => r.id)])).toEqual(expected);
  });

  it('keeps what the document says about a declared topic', () => {
    expect(topicsOf(withTopics)[1]).toMatchObject({ id: 'applying-law', kind: 'skill', label: 'Label applying-law', factor: 'liability', restsOn: 'law', isImplicit: false });
  });

  it('makes an implicit topic from the requirement itself', () => {
    expect(topicsOf(withoutTopics)[1]).toMatchObject({ id: 'r2', kind: 'skill', label: 'Statement r2', factor: 'liability', restsOn: null, isImplicit: true });
  });

  it('lets a requirement left without a topic stand alone rather than vanish', () => {
    const index = indexFramework(topicDocument([['r1', 'knowledge', 'awareness', 'law'], ['r2', 'knowledge', 'awareness']], [topic('law', 'knowledge')]));
    expect(topicsOf(index).map((t) => [t.id, t.isImplicit])).toEqual([['law', false], ['r2', true]]);
  });
});

describe('topicIdOf and sameTopicRequirements', () => {
  it.each([
    [withTopics, 'r1', 'law', ['r3']],
    [withTopics, 'r3', 'law', ['r1']],
    [withTopics, 'r2', 'applying-law', []],
    [withoutTopics, 'r1', 'r1', []],
    [withTopics, 'nope', undefined, []],
  ])('%#: %s is under %s with %j', (index, requirementId, topicId, others) => {
    expect(topicIdOf(index, requirementId)).toBe(topicId);
    expect(sameTopicRequirements(index, requirementId).map((r) => r.id)).toEqual(others);
  });
});
