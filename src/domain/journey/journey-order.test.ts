import { describe, expect, it } from 'vitest';
import { gap, resource } from './journey.fixture.ts';
import { planJourney } from './index.ts';

// Each gap has a single closer here, so the selection is fixed and only the order is under test.
describe('journey order', () => {
  it('puts foundational before product-specific before advanced (R5), knowledge before skill', async () => {
    const plan = await planJourney({
      gaps: [gap('adv', { tier: 'advanced' }), gap('prod', { tier: 'product-specific' }), gap('found-skill', { kind: 'skill' }), gap('found')],
      resources: [resource('r-adv', 5, ['adv']), resource('r-prod', 50, ['prod']), resource('r-found-skill', 5, ['found-skill']), resource('r-found', 90, ['found'])],
    });
    expect(plan.order).toEqual(['r-found', 'r-found-skill', 'r-prod', 'r-adv']);
  });

  it('orders by the most urgent gap a resource closes, then fewer minutes, then id', async () => {
    const plan = await planJourney({
      gaps: [gap('f1'), gap('f2'), gap('f3'), gap('adv', { tier: 'advanced' })],
      resources: [resource('b', 20, ['f1']), resource('a', 20, ['f2']), resource('short', 10, ['f3']), resource('mixed', 5, ['adv', 'f3:2'])],
    });
    expect(plan.selected.sort()).toEqual(['a', 'b', 'mixed']);
    expect(plan.order).toEqual(['mixed', 'a', 'b']);
  });

  it('puts prerequisites first even when they serve advanced gaps, and as early as what needs them', async () => {
    const plan = await planJourney({
      gaps: [gap('found'), gap('found-2'), gap('adv', { tier: 'advanced' }), gap('adv-2', { tier: 'advanced' })],
      resources: [resource('needs-adv', 30, ['found'], ['adv-course']), resource('adv-course', 50, ['adv']), resource('quick', 10, ['found-2']), resource('later', 5, ['adv-2'])],
    });
    expect(plan.order).toEqual(['quick', 'adv-course', 'needs-adv', 'later']);
  });

  it('puts knowledge before the skills resting on it (R6), over tier and minutes', async () => {
    const gaps = [gap('practice', { kind: 'skill', restsOn: ['theory'] }), gap('theory', { tier: 'advanced' })];
    const resources = [resource('do-it', 5, ['practice']), resource('learn-it', 60, ['theory'])];
    expect((await planJourney({ gaps, resources })).order).toEqual(['learn-it', 'do-it']);
    const withoutRestsOn = await planJourney({ gaps: [gap('practice', { kind: 'skill' }), gap('theory', { tier: 'advanced' })], resources });
    expect(withoutRestsOn.order).toEqual(['do-it', 'learn-it']);
  });

  it('breaks crossing R6 edges deterministically instead of failing', async () => {
    const plan = await planJourney({
      gaps: [gap('k1'), gap('k2', { tier: 'advanced' }), gap('s1', { kind: 'skill', restsOn: ['k1'] }), gap('s2', { kind: 'skill', restsOn: ['k2'] })],
      resources: [resource('a', 10, ['k1', 's2']), resource('b', 10, ['k2', 's1'])],
    });
    expect(plan.order).toEqual(['a', 'b']);
  });

  it('keeps prerequisite edges when breaking a cycle of R6 edges', async () => {
    const plan = await planJourney({
      gaps: [gap('k1', { tier: 'advanced' }), gap('s1', { kind: 'skill', restsOn: ['k1'] }), gap('other')],
      resources: [resource('skill', 10, ['s1'], ['base']), resource('base', 5, ['other']), resource('theory', 40, ['k1'], ['skill'])],
    });
    // theory needs skill (prerequisite); R6 wants theory before skill: the prerequisite wins.
    expect(plan.order).toEqual(['base', 'skill', 'theory']);
  });
});
