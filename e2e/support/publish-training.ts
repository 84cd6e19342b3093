import type { Viewer } from '../../src/services/identity/viewer.ts';
import type { KnowledgeCheck } from '../../src/domain/products/index.ts';
import type { TestHub } from '../../test/support/test-hub.ts';

const ONE_QUESTION: KnowledgeCheck = {
  passMarkPercent: 100,
  questions: [{ id: 'q1', prompt: 'Who reports each film?', kind: 'single', options: [{ id: 'a', text: 'A radiologist' }, { id: 'b', text: 'Nobody' }], correct: ['a'] }],
};

/**
 * Publishes a version's training module as its product lead would, every section in their own
 * words: versions go live only once their training is published (issue 11). Steps a browser
 * walk is not about. Returns the module id.
 */
export async function publishTrainingAs(hub: TestHub, viewer: Viewer, productName: string, label: string, knowledgeCheck: KnowledgeCheck = ONE_QUESTION): Promise<string> {
  const { products, productTraining } = hub.services;
  const product = (await products.listProducts({ viewer })).find((p) => p.name === productName);
  const version = product ? (await products.getProduct({ viewer, id: product.id })).versions.find((v) => v.label === label) : undefined;
  if (!product || !version) throw new Error(`no version ${label} of ${productName}`);
  const where = { viewer, productId: product.id, productVersionId: version.id };
  const draft = await productTraining.getModuleDraft(where);
  const sections = Object.fromEntries(draft.sections.map((s) => [s.requirementId, `Our guidance on: ${s.statement}`]));
  const reviewed = draft.sections.map((s) => s.requirementId);
  const saved = await productTraining.saveModule({ ...where, ...(draft.module ? { version: draft.module.version } : {}), input: { sections, reviewed, knowledgeCheck } });
  const published = await productTraining.publishModule({ ...where, version: saved.module?.version });
  return published.module!.id;
}
