import { describe, expect, it } from 'vitest';
import { findReferenceProblems, frameworkDocumentSchema } from './framework-document.ts';
import type { Topic } from './framework-document.ts';
import { topicDocument } from './topic-document.fixture.ts';
import type { TopicRow } from './topic-document.fixture.ts';

const topic = (id: string, kind: Topic['kind'], restsOn: string | null = null, factor = 'liability'): Topic => ({ id, kind, label: id, factor, restsOn });
const law = topic('law', 'knowledge');
const applying = topic('applying-law', 'skill', 'law');

describe('findReferenceProblems: topics', () => {
  it.each<[string, TopicRow[], Topic[] | undefined, string[]]>([
    ['a document without topics', [['r1', 'knowledge', 'awareness']], undefined, []],
    ['an empty topic list', [['r1', 'knowledge', 'awareness']], [], []],
    ['consistent topics', [['r1', 'knowledge', 'awareness', 'law'], ['r2', 'skill', 'capability', 'applying-law']], [law, applying], []],
    ['a topic named without topics', [['r1', 'knowledge', 'awareness', 'law']], undefined, ['requirement r1: names topic law but the document has no topics']],
    ['a requirement without a topic', [['r1', 'knowledge', 'awareness', 'law'], ['r2', 'knowledge', 'awareness']], [law], ['requirement r2: needs a topic']],
    ['an unknown topic', [['r1', 'knowledge', 'awareness', 'law'], ['r2', 'knowledge', 'awareness', 'lore']], [law], ['requirement r2: unknown topic lore']],
    ['a kind mismatch', [['r1', 'skill', 'capability', 'law']], [law], ['requirement r1: is skill but its topic law is knowledge']],
    ['a duplicate topic id', [['r1', 'knowledge', 'awareness', 'law']], [law, law], ['topic id law appears more than once']],
    ['an unknown topic factor', [['r1', 'knowledge', 'awareness', 'law']], [topic('law', 'knowledge', null, 'nope')], ['topic law: unknown factor nope']],
    ['a topic with no requirements (harmless: it is never asked)', [['r1', 'knowledge', 'awareness', 'law']], [law, topic('spare', 'knowledge')], []],
    [
      'a skill resting on a skill',
      [['r1', 'skill', 'capability', 'a'], ['r2', 'skill', 'capability', 'b']],
      [topic('a', 'skill'), topic('b', 'skill', 'a')],
      ['topic b: rests on a, which is not a knowledge topic'],
    ],
    ['a skill resting on an unknown topic', [['r1', 'skill', 'capability', 'a']], [topic('a', 'skill', 'ghost')], ['topic a: rests on ghost, which is not a knowledge topic']],
    [
      'a knowledge topic resting on another',
      [['r1', 'knowledge', 'awareness', 'law'], ['r2', 'knowledge', 'awareness', 'more-law']],
      [law, topic('more-law', 'knowledge', 'law')],
      ['topic more-law: only a skill topic rests on a knowledge topic'],
    ],
  ])('%s', (_name, rows, topics, problems) => {
    expect(findReferenceProblems(topicDocument(rows, topics))).toEqual(problems);
  });
});

describe('frameworkDocumentSchema: topics', () => {
  it('leaves a document without topics exactly as it was (so its content hash does not change)', () => {
    const doc = topicDocument([['r1', 'knowledge', 'awareness']]);
    expect(doc).not.toHaveProperty('topics');
    expect(doc.requirements[0]).not.toHaveProperty('topic');
  });

  it.each([
    ['a topic id that is not a slug', { id: 'Not A Slug', kind: 'knowledge', label: 'x', factor: 'liability', restsOn: null }],
    ['an unknown kind', { id: 'x', kind: 'attitude', label: 'x', factor: 'liability', restsOn: null }],
    ['an empty label', { id: 'x', kind: 'knowledge', label: '', factor: 'liability', restsOn: null }],
    ['a missing restsOn', { id: 'x', kind: 'knowledge', label: 'x', factor: 'liability' }],
  ])('refuses %s', (_name, bad) => {
    const doc = { ...topicDocument([['r1', 'knowledge', 'awareness']]), topics: [bad] };
    expect(frameworkDocumentSchema.safeParse(doc).success).toBe(false);
  });
});
