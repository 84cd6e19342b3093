import { isPlatformRole, PLATFORM_ROLE_LABELS } from '../people/platform-roles.ts';

/**
 * The audit events an organisation admin reviews (issue 15 §4: "audit of every sign-in, import and
 * role change"): who got in, who was given what, and who changed the organisation. A learner's own
 * learning (ratings, journeys, evidence) is audited too but is theirs, so it is never listed here.
 */
export const ACTIVITY_GROUPS = ['sign-in', 'people', 'organisation'] as const;
export type ActivityGroup = (typeof ACTIVITY_GROUPS)[number];

export const ACTIVITY_GROUP_LABELS: Record<ActivityGroup, string> = {
  'sign-in': 'Sign-ins',
  people: 'Accounts, roles and supervisors',
  organisation: 'Organisation settings and staff imports',
};

type Detail = Record<string, unknown>;
interface ActivityKind {
  group: ActivityGroup;
  /** What happened, in a sentence without its subject: "Roles changed to Learner, Supervisor". */
  describe: (detail: Detail) => string;
}

const text = (value: unknown): string => (typeof value === 'string' ? value : '');
const roleList = (value: unknown): string =>
  Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string').map((role) => (isPlatformRole(role) ? PLATFORM_ROLE_LABELS[role] : role)).join(', ') : '';
const count = (detail: Detail, key: string): number => {
  const value = (detail.counts as Detail | undefined)?.[key] ?? detail[key];
  return typeof value === 'number' ? value : 0;
};
const REFUSALS: Record<string, string> = {
  'no-role': 'no role at an organisation on the hub',
  'acr-too-low': 'the sign-in method was not strong enough',
  'not-linked': 'the NHS CIS2 account is not linked to a hub account',
  disabled: 'the account is disabled',
  'not-on-hub': 'no organisation on the hub matches the role',
};

export const ACTIVITY_KINDS: Readonly<Record<string, ActivityKind>> = {
  'sign-in.password.succeeded': { group: 'sign-in', describe: () => 'Signed in with a hub password' },
  'sign-in.oidc.succeeded': { group: 'sign-in', describe: (d) => `Signed in with NHS CIS2${text(d.roleName) ? ` as ${text(d.roleName)}` : ''}` },
  'sign-in.oidc.refused': { group: 'sign-in', describe: (d) => `NHS CIS2 sign-in refused: ${REFUSALS[text(d.reason)] ?? (text(d.reason) || 'reason not recorded')}` },
  'sign-in.role-switched': { group: 'sign-in', describe: (d) => `Switched role${text(d.roleName) ? ` to ${text(d.roleName)}` : ''}` },
  'identity.linked': { group: 'sign-in', describe: (d) => `NHS CIS2 account linked${text(d.via) ? ` (${text(d.via)})` : ''}` },
  'account.password-changed': { group: 'sign-in', describe: () => 'Changed their hub password' },
  'account.password-reset-requested': { group: 'sign-in', describe: () => 'Asked for a password reset' },
  'person.roles-changed': { group: 'people', describe: (d) => `Roles changed from ${roleList(d.from) || 'none'} to ${roleList(d.to) || 'none'}` },
  'person.created': { group: 'people', describe: (d) => `Account created${text(d.source) === 'esr' ? ' from ESR' : text(d.via) ? ` (${text(d.via)})` : ''}` },
  'person.deactivated': { group: 'people', describe: (d) => `Account disabled${text(d.reason) === 'left' ? ': left, by an ESR import' : text(d.reason) ? ` (${text(d.reason)})` : ''}` },
  'person.reactivated': { group: 'people', describe: () => 'Account enabled again' },
  'supervision.assigned': { group: 'people', describe: (d) => `Supervisor assigned${text(d.source) === 'esr' ? ' from ESR' : ''}` },
  'supervision.ended': { group: 'people', describe: (d) => `Supervision ended${text(d.source) === 'esr' ? ' by an ESR import' : ''}` },
  'invitation.created': { group: 'people', describe: () => 'Invitation sent' },
  'invitation.accepted': { group: 'people', describe: () => 'Invitation accepted' },
  'organisation.created': { group: 'organisation', describe: (d) => `Organisation added${text(d.name) ? `: ${text(d.name)}` : ''}` },
  'organisation.sign-in-settings-changed': { group: 'organisation', describe: (d) => signInSettingsText(d) },
  'staff-import.applied': {
    group: 'organisation',
    describe: (d) => `ESR staff import applied: ${count(d, 'newPeople')} new, ${count(d, 'changedPeople')} changed, ${count(d, 'leavers')} leavers`,
  },
  'lrs-key.issued': { group: 'organisation', describe: (d) => `Learning record store key issued${text(d.platform) ? ` to ${text(d.platform)}` : ''}` },
  'lrs-key.revoked': { group: 'organisation', describe: (d) => `Learning record store key revoked${text(d.platform) ? ` for ${text(d.platform)}` : ''}` },
};

function signInSettingsText(detail: Detail): string {
  const before = (detail.before ?? {}) as Detail;
  const after = (detail.after ?? {}) as Detail;
  const changes: string[] = [];
  if (before.odsCode !== after.odsCode) changes.push(`ODS code ${text(before.odsCode) || 'none'} → ${text(after.odsCode) || 'none'}`);
  if (before.cis2CreateAccounts !== after.cis2CreateAccounts) changes.push(after.cis2CreateAccounts === true ? 'CIS2 sign-in may create accounts' : 'CIS2 sign-in no longer creates accounts');
  return `Sign-in settings changed${changes.length ? `: ${changes.join('; ')}` : ''}`;
}

/** The audit actions listed for a group, or for every group. */
export function activityActions(group?: ActivityGroup): string[] {
  return Object.entries(ACTIVITY_KINDS)
    .filter(([, kind]) => group === undefined || kind.group === group)
    .map(([action]) => action);
}

/** A listed event in words; an action with no entry is not listed, so this names it plainly. */
export function describeActivity(action: string, detail: unknown): string {
  const kind = ACTIVITY_KINDS[action];
  const safeDetail = detail !== null && typeof detail === 'object' && !Array.isArray(detail) ? (detail as Detail) : {};
  return kind ? kind.describe(safeDetail) : action;
}
