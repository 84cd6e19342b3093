import type { OrganisationKind } from '../../domain/people/organisation-kinds.ts';
import { PLATFORM_ROLE_LABELS } from '../../domain/people/platform-roles.ts';
import type { PlatformRole } from '../../domain/people/platform-roles.ts';
import type { ProfessionalGroupId, SettingId } from '../../domain/people/profile-options.ts';

/**
 * The demo hub: the report's fictional organisations (Box 2 and Box 5: Nymouth ICS, Linchester ICS;
 * section 3.5: Holpot Hill GP practice) and its section 3.5 personas and Box 5 AI MDT roles as
 * people. Every name of a person is invented. Organisation and person keys are local to this file.
 */

/** Every demo account signs in with this. It is printed on the sign-in page, so it guards nothing. */
export const DEMO_PASSWORD = 'confidence-hub-demo';
/** `.example` is reserved (RFC 2606), so no demo address can reach a real mailbox. */
export const DEMO_EMAIL_DOMAIN = 'demo.confidence-hub.example';

export interface DemoOrganisation {
  key: string;
  kind: OrganisationKind;
  name: string;
  /** Key of the parent; parents are listed before their children. */
  parent: string | null;
  /**
   * A made-up ODS code, so CIS2 sign-in can be tried against `confidence-hub dev oidc`. Every demo
   * code starts `ZZ`, unlike the codes ODS gives trusts (R…), ICBs (Q…) and GP practices (a letter and
   * five digits), so the demo is not mistaken for a real organisation.
   */
  odsCode?: string;
}

/** Where a demo person comes from in the report. */
export type DemoSource =
  | { kind: 'persona'; id: string }
  /** Box 2 names the organisation for most roles; its User works across both ICSs. */
  | { kind: 'box-2'; role: string; organisation: string | null }
  | { kind: 'box-5'; role: string }
  /** Box 5 names these people's part but not as one of its eight roles (Triadix staff, the public). */
  | { kind: 'box-5-team'; description: string }
  | { kind: 'hub' };

export interface DemoPerson {
  key: string;
  displayName: string;
  jobTitle: string;
  organisation: string;
  roles: PlatformRole[];
  archetypes: string[];
  professionalGroup: ProfessionalGroupId;
  setting: SettingId;
  /** R3: set where the report has the person using AI in clinical reasoning and decisions. */
  clinicalDecisionMaking: boolean;
  source: DemoSource;
}

export interface DemoSupervision {
  supervisor: string;
  learner: string;
  assignedBy: string;
}

export const DEMO_ORGANISATIONS: readonly DemoOrganisation[] = [
  { key: 'nhs-england', kind: 'national', name: 'NHS England', parent: null },
  // Shaper Persona 1 works at an unnamed arm's length body; this one is invented.
  { key: 'assessment-agency', kind: 'national', name: 'Digital Health Assessment Agency', parent: null },
  { key: 'south-west', kind: 'region', name: 'South West', parent: 'nhs-england' },
  { key: 'midlands', kind: 'region', name: 'Midlands', parent: 'nhs-england' },
  { key: 'nymouth-ics', kind: 'integrated-care-system', name: 'Nymouth ICS', parent: 'south-west', odsCode: 'ZZQ01' },
  { key: 'nymouth-trust', kind: 'trust', name: 'Nymouth Hospitals NHS Foundation Trust', parent: 'nymouth-ics', odsCode: 'ZZR01' },
  { key: 'nymouth-ai-mdt', kind: 'team', name: 'Nymouth ICS AI MDT', parent: 'nymouth-trust' },
  // User Persona 3's PCN implements appointment-booking AI across its practices.
  { key: 'holpot-pcn', kind: 'primary-care-network', name: 'Holpot and Vale Primary Care Network', parent: 'nymouth-ics', odsCode: 'ZZU01' },
  { key: 'holpot-hill', kind: 'practice', name: 'Holpot Hill GP practice', parent: 'holpot-pcn', odsCode: 'ZZP001' },
  { key: 'linchester-ics', kind: 'integrated-care-system', name: 'Linchester ICS', parent: 'midlands', odsCode: 'ZZQ02' },
  { key: 'linchester-trust', kind: 'trust', name: 'Linchester Teaching Hospitals NHS Trust', parent: 'linchester-ics', odsCode: 'ZZR02' },
  // Box 5: the project AI MDT co-creating tri-X with Triadix.
  { key: 'tri-x-mdt', kind: 'team', name: 'tri-X AI MDT', parent: 'linchester-trust' },
  // Box 5's industry innovator: its staff sit in a partner organisation the ICS works with.
  { key: 'triadix', kind: 'partner', name: 'Triadix', parent: 'linchester-ics' },
];

