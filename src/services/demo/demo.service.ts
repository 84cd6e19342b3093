import type { CatalogueRepository } from '../../db/catalogue.repository.ts';
import type { Database } from '../../db/client.ts';
import type { JourneyRepository } from '../../db/journey.repository.ts';
import type { OrganisationRepository } from '../../db/organisation.repository.ts';
import type { PeopleRepository } from '../../db/people.repository.ts';
import type { ProductRepository } from '../../db/product.repository.ts';
import type { ProductTrainingRepository } from '../../db/product-training.repository.ts';
import type { FrameworkIndex } from '../../domain/framework/framework-index.ts';
import type { SupervisionRepository } from '../../db/supervision.repository.ts';
import { hashPassword } from '../identity/password-hasher.ts';
import { createAccountService } from '../people/account.service.ts';
import { createOrganisationService } from '../people/organisation.service.ts';
import { DEFAULT_FRAMEWORK_ID } from '../bundled-frameworks.ts';
import { DEMO_CATALOGUE_CURATOR, DEMO_CATALOGUE_OWNER, insertDemoCatalogue } from './demo-catalogue.ts';
import { insertDemoJourneyTemplates } from './demo-journey-templates.ts';
import { DEMO_PRODUCT_LEAD, insertDemoProducts } from './demo-products.ts';
import type { DemoRatings } from './demo-ratings.ts';
import type { DemoReviews } from './demo-reviews.ts';
import type { DemoSynthetic } from './demo-synthetic.ts';
import type { DemoTeams } from './demo-teams.ts';
import { DEMO_ACCOUNTS, DEMO_MARKER_EMAIL, DEMO_ORGANISATIONS, DEMO_PASSWORD, DEMO_PEOPLE, DEMO_SUPERVISIONS, demoEmail } from './demo-dataset.ts';
import type { DemoAccount, DemoPerson } from './demo-dataset.ts';

export type DemoLoadResult =
  | { loaded: true; organisations: string[]; accounts: DemoAccount[]; supervisions: number }
  /** `already-present`: the demo data is there; `not-empty`: the database holds other people. */
  | { loaded: false; reason: 'already-present' | 'not-empty' };

interface LoadedPerson {
  id: string;
  organisationId: string;
}

function idOf<T>(ids: Map<string, T>, key: string): T {
  const id = ids.get(key);
  // The dataset's unit test keeps every reference resolvable; this only guards a broken edit.
  if (id === undefined) throw new Error(`demo dataset refers to ${key} before defining it`);
  return id;
}

