import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createOrganisationRepository } from '../src/db/organisation.repository.ts';
import { createTestOrganisations, createTestPerson } from './support/people-fixtures.ts';
import { viewerOf } from './support/product-fixtures.ts';
import { createTestHub, databaseTargets } from './support/test-hub.ts';
import type { TestHub } from './support/test-hub.ts';

/** CIS2 names a role's organisation by ODS code (`org_code`), so a code must find exactly one organisation. */
describe.each(databaseTargets())('organisations by ODS code on $name', (target) => {
  let hub: TestHub;
  let orgs: Awaited<ReturnType<typeof createTestOrganisations>>;
  beforeAll(async () => {
    hub = await createTestHub(target);
    orgs = await createTestOrganisations(hub);
  });
  afterAll(() => hub.close());

  it('stores codes upper-cased, finds them whatever their case, and refuses a code already held', async () => {
    const practice = await hub.services.organisations.createOrganisation({ kind: 'practice', name: 'Fictional Practice', parentId: orgs.ics.id, odsCode: ' zz9x01 ' });
    expect(practice.odsCode).toBe('ZZ9X01');
    const repository = createOrganisationRepository(hub.database.db);
    expect((await repository.findOrganisationsByOdsCodes(['Zz9x01', 'NOPE1'])).map((o) => o.id)).toEqual([practice.id]);
    expect(await repository.findOrganisationsByOdsCodes([])).toEqual([]);
    await expect(hub.services.organisations.createOrganisation({ kind: 'practice', name: 'Another Practice', parentId: orgs.ics.id, odsCode: 'ZZ9X01' })).rejects.toThrow();
    expect(practice.cis2CreateAccounts).toBe(false);
  });

  it('tells an admin creating an organisation that its ODS code is already held', async () => {
    const admin = await createTestPerson(hub, { organisationId: orgs.ics.id, roles: ['organisation-admin'] });
    await hub.services.staffAdmin.createChildOrganisation({ viewer: viewerOf(admin), parentId: orgs.ics.id, kind: 'practice', name: 'First Fictional Practice', odsCode: 'ZZ9X02' });
    const again = hub.services.staffAdmin.createChildOrganisation({ viewer: viewerOf(admin), parentId: orgs.ics.id, kind: 'practice', name: 'Second Fictional Practice', odsCode: 'zz9x02' });
    await expect(again).rejects.toMatchObject({ code: 'conflict', details: [{ field: 'odsCode', message: 'Another organisation already has this ODS code' }] });
  });
});
