import type { Database } from '../../db/client.ts';
import type { InsightContributionRepository, JourneyProgressRow, StandingRow, TrainingCurrencyRow } from '../../db/insight-contribution.repository.ts';
import type { DeploymentUse, InsightInputsRepository, PersonFacts } from '../../db/insight-inputs.repository.ts';
import type { ProductRepository } from '../../db/product.repository.ts';
import { listApplicableRequirements } from '../../domain/applicability/applicability.ts';
import { currencyContribution, journeyProgress, standingCells } from '../../domain/insight/contributions.ts';
import { trainingCurrency } from '../../domain/products/index.ts';
import type { TrainingCurrency } from '../../domain/products/index.ts';
import { assessmentSummaries } from '../assessment/assessment-summaries.ts';
import { applicabilityOf } from '../assessment/profile.service.ts';
import type { PersonApplicability } from '../assessment/profile.service.ts';
import type { HubEntry } from '../framework-catalog.ts';
import { productUsesFrom, toProductVersion } from '../products/training-currency.ts';
import { writeDifference } from './contribution-diff.ts';

/**
 * Writes each person's contribution rows for workforce insight (docs/scale.md §2.4), in the
 * caller's transaction, from the same domain functions their own pages use: requirement standing
 * from their assessment summary, training currency from `trainingCurrency`, journey progress as
 * the journey page counts it. Works for one person (a service's write) or many (a bulk refresh)
 * with the same handful of reads, and writes only the rows that differ from what is stored.
 */

export type ContributionKind = 'standing' | 'training' | 'journey';
export const ALL_CONTRIBUTIONS: readonly ContributionKind[] = ['standing', 'training', 'journey'];

const PEOPLE_PER_READ = 1000;

export interface InsightContributionDeps {
  inputs: InsightInputsRepository;
  contributions: InsightContributionRepository;
  productRepository: Pick<ProductRepository, 'listVersionsOfProducts'>;
  /** The framework the hub assesses people against: the one whose standing the views show. */
  framework: () => HubEntry;
  now?: () => Date;
}

interface UseCurrency {
  use: DeploymentUse;
  currency: TrainingCurrency;
}

