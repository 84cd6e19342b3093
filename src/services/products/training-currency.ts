import { validate as isUuid } from 'uuid';
import type { OrganisationRepository } from '../../db/organisation.repository.ts';
import type { DeploymentRecord, ProductRepository, ProductVersionRow } from '../../db/product.repository.ts';
import type { ModuleHead, PassRecord, ProductTrainingRepository } from '../../db/product-training.repository.ts';
import { productStatementStanding, summariseCurrency, trainingCurrency } from '../../domain/products/index.ts';
import type { CurrencyCounts, CurrencyStatus, ProductVersion, VersionChange } from '../../domain/products/index.ts';
import { writeCsv } from '../../domain/csv/csv-writer.ts';
import { AppError } from '../../errors.ts';
import type { Viewer } from '../identity/viewer.ts';
import type { ProductAccess } from './product-access.ts';

/**
 * Training currency (R8): whether each person who uses a deployment has passed the module for the
 * version in use, what changed since they last passed, and the module to take; per person ("Your
 * AI products", and the products that bring Table 2 into their gaps), per deployment and per
 * organisation for managers, with CSV. The rules themselves are the pure `trainingCurrency`.
 */

type VersionRef = { id: string; label: string } | null;

export interface CurrencyRow {
  personId: string;
  displayName: string;
  deploymentId: string;
  productName: string;
  organisationName: string;
  status: CurrencyStatus;
  requiredVersion: VersionRef;
  lastPassedVersion: VersionRef;
  dueBy: Date | null;
  whatChanged: VersionChange[];
}

export interface DeploymentCurrency {
  deployment: DeploymentRecord;
  rows: CurrencyRow[];
  counts: CurrencyCounts;
}

export interface OrganisationCurrency {
  organisation: { id: string; name: string };
  deployments: Array<{ deployment: DeploymentRecord; counts: CurrencyCounts }>;
  rows: CurrencyRow[];
  counts: CurrencyCounts;
}

export interface MyProduct {
  deployment: DeploymentRecord;
  liveVersion: VersionRef;
  status: CurrencyStatus;
  dueBy: Date | null;
  whatChanged: VersionChange[];
  /** The published module whose pass would make (or keep) the viewer current; null when there is none yet. */
  module: { id: string; productVersionId: string; versionLabel: string } | null;
}

/** A product a person uses where training is needed now (a piloting or live deployment), and whether theirs is current. */
export interface ProductUseRecord {
  productId: string;
  productName: string;
  clinicalDecisionMaking: boolean;
  /** Current on every deployment of the product they use: what makes its Table 2 statements met (R8). */
  current: boolean;
  /** When not current only because a refresher is due (not overdue): its statements stay met until this date (null: no date set). */
  refresherDue: { dueBy: Date | null } | null;
}

export interface CsvFile {
  filename: string;
  contentType: string;
  body: string;
}

const CSV_COLUMNS = ['person', 'product', 'deployment organisation', 'status', 'required version', 'last passed version', 'due by'] as const;

export interface TrainingCurrencyDeps {
  trainingRepository: Pick<ProductTrainingRepository, 'listPassesOfPeople' | 'listPassesOfPersonIn' | 'listPublishedModuleHeads' | 'listDeploymentsIn'>;
  productRepository: Pick<ProductRepository, 'findProduct' | 'listVersions' | 'listVersionsOfProducts' | 'listDeploymentUsers' | 'listDeploymentsOfPerson'>;
  organisationRepository: Pick<OrganisationRepository, 'getOrganisation' | 'listSubtreeIds'>;
  access: Pick<ProductAccess, 'mayManageIn' | 'managedDeployment'>;
  now: () => Date;
}

