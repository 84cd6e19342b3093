import type { OrganisationRow } from '../../db/organisation.repository.ts';
import { ORGANISATION_KIND_LABELS } from '../../domain/people/organisation-kinds.ts';
import { isPlatformRole, PLATFORM_ROLE_LABELS, PLATFORM_ROLES } from '../../domain/people/platform-roles.ts';
import type { PlatformRole } from '../../domain/people/platform-roles.ts';
import type { Viewer } from '../../services/identity/viewer.ts';

/** View-model pieces the organisation, person and account pages share. */

export const roleNames = (roles: readonly string[]): string =>
  PLATFORM_ROLES.filter((role) => roles.includes(role))
    .map((role) => PLATFORM_ROLE_LABELS[role])
    .join(', ');

export const kindLabel = (kind: OrganisationRow['kind']): string => ORGANISATION_KIND_LABELS[kind];

/** "Test region › Test ICS › Test Trust": where an organisation sits. */
export const pathText = (path: readonly OrganisationRow[]): string => path.map((o) => o.name).join(' › ');

const ROLE_HINTS: Partial<Record<PlatformRole, string>> = {
  supervisor: 'Verifies the self-assessments of the people they supervise',
  educator: 'Curates learning resources',
  'product-lead': 'Registers AI products, their versions and deployments, writes their training and assigns users (the Embedder’s work)',
  'workforce-lead': 'Sees workforce insight, in aggregate and read only, for this organisation and beneath it; never individual people',
  'organisation-admin': 'Invites staff and manages roles, supervisors and teams in this organisation and beneath it',
  'platform-admin': 'Administers the whole hub',
};

/**
 * Checkbox items for the roles a viewer may hand out. Learner is not offered: everyone is one.
 * Platform admin is offered only to platform admins.
 */
export function roleItems(viewer: Viewer, selected: readonly string[]) {
  return PLATFORM_ROLES.filter((role) => role !== 'learner' && (role !== 'platform-admin' || viewer.roles.includes('platform-admin'))).map((role) => ({
    value: role,
    text: PLATFORM_ROLE_LABELS[role],
    hint: { text: ROLE_HINTS[role] },
    checked: selected.includes(role),
  }));
}

/** Roles the form must carry unseen because the viewer may not change them (platform admin). */
export const keptRoles = (viewer: Viewer, current: readonly string[]): PlatformRole[] =>
  viewer.roles.includes('platform-admin') ? [] : current.filter(isPlatformRole).filter((role) => role === 'platform-admin');

/** Select options for organisations in a subtree, indented to show the tree. */
export function organisationOptions(subtree: ReadonlyArray<OrganisationRow & { depth: number }>, selectedId: string | undefined) {
  return subtree.map((o) => ({
    value: o.id,
    text: `${'– '.repeat(o.depth)}${o.name} (${kindLabel(o.kind)})`,
    selected: o.id === selectedId,
  }));
}

const DATE_TIME = new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'long', year: 'numeric', hour: 'numeric', minute: '2-digit', hour12: true, timeZone: 'Europe/London' });
const DATE = new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'Europe/London' });

export const dateTimeText = (date: Date): string => DATE_TIME.format(date).replace(' am', 'am').replace(' pm', 'pm');
export const dateText = (date: Date): string => DATE.format(date);

/** A plain-text email body as paragraphs of lines, so it reads as sent without a pre-formatted block. */
export const paragraphsOf = (text: string): string[][] => text.split(/\n{2,}/).map((p) => p.split('\n'));
