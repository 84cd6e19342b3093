import { formatDate, formatIsoDate } from '../dates.ts';
import type { DeploymentRecord, DeploymentUserRecord, ProductVersionRow } from '../../db/product.repository.ts';

import type { PageSlice } from '../../domain/paging/page-slice.ts';
import type { FormError } from '../form-errors.ts';
import { formErrorsView } from '../form-errors.ts';
import { pageHref, pagerView, showingText } from '../pagination.ts';

import { liveVersionItems, nextStatusItems } from './deployment-form.ts';
import { indentedOptions } from './product-share.ts';
import { statusTag } from './product-view.ts';
import { PRODUCT_PATHS } from './products.paths.ts';

const DONE_MESSAGES = {
  created: 'The product has been deployed. Assign the people who use it, then make a version live.',
  changed: 'The deployment has been updated.',
  assigned: 'They have been assigned, and told about the training to complete.',
  removed: 'They no longer use the product here. Their training records are kept.',
  'bulk-assigned': 'The people chosen have been assigned, and told about the training to complete.',
} as const;
export type DeploymentDone = keyof typeof DONE_MESSAGES;

export interface DeploymentPageExtras {
  done?: DeploymentDone | undefined;
  errors?: FormError[];
  /** What was chosen in the change form, shown back after a problem. */
  change?: { status: string; liveVersionId: string; trainingOverrideReason?: string; assuranceOverrideReason?: string };
  /** Who was chosen in the assign form. */
  assign?: string;
  /** What was entered in the bulk assign form. */
  bulk?: BulkAssignValues;
  /** After a bulk assignment: how many were assigned and how many already used it. */
  counts?: { assigned: number; alreadyAssigned: number } | undefined;
  /** Which page of its users to show (50 a page); forms that fail show the first. */
  usersPage?: number;
}

export interface BulkAssignValues {
  by: string;
  organisationId: string;
  includeBeneath: boolean;
  emails: string;
}

interface DeploymentPageData {
  deployment: DeploymentRecord;
  /** One page of its users, and where that page sits in the whole list. */
  users: readonly DeploymentUserRecord[];
  userSlice: PageSlice;
  versions: readonly ProductVersionRow[];
  assignable: ReadonlyArray<{ id: string; displayName: string }>;
  publishedVersionIds: readonly string[];
  places: ReadonlyArray<{ id: string; name: string; depth: number }>;
  /** The approved deployment review that lets it go live here, if there is one (issue 12). */
  approvedReview: { reviewId: string; decidedAt: Date } | undefined;
  /** Whether the viewer may let it go live without one. */
  mayOverrideAssurance: boolean;
}

/** Everything the deployment page shows: its facts, the change form, its users and who may be assigned. */
export function deploymentPageView({ deployment, users, userSlice, versions, assignable, publishedVersionIds, places, approvedReview, mayOverrideAssurance }: DeploymentPageData, extras: DeploymentPageExtras) {
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
      ...(deployment.trainingOverrideReason ? [row('Made live before its training was published, because', { text: deployment.trainingOverrideReason })] : []),
      row('Deployment review', { text: approvedReview ? `Approved on ${formatDate(approvedReview.decidedAt)}` : 'None approved yet' }),
      ...(deployment.assuranceOverrideReason ? [row('Made live without an approved deployment review, because', { text: deployment.assuranceOverrideReason })] : []),
    ],
    /** Live without an approved deployment review: flagged until one is approved. */
    assuranceFlag: deployment.status === 'live' && !approvedReview,
    approvedReview,
    mayOverrideAssurance,
    assuranceOverrideReason: extras.change?.assuranceOverrideReason ?? '',
    hasVersions: versions.length > 0,
    statusItems: nextStatusItems(deployment.status, extras.change?.status ?? ''),
    versionItems: liveVersionItems(versions, deployment.liveVersionId, extras.change?.liveVersionId ?? '', new Set(publishedVersionIds)),
    overrideReason: extras.change?.trainingOverrideReason ?? '',
    bulk: bulkFormView(places, extras.bulk),
    users: users.map((u) => ({
      name: u.displayName,
      source: u.source === 'self' ? 'Themselves' : 'Assigned',
      linkedOn: formatDate(u.linkedAt),
      dueBy: u.dueBy ? formatDate(u.dueBy) : 'Nothing due',
      removePath: PRODUCT_PATHS.removeDeploymentUser(deployment.id, u.personId),
    })),
    usersShowing: showingText(userSlice, 'person', 'people'),
    // No other parameter chooses the list: the one-off "done" banners are not carried to other pages.
    usersPager: pagerView(userSlice, (n) => pageHref(PRODUCT_PATHS.deployment(deployment.id), {}, n, 'users')),
    personItems: [{ value: '', text: 'Choose a person' }, ...assignable.map((p) => ({ value: p.id, text: p.displayName, selected: p.id === extras.assign }))],
    hasAssignable: assignable.length > 0,
    doneMessage: doneMessage(extras),
    ...formErrorsView(extras.errors ?? []),
  };
}

function doneMessage({ done, counts }: DeploymentPageExtras): string | undefined {
  if (done === 'bulk-assigned' && counts) {
    const people = (n: number) => (n === 1 ? '1 person' : `${n} people`);
    const skipped = counts.alreadyAssigned > 0 ? ` ${people(counts.alreadyAssigned)} already used it and ${counts.alreadyAssigned === 1 ? 'was' : 'were'} left as they were.` : '';
    return `${people(counts.assigned)} assigned, and told about the training to complete.${skipped}`;
  }
  return done ? DONE_MESSAGES[done] : undefined;
}

/** The bulk assign form: an organisation or team where it is deployed (and those beneath), or a list of addresses. */
function bulkFormView(places: ReadonlyArray<{ id: string; name: string; depth: number }>, values: BulkAssignValues = { by: '', organisationId: '', includeBeneath: true, emails: '' }) {
  return {
    values,
    placeItems: indentedOptions(places, values.organisationId, 'Choose an organisation or team'),
  };
}
