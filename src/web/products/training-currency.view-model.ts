import { formatDate } from '../dates.ts';
import type { CurrencyCounts } from '../../domain/products/index.ts';
import type { CurrencyRow, DeploymentCurrency, OrganisationCurrency } from '../../services/products/product-training.service.ts';

import { currencyTag } from './my-products.view-model.ts';
import { PRODUCT_PATHS } from './products.paths.ts';
import { indentedOptions } from './product-share.ts';

/** The statuses counted on the currency pages, in the order a manager acts on them. */
const COUNTED = [
  { status: 'current', label: 'Current' },
  { status: 'due', label: 'Due' },
  { status: 'overdue', label: 'Overdue' },
  { status: 'not-started', label: 'Not started' },
] as const;

/** Summary-list rows of each count; "not required" only when someone is, so a live deployment's page stays short. */
export function countsView(counts: CurrencyCounts) {
  const counted: Array<{ label: string; count: number }> = COUNTED.map(({ status, label }) => ({ label, count: counts[status] }));
  if (counts['not-required'] > 0) counted.push({ label: 'Not required', count: counts['not-required'] });
  return counted.map(({ label, count }) => ({ key: { text: label }, value: { text: String(count) } }));
}

/** One person's row; blank cells say what is missing rather than being empty. */
export function personRowView(row: CurrencyRow) {
  return {
    displayName: row.displayName,
    productName: row.productName,
    where: row.organisationName,
    tag: currencyTag(row.status, row.dueBy),
    requiredVersion: row.requiredVersion?.label ?? 'None',
    lastPassedVersion: row.lastPassedVersion?.label ?? 'Not passed yet',
    dueBy: row.dueBy ? formatDate(row.dueBy) : '–',
  };
}

export function deploymentCurrencyView(currency: DeploymentCurrency) {
  const { deployment } = currency;
  return {
    productName: deployment.productName,
    where: deployment.organisationName,
    counts: countsView(currency.counts),
    people: currency.rows.map(personRowView),
    csvPath: PRODUCT_PATHS.deploymentCurrencyCsv(deployment.id),
  };
}

export function organisationCurrencyView(currency: OrganisationCurrency) {
  return {
    organisationName: currency.organisation.name,
    counts: countsView(currency.counts),
    deployments: currency.deployments.map(({ deployment, counts }) => ({
      productName: deployment.productName,
      where: deployment.organisationName,
      href: PRODUCT_PATHS.deploymentCurrency(deployment.id),
      current: counts.current,
      due: counts.due,
      overdue: counts.overdue,
      notStarted: counts['not-started'],
    })),
    people: currency.rows.map(personRowView),
    csvPath: `${PRODUCT_PATHS.organisationCurrencyCsv}?${new URLSearchParams({ organisation: currency.organisation.id }).toString()}`,
  };
}

/** The organisations a manager may pick, indented by their place in the tree. */
export function organisationChoices(organisations: ReadonlyArray<{ id: string; name: string; depth: number }>, selectedId: string) {
  return indentedOptions(organisations, selectedId);
}
