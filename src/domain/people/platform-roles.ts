/**
 * Platform roles govern what a person may do in the hub. Archetypes (what a person does with AI)
 * never grant permissions.
 */
export const PLATFORM_ROLES = ['learner', 'supervisor', 'educator', 'product-lead', 'organisation-admin', 'platform-admin'] as const;
export type PlatformRole = (typeof PLATFORM_ROLES)[number];

export const PLATFORM_ROLE_LABELS: Record<PlatformRole, string> = {
  learner: 'Learner',
  supervisor: 'Supervisor',
  educator: 'Educator',
  'product-lead': 'AI product lead',
  'organisation-admin': 'Organisation admin',
  'platform-admin': 'Platform admin',
};

export function isPlatformRole(value: string): value is PlatformRole {
  return (PLATFORM_ROLES as readonly string[]).includes(value);
}
