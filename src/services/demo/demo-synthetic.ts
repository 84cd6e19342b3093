import { randomUUID } from 'node:crypto';
import type { Database } from '../../db/client.ts';
import type { OrganisationRepository } from '../../db/organisation.repository.ts';
import { SYNTHETIC_TABLES } from '../../db/synthetic.repository.ts';
import type { SyntheticDeployment, SyntheticRepository, SyntheticRows, SyntheticTraining, Value } from '../../db/synthetic.repository.ts';
import type { FrameworkIndex } from '../../domain/framework/framework-index.ts';
import { placePeople } from '../../domain/synthetic/placements.ts';
import { DAY_MS, syntheticFrameworkOf, syntheticHistory } from '../../domain/synthetic/synthetic-history.ts';
import type { SyntheticFramework, SyntheticHistory } from '../../domain/synthetic/synthetic-history.ts';
import { SYNTHETIC_EMAIL_DOMAIN, syntheticWorkforce } from '../../domain/synthetic/synthetic-people.ts';
import type { SyntheticPerson } from '../../domain/synthetic/synthetic-people.ts';
import { journeyResourcePool, syntheticAnswers } from '../../domain/synthetic/synthetic-training.ts';
import type { SyntheticPass } from '../../domain/synthetic/synthetic-training.ts';
import { DEFAULT_SETTINGS } from '../journeys/journey.service.ts';
import { DEMO_ORGANISATIONS } from './demo-dataset.ts';

/**
 * The demo's synthetic workforce (issue 14 §4): a few thousand generated people across the demo
 * organisations, flagged `synthetic`, with a year of self-ratings, verifications, deployment links
 * and training passes, and journeys, so the insight views mean something on first start. Written
 * in bulk (many rows a statement, one transaction), not through the services one rating at a time:
 * that would take minutes. The named demo people are untouched. The people have no credentials, so they cannot
 * sign in, and their addresses are on a reserved domain the outbox refuses.
 */
export const DEMO_SYNTHETIC_SEED = 2026;
/** "A few thousand" (issue 14 §4), kept at two because each costs `demo load` ~35 ms on PGlite; HUB_DEMO_SYNTHETIC_PEOPLE changes it. */
export const DEMO_SYNTHETIC_PEOPLE = 2000;
const PEOPLE_PER_BATCH = 250;
const JOINED_DAYS_AGO = 400;
const ADJUST_COMMENT = 'From what I have seen in practice I can verify one level below your own rating for now.';

export interface DemoSyntheticDeps {
  db: Database;
  organisationRepository: Pick<OrganisationRepository, 'listOrganisations'>;
  syntheticRepository: SyntheticRepository;
  framework: () => FrameworkIndex;
  now: () => Date;
  /** How many people; tests that only need the named demo people can ask for none. */
  people?: number;
  /**
   * Called once, in the load's transaction, after every row is written and before the rollups are
   * recounted, with the rollup triggers still off: the place to refresh the contribution rows the
   * services compute in TypeScript (requirement standing, training currency, journey progress),
   * which no trigger writes (see rebuildInsightAfterBulkLoad). Given the people the load added; it
   * may refresh more (the demo refreshes everyone, its named people too).
   */
  refreshContributions?: (tx: Database, personIds: readonly string[]) => Promise<void>;
}

interface Context {
  framework: SyntheticFramework;
  now: Date;
  organisationId: (key: string) => string;
  /** Deployments in the person's organisation or above it, in a stable order. */
  deploymentsFor: (key: string) => readonly SyntheticDeployment[];
  /** Published resources journey items are taken from (the short ones: journeyResourcePool). */
  resources: readonly string[];
  /** Ids of the supervisors met so far, by stream index: the first person of each organisation. */
  supervisors: Map<number, string>;
}

const emptyRows = (): SyntheticRows => Object.fromEntries(SYNTHETIC_TABLES.map((t) => [t, []])) as unknown as SyntheticRows;

function addPerson(rows: SyntheticRows, ctx: Context, person: SyntheticPerson): { id: string; organisationId: string; supervisorId: string | null } {
  const id = randomUUID();
  const organisationId = ctx.organisationId(person.organisationKey);
  const joined = new Date(ctx.now.getTime() - JOINED_DAYS_AGO * DAY_MS);
  if (person.isSupervisor) ctx.supervisors.set(person.index, id);
  const supervisorId = person.supervisorIndex === null ? null : (ctx.supervisors.get(person.supervisorIndex) ?? null);
  rows.people.push([id, organisationId, person.email, person.displayName, person.jobTitle, person.isSupervisor ? ['learner', 'supervisor'] : ['learner'], true, joined]);
  rows.profiles.push([id, organisationId, person.archetypes, person.professionalGroup, person.setting, person.clinicalDecisionMaking, joined]);
  if (supervisorId) rows.supervisions.push([organisationId, supervisorId, id, supervisorId, joined]);
  return { id, organisationId, supervisorId };
}

