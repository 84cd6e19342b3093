import { formatIsoDate } from '../dates.ts';
import type { DeploymentRecord, ProductRow, ProductVersionRow } from '../../db/product.repository.ts';
import type { DEPLOYMENT_STATUSES, TRAINING_IMPACTS } from '../../db/tables/products.ts';
import type { FrameworkIndex } from '../../domain/framework/framework-index.ts';
import { AUTONOMY_LABELS, PRODUCT_FACT_LABELS } from '../../domain/products/product-module.ts';
import type { ProductFactField } from '../../domain/products/product-module.ts';

import { PRODUCT_PATHS } from './products.paths.ts';

type TrainingImpact = (typeof TRAINING_IMPACTS)[number];
export type DeploymentStatus = (typeof DEPLOYMENT_STATUSES)[number];

export const TRAINING_IMPACT_LABELS: Record<TrainingImpact, string> = { none: 'None', minor: 'Minor', 'refresher-required': 'Refresher required' };
const IMPACT_COLOURS: Record<TrainingImpact, string> = { none: 'nhsuk-tag--grey', minor: 'nhsuk-tag--blue', 'refresher-required': 'nhsuk-tag--orange' };

export const DEPLOYMENT_STATUS_LABELS: Record<DeploymentStatus, string> = { evaluating: 'Evaluating', piloting: 'Piloting', live: 'Live', withdrawn: 'Withdrawn' };
const STATUS_COLOURS: Record<DeploymentStatus, string> = { evaluating: 'nhsuk-tag--grey', piloting: 'nhsuk-tag--blue', live: 'nhsuk-tag--green', withdrawn: 'nhsuk-tag--red' };

export const impactTag = (impact: TrainingImpact) => ({ text: TRAINING_IMPACT_LABELS[impact], classes: IMPACT_COLOURS[impact] });
export const statusTag = (status: DeploymentStatus) => ({ text: DEPLOYMENT_STATUS_LABELS[status], classes: STATUS_COLOURS[status] });

const NOT_RECORDED = 'Not recorded';

/** Plain text (product facts, release notes) as paragraphs, split where the writer left a blank line. */
export function paragraphsOf(text: string): string[] {
  return text
    .split(/\n\s*\n/)
    .map((p) => p.trim())
    .filter(Boolean);
}

/** One row of the products list. */
export function productListRow(product: ProductRow, ownerName: string) {
  return {
    href: PRODUCT_PATHS.product(product.id),
    name: product.lifecycle === 'candidate' ? `${product.name} (candidate)` : product.name,
    manufacturer: product.manufacturer,
    clinicalDecisionMaking: product.clinicalDecisionMaking ? 'Yes' : 'No',
    owner: ownerName,
  };
}

/** Every fact recorded about the product, as summary list rows of paragraphs, "Not recorded" where empty. */
export function productFactRows(product: ProductRow, ownerName: string) {
  const row = (label: string, text: string) => {
    const paragraphs = paragraphsOf(text);
    return { label, paragraphs: paragraphs.length > 0 ? paragraphs : [NOT_RECORDED] };
  };
  const factText = (field: ProductFactField): string => {
    if (field === 'clinicalDecisionMaking') return product.clinicalDecisionMaking ? 'Yes: the clinical-use training sections apply' : 'No';
    if (field === 'autonomy') return AUTONOMY_LABELS[product.autonomy];
    return product[field];
  };
  return [
    row('Manufacturer', product.manufacturer),
    row('Owned by', ownerName),
    ...(Object.keys(PRODUCT_FACT_LABELS) as ProductFactField[]).map((field) => row(PRODUCT_FACT_LABELS[field], factText(field))),
  ];
}

/** A version as the product page's table shows it; `moduleLink` only for those who write modules. */
export function versionRow(index: FrameworkIndex, productId: string, version: ProductVersionRow, module?: { exists: boolean }) {
  return {
    label: version.label,
    releasedOn: formatIsoDate(version.releasedOn),
    impact: impactTag(version.trainingImpact),
    notes: paragraphsOf(version.releaseNotes),
    affectedTopics: version.affectedTopics.map((id) => index.topicById.get(id)?.label ?? id),
    moduleLink: module ? { href: PRODUCT_PATHS.module(productId, version.id), text: module.exists ? 'Edit training module' : 'Write training module' } : undefined,
  };
}

/** A deployment on the product page; linked for those who manage where it is deployed. */
export function deploymentRow(deployment: DeploymentRecord, versions: readonly ProductVersionRow[], isManaged: boolean) {
  return {
    where: deployment.organisationName,
    status: statusTag(deployment.status),
    liveVersion: versions.find((v) => v.id === deployment.liveVersionId)?.label ?? 'None yet',
    href: isManaged ? PRODUCT_PATHS.deployment(deployment.id) : undefined,
  };
}
