import { approveDeploymentReview } from './support/assurance-fixtures.ts';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { aiDeploymentUsers, moduleAttempts, notifications, outbox, productModuleRevisions } from '../src/db/schema.ts';
import { createTestOrganisations, createTestPerson, signIn } from './support/people-fixtures.ts';
import type { TestSession } from './support/people-fixtures.ts';
import { createTestHub, databaseTargets } from './support/test-hub.ts';
import type { TestHub } from './support/test-hub.ts';
import { CHECK, publishTrainingFor, TRI_X } from './support/product-fixtures.ts';

interface DraftJson {
  moduleId: string | null;
  version: number | null;
  copiedFrom: { label: string } | null;
  sections: Array<{ requirementId: string; topicId: string; statement: string; content: string; needsReview: boolean }>;
  publishProblems: Array<{ field: string; message: string }>;
}

/** Issue 11, product leads: training before it is owed, immutable revisions, copy-forward, bulk assignment. */
describe.each(databaseTargets())('product lead seams on $name', (target) => {
  let hub: TestHub;
  let lead: TestSession;
  let learner: TestSession;
  let otherLead: TestSession;
  let learnerId: string;
  let trustId: string;
  let productId: string;
  let deploymentId: string;
  let teamId: string;
  const emails: Record<string, string> = {};
  const versionIds: Record<string, string> = {};

  const moduleUrl = (label: string) => `/api/v1/products/${productId}/versions/${versionIds[label]}/module`;
  const addVersion = async (label: string, trainingImpact: string, affectedTopics: string[] = []) => {
    const created = await lead.api('POST', `/api/v1/products/${productId}/versions`, { label, releasedOn: `2026-0${Object.keys(versionIds).length + 1}-01`, releaseNotes: `Release ${label}.`, trainingImpact, affectedTopics });
    expect(created.statusCode).toBe(201);
    versionIds[label] = created.json().id;
  };
  const dueByOf = async (personId: string) => (await hub.database.db.select().from(aiDeploymentUsers).where(eq(aiDeploymentUsers.personId, personId))).find((r) => r.unlinkedAt === null && r.deploymentId === deploymentId)?.dueBy ?? null;
  const messagesOf = async (personId: string) => (await hub.database.db.select().from(notifications).where(eq(notifications.personId, personId))).map((n) => n.message);

  beforeAll(async () => {
    hub = await createTestHub(target);
    const orgs = await createTestOrganisations(hub);
    trustId = orgs.trust.id;
    teamId = (await hub.services.organisations.createOrganisation({ kind: 'team', name: 'Radiology', parentId: trustId })).id;
    const subTeamId = (await hub.services.organisations.createOrganisation({ kind: 'team', name: 'Night reporting', parentId: teamId })).id;
    const leadPerson = await createTestPerson(hub, { organisationId: trustId, roles: ['learner', 'product-lead'], name: 'Hana Lead' });
    const learnerPerson = await createTestPerson(hub, { organisationId: trustId, name: 'Rae Radiographer' });
    const otherLeadPerson = await createTestPerson(hub, { organisationId: orgs.otherTrust.id, roles: ['learner', 'product-lead'], name: 'Otto Lead' });
    for (const [key, organisationId] of [['team', teamId], ['night', subTeamId], ['elsewhere', orgs.otherTrust.id]] as const) {
      emails[key] = (await createTestPerson(hub, { organisationId, name: `Staff ${key}` })).email;
    }
    learnerId = learnerPerson.id;
    emails.learner = learnerPerson.email;
    [lead, learner, otherLead] = await Promise.all([leadPerson, learnerPerson, otherLeadPerson].map((p) => signIn(hub.app, p.email))) as [TestSession, TestSession, TestSession];
    productId = (await lead.api('POST', '/api/v1/products', TRI_X)).json().id;
    await addVersion('1.0', 'none');
    deploymentId = (await lead.api('POST', `/api/v1/products/${productId}/deployments`, { organisationId: trustId, status: 'evaluating', startedOn: '2026-02-01', refresherDays: 14 })).json().id;
    // Approved for going live (issue 12): these tests are about training, not the review.
    await approveDeploymentReview(hub.database.db, { productId, organisationId: trustId, leadId: (await lead.api('GET', '/api/v1/me')).json().id });
    expect((await lead.api('POST', `/api/v1/deployments/${deploymentId}/users`, { personId: learnerId })).statusCode).toBe(204);
  });
  afterAll(() => hub.close());

  it('refuses to make a version live before its training is published, on the page with an error summary', async () => {
    const api = await lead.api('PATCH', `/api/v1/deployments/${deploymentId}`, { status: 'live', liveVersionId: versionIds['1.0'] });
    expect(api.statusCode).toBe(400);
    expect(api.json().errors).toEqual([{ field: 'liveVersionId', message: 'Publish the training module for tri-X 1.0 before it is live, or give a reason to go ahead without it' }]);
    const page = await lead.post(`/deployments/${deploymentId}`, { status: 'live', liveVersionId: versionIds['1.0'] ?? '', trainingOverrideReason: '' });
    expect(page.statusCode).toBe(400);
    expect(page.body).toContain('nhsuk-error-summary');
    expect(page.body).toContain('href="#liveVersionId"');
    expect(page.body).toContain('1.0 (training not published)');
    expect((await lead.api('GET', `/api/v1/deployments/${deploymentId}/users`)).json().users).toHaveLength(1);
    expect((await hub.database.db.select().from(aiDeploymentUsers).where(eq(aiDeploymentUsers.deploymentId, deploymentId)))[0]?.dueBy).not.toBeNull();
  });

  it('goes live on a recorded override, with every clock waiting for the training, and starts them when it is published', async () => {
    const reason = 'The old triage list is switched off on Monday; training follows within the week.';
    const live = await lead.api('PATCH', `/api/v1/deployments/${deploymentId}`, { status: 'live', liveVersionId: versionIds['1.0'], trainingOverrideReason: reason });
    expect(live.statusCode).toBe(200);
    expect(live.json()).toMatchObject({ status: 'live', trainingOverrideReason: reason });
    expect(await dueByOf(learnerId)).toBeNull();
    expect((await lead.get(`/deployments/${deploymentId}`)).body).toContain(reason);
    const mine = (await learner.api('GET', '/api/v1/me/product-training')).json().products[0];
    expect(mine).toMatchObject({ status: 'not-started', dueBy: null, module: null });

    const before = Date.now();
    const moduleId = await publishTrainingFor(lead, productId, versionIds['1.0']!);
    const dueBy = await dueByOf(learnerId);
    expect(dueBy).not.toBeNull();
    // Due in the refresher days from publishing, not from going live or being linked.
    expect(dueBy!.getTime()).toBeGreaterThanOrEqual(before + 14 * 24 * 3600 * 1000 - 1000);
    expect(await messagesOf(learnerId)).toContainEqual(expect.stringMatching(/^The training for tri-X 1\.0 is now published: complete it by \d{1,2} \w+ 2026\.$/));
    const mail = await hub.database.db.select().from(outbox).where(eq(outbox.subject, 'Training ready: tri-X 1.0'));
    expect(mail.map((m) => m.toAddress)).toEqual([emails.learner]);
    expect((await learner.api('GET', '/api/v1/me/product-training')).json().products[0]).toMatchObject({ status: 'not-started', module: { id: moduleId } });
  });

  it('starts a new version’s module as a copy of the last published one, with the sections it changes to review', async () => {
    await addVersion('1.1', 'refresher-required', ['product-limitations']);
    const draft = (await lead.api('GET', moduleUrl('1.1'))).json() as DraftJson;
    expect(draft.moduleId).not.toBeNull();
    expect(draft.copiedFrom).toMatchObject({ label: '1.0' });
    expect(draft.sections.every((s) => s.content === `Our local guidance on: ${s.statement}`)).toBe(true);
    const flagged = draft.sections.filter((s) => s.needsReview);
    expect(flagged.map((s) => s.topicId)).toEqual(['product-limitations']);
    expect(draft.publishProblems).toEqual([{ field: `sections.${flagged[0]!.requirementId}`, message: expect.stringContaining('Review the section') }]);
    expect((await lead.api('POST', `${moduleUrl('1.1')}/publish`, {})).statusCode).toBe(400);
    // It cannot go live meanwhile.
    expect((await lead.api('PATCH', `/api/v1/deployments/${deploymentId}`, { liveVersionId: versionIds['1.1'] })).statusCode).toBe(400);

    // Saving the section unchanged keeps the flag; editing it (or confirming it) clears it.
    const sections = Object.fromEntries(draft.sections.map((s) => [s.requirementId, s.content]));
    const unchanged = await lead.api('PUT', moduleUrl('1.1'), { version: draft.version, sections, knowledgeCheck: CHECK });
    expect((unchanged.json() as DraftJson).sections.filter((s) => s.needsReview)).toHaveLength(1);
    const edited = await lead.api('PUT', moduleUrl('1.1'), { version: draft.version! + 1, sections: { ...sections, [flagged[0]!.requirementId]: 'Version 1.1 also misses small pneumothoraces on portable films.' }, knowledgeCheck: CHECK });
    expect((edited.json() as DraftJson).publishProblems).toEqual([]);
    expect((await lead.api('POST', `${moduleUrl('1.1')}/publish`, {})).statusCode).toBe(200);
    expect((await lead.api('PATCH', `/api/v1/deployments/${deploymentId}`, { liveVersionId: versionIds['1.1'] })).statusCode).toBe(200);
    expect(await messagesOf(learnerId)).toContainEqual(expect.stringContaining('tri-X 1.1 is live and needs a refresher: complete its training by'));
  });

  it('keeps each published revision immutable, and records with each attempt the revision the learner saw', async () => {
    const moduleId = (await lead.api('GET', moduleUrl('1.1'))).json().moduleId as string;
    const first = (await learner.api('GET', `/api/v1/modules/${moduleId}`)).json();
    expect(first.revision).toMatchObject({ number: 1 });
    const draft = (await lead.api('GET', moduleUrl('1.1'))).json() as DraftJson;
    const sections = Object.fromEntries(draft.sections.map((s) => [s.requirementId, s.content]));
    const target = draft.sections[0]!.requirementId;
    const changedCheck = { ...CHECK, questions: [CHECK.questions[0]!] };
    const saved = await lead.api('PUT', moduleUrl('1.1'), { version: draft.version, sections: { ...sections, [target]: 'Rewritten after an incident.' }, knowledgeCheck: changedCheck });
    expect(saved.json()).toMatchObject({ hasUnpublishedChanges: true, latestRevision: { number: 1 } });
    // Learners still read revision 1 until the change is published.
    expect((await learner.api('GET', `/api/v1/modules/${moduleId}`)).json().sections[0].markdown).not.toContain('Rewritten after an incident.');
    expect((await lead.api('POST', `${moduleUrl('1.1')}/publish`, {})).statusCode).toBe(200);
    const second = (await learner.api('GET', `/api/v1/modules/${moduleId}`)).json();
    expect(second.revision).toMatchObject({ number: 2 });
    expect(second.sections[0].markdown).toContain('Rewritten after an incident.');
    expect(second.questions).toHaveLength(1);

    // An attempt on the page opened before revision 2 is marked against revision 1, which it records.
    const onFirst = await learner.api('POST', `/api/v1/modules/${moduleId}/attempts`, { revisionId: first.revision.id, answers: { q1: ['a'], q2: ['a', 'b'] } });
    expect(onFirst.json()).toMatchObject({ passed: true, total: 2, revision: { number: 1 } });
    const onSecond = await learner.api('POST', `/api/v1/modules/${moduleId}/attempts`, { answers: { q1: ['a'] } });
    expect(onSecond.json()).toMatchObject({ passed: true, total: 1, revision: { number: 2 } });
    const recorded = await hub.database.db.select().from(moduleAttempts).where(eq(moduleAttempts.moduleId, moduleId));
    expect(recorded.map((a) => a.revisionId).sort()).toEqual([first.revision.id, second.revision.id].sort());
    expect((await learner.api('POST', `/api/v1/modules/${moduleId}/attempts`, { revisionId: '00000000-0000-4000-8000-000000000000', answers: { q1: ['a'] } })).statusCode).toBe(400);
    // The result page names the revision.
    const result = await learner.get(`/modules/${moduleId}/result?attempt=${onFirst.json().attemptId}`);
    expect(result.body).toMatch(/Marked against revision 1 of the training, published \d{1,2} \w+ 2026\./);

    // The database refuses to change or remove a revision.
    await expect(hub.database.db.update(productModuleRevisions).set({ contentHash: 'x' }).where(eq(productModuleRevisions.id, first.revision.id))).rejects.toThrow();
    await expect(hub.database.db.delete(productModuleRevisions).where(eq(productModuleRevisions.id, first.revision.id))).rejects.toThrow();
  });

  it('assigns in bulk: a team and those beneath it, or a list that is refused whole when a line names nobody here', async () => {
    const bulk = (body: unknown, session = lead) => session.api('POST', `/api/v1/deployments/${deploymentId}/users/bulk`, body);
    expect((await bulk({ by: 'organisation', organisationId: teamId }, learner)).statusCode).toBe(404);
    expect((await bulk({ by: 'organisation', organisationId: teamId }, otherLead)).statusCode).toBe(404);
    expect((await bulk({ by: 'organisation', organisationId: (await otherLead.api('GET', '/api/v1/me')).json().organisationId })).statusCode).toBe(400);

    const badList = await bulk({ by: 'emails', emails: `${emails.team}\nnobody@example.nhs.uk\n\n${emails.elsewhere}` });
    expect(badList.statusCode).toBe(400);
    expect(badList.json().errors).toEqual([
      { field: 'emails', message: 'Line 2: nobody at Test Trust has the address nobody@example.nhs.uk' },
      { field: 'emails', message: `Line 4: nobody at Test Trust has the address ${emails.elsewhere}` },
    ]);
    expect((await lead.api('GET', `/api/v1/deployments/${deploymentId}/users`)).json().users).toHaveLength(1);

    const list = await bulk({ by: 'emails', emails: `${emails.team!.toUpperCase()}\n${emails.learner}` });
    expect(list.json()).toEqual({ assigned: 1, alreadyAssigned: 1 });
    const team = await bulk({ by: 'organisation', organisationId: teamId, includeBeneath: true });
    expect(team.json()).toEqual({ assigned: 1, alreadyAssigned: 1 });
    const users = (await lead.api('GET', `/api/v1/deployments/${deploymentId}/users`)).json().users as Array<{ displayName: string; dueBy: string | null }>;
    expect(users.map((u) => u.displayName)).toEqual(['Rae Radiographer', 'Staff night', 'Staff team']);
    expect(users.every((u) => u.dueBy !== null)).toBe(true);

    // On the page: the form, and an error summary listing each bad line.
    const page = await lead.post(`/deployments/${deploymentId}/users/bulk`, { by: 'emails', emails: 'someone@nowhere.example' });
    expect(page.statusCode).toBe(400);
    expect(page.body).toContain('href="#emails"');
    expect(page.body).toContain('Line 1: nobody at Test Trust has the address someone@nowhere.example');
    const done = await lead.post(`/deployments/${deploymentId}/users/bulk`, { by: 'organisation', organisationId: teamId });
    expect(done.statusCode).toBe(303);
    expect((await lead.get(done.headers.location as string)).body).toContain('0 people assigned, and told about the training to complete. 1 person already used it and was left as they were.');
  });

  it('records the facts Table 2 sections need, pulls each into its section, and asks for own words where facts are not enough', async () => {
    const facts = { ...TRI_X, name: 'tri-X facts', clinicalGuidelines: 'RCR guidance on AI in imaging; NICE NG12.', performance: '94% sensitivity, 88% specificity.', patientQueryPathway: 'Through PALS.' };
    const created = await lead.api('POST', '/api/v1/products', facts);
    expect(created.statusCode).toBe(201);
    expect(created.json()).toMatchObject({ clinicalGuidelines: facts.clinicalGuidelines, performance: facts.performance, patientQueryPathway: 'Through PALS.' });
    const id = created.json().id as string;
    const version = (await lead.api('POST', `/api/v1/products/${id}/versions`, { label: '1.0', releasedOn: '2026-01-01', releaseNotes: 'First.', trainingImpact: 'none' })).json().id as string;
    const url = `/api/v1/products/${id}/versions/${version}/module`;
    const draft = (await lead.api('GET', url)).json() as { sections: Array<{ requirementId: string; statement: string; prefill: string; needsOwnWords: boolean }> };
    const byId = new Map(draft.sections.map((s) => [s.requirementId, s]));
    // The clinical guidelines section shows the guidelines, not the device class.
    expect(byId.get('t2-01')).toMatchObject({ prefill: '**Clinical guidelines that apply:** RCR guidance on AI in imaging; NICE NG12.', needsOwnWords: false });
    expect(byId.get('t2-09')).toMatchObject({ prefill: '**Reported accuracy:** 94% sensitivity, 88% specificity.', needsOwnWords: true });
    expect(byId.get('t2-12')).toMatchObject({ prefill: '**How patients can query decisions:** Through PALS.', needsOwnWords: false });

    // Content for every section the facts leave empty, but none for those needing own words: refused.
    const content = Object.fromEntries(draft.sections.filter((s) => s.prefill === '').map((s) => [s.requirementId, `Ours: ${s.statement}`]));
    await lead.api('PUT', url, { sections: content, knowledgeCheck: CHECK });
    const refused = await lead.api('POST', `${url}/publish`, {});
    expect(refused.statusCode).toBe(400);
    const fields = (refused.json().errors as Array<{ field: string; message: string }>).map((e) => e.field);
    expect(fields).toContain('sections.t2-09');
    expect(fields).not.toContain('sections.t2-01');
    expect(refused.json().errors.find((e: { field: string }) => e.field === 'sections.t2-09').message).toContain('in your own words');
    const withOwnWords = { ...content, ...Object.fromEntries(draft.sections.filter((s) => s.needsOwnWords).map((s) => [s.requirementId, `In our words: ${s.statement}`])) };
    await lead.api('PUT', url, { version: 1, sections: withOwnWords, knowledgeCheck: CHECK });
    expect((await lead.api('POST', `${url}/publish`, {})).statusCode).toBe(200);

    // The product form asks for the new facts, and the product page shows them.
    expect((await lead.get(`/products/${id}/edit`)).body).toContain('Clinical guidelines that apply (optional)');
    expect((await lead.get(`/products/${id}`)).body).toContain('RCR guidance on AI in imaging; NICE NG12.');
  });

  it('tells users a refresher made live on an override is coming, and by when once its training is published', async () => {
    await addVersion('1.2', 'refresher-required');
    const live = await lead.api('PATCH', `/api/v1/deployments/${deploymentId}`, { liveVersionId: versionIds['1.2'], trainingOverrideReason: 'Safety fix from the manufacturer.' });
    expect(live.statusCode).toBe(200);
    expect(await messagesOf(learnerId)).toContainEqual('tri-X 1.2 is live and needs a refresher. Its training is not published yet: you will be told when it is, and by when to complete it.');
    expect(await dueByOf(learnerId)).toBeNull();
    expect((await learner.api('GET', '/api/v1/me/product-training')).json().products[0]).toMatchObject({ status: 'due', dueBy: null, module: null });
    await publishTrainingFor(lead, productId, versionIds['1.2']!);
    expect(await dueByOf(learnerId)).not.toBeNull();
    expect(await messagesOf(learnerId)).toContainEqual(expect.stringMatching(/^The training for tri-X 1\.2 is now published: complete it by /));
  });
});