function addRatings(rows: SyntheticRows, ctx: Context, who: { id: string; organisationId: string; supervisorId: string | null }, history: SyntheticHistory): void {
  const { id: frameworkId, version: frameworkVersion } = ctx.framework;
  const ratingIds = history.ratings.map((r) => {
    const ratingId = randomUUID();
    rows.topic_ratings.push([ratingId, who.organisationId, who.id, frameworkId, frameworkVersion, r.topicId, r.level, r.ratedAt]);
    return ratingId;
  });
  if (!who.supervisorId) return;
  for (const v of history.verifications) {
    const requestId = randomUUID();
    const ratingId = ratingIds[v.ratingIndex] as string;
    const ratedAt = history.ratings[v.ratingIndex]?.ratedAt ?? null;
    rows.verification_requests.push([requestId, who.organisationId, who.id, who.supervisorId, frameworkId, v.topicId, ratingId, ratedAt, v.requestedAt]);
    rows.verification_decisions.push([who.organisationId, requestId, who.supervisorId, v.outcome, v.level, v.outcome === 'adjusted' ? ADJUST_COMMENT : null, v.decidedAt]);
  }
}

/** A pass as the module's own marking records it (module-learning submitAttempt), on the live version's latest revision. */
export function passRow(who: { id: string; organisationId: string }, training: SyntheticTraining, pass: SyntheticPass): Value[] {
  const { answers, correct, total, passed } = syntheticAnswers(training.check, pass.score);
  return [who.organisationId, who.id, training.moduleId, training.productVersionId, training.revisionId, answers, correct, total, passed, pass.passedAt];
}

function addTraining(rows: SyntheticRows, ctx: Context, who: { id: string; organisationId: string }, person: SyntheticPerson, history: SyntheticHistory): void {
  const deployments = ctx.deploymentsFor(person.organisationKey);
  const link = history.deployment;
  if (link && deployments.length > 0) {
    const deployment = deployments[Math.floor(link.choice * deployments.length)] as SyntheticDeployment;
    rows.ai_deployment_users.push([who.organisationId, deployment.id, who.id, 'self', who.id, link.linkedAt, link.dueBy]);
    if (link.pass && deployment.training) rows.module_attempts.push(passRow(who, deployment.training, link.pass));
  }
  const journey = history.journey;
  if (!journey || ctx.resources.length === 0) return;
  const journeyId = randomUUID();
  rows.journeys.push([journeyId, who.organisationId, who.id, ctx.framework.id, ctx.framework.version, 'active', { ...DEFAULT_SETTINGS }, {}, journey.createdAt]);
  for (let position = 0; position < Math.min(journey.items, ctx.resources.length); position++) {
    const done = position < journey.completed;
    const completedAt = done ? new Date(journey.createdAt.getTime() + (position + 1) * 3 * DAY_MS) : null;
    const resourceId = ctx.resources[(person.index + position) % ctx.resources.length] as string;
    rows.journey_items.push([who.organisationId, journeyId, resourceId, position, [], done ? 'completed' : 'planned', 'plan', journey.createdAt, completedAt, completedAt]);
  }
}

/**
 * THE HOOK for issue 14's insight after a bulk insert, in its transaction, with the bulk-load
 * triggers still off (setBulkLoadTriggers). The TypeScript-computed contributions (standing,
 * training, journeys) are refreshed first, when the caller passes `refreshContributions`; then every
 * rollup is recounted from the contribution rows and the monthly twins from history
 * (insight_rebuild_rollups(), insight_rebuild_topic_level_months(), insight_rebuild_people_months()),
 * which is what the triggers would have added, in one pass instead of one per statement.
 */
export async function rebuildInsightAfterBulkLoad(deps: Pick<DemoSyntheticDeps, 'syntheticRepository' | 'refreshContributions'>, personIds: readonly string[], tx: Database): Promise<void> {
  await deps.refreshContributions?.(tx, personIds);
  await deps.syntheticRepository.rebuildInsightRollups(tx);
}

