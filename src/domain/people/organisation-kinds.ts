/** The NHS organisation tree the hub models, from national down to teams. */
export const ORGANISATION_KINDS = ['national', 'region', 'integrated-care-system', 'trust', 'primary-care-network', 'practice', 'team', 'partner'] as const;
export type OrganisationKind = (typeof ORGANISATION_KINDS)[number];

export const ORGANISATION_KIND_LABELS: Record<OrganisationKind, string> = {
  national: 'National',
  region: 'Region',
  'integrated-care-system': 'Integrated care system',
  trust: 'Trust',
  'primary-care-network': 'Primary care network',
  practice: 'Practice',
  team: 'Team',
  partner: 'Partner organisation (industry or academia)',
};

/** Which kinds of organisation each kind may sit under (`null`: at the top of the tree). */
const ALLOWED_PARENTS: Record<OrganisationKind, ReadonlyArray<OrganisationKind | null>> = {
  national: [null],
  region: ['national'],
  'integrated-care-system': ['region'],
  trust: ['integrated-care-system'],
  'primary-care-network': ['integrated-care-system'],
  practice: ['integrated-care-system', 'primary-care-network'],
  team: ['trust', 'primary-care-network', 'practice', 'team'],
  // An industry or academic partner sits under the NHS organisation that works with it, so that
  // organisation's admins can invite its staff (Box 5: Triadix with the Linchester ICS).
  partner: ['national', 'region', 'integrated-care-system', 'trust'],
};

export function canSitUnder(kind: OrganisationKind, parentKind: OrganisationKind | null): boolean {
  return ALLOWED_PARENTS[kind].includes(parentKind);
}

export function allowedParentKinds(kind: OrganisationKind): ReadonlyArray<OrganisationKind | null> {
  return ALLOWED_PARENTS[kind];
}
