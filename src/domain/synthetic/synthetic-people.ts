import type { OrganisationKind } from '../people/organisation-kinds.ts';
import type { ProfessionalGroupId, SettingId } from '../people/profile-options.ts';
import { SETTING_BY_KIND } from './placements.ts';
import type { Placement } from './placements.ts';
import { pick, pickWeighted, randomFor } from './synthetic-random.ts';
import type { Random } from './synthetic-random.ts';
import { ARCHETYPE_SHARE, CLINICAL_SHARE, FIRST_NAMES, GROUP_MIX_BY_SETTING, GP_ONLY_TITLES, JOB_TITLES, SURNAMES } from './workforce-mix.ts';

/**
 * `.invalid` is reserved (RFC 6761): no address on it can reach a mailbox, and the outbox refuses
 * it (outbox.repository.ts), so nothing is ever sent to a synthetic person.
 */
export const SYNTHETIC_EMAIL_DOMAIN = 'synthetic.invalid';

export interface SyntheticPerson {
  /** Position in the stream, from 0: seeds the person's own rows. */
  index: number;
  organisationKey: string;
  organisationKind: OrganisationKind;
  email: string;
  displayName: string;
  jobTitle: string;
  /** The first person of each organisation also supervises its other synthetic staff. */
  isSupervisor: boolean;
  /** Index of the person who verifies this person's ratings; null for the supervisors themselves. */
  supervisorIndex: number | null;
  archetypes: string[];
  professionalGroup: ProfessionalGroupId;
  setting: SettingId;
  clinicalDecisionMaking: boolean;
}

export interface WorkforceOptions {
  seed: number;
  /** Distinguishes runs in one database: the e-mail local part starts with it. */
  emailPrefix?: string;
}

function settingOf(random: Random, orgSetting: SettingId): SettingId {
  // A few hospital-trust staff work in the trust's community services.
  if (orgSetting === 'acute' && random() < 0.08) return 'community';
  return orgSetting;
}

/** General practice titles only in primary care, and hospital ones everywhere else. */
function jobTitleOf(random: Random, group: ProfessionalGroupId, setting: SettingId): string {
  const titles = JOB_TITLES[group].filter((t) => GP_ONLY_TITLES.includes(t) === (setting === 'primary-care'));
  return pick(random, titles.length > 0 ? titles : JOB_TITLES[group]);
}

function archetypesOf(random: Random): string[] {
  const extra = ARCHETYPE_SHARE.filter(([, share]) => random() < share).map(([id]) => id);
  return [...extra, 'user'];
}

/** One person, from their own seeded generator: the same index and seed give the same person. */
export function syntheticPerson(index: number, placement: { organisationKey: string; kind: OrganisationKind; setting: SettingId; supervisorIndex: number }, options: WorkforceOptions): SyntheticPerson {
  const random = randomFor(options.seed, 'person', index);
  const setting = settingOf(random, placement.setting);
  const professionalGroup = pickWeighted(random, GROUP_MIX_BY_SETTING[setting]);
  const isSupervisor = index === placement.supervisorIndex;
  return {
    index,
    organisationKey: placement.organisationKey,
    organisationKind: placement.kind,
    email: `${options.emailPrefix ?? 'synthetic'}-${index}@${SYNTHETIC_EMAIL_DOMAIN}`,
    displayName: `${pick(random, FIRST_NAMES)} ${pick(random, SURNAMES)}`,
    jobTitle: jobTitleOf(random, professionalGroup, setting),
    isSupervisor,
    supervisorIndex: isSupervisor ? null : placement.supervisorIndex,
    archetypes: archetypesOf(random),
    professionalGroup,
    setting,
    clinicalDecisionMaking: random() < CLINICAL_SHARE[professionalGroup],
  };
}

/**
 * The synthetic workforce, streamed: organisation by organisation, `count` people each. Nothing is
 * kept between people, so 1.5 million cost no more memory than ten.
 */
export function* syntheticWorkforce(placements: Iterable<Placement>, options: WorkforceOptions): Generator<SyntheticPerson> {
  let index = 0;
  for (const { organisation, count } of placements) {
    const placement = { organisationKey: organisation.key, kind: organisation.kind, setting: organisation.setting ?? SETTING_BY_KIND[organisation.kind], supervisorIndex: index };
    for (let i = 0; i < count; i++, index++) yield syntheticPerson(index, placement, options);
  }
}
