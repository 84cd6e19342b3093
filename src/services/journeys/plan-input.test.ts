import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { frameworkDocumentSchema } from '../../domain/framework/framework-document.ts';
import { indexFramework } from '../../domain/framework/framework-index.ts';
import type { TopicGap } from '../../domain/assessment/topic-gaps.ts';
import { buildPlanRequest, filtersLeavingOut, gapWeights, matchesPreferences, NO_PREFERENCES } from './plan-input.ts';
import type { PlanFilter, PlanInput, PlannableResource } from './plan-input.ts';

const raw: unknown = JSON.parse(readFileSync(new URL('../../../frameworks/dart-ed-2022.json', import.meta.url), 'utf8'));
const index = indexFramework(frameworkDocumentSchema.parse(raw));

const gap = (topicId: string, tier: TopicGap['tier'], currentRank = 0, targetRank = 2): TopicGap => {
  const topic = index.topicById.get(topicId)!;
  return { topic, tier, archetypes: [], current: undefined, currentRank, target: 'familiarity', targetRank, requirementIds: [] };
};
const resource = (id: string, outcomes: PlannableResource['outcomes'], extra: Partial<PlannableResource> = {}): PlannableResource => ({
  id,
  title: id,
  provider: 'p',
  status: 'published',
  sample: false,
  format: 'video',
  durationMinutes: 30,
  costPence: 0,
  cpdAccredited: false,
  vendorNeutral: true,
  outcomes,
  prerequisiteIds: [],
  ...extra,
});

describe('gap weights', () => {
  it('makes each foundational or product-specific gap outweigh every advanced gap together (R5)', () => {
    const gaps = [gap('ai-definitions', 'foundational'), gap('how-ai-learns', 'product-specific'), gap('ai-applications-in-health', 'advanced'), gap('problems-suited-to-ai', 'advanced')];
    const weights = gapWeights(gaps);
    expect(weights.get('ai-definitions')).toBe(3);
    expect(weights.get('how-ai-learns')).toBe(3);
    expect(weights.get('ai-applications-in-health')).toBe(1);
    expect(weights.get('ai-definitions')!).toBeGreaterThan(weights.get('ai-applications-in-health')! + weights.get('problems-suited-to-ai')!);
  });
});

describe('preferences', () => {
  it('filters formats, cost, vendor neutrality and accreditation', () => {
    const paidSupplierWorkshop = resource('r', [], { format: 'workshop', costPence: 100, vendorNeutral: false, cpdAccredited: true });
    expect(matchesPreferences(paidSupplierWorkshop, NO_PREFERENCES)).toBe(true);
    expect(matchesPreferences(paidSupplierWorkshop, { ...NO_PREFERENCES, formats: ['video'] })).toBe(false);
    expect(matchesPreferences(paidSupplierWorkshop, { ...NO_PREFERENCES, formats: ['workshop'] })).toBe(true);
    expect(matchesPreferences(paidSupplierWorkshop, { ...NO_PREFERENCES, freeOnly: true })).toBe(false);
    expect(matchesPreferences(paidSupplierWorkshop, { ...NO_PREFERENCES, vendorNeutralOnly: true })).toBe(false);
    expect(matchesPreferences(resource('r', []), { ...NO_PREFERENCES, accreditedOnly: true })).toBe(false);
  });
});

