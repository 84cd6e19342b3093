import { describe, expect, it } from 'vitest';
import { gap, resource } from './journey.fixture.ts';
import { planJourney, PlanInputError } from './index.ts';
import type { PlanRequest } from './index.ts';
import { capTargetsAtReach } from './reachable-targets.ts';

// Gap "t": from nothing to familiarity (2), as when a foundational awareness statement and an
// advanced familiarity statement share a topic.
const wanted = gap('t', { target: 2 });

describe('capTargetsAtReach', () => {
  it.each<[string, PlanRequest, Array<{ gap: string; requested: number; planned: number }>, number]>([
    ['the target is taught: unchanged', { gaps: [wanted], resources: [resource('r', 10, ['t:2'])] }, [], 2],
    ['only awareness is taught: aimed at awareness', { gaps: [wanted], resources: [resource('r', 10, ['t:1'])] }, [{ gap: 't', requested: 2, planned: 1 }], 1],
    ['nothing teaches it: unchanged, left unclosable', { gaps: [wanted], resources: [] }, [], 2],
    ['only what the learner holds is taught: unchanged', { gaps: [gap('t', { current: 1, target: 3 })], resources: [resource('r', 10, ['t:1'])] }, [], 3],
    ['understanding asked, familiarity taught above awareness held', { gaps: [gap('t', { current: 1, target: 3 })], resources: [resource('r', 10, ['t:2'])] }, [{ gap: 't', requested: 3, planned: 2 }], 2],
    ['the target is taught only by an excluded resource', { gaps: [wanted], resources: [resource('a', 10, ['t:1']), resource('f', 5, ['t:2'])], excluded: ['f'] }, [{ gap: 't', requested: 2, planned: 1 }], 1],
    ['the target is taught only behind a missing prerequisite', { gaps: [wanted], resources: [resource('a', 10, ['t:1']), resource('f', 5, ['t:2'], ['gone'])] }, [{ gap: 't', requested: 2, planned: 1 }], 1],
    ['the target is taught behind an excluded prerequisite', { gaps: [wanted], resources: [resource('a', 10, ['t:1']), resource('p', 5, []), resource('f', 5, ['t:2'], ['p'])], excluded: ['p'] }, [{ gap: 't', requested: 2, planned: 1 }], 1],
    ['a usable prerequisite chain keeps the target', { gaps: [wanted], resources: [resource('p', 5, []), resource('f', 5, ['t:2'], ['p'])] }, [], 2],
  ])('%s', (_, request, lowered, target) => {
    const capped = capTargetsAtReach(request);
    expect(capped.lowered).toEqual(lowered);
    expect(capped.request.gaps[0]?.target).toBe(target);
  });

  it('leaves the request untouched when nothing is lowered', () => {
    const request: PlanRequest = { gaps: [wanted], resources: [resource('r', 10, ['t:2'])] };
    expect(capTargetsAtReach(request).request).toBe(request);
  });

  it('rejects a malformed request as the planner does', () => {
    expect(() => capTargetsAtReach({ gaps: [wanted], resources: [resource('r', 10, ['nope'])] })).toThrow(PlanInputError);
  });

  it('lets the planner meet the lower statements on a topic whose target no resource reaches', async () => {
    const request: PlanRequest = { gaps: [wanted, gap('other')], resources: [resource('aware', 20, ['t:1']), resource('o', 5, ['other'])] };
    expect((await planJourney(request)).unclosable).toEqual(['t']);
    const plan = await planJourney(capTargetsAtReach(request).request);
    expect(plan.selected.sort()).toEqual(['aware', 'o']);
    expect(plan.closed.sort()).toEqual(['other', 't']);
  });
});
