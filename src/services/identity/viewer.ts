import type { PlatformRole } from '../../domain/people/platform-roles.ts';

/** Who is asking: the signed-in person behind a request, as every service sees them. */
export interface Viewer {
  personId: string;
  organisationId: string;
  displayName: string;
  email: string;
  roles: readonly PlatformRole[];
  /** The NHS CIS2 role this session acts in, when it began with CIS2 (shown in the header; grants nothing). */
  signedInAs?: { roleId: string; roleName: string; organisationName: string };
}

/** Platform admins may do whatever an organisation admin may, anywhere. */
export function hasRole(viewer: Viewer, role: PlatformRole): boolean {
  if (viewer.roles.includes(role)) return true;
  return role === 'organisation-admin' && viewer.roles.includes('platform-admin');
}
