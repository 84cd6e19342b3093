import { describe, expect, it } from 'vitest';
import type { KnowledgeCheck, ModuleSection } from '../../domain/products/index.ts';
import { snapshotOf } from './module-revisions.ts';

const section = (requirementId: string, topicId: string, prefillFields: ModuleSection['prefillFields'] = []): ModuleSection => ({
  requirementId,
  statement: `Statement ${requirementId}`,
  topicId,
  factor: 'governance',
  kind: 'knowledge',
  level: 'familiarity',
  prefillFields,
  needsOwnWords: false,
});
const plan = [section('t2-05', 'intended-use', ['intendedUse']), section('t2-07', 'fairness')];
const check: KnowledgeCheck = { passMarkPercent: 80, questions: [{ id: 'q1', prompt: 'Who reviews?', kind: 'single', options: [{ id: 'a', text: 'A radiologist' }], correct: ['a'] }] };

describe('snapshotOf', () => {
  it('keeps exactly what learners read: the facts pulled in, then the content', () => {
    const snapshot = snapshotOf(plan, { 't2-07': 'Ours.' }, { intendedUse: 'Triage.' }, check);
    expect(snapshot.sections).toEqual([
      { requirementId: 't2-05', statement: 'Statement t2-05', markdown: '**Intended use:** Triage.' },
      { requirementId: 't2-07', statement: 'Statement t2-07', markdown: 'Ours.' },
    ]);
    expect(snapshot.content).toEqual({ 't2-07': 'Ours.' });
  });

  it('hashes the same text the same whatever order its keys come back in, and any change differently', () => {
    const a = snapshotOf(plan, { 't2-07': 'Ours.' }, { intendedUse: 'Triage.' }, check);
    const reordered = JSON.parse(JSON.stringify({ questions: check.questions, passMarkPercent: check.passMarkPercent })) as KnowledgeCheck;
    expect(snapshotOf(plan, { 't2-07': 'Ours.' }, { intendedUse: 'Triage.' }, reordered).contentHash).toBe(a.contentHash);
    expect(snapshotOf(plan, { 't2-07': 'Ours!' }, { intendedUse: 'Triage.' }, check).contentHash).not.toBe(a.contentHash);
    expect(snapshotOf(plan, { 't2-07': 'Ours.' }, { intendedUse: 'Triage now.' }, check).contentHash).not.toBe(a.contentHash);
    expect(snapshotOf(plan, { 't2-07': 'Ours.' }, { intendedUse: 'Triage.' }, { ...check, passMarkPercent: 90 }).contentHash).not.toBe(a.contentHash);
  });
});