export function createDemoService(deps: {
  db: Database;
  peopleRepository: PeopleRepository;
  organisationRepository: OrganisationRepository;
  supervisionRepository: SupervisionRepository;
  catalogueRepository: CatalogueRepository;
  journeyRepository: JourneyRepository;
  productRepository: ProductRepository;
  productTrainingRepository: ProductTrainingRepository;
  framework: () => FrameworkIndex;
  /** The demo assurance reviews, loaded through the assurance services after the people and products. */
  reviews?: Pick<DemoReviews, 'loadDemoReviews'>;
  /** The demo people's self-ratings and past verifications, for anyone not yet rated. */
  ratings?: Pick<DemoRatings, 'loadDemoRatings'>;
  /** The demo AI MDTs, set up through the team service after the reviews share tri-X with Linchester. */
  teams?: Pick<DemoTeams, 'loadDemoTeams'>;
  /** The generated workforce (issue 14 §4), added in bulk after everything the named people need. */
  synthetic?: Pick<DemoSynthetic, 'loadDemoSynthetic'>;
  /**
   * Works out every person's insight contributions (issue 14) after rows were inserted directly,
   * when the synthetic load did not (it refreshes everyone in its transaction when it adds people).
   */
  refreshInsight?: () => Promise<void>;
  /** Rebuilds the trends (requirements, training, journeys) from the back-dated history a synthetic load wrote. */
  rebuildHistoryTrends?: () => Promise<void>;
}) {
  const people = deps.peopleRepository;
  // The same use cases an admin uses, so demo data obeys the organisation tree and account rules.
  const organisations = createOrganisationService({ organisationRepository: deps.organisationRepository });
  const accounts = createAccountService({ db: deps.db, peopleRepository: people });
  // The sign-in page asks on every request; whether demo data exists changes only when it is loaded.
  let present: Promise<boolean> | undefined;

  const isPresent = async (tx?: Database) => (await people.findPersonByEmail(DEMO_MARKER_EMAIL, tx)) !== undefined;

  async function insertOrganisations(tx: Database): Promise<Map<string, string>> {
    const ids = new Map<string, string>();
    for (const o of DEMO_ORGANISATIONS) {
      const parentId = o.parent === null ? null : idOf(ids, o.parent);
      ids.set(o.key, (await organisations.createOrganisation({ kind: o.kind, name: o.name, parentId, odsCode: o.odsCode ?? null }, tx)).id);
    }
    return ids;
  }

  async function insertPeople(organisationIds: Map<string, string>, passwordHash: string, tx: Database, only: readonly DemoPerson[] = DEMO_PEOPLE): Promise<Map<string, LoadedPerson>> {
    const loaded = new Map<string, LoadedPerson>();
    for (const p of only) {
      const organisationId = idOf(organisationIds, p.organisation);
      const { displayName, jobTitle, roles, archetypes, professionalGroup, setting, clinicalDecisionMaking } = p;
      const account = await accounts.createAccount({ organisationId, email: demoEmail(p.key), displayName, jobTitle, roles, password: { hash: passwordHash } }, tx);
      await people.saveProfile({ personId: account.id, organisationId, archetypes, professionalGroup, setting, clinicalDecisionMaking }, tx);
      loaded.set(p.key, { id: account.id, organisationId });
    }
    return loaded;
  }

  async function insertSupervisions(loaded: Map<string, LoadedPerson>, tx: Database): Promise<void> {
    for (const s of DEMO_SUPERVISIONS) {
      const learner = idOf(loaded, s.learner);
      await deps.supervisionRepository.insertSupervision(
        { organisationId: learner.organisationId, supervisorId: idOf(loaded, s.supervisor).id, learnerId: learner.id, assignedBy: idOf(loaded, s.assignedBy).id },
        tx,
      );
    }
  }

  /** All or nothing; false when another process loaded it first. */
  async function insertDataset(passwordHash: string): Promise<boolean> {
    try {
      return await deps.db.transaction(async (txn) => {
        const tx = txn as unknown as Database;
        if (await isPresent(tx)) return false;
        const organisationIds = await insertOrganisations(tx);
        const loaded = await insertPeople(organisationIds, passwordHash, tx);
        await insertSupervisions(loaded, tx);
        const owner = { organisationId: idOf(organisationIds, DEMO_CATALOGUE_OWNER), createdBy: idOf(loaded, DEMO_CATALOGUE_CURATOR).id, frameworkId: DEFAULT_FRAMEWORK_ID };
        await insertDemoCatalogue(deps.catalogueRepository, owner, tx);
        await insertDemoJourneyTemplates({ catalogue: deps.catalogueRepository, journeys: deps.journeyRepository }, owner, tx);
        await insertDemoProducts(
          { products: deps.productRepository, training: deps.productTrainingRepository },
          { organisationId: (key) => idOf(organisationIds, key), person: (key) => idOf(loaded, key), framework: deps.framework(), now: new Date() },
          tx,
        );
        return true;
      });
    } catch (error) {
      // A concurrent load (two CLI runs on one PostgreSQL) loses on the unique email index.
      if (await isPresent()) return false;
      throw error;
    }
  }

  /** Demo data loaded before the catalogue existed gets the catalogue when it is loaded again. */
  async function addDemoCatalogueIfMissing(): Promise<void> {
    await deps.db.transaction(async (txn) => {
      const tx = txn as unknown as Database;
      const curator = await people.findPersonByEmail(demoEmail(DEMO_CATALOGUE_CURATOR), tx);
      if (!curator || (await deps.catalogueRepository.countSampleResources(tx)) > 0) return;
      // The curator works in the national organisation that owns the catalogue.
      const owner = { organisationId: curator.organisationId, createdBy: curator.id, frameworkId: DEFAULT_FRAMEWORK_ID };
      await insertDemoCatalogue(deps.catalogueRepository, owner, tx);
      await insertDemoJourneyTemplates({ catalogue: deps.catalogueRepository, journeys: deps.journeyRepository }, owner, tx);
    });
  }

  /**
   * Demo data loaded before the AI products existed gets them, with the people they need (Box 2's
   * Embedder and radiographer), when it is loaded again. Organisations are found by their demo names.
   */
  async function addDemoProductsIfMissing(): Promise<void> {
    if (await people.findPersonByEmail(demoEmail(DEMO_PRODUCT_LEAD))) return;
    const byName = new Map((await deps.organisationRepository.listOrganisations()).map((o) => [o.name, o.id]));
    const organisationIds = new Map(DEMO_ORGANISATIONS.flatMap((o) => (byName.has(o.name) ? [[o.key, byName.get(o.name) as string] as const] : [])));
    const passwordHash = await hashPassword(DEMO_PASSWORD);
    await deps.db.transaction(async (txn) => {
      const tx = txn as unknown as Database;
      const loaded = new Map<string, LoadedPerson>();
      const missing: DemoPerson[] = [];
      for (const p of DEMO_PEOPLE) {
        const existing = await people.findPersonByEmail(demoEmail(p.key), tx);
        if (existing) loaded.set(p.key, { id: existing.id, organisationId: existing.organisationId });
        else missing.push(p);
      }
      for (const [key, person] of await insertPeople(organisationIds, passwordHash, tx, missing)) loaded.set(key, person);
      await insertDemoProducts(
        { products: deps.productRepository, training: deps.productTrainingRepository },
        { organisationId: (key) => idOf(organisationIds, key), person: (key) => idOf(loaded, key), framework: deps.framework(), now: new Date() },
        tx,
      );
    });
  }

  /** Loads the demo organisations, people, profiles, ratings, supervisions, learning catalogue and AI products, unless they are already there. */
  async function loadDemoData(): Promise<DemoLoadResult> {
    if (await isPresent()) {
      present = Promise.resolve(true);
      await addDemoCatalogueIfMissing();
      await addDemoProductsIfMissing();
      await deps.ratings?.loadDemoRatings();
      await deps.reviews?.loadDemoReviews();
      await deps.teams?.loadDemoTeams();
      // A synthetic load that adds people refreshes everyone's contributions in its own transaction.
      if (((await deps.synthetic?.loadDemoSynthetic()) ?? 0) > 0) await deps.rebuildHistoryTrends?.();
      return { loaded: false, reason: 'already-present' };
    }
    // scrypt is slow on purpose: one hash serves every demo account.
    const isLoaded = await insertDataset(await hashPassword(DEMO_PASSWORD));
    present = Promise.resolve(true);
    if (!isLoaded) return { loaded: false, reason: 'already-present' };
    await deps.ratings?.loadDemoRatings();
    await deps.reviews?.loadDemoReviews();
    await deps.teams?.loadDemoTeams();
    const added = (await deps.synthetic?.loadDemoSynthetic()) ?? 0;
    if (added === 0) await deps.refreshInsight?.();
    else await deps.rebuildHistoryTrends?.();
    return { loaded: true, organisations: DEMO_ORGANISATIONS.map((o) => o.name), accounts: [...DEMO_ACCOUNTS], supervisions: DEMO_SUPERVISIONS.length };
  }

  return {
    password: DEMO_PASSWORD,

    loadDemoData,

    /** Loads the demo data only into a database with no people in it: a brand-new hub. */
    async loadDemoDataIfNoPeople(): Promise<DemoLoadResult> {
      if ((await people.countPeople()) > 0) return { loaded: false, reason: (await isPresent()) ? 'already-present' : 'not-empty' };
      return loadDemoData();
    },

    /**
     * The demo sign-ins, when demo data is in this database (otherwise none). Asked once, then
     * remembered: a server does not see demo data another process loads until it restarts.
     */
    async demoAccounts(): Promise<DemoAccount[]> {
      present ??= isPresent().catch((error: unknown) => {
        present = undefined;
        throw error;
      });
      return (await present) ? [...DEMO_ACCOUNTS] : [];
    },
  };
}

export type DemoService = ReturnType<typeof createDemoService>;