/** The demo organisations that are in this database, by dataset key, with the keys above each. */
async function demoOrganisations(deps: DemoSyntheticDeps): Promise<{ ids: Map<string, string>; chain: (key: string) => string[] }> {
  const byName = new Map((await deps.organisationRepository.listOrganisations()).map((o) => [`${o.parentId ?? ''}/${o.name}`, o.id]));
  const ids = new Map<string, string>();
  for (const o of DEMO_ORGANISATIONS) {
    const parentId = o.parent === null ? '' : ids.get(o.parent);
    const id = parentId === undefined ? undefined : byName.get(`${parentId}/${o.name}`);
    if (id) ids.set(o.key, id);
  }
  const parentOf = new Map(DEMO_ORGANISATIONS.map((o) => [o.key, o.parent]));
  const chain = (key: string): string[] => {
    const keys: string[] = [];
    for (let k: string | null | undefined = key; k; k = parentOf.get(k)) keys.push(k);
    return keys;
  };
  return { ids, chain };
}

async function contextFor(deps: DemoSyntheticDeps, organisations: Awaited<ReturnType<typeof demoOrganisations>>, tx: Database): Promise<{ ctx: Context; keys: string[] }> {
  const { ids, chain } = organisations;
  const deployments = await deps.syntheticRepository.listDeploymentsIn([...ids.values()], tx);
  const framework = syntheticFrameworkOf(deps.framework());
  const ctx: Context = {
    framework,
    now: deps.now(),
    organisationId: (key) => ids.get(key) as string,
    deploymentsFor: (key) => {
      const above = new Set(chain(key).map((k) => ids.get(k)));
      return deployments.filter((d) => above.has(d.organisationId));
    },
    resources: journeyResourcePool(await deps.syntheticRepository.listPublishedResources(framework.id, tx)).map((r) => r.id),
    supervisors: new Map(),
  };
  return { ctx, keys: [...ids.keys()] };
}

export function createDemoSynthetic(deps: DemoSyntheticDeps) {
  const total = deps.people ?? DEMO_SYNTHETIC_PEOPLE;

  /** Returns the new people's ids. */
  async function insertWorkforce(ctx: Context, keys: readonly string[], tx: Database): Promise<string[]> {
    const targets = DEMO_ORGANISATIONS.filter((o) => keys.includes(o.key)).map((o) => ({ key: o.key, kind: o.kind }));
    const ids: string[] = [];
    let rows = emptyRows();
    for (const person of syntheticWorkforce(placePeople(targets, total, { seed: DEMO_SYNTHETIC_SEED }), { seed: DEMO_SYNTHETIC_SEED, emailPrefix: 'demo' })) {
      const who = addPerson(rows, ctx, person);
      const history = syntheticHistory(person, ctx.framework, { seed: DEMO_SYNTHETIC_SEED, now: ctx.now });
      addRatings(rows, ctx, who, history);
      addTraining(rows, ctx, who, person, history);
      ids.push(who.id);
      if (ids.length % PEOPLE_PER_BATCH === 0) {
        await deps.syntheticRepository.insertBatch(rows, tx);
        rows = emptyRows();
      }
    }
    await deps.syntheticRepository.insertBatch(rows, tx);
    return ids;
  }

  return {
    /** Adds the synthetic workforce once (none yet on the reserved domain); returns how many people it added. */
    async loadDemoSynthetic(): Promise<number> {
      if (total <= 0) return 0;
      // Read before the transaction: the organisation repository reads outside it, and PGlite has one connection.
      const organisations = await demoOrganisations(deps);
      return deps.db.transaction(async (txn) => {
        const tx = txn as unknown as Database;
        if ((await deps.syntheticRepository.countSyntheticPeople(SYNTHETIC_EMAIL_DOMAIN, tx)) > 0) return 0;
        const { ctx, keys } = await contextFor(deps, organisations, tx);
        if (keys.length === 0) return 0;
        await deps.syntheticRepository.setBulkLoadTriggers(false, tx);
        const added = await insertWorkforce(ctx, keys, tx);
        await deps.syntheticRepository.bumpViews(added, tx);
        await rebuildInsightAfterBulkLoad(deps, added, tx);
        await deps.syntheticRepository.setBulkLoadTriggers(true, tx);
        return added.length;
      });
    },
  };
}

export type DemoSynthetic = ReturnType<typeof createDemoSynthetic>;