export function createInsightContributions(deps: InsightContributionDeps) {
  const now = deps.now ?? (() => new Date());
  const { inputs, contributions } = deps;

  /** Each person's currency on every deployment they use: versions and passes read once for all of them. */
  async function currencyOf(tx: Database, personIds: readonly string[]): Promise<Map<string, UseCurrency[]>> {
    const uses = await inputs.listDeploymentUsesOf(personIds, tx);
    const productIds = [...new Set(uses.map((u) => u.productId))];
    const [versionRows, passes] = await Promise.all([deps.productRepository.listVersionsOfProducts(productIds, tx), inputs.listPassesOf(personIds, productIds, tx)]);
    const versionsOf = groupBy(versionRows, (v) => v.productId);
    const passesOf = groupBy(passes, (p) => `${p.personId}/${p.productId}`);
    const at = now();
    const byPerson = new Map<string, UseCurrency[]>();
    for (const use of uses) {
      const versions = (versionsOf.get(use.productId) ?? []).map(toProductVersion);
      const currency = trainingCurrency({ versions, deployment: use, passes: passesOf.get(`${use.personId}/${use.productId}`) ?? [], dueBy: use.dueBy, now: at });
      byPerson.set(use.personId, [...(byPerson.get(use.personId) ?? []), { use, currency }]);
    }
    return byPerson;
  }

  /** What applies to each person with a profile (R2–R4, R7, R8): profile, current focus and the products they use. */
  async function applicabilities(tx: Database, people: readonly PersonFacts[], currencies: ReadonlyMap<string, UseCurrency[]>): Promise<Map<string, PersonApplicability>> {
    const focusOf = groupBy(await inputs.listCurrentFocusOf(people.map((p) => p.personId), tx), (f) => f.personId);
    const out = new Map<string, PersonApplicability>();
    for (const person of people) {
      if (!person.profile) continue;
      const uses = productUsesFrom((currencies.get(person.personId) ?? []).map(({ use, currency }) => ({ ...use, status: currency.status, dueBy: currency.dueBy })));
      out.set(person.personId, applicabilityOf(person.profile, focusOf.get(person.personId) ?? [], uses.map((u) => ({ ...u }))));
    }
    return out;
  }

  async function desiredStanding(tx: Database, people: readonly PersonFacts[], currencies: ReadonlyMap<string, UseCurrency[]>): Promise<StandingRow[]> {
    const { id: frameworkId, version: frameworkVersion, index } = deps.framework();
    const [applicable, levels] = await Promise.all([applicabilities(tx, people, currencies), inputs.listCurrentLevelsOf(people.map((p) => p.personId), frameworkId, tx)]);
    const levelsOf = groupBy(levels, (l) => l.personId);
    return people.flatMap((person) => {
      const applicability = applicable.get(person.personId);
      if (!applicability) return [];
      const theirs = new Map((levelsOf.get(person.personId) ?? []).map((l) => [l.topicId, l]));
      const summaries = assessmentSummaries(index, listApplicableRequirements(index, applicability), applicability, {
        self: (topicId) => theirs.get(topicId)?.self ?? undefined,
        verified: (topicId) => theirs.get(topicId)?.verified ?? undefined,
      });
      return standingCells(summaries.selfRated, summaries.verified).map((cell) => ({ organisationId: person.organisationId, personId: person.personId, frameworkId, frameworkVersion, ...cell }));
    });
  }

  function desiredTraining(people: readonly PersonFacts[], currencies: ReadonlyMap<string, UseCurrency[]>): TrainingCurrencyRow[] {
    return people.flatMap((person) =>
      (currencies.get(person.personId) ?? []).map(({ use, currency }) => ({
        organisationId: person.organisationId,
        personId: person.personId,
        productId: use.productId,
        deploymentId: use.deploymentId,
        ...currencyContribution(currency),
      })),
    );
  }

  async function desiredJourneys(tx: Database, people: readonly PersonFacts[]): Promise<JourneyProgressRow[]> {
    const ids = people.map((p) => p.personId);
    const [active, items] = await Promise.all([inputs.listActiveJourneysOf(ids, tx), inputs.listJourneyItemsOf(ids, tx)]);
    const itemsOf = groupBy(items, (i) => i.personId);
    const organisationOf = new Map(people.map((p) => [p.personId, p.organisationId]));
    return active.flatMap(({ personId, frameworkId }) => {
      const organisationId = organisationOf.get(personId);
      return organisationId ? [{ organisationId, personId, frameworkId, hasJourney: 1, ...journeyProgress(itemsOf.get(personId) ?? []) }] : [];
    });
  }

  /** Brings these people's contribution rows of the kinds asked for up to date, in the caller's transaction. */
  async function refreshPeople(tx: Database, personIds: readonly string[], kinds: readonly ContributionKind[] = ALL_CONTRIBUTIONS): Promise<void> {
    // A deployment-wide change can name a whole trust: read in slices, well inside PostgreSQL's 65,535 parameters.
    for (let i = 0; i < personIds.length; i += PEOPLE_PER_READ) await refreshSlice(tx, personIds.slice(i, i + PEOPLE_PER_READ), kinds);
  }

  /**
   * Reads everything first and writes after: locks taken by the writes (the rows, and whatever the
   * rollup triggers take) last until commit, so a bulk chunk holds them for its writes only.
   */
  async function refreshSlice(tx: Database, personIds: readonly string[], kinds: readonly ContributionKind[]): Promise<void> {
    const people = await inputs.listPeopleFacts(personIds, tx);
    const ids = people.map((p) => p.personId);
    const currencies = kinds.includes('standing') || kinds.includes('training') ? await currencyOf(tx, ids) : new Map<string, UseCurrency[]>();
    const writes: Array<() => Promise<unknown>> = [];
    if (kinds.includes('standing')) {
      const { id, version } = deps.framework();
      const [stored, wanted] = [await contributions.listStanding(people, id, version, tx), await desiredStanding(tx, people, currencies)];
      writes.push(() => writeDifference(tx, stored, wanted, {
        key: (r) => `${r.organisationId}/${r.personId}/${r.tier}/${r.archetype}/${r.factor}`,
        same: (a, b) => a.applicable === b.applicable && a.metSelf === b.metSelf && a.metVerified === b.metVerified,
        upsert: contributions.upsertStanding,
        remove: contributions.deleteStanding,
      }));
    }
    if (kinds.includes('training')) {
      const stored = await contributions.listTrainingCurrency(people, tx);
      writes.push(() => writeDifference(tx, stored, desiredTraining(people, currencies), {
        key: (r) => `${r.organisationId}/${r.personId}/${r.deploymentId}`,
        same: (a, b) => a.productId === b.productId && a.state === b.state && a.started === b.started && a.dueOn === b.dueOn,
        upsert: contributions.upsertTrainingCurrency,
        remove: contributions.deleteTrainingCurrency,
      }));
    }
    if (kinds.includes('journey')) {
      const [stored, wanted] = [await contributions.listJourneyProgress(people, tx), await desiredJourneys(tx, people)];
      writes.push(() => writeDifference(tx, stored, wanted, {
        key: (r) => `${r.organisationId}/${r.personId}/${r.frameworkId}`,
        same: (a, b) => a.hasJourney === b.hasJourney && a.started === b.started && a.itemsPlanned === b.itemsPlanned && a.itemsCompleted === b.itemsCompleted && a.minutesPlanned === b.minutesPlanned && a.minutesDone === b.minutesDone,
        upsert: contributions.upsertJourneyProgress,
        remove: contributions.deleteJourneyProgress,
      }));
    }
    for (const write of writes) await write();
  }

  return {
    refreshPeople,
    /** What applies to each of these people now (those without a profile are left out): for rebuilding standing from history. */
    applicabilityOfPeople: async (tx: Database, people: readonly PersonFacts[]) => applicabilities(tx, people, await currencyOf(tx, people.map((p) => p.personId))),
    /** R2–R4, R7 and R8 standing, after ratings, verification, profile, focus or product use change. */
    refreshStanding: (tx: Database, personId: string) => refreshPeople(tx, [personId], ['standing']),
    /** Training currency per deployment used, after links, passes or a deployment's status or version change. */
    refreshTrainingCurrency: (tx: Database, personId: string) => refreshPeople(tx, [personId], ['training']),
    /** Both, for a change to what products someone uses or has passed: their Table 2 standing follows their training. */
    refreshProductUse: (tx: Database, personIds: readonly string[]) => refreshPeople(tx, personIds, ['standing', 'training']),
    /** Journey progress, after a plan, re-plan or an item's status changes. */
    refreshJourneyProgress: (tx: Database, personId: string) => refreshPeople(tx, [personId], ['journey']),
  };
}

export type InsightContributions = ReturnType<typeof createInsightContributions>;

function groupBy<T>(rows: readonly T[], keyOf: (row: T) => string): Map<string, T[]> {
  const grouped = new Map<string, T[]>();
  for (const row of rows) {
    const key = keyOf(row);
    const list = grouped.get(key);
    if (list) list.push(row);
    else grouped.set(key, [row]);
  }
  return grouped;
}
