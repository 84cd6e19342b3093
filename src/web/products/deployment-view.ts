import { formatDate, formatIsoDate } from '../dates.ts';
import type { DeploymentRecord, DeploymentUserRecord, ProductVersionRow } from '../../db/product.repository.ts';

import type { FormError } from '../form-errors.ts';
import { formErrorsView } from '../form-errors.ts';

import { liveVersionItems, nextStatusItems } from './deployment-form.ts';
import { statusTag } from './product-view.ts';
import { PRODUCT_PATHS } from './products.paths.ts';

const DONE_MESSAGES = {
  created: 'The product has been deployed. Assign the people who use it, then make a version live.',
  changed: 'The deployment has been updated.',
  assigned: 'They have been assigned, and told about the training to complete.',
  removed: 'They no longer use the product here. Their training records are kept.',
} as const;
export type DeploymentDone = keyof typeof DONE_MESSAGES;

export interface DeploymentPageExtras {
  done?: DeploymentDone | undefined;
  errors?: FormError[];
  /** What was chosen in the change form, shown back after a problem. */
  change?: { status: string; liveVersionId: string };
  /** Who was chosen in the assign form. */
  assign?: string;
}

interface DeploymentPageData {
  deployment: DeploymentRecord;
  users: readonly DeploymentUserRecord[];
  versions: readonly ProductVersionRow[];
  assignable: ReadonlyArray<{ id: string; displayName: string }>;
}

/** Everything the deployment page shows: its facts, the change form, its users and who may be assigned. */
export function deploymentPageView({ deployment, users, versions, assignable }: DeploymentPageData, extras: DeploymentPageExtras) {
  const liveVersion = versions.find((v) => v.id === deployment.liveVersionId);
  const row = (key: string, value: { text: string } | { html: string }) => ({ key: { text: key }, value });
  const isWithdrawn = deployment.status === 'withdrawn';
  return {
    pageTitle: `${deployment.productName} at ${deployment.organisationName}`,
    currentSection: 'products',
    breadcrumbs: [
      { text: 'Home', href: '/' },
      { text: 'AI products', href: PRODUCT_PATHS.list },
      { text: deployment.productName, href: PRODUCT_PATHS.product(deployment.productId) },
    ],
    paths: PRODUCT_PATHS,
    deployment,
    isWithdrawn,
    statusTag: statusTag(deployment.status),
    rows: [
      row('Product', { text: deployment.productName }),
      row('Where', { text: deployment.organisationName }),
      row('Live version', { text: liveVersion?.label ?? 'None yet' }),
      row('Started', { text: formatIsoDate(deployment.startedOn) }),
      row('Live since', { text: deployment.liveSince ? formatIsoDate(deployment.liveSince) : 'Not live yet' }),
      ...(deployment.withdrawnAt ? [row('Withdrawn', { text: formatDate(deployment.withdrawnAt) })] : []),
      row('Refreshers due within', { text: `${deployment.refresherDays} days` }),
    ],
    hasVersions: versions.length > 0,
    statusItems: nextStatusItems(deployment.status, extras.change?.status ?? ''),
    versionItems: liveVersionItems(versions, deployment.liveVersionId, extras.change?.liveVersionId ?? ''),
    users: users.map((u) => ({
      name: u.displayName,
      source: u.source === 'self' ? 'Themselves' : 'Assigned',
      linkedOn: formatDate(u.linkedAt),
      dueBy: u.dueBy ? formatDate(u.dueBy) : 'Nothing due',
      removePath: PRODUCT_PATHS.removeDeploymentUser(deployment.id, u.personId),
    })),
    personItems: [{ value: '', text: 'Choose a person' }, ...assignable.map((p) => ({ value: p.id, text: p.displayName, selected: p.id === extras.assign }))],
    hasAssignable: assignable.length > 0,
    doneMessage: extras.done ? DONE_MESSAGES[extras.done] : undefined,
    ...formErrorsView(extras.errors ?? []),
  };
}
