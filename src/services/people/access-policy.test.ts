import { describe, expect, it } from 'vitest';
import type { OrganisationRow } from '../../db/organisation.repository.ts';
import type { PersonRow } from '../../db/people.repository.ts';
import type { SupervisionRow } from '../../db/supervision.repository.ts';
import type { PlatformRole } from '../../domain/people/platform-roles.ts';
import type { Viewer } from '../identity/viewer.ts';
import { createAccessPolicy } from './access-policy.ts';

// national → region → ics → { trust (→ team), otherTrust }
const org = (id: string, parentId: string | null, kind: OrganisationRow['kind']): OrganisationRow => ({ id, parentId, kind, name: id, odsCode: null, cis2CreateAccounts: false, createdAt: new Date(0) });
const organisations = [
  org('national', null, 'national'),
  org('region', 'national', 'region'),
  org('ics', 'region', 'integrated-care-system'),
  org('trust', 'ics', 'trust'),
  org('team', 'trust', 'team'),
  org('otherTrust', 'ics', 'trust'),
];
const person = (id: string, organisationId: string, roles: string[]): PersonRow => ({
  id, organisationId, roles, email: `${id}@example.nhs.uk`, displayName: id, jobTitle: null, status: 'active', synthetic: false, createdAt: new Date(0),
});
const people = [
  person('learner', 'trust', ['learner']),
  person('teamLearner', 'team', ['learner']),
  person('trustAdmin', 'trust', ['learner', 'organisation-admin']),
  person('otherAdmin', 'otherTrust', ['learner', 'organisation-admin']),
  person('otherLearner', 'otherTrust', ['learner']),
  person('supervisor', 'otherTrust', ['learner', 'supervisor']),
  person('icsAdmin', 'ics', ['learner', 'organisation-admin']),
  person('platformAdmin', 'national', ['learner', 'platform-admin']),
];
const supervisions: SupervisionRow[] = [
  { id: 's1', organisationId: 'trust', supervisorId: 'supervisor', learnerId: 'learner', assignedBy: 'trustAdmin', assignedAt: new Date(0), endedAt: null, source: 'manual' },
  { id: 's2', organisationId: 'team', supervisorId: 'supervisor', learnerId: 'teamLearner', assignedBy: 'trustAdmin', assignedAt: new Date(0), endedAt: new Date(1), source: 'manual' },
];

const byId = <T extends { id: string }>(rows: T[], id: string) => rows.find((r) => r.id === id);
const ancestry = (id: string): OrganisationRow[] => {
  const found = byId(organisations, id);
  return found ? [found, ...(found.parentId ? ancestry(found.parentId) : [])] : [];
};
const subtreeIds = (root: string): string[] => [root, ...organisations.filter((o) => o.parentId === root).flatMap((o) => subtreeIds(o.id))];
const current = supervisions.filter((s) => s.endedAt === null);

const policy = createAccessPolicy({
  peopleRepository: {
    getPerson: async (id) => byId(people, id),
    listPeopleByIds: async (ids) => people.filter((p) => ids.includes(p.id)),
    listPeopleInOrganisations: async (ids) => people.filter((p) => ids.includes(p.organisationId)),
  },
  organisationRepository: {
    getOrganisation: async (id) => byId(organisations, id),
    isWithinSubtree: async (root, id) => ancestry(id).some((o) => o.id === root),
    listSubtreeIds: async (root) => subtreeIds(root),
    listAncestry: async (id) => ancestry(id),
  },
  supervisionRepository: {
    isCurrentSupervisor: async (supervisorId, learnerId) => current.some((s) => s.supervisorId === supervisorId && s.learnerId === learnerId),
    listCurrentBySupervisor: async (supervisorId) => current.filter((s) => s.supervisorId === supervisorId),
  },
});

function viewerOf(id: string, roles?: string[]): Viewer {
  const p = byId(people, id);
  if (!p) throw new Error(id);
  return { personId: p.id, organisationId: p.organisationId, displayName: p.displayName, email: p.email, roles: (roles ?? p.roles) as PlatformRole[] };
}

const sees = (viewer: string, target: string) =>
  policy.assertCanSeePerson(viewerOf(viewer), target).then(
    () => true,
    (error: { code?: string }) => (error.code === 'not_found' ? false : Promise.reject(error)),
  );