type PersonFields = Omit<DemoPerson, 'key' | 'displayName' | 'jobTitle' | 'organisation'>;
const person = (key: string, displayName: string, jobTitle: string, organisation: string, fields: PersonFields): DemoPerson => ({
  key,
  displayName,
  jobTitle,
  organisation,
  ...fields,
});

const persona = (id: string): DemoSource => ({ kind: 'persona', id });
const mdtRole = (role: string): DemoSource => ({ kind: 'box-5', role });

export const DEMO_PEOPLE: readonly DemoPerson[] = [
  person('morgan.hale', 'Morgan Hale', 'AI Confidence Hub service manager', 'nhs-england', {
    roles: ['platform-admin'], archetypes: [], professionalGroup: 'management-and-administration', setting: 'national-body', clinicalDecisionMaking: false, source: { kind: 'hub' },
  }),
  // Shapers "guide training of healthcare professionals": she curates the demo catalogue.
  person('anika.desai', 'Anika Desai', 'Head of Data and Transformation', 'nhs-england', {
    roles: ['learner', 'educator'], archetypes: ['shaper'], professionalGroup: 'digital-data-and-technology', setting: 'national-body', clinicalDecisionMaking: false, source: persona('shaper-2'),
  }),
  person('tomasz.wren', 'Tomasz Wren', 'Digital Health Technologies Director', 'assessment-agency', {
    roles: ['learner'], archetypes: ['shaper'], professionalGroup: 'outside-the-nhs', setting: 'national-body', clinicalDecisionMaking: false, source: persona('shaper-1'),
  }),

  // Linchester ICS: the board Drivers, a Creator, and the Box 5 tri-X AI MDT.
  person('daniel.frost', 'Daniel Frost', 'Chief Data Officer (CDO)', 'linchester-ics', {
    roles: ['organisation-admin', 'supervisor'], archetypes: ['driver'], professionalGroup: 'digital-data-and-technology', setting: 'integrated-care-system', clinicalDecisionMaking: false, source: persona('driver-2'),
  }),
  person('grace.okafor', 'Grace Okafor', 'Chief Nursing Information Officer (CNIO)', 'linchester-ics', {
    roles: ['supervisor'], archetypes: ['driver'], professionalGroup: 'nursing-midwifery-and-health-visiting', setting: 'integrated-care-system', clinicalDecisionMaking: false, source: persona('driver-1'),
  }),
  person('leila.haddad', 'Leila Haddad', 'Clinical scientist: data scientist and AI', 'linchester-trust', {
    roles: ['learner'], archetypes: ['creator'], professionalGroup: 'healthcare-scientists', setting: 'acute', clinicalDecisionMaking: false, source: persona('creator-1'),
  }),
  person('amara.osei', 'Amara Osei', 'ICS digital transformation lead', 'linchester-ics', {
    roles: ['learner', 'product-lead'], archetypes: ['driver'], professionalGroup: 'management-and-administration', setting: 'integrated-care-system', clinicalDecisionMaking: false, source: mdtRole('ICS Digital transformation lead'),
  }),
  person('owen.pritchard', 'Owen Pritchard', 'Radiology business manager', 'tri-x-mdt', {
    roles: ['learner'], archetypes: ['driver'], professionalGroup: 'management-and-administration', setting: 'acute', clinicalDecisionMaking: false, source: mdtRole('Radiology business manager'),
  }),
  person('helen.marsh', 'Dr Helen Marsh', 'Clinical specialist: radiology consultant', 'tri-x-mdt', {
    roles: ['learner'], archetypes: ['creator', 'user'], professionalGroup: 'medical-and-dental', setting: 'acute', clinicalDecisionMaking: true, source: mdtRole('Clinical specialist - Radiology consultant'),
  }),
  person('sanjay.mehta', 'Sanjay Mehta', 'Clinical product manager', 'tri-x-mdt', {
    roles: ['learner'], archetypes: ['creator'], professionalGroup: 'digital-data-and-technology', setting: 'acute', clinicalDecisionMaking: false, source: mdtRole('Clinical product manager'),
  }),
  // Box 5: creates and delivers product-specific user education for tri-X.
  person('chloe.bennett', 'Chloe Bennett', 'Lead project data scientist', 'tri-x-mdt', {
    roles: ['educator'], archetypes: ['creator', 'embedder'], professionalGroup: 'digital-data-and-technology', setting: 'acute', clinicalDecisionMaking: false, source: mdtRole('Lead project data scientist'),
  }),
  person('ruth.adeyemi', 'Ruth Adeyemi', 'Clinical safety officer', 'tri-x-mdt', {
    roles: ['learner'], archetypes: ['embedder'], professionalGroup: 'nursing-midwifery-and-health-visiting', setting: 'acute', clinicalDecisionMaking: false, source: mdtRole('Clinical safety officer'),
  }),
  person('kieran.walsh', 'Kieran Walsh', 'IT officer', 'tri-x-mdt', {
    roles: ['learner'], archetypes: ['embedder'], professionalGroup: 'digital-data-and-technology', setting: 'acute', clinicalDecisionMaking: false, source: mdtRole('IT officer'),
  }),
  person('fiona.campbell', 'Fiona Campbell', 'IG officer', 'tri-x-mdt', {
    roles: ['learner'], archetypes: ['embedder'], professionalGroup: 'management-and-administration', setting: 'acute', clinicalDecisionMaking: false, source: mdtRole('IG officer'),
  }),

  // Box 5: "working alongside Triadix data scientists and software engineers".
  person('tom.lindqvist', 'Tom Lindqvist', 'Machine learning engineer', 'triadix', {
    roles: ['learner'], archetypes: ['creator'], professionalGroup: 'outside-the-nhs', setting: 'industry-or-academia', clinicalDecisionMaking: false,
    source: { kind: 'box-5-team', description: 'industry innovator' },
  }),
  // Box 4: AI MDTs "seek to involve other experts and members of the public".
  person('margaret.ellis', 'Margaret Ellis', 'Patient and public representative', 'linchester-ics', {
    roles: ['learner'], archetypes: [], professionalGroup: 'patient-and-public', setting: 'integrated-care-system', clinicalDecisionMaking: false,
    source: { kind: 'box-5-team', description: 'patient and public representative' },
  }),

  // Nymouth ICS: procures and deploys tri-X (Box 2); its AI MDT, clinicians and Holpot Hill.
  person('marcus.reid', 'Marcus Reid', 'ICS digital transformation lead', 'nymouth-ics', {
    roles: ['organisation-admin', 'supervisor'], archetypes: ['driver'], professionalGroup: 'management-and-administration', setting: 'integrated-care-system', clinicalDecisionMaking: false,
    source: { kind: 'box-2', role: 'Driver', organisation: 'Nymouth ICS' },
  }),
  // Box 2's Nymouth ICS Embedder "creates and delivers product-specific user education for tri-X"
  // and keeps it up to date as the product iterates: the AI product lead for the ICS.
  person('priya.nair', 'Priya Nair', 'ICS AI implementation lead', 'nymouth-ics', {
    roles: ['learner', 'product-lead'], archetypes: ['embedder'], professionalGroup: 'healthcare-scientists', setting: 'integrated-care-system', clinicalDecisionMaking: false,
    source: { kind: 'box-2', role: 'Embedder', organisation: 'Nymouth ICS' },
  }),
  person('isabel.carter', 'Dr Isabel Carter', 'Consultant dermatologist with digital health specialist interest', 'nymouth-ai-mdt', {
    roles: ['learner'], archetypes: ['creator'], professionalGroup: 'medical-and-dental', setting: 'acute', clinicalDecisionMaking: true, source: persona('creator-2'),
  }),
  // Embedder Persona 1 produces and delivers clinician-facing product-specific education.
  person('yusuf.rahman', 'Dr Yusuf Rahman', 'Clinical associate specialist in renal medicine and digital health', 'nymouth-ai-mdt', {
    roles: ['educator'], archetypes: ['embedder'], professionalGroup: 'medical-and-dental', setting: 'acute', clinicalDecisionMaking: true, source: persona('embedder-1'),
  }),
  person('hannah.lloyd', 'Hannah Lloyd', 'Clinical scientist: clinical informatics', 'nymouth-ai-mdt', {
    roles: ['supervisor'], archetypes: ['embedder'], professionalGroup: 'healthcare-scientists', setting: 'acute', clinicalDecisionMaking: false, source: persona('embedder-2'),
  }),
  person('jodie.turner', 'Jodie Turner', 'A&E triage nurse', 'nymouth-trust', {
    roles: ['learner'], archetypes: ['user'], professionalGroup: 'nursing-midwifery-and-health-visiting', setting: 'acute', clinicalDecisionMaking: true, source: persona('user-1'),
  }),
  person('samuel.nwosu', 'Dr Samuel Nwosu', 'Consultant radiologist', 'nymouth-trust', {
    roles: ['learner'], archetypes: ['user'], professionalGroup: 'medical-and-dental', setting: 'acute', clinicalDecisionMaking: true, source: persona('user-2'),
  }),
  // Box 2's User "as a radiographer … within Nymouth ICS" uses tri-X to prioritise X-rays for review.
  person('ben.ashworth', 'Ben Ashworth', 'Diagnostic radiographer', 'nymouth-trust', {
    roles: ['learner'], archetypes: ['user'], professionalGroup: 'allied-health-professionals', setting: 'acute', clinicalDecisionMaking: true,
    source: { kind: 'box-2', role: 'User', organisation: null },
  }),
  // R4: appointment-booking AI needs foundational and product-specific education, not clinical use.
  person('beverley.shaw', 'Beverley Shaw', 'Practice manager', 'holpot-hill', {
    roles: ['learner'], archetypes: ['user'], professionalGroup: 'management-and-administration', setting: 'primary-care', clinicalDecisionMaking: false, source: persona('user-3'),
  }),
];

