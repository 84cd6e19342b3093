import { describe, expect, it } from 'vitest';
import { dartEd } from '../catalogue/framework.fixture.ts';
import { findPrerequisiteCycle } from '../catalogue/prerequisite-graph.ts';
import { checkResourceInput } from '../catalogue/resource-input.ts';
import { DEMO_CATALOGUE_CURATOR, DEMO_CATALOGUE_OWNER, DEMO_RESOURCES, demoResourceUrl } from './demo-catalogue.ts';
import { DEMO_ORGANISATIONS, DEMO_PEOPLE } from './demo-dataset.ts';

const byKey = new Map(DEMO_RESOURCES.map((r) => [r.key, r]));
const published = DEMO_RESOURCES.filter((r) => r.status === 'published');
const levelRank = (topicId: string, level: string) => {
  const topic = dartEd.topicById.get(topicId);
  return topic ? (dartEd.doc.taxonomy[topic.kind].find((l) => l.id === level)?.rank ?? 0) : 0;
};
/** topic id → the highest rank a published demo resource reaches. */
const reached = new Map<string, number>();
for (const r of published) for (const o of r.outcomes) reached.set(o.topicId, Math.max(reached.get(o.topicId) ?? 0, levelRank(o.topicId, o.level)));

describe('demo catalogue', () => {
  it('holds about sixty resources with unique keys and titles', () => {
    expect(DEMO_RESOURCES.length).toBeGreaterThanOrEqual(55);
    expect(DEMO_RESOURCES.length).toBeLessThanOrEqual(70);
    expect(byKey.size).toBe(DEMO_RESOURCES.length);
    expect(new Set(DEMO_RESOURCES.map((r) => r.title.toLowerCase())).size).toBe(DEMO_RESOURCES.length);
  });

  it('passes the checks an educator’s resource must pass to be published', () => {
    for (const r of DEMO_RESOURCES) {
      expect(() => checkResourceInput({ ...r, url: demoResourceUrl(r.key), prerequisiteIds: [] }, { index: dartEd, forPublishing: true }), r.key).not.toThrow();
    }
  });

  it('says everywhere that it is sample data, and links only to example.org', () => {
    for (const r of DEMO_RESOURCES) {
      expect(r.provider, r.key).toMatch(/\(demo data\)$/);
      expect(new URL(demoResourceUrl(r.key)).hostname).toBe('example.org');
    }
  });

  it('has prerequisites that exist, come published before published resources, and never loop', () => {
    const links = new Map(DEMO_RESOURCES.map((r) => [r.key, r.prerequisites]));
    for (const r of DEMO_RESOURCES) {
      for (const p of r.prerequisites) {
        expect(byKey.has(p), `${r.key} needs ${p}`).toBe(true);
        if (r.status === 'published') expect(byKey.get(p)?.status, `${r.key} needs ${p}`).toBe('published');
      }
    }
    expect(DEMO_RESOURCES.filter((r) => r.prerequisites.length > 0).length).toBeGreaterThanOrEqual(3);
    expect(findPrerequisiteCycle(links, links.keys())).toBeUndefined();
  });

  it('covers every foundational statement, and leaves some advanced ones for the curation-gap report', () => {
    const foundational = dartEd.doc.requirements.filter((r) => r.tier === 'foundational');
    for (const requirement of foundational) {
      const topicId = dartEd.topicByRequirementId.get(requirement.id)?.id ?? '';
      expect(reached.get(topicId) ?? 0, `${requirement.id} (${topicId})`).toBeGreaterThanOrEqual(levelRank(topicId, requirement.level));
    }
    const untaught = [...dartEd.topicById.keys()].filter((id) => !reached.has(id));
    expect(untaught).toEqual(expect.arrayContaining(['international-regulatory-alignment', 'model-training', 'resolving-disagreement']));
    expect(reached.size).toBeGreaterThan(dartEd.topicById.size / 2);
  });

  it('varies formats, lengths and costs, mostly free, some accredited and some a supplier’s own', () => {
    expect(new Set(published.map((r) => r.format)).size).toBeGreaterThanOrEqual(8);
    const minutes = published.map((r) => r.durationMinutes);
    expect(Math.min(...minutes)).toBeLessThanOrEqual(5);
    expect(Math.max(...minutes)).toBeGreaterThanOrEqual(10_000);
    expect(published.filter((r) => r.costPence === 0).length).toBeGreaterThan(published.length / 2);
    expect(published.some((r) => r.cpdAccredited)).toBe(true);
    expect(published.some((r) => !r.vendorNeutral)).toBe(true);
  });

  it('belongs to the national organisation and is curated by a demo educator there', () => {
    const curator = DEMO_PEOPLE.find((p) => p.key === DEMO_CATALOGUE_CURATOR);
    expect(curator?.roles).toContain('educator');
    expect(curator?.organisation).toBe(DEMO_CATALOGUE_OWNER);
    expect(DEMO_ORGANISATIONS.find((o) => o.key === DEMO_CATALOGUE_OWNER)?.kind).toBe('national');
  });
});
