import { approveDeploymentReview } from './support/assurance-fixtures.ts';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { moduleAttempts } from '../src/db/schema.ts';
import { isClinicalLayer } from '../src/domain/applicability/applicability.ts';
import { createTestOrganisations, createTestPerson, signIn } from './support/people-fixtures.ts';
import type { TestSession } from './support/people-fixtures.ts';
import { createTestHub, databaseTargets } from './support/test-hub.ts';
import type { TestHub } from './support/test-hub.ts';
import { CHECK, publishTrainingFor, ROTA, TRI_X as TRI_X_FACTS } from './support/product-fixtures.ts';

const TRI_X = { ...TRI_X_FACTS, limitations: 'Less reliable on films with lines and tubes.' };

const BAD_CHECK = { passMarkPercent: 100, questions: [{ id: 'q1', prompt: 'Who reviews?', kind: 'single', options: [{ id: 'a', text: 'Radiologist' }, { id: 'b', text: 'Nobody' }], correct: ['z'] }] };

interface DraftSection {
  requirementId: string;
  statement: string;
  prefill: string;
  content: string;
  needsOwnWords: boolean;
}

describe.each(databaseTargets())('product training modules, attempts and currency on $name', (target) => {
  let hub: TestHub;
  let lead: TestSession;
  let learner: TestSession;
  let outsider: TestSession;
  let learnerId: string;
  let trustId: string;
  let productId: string;
  let rotaId: string;
  const versionIds: Record<string, string> = {};
  let deploymentId: string;
  let moduleId: string;
  let sections: DraftSection[];

  const moduleUrl = (label: string, product = productId) => `/api/v1/products/${product}/versions/${versionIds[label]}/module`;
  const addVersion = async (label: string, releasedOn: string, trainingImpact: string, releaseNotes: string, product = productId) => {
    const created = await lead.api('POST', `/api/v1/products/${product}/versions`, { label, releasedOn, releaseNotes, trainingImpact });
    expect(created.statusCode).toBe(201);
    versionIds[label] = created.json().id;
  };
  /** Content for every section the product's facts do not fill. */
  const contentFor = (draftSections: DraftSection[]) => Object.fromEntries(draftSections.filter((s) => s.prefill === '' || s.needsOwnWords).map((s) => [s.requirementId, `Our local guidance on: ${s.statement}`]));
  const myStatus = async () => ((await learner.api('GET', '/api/v1/me/product-training')).json().products as Array<Record<string, unknown>>)[0]!;

  beforeAll(async () => {
    hub = await createTestHub(target);
    const orgs = await createTestOrganisations(hub);
    trustId = orgs.trust.id;
    const leadPerson = await createTestPerson(hub, { organisationId: orgs.trust.id, roles: ['learner', 'product-lead'], name: 'Hana Lead' });
    const learnerPerson = await createTestPerson(hub, { organisationId: orgs.trust.id, name: 'Rae Radiographer' });
    const outsiderPerson = await createTestPerson(hub, { organisationId: orgs.otherTrust.id, name: 'Olu Outsider' });
    learnerId = learnerPerson.id;
    lead = await signIn(hub.app, leadPerson.email);
    learner = await signIn(hub.app, learnerPerson.email);
    outsider = await signIn(hub.app, outsiderPerson.email);
    productId = (await lead.api('POST', '/api/v1/products', TRI_X)).json().id;
    rotaId = (await lead.api('POST', '/api/v1/products', ROTA)).json().id;
    await addVersion('1.0', '2026-01-15', 'none', 'First release.');
    await addVersion('rota-1', '2026-01-15', 'none', 'First release.', rotaId);
  });
  afterAll(() => hub.close());

  it('plans the clinical-use sections only for a product used in clinical decision making (R3), pre-filled from the product', async () => {
    const clinical = await lead.api('GET', moduleUrl('1.0'));
    expect(clinical.statusCode).toBe(200);
    expect(clinical.json()).toMatchObject({ moduleId: null, status: null, productVersion: { label: '1.0' } });
    sections = clinical.json().sections;
    const rota = (await lead.api('GET', moduleUrl('rota-1', rotaId))).json().sections as DraftSection[];
    const index = hub.services.assessmentFramework().index;
    const isClinical = (s: DraftSection) => isClinicalLayer(index, index.requirementById.get(s.requirementId)!);
    expect(sections.some(isClinical)).toBe(true);
    expect(rota.some(isClinical)).toBe(false);
    expect(rota.length).toBeGreaterThan(0);
    expect(rota.every((s) => sections.some((c) => c.requirementId === s.requirementId))).toBe(true);

    const prefills = sections.map((s) => s.prefill).join('\n');
    expect(prefills).toContain('**Intended use:** Prioritises chest X-rays for review by radiologists.');
    expect(prefills).toContain('**Limitations:** Less reliable on films with lines and tubes.');
    expect(prefills).toContain('**Who to contact:** AI MDT clinical scientist');
  });

  it('lets only managers author; refuses unknown sections, then publishing while content is missing or the check is bad', async () => {
    expect((await learner.api('GET', moduleUrl('1.0'))).statusCode).toBe(403);
    expect((await learner.api('PUT', moduleUrl('1.0'), { sections: {}, knowledgeCheck: CHECK })).statusCode).toBe(403);
    expect((await outsider.api('GET', moduleUrl('1.0'))).statusCode).toBe(404);
    expect((await lead.api('PUT', moduleUrl('1.0'), { sections: { 'not-a-section': 'x' }, knowledgeCheck: CHECK })).statusCode).toBe(400);

    const first = await lead.api('PUT', moduleUrl('1.0'), { sections: {}, knowledgeCheck: BAD_CHECK });
    expect(first.statusCode).toBe(200);
    expect(first.json()).toMatchObject({ status: 'draft', version: 1 });
    const refused = await lead.api('POST', `${moduleUrl('1.0')}/publish`, {});
    expect(refused.statusCode).toBe(400);
    const fields = refused.json().errors.map((e: { field: string }) => e.field) as string[];
    expect(fields.some((f) => f.startsWith('sections.'))).toBe(true);
    expect(fields).toContain('knowledgeCheck.questions.0.correct');

    const withContent = await lead.api('PUT', moduleUrl('1.0'), { version: 1, sections: { ...contentFor(sections), [sections[0]!.requirementId]: 'Read <script>alert(1)</script> and [this](javascript:alert(1)).' }, knowledgeCheck: BAD_CHECK });
    expect(withContent.statusCode).toBe(200);
    const stillBad = await lead.api('POST', `${moduleUrl('1.0')}/publish`, {});
    expect(stillBad.statusCode).toBe(400);
    expect(stillBad.json().errors.every((e: { field: string }) => e.field.startsWith('knowledgeCheck.'))).toBe(true);

    expect((await lead.api('PUT', moduleUrl('1.0'), { version: 1, sections: contentFor(sections), knowledgeCheck: CHECK })).statusCode).toBe(409);
    const fixed = await lead.api('PUT', moduleUrl('1.0'), { version: 2, sections: { ...contentFor(sections), [sections[0]!.requirementId]: 'Read <script>alert(1)</script> and [this](javascript:alert(1)).' }, knowledgeCheck: CHECK });
    expect(fixed.json().publishProblems).toEqual([]);
    expect((await learner.api('POST', `${moduleUrl('1.0')}/publish`, {})).statusCode).toBe(403);
    const published = await lead.api('POST', `${moduleUrl('1.0')}/publish`, {});
    expect(published.statusCode).toBe(200);
    expect(published.json().status).toBe('published');
    moduleId = published.json().moduleId;
    // Stored as written.
    expect(published.json().sections[0].content).toContain('<script>');
  });

  it('shows the published module to people who can see the product, safely and without the answers', async () => {
    const view = await learner.api('GET', `/api/v1/modules/${moduleId}`);
    expect(view.statusCode).toBe(200);
    const body = view.json();
    expect(body.product.name).toBe('tri-X');
    expect(JSON.stringify(body.questions)).not.toContain('correct');
    const html = body.sections.map((s: { html: string }) => s.html).join('');
    expect(html).not.toContain('<script');
    expect(html).not.toMatch(/href="javascript:/i);
    expect(html).toContain('<strong>Intended use:</strong>');
    expect((await outsider.api('GET', `/api/v1/modules/${moduleId}`)).statusCode).toBe(404);
    expect((await outsider.api('POST', `/api/v1/modules/${moduleId}/attempts`, { answers: { q1: ['a'] } })).statusCode).toBe(404);
  });

  it('marks attempts, recording them immutably against the version', async () => {
    const deployed = await lead.api('POST', `/api/v1/products/${productId}/deployments`, { organisationId: trustId, status: 'piloting', startedOn: '2026-02-01', refresherDays: 14 });
    deploymentId = deployed.json().id;
    // Approved for going live (issue 12): these tests are about training, not the review.
    await approveDeploymentReview(hub.database.db, { productId, organisationId: trustId, leadId: (await lead.api('GET', '/api/v1/me')).json().id });
    await lead.api('PATCH', `/api/v1/deployments/${deploymentId}`, { status: 'live', liveVersionId: versionIds['1.0'] });
    expect((await learner.api('POST', `/api/v1/deployments/${deploymentId}/users`, { personId: learnerId })).statusCode).toBe(204);
    expect(await myStatus()).toMatchObject({ status: 'not-started', liveVersion: { label: '1.0' }, module: { id: moduleId } });

    // Using a live product brings its Table 2 statements into the learner's gaps, met only by its training (R8).
    const productGaps = async () => {
      const gaps = (await learner.api('GET', '/api/v1/me/gaps')).json();
      return { tier: gaps.byTier.find((t: { tier: string }) => t.tier === 'product-specific')?.counts, gaps: (gaps.gaps as Array<{ productId: string | null }>).filter((g) => g.productId !== null) };
    };
    const before = await productGaps();
    expect(before.tier).toMatchObject({ met: 0 });
    expect(before.tier.total).toBeGreaterThan(0);
    expect(before.gaps.every((g) => g.productId === productId)).toBe(true);
    expect(before.gaps).toHaveLength(before.tier.total);
    const assessment = (await learner.api('GET', '/api/v1/me/assessment')).json();
    const askedTopics = (assessment.pages as Array<{ topics: Array<{ requirements: Array<{ id: string }> }> }>).flatMap((p) => p.topics.flatMap((t) => t.requirements.map((r) => r.id)));
    // The journey page puts the owed product training first, with a link to the module.
    const journeyPage = (await learner.get('/journey')).body;
    expect(journeyPage).toContain('<h2>Training for the AI products you use</h2>');
    expect(journeyPage).toContain(`href="/modules/${moduleId}"`);
    expect((await learner.get('/self-assessment/summary')).body).toContain('for tri-X, met by <a href="/products/mine">completing its training</a>');
    expect(askedTopics.filter((id) => before.gaps.some((g) => (g as unknown as { requirementId: string }).requirementId === id))).toEqual([]);

    expect((await learner.api('POST', `/api/v1/modules/${moduleId}/attempts`, { answers: { q9: ['a'] } })).statusCode).toBe(400);
    const failed = await learner.api('POST', `/api/v1/modules/${moduleId}/attempts`, { answers: { q1: ['a'], q2: ['a'] } });
    expect(failed.statusCode).toBe(201);
    expect(failed.json()).toMatchObject({ correct: 1, total: 2, passed: false, wrongQuestionIds: ['q2'] });
    expect(JSON.stringify(failed.json())).not.toContain('"b"');
    expect((await myStatus()).status).toBe('not-started');

    const passed = await learner.api('POST', `/api/v1/modules/${moduleId}/attempts`, { answers: { q1: ['a'], q2: ['b', 'a'] } });
    expect(passed.json()).toMatchObject({ passed: true, wrongQuestionIds: [] });
    expect((await myStatus()).status).toBe('current');
    expect((await learner.get('/journey')).body).not.toContain('Training for the AI products you use');
    const after = await productGaps();
    expect(after.tier).toMatchObject({ met: before.tier.total, total: before.tier.total });
    expect(after.gaps).toEqual([]);

    const attemptId = passed.json().attemptId as string;
    // Read back as it was marked, by its owner only.
    expect((await learner.api('GET', `/api/v1/modules/${moduleId}/attempts/${failed.json().attemptId}`)).json()).toMatchObject({ correct: 1, total: 2, passed: false, wrongQuestionIds: ['q2'] });
    expect((await lead.api('GET', `/api/v1/modules/${moduleId}/attempts/${attemptId}`)).statusCode).toBe(404);
    await expect(hub.database.db.update(moduleAttempts).set({ passed: false }).where(eq(moduleAttempts.id, attemptId))).rejects.toThrow();
    await expect(hub.database.db.delete(moduleAttempts).where(eq(moduleAttempts.id, attemptId))).rejects.toThrow();
  });

  it('shows currency to managers only, with counts and a CSV', async () => {
    expect((await learner.api('GET', `/api/v1/deployments/${deploymentId}/currency`)).statusCode).toBe(404);
    expect((await learner.api('GET', `/api/v1/organisations/${trustId}/training-currency`)).statusCode).toBe(404);
    const currency = (await lead.api('GET', `/api/v1/deployments/${deploymentId}/currency`)).json();
    expect(currency.counts).toMatchObject({ current: 1, total: 1, required: 1 });
    expect(currency.users[0]).toMatchObject({ person: { id: learnerId, displayName: 'Rae Radiographer' }, status: 'current', lastPassedVersion: { label: '1.0' } });

    const csv = await lead.api('GET', `/api/v1/deployments/${deploymentId}/currency?format=csv`);
    expect(csv.headers['content-type']).toContain('text/csv');
    const [header, row] = csv.body.trim().split('\n');
    expect(header).toBe('person,product,deployment organisation,status,required version,last passed version,due by');
    expect(row).toBe('Rae Radiographer,tri-X,Test Trust,current,1.0,1.0,');
  });

  it('makes a passed user due when a refresher-required version goes live, with what changed, until they pass its module', async () => {
    await addVersion('1.1', '2026-10-01', 'refresher-required', 'New model: flags pneumothorax.');
    // Its training must be published first (issue 11): the new version's module starts as a copy.
    expect((await lead.api('PATCH', `/api/v1/deployments/${deploymentId}`, { liveVersionId: versionIds['1.1'] })).statusCode).toBe(400);
    const newModuleId = await publishTrainingFor(lead, productId, versionIds['1.1']!);
    expect((await lead.api('PATCH', `/api/v1/deployments/${deploymentId}`, { liveVersionId: versionIds['1.1'] })).statusCode).toBe(200);
    const due = await myStatus();
    expect(due).toMatchObject({ status: 'due', liveVersion: { label: '1.1' }, module: { id: newModuleId, versionLabel: '1.1' } });
    expect(due.dueBy).not.toBeNull();
    expect(due.whatChanged).toEqual([expect.objectContaining({ label: '1.1', trainingImpact: 'refresher-required', releaseNotes: 'New model: flags pneumothorax.' })]);

    const org = (await lead.api('GET', `/api/v1/organisations/${trustId}/training-currency`)).json();
    expect(org.counts).toMatchObject({ due: 1, total: 1 });
    const orgCsv = (await lead.api('GET', `/api/v1/organisations/${trustId}/training-currency?format=csv`)).body.trim().split('\n');
    expect(orgCsv[1]).toMatch(/^Rae Radiographer,tri-X,Test Trust,due,1\.1,1\.0,\d{4}-\d{2}-\d{2}$/);

    await learner.api('POST', `/api/v1/modules/${newModuleId}/attempts`, { answers: { q1: ['a'], q2: ['a', 'b'] } });
    expect(await myStatus()).toMatchObject({ status: 'current', dueBy: null, whatChanged: [] });
  });

  it('lists a minor version’s release notes without making anyone due, and withdrawing makes training not required', async () => {
    await addVersion('1.2', '2026-11-01', 'minor', 'Faster triage list.');
    await lead.api('PATCH', `/api/v1/deployments/${deploymentId}`, { liveVersionId: versionIds['1.2'] });
    const minor = await myStatus();
    expect(minor).toMatchObject({ status: 'current', liveVersion: { label: '1.2' } });
    expect(minor.whatChanged).toEqual([expect.objectContaining({ label: '1.2', trainingImpact: 'minor', releaseNotes: 'Faster triage list.' })]);

    await lead.api('PATCH', `/api/v1/deployments/${deploymentId}`, { status: 'withdrawn' });
    expect((await myStatus()).status).toBe('not-required');
    const currency = (await lead.api('GET', `/api/v1/deployments/${deploymentId}/currency`)).json();
    expect(currency.counts).toMatchObject({ 'not-required': 1, required: 0 });
  });
});
