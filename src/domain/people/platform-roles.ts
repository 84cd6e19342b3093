/**
 * Platform roles govern what a person may do in the hub. Archetypes (what a person does with AI)
 * never grant permissions. A workforce lead (issue 14) sees aggregate workforce insight for their
 * organisation and beneath it, read only: never people's pages, never administration.
 */
export const PLATFORM_ROLES = ['learner', 'supervisor', 'educator', 'product-lead', 'workforce-lead', 'organisation-admin', 'platform-admin'] as const;
export type PlatformRole = (typeof PLATFORM_ROLES)[number];

export const PLATFORM_ROLE_LABELS: Record<PlatformRole, string> = {
  learner: 'Learner',
  supervisor: 'Supervisor',
  educator: 'Educator',
  'product-lead': 'AI product lead',
  'workforce-lead': 'Workforce lead (insight, read only)',
  'organisation-admin': 'Organisation admin',
  'platform-admin': 'Platform admin',
};

export function isPlatformRole(value: string): value is PlatformRole {
  return (PLATFORM_ROLES as readonly string[]).includes(value);
}