export const DEMO_SUPERVISIONS: readonly DemoSupervision[] = [
  // The Nymouth Embedder team leads product-specific training for the ICS's users.
  { supervisor: 'hannah.lloyd', learner: 'jodie.turner', assignedBy: 'marcus.reid' },
  { supervisor: 'hannah.lloyd', learner: 'samuel.nwosu', assignedBy: 'marcus.reid' },
  { supervisor: 'hannah.lloyd', learner: 'beverley.shaw', assignedBy: 'marcus.reid' },
  // Driver Persona 1 "collaborates with, and oversees, Embedders within the trust".
  { supervisor: 'grace.okafor', learner: 'ruth.adeyemi', assignedBy: 'daniel.frost' },
  { supervisor: 'grace.okafor', learner: 'kieran.walsh', assignedBy: 'daniel.frost' },
  { supervisor: 'grace.okafor', learner: 'fiona.campbell', assignedBy: 'daniel.frost' },
  // Driver Persona 2 "collaborates with, and oversees, Creators and Embedders within the trust".
  { supervisor: 'daniel.frost', learner: 'leila.haddad', assignedBy: 'daniel.frost' },
  { supervisor: 'daniel.frost', learner: 'chloe.bennett', assignedBy: 'daniel.frost' },
  { supervisor: 'daniel.frost', learner: 'amara.osei', assignedBy: 'daniel.frost' },
  // Box 2's Nymouth Driver leads the ICS's AI MDT work, so he verifies its members' levels.
  { supervisor: 'marcus.reid', learner: 'priya.nair', assignedBy: 'marcus.reid' },
  { supervisor: 'marcus.reid', learner: 'isabel.carter', assignedBy: 'marcus.reid' },
  { supervisor: 'marcus.reid', learner: 'yusuf.rahman', assignedBy: 'marcus.reid' },
  { supervisor: 'marcus.reid', learner: 'hannah.lloyd', assignedBy: 'marcus.reid' },
];

