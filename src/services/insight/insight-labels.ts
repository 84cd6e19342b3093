import type { InsightDimension } from '../../db/insight.repository.ts';
import type { FrameworkIndex } from '../../domain/framework/framework-index.ts';
import { ORGANISATION_KIND_LABELS } from '../../domain/people/organisation-kinds.ts';
import type { OrganisationKind } from '../../domain/people/organisation-kinds.ts';
import { PROFESSIONAL_GROUPS, SETTINGS } from '../../domain/people/profile-options.ts';

/** The breakdowns a viewer can choose, with the words pages use for them. */
export const BREAKDOWN_LABELS: Record<Exclude<InsightDimension, 'all'>, string> = {
  professional_group: 'Professional group',
  setting: 'Setting',
  organisation_kind: 'Kind of organisation',
  archetype: 'Archetype',
  clinical: 'Clinical decision making',
};
export const BREAKDOWNS = Object.keys(BREAKDOWN_LABELS) as Array<Exclude<InsightDimension, 'all'>>;

/** Breakdowns where each person has exactly one value, so the values add up to everyone. */
export const isExclusive = (dimension: InsightDimension): boolean => dimension !== 'archetype';

const GROUPS = new Map<string, string>(PROFESSIONAL_GROUPS.map((g) => [g.id, g.label]));
const SETTING_LABELS = new Map<string, string>(SETTINGS.map((s) => [s.id, s.label]));

/** A dimension value as people read it; '' is "not given", as the rollups store it. */
export function labelOf(index: FrameworkIndex, dimension: InsightDimension, value: string): string {
  if (value === '') return 'Not given';
  switch (dimension) {
    case 'all':
      return 'Everyone';
    case 'archetype':
      return index.archetypeById.get(value)?.label ?? value;
    case 'professional_group':
      return GROUPS.get(value) ?? value;
    case 'setting':
      return SETTING_LABELS.get(value) ?? value;
    case 'organisation_kind':
      return ORGANISATION_KIND_LABELS[value as OrganisationKind] ?? value;
    case 'clinical':
      return value === 'true' ? 'Uses AI in clinical decisions' : 'Does not';
  }
}

/** The order values are listed in: the fixed lists' order, then anything else, "not given" last. */
export function orderOf(index: FrameworkIndex, dimension: InsightDimension): (value: string) => number {
  const known: readonly string[] =
    dimension === 'archetype' ? index.doc.archetypes.map((a) => a.id)
    : dimension === 'professional_group' ? PROFESSIONAL_GROUPS.map((g) => g.id)
    : dimension === 'setting' ? SETTINGS.map((s) => s.id)
    : dimension === 'organisation_kind' ? Object.keys(ORGANISATION_KIND_LABELS)
    : dimension === 'clinical' ? ['true', 'false']
    : ['*'];
  return (value) => (value === '' ? 1_000 : known.includes(value) ? known.indexOf(value) : 500);
}

export const TIER_LABELS: Record<string, string> = { foundational: 'Foundational', advanced: 'Advanced', 'product-specific': 'Product-specific' };
