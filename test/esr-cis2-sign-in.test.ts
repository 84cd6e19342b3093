import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { identityLinks, staffPeople } from '../src/db/schema.ts';
import { createTestOrganisations, createTestPerson } from './support/people-fixtures.ts';
import { viewerOf } from './support/product-fixtures.ts';
import { cookieHeader, createOidcTestHub, signInWithCis2, startTestCis2 } from './support/test-oidc-provider.ts';
import type { TestCis2 } from './support/test-oidc-provider.ts';
import { databaseTargets } from './support/test-hub.ts';
import type { TestHub } from './support/test-hub.ts';

/**
 * The seam between issue 15's two halves, with nothing faked between them: a trust imports its ESR
 * extract, whose CIS UUID column names each person's CIS2 user, and a nurse's first CIS2 sign-in
 * lands on the account the import made. When a later extract says she has left, CIS2 cannot sign her in.
 */
const HEADER = 'Employee Number,Assignment Number,First Name,Last Name,Work Email Address,Primary Assignment,Assignment Status,Assignment Start Date,Staff Group,Job Role,NHS CRS UUID';
const nurseRow = (status: string) => `00012345,00012345-1,Nia,Nurse,nia.nurse@example-trust.invalid,Y,${status},01/04/2024,Nursing and Midwifery Registered,Staff Nurse,555000000101`;
const otherRow = '00012346,00012346-1,Omar,Other,omar.other@example-trust.invalid,Y,Active Assignment,01/04/2024,Administrative and Clerical,Receptionist,';
const STRONG = { acr: 'AAL3_ANY', amr: ['N3_SMARTCARD'] };

describe.each(databaseTargets())('an ESR import links CIS2 sign-in on $name', (target) => {
  let cis2: TestCis2;
  let hub: TestHub;
  let orgs: Awaited<ReturnType<typeof createTestOrganisations>>;
  let admin: Awaited<ReturnType<typeof createTestPerson>>;

  const importFile = async (rows: string[]) => {
    const file = { name: 'staff.csv', source: Buffer.from([HEADER, ...rows].join('\r\n')) };
    const actor = { viewer: viewerOf(admin) };
    const preview = await hub.services.staffImport.previewStaffImport({ actor, organisationId: orgs.trust.id, file, options: { allowManyLeavers: true } });
    return hub.services.staffImport.applyStaffImport({ actor, runId: preview.runId, fileSha256: preview.fileSha256, file: { source: file.source } });
  };

  beforeAll(async () => {
    cis2 = await startTestCis2([{ uid: '555000000101', givenName: 'Nia', familyName: 'Nurse', email: 'nia@nhs.net', roles: [{ roleId: 'r-101', orgCode: 'RX1', roleName: 'Nurse Access Role', roleCode: 'S8000:G8000:R8001' }] }]);
    hub = await createOidcTestHub(target, cis2);
    orgs = await createTestOrganisations(hub);
    // Account creation stays off: only the staff record can link her.
    await hub.database.db.execute(sql`update organisations set ods_code = 'RX1' where id = ${orgs.trust.id}`);
    admin = await createTestPerson(hub, { organisationId: orgs.trust.id, roles: ['organisation-admin'] });
  });
  afterAll(async () => {
    await hub?.close();
    await cis2?.close();
  });

  it('signs the nurse in to the account her ESR record made, and not once she has left', async () => {
    expect((await importFile([nurseRow('Active Assignment'), otherRow])).counts.newPeople).toBe(2);
    const [record] = await hub.database.db.select().from(staffPeople).where(eq(staffPeople.cisUuid, '555000000101'));

    cis2.login({ uid: '555000000101', ...STRONG });
    const { callback, cookies } = await signInWithCis2(hub.app, cis2);
    expect(callback.statusCode).toBe(303);
    const [link] = await hub.database.db.select().from(identityLinks).where(eq(identityLinks.subject, '555000000101'));
    expect(link).toMatchObject({ personId: record!.personId, organisationId: orgs.trust.id, linkedBy: 'staff-record' });
    const account = await hub.app.inject({ method: 'GET', url: '/account', headers: { cookie: cookieHeader(cookies) } });
    expect(account.body).toContain('Nia Nurse');

    expect((await importFile([nurseRow('Terminate Assignment'), otherRow])).counts.leavers).toBe(1);
    cis2.login({ uid: '555000000101', ...STRONG });
    const leaver = await signInWithCis2(hub.app, cis2);
    expect(leaver.callback.statusCode).toBe(403);
    expect(leaver.cookies.has('hub_session')).toBe(false);
  });
});
