import { formatDate } from '../dates.ts';
import type { DeploymentRecord } from '../../db/product.repository.ts';
import type { CurrencyStatus, TrainingImpact, VersionChange } from '../../domain/products/index.ts';
import type { MyProduct } from '../../services/products/product-training.service.ts';

import { PRODUCT_PATHS } from './products.paths.ts';
import { paragraphsOf } from './product-view.ts';

/** An NHS tag: its words and its colour class. */
export interface StatusTag {
  text: string;
  classes: string;
}

/**
 * NHS tag colours by urgency: red needs action now, yellow soon, blue is waiting to begin, green
 * is done and grey is nothing to do. The words always carry the meaning; colour only repeats it.
 */
const STATUS_TAGS: Record<CurrencyStatus, StatusTag> = {
  current: { text: 'Current', classes: 'nhsuk-tag--green' },
  due: { text: 'Due', classes: 'nhsuk-tag--yellow' },
  overdue: { text: 'Overdue', classes: 'nhsuk-tag--red' },
  'not-started': { text: 'Not started', classes: 'nhsuk-tag--blue' },
  'not-required': { text: 'Not required', classes: 'nhsuk-tag--grey' },
};

export function currencyTag(status: CurrencyStatus, dueBy: Date | null): StatusTag {
  const tag = STATUS_TAGS[status];
  return status === 'due' && dueBy ? { ...tag, text: `Due by ${formatDate(dueBy)}` } : tag;
}

const IMPACT_LABELS: Record<TrainingImpact, string> = {
  none: 'No change to how you use it',
  minor: 'A minor change: read the notes',
  'refresher-required': 'Needs a refresher',
};

function changeView(change: VersionChange) {
  return { label: change.label, impact: IMPACT_LABELS[change.trainingImpact], paragraphs: paragraphsOf(change.releaseNotes) };
}

/**
 * The training link's words. A person owes training they passed before only when a refresher
 * went live since, and then "what changed" lists it; so an owed product with changes listed is a
 * refresher, and one without has never been passed.
 */
export function trainingActionText(product: Pick<MyProduct, 'status' | 'whatChanged'>): string {
  if (product.status === 'current' || product.status === 'not-required') return 'Review the training';
  if (product.status === 'not-started' || product.whatChanged.length === 0) return 'Start training';
  return 'Take the refresher';
}

/** What the "Your AI products" page shows for one product the viewer uses. */
export function myProductView(product: MyProduct) {
  const { deployment } = product;
  return {
    deploymentId: deployment.id,
    productName: deployment.productName,
    where: deployment.organisationName,
    liveVersion: product.liveVersion?.label,
    status: product.status,
    tag: currencyTag(product.status, product.dueBy),
    dueBy: product.dueBy ? formatDate(product.dueBy) : undefined,
    changes: product.whatChanged.map(changeView),
    training: product.module ? { text: trainingActionText(product), href: PRODUCT_PATHS.takeModule(product.module.id), versionLabel: product.module.versionLabel } : null,
    removePath: PRODUCT_PATHS.removeMine(deployment.id),
  };
}

/** "tri-X — Test Trust": the product and where it is deployed, for the "Add a product you use" list. */
export function linkableOptions(deployments: readonly DeploymentRecord[], selectedId: string | undefined) {
  return [
    { value: '', text: 'Choose a product', selected: !selectedId },
    ...deployments.map((d) => ({ value: d.id, text: `${d.productName} — ${d.organisationName}`, selected: d.id === selectedId })),
  ];
}
