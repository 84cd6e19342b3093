import { describe, expect, it } from 'vitest';
import { compareScopes, planScopeOf } from './plan-scope.ts';

const framework = { id: 'dart-ed', version: '1.1.0' };
const planned = planScopeOf(framework, [
  { topicId: 'b', target: 'familiarity' },
  { topicId: 'a', target: 'awareness' },
  { topicId: 'c', target: 'capability' },
]);

describe('whether a journey was planned for what applies now', () => {
  it('keeps targets in a stable order, so equal scopes compare equal however they were listed', () => {
    expect(Object.keys(planned.targets)).toEqual(['a', 'b', 'c']);
    expect(planned.framework).toBe('dart-ed@1.1.0');
  });

  it.each([
    ['nothing changed', planScopeOf(framework, [{ topicId: 'c', target: 'capability' }, { topicId: 'a', target: 'awareness' }, { topicId: 'b', target: 'familiarity' }]), null],
    [
      'a focus took subjects out of scope',
      planScopeOf(framework, [{ topicId: 'a', target: 'awareness' }]),
      { frameworkChanged: false, noLongerApply: ['b', 'c'], nowApply: [], targetChanged: [] },
    ],
    [
      'a new archetype brought subjects in and raised a target',
      planScopeOf(framework, [{ topicId: 'a', target: 'understanding' }, { topicId: 'b', target: 'familiarity' }, { topicId: 'c', target: 'capability' }, { topicId: 'd', target: 'awareness' }]),
      { frameworkChanged: false, noLongerApply: [], nowApply: ['d'], targetChanged: ['a'] },
    ],
    [
      'a new framework version, even with the same subjects',
      { ...planned, framework: 'dart-ed@1.2.0' },
      { frameworkChanged: true, noLongerApply: [], nowApply: [], targetChanged: [] },
    ],
  ])('%s', (_name, now, expected) => {
    expect(compareScopes(planned, now)).toEqual(expected);
  });
});