export function createTrainingCurrency(deps: TrainingCurrencyDeps) {
  const repo = deps.trainingRepository;
  const products = deps.productRepository;
  const { access, now } = deps;

  async function currencyOf(deployment: DeploymentRecord): Promise<DeploymentCurrency> {
    const versions = (await products.listVersions(deployment.productId)).map(toProductVersion);
    const users = await products.listDeploymentUsers(deployment.id);
    const passes = await repo.listPassesOfPeople(
      users.map((u) => u.personId),
      deployment.productId,
    );
    // Grouped once: a trust's users times their passes is millions of comparisons otherwise.
    const passesByPerson = new Map<string, PassRecord[]>();
    for (const pass of passes) {
      const theirs = passesByPerson.get(pass.personId);
      if (theirs) theirs.push(pass);
      else passesByPerson.set(pass.personId, [pass]);
    }
    const at = now();
    const rows = users.map((user): CurrencyRow => {
      const c = trainingCurrency({ versions, deployment, passes: passesByPerson.get(user.personId) ?? [], dueBy: user.dueBy, now: at });
      return {
        personId: user.personId,
        displayName: user.displayName,
        deploymentId: deployment.id,
        productName: deployment.productName,
        organisationName: deployment.organisationName,
        status: c.status,
        requiredVersion: refTo(versions, c.requiredVersionId),
        lastPassedVersion: refTo(versions, c.lastPassedVersionId),
        dueBy: c.dueBy,
        whatChanged: c.whatChanged,
      };
    });
    return { deployment, rows, counts: summariseCurrency(rows.map((r) => r.status)) };
  }

  async function organisationCurrency(viewer: Viewer, organisationId: string): Promise<OrganisationCurrency> {
    const organisation = isUuid(organisationId) ? await deps.organisationRepository.getOrganisation(organisationId) : undefined;
    if (!organisation || !(await access.mayManageIn(viewer, organisation.id))) throw new AppError('not_found', 'There is no such organisation, or you cannot see it.');
    const deployments = await repo.listDeploymentsIn(await deps.organisationRepository.listSubtreeIds(organisation.id));
    const perDeployment: DeploymentCurrency[] = [];
    for (const deployment of deployments) perDeployment.push(await currencyOf(deployment));
    const rows = perDeployment.flatMap((d) => d.rows);
    return { organisation: { id: organisation.id, name: organisation.name }, deployments: perDeployment.map(({ deployment, counts }) => ({ deployment, counts })), rows, counts: summariseCurrency(rows.map((r) => r.status)) };
  }

  /**
   * Each deployment a person uses, with their training currency, what changed and the module to
   * take. Three reads however many deployments: the start page asks this for everyone who signs in.
   */
  async function productsOf(personId: string): Promise<MyProduct[]> {
    const mine = await products.listDeploymentsOfPerson(personId);
    const productIds = [...new Set(mine.map(({ deployment }) => deployment.productId))];
    const [versionRows, passes, modules] = await Promise.all([
      products.listVersionsOfProducts(productIds),
      repo.listPassesOfPersonIn(personId, productIds),
      repo.listPublishedModuleHeads(productIds),
    ]);
    const byProduct = <T extends { productId: string }>(rows: readonly T[]): Map<string, T[]> => {
      const grouped = new Map<string, T[]>();
      for (const row of rows) grouped.set(row.productId, [...(grouped.get(row.productId) ?? []), row]);
      return grouped;
    };
    const [versionsOf, passesOf, modulesOf] = [byProduct(versionRows), byProduct(passes), byProduct(modules)];
    const at = now();
    return mine.map(({ link, deployment }) => {
      const versions = (versionsOf.get(deployment.productId) ?? []).map(toProductVersion);
      const c = trainingCurrency({ versions, deployment, passes: passesOf.get(deployment.productId) ?? [], dueBy: link.dueBy, now: at });
      return {
        deployment,
        liveVersion: refTo(versions, deployment.liveVersionId),
        status: c.status,
        dueBy: c.dueBy,
        whatChanged: c.whatChanged,
        module: moduleToTake(versions, modulesOf.get(deployment.productId) ?? [], c.requiredVersionId, deployment.liveVersionId),
      };
    });
  }

  return {
    /** Each current user's training currency for a deployment, with counts. Managers of its organisation only. */
    async currencyForDeployment({ viewer, deploymentId }: { viewer: Viewer; deploymentId: string }): Promise<DeploymentCurrency> {
      return currencyOf(await access.managedDeployment(viewer, deploymentId));
    },

    /** Currency across every deployment in an organisation and beneath it. Its managers only. */
    async currencyForOrganisation({ viewer, organisationId }: { viewer: Viewer; organisationId: string }): Promise<OrganisationCurrency> {
      return organisationCurrency(viewer, organisationId);
    },

    async exportDeploymentCurrency({ viewer, deploymentId }: { viewer: Viewer; deploymentId: string }): Promise<CsvFile> {
      const { rows } = await currencyOf(await access.managedDeployment(viewer, deploymentId));
      return { filename: `training-currency-${deploymentId}.csv`, contentType: 'text/csv; charset=utf-8', body: currencyCsv(rows) };
    },

    async exportOrganisationCurrency({ viewer, organisationId }: { viewer: Viewer; organisationId: string }): Promise<CsvFile> {
      const { rows } = await organisationCurrency(viewer, organisationId);
      return { filename: `training-currency-${organisationId}.csv`, contentType: 'text/csv; charset=utf-8', body: currencyCsv(rows) };
    },

    /** "Your AI products": each deployment the viewer uses, their currency, what changed and the module to take. */
    myProducts: ({ viewer }: { viewer: Viewer }): Promise<MyProduct[]> => productsOf(viewer.personId),

    /**
     * The products whose Table 2 requirements apply to a person (tier product-specific): those of
     * the deployments they use that are piloting or live. For self-assessment and journeys, which
     * check first that the caller may see the person. Evaluating or withdrawn deployments ask nothing.
     */
    async productUsesOf(personId: string): Promise<ProductUseRecord[]> {
      const needed = (await productsOf(personId)).filter((mine) => mine.status !== 'not-required');
      const clinical = new Map<string, boolean>();
      for (const productId of new Set(needed.map((mine) => mine.deployment.productId))) {
        const product = await products.findProduct(productId);
        if (product) clinical.set(productId, product.clinicalDecisionMaking);
      }
      return productUsesFrom(
        needed.flatMap(({ deployment, status, dueBy }) => {
          const clinicalDecisionMaking = clinical.get(deployment.productId);
          return clinicalDecisionMaking === undefined ? [] : [{ productId: deployment.productId, productName: deployment.productName, clinicalDecisionMaking, status, dueBy }];
        }),
      );
    },
  };
}