export const demoEmail = (personKey: string): string => `${personKey}@${DEMO_EMAIL_DOMAIN}`;

/** The account whose presence says the demo data is loaded (the load is one transaction). */
export const DEMO_MARKER_EMAIL = demoEmail(DEMO_PEOPLE[0]?.key ?? 'morgan.hale');

export interface DemoAccount {
  email: string;
  description: string;
}

/** "driver-1" → "Driver Persona 1", as the report titles its personas. */
export function personaTitle(id: string): string {
  const [, archetype = id, n = ''] = /^([a-z]+)-(\d+)$/.exec(id) ?? [];
  return `${archetype.charAt(0).toUpperCase()}${archetype.slice(1)} Persona ${n}`.trim();
}

function sourceLabel(source: DemoSource): string {
  if (source.kind === 'persona') return personaTitle(source.id);
  if (source.kind === 'box-2') return source.organisation ? `Box 2 ${source.role}, ${source.organisation}` : `Box 2 ${source.role}`;
  if (source.kind === 'box-5') return 'Box 5 AI MDT';
  if (source.kind === 'box-5-team') return `Box 5 AI MDT, ${source.description}`;
  return 'hub administration';
}

function describePerson(p: DemoPerson): string {
  const organisation = DEMO_ORGANISATIONS.find((o) => o.key === p.organisation)?.name ?? p.organisation;
  const archetypes = p.archetypes.map((a) => `${a.charAt(0).toUpperCase()}${a.slice(1)}`).join(' and ');
  const roles = p.roles.filter((r) => r !== 'learner').map((r) => PLATFORM_ROLE_LABELS[r].toLowerCase());
  const tail = [archetypes ? `${sourceLabel(p.source)} (${archetypes})` : sourceLabel(p.source), roles.length ? roles.join(' and ') : 'learner'];
  return `${p.jobTitle}, ${organisation}: ${tail.join('; ')}`;
}

/** Who to sign in as, for the sign-in page and the start banner. */
export const DEMO_ACCOUNTS: readonly DemoAccount[] = DEMO_PEOPLE.map((p) => ({ email: demoEmail(p.key), description: describePerson(p) }));
