import { readFileSync } from 'node:fs';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditEvents, frameworks } from '../src/db/schema.ts';
import { createTestOrganisations, createTestPerson, signIn } from './support/people-fixtures.ts';
import type { TestSession } from './support/people-fixtures.ts';
import { createTestHub, databaseTargets } from './support/test-hub.ts';
import type { TestHub } from './support/test-hub.ts';
import { postMultipart } from './support/verification-fixtures.ts';
import { thirdPartyPackage } from './support/case-test-support.ts';

const openSalt = readFileSync(new URL('./fixtures/opensalt-2017-style-case-package.json', import.meta.url), 'utf8');
const OPEN_SALT_ID = 'coastal-ecology-standards-invented-sample';
const IMPORT = '/frameworks/import';

/** Importing framework files on the admin page and through the API (issue 16 §3). */
describe.each(databaseTargets())('framework import page and API on $name', (target) => {
  let hub: TestHub;
  let admin: TestSession;
  let learner: TestSession;
  let orgAdmin: TestSession;
  const file = (content: string, fileName = 'framework.json') => ({ fileName, contentType: 'application/json', content: Buffer.from(content) });
  const upload = (session: TestSession, content?: string, format = 'case') =>
    postMultipart(hub, session, IMPORT, [{ name: 'format', value: format }, ...(content === undefined ? [] : [{ name: 'file', file: file(content) }])]);
  const storedRow = async (id: string) => (await hub.database.db.select().from(frameworks).where(eq(frameworks.frameworkId, id)))[0];

  beforeAll(async () => {
    hub = await createTestHub(target);
    const { trust, national } = await createTestOrganisations(hub);
    admin = await signIn(hub.app, (await createTestPerson(hub, { organisationId: national.id, roles: ['platform-admin'] })).email);
    orgAdmin = await signIn(hub.app, (await createTestPerson(hub, { organisationId: trust.id, roles: ['organisation-admin'] })).email);
    learner = await signIn(hub.app, (await createTestPerson(hub, { organisationId: trust.id })).email);
  });
  afterAll(() => hub.close());

  it('lets only platform admins import, on the page and through the API', async () => {
    expect((await admin.get('/frameworks')).body).toContain(`href="${IMPORT}"`);
    expect((await learner.get('/frameworks')).body).not.toContain(`href="${IMPORT}"`);
    expect((await admin.get(IMPORT)).statusCode).toBe(200);
    for (const session of [learner, orgAdmin]) {
      expect((await session.get(IMPORT)).statusCode).toBe(403);
      expect((await upload(session, openSalt)).statusCode).toBe(403);
      expect((await session.api('POST', '/api/v1/frameworks', JSON.parse(openSalt))).statusCode).toBe(403);
    }
    const anonymous = await hub.app.inject({ method: 'POST', url: '/api/v1/frameworks', payload: JSON.parse(openSalt) as object });
    expect([401, 403]).toContain(anonymous.statusCode);
    expect(await storedRow(OPEN_SALT_ID)).toBeUndefined();
  });

  it('refuses a form without its CSRF token', async () => {
    const response = await postMultipart(hub, admin, IMPORT, [{ name: 'file', file: file(openSalt) }], { withCsrf: false });
    expect(response.statusCode).toBe(403);
    expect(await storedRow(OPEN_SALT_ID)).toBeUndefined();
  });

  it('says why a file cannot be imported, at the file input, and stores nothing', async () => {
    const none = await upload(admin);
    expect(none.statusCode).toBe(400);
    expect(none.body).toContain('Select a framework file, a JSON file');
    const refused = await upload(admin, JSON.stringify({ CFDocument: { title: 'No identifier' } }));
    expect(refused.statusCode).toBe(400);
    expect(refused.body).toContain('There is a problem');
    expect(refused.body).toContain('href="#file"');
    expect(refused.body).toContain('The file was not imported. Not a valid CASE package: CFDocument.identifier is missing');
    expect((await upload(admin, '{oops')).body).toContain('The file is not valid JSON.');
    expect(await storedRow('no-identifier')).toBeUndefined();
  });

  it('imports an imperfect package, lists what it found, stores the warnings and audits the import', async () => {
    const response = await upload(admin, openSalt);
    expect(response.statusCode).toBe(200);
    expect(response.body).toContain('Imported Coastal Ecology Standards (invented sample)');
    expect(response.body).toContain('Imported with 49 warnings');
    expect(response.body).toContain('<th scope="col">What we found</th><th scope="col">Where</th><th scope="col">What we did</th>');
    expect(response.body).toContain('<tr><td>A number written as text: &quot;1&quot;</td><td><code>CFAssociations[*].sequenceNumber, 6 times (first at CFAssociations[0].sequenceNumber)</code></td><td>Read as 1</td></tr>');
    expect(response.body).toContain('An item type without a description: null');
    const row = await storedRow(OPEN_SALT_ID);
    expect(row?.importWarnings.reduce((n, g) => n + g.count, 0)).toBe(49);
    expect(row?.itemCount).toBe(6);
    const audit = await hub.database.db.select().from(auditEvents).where(eq(auditEvents.action, 'framework.imported'));
    expect(audit.map((a) => a.detail)).toEqual([expect.objectContaining({ frameworkId: OPEN_SALT_ID, status: 'created', warnings: 49, fileName: 'framework.json' })]);

    const page = await learner.get(`/frameworks/${OPEN_SALT_ID}`);
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('How this package departs from the CASE standard');
    expect(page.body).toContain('When it was imported the hub found 49 deviations');
    expect(page.body).toContain('<code>CFItems[0].educationalLevel</code>');
  });

  it('shows the tree warnings the framework page used to drop', async () => {
    const pkg = thirdPartyPackage();
    pkg.CFDocument.title = 'Tree with a loop';
    pkg.CFAssociations.push({ ...pkg.CFAssociations[0]!, identifier: 'a1b2c3d4-0000-4000-8000-29999999999', destinationNodeURI: { ...pkg.CFAssociations[0]!.originNodeURI } });
    expect((await upload(admin, JSON.stringify(pkg))).statusCode).toBe(200);
    const page = await admin.get('/frameworks/tree-with-a-loop');
    expect(page.body).toContain('The item tree');
  });

  it('imports through the API, reporting the warnings, and says why it refuses', async () => {
    const pkg = JSON.parse(openSalt) as { CFDocument: { title: string } };
    pkg.CFDocument.title = 'Coastal standards through the API';
    const created = await admin.api('POST', '/api/v1/frameworks', pkg);
    expect(created.statusCode).toBe(201);
    const body = created.json<{ id: string; status: string; warnings: Array<{ code: string; where: string; count: number }> }>();
    expect(body).toMatchObject({ id: 'coastal-standards-through-the-api', version: '1', format: 'case', status: 'created' });
    expect(body.warnings).toContainEqual(expect.objectContaining({ code: 'number-as-text', where: 'CFAssociations[*].sequenceNumber', count: 6 }));
    const again = await admin.api('POST', '/api/v1/frameworks', pkg);
    expect(again.statusCode).toBe(200);
    expect(again.json()).toMatchObject({ status: 'unchanged', warnings: body.warnings });
    const refused = await admin.api('POST', '/api/v1/frameworks', { CFItems: [] });
    expect(refused.statusCode).toBe(400);
    expect(refused.headers['content-type']).toContain('application/problem+json');
    expect(refused.json()).toMatchObject({ detail: 'Not a CASE package: CFDocument is missing' });
  });

  it('serves an imported package as stored: coerced where unambiguous, extra fields kept', async () => {
    const docId = (JSON.parse(openSalt) as { CFDocument: { identifier: string } }).CFDocument.identifier;
    const served = await hub.app.inject({ method: 'GET', url: `/ims/case/v1p0/CFPackages/${docId}` });
    expect(served.statusCode).toBe(200);
    const pkg = served.json<{ CFItems: Array<Record<string, unknown>>; CFAssociations: Array<Record<string, unknown>>; CFDefinitions: { CFItemTypes: Array<Record<string, unknown>> } }>();
    expect(pkg.CFItems[0]).toMatchObject({ educationalLevel: '06', lastChangeDateTime: '2017-05-25T18:05:33' });
    expect(pkg.CFAssociations.map((a) => a.sequenceNumber).slice(0, 4)).toEqual([1, 1, 1, 2]);
    expect(pkg.CFDefinitions.CFItemTypes.map((t) => t.description)).toEqual(['Grade', 'Cluster', 'Standard']);
  });
});
