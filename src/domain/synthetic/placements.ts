import type { OrganisationKind } from '../people/organisation-kinds.ts';
import type { SettingId } from '../people/profile-options.ts';
import { randomFor } from './synthetic-random.ts';

/** An organisation synthetic people can be placed in: the generator needs only these facts. */
export interface PlacementTarget {
  key: string;
  kind: OrganisationKind;
  /** Where most of its staff work; derived from the kind when not given. */
  setting?: SettingId;
}

export interface Placement {
  organisation: PlacementTarget;
  count: number;
}

/**
 * People per organisation by kind, relative (docs/scale.md §6: ~5,450 a trust, ~46 a practice, ~8 a
 * PCN). Commissioners and national bodies get a few; teams none, as their staff belong to a trust.
 */
export const PEOPLE_WEIGHT_BY_KIND: Record<OrganisationKind, number> = {
  trust: 5450,
  practice: 46,
  'primary-care-network': 8,
  'integrated-care-system': 60,
  region: 40,
  national: 150,
  partner: 15,
  team: 0,
};

export const SETTING_BY_KIND: Record<OrganisationKind, SettingId> = {
  national: 'national-body',
  region: 'national-body',
  'integrated-care-system': 'integrated-care-system',
  trust: 'acute',
  'primary-care-network': 'primary-care',
  practice: 'primary-care',
  team: 'acute',
  partner: 'industry-or-academia',
};

/**
 * Splits `total` people across the organisations in proportion to their kind's weight. With `skew`,
 * trusts vary in size (a Zipf-like spread: a few large teaching trusts, many smaller ones), as the
 * national benchmark wants; the demo keeps sizes even. The counts add up to `total` exactly.
 */
export function placePeople(organisations: Iterable<PlacementTarget>, total: number, options: { seed: number; skew?: boolean }): Placement[] {
  const random = randomFor(options.seed, 'placement');
  const weighted = [...organisations].map((organisation) => {
    const base = PEOPLE_WEIGHT_BY_KIND[organisation.kind];
    // 1/(1 + 3u)^1.5 over uniform u gives sizes from ~1/8 to 1 of the largest; scaled to a mean near 1.
    const spread = options.skew && organisation.kind === 'trust' ? 2.7 / Math.pow(1 + 3 * random(), 1.5) : 1;
    return { organisation, weight: base * spread };
  });
  const sum = weighted.reduce((s, w) => s + w.weight, 0);
  if (sum === 0) return [];
  const placements = weighted.map((w) => ({ organisation: w.organisation, exact: (w.weight / sum) * total }));
  const counts = placements.map((p) => Math.floor(p.exact));
  // Largest remainders take the people rounding left over, so the total is exact.
  let left = total - counts.reduce((s, c) => s + c, 0);
  const byRemainder = placements.map((p, i) => ({ i, r: p.exact - Math.floor(p.exact) })).sort((a, b) => b.r - a.r || a.i - b.i);
  for (const { i } of byRemainder) {
    if (left-- <= 0) break;
    counts[i] = (counts[i] ?? 0) + 1;
  }
  return placements.map((p, i) => ({ organisation: p.organisation, count: counts[i] ?? 0 })).filter((p) => p.count > 0);
}