/** A deployment a person uses, with their currency on it, as far as the products they use are concerned. */
export interface DeploymentUseCurrency {
  productId: string;
  productName: string;
  clinicalDecisionMaking: boolean;
  status: CurrencyStatus;
  dueBy: Date | null;
}

/**
 * The products whose Table 2 requirements apply to a person, from their currency on each
 * deployment they use (those not needing training left out), by product name. One rule for the
 * learner's own pages and the insight contribution rows (services/insight), so their counts agree.
 */
export function productUsesFrom(deployments: readonly DeploymentUseCurrency[]): ProductUseRecord[] {
  const byProduct = new Map<string, DeploymentUseCurrency[]>();
  for (const d of deployments) {
    if (d.status === 'not-required') continue;
    byProduct.set(d.productId, [...(byProduct.get(d.productId) ?? []), d]);
  }
  return [...byProduct.entries()]
    .map(([productId, theirs]): ProductUseRecord => {
      const standing = productStatementStanding(theirs);
      const first = theirs[0];
      return {
        productId,
        productName: first?.productName ?? '',
        clinicalDecisionMaking: first?.clinicalDecisionMaking ?? false,
        current: standing.standing === 'met',
        refresherDue: standing.standing === 'refresher-due' ? { dueBy: standing.dueBy } : null,
      };
    })
    .sort((a, b) => a.productName.localeCompare(b.productName));
}

export function toProductVersion(v: ProductVersionRow): ProductVersion {
  return { id: v.id, label: v.label, releasedOn: v.releasedOn, trainingImpact: v.trainingImpact, releaseNotes: v.releaseNotes, affectedTopics: v.affectedTopics };
}

function refTo(versions: readonly ProductVersion[], id: string | null): VersionRef {
  const version = id === null ? undefined : versions.find((v) => v.id === id);
  return version ? { id: version.id, label: version.label } : null;
}

/** The latest published module from the required version up to the live one: passing it makes the learner current. */
function moduleToTake(versions: readonly ProductVersion[], modules: readonly ModuleHead[], requiredVersionId: string | null, liveVersionId: string | null): MyProduct['module'] {
  if (liveVersionId === null) return null;
  const position = new Map(versions.map((v, i) => [v.id, i]));
  const from = requiredVersionId === null ? 0 : (position.get(requiredVersionId) ?? 0);
  const to = position.get(liveVersionId) ?? -1;
  const candidates = modules.filter((m) => {
    const at = position.get(m.productVersionId);
    return at !== undefined && at >= from && at <= to;
  });
  const best = candidates.sort((a, b) => (position.get(b.productVersionId) ?? 0) - (position.get(a.productVersionId) ?? 0))[0];
  return best ? { id: best.id, productVersionId: best.productVersionId, versionLabel: versions[position.get(best.productVersionId) ?? 0]?.label ?? '' } : null;
}

function currencyCsv(rows: readonly CurrencyRow[]): string {
  const cells = rows.map((r) => [r.displayName, r.productName, r.organisationName, r.status, r.requiredVersion?.label ?? '', r.lastPassedVersion?.label ?? '', r.dueBy ? r.dueBy.toISOString().slice(0, 10) : '']);
  return writeCsv(CSV_COLUMNS, cells);
}