describe('access policy: who may see whom', () => {
  it.each([
    ['learner', 'learner', true],
    ['learner', 'teamLearner', false],
    ['learner', 'trustAdmin', false],
    ['trustAdmin', 'learner', true],
    ['trustAdmin', 'teamLearner', true],
    ['trustAdmin', 'otherLearner', false],
    ['trustAdmin', 'icsAdmin', false],
    ['otherAdmin', 'learner', false],
    ['supervisor', 'learner', true],
    ['supervisor', 'teamLearner', false], // that supervision has ended
    ['supervisor', 'otherLearner', false], // same trust, but a supervisor is not an admin
    ['icsAdmin', 'teamLearner', true],
    ['icsAdmin', 'otherLearner', true],
    ['icsAdmin', 'platformAdmin', false],
    ['platformAdmin', 'otherLearner', true],
    ['learner', 'nobody', false],
  ])('%s sees %s: %s', async (viewer, target, expected) => {
    expect(await sees(viewer, target)).toBe(expected);
  });

  it('never grants anything for an archetype, or a role name it does not know', async () => {
    const viewer = viewerOf('learner', ['learner', 'shaper', 'driver']);
    await expect(policy.assertCanSeePerson(viewer, 'teamLearner')).rejects.toMatchObject({ code: 'not_found' });
    await expect(policy.assertCanAdministerOrganisation(viewer, 'trust')).rejects.toMatchObject({ code: 'forbidden' });
  });
});

describe('access policy: administration', () => {
  it.each([
    ['trustAdmin', 'trust', 'ok'],
    ['trustAdmin', 'team', 'ok'],
    ['trustAdmin', 'otherTrust', 'not_found'],
    ['trustAdmin', 'ics', 'not_found'],
    ['trustAdmin', 'missing', 'not_found'],
    ['icsAdmin', 'otherTrust', 'ok'],
    ['platformAdmin', 'otherTrust', 'ok'],
    ['supervisor', 'otherTrust', 'forbidden'],
    ['learner', 'trust', 'forbidden'],
  ])('%s administers %s: %s', async (viewer, organisationId, expected) => {
    const outcome = await policy.assertCanAdministerOrganisation(viewerOf(viewer), organisationId).then(
      () => 'ok',
      (error: { code: string }) => error.code,
    );
    expect(outcome).toBe(expected);
  });

  it('lets an admin change people beneath them, and tells a supervisor no without hiding the person', async () => {
    await expect(policy.assertCanAdministerPerson(viewerOf('trustAdmin'), 'teamLearner')).resolves.toMatchObject({ id: 'teamLearner' });
    await expect(policy.assertCanAdministerPerson(viewerOf('supervisor'), 'learner')).rejects.toMatchObject({ code: 'forbidden' });
    await expect(policy.assertCanAdministerPerson(viewerOf('otherAdmin'), 'learner')).rejects.toMatchObject({ code: 'not_found' });
  });

  it('lets only a current supervisor supervise: not an admin who does not supervise them, and nobody themselves', async () => {
    await expect(policy.assertCanSupervise(viewerOf('supervisor'), 'learner')).resolves.toMatchObject({ id: 'learner' });
    await expect(policy.assertCanSupervise(viewerOf('trustAdmin'), 'learner')).rejects.toMatchObject({ code: 'forbidden' });
    await expect(policy.assertCanSupervise(viewerOf('trustAdmin'), 'trustAdmin')).rejects.toMatchObject({ code: 'forbidden' });
    await expect(policy.assertCanSupervise(viewerOf('supervisor'), 'teamLearner')).rejects.toMatchObject({ code: 'not_found' });
  });
});

describe('access policy: lists', () => {
  const ids = (rows: PersonRow[]) => rows.map((r) => r.id).sort();

  it('lists the people a supervisor supervises now', async () => {
    expect(ids(await policy.listSupervisedPeople(viewerOf('supervisor')))).toEqual(['learner']);
    expect(await policy.listSupervisedPeople(viewerOf('learner'))).toEqual([]);
  });

  it('lists everyone visible, each once', async () => {
    expect(ids(await policy.listVisiblePeople(viewerOf('learner')))).toEqual(['learner']);
    expect(ids(await policy.listVisiblePeople(viewerOf('supervisor')))).toEqual(['learner', 'supervisor']);
    expect(ids(await policy.listVisiblePeople(viewerOf('trustAdmin')))).toEqual(['learner', 'teamLearner', 'trustAdmin']);
    expect(await policy.listVisiblePeople(viewerOf('platformAdmin'))).toHaveLength(people.length);
  });
});
