import { describe, expect, it } from 'vitest';
import { holdersText } from './team-coverage.view-model.ts';
import type { NamedRequirementCoverage } from '../../services/teams/team-coverage.service.ts';

const requirement = (holderNames: string[], shortfall: number): NamedRequirementCoverage => ({
  requirementId: 'a1-01',
  archetype: 'shaper',
  factor: 'governance',
  holders: holderNames.map((n) => n.toLowerCase()),
  holderNames,
  holderCount: holderNames.length,
  shortfall,
  state: shortfall > 0 ? 'uncovered' : holderNames.length === 1 ? 'single-holder' : 'covered',
});

describe('holdersText', () => {
  it.each([
    [[], 1, 1, 'Nobody in the team meets it'],
    [['Ruth Jones'], 0, 1, 'Ruth Jones'],
    [['Ruth Jones', 'Kieran Shah'], 0, 2, 'Ruth Jones, Kieran Shah'],
    [['Ruth Jones'], 1, 2, 'Ruth Jones (needs 1 more holder to reach 2)'],
    [['Ruth Jones'], 2, 3, 'Ruth Jones (needs 2 more holders to reach 3)'],
  ])('%j short by %i of k = %i reads "%s"', (names, shortfall, k, expected) => {
    expect(holdersText(requirement(names, shortfall), k)).toBe(expected);
  });
});
