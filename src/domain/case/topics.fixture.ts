import { findReferenceProblems, frameworkDocumentSchema } from '../framework/framework-document.ts';
import type { FrameworkDocument } from '../framework/framework-document.ts';
import { fixtureDocument } from '../../../test/support/case-test-support.ts';

/** The CASE tests' mini framework with topics added (only test files import this). */
export const fixtureWithTopics: FrameworkDocument = (() => {
  const topicOf: Record<string, string> = { 'f-01': 'ai-basics', 'p-01': 'applying-liability', 'd-01': 'liability', 'd-02': 'governing', 'f-02': 'applying-liability' };
  const doc = frameworkDocumentSchema.parse({
    ...structuredClone(fixtureDocument),
    version: '1.1.0',
    requirements: fixtureDocument.requirements.map((r) => ({ ...r, topic: topicOf[r.id] })),
    topics: [
      { id: 'ai-basics', kind: 'knowledge', label: 'AI basics', factor: 'ai-literacy', restsOn: null },
      { id: 'liability', kind: 'knowledge', label: 'Liability for AI', factor: 'liability', restsOn: null },
      { id: 'applying-liability', kind: 'skill', label: 'Acting on liability', factor: 'liability', restsOn: 'liability' },
      { id: 'governing', kind: 'skill', label: 'Governing AI', factor: 'governance', restsOn: null },
    ],
  });
  const problems = findReferenceProblems(doc);
  if (problems.length > 0) throw new Error(`topics fixture is inconsistent: ${problems.join('; ')}`);
  return doc;
})();
