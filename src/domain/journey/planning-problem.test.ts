import { describe, expect, it } from 'vitest';
import { gap, resource } from './journey.fixture.ts';
import { PlanInputError, planJourney } from './index.ts';
import type { PlanRequest } from './index.ts';

const base: PlanRequest = { gaps: [gap('x'), gap('s', { kind: 'skill', target: 2 })], resources: [resource('r', 10, ['x']), resource('p', 5, [])] };

describe('planJourney input validation', () => {
  it.each<[string, PlanRequest, RegExp]>([
    ['negative minutes', { ...base, resources: [resource('r', -1, ['x'])] }, /resource "r" has -1 minutes/],
    ['non-finite minutes', { ...base, resources: [resource('r', Number.NaN, ['x'])] }, /resource "r" has NaN minutes/],
    ['infinite minutes', { ...base, resources: [resource('r', Infinity, ['x'])] }, /resource "r" has Infinity minutes/],
    ['an outcome on an unknown gap', { ...base, resources: [resource('r', 10, ['nope'])] }, /resource "r" has an outcome on unknown gap "nope"/],
    ['an outcome level beyond the scale', { ...base, resources: [resource('r', 10, ['s:3'])] }, /resource "r" brings gap "s" to level 3; a skill level is a rank from 1 to 2/],
    ['a fractional outcome level', { ...base, resources: [resource('r', 10, ['x:1.5'])] }, /resource "r" brings gap "x" to level 1.5/],
    ['a duplicate resource id', { ...base, resources: [resource('r', 10, ['x']), resource('r', 5, [])] }, /resource "r" appears twice/],
    ['an empty resource id', { ...base, resources: [resource('', 10, ['x'])] }, /resource at position 0 needs a non-empty id/],
    ['a duplicate gap id', { ...base, gaps: [gap('x'), gap('x')] }, /gap "x" appears twice/],
    ['a target beyond the scale', { ...base, gaps: [gap('x', { target: 4 })] }, /gap "x" has target 4; a knowledge target is a rank from 1 to 3/],
    ['a current level at the target', { ...base, gaps: [gap('x', { current: 1, target: 1 })] }, /gap "x" has current level 1/],
    ['a negative weight', { ...base, gaps: [gap('x', { weight: -2 })] }, /gap "x" has weight -2/],
    ['an unknown tier', { ...base, gaps: [gap('x', { tier: 'basic' as never })] }, /gap "x" has unknown tier "basic"/],
    ['an unknown kind', { ...base, gaps: [gap('x', { kind: 'attitude' as never })] }, /gap "x" has unknown kind "attitude"/],
    ['a negative budget', { ...base, budgetMinutes: -5 }, /budgetMinutes is -5/],
    ['a zero time limit', { ...base, timeLimitMs: 0 }, /timeLimitMs is 0/],
    ['an unknown required resource', { ...base, required: ['ghost'] }, /required resource "ghost" is not in the resource list/],
    ['a resource both required and excluded', { ...base, required: ['r'], excluded: ['r'] }, /resource "r" is both required and excluded/],
    [
      'a required resource missing a prerequisite',
      { ...base, resources: [resource('r', 10, ['x'], ['gone'])], required: ['r'] },
      /required resource "r" is unusable: prerequisite "gone" is missing or excluded/,
    ],
  ])('rejects %s', async (_, request, message) => {
    const attempt = planJourney(request);
    await expect(attempt).rejects.toThrow(PlanInputError);
    await expect(attempt).rejects.toThrow(message);
  });

  it('accepts unknown excluded ids and restsOn entries', async () => {
    const plan = await planJourney({ ...base, gaps: [gap('x', { restsOn: ['elsewhere'] })], excluded: ['ghost'] });
    expect(plan.selected).toEqual(['r']);
  });
});
