import { describe, expect, it } from 'vitest';
import { editDistance, nameSimilarity, nearestMatch, normaliseName } from './nearest-match.ts';

const TOPICS = [
  { id: 'ai-applications-in-health', label: 'Examples of AI applications in health and care' },
  { id: 'how-ai-learns', label: 'How AI learns from data: learning methodologies' },
  { id: 'ce-ukca-marking', label: 'Medical device regulation of AI: CE/UKCA marking and certification' },
  { id: 'model-bias', label: 'Bias in AI models: how it arises and how it is measured and mitigated' },
];

describe('normaliseName', () => {
  it.each([
    ['  CE/UKCA  Marking ', 'ce ukca marking'],
    ['How AI learns: methods', 'how ai learns methods'],
    ['', ''],
  ])('%j → %j', (text, expected) => expect(normaliseName(text)).toBe(expected));
});

describe('editDistance', () => {
  it.each([
    ['', '', 0],
    ['abc', '', 3],
    ['kitten', 'sitting', 3],
    ['health', 'helth', 1],
    ['same', 'same', 0],
  ])('%j → %j is %i', (a, b, expected) => expect(editDistance(a, b)).toBe(expected));
});

describe('nameSimilarity', () => {
  it('is 1 for names that differ only in case, spacing and punctuation, and 0 for an empty one', () => {
    expect(nameSimilarity('How AI Learns', 'how-ai-learns')).toBe(1);
    expect(nameSimilarity('', 'anything')).toBe(0);
  });
});

describe('nearestMatch', () => {
  it.each([
    ['Examples of AI aplications in helth and care', 'ai-applications-in-health'],
    ['AI applications in health', 'ai-applications-in-health'],
    ['how-ai-learn', 'how-ai-learns'],
    ['CE UKCA marking of medical devices', 'ce-ukca-marking'],
    ['bias in ai models', 'model-bias'],
  ])('suggests the topic meant by %j', (typed, id) => {
    expect(nearestMatch(typed, TOPICS)?.id).toBe(id);
  });

  it.each(['quantum entanglement', 'xyz', ''])('suggests nothing for %j, which is like no topic', (typed) => {
    expect(nearestMatch(typed, TOPICS)).toBeUndefined();
  });

  it('keeps the earliest of equally good candidates', () => {
    expect(nearestMatch('abc', [{ id: 'abd', label: 'abd' }, { id: 'abe', label: 'abe' }])?.id).toBe('abd');
  });
});
