import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { people, profiles, profileSuggestions, staffImportFiles, staffImportRuns, staffPeople } from '../src/db/schema.ts';
import { createPeopleRepository } from '../src/db/people.repository.ts';
import { hashPassword } from '../src/services/identity/password-hasher.ts';
import { ESR_HEADERS, generateEsrExtract } from './support/esr-extract.ts';
import { createTestOrganisations, createTestPerson, signIn, TEST_PASSWORD } from './support/people-fixtures.ts';
import type { TestSession } from './support/people-fixtures.ts';
import { createTestHub, databaseTargets } from './support/test-hub.ts';
import type { TestHub } from './support/test-hub.ts';
import { postMultipart } from './support/verification-fixtures.ts';

/** The organisation admin's ESR import pages (issue 15 §2): upload, dry run, apply, settings. */
describe.each(databaseTargets())('staff import pages on $name', (target) => {
  let hub: TestHub;
  let orgs: Awaited<ReturnType<typeof createTestOrganisations>>;
  let admin: TestSession;
  let otherAdmin: TestSession;
  const csv = (content: string, fileName = 'staff.csv') => ({ fileName, contentType: 'text/csv', content: Buffer.from(content) });
  const upload = (session: TestSession, organisationId: string, file?: ReturnType<typeof csv>, ticks: string[] = ['fullExtract']) =>
    postMultipart(hub, session, '/organisation/staff-import', [{ name: 'organisationId', value: organisationId }, ...ticks.map((name) => ({ name, value: 'yes' })), ...(file ? [{ name: 'file', file }] : [])]);
  const count = async (table: typeof staffPeople | typeof staffImportRuns | typeof staffImportFiles) => (await hub.database.db.select({ n: sql<number>`count(*)::int` }).from(table))[0]!.n;
  const runIdOf = (location: unknown) => /\/runs\/([0-9a-f-]{36})$/.exec(String(location))?.[1] ?? '';
  const shaOn = (html: string) => /name="fileSha256" value="([0-9a-f]{64})"/.exec(html)?.[1] ?? '';

  beforeAll(async () => {
    hub = await createTestHub(target);
    orgs = await createTestOrganisations(hub);
    admin = await signIn(hub.app, (await createTestPerson(hub, { organisationId: orgs.trust.id, roles: ['organisation-admin'] })).email);
    otherAdmin = await signIn(hub.app, (await createTestPerson(hub, { organisationId: orgs.otherTrust.id, roles: ['organisation-admin'] })).email);
  });
  afterAll(() => hub.close());

  it('checks an uploaded extract, shows what it would do, changes nothing, then applies those bytes once', async () => {
    const overview = await admin.get(`/organisation?organisationId=${orgs.trust.id}`);
    expect(overview.body).toContain(`href="/organisation/staff-import?organisationId=${orgs.trust.id}"`);
    expect((await admin.get(`/organisation/staff-import?organisationId=${orgs.trust.id}`)).body).toContain('No staff have been imported for Test Trust yet.');
    const checked = await upload(admin, orgs.trust.id, csv(generateEsrExtract({ seed: 3, people: 30, secondaryAssignments: 2, badDates: 1 })));
    expect(checked.statusCode).toBe(303);
    const runId = runIdOf(checked.headers.location);
    const run = await admin.get(`/organisation/staff-import/runs/${runId}`);
    expect(run.statusCode).toBe(200);
    expect(run.body).toContain('This is what importing the file would do. Nothing has changed yet.');
    expect(run.body).toMatch(/New people to add\s*<\/dt>\s*<dd[^>]*>\s*29/);
    expect(run.body).toContain('Rows in error');
    expect(run.body).toContain('Apply this import');
    expect(await count(staffPeople)).toBe(0);
    expect(await count(staffImportFiles)).toBe(1);

    const applied = await admin.post(`/organisation/staff-import/runs/${runId}/apply`, { fileSha256: shaOn(run.body) });
    expect(applied.statusCode).toBe(303);
    const done = await admin.get(String(applied.headers.location));
    expect(done.body).toContain('The import has been applied.');
    expect(done.body).toMatch(/New people added\s*<\/dt>\s*<dd[^>]*>\s*29/);
    expect(done.body).not.toContain('Apply this import');
    expect(await count(staffPeople)).toBe(29);
    // The staff data in the upload is not kept once applied.
    expect(await count(staffImportFiles)).toBe(0);
    const again = await admin.post(`/organisation/staff-import/runs/${runId}/apply`, { fileSha256: shaOn(run.body) });
    expect(again.statusCode).toBe(409);
    expect(again.body).toContain('This import has already been applied.');
    expect(await count(staffPeople)).toBe(29);
    const history = await admin.get(`/organisation/staff-import?organisationId=${orgs.trust.id}`);
    expect(history.body).toContain(`href="/organisation/staff-import/runs/${runId}"`);
    expect(history.body).toContain('Applied');
  });

  it('says what is wrong with a missing, misnamed or malformed file, at the file input, and keeps nothing', async () => {
    const runs = await count(staffImportRuns);
    const none = await upload(admin, orgs.trust.id);
    expect(none.statusCode).toBe(400);
    expect(none.body).toContain('Select the ESR staff extract, a CSV file');
    expect((await upload(admin, orgs.trust.id, csv('a,b\n1,2\n', 'staff.xlsx'))).body).toContain('The file must be a CSV file, with a name ending .csv');
    const malformed = await upload(admin, orgs.trust.id, csv(generateEsrExtract({ people: 5, malformed: 'unbalanced-quote' })));
    expect(malformed.statusCode).toBe(400);
    expect(malformed.body).toContain('There is a problem');
    expect(malformed.body).toContain('href="#file"');
    const headerless = await upload(admin, orgs.trust.id, csv(generateEsrExtract({ people: 5, malformed: 'missing-header' })));
    expect(headerless.statusCode).toBe(400);
    expect(await count(staffImportFiles)).toBe(0);
    expect(await count(staffImportRuns)).toBe(runs);
  });

  it('takes an extract larger than the usual 10MB upload limit', async () => {
    // Long cells in a column the hub does not read make a small workforce's file larger than 10MB.
    const padded = generateEsrExtract({ seed: 9, people: 60 }).split('\r\n').map((line, i) => (line === '' ? line : `${line},${i === 0 ? 'Notes' : 'x'.repeat(200_000)}`)).join('\r\n');
    expect(Buffer.byteLength(padded)).toBeGreaterThan(11 * 1024 * 1024);
    const checked = await upload(otherAdmin, orgs.otherTrust.id, csv(padded));
    expect(checked.statusCode).toBe(303);
    expect((await otherAdmin.get(String(checked.headers.location))).body).toMatch(/New people to add\s*<\/dt>\s*<dd[^>]*>\s*60/);
  });

  it('uses the column names an organisation saves for its extracts', async () => {
    const renamed = generateEsrExtract({ seed: 4, people: 6 }).replace('Employee Number', 'Staff Ref');
    const refused = await upload(otherAdmin, orgs.otherTrust.id, csv(renamed));
    expect(refused.statusCode).toBe(400);
    const settings = await otherAdmin.get(`/organisation/staff-import/settings?organisationId=${orgs.otherTrust.id}`);
    expect(settings.statusCode).toBe(200);
    expect(settings.body).toContain('Usually “Employee Number”');
    const bad = await otherAdmin.post('/organisation/staff-import/settings', { organisationId: orgs.otherTrust.id, fullExtract: 'yes', leaverThresholdPct: '250', 'column-employeeNumber': 'Staff Ref' });
    expect(bad.statusCode).toBe(400);
    expect(bad.body).toContain('Enter a whole number from 0 to 100');
    const saved = await otherAdmin.post('/organisation/staff-import/settings', { organisationId: orgs.otherTrust.id, fullExtract: 'yes', leaverThresholdPct: '15', 'column-employeeNumber': 'Staff Ref' });
    expect(saved.statusCode).toBe(303);
    expect((await otherAdmin.get(String(saved.headers.location))).body).toContain('value="Staff Ref"');
    expect((await upload(otherAdmin, orgs.otherTrust.id, csv(renamed))).statusCode).toBe(303);
    expect(ESR_HEADERS).toContain('Employee Number');
  });

  it('says when a dry run’s file is no longer kept, and will not apply it', async () => {
    const checked = await upload(admin, orgs.trust.id, csv(generateEsrExtract({ seed: 3, people: 30 })));
    const runId = runIdOf(checked.headers.location);
    await hub.database.db.update(staffImportFiles).set({ expiresAt: new Date(Date.now() - 1000) }).where(eq(staffImportFiles.runId, runId));
    const run = await admin.get(`/organisation/staff-import/runs/${runId}`);
    expect(run.body).toContain('The uploaded file is no longer kept.');
    const [stored] = await hub.database.db.select().from(staffImportRuns).where(eq(staffImportRuns.id, runId));
    const refused = await admin.post(`/organisation/staff-import/runs/${runId}/apply`, { fileSha256: stored!.fileSha256 });
    expect(refused.statusCode).toBe(409);
    expect(refused.body).toContain('upload it again');
  });

  it('offers a template the hub reads back as one new person', async () => {
    const template = await admin.get('/organisation/staff-import/template.csv');
    expect(template.statusCode).toBe(200);
    expect(template.headers['content-type']).toContain('text/csv');
    expect(template.body.split('\r\n')[0]).toContain('Employee Number,Assignment Number');
    // Not a full extract: the trust's staff imported earlier are not in it, and have not left.
    const checked = await upload(admin, orgs.trust.id, csv(template.body, 'template.csv'), []);
    expect(checked.statusCode).toBe(303);
    expect((await admin.get(String(checked.headers.location))).body).toMatch(/New people to add\s*<\/dt>\s*<dd[^>]*>\s*1\s*</);
  });

  it('keeps each organisation’s imports to its own admins', async () => {
    const [run] = await hub.database.db.select().from(staffImportRuns).where(eq(staffImportRuns.organisationId, orgs.trust.id)).limit(1);
    expect((await otherAdmin.get(`/organisation/staff-import/runs/${run!.id}`)).statusCode).toBe(404);
    expect((await otherAdmin.post(`/organisation/staff-import/runs/${run!.id}/apply`, { fileSha256: run!.fileSha256 })).statusCode).toBe(404);
    expect((await otherAdmin.get(`/organisation/staff-import?organisationId=${orgs.trust.id}`)).statusCode).toBe(404);
    const before = (await hub.database.db.select({ n: sql<number>`count(*)::int` }).from(people))[0]!.n;
    expect((await upload(otherAdmin, orgs.trust.id, csv(generateEsrExtract({ seed: 5, people: 3 })))).statusCode).toBe(404);
    expect((await hub.database.db.select({ n: sql<number>`count(*)::int` }).from(people))[0]!.n).toBe(before);
  });

  it('offers an imported person what their staff record suggests, which they use and save themselves or turn down', async () => {
    const suggested = await hub.database.db
      .select({ personId: profileSuggestions.personId, group: profileSuggestions.professionalGroup, archetypes: profileSuggestions.archetypes, email: people.email })
      .from(profileSuggestions)
      .innerJoin(people, eq(people.id, profileSuggestions.personId))
      .where(eq(people.organisationId, orgs.trust.id));
    const [first, second] = suggested.filter((s) => s.group !== null && s.archetypes.length > 0);
    const repository = createPeopleRepository(hub.database.db);
    const sessionOf = async (person: { personId: string; email: string }) => {
      await repository.setPasswordHash(person.personId, await hashPassword(TEST_PASSWORD));
      return signIn(hub.app, person.email);
    };
    const person = await sessionOf(first!);
    const offered = await person.get('/self-assessment/profile');
    expect(offered.body).toContain('Your staff record suggests professional group');
    expect(offered.body).toContain('It is only a suggestion: you decide.');
    const filled = await person.get('/self-assessment/profile?staffRecord=use');
    expect(filled.body).toContain('We have filled in what your staff record suggests.');
    expect(filled.body).toContain('name="fromStaffRecord" value="1"');
    expect(filled.body).toContain(`value="${first!.group}" selected`);
    for (const archetype of first!.archetypes) expect(filled.body).toMatch(new RegExp(`value="${archetype}" checked`));
    // Nothing is written to the profile until the person saves it.
    expect((await hub.database.db.select().from(profiles).where(eq(profiles.personId, first!.personId)))[0]!.professionalGroup).toBeNull();
    const saved = await person.post('/self-assessment/profile', { fromStaffRecord: '1', archetypes: first!.archetypes, professionalGroup: first!.group!, setting: 'acute', clinicalDecisionMaking: 'no' });
    expect(saved.statusCode).toBe(303);
    expect((await hub.database.db.select().from(profiles).where(eq(profiles.personId, first!.personId)))[0]).toMatchObject({ professionalGroup: first!.group, archetypes: first!.archetypes });
    expect((await hub.database.db.select().from(profileSuggestions).where(eq(profileSuggestions.personId, first!.personId)))[0]!.decision).toBe('accepted');
    expect((await person.get('/self-assessment/profile')).body).not.toContain('Your staff record suggests');

    const other = await sessionOf(second!);
    expect((await other.post('/self-assessment/profile/staff-record/decline')).statusCode).toBe(303);
    expect((await other.get('/self-assessment/profile')).body).not.toContain('Your staff record suggests');
    expect((await hub.database.db.select().from(profileSuggestions).where(eq(profileSuggestions.personId, second!.personId)))[0]!.decision).toBe('declined');
    expect((await hub.database.db.select().from(profiles).where(eq(profiles.personId, second!.personId)))[0]!.professionalGroup).toBeNull();
  });
});
