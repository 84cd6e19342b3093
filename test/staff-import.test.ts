import { and, eq, inArray, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditEvents, localCredentials, people, profileSuggestions, profiles, staffAssignments, staffImportRuns, staffPeople, supervisions } from '../src/db/schema.ts';
import { hashPassword } from '../src/services/identity/password-hasher.ts';
import type { StaffImportOutcome } from '../src/services/staff/staff-import.service.ts';
import { emailOf, employeeNumberOf, generateEsrExtract } from './support/esr-extract.ts';
import type { EsrExtractOptions } from './support/esr-extract.ts';
import { createTestOrganisations, createTestPerson, signIn, TEST_PASSWORD } from './support/people-fixtures.ts';
import { viewerOf } from './support/product-fixtures.ts';
import { createTestHub, databaseTargets } from './support/test-hub.ts';
import type { TestHub } from './support/test-hub.ts';

describe.each(databaseTargets())('staff records from ESR on $name', (target) => {
  let hub: TestHub;
  let orgs: Awaited<ReturnType<typeof createTestOrganisations>>;
  let admin: Awaited<ReturnType<typeof createTestPerson>>;
  let otherAdmin: Awaited<ReturnType<typeof createTestPerson>>;
  const FILE: EsrExtractOptions = { seed: 7, people: 40, secondaryAssignments: 5, missingEmails: 3, badDates: 1, odsCodes: ['RXX', 'RXX01'] };

  beforeAll(async () => {
    hub = await createTestHub(target);
    orgs = await createTestOrganisations(hub);
    await hub.database.db.execute(sql`update organisations set ods_code = 'RXX' where id = ${orgs.trust.id}`);
    await hub.database.db.execute(sql`update organisations set ods_code = 'RYY' where id = ${orgs.otherTrust.id}`);
    await hub.services.organisations.createOrganisation({ kind: 'team', name: 'Site team', parentId: orgs.trust.id, odsCode: 'RXX01' });
    admin = await createTestPerson(hub, { organisationId: orgs.trust.id, roles: ['organisation-admin'], name: 'Trust Admin' });
    otherAdmin = await createTestPerson(hub, { organisationId: orgs.otherTrust.id, roles: ['organisation-admin'], name: 'Other Admin' });
  });
  afterAll(() => hub.close());

  const db = () => hub.database.db;
  const actor = () => ({ viewer: viewerOf(admin) });
  const preview = (options: EsrExtractOptions, more: Parameters<TestHub['services']['staffImport']['previewStaffImport']>[0]['options'] = {}) =>
    hub.services.staffImport.previewStaffImport({ actor: actor(), organisationId: orgs.trust.id, file: { name: 'staff.csv', source: Buffer.from(generateEsrExtract(options)) }, options: more });
  const apply = (outcome: StaffImportOutcome, options: EsrExtractOptions) =>
    hub.services.staffImport.applyStaffImport({ actor: actor(), runId: outcome.runId, fileSha256: outcome.fileSha256, file: { source: Buffer.from(generateEsrExtract(options)) } });
  const count = async (table: typeof staffPeople | typeof staffAssignments | typeof staffImportRuns | typeof people) =>
    (await db().select({ n: sql<number>`count(*)::int` }).from(table))[0]!.n;
  const personOf = async (i: number) =>
    (await db().select({ id: staffPeople.personId }).from(staffPeople).where(and(eq(staffPeople.organisationId, orgs.trust.id), eq(staffPeople.employeeNumber, employeeNumberOf(i)))))[0]?.id;

  it('a dry run counts what would change and changes nothing but a run record', async () => {
    const before = await count(people);
    const outcome = await preview(FILE);
    expect(outcome.mode).toBe('dry-run');
    expect(outcome.counts).toMatchObject({ rows: 45, newPeople: 39, assignmentsWritten: 44, errors: 1, erroredEmployees: 1, leavers: 0 });
    expect(outcome.errors).toMatchObject([{ reason: 'bad-date' }]);
    expect(outcome.warnings.filter((w) => w.reason === 'placeholder-email').length).toBeGreaterThanOrEqual(2);
    expect(await count(people)).toBe(before);
    expect(await count(staffPeople)).toBe(0);
    expect((await db().select().from(staffImportRuns).where(eq(staffImportRuns.id, outcome.runId)))[0]).toMatchObject({ mode: 'dry-run', source: 'web', actorId: admin.id, errorCount: 1 });
  });

  it('applies: people in the organisation their ODS code names, line managers as supervisors, audited', async () => {
    const outcome = await apply(await preview(FILE), FILE);
    expect(outcome.mode).toBe('applied');
    expect(await count(staffPeople)).toBe(39);
    const placed = await db().select({ organisationId: people.organisationId, n: sql<number>`count(*)::int` }).from(people).innerJoin(staffPeople, eq(staffPeople.personId, people.id)).groupBy(people.organisationId);
    expect(placed).toHaveLength(2);
    const [manager, learner] = [await personOf(0), await personOf(25)];
    const link = await db().select().from(supervisions).where(and(eq(supervisions.learnerId, learner!), eq(supervisions.source, 'esr')));
    expect(link).toMatchObject([{ supervisorId: await personOf(25 % 2), endedAt: null, assignedBy: admin.id }]);
    expect(manager).toBeDefined();
    const actions = await db().select({ action: auditEvents.action, n: sql<number>`count(*)::int` }).from(auditEvents).where(eq(auditEvents.actorId, admin.id)).groupBy(auditEvents.action);
    expect(Object.fromEntries(actions.map((a) => [a.action, a.n]))).toMatchObject({ 'staff-import.applied': 1, 'person.created': 39, 'supervision.assigned': outcome.counts.supervisionsAdded });
    const placeholder = (await db().select({ email: people.email }).from(people).where(sql`${people.email} like '%@staff-record.invalid'`));
    expect(placeholder.length).toBeGreaterThanOrEqual(2);
  });

  it('gives imported people the standing an account gets, and bumps their view stamps', async () => {
    const standingOf = async (personId: string) => (await db().execute(sql`
      select tier, archetype, factor, applicable, met_self, met_verified, counted from person_requirement_standing where person_id = ${personId} order by 1, 2, 3`) as unknown as { rows: unknown[] }).rows;
    const [first, later] = [await personOf(0), await personOf(39)];
    const colleague = await createTestPerson(hub, { organisationId: orgs.trust.id });
    expect((await standingOf(colleague.id)).length).toBeGreaterThan(0);
    expect(await standingOf(first!)).toEqual(await standingOf(colleague.id));
    expect(await standingOf(later!)).toEqual(await standingOf(colleague.id));
    const stamps = await db().execute(sql`select count(*)::int as n from person_view_versions v join staff_people sp on sp.person_id = v.person_id where v.version > 0`);
    expect((stamps as unknown as { rows: Array<{ n: number }> }).rows[0]!.n).toBe(39);
  });

  it('stores suggestions but leaves profiles alone', async () => {
    const nurse = await personOf(8);
    expect((await db().select().from(profileSuggestions).where(eq(profileSuggestions.personId, nurse!)))[0]).toMatchObject({ professionalGroup: 'nursing-midwifery-and-health-visiting', archetypes: ['user'] });
    expect((await db().select().from(profiles).where(eq(profiles.personId, nurse!)))[0]).toMatchObject({ professionalGroup: null, archetypes: [] });
  });

  it('applying the same file again changes nothing but adds a run record', async () => {
    const [staff, assignments, runs] = [await count(staffPeople), await count(staffAssignments), await count(staffImportRuns)];
    const again = await preview(FILE);
    expect(again.counts).toMatchObject({ newPeople: 0, changedPeople: 0, leavers: 0, assignmentsWritten: 0, assignmentsEnded: 0, supervisionsAdded: 0, supervisionsEnded: 0, suggestions: 0 });
    await apply(again, FILE);
    expect([await count(staffPeople), await count(staffAssignments), await count(staffImportRuns)]).toEqual([staff, assignments, runs + 1]);
  });

  it('a leaver is disabled, cannot sign in with a password, and loses their ESR supervisions', async () => {
    const leaverId = (await personOf(3))!;
    await db().insert(localCredentials).values({ personId: leaverId, passwordHash: await hashPassword(TEST_PASSWORD) });
    await signIn(hub.app, emailOf(3));
    const next = { ...FILE, leavers: 0, absent: 0 };
    const file = generateEsrExtract(next).replace(`${employeeNumberOf(3)}-1,Mx,Dev,Dunmore,,${emailOf(3)},Y,Active Assignment`, `${employeeNumberOf(3)}-1,Mx,Dev,Dunmore,,${emailOf(3)},Y,Terminate Assignment`);
    const outcome = await hub.services.staffImport.previewStaffImport({ actor: actor(), organisationId: orgs.trust.id, file: { name: 'leaver.csv', source: Buffer.from(file) } });
    expect(outcome.counts.leavers).toBe(1);
    await hub.services.staffImport.applyStaffImport({ actor: actor(), runId: outcome.runId, fileSha256: outcome.fileSha256, file: { source: Buffer.from(file) } });
    expect((await db().select({ status: people.status }).from(people).where(eq(people.id, leaverId)))[0]!.status).toBe('disabled');
    const dims = await db().execute(sql`select counted from insight_person_dims where person_id = ${leaverId}`);
    expect((dims as unknown as { rows: Array<{ counted: boolean }> }).rows).toEqual([{ counted: false }]);
    await expect(signIn(hub.app, emailOf(3))).rejects.toThrow(/sign-in failed/);
    expect(await db().select().from(supervisions).where(and(eq(supervisions.learnerId, leaverId), sql`${supervisions.endedAt} is null`))).toEqual([]);
    expect((await db().select({ n: sql<number>`count(*)::int` }).from(auditEvents).where(and(eq(auditEvents.subjectId, leaverId), eq(auditEvents.action, 'person.deactivated'))))[0]!.n).toBe(1);
  });

  it('refuses a partial extract that would make many leavers, unless allowed', async () => {
    const partial = { ...FILE, people: 20 };
    const refused = await preview(partial);
    expect(refused.mode).toBe('refused');
    expect(refused.refusal).toMatchObject({ reason: 'too-many-leavers' });
    await expect(apply(refused, partial)).rejects.toMatchObject({ code: 'conflict' });
    expect((await preview(partial, { fullExtract: false })).counts.leavers).toBe(0);
    expect((await preview(partial, { allowManyLeavers: true })).mode).toBe('dry-run');
  });

  it('reads headers the organisation has mapped', async () => {
    const source = () => Buffer.from(generateEsrExtract(FILE).replace('Assignment Number', 'Post Reference'));
    const previewIt = () => hub.services.staffImport.previewStaffImport({ actor: actor(), organisationId: orgs.trust.id, file: { name: 'mapped.csv', source: source() } });
    await expect(previewIt()).rejects.toMatchObject({ code: 'invalid' });
    await hub.services.staffImport.saveImportSettings({ actor: actor(), organisationId: orgs.trust.id, settings: { map: { assignmentNumber: 'post reference' } } });
    try {
      expect(await previewIt()).toMatchObject({ mode: 'dry-run', counts: { newPeople: 0, errors: 1 } });
    } finally {
      await hub.services.staffImport.saveImportSettings({ actor: actor(), organisationId: orgs.trust.id, settings: {} });
    }
    await expect(previewIt()).rejects.toMatchObject({ code: 'invalid' });
  });

  it('refuses with --strict on any row error', async () => {
    expect((await preview(FILE, { strict: true })).refusal).toMatchObject({ reason: 'row-errors', errors: 1 });
  });

  it('refuses to apply when the hub changed since the preview, or the file is another', async () => {
    const file = { ...FILE, people: 41 };
    const first = await preview(file);
    await expect(hub.services.staffImport.applyStaffImport({ actor: actor(), runId: first.runId, fileSha256: first.fileSha256, file: { source: Buffer.from(generateEsrExtract(FILE)) } })).rejects.toMatchObject({ code: 'conflict' });
    await apply(await preview(file), file);
    await expect(apply(first, file)).rejects.toMatchObject({ code: 'conflict' });
  });

  it.each([['unbalanced-quote'], ['missing-header'], ['ragged-row']] as const)('refuses a malformed file (%s) and changes nothing', async (malformed) => {
    const [staff, runs] = [await count(staffPeople), await count(staffImportRuns)];
    await expect(preview({ ...FILE, malformed })).rejects.toMatchObject({ code: 'invalid' });
    expect([await count(staffPeople), await count(staffImportRuns)]).toEqual([staff, runs]);
  });

  it('refuses another organisation’s admin and a learner; a foreign ODS code is a row error', async () => {
    const source = Buffer.from(generateEsrExtract(FILE));
    await expect(hub.services.staffImport.previewStaffImport({ actor: { viewer: viewerOf(otherAdmin) }, organisationId: orgs.trust.id, file: { name: 'x.csv', source } })).rejects.toMatchObject({ code: 'not_found' });
    const learner = await createTestPerson(hub, { organisationId: orgs.trust.id });
    await expect(hub.services.staffImport.previewStaffImport({ actor: { viewer: viewerOf(learner) }, organisationId: orgs.trust.id, file: { name: 'x.csv', source } })).rejects.toMatchObject({ code: 'forbidden' });
    const foreign = await preview({ ...FILE, people: 41, foreignOds: { code: 'RYY', count: 2 } });
    expect(foreign.errors.filter((e) => e.reason === 'foreign-organisation')).toHaveLength(2);
    const ids = (await db().select({ id: people.id }).from(people).where(eq(people.organisationId, orgs.otherTrust.id))).map((p) => p.id);
    expect((await db().select().from(staffPeople).where(inArray(staffPeople.personId, ids)))).toEqual([]);
  });
});
