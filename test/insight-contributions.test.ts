import { and, eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createRepositories } from '../src/db/index.ts';
import type { Repositories } from '../src/db/index.ts';
import { aiDeployments, aiProducts, insightRefresh, personJourneyProgress, personRequirementStanding, personTrainingCurrency, productModules } from '../src/db/schema.ts';
import { inTransaction } from '../src/db/transaction.ts';
import type { StatusCounts } from '../src/domain/assessment/assessment-summary.ts';
import { ukDate } from '../src/domain/insight/contributions.ts';
import type { KnowledgeCheck } from '../src/domain/products/index.ts';
import { demoEmail } from '../src/services/demo/demo-dataset.ts';
import { DEFAULT_SETTINGS } from '../src/services/journeys/journey.service.ts';
import type { Viewer } from '../src/services/identity/viewer.ts';
import { ROLLUP_SPECS } from '../src/db/insight/rollup-specs.ts';
import { keptCells, recountRollups } from './support/insight-recount.ts';
import { viewerOf } from './support/product-fixtures.ts';
import { createTestHub, databaseTargets } from './support/test-hub.ts';
import type { TestHub } from './support/test-hub.ts';

type Cell = { tier: string; archetype: string; factor: string; applicable: number; metSelf: number; metVerified: number };

describe.each(databaseTargets())('insight contribution rows follow each change, in its transaction, on $name', (target) => {
  let hub: TestHub;
  let repos: Repositories;
  let jodie: Viewer;
  let hannah: Viewer;
  /** Topics Jodie rated at the top of their scale, for asking her supervisor to verify one. */
  let rated: string[] = [];

  const viewerByName = async (name: string) => viewerOf((await repos.people.findPersonByEmail(demoEmail(name)))!);
  const standingOf = (personId: string): Promise<Cell[]> =>
    hub.database.db
      .select({ tier: personRequirementStanding.tier, archetype: personRequirementStanding.archetype, factor: personRequirementStanding.factor, applicable: personRequirementStanding.applicable, metSelf: personRequirementStanding.metSelf, metVerified: personRequirementStanding.metVerified })
      .from(personRequirementStanding)
      .where(eq(personRequirementStanding.personId, personId));
  const sum = (cells: readonly Cell[], pick: (c: Cell) => boolean) =>
    cells.filter(pick).reduce((t, c) => ({ total: t.total + c.applicable, met: t.met + c.metSelf, verified: t.verified + c.metVerified }), { total: 0, met: 0, verified: 0 });

  /** The stored standing adds up to the summary the person sees on their own assessment pages, cut every way it is shown. */
  async function expectStandingMatchesSummary(viewer: Viewer): Promise<void> {
    const { summary } = await hub.services.selfAssessment.getSelfAssessment({ viewer, personId: viewer.personId });
    const cells = await standingOf(viewer.personId);
    const check = (label: string, pick: (c: Cell) => boolean, self: StatusCounts, verified: StatusCounts | undefined) =>
      expect(sum(cells, pick), label).toEqual({ total: self.total, met: self.met, verified: verified?.met ?? 0 });
    check('overall', () => true, summary.selfRated.overall, summary.verified.overall);
    for (const { tier, counts } of summary.selfRated.byTier) check(tier, (c) => c.tier === tier, counts, summary.verified.byTier.find((v) => v.tier === tier)?.counts);
    for (const { archetype, counts } of summary.selfRated.byArchetype) check(archetype.id, (c) => c.archetype === archetype.id, counts, summary.verified.byArchetype.find((v) => v.archetype.id === archetype.id)?.counts);
    for (const { factor, counts } of summary.selfRated.byFactor) check(factor.id, (c) => c.factor === factor.id, counts, summary.verified.byFactor.find((v) => v.factor.id === factor.id)?.counts);
    expect(cells.every((c) => c.applicable > 0 && c.metSelf <= c.applicable && c.metVerified <= c.applicable)).toBe(true);
  }

  beforeAll(async () => {
    hub = await createTestHub(target);
    await hub.services.demo.loadDemoData();
    repos = createRepositories(hub.database.db);
    // The demo loader writes its rows directly, so a bulk refresh works out everyone's contribution.
    await hub.services.insightRefresh.refreshAllContributions();
    [jodie, hannah] = await Promise.all([viewerByName('jodie.turner'), viewerByName('hannah.lloyd')]);
  }, 120_000);
  afterAll(() => hub.close());

  it('after a bulk refresh, everyone’s standing equals the summary they see', async () => {
    const accounts = await hub.services.demo.demoAccounts();
    expect(accounts.length).toBeGreaterThan(5);
    for (const account of accounts) {
      const person = await repos.people.findPersonByEmail(account.email);
      if (person && (await repos.people.getProfile(person.id))) await expectStandingMatchesSummary(viewerOf(person));
    }
    const progress = await hub.services.insightRefresh.refreshProgress();
    expect(progress?.finishedAt).not.toBeNull();
    expect(progress?.organisationsDone).toBe(progress?.organisationsTotal);
  });

  it('counts a new person’s foundational requirements from the moment their account exists', async () => {
    const organisationId = jodie.organisationId;
    const person = await hub.services.accounts.createAccount({ organisationId, email: 'new.starter@example.test', displayName: 'New Starter', roles: ['learner'], password: { plain: 'a long enough password' } });
    const cells = await standingOf(person.id);
    expect(cells.length).toBeGreaterThan(0);
    expect(cells.every((c) => c.tier === 'foundational' && c.metSelf === 0)).toBe(true);
    await expectStandingMatchesSummary(viewerOf(person));
  });

  it('follows a self-assessment', async () => {
    const before = await standingOf(jodie.personId);
    const { pages, framework } = await hub.services.selfAssessment.getSelfAssessment({ viewer: jodie, personId: jodie.personId });
    const questions = pages.flatMap((p) => p.questions).slice(0, 6);
    const top = (kind: 'knowledge' | 'skill') => (kind === 'knowledge' ? framework.index.doc.taxonomy.knowledge : framework.index.doc.taxonomy.skill).at(-1)!.id;
    const { saved } = await hub.services.selfAssessment.rateTopics({ viewer: jodie, ratings: Object.fromEntries(questions.map((q) => [q.topic.id, top(q.topic.kind)])) });
    expect(saved).toBeGreaterThan(0);
    rated = questions.map((q) => q.topic.id);
    expect(sum(await standingOf(jodie.personId), () => true).met).toBeGreaterThan(sum(before, () => true).met);
    await expectStandingMatchesSummary(jodie);
  });

  it('rewrites nothing when nothing changed, so the rollup triggers have no work', async () => {
    const stamps = async () => {
      const result = await hub.database.db.execute(sql`select xmin::text as x from person_requirement_standing where person_id = ${jodie.personId} order by tier, archetype, factor`);
      return JSON.stringify((result as unknown as { rows: unknown[] }).rows);
    };
    const before = await stamps();
    expect(before).not.toBe('[]');
    await inTransaction(hub.database.db, (tx) => hub.services.insightContributions.refreshStanding(tx, jodie.personId));
    expect(await stamps()).toBe(before);
  });

  it('follows a supervisor’s verification decision', async () => {
    const topicId = rated[0]!;
    const request = await hub.services.verification.requestVerification({ viewer: jodie, topicId, supervisorId: hannah.personId, message: 'Please check' });
    const before = sum(await standingOf(jodie.personId), () => true).verified;
    await hub.services.verification.decideVerification({ viewer: hannah, requestId: request.id, decision: { outcome: 'confirmed' } });
    await expectStandingMatchesSummary(jodie);
    expect(sum(await standingOf(jodie.personId), () => true).verified).toBeGreaterThanOrEqual(before);
  });

  it('follows a profile change and an agreed focus', async () => {
    const profile = (await repos.people.getProfile(jodie.personId))!;
    await hub.services.profiles.updateProfile({ viewer: jodie, archetypes: [...profile.archetypes, 'embedder'], professionalGroup: profile.professionalGroup as never, setting: profile.setting as never, clinicalDecisionMaking: true });
    expect((await standingOf(jodie.personId)).some((c) => c.archetype === 'embedder')).toBe(true);
    await expectStandingMatchesSummary(jodie);
    await hub.services.profiles.setAdvancedFocus({ viewer: hannah, personId: jodie.personId, archetype: 'embedder', factors: ['liability'], reason: 'The MDT covers the rest' });
    expect((await standingOf(jodie.personId)).filter((c) => c.archetype === 'embedder').every((c) => c.factor === 'liability')).toBe(true);
    await expectStandingMatchesSummary(jodie);
  });

  it('follows linking to a deployment, passing its training and unlinking: currency rows and Table 2 standing', async () => {
    const [deployment] = await hub.database.db
      .select({ id: aiDeployments.id, productId: aiDeployments.productId })
      .from(aiDeployments)
      .innerJoin(aiProducts, eq(aiProducts.id, aiDeployments.productId))
      .where(eq(aiProducts.name, 'tri-X'));
    const training = () => hub.database.db.select().from(personTrainingCurrency).where(eq(personTrainingCurrency.personId, jodie.personId));
    expect(await training()).toEqual([]);

    await hub.services.products.linkUser({ viewer: jodie, deploymentId: deployment!.id, personId: jodie.personId });
    const [link] = (await repos.products.listDeploymentsOfPerson(jodie.personId)).filter((d) => d.deployment.id === deployment!.id);
    const [owed] = await training();
    // Stored without the clock: due or overdue is decided when read, against that day.
    expect(owed).toMatchObject({ deploymentId: deployment!.id, productId: deployment!.productId, state: 'owed', started: false, dueOn: ukDate(link!.link.dueBy!) });
    expect((await standingOf(jodie.personId)).some((c) => c.tier === 'product-specific' && c.metSelf === 0)).toBe(true);
    await expectStandingMatchesSummary(jodie);

    // The module for the version in use: the one her currency asks her to take.
    const [mine] = (await hub.services.productTraining.myProducts({ viewer: jodie })).filter((p) => p.deployment.id === deployment!.id);
    const [live] = await hub.database.db.select().from(productModules).where(eq(productModules.id, mine!.module!.id));
    const answers = Object.fromEntries((live!.knowledgeCheck as KnowledgeCheck).questions.map((q) => [q.id, q.correct]));
    const result = await hub.services.productTraining.submitAttempt({ viewer: jodie, moduleId: live!.id, input: { answers } });
    expect(result.passed).toBe(true);
    expect(await training()).toMatchObject([{ state: 'current', started: true, dueOn: 'infinity' }]);
    const productCells = (await standingOf(jodie.personId)).filter((c) => c.tier === 'product-specific');
    expect(productCells.every((c) => c.metSelf === c.applicable)).toBe(true);
    await expectStandingMatchesSummary(jodie);

    await hub.services.products.unlinkUser({ viewer: jodie, deploymentId: deployment!.id, personId: jodie.personId });
    expect(await training()).toEqual([]);
    expect((await standingOf(jodie.personId)).some((c) => c.tier === 'product-specific')).toBe(false);
    await expectStandingMatchesSummary(jodie);
  });

  it('rewrites every user’s currency in the transaction of a deployment-wide change (withdrawn: nothing owed)', async () => {
    const [deployment] = await hub.database.db
      .select({ id: aiDeployments.id, createdBy: aiDeployments.createdBy })
      .from(aiDeployments)
      .innerJoin(aiProducts, eq(aiProducts.id, aiDeployments.productId))
      .where(eq(aiProducts.name, 'tri-X'));
    const users = await repos.products.listDeploymentUsers(deployment!.id);
    expect(users.length).toBeGreaterThan(1);
    const rowsOf = () => hub.database.db.select().from(personTrainingCurrency).where(eq(personTrainingCurrency.deploymentId, deployment!.id));
    expect((await rowsOf()).map((r) => r.state).sort()).toContain('owed');
    const lead = viewerOf((await repos.people.getPerson(deployment!.createdBy))!);
    await hub.services.products.changeDeployment({ viewer: lead, deploymentId: deployment!.id, status: 'withdrawn' });
    const after = await rowsOf();
    expect(after.map((r) => r.personId).sort()).toEqual(users.map((u) => u.personId).sort());
    expect(after.every((r) => r.state === 'not-required' && r.dueOn === 'infinity')).toBe(true);
    for (const user of users) {
      const person = (await repos.people.getPerson(user.personId))!;
      expect((await standingOf(person.id)).some((c) => c.tier === 'product-specific')).toBe(false);
      if (await repos.people.getProfile(person.id)) await expectStandingMatchesSummary(viewerOf(person));
    }
  });

  it('follows a journey: planned, an item started, an item completed', async () => {
    const progress = async () => (await hub.database.db.select().from(personJourneyProgress).where(eq(personJourneyProgress.personId, jodie.personId)))[0];
    const expectMatchesPage = async () => {
      const view = (await hub.services.journeys.getJourney({ viewer: jodie, personId: jodie.personId }))!;
      const done = view.completed.reduce((m, i) => m + (i.resource?.durationMinutes ?? 0), 0);
      expect(await progress()).toMatchObject({
        frameworkId: view.journey.frameworkId,
        hasJourney: 1,
        itemsPlanned: view.upcoming.length + view.completed.length,
        itemsCompleted: view.completed.length,
        minutesPlanned: view.remainingMinutes + done,
        minutesDone: done,
      });
      return view;
    };
    await hub.services.journeys.generateJourney({ viewer: jodie, settings: DEFAULT_SETTINGS });
    let view = await expectMatchesPage();
    expect(view.upcoming.length).toBeGreaterThan(1);
    expect((await progress())?.started).toBe(0);
    await hub.services.journeys.startItem({ viewer: jodie, itemId: view.upcoming[0]!.item.id });
    expect((await progress())?.started).toBe(1);
    await hub.services.journeys.completeItem({ viewer: jodie, itemId: view.upcoming[1]!.item.id });
    view = await expectMatchesPage();
    expect((await progress())?.itemsCompleted).toBeGreaterThanOrEqual(1);
  });

  it('resumes an unfinished bulk refresh after the last organisation done, and removes standing under other versions', async () => {
    const { id, version } = hub.services.assessmentFramework();
    const organisations = await repos.insightRefresh.listOrganisationIds(null);
    await hub.database.db.insert(personRequirementStanding).values({
      organisationId: jodie.organisationId,
      personId: jodie.personId,
      frameworkId: id,
      frameworkVersion: '0.0-old',
      tier: 'foundational',
      archetype: '',
      factor: 'ai-literacy',
      applicable: 3,
      organisationKind: sql`(select kind from organisations where id = ${jodie.organisationId})`,
    });
    await repos.insightRefresh.startRefresh(id, version, organisations.length, new Date());
    await repos.insightRefresh.recordOrganisationDone(id, version, organisations[0]!);
    const seen: number[] = [];
    const result = await hub.services.insightRefresh.refreshAllContributions({ onProgress: (p) => seen.push(p.organisationsDone) });
    expect(result.resumed).toBe(true);
    // Organisations go a chunk a transaction: the first chunk after the one recorded done counts on from it.
    expect(seen[0]).toBeGreaterThanOrEqual(2);
    expect(seen.at(-1)).toBe(organisations.length);
    expect(result.organisations).toBe(organisations.length);
    const [row] = await hub.database.db.select().from(insightRefresh).where(and(eq(insightRefresh.frameworkId, id), eq(insightRefresh.frameworkVersion, version)));
    expect(row).toMatchObject({ organisationsDone: organisations.length, organisationsTotal: organisations.length });
    expect(row!.finishedAt).not.toBeNull();
    const old = await hub.database.db.select().from(personRequirementStanding).where(eq(personRequirementStanding.frameworkVersion, '0.0-old'));
    expect(old).toEqual([]);
    await expectStandingMatchesSummary(jodie);
  });

  it('leaves every rollup equal to a recount of the contribution rows, after all of the writes above', async () => {
    const recount = await recountRollups(hub);
    for (const spec of ROLLUP_SPECS) {
      expect(Object.fromEntries(await keptCells(hub, spec)), spec.rollup).toEqual(Object.fromEntries(recount.byAncestor.get(spec.rollup)!));
    }
    expect(recount.byAncestor.get('insight_requirements')!.size).toBeGreaterThan(0);
    expect(recount.byAncestor.get('insight_journeys')!.size).toBeGreaterThan(0);
  });
});
