import { z } from 'zod';

/**
 * NHS CIS2 claims (issue 15 plan §2): the ID token carries `sub`, `acr`, `amr` and, with the
 * `selectedrole` scope, `selected_roleid`; userinfo carries the profile, `nhsid_useruid` and the
 * roles. Pure: the OIDC client hands both claim sets in, and nothing here trusts an e-mail claim.
 */

/** One role a CIS2 user holds (`nhsid_nrbac_roles`). `orgCode` is the organisation's ODS code, upper-cased. */
export interface Cis2Role {
  roleId: string;
  orgCode: string;
  roleName: string;
  roleCode: string;
}

export interface Cis2Identity {
  /** `nhsid_useruid` (the smartcard UUID): the stable key of the person at CIS2. */
  uid: string;
  name: string;
  email?: string;
  roles: Cis2Role[];
  userOrgs: Array<{ orgCode: string; orgName: string }>;
  selectedRoleId?: string;
  acr?: string;
  amr: string[];
}

const text = z.string().trim().min(1).max(500);
const roleSchema = z.object({
  person_roleid: z.coerce.string().trim().min(1).max(100),
  org_code: z.string().trim().min(1).max(20),
  role_name: z.string().max(500).optional(),
  role_code: z.string().max(200).optional(),
});
const orgSchema = z.object({ org_code: z.string().trim().min(1).max(20), org_name: z.string().max(500).optional() });

const claimsSchema = z.object({
  sub: text,
  nhsid_useruid: text.optional(),
  name: z.string().max(500).optional(),
  given_name: z.string().max(250).optional(),
  family_name: z.string().max(250).optional(),
  email: z.string().max(320).optional(),
  acr: z.string().max(100).optional(),
  amr: z.union([z.array(z.string().max(100)), z.string().max(100)]).optional(),
  selected_roleid: z.coerce.string().trim().max(100).optional(),
  nhsid_nrbac_roles: z.array(z.unknown()).optional(),
  nhsid_user_orgs: z.array(z.unknown()).optional(),
});

export class Cis2ClaimsError extends Error {}

/** The identity in an ID token's claims and the userinfo response; userinfo wins where both speak. */
export function parseCis2Claims(idToken: Record<string, unknown>, userinfo: Record<string, unknown> = {}): Cis2Identity {
  const parsed = claimsSchema.safeParse({ ...idToken, ...userinfo, acr: idToken.acr, amr: idToken.amr, sub: idToken.sub });
  if (!parsed.success) throw new Cis2ClaimsError(`CIS2 claims are malformed: ${parsed.error.issues.map((i) => i.path.join('.')).join(', ')}`);
  const c = parsed.data;
  const name = (c.name?.trim() || [c.given_name, c.family_name].filter(Boolean).join(' ').trim()) || 'NHS CIS2 user';
  const email = c.email?.trim().toLowerCase();
  return {
    uid: c.nhsid_useruid ?? c.sub,
    name,
    ...(email && /^[^@\s]+@[^@\s]+$/.test(email) ? { email } : {}),
    roles: parseRoles(c.nhsid_nrbac_roles ?? []),
    userOrgs: (c.nhsid_user_orgs ?? []).flatMap((o) => {
      const org = orgSchema.safeParse(o);
      return org.success ? [{ orgCode: org.data.org_code.toUpperCase(), orgName: org.data.org_name ?? org.data.org_code }] : [];
    }),
    ...(c.selected_roleid ? { selectedRoleId: c.selected_roleid } : {}),
    ...(c.acr ? { acr: c.acr } : {}),
    amr: c.amr === undefined ? [] : Array.isArray(c.amr) ? c.amr : [c.amr],
  };
}

/** Well-formed roles, each once (by role id); a malformed entry is dropped, not the whole sign-in. */
function parseRoles(raw: unknown[]): Cis2Role[] {
  const seen = new Set<string>();
  const roles: Cis2Role[] = [];
  for (const entry of raw) {
    const role = roleSchema.safeParse(entry);
    if (!role.success || seen.has(role.data.person_roleid)) continue;
    seen.add(role.data.person_roleid);
    roles.push({
      roleId: role.data.person_roleid,
      orgCode: role.data.org_code.toUpperCase(),
      roleName: readableRoleName(role.data.role_name ?? role.data.role_code ?? 'Role'),
      roleCode: role.data.role_code ?? '',
    });
  }
  return roles;
}

/** CIS2 role names read `"Clinical":"Clinical Provision":"Nurse Access Role"`: the last part is the role. */
export function readableRoleName(roleName: string): string {
  const parts = roleName.split(':').map((p) => p.trim().replace(/^"|"$/g, '').trim()).filter((p) => p !== '');
  return parts.at(-1) ?? roleName;
}

/** A role at an organisation on this hub. */
export type HubRole<Org> = Cis2Role & { organisation: Org };

/** The roles whose ODS code names an organisation on this hub (`organisationsByOds` keyed by upper-case code). */
export function rolesOnHub<Org>(roles: readonly Cis2Role[], organisationsByOds: ReadonlyMap<string, Org>): Array<HubRole<Org>> {
  return roles.flatMap((role) => {
    const organisation = organisationsByOds.get(role.orgCode.toUpperCase());
    return organisation === undefined ? [] : [{ ...role, organisation }];
  });
}

export type RoleChoice<R> = { kind: 'one'; role: R } | { kind: 'choose'; roles: R[] } | { kind: 'none' };

/** One role signs straight in; several ask which (CIS2's own selection preselects); none is refused. */
export function chooseRole<R extends { roleId: string }>(roles: readonly R[], selectedRoleId?: string): RoleChoice<R> {
  if (roles.length === 0) return { kind: 'none' };
  const selected = selectedRoleId === undefined ? undefined : roles.find((r) => r.roleId === selectedRoleId);
  if (selected) return { kind: 'one', role: selected };
  const [first] = roles;
  if (roles.length === 1 && first) return { kind: 'one', role: first };
  return { kind: 'choose', roles: [...roles] };
}

/** CIS2's `acr` names are not an ordered scale, so only the configured values are accepted. */
export function acrAccepted(acr: string | undefined, allowList: readonly string[]): boolean {
  return acr !== undefined && allowList.includes(acr);
}
