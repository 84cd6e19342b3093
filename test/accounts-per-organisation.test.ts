import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPeopleRepository } from '../src/db/people.repository.ts';
import type { PersonRow } from '../src/db/people.repository.ts';
import { createTestOrganisations, createTestPerson, signIn, testPasswordHash } from './support/people-fixtures.ts';
import { viewerOf } from './support/product-fixtures.ts';
import { createTestHub, databaseTargets } from './support/test-hub.ts';
import type { TestHub } from './support/test-hub.ts';

/**
 * Issue 15's account model: one account per person per organisation. A nurse on the bank of two
 * trusts has an account in each with the same NHSmail address; only one of them holds a hub password.
 */
describe.each(databaseTargets())('one account per person per organisation on $name', (target) => {
  let hub: TestHub;
  let orgs: Awaited<ReturnType<typeof createTestOrganisations>>;
  let atTrust: PersonRow;
  let atOtherTrust: PersonRow;
  const address = `bank.nurse.${Date.now()}@example.nhs.uk`;

  beforeAll(async () => {
    hub = await createTestHub(target);
    orgs = await createTestOrganisations(hub);
    atTrust = await hub.services.accounts.createAccount({ organisationId: orgs.trust.id, email: address, displayName: 'Bea Bank', roles: ['learner'], password: { hash: await testPasswordHash() } });
    // The second account has no hub password, as an ESR import or a CIS2 first sign-in makes it.
    const people = createPeopleRepository(hub.database.db);
    atOtherTrust = await people.insertPerson({ organisationId: orgs.otherTrust.id, email: address, displayName: 'Bea Bank', roles: ['learner'] });
    await people.saveProfile({ personId: atOtherTrust.id, organisationId: orgs.otherTrust.id });
  });
  afterAll(() => hub.close());

  it('allows the address once in each organisation and refuses a second account in the same one', async () => {
    const people = createPeopleRepository(hub.database.db);
    expect((await people.findPeopleByEmail(address.toUpperCase())).map((p) => p.organisationId)).toEqual([orgs.trust.id, orgs.otherTrust.id]);
    await expect(people.insertPerson({ organisationId: orgs.otherTrust.id, email: address, displayName: 'Bea Again', roles: ['learner'] })).rejects.toThrow();
    expect(await people.findPeopleByEmail(address)).toHaveLength(2);
  });

  it('signs in with the password into the account that holds it', async () => {
    const people = createPeopleRepository(hub.database.db);
    expect((await people.findPersonByEmail(address))?.id).toBe(atTrust.id);
    const session = await signIn(hub.app, address);
    const account = await session.get('/account');
    expect(account.statusCode).toBe(200);
    expect(account.body).toContain('Test Trust');
    expect(account.body).not.toContain('Other Trust');
  });

  it('refuses a second hub password for the address', async () => {
    await expect(hub.services.accounts.createAccount({ organisationId: orgs.ics.id, email: address, displayName: 'Bea Bank', roles: ['learner'], password: { hash: await testPasswordHash() } })).rejects.toThrow(/already an account/);
  });

  it('gives each organisation’s admin the account in their own organisation', async () => {
    const otherAdmin = await createTestPerson(hub, { organisationId: orgs.otherTrust.id, roles: ['organisation-admin'] });
    const learner = await createTestPerson(hub, { organisationId: orgs.otherTrust.id, name: 'Lou Learner' });
    const supervision = await hub.services.staffAdmin.assignSupervisor({ viewer: viewerOf(otherAdmin), learnerId: learner.id, supervisor: { email: address } });
    expect(supervision.supervisorId).toBe(atOtherTrust.id);
    const trustAdmin = await createTestPerson(hub, { organisationId: orgs.trust.id, roles: ['organisation-admin'] });
    const trustLearner = await createTestPerson(hub, { organisationId: orgs.trust.id, name: 'Tia Learner' });
    const other = await hub.services.staffAdmin.assignSupervisor({ viewer: viewerOf(trustAdmin), learnerId: trustLearner.id, supervisor: { email: address } });
    expect(other.supervisorId).toBe(atTrust.id);
  });

  it('tells an admin inviting the address that an account they can see already exists', async () => {
    const otherAdmin = await createTestPerson(hub, { organisationId: orgs.otherTrust.id, roles: ['organisation-admin'] });
    await expect(hub.services.invitations.inviteStaff({ viewer: viewerOf(otherAdmin), organisationId: orgs.otherTrust.id, email: address, displayName: 'Bea Bank', roles: ['learner'] })).rejects.toThrow(/already an account/);
  });
});
