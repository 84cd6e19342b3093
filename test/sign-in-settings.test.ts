import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditEvents, organisations } from '../src/db/schema.ts';
import { createTestOrganisations, createTestPerson, signIn } from './support/people-fixtures.ts';
import type { TestSession } from './support/people-fixtures.ts';
import { createTestHub, databaseTargets } from './support/test-hub.ts';
import type { TestHub } from './support/test-hub.ts';

/** The page where an organisation's ODS code and CIS2 account creation are set (issue 15 §1). */
describe.each(databaseTargets())('sign-in settings on $name', (target) => {
  let hub: TestHub;
  let orgs: Awaited<ReturnType<typeof createTestOrganisations>>;
  let trustAdmin: TestSession;
  let icsAdmin: TestSession;
  let otherTrustAdmin: TestSession;
  let learner: TestSession;
  const path = (organisationId: string) => `/organisation/sign-in-settings?organisationId=${organisationId}`;
  const stored = async (id: string) => (await hub.database.db.select().from(organisations).where(eq(organisations.id, id)))[0]!;

  beforeAll(async () => {
    hub = await createTestHub(target);
    orgs = await createTestOrganisations(hub);
    const session = async (organisationId: string, roles: Parameters<typeof createTestPerson>[1]['roles']) => signIn(hub.app, (await createTestPerson(hub, { organisationId, roles })).email);
    trustAdmin = await session(orgs.trust.id, ['organisation-admin']);
    icsAdmin = await session(orgs.ics.id, ['organisation-admin']);
    otherTrustAdmin = await session(orgs.otherTrust.id, ['organisation-admin']);
    learner = await session(orgs.trust.id, ['learner']);
  });
  afterAll(() => hub.close());

  it('lets the organisation’s own admin turn on account creation but not change its ODS code', async () => {
    const overview = await trustAdmin.get(`/organisation?organisationId=${orgs.trust.id}`);
    expect(overview.body).toContain(`href="${path(orgs.trust.id)}"`);
    const page = await trustAdmin.get(path(orgs.trust.id));
    expect(page.statusCode).toBe(200);
    expect(page.body).not.toContain('name="odsCode"');
    expect(page.body).toContain('Only an admin of an organisation above Test Trust can change its ODS code');
    const saved = await trustAdmin.post('/organisation/sign-in-settings', { organisationId: orgs.trust.id, cis2CreateAccounts: 'yes', odsCode: 'RZZ' });
    expect(saved.statusCode).toBe(400);
    expect(saved.body).toContain('Only an admin of an organisation above this one can change its ODS code');
    expect((await stored(orgs.trust.id)).cis2CreateAccounts).toBe(false);
    const ok = await trustAdmin.post('/organisation/sign-in-settings', { organisationId: orgs.trust.id, cis2CreateAccounts: 'yes' });
    expect(ok.statusCode).toBe(303);
    expect((await stored(orgs.trust.id)).cis2CreateAccounts).toBe(true);
    expect((await trustAdmin.get(ok.headers.location as string)).body).toContain('The sign-in settings for Test Trust have been saved.');
    const audit = await hub.database.db.select().from(auditEvents).where(and(eq(auditEvents.subjectId, orgs.trust.id), eq(auditEvents.action, 'organisation.sign-in-settings-changed')));
    expect(audit).toHaveLength(1);
    expect(audit[0]!.detail).toMatchObject({ before: { cis2CreateAccounts: false }, after: { cis2CreateAccounts: true } });
  });

  it('lets an admin above set the ODS code, upper-cased, with clear errors that change nothing', async () => {
    const bad = await icsAdmin.post('/organisation/sign-in-settings', { organisationId: orgs.trust.id, odsCode: 'R!1' });
    expect(bad.statusCode).toBe(400);
    expect(bad.body).toContain('There is a problem');
    expect(bad.body).toContain('ODS code must be 3 to 10 letters and numbers');
    expect((await stored(orgs.trust.id)).odsCode).toBeNull();
    expect((await icsAdmin.post('/organisation/sign-in-settings', { organisationId: orgs.trust.id, odsCode: ' rzz ' })).statusCode).toBe(303);
    expect((await stored(orgs.trust.id)).odsCode).toBe('RZZ');
    // Unticking the box on a form that had it ticked turns creation off again.
    expect((await stored(orgs.trust.id)).cis2CreateAccounts).toBe(false);
    const taken = await icsAdmin.post('/organisation/sign-in-settings', { organisationId: orgs.otherTrust.id, odsCode: 'rzz' });
    expect(taken.statusCode).toBe(400);
    expect(taken.body).toContain('Another organisation already has this ODS code');
    expect((await stored(orgs.otherTrust.id)).odsCode).toBeNull();
  });

  it('shows nothing to people who do not administer the organisation', async () => {
    expect((await otherTrustAdmin.get(path(orgs.trust.id))).statusCode).toBe(404);
    expect((await otherTrustAdmin.post('/organisation/sign-in-settings', { organisationId: orgs.trust.id, cis2CreateAccounts: 'yes' })).statusCode).toBe(404);
    expect((await learner.get(path(orgs.trust.id))).statusCode).toBe(403);
  });
});
