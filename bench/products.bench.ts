/**
 * `npm run bench:products`: product training currency at the size of a large trust, on the
 * embedded database (in memory), in one process. Seeds an ICS with a trust of USERS staff who all
 * use tri-X (three versions: 1.1 needs a refresher, 1.2 is minor; 1.2 live), with a realistic mix of
 * passes, then times what managers and users open most. Prints medians and p95s; asserts nothing
 * (machines are shared and noisy).
 *
 * Targets on a 2-core machine: the organisation's currency (every user, counts) and its CSV in
 * ≤ 1 s at 2,000 users; one user's "Your AI products" ≤ 50 ms; using a product (whose Table 2
 * statements then enter the user's gaps, met by its training) adds ≤ 15 ms to their self-assessment.
 */
import { createRepositories } from '../src/db/index.ts';
import type { ProductVersionRow } from '../src/db/product.repository.ts';
import { openHub } from '../src/hub.ts';
import type { Viewer } from '../src/services/identity/viewer.ts';

const USERS = Number(process.env.BENCH_USERS ?? 2000);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 15);
const DAY_MS = 24 * 60 * 60 * 1000;

const hub = await openHub({ database: { kind: 'memory' }, host: '127.0.0.1', port: 0, publicUrl: undefined });
try {
  const { services } = hub;
  const repos = createRepositories(hub.database.db);
  const framework = services.assessmentFramework().index;

  const national = await services.organisations.createOrganisation({ kind: 'national', name: 'NHS England', parentId: null });
  const region = await services.organisations.createOrganisation({ kind: 'region', name: 'South West', parentId: national.id });
  const ics = await services.organisations.createOrganisation({ kind: 'integrated-care-system', name: 'Nymouth ICS', parentId: region.id });
  const trust = await services.organisations.createOrganisation({ kind: 'trust', name: 'Nymouth Hospitals', parentId: ics.id });
  const leadRow = await services.accounts.createAccount({ organisationId: ics.id, email: 'lead@bench.example', displayName: 'Lead', roles: ['learner', 'product-lead'], password: { hash: 'x' } });
  const lead: Viewer = { personId: leadRow.id, organisationId: ics.id, displayName: 'Lead', email: leadRow.email, roles: ['learner', 'product-lead'] };

  const seedStarted = performance.now();
  const product = await services.products.registerProduct({
    viewer: lead,
    input: { name: 'tri-X', manufacturer: 'Triadix', intendedUse: 'Chest X-ray triage.', clinicalDecisionMaking: true, autonomy: 'human-in-the-loop', contacts: 'AI MDT' },
  });
  const versions: ProductVersionRow[] = [];
  for (const [label, impact] of [['1.0', 'none'], ['1.1', 'refresher-required'], ['1.2', 'minor']] as const) {
    versions.push(await services.products.addVersion({ viewer: lead, productId: product.id, input: { label, releasedOn: '2026-01-01', releaseNotes: `Release ${label}.`, trainingImpact: impact } }));
  }
  const check = { passMarkPercent: 100, questions: [{ id: 'q1', prompt: 'Who reports each film?', kind: 'single', options: [{ id: 'a', text: 'A radiologist' }, { id: 'b', text: 'Nobody' }], correct: ['a'] }] };
  const sections = Object.fromEntries((await services.productTraining.getModuleDraft({ viewer: lead, productId: product.id, productVersionId: versions[0]!.id })).sections.map((s) => [s.requirementId, 'Local guidance.']));
  const moduleIds: string[] = [];
  for (const v of versions) {
    await services.productTraining.saveModule({ viewer: lead, productId: product.id, productVersionId: v.id, input: { sections, knowledgeCheck: check } });
    moduleIds.push((await services.productTraining.publishModule({ viewer: lead, productId: product.id, productVersionId: v.id, version: 1 })).module!.id);
  }
  const deployment = await services.products.createDeployment({ viewer: lead, productId: product.id, input: { organisationId: trust.id, status: 'piloting', startedOn: '2026-01-01' } });
  await services.products.changeDeployment({ viewer: lead, deploymentId: deployment.id, status: 'live', liveVersionId: versions[2]!.id });

  // Staff, linked to the deployment: 60% passed 1.1 or later (current), 25% passed only 1.0 (a refresher due), 15% not started.
  const now = new Date();
  let firstUser: Viewer | undefined;
  await hub.database.db.transaction(async (txn) => {
    const tx = txn as unknown as typeof hub.database.db;
    for (let i = 0; i < USERS; i++) {
      const person = await repos.people.insertPerson({ organisationId: trust.id, email: `user${i}@bench.example`, displayName: `User ${String(i).padStart(5, '0')}`, roles: ['learner'] }, tx);
      await repos.people.saveProfile({ personId: person.id, organisationId: trust.id, archetypes: ['user'], clinicalDecisionMaking: true }, tx);
      firstUser ??= { personId: person.id, organisationId: trust.id, displayName: person.displayName, email: person.email, roles: ['learner'] };
      await repos.products.insertDeploymentUser({ organisationId: trust.id, deploymentId: deployment.id, personId: person.id, source: 'assigned', linkedBy: lead.personId, linkedAt: now, dueBy: new Date(now.getTime() + 28 * DAY_MS) }, tx);
      const share = i % 20;
      const passedIndex = share < 12 ? 1 + (i % 2) : share < 17 ? 0 : -1;
      if (passedIndex < 0) continue;
      await repos.productTraining.insertAttempt(
        { organisationId: trust.id, personId: person.id, moduleId: moduleIds[passedIndex]!, productVersionId: versions[passedIndex]!.id, answers: { q1: ['a'] }, correct: 1, total: 1, passed: true, attemptedAt: now },
        tx,
      );
    }
  });
  const colleagueRow = await services.accounts.createAccount({ organisationId: trust.id, email: 'colleague@bench.example', displayName: 'Colleague', roles: ['learner'], password: { hash: 'x' } });
  await repos.people.saveProfile({ personId: colleagueRow.id, organisationId: trust.id, archetypes: ['user'], clinicalDecisionMaking: true });
  const colleague: Viewer = { personId: colleagueRow.id, organisationId: trust.id, displayName: 'Colleague', email: colleagueRow.email, roles: ['learner'] };
  const user = firstUser!;
  console.log(`seeded ${USERS} users of tri-X (3 versions, ${framework.doc.requirements.filter((r) => r.tier === 'product-specific').length} Table 2 sections) in ${((performance.now() - seedStarted) / 1000).toFixed(1)} s`);

  async function time(label: string, run: () => Promise<unknown>): Promise<number> {
    await run(); // warm-up
    const samples: number[] = [];
    for (let i = 0; i < ROUNDS; i++) {
      const started = performance.now();
      await run();
      samples.push(performance.now() - started);
    }
    samples.sort((a, b) => a - b);
    const median = samples[Math.floor(samples.length / 2)] ?? NaN;
    const p95 = samples[Math.min(samples.length - 1, Math.ceil(samples.length * 0.95) - 1)] ?? NaN;
    console.log(`${label.padEnd(58)} median ${median.toFixed(1).padStart(7)} ms   p95 ${p95.toFixed(1).padStart(7)} ms`);
    return median;
  }

  const counts = (await services.productTraining.currencyForOrganisation({ viewer: lead, organisationId: ics.id })).counts;
  console.log(`\ncounts: ${JSON.stringify(counts)}\n${ROUNDS} timed rounds each, after one warm-up:`);
  await time(`organisation currency, ${USERS} users`, () => services.productTraining.currencyForOrganisation({ viewer: lead, organisationId: ics.id }));
  await time(`organisation currency CSV, ${USERS} rows`, () => services.productTraining.exportOrganisationCurrency({ viewer: lead, organisationId: ics.id }));
  await time(`deployment currency, ${USERS} users`, () => services.productTraining.currencyForDeployment({ viewer: lead, deploymentId: deployment.id }));
  await time('one user’s "Your AI products"', () => services.productTraining.myProducts({ viewer: user }));
  const withProduct = await time('self-assessment of a user of tri-X (Table 2 in their gaps)', () => services.selfAssessment.getSelfAssessment({ viewer: user, personId: user.personId }));
  const without = await time('self-assessment of a colleague who uses no product', () => services.selfAssessment.getSelfAssessment({ viewer: colleague, personId: colleague.personId }));
  console.log(`\nusing a product adds ${(withProduct - without).toFixed(1)} ms to a self-assessment (× ${(withProduct / without).toFixed(2)}; target ≤ 15 ms)`);
  console.log('targets: organisation currency and CSV ≤ 1000 ms at 2,000 users; "Your AI products" ≤ 50 ms');
} finally {
  await hub.close();
}
