import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../src/cli/program.ts';
import type { DatabaseConfig, HubConfig } from '../src/config.ts';
import { createRepositories } from '../src/db/index.ts';
import { people } from '../src/db/schema.ts';
import { openHub } from '../src/hub.ts';
import { startServer } from '../src/server.ts';
import { DEMO_CATALOGUE_CURATOR, DEMO_RESOURCES } from '../src/services/demo/demo-catalogue.ts';
import { DEMO_TEMPLATES } from '../src/services/demo/demo-journey-templates.ts';
import { DEMO_PRODUCT_LEAD } from '../src/services/demo/demo-products.ts';
import { DEMO_ACCOUNTS, DEMO_ORGANISATIONS, DEMO_PASSWORD, DEMO_PEOPLE, DEMO_SUPERVISIONS, demoEmail } from '../src/services/demo/demo-dataset.ts';
import { createTestOrganisations, createTestPerson, signIn } from './support/people-fixtures.ts';
import { createTestHub, databaseTargets } from './support/test-hub.ts';
import type { TestHub } from './support/test-hub.ts';

const textOf = (html: string): string => html.replace(/<[^>]+>/g, ' ').replace(/&#39;|&rsquo;/g, '’').replace(/\s+/g, ' ');

const SIGN_IN_LIST = '<h2>Demo accounts</h2>';

describe.each(databaseTargets())('demo data on $name', (target) => {
  let hub: TestHub;
  beforeAll(async () => {
    hub = await createTestHub(target);
  });
  afterAll(() => hub.close());

  it('lists no demo accounts on the sign-in page before demo data is loaded', async () => {
    expect(await hub.services.demo.demoAccounts()).toEqual([]);
    expect((await hub.app.inject({ method: 'GET', url: '/sign-in' })).body).not.toContain(SIGN_IN_LIST);
  });

  it('loads organisations, people with profiles, and supervisions, then does nothing the second time', async () => {
    const first = await hub.services.demo.loadDemoData();
    expect(first).toMatchObject({ loaded: true, supervisions: DEMO_SUPERVISIONS.length });
    expect(first.loaded && first.accounts).toHaveLength(DEMO_PEOPLE.length);
    expect(await hub.services.demo.loadDemoData()).toEqual({ loaded: false, reason: 'already-present' });
    expect(await hub.services.demo.loadDemoDataIfNoPeople()).toEqual({ loaded: false, reason: 'already-present' });
    expect(await hub.services.organisations.listOrganisations()).toHaveLength(DEMO_ORGANISATIONS.length);
  });

  it('gives each demo person the profile and supervisions the dataset describes', async () => {
    const repositories = createRepositories(hub.database.db);
    const nurse = await hub.services.accounts.findPersonByEmail(demoEmail('jodie.turner'));
    expect(nurse).toMatchObject({ displayName: 'Jodie Turner', jobTitle: 'A&E triage nurse', roles: ['learner'] });
    expect(await repositories.people.getProfile(nurse?.id ?? '')).toMatchObject({
      archetypes: ['user'],
      professionalGroup: 'nursing-midwifery-and-health-visiting',
      setting: 'acute',
      clinicalDecisionMaking: true,
    });
    const radiologist = await hub.services.accounts.findPersonByEmail(demoEmail('helen.marsh'));
    expect((await repositories.people.getProfile(radiologist?.id ?? ''))?.archetypes.sort()).toEqual(['creator', 'user']);
    const supervisor = await hub.services.accounts.findPersonByEmail(demoEmail('hannah.lloyd'));
    const supervised = await repositories.supervisions.listCurrentBySupervisor(supervisor?.id ?? '');
    expect(supervised).toHaveLength(DEMO_SUPERVISIONS.filter((s) => s.supervisor === 'hannah.lloyd').length);
    const practice = await hub.services.organisations.getOrganisation(
      (await hub.services.accounts.findPersonByEmail(demoEmail('beverley.shaw')))?.organisationId ?? '',
    );
    expect((await hub.services.organisations.listAncestry(practice?.id ?? '')).map((o) => o.name)).toEqual([
      'Holpot Hill GP practice',
      'Holpot and Vale Primary Care Network',
      'Nymouth ICS',
      'South West',
      'NHS England',
    ]);
  });

  it('loads about sixty sample resources, all marked sample and linking only to example.org, curated nationally', async () => {
    const curator = await signIn(hub.app, demoEmail(DEMO_CATALOGUE_CURATOR), DEMO_PASSWORD);
    const exported = JSON.parse((await curator.get('/api/v1/resources/export?format=json')).body).resources as Array<{ id: string; sample: boolean; url: string; provider: string; status: string }>;
    expect(exported).toHaveLength(DEMO_RESOURCES.length);
    expect(exported.length).toBeGreaterThanOrEqual(55);
    expect(exported.length).toBeLessThanOrEqual(70);
    for (const r of exported) {
      expect(r.sample, r.id).toBe(true);
      expect(new URL(r.url).hostname, r.id).toBe('example.org');
      expect(r.provider, r.id).toContain('(demo data)');
    }
    const published = (await hub.app.inject({ method: 'GET', url: '/api/v1/resources?pageSize=100' })).json();
    expect(published.total).toBe(exported.filter((r) => r.status === 'published').length);
    expect(published.items.every((r: { organisation: { name: string } }) => r.organisation.name === 'NHS England')).toBe(true);
    const details = (await curator.get(`/api/v1/resources/${published.items[0].id}`)).json();
    expect(details.canCurate).toBe(true);
    // Foundational topics are all taught; some advanced ones are left for the curation-gap report.
    const gaps = (await curator.get('/api/v1/curation-gaps')).json().gaps as Array<{ topicId: string; tier: string; peopleNeeding: number }>;
    expect(gaps.filter((g) => g.tier === 'foundational')).toEqual([]);
    // Which ones depends on the demo people's own ratings (demo-rating-data.ts).
    expect(gaps.filter((g) => g.tier === 'advanced' && g.peopleNeeding > 0).length).toBeGreaterThan(0);
  });

  it('publishes sample journey templates from the demo catalogue, and a demo nurse can plan a journey from her gaps', async () => {
    const templates = (await hub.app.inject({ method: 'GET', url: '/api/v1/journey-templates' })).json().templates as Array<{ title: string; status: string; sample: boolean; resourceIds: string[] }>;
    expect(templates.map((t) => t.title).sort()).toEqual(DEMO_TEMPLATES.map((t) => t.title).sort());
    expect(templates.every((t) => t.status === 'published' && t.sample && t.resourceIds.length > 0)).toBe(true);
    const nurse = await signIn(hub.app, demoEmail('jodie.turner'), DEMO_PASSWORD);
    const planned = await nurse.api('POST', '/api/v1/me/journey', { hoursPerWeek: 3 });
    expect(planned.statusCode).toBe(201);
    const { journey } = planned.json();
    // Her demo self-ratings leave her low outside clinical use, so many subjects are gaps; the demo catalogue closes all the foundational ones.
    expect(journey.planner.gapCount).toBeGreaterThan(20);
    expect(journey.upcoming.length).toBeGreaterThan(0);
    expect(journey.planner.unclosable.filter((g: { tier: string }) => g.tier === 'foundational')).toEqual([]);
  });

  it('deploys tri-X at Nymouth ICS (1.1 needs a refresher) and a booking assistant at Holpot Hill, so both sides of R3 show', async () => {
    type Mine = { deployment: { product: { name: string }; organisation: { name: string }; status: string }; liveVersion: { label: string } | null; status: string; whatChanged: Array<{ label: string }>; module: { id: string } | null };
    const productsOf = async (key: string) => ((await (await signIn(hub.app, demoEmail(key), DEMO_PASSWORD)).api('GET', '/api/v1/me/product-training')).json().products as Mine[]);
    const [radiologist] = await productsOf('samuel.nwosu');
    expect(radiologist).toMatchObject({ deployment: { product: { name: 'tri-X' }, organisation: { name: 'Nymouth ICS' }, status: 'live' }, liveVersion: { label: '1.1' }, status: 'current' });
    const [radiographer] = await productsOf('ben.ashworth');
    expect(radiographer).toMatchObject({ status: 'due', whatChanged: [expect.objectContaining({ label: '1.1', trainingImpact: 'refresher-required' })] });
    expect(radiographer?.module).not.toBeNull();
    const [manager] = await productsOf('beverley.shaw');
    expect(manager).toMatchObject({ deployment: { product: { name: 'Appointment booking assistant' }, organisation: { name: 'Holpot Hill GP practice' } }, status: 'not-started' });

    // R3: the booking assistant's module has no clinical-use sections; tri-X's has them.
    const sectionCount = async (moduleId: string, key: string) => ((await (await signIn(hub.app, demoEmail(key), DEMO_PASSWORD)).api('GET', `/api/v1/modules/${moduleId}`)).json().sections as unknown[]).length;
    expect(await sectionCount(manager!.module!.id, 'beverley.shaw')).toBe(7);
    expect(await sectionCount(radiographer!.module!.id, 'ben.ashworth')).toBe(20);

    // The Embedder who leads them sees who is current.
    const lead = await signIn(hub.app, demoEmail(DEMO_PRODUCT_LEAD), DEMO_PASSWORD);
    const nymouth = (await hub.services.accounts.findPersonByEmail(demoEmail(DEMO_PRODUCT_LEAD)))!.organisationId;
    const currency = (await lead.api('GET', `/api/v1/organisations/${nymouth}/training-currency`)).json();
    expect(currency.counts).toMatchObject({ current: 1, due: 1, 'not-started': 1, total: 3 });
  });

  it('lets demo people sign in with the shared demo password', async () => {
    for (const key of ['morgan.hale', 'hannah.lloyd', 'beverley.shaw']) {
      const session = await signIn(hub.app, demoEmail(key), DEMO_PASSWORD);
      expect((await session.get('/sign-out')).body).toContain(DEMO_PEOPLE.find((p) => p.key === key)?.displayName);
    }
  });

  it('loads the demo assurance reviews: Linchester’s procurement of tri-X, Nymouth’s deployment of it, and Holpot Hill’s booking assistant under review', async () => {
    type Review = { review: { product: { name: string }; stage: string; status: string; organisation: { name: string }; deploymentOrganisation: { name: string } | null; lead: { name: string } }; decision: { outcome: string } | null; actions: Array<{ condition: string; doneAt: string | null }>; questions: Array<{ answer: { recordedVia: string } | null }> };
    const reviewsOf = async (key: string) => {
      const session = await signIn(hub.app, demoEmail(key), DEMO_PASSWORD);
      const list = (await session.api('GET', '/api/v1/assurance/reviews')).json<{ reviews: Array<{ id: string }> }>().reviews;
      return Promise.all(list.map(async (r) => (await session.api('GET', `/api/v1/assurance/reviews/${r.id}`)).json<Review>()));
    };
    const grace = await reviewsOf('grace.okafor');
    expect(grace).toHaveLength(1);
    const [linchester] = grace;
    expect(linchester?.review).toMatchObject({ product: { name: 'tri-X' }, stage: 'procurement', status: 'decided', organisation: { name: 'Linchester ICS' }, lead: { name: 'Grace Okafor' } });
    expect(linchester?.decision?.outcome).toBe('approved-with-conditions');
    expect(linchester?.actions.map((a) => a.doneAt === null).sort()).toEqual([false, true]);

    const nymouth = await reviewsOf('priya.nair');
    expect(nymouth).toHaveLength(2);
    const triX = nymouth.find((r) => r.review.product.name === 'tri-X');
    expect(triX?.review).toMatchObject({ stage: 'deployment', status: 'decided', deploymentOrganisation: { name: 'Nymouth ICS' }, lead: { name: 'Priya Nair' } });
    expect(triX?.decision?.outcome).toBe('approved');
    const booking = nymouth.find((r) => r.review.product.name === 'Appointment booking assistant');
    expect(booking?.review).toMatchObject({ stage: 'deployment', status: 'under-review', deploymentOrganisation: { name: 'Holpot Hill GP practice' } });
    expect(booking?.decision).toBeNull();
    const answered = booking?.questions.flatMap((q) => (q.answer ? [q.answer.recordedVia] : [])) ?? [];
    expect(answered.length).toBeGreaterThanOrEqual(5);
    expect(new Set(answered)).toEqual(new Set(['supplier']));
  });

  it('gives a reviewer who is neither Driver nor Embedder the reviews on her start page, and a decision gives each reason once', async () => {
    const beverley = await signIn(hub.app, demoEmail('beverley.shaw'), DEMO_PASSWORD);
    expect((await beverley.get('/')).body).toContain('Assurance reviews of AI products');
    const ben = await signIn(hub.app, demoEmail('ben.ashworth'), DEMO_PASSWORD);
    expect((await ben.get('/')).body).not.toContain('Assurance reviews of AI products');
    const priya = await signIn(hub.app, demoEmail('priya.nair'), DEMO_PASSWORD);
    const reviews = (await priya.api('GET', '/api/v1/assurance/reviews')).json<{ reviews: Array<{ id: string; status: string }> }>().reviews;
    const decided = reviews.find((r) => r.status === 'decided');
    const page = (await priya.get(`/assurance/reviews/${decided?.id}`)).body;
    const reasons = /Decided without a judgement[\s\S]*?<\/dd>/.exec(page)?.[0] ?? '';
    expect(reasons).toMatch(/Questions (\d+, )+\d+ and \d+: /);
    expect(reasons.match(/<p>/g)?.length).toBe(1);
  });

  it('puts a condition on its owner’s start page, dated in words, until it is marked done', async () => {
    const ruth = await signIn(hub.app, demoEmail('ruth.adeyemi'), DEMO_PASSWORD);
    const start = textOf((await ruth.get('/')).body);
    expect(start).toMatch(/Condition Do a condition of the tri-X review Agree a local validation plan for Linchester’s population, including patients over 85, by \d+ \w+ \d{4}/);
    expect((await ruth.get('/notifications')).body).toMatch(/yours to do by \d+ \w+ \d{4}:/);
    const reviewId = /href="\/assurance\/reviews\/([0-9a-f-]+)"/.exec((await ruth.get('/')).body)?.[1] ?? '';
    const review = (await ruth.api('GET', `/api/v1/assurance/reviews/${reviewId}`)).json<{ actions: Array<{ id: string; doneAt: string | null }> }>();
    const open = review.actions.find((a) => a.doneAt === null);
    expect((await ruth.api('POST', `/api/v1/assurance/reviews/${reviewId}/actions/${open?.id}/done`, {})).statusCode).toBeLessThan(300);
    expect(textOf((await ruth.get('/')).body)).not.toContain('Do a condition of the tri-X review');
  });

  it('flags the booking assistant live at Holpot Hill without an approved deployment review, and not tri-X at Nymouth', async () => {
    const lead = await signIn(hub.app, demoEmail(DEMO_PRODUCT_LEAD), DEMO_PASSWORD);
    const products = (await lead.api('GET', '/api/v1/products')).json<{ products: Array<{ id: string; name: string }> }>().products;
    const deploymentPage = async (name: string) => {
      const product = (await lead.api('GET', `/api/v1/products/${products.find((p) => p.name === name)?.id}`)).json<{ deployments: Array<{ id: string }> }>();
      return (await lead.get(`/deployments/${product.deployments[0]?.id}`)).body;
    };
    expect(await deploymentPage('Appointment booking assistant')).toContain('Live without an approved deployment review');
    expect(await deploymentPage('tri-X')).not.toContain('Live without an approved deployment review');
  });

  it('adds the AI products, and the people they need, to demo data loaded before they existed, once', async () => {
    // Demo data from before: Box 2's Embedder and radiographer were not in it. Moving their accounts
    // aside stands for that (people are never deleted); the products then come again with them.
    for (const key of [DEMO_PRODUCT_LEAD, 'ben.ashworth']) await hub.database.db.update(people).set({ email: `moved.${key}@example.org` }).where(eq(people.email, demoEmail(key)));
    const productCount = async () => (await hub.services.products.listProducts({ viewer: { personId: '', organisationId: (await hub.services.accounts.findPersonByEmail(demoEmail('morgan.hale')))!.organisationId, displayName: '', email: '', roles: ['platform-admin'] } })).length;
    const before = await productCount();
    expect(await hub.services.demo.loadDemoData()).toEqual({ loaded: false, reason: 'already-present' });
    expect(await hub.services.accounts.findPersonByEmail(demoEmail(DEMO_PRODUCT_LEAD))).toMatchObject({ displayName: 'Priya Nair', roles: ['learner', 'product-lead'] });
    expect(await productCount()).toBe(before + 2);
    const radiographer = await signIn(hub.app, demoEmail('ben.ashworth'), DEMO_PASSWORD);
    expect((await radiographer.api('GET', '/api/v1/me/product-training')).json().products).toEqual([expect.objectContaining({ status: 'due' })]);
    await hub.services.demo.loadDemoData();
    expect(await productCount()).toBe(before + 2);
  });

  it('lists the demo accounts and password on the sign-in page once demo data is loaded', async () => {
    const page = (await hub.app.inject({ method: 'GET', url: '/sign-in' })).body;
    expect(page).toContain(SIGN_IN_LIST);
    expect(page).toContain(`<code>${DEMO_PASSWORD}</code>`);
    for (const account of DEMO_ACCOUNTS) expect(page).toContain(`<code>${account.email}</code>`);
    expect(page).toContain('Chief Nursing Information Officer (CNIO), Linchester ICS: Driver Persona 1 (Driver); supervisor');
  });
});

describe.each(databaseTargets())('confidence-hub demo load on $name', (target) => {
  let env: NodeJS.ProcessEnv;
  let workDir: string;
  let drop: () => Promise<void> = async () => {};
  beforeAll(async () => {
    workDir = mkdtempSync(path.join(tmpdir(), 'hub-demo-cli-'));
    const created = target.name === 'postgres' ? await target.create() : undefined;
    drop = created?.drop ?? drop;
    // The named demo only: the synthetic workforce has its own test (demo-synthetic.test.ts).
    env = { HUB_DEMO_SYNTHETIC_PEOPLE: '0', ...(created?.config.kind === 'postgres' ? { DATABASE_URL: created.config.url } : { HUB_DATA_DIR: path.join(workDir, 'data') }) };
  });
  afterAll(async () => {
    await drop();
    rmSync(workDir, { recursive: true, force: true });
  });

  const run = async (...args: string[]) => {
    let stdout = '';
    let stderr = '';
    const code = await runCli(args, { env, stdout: { write: (s: string) => (stdout += s) }, stderr: { write: (s: string) => (stderr += s) } });
    return { code, stdout, stderr };
  };

  it('loads the demo data, prints the sign-ins, and reports it is already there the second time', async () => {
    const first = await run('demo', 'load');
    expect(first).toMatchObject({ code: 0, stderr: '' });
    expect(first.stdout).toContain(`Loaded demo data: ${DEMO_ORGANISATIONS.length} organisations, ${DEMO_PEOPLE.length} people, ${DEMO_SUPERVISIONS.length} supervisions.\n`);
    expect(first.stdout).toContain(`demo sign-ins (password for all: ${DEMO_PASSWORD}):`);
    expect(first.stdout).toContain(demoEmail('marcus.reid'));
    const second = await run('demo', 'load');
    expect(second).toMatchObject({ code: 0, stderr: '' });
    expect(second.stdout).toMatch(/^Demo data is already loaded; nothing changed\.\n/);
  });
});

describe.each(databaseTargets())('serve and demo data on $name', (target) => {
  let workDir: string;
  let database: DatabaseConfig;
  let drop: () => Promise<void> = async () => {};
  beforeAll(async () => {
    workDir = mkdtempSync(path.join(tmpdir(), 'hub-demo-serve-'));
    const created = target.name === 'postgres' ? await target.create() : undefined;
    drop = created?.drop ?? drop;
    database = created?.config ?? { kind: 'embedded', dataDir: path.join(workDir, 'data') };
  });
  afterAll(async () => {
    await drop();
    rmSync(workDir, { recursive: true, force: true });
  });

  const config = (db: DatabaseConfig): HubConfig => ({ port: 0, host: '127.0.0.1', database: db, logLevel: 'silent', isProduction: false, publicUrl: undefined, processes: 1, demoSyntheticPeople: 0 });
  const start = async (db: DatabaseConfig) => {
    const server = await startServer(config(db));
    const signInPage = (await server.app.inject({ method: 'GET', url: '/sign-in' })).body;
    await server.close();
    return { demo: server.demo, signInPage };
  };

  if (target.name === 'pglite') {
    it('loads demo data into a new embedded database, and does not load it again on the next start', async () => {
      const first = await start(database);
      expect(first.demo.load).toMatchObject({ loaded: true });
      expect(first.demo.accounts).toEqual(DEMO_ACCOUNTS);
      expect(first.signInPage).toContain(SIGN_IN_LIST);
      const second = await start(database);
      expect(second.demo).toEqual({ load: { loaded: false, reason: 'already-present' }, accounts: DEMO_ACCOUNTS, password: DEMO_PASSWORD });
    });

    it('leaves an embedded database that already has people alone', async () => {
      const dataDir = path.join(workDir, 'staffed');
      const existing = await openHub({ database: { kind: 'embedded', dataDir }, publicUrl: undefined, host: '127.0.0.1', port: 0 });
      const { trust } = await createTestOrganisations(existing);
      await createTestPerson(existing, { organisationId: trust.id });
      await existing.close();
      const started = await start({ kind: 'embedded', dataDir });
      expect(started.demo).toMatchObject({ load: { loaded: false, reason: 'not-empty' }, accounts: [] });
      expect(started.signInPage).not.toContain(SIGN_IN_LIST);
    });
  } else {
    it('never loads demo data into PostgreSQL unasked', async () => {
      const started = await start(database);
      expect(started.demo).toMatchObject({ load: null, accounts: [] });
      expect(started.signInPage).not.toContain(SIGN_IN_LIST);
    });
  }
});
