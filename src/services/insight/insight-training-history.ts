import type { Database } from '../../db/client.ts';
import type { CountedPerson, InsightHistoryRepository, TrainingStep } from '../../db/insight-history.repository.ts';
import type { InsightInputsRepository } from '../../db/insight-inputs.repository.ts';
import type { ProductRepository } from '../../db/product.repository.ts';
import type { CurrencyContribution } from '../../domain/insight/contributions.ts';
import { currencyAt } from '../../domain/insight/history-replay.ts';
import type { DeploymentChange, LinkHistory } from '../../domain/insight/history-replay.ts';
import { monthStart, ukToday } from '../../domain/insight/insight-calendar.ts';
import type { ProductVersion, TrainingPass } from '../../domain/products/index.ts';
import { toProductVersion } from '../products/training-currency.ts';
import { groupBy, momentsOf, replayMonths, rowSteps } from './history-moments.ts';
import type { Moment } from './history-moments.ts';

/**
 * The training currency trend rebuilt from history (issue 14 §1, docs/scale.md §2.7): each counted
 * person's currency on every deployment they were linked to, at each UK month end, replayed with
 * `trainingCurrency` from the facts dated by then (links, passes, versions released, the
 * deployment going live or withdrawn), staged as month-on-month changes and expanded into
 * insight_training_monthly. Due and overdue are told apart when read, against each month's end.
 */


export interface TrainingHistoryDeps {
  db: Database;
  inputs: Pick<InsightInputsRepository, 'listPassesOf'>;
  history: InsightHistoryRepository;
  productRepository: Pick<ProductRepository, 'listVersionsOfProducts'>;
  now?: () => Date;
}

type Row = { productId: string; deploymentId: string } & CurrencyContribution;

/** What a slice's links are judged with: versions by product, recorded changes by deployment, one person's passes by product. */
interface ProductFacts {
  versionsOf: ReadonlyMap<string, ProductVersion[]>;
  changesOf: ReadonlyMap<string, DeploymentChange[]>;
  passesOf: (productId: string) => readonly TrainingPass[];
}

export function createTrainingHistory(deps: TrainingHistoryDeps) {
  const now = deps.now ?? (() => new Date());

  async function stepsOfSlice(tx: Database, slice: readonly CountedPerson[], moments: readonly Moment[]): Promise<TrainingStep[]> {
    const ids = slice.map((p) => p.personId);
    const links = await deps.history.listDeploymentLinksOf(ids, tx);
    const productIds = [...new Set(links.map((l) => l.productId))];
    const deploymentIds = [...new Set(links.map((l) => l.deploymentId))];
    const [versionRows, passes, changes] = await Promise.all([
      deps.productRepository.listVersionsOfProducts(productIds, tx),
      deps.inputs.listPassesOf(ids, productIds, tx),
      deps.history.listDeploymentChangesOf(productIds, deploymentIds, tx),
    ]);
    const changesOf = groupBy(changes, (c) => c.deploymentId);
    const versionsOf = new Map([...groupBy(versionRows, (v) => v.productId)].map(([id, rows]) => [id, rows.map(toProductVersion)]));
    const passesOf = groupBy(passes, (p) => `${p.personId}/${p.productId}`);
    const linksOf = groupBy(links, (l) => l.personId);
    return slice.flatMap(({ personId, createdAt }) => {
      const joined = monthStart(ukToday(createdAt));
      const theirs = linksOf.get(personId) ?? [];
      const states = moments.map((moment) => (moment.month < joined ? [] : rowsAt(theirs, { versionsOf, changesOf, passesOf: (productId) => passesOf.get(`${personId}/${productId}`) ?? [] }, moment.at)));
      return rowSteps(states, moments, (r) => r.deploymentId, (a, b) => a.productId === b.productId && a.state === b.state && a.started === b.started && a.dueOn === b.dueOn).map(({ sign, month, row }) => ({ sign, month, personId, ...row }));
    });
  }

  return {
    /**
     * Replaces insight_training_monthly with month-on-month changes worked out from history over the
     * last `months` UK months and this one (the earliest month opens with everyone's currency then),
     * in one transaction; the twin then sums to insight_training.
     */
    async rebuildTrainingMonths(options: { months?: number } = {}): Promise<{ people: number; steps: number }> {
      const history = deps.history;
      return replayMonths(
        deps.db,
        (tx) => history.listCountedPeople(tx),
        { start: (tx) => history.startTrainingStaging(tx), stepsOf: stepsOfSlice, stage: (steps, tx) => history.stageTrainingSteps(steps, tx), replace: (tx) => history.replaceTrainingMonths(tx) },
        momentsOf(now(), options.months ?? 12),
      );
    },
  };
}

/** One person's rows at one instant: one per deployment they were linked to then (a later link to the same deployment wins). */
function rowsAt(links: readonly LinkHistory[], facts: ProductFacts, at: Date): Row[] {
  const rows = new Map<string, Row>();
  for (const link of links) {
    const contribution = currencyAt(link, facts.changesOf.get(link.deploymentId) ?? [], facts.versionsOf.get(link.productId) ?? [], facts.passesOf(link.productId), at);
    if (contribution) rows.set(link.deploymentId, { productId: link.productId, deploymentId: link.deploymentId, ...contribution });
  }
  return [...rows.values()];
}

export type TrainingHistory = ReturnType<typeof createTrainingHistory>;