describe('buildPlanRequest', () => {
  const gaps = [gap('ai-definitions', 'foundational', 1, 2)];

  it('maps levels to ranks, drops outcomes on topics that are not gaps, and keeps required items whatever the preferences', () => {
    const request = buildPlanRequest(index, {
      gaps,
      resources: [resource('a', [{ topicId: 'ai-definitions', level: 'understanding' }, { topicId: 'how-ai-learns', level: 'awareness' }]), resource('paid', [{ topicId: 'ai-definitions', level: 'familiarity' }], { costPence: 500 }), resource('paid-required', [], { costPence: 500 })],
      preferences: { ...NO_PREFERENCES, freeOnly: true },
      budgetMinutes: null,
      required: ['paid-required'],
      excluded: [],
    });
    expect(request.resources.map((r) => r.id)).toEqual(['a', 'paid-required']);
    expect(request.resources[0]!.outcomes).toEqual([{ gap: 'ai-definitions', level: 3 }]);
    expect(request.gaps[0]).toMatchObject({ id: 'ai-definitions', current: 1, target: 2, kind: 'knowledge', tier: 'foundational' });
    expect(request.required).toEqual(['paid-required']);
    expect(request.budgetMinutes).toBeUndefined();
  });

  it('links a skill gap to the knowledge gap it rests on only when both are gaps (R6)', () => {
    const skill = [...index.topicById.values()].find((t) => t.kind === 'skill' && t.restsOn)!;
    const withKnowledge = buildPlanRequest(index, { gaps: [gap(skill.restsOn!, 'advanced'), { ...gap(skill.id, 'advanced'), targetRank: 1 }], resources: [], preferences: NO_PREFERENCES, budgetMinutes: 60, required: [], excluded: [] });
    expect(withKnowledge.gaps[1]!.restsOn).toEqual([skill.restsOn]);
    expect(withKnowledge.budgetMinutes).toBe(60);
    const alone = buildPlanRequest(index, { gaps: [{ ...gap(skill.id, 'advanced'), targetRank: 1 }], resources: [], preferences: NO_PREFERENCES, budgetMinutes: null, required: [], excluded: [] });
    expect(alone.gaps[0]!.restsOn).toEqual([]);
  });
});

describe('filtersLeavingOut', () => {
  const base: PlanInput = { gaps: [], resources: [], preferences: NO_PREFERENCES, budgetMinutes: null, required: [], excluded: [] };
  const paid = resource('paid', [], { costPence: 500 });
  const supplierWorkshop = resource('supplier', [], { format: 'workshop', vendorNeutral: false });
  const free = resource('free', []);
  const needsPaid = resource('needs-paid', [], { prerequisiteIds: ['paid'] });

  it.each<[string, Partial<PlanInput>, Record<string, PlanFilter[]>]>([
    ['no settings leave nothing out', {}, { paid: [], supplier: [], free: [], 'needs-paid': [] }],
    ['free only names cost, and the resource that needs a paid one first', { preferences: { ...NO_PREFERENCES, freeOnly: true } }, { paid: ['free'], supplier: [], free: [], 'needs-paid': ['prerequisite'] }],
    [
      'every preference a resource fails is named',
      { preferences: { formats: ['workshop'], freeOnly: true, vendorNeutralOnly: true, accreditedOnly: true } },
      { paid: ['format', 'free', 'accredited'], supplier: ['vendor-neutral', 'accredited'], free: ['format', 'accredited'], 'needs-paid': ['format', 'accredited', 'prerequisite'] },
    ],
    ['a swapped-out resource', { excluded: ['free'] }, { paid: [], supplier: [], free: ['swapped-out'], 'needs-paid': [] }],
    ['a template followed exactly', { onlyResources: ['free', 'needs-paid', 'paid'] }, { paid: [], supplier: ['not-in-template'], free: [], 'needs-paid': [] }],
    ['required resources and their prerequisites are never left out', { preferences: { ...NO_PREFERENCES, freeOnly: true }, required: ['needs-paid'] }, { paid: [], supplier: [], free: [], 'needs-paid': [] }],
    ['completed resources are not listed, and met as prerequisites', { preferences: { ...NO_PREFERENCES, freeOnly: true }, completed: new Set(['paid']) }, { supplier: [], free: [], 'needs-paid': [] }],
  ])('%s', (_, input, expected) => {
    const found = filtersLeavingOut({ ...base, resources: [paid, supplierWorkshop, free, needsPaid], ...input });
    expect(Object.fromEntries(found)).toEqual(expected);
  });
});
