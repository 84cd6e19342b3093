import { createPeopleRepository } from '../../src/db/people.repository.ts';
import type { Viewer } from '../../src/services/identity/viewer.ts';
import { createAssuranceCast } from './assurance-fixtures.ts';
import type { AssuranceCast } from './assurance-fixtures.ts';
import { createTestPerson } from './people-fixtures.ts';
import { viewerOf } from './product-fixtures.ts';
import type { TestHub } from './test-hub.ts';

export interface TeamCast extends AssuranceCast {
  icsId: string;
  partnerId: string;
  /** An organisation admin of the ICS above the trust that owns the team. */
  icsAdmin: Viewer;
  icsAdminEmail: string;
  /** Industry partner staff (Box 5's Triadix), a Creator. */
  partner: Viewer;
  partnerEmail: string;
}

/** The assurance cast, plus an admin above the trust and a partner organisation with one person in it. */
export async function createTeamCast(hub: Pick<TestHub, 'services' | 'database'>): Promise<TeamCast> {
  const cast = await createAssuranceCast(hub);
  const ancestry = await hub.services.organisations.listAncestry(cast.trustId);
  const ics = ancestry.find((o) => o.kind === 'integrated-care-system');
  if (!ics) throw new Error('the trust has no ICS above it');
  const triadix = await hub.services.organisations.createOrganisation({ kind: 'partner', name: 'Triadix', parentId: ics.id });
  const admin = await createTestPerson(hub, { organisationId: ics.id, roles: ['learner', 'organisation-admin'], name: 'ICS admin' });
  const partner = await createTestPerson(hub, { organisationId: triadix.id, roles: ['learner'], name: 'Pat Partner' });
  await createPeopleRepository(hub.database.db).saveProfile({ personId: partner.id, organisationId: triadix.id, archetypes: ['creator'], professionalGroup: 'outside-the-nhs', setting: 'industry-or-academia' });
  return { ...cast, icsId: ics.id, partnerId: triadix.id, icsAdmin: viewerOf(admin), icsAdminEmail: admin.email, partner: viewerOf(partner), partnerEmail: partner.email };
}

/** A good "set up an AI MDT" form for a product lead, who joins as lead. */
export const GOOD_TEAM_FORM = {
  name: 'tri-X AI MDT',
  purpose: 'Co-designs, deploys and monitors tri-X, the chest X-ray triage AI.',
  resilienceK: '1',
  clinicalDecisionMaking: 'yes',
  needsPatientRepresentative: 'yes',
  joinAsLead: 'yes',
  teamRole: 'ICS Digital transformation lead',
  archetypes: 'driver',
};

/** A team set up through the service: the product lead leads it; staff plays User in it. */
export async function createTeamWithMember(hub: Pick<TestHub, 'services'>, cast: TeamCast, name = 'Permissions MDT') {
  const team = await hub.services.teams.createTeam({
    viewer: cast.viewers.productLead,
    input: { name, purpose: 'Tests who may see what.', clinicalDecisionMaking: true, needsPatientRepresentative: false, joinAsLead: true, teamRole: 'Lead', archetypes: ['driver'] },
  });
  const member = await hub.services.teams.addMember({ viewer: cast.viewers.productLead, teamId: team.id, input: { email: cast.emails.staff, teamRole: 'Radiologist', archetypes: ['user'] } });
  const lead = (await hub.services.teams.getTeam({ viewer: cast.viewers.productLead, teamId: team.id })).members.find((m) => m.isLead)!;
  return { team, member, lead };
}
