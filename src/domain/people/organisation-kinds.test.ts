import { describe, expect, it } from 'vitest';
import { canSitUnder } from './organisation-kinds.ts';
import type { OrganisationKind } from './organisation-kinds.ts';

describe('canSitUnder', () => {
  it.each<[OrganisationKind, OrganisationKind | null, boolean]>([
    ['national', null, true],
    ['region', null, false],
    ['region', 'national', true],
    ['integrated-care-system', 'region', true],
    ['integrated-care-system', 'national', false],
    ['trust', 'integrated-care-system', true],
    ['trust', 'region', false],
    ['primary-care-network', 'integrated-care-system', true],
    ['practice', 'primary-care-network', true],
    ['practice', 'integrated-care-system', true],
    ['practice', 'trust', false],
    ['team', 'trust', true],
    ['team', 'practice', true],
    ['team', 'team', true],
    ['team', 'integrated-care-system', false],
    ['national', 'national', false],
  ])('%s under %s: %s', (kind, parent, expected) => {
    expect(canSitUnder(kind, parent)).toBe(expected);
  });
});
