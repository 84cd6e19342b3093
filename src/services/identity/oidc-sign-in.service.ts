import { createHash, randomBytes } from 'node:crypto';
import { z } from 'zod';
import type { AuditRepository } from '../../db/audit.repository.ts';
import type { IdentityLinkRepository } from '../../db/identity-link.repository.ts';
import type { OidcLoginRepository } from '../../db/oidc-login.repository.ts';
import type { OrganisationRepository, OrganisationRow } from '../../db/organisation.repository.ts';
import type { SessionCis2Role } from '../../db/tables/people.ts';
import { acrAccepted, chooseRole, Cis2ClaimsError, parseCis2Claims, rolesOnHub } from '../../domain/identity/cis2-claims.ts';
import { AppError } from '../../errors.ts';
import type { OidcConfig } from '../../oidc-config.ts';
import type { AccountLinking } from './oidc-account-linking.ts';
import type { OidcClient } from './oidc-client.ts';
import { OidcExchangeError } from './oidc-client.ts';
import type { OidcSessionState, SessionService } from './session.service.ts';
import type { Viewer } from './viewer.ts';

/** A sign-in must come back from the provider within this long. */
export const OIDC_LOGIN_LIFETIME_MS = 10 * 60 * 1000;

/**
 * Why a sign-in with the provider did not sign anyone in; each has its own page. `failed` covers
 * every check the provider's answer failed and a sign-in not found (replayed, expired, another browser).
 */
export type OidcRefusal = 'failed' | 'acr-too-low' | 'no-role' | 'not-on-hub' | 'not-linked' | 'disabled';

export type OidcSignInResult =
  | { outcome: 'signed-in'; session: { token: string; expiresAt: Date }; returnTo: string }
  | { outcome: 'choose-role' }
  | { outcome: 'refused'; reason: OidcRefusal; organisationName?: string };

/** What a verified sign-in keeps while the person chooses among several roles. */
const pendingSchema = z.object({
  uid: z.string(),
  name: z.string(),
  email: z.string().optional(),
  acr: z.string().optional(),
  idToken: z.string(),
  roles: z.array(z.object({ roleId: z.string(), orgCode: z.string(), roleName: z.string(), organisationId: z.string(), organisationName: z.string() })),
  returnTo: z.string(),
  invitationId: z.string().nullable(),
});
type Pending = z.infer<typeof pendingSchema>;

export interface OidcSignInDeps {
  config: OidcConfig;
  client: OidcClient;
  oidcLoginRepository: OidcLoginRepository;
  identityLinkRepository: Pick<IdentityLinkRepository, 'getLink' | 'markSignedIn' | 'findOpenInvitation'>;
  organisationRepository: Pick<OrganisationRepository, 'findOrganisationsByOdsCodes' | 'getOrganisation'>;
  linking: AccountLinking;
  sessions: Pick<SessionService, 'startSession'>;
  audit: Pick<AuditRepository, 'insertAuditEvent'>;
  now?: () => Date;
}

const hash = (value: string) => createHash('sha256').update(value).digest('base64url');

export function createOidcSignInService(deps: OidcSignInDeps) {
  const now = deps.now ?? (() => new Date());
  const { config } = deps;

  /** Audited in the organisation concerned when there is one, so its admins see it among their sign-ins. */
  async function refuse(reason: OidcRefusal, detail: Record<string, unknown> = {}, organisation?: OrganisationRow): Promise<OidcSignInResult> {
    await deps.audit.insertAuditEvent({ organisationId: organisation?.id ?? null, actorId: null, subjectId: null, action: 'sign-in.oidc.refused', detail: { reason, issuer: config.issuer, ...detail } });
    return { outcome: 'refused', reason, ...(organisation ? { organisationName: organisation.name } : {}) };
  }

  /** Signs in to the account of one role's organisation, keeping every role received for switching. */
  async function signInAs(pending: Pending, role: SessionCis2Role, replacing: string | undefined, event?: { action: string; detail: Record<string, unknown> }): Promise<OidcSignInResult> {
    const organisation = await deps.organisationRepository.getOrganisation(role.organisationId);
    if (!organisation) return refuse('not-on-hub', { subject: pending.uid });
    const account = await deps.linking.findOrLinkAccount({ issuer: config.issuer, uid: pending.uid, name: pending.name, ...(pending.email ? { email: pending.email } : {}) }, organisation, pending.invitationId ?? undefined);
    if (!account) return refuse('not-linked', { subject: pending.uid }, organisation);
    if (account.person.status !== 'active') return refuse('disabled', { subject: pending.uid, personId: account.person.id }, organisation);
    const oidc: OidcSessionState = { identityLinkId: account.link.id, idTokenHint: pending.idToken || null, roles: pending.roles, selectedRoleId: role.roleId };
    const session = await deps.sessions.startSession({ personId: account.person.id, replacing, oidc });
    await deps.identityLinkRepository.markSignedIn(account.link.id, now());
    await deps.audit.insertAuditEvent({
      organisationId: organisation.id,
      actorId: account.person.id,
      // Sign-ins are the person's own acts, recorded by actor, not changes about them.
      subjectId: null,
      action: event?.action ?? 'sign-in.oidc.succeeded',
      detail: event?.detail ?? { issuer: config.issuer, roleId: role.roleId, roleName: role.roleName, orgCode: role.orgCode, acr: pending.acr ?? null },
    });
    return { outcome: 'signed-in', session, returnTo: pending.returnTo };
  }

  /** The roles at organisations on this hub, with those organisations. */
  async function hubRolesOf(roles: ReturnType<typeof parseCis2Claims>['roles']): Promise<SessionCis2Role[]> {
    const organisations = await deps.organisationRepository.findOrganisationsByOdsCodes(roles.map((r) => r.orgCode));
    const byOds = new Map<string, OrganisationRow>(organisations.flatMap((o) => (o.odsCode ? [[o.odsCode.toUpperCase(), o] as const] : [])));
    return rolesOnHub(roles, byOds).map((r) => ({ roleId: r.roleId, orgCode: r.orgCode, roleName: r.roleName, organisationId: r.organisation.id, organisationName: r.organisation.name }));
  }

  return {
    providerName: config.providerName,

    /** Where to send the browser to sign out at the provider too, or null when it offers no end-session endpoint. */
    endSessionUrl: (idTokenHint: string | null) => deps.client.endSessionUrl(idTokenHint),

    /**
     * Begins a sign-in: the provider URL to send the browser to, and a browser token for an httpOnly
     * cookie that the callback must bring back (so nobody can finish a sign-in in someone else's browser).
     */
    async start({ returnTo, invitationId }: { returnTo: string; invitationId?: string }): Promise<{ redirectUrl: string; browserToken: string }> {
      const invitation = invitationId ? await deps.identityLinkRepository.findOpenInvitation(invitationId, now()) : undefined;
      if (invitationId && !invitation) throw new AppError('not_found', 'This invitation is no longer open.');
      // Sign-ins never finished (closed tabs) go once they have expired; the index makes this cheap.
      await deps.oidcLoginRepository.deleteExpiredLogins(now());
      const began = await deps.client.begin();
      const browserToken = randomBytes(32).toString('base64url');
      await deps.oidcLoginRepository.insertLogin({
        stateHash: hash(began.state),
        browserHash: hash(browserToken),
        codeVerifier: began.codeVerifier,
        nonce: began.nonce,
        returnTo,
        invitationId: invitation?.id ?? null,
        expiresAt: new Date(now().getTime() + OIDC_LOGIN_LIFETIME_MS),
      });
      return { redirectUrl: began.url, browserToken };
    },

    /** Finishes a sign-in from the provider's callback: checks everything, then signs in, asks for a role, or refuses. */
    async complete({ callbackUrl, browserToken, replacing }: { callbackUrl: URL; browserToken: string | undefined; replacing?: string }): Promise<OidcSignInResult> {
      const state = callbackUrl.searchParams.get('state');
      if (!state || !browserToken) return refuse('failed', { why: state ? 'no-browser-binding' : 'no-state' });
      const login = await deps.oidcLoginRepository.consumeLogin({ stateHash: hash(state), browserHash: hash(browserToken) }, now());
      if (!login) return refuse('failed', { why: 'unknown-or-used' });
      let identity;
      let idToken;
      try {
        const finished = await deps.client.finish(callbackUrl, { codeVerifier: login.codeVerifier, state, nonce: login.nonce });
        identity = parseCis2Claims(finished.idTokenClaims, finished.userinfo);
        idToken = finished.idToken;
      } catch (error) {
        if (error instanceof OidcExchangeError || error instanceof Cis2ClaimsError) return refuse('failed', { why: error.message });
        throw error;
      }
      if (!acrAccepted(identity.acr, config.acceptedAcr)) return refuse('acr-too-low', { subject: identity.uid, acr: identity.acr ?? null, amr: identity.amr });
      if (identity.roles.length === 0) return refuse('no-role', { subject: identity.uid });
      const invitation = login.invitationId ? await deps.identityLinkRepository.findOpenInvitation(login.invitationId, now()) : undefined;
      const onHub = await hubRolesOf(identity.roles);
      // Accepting an invitation signs in at the invitation's organisation, so only roles there count.
      const roles = invitation ? onHub.filter((r) => r.organisationId === invitation.organisationId) : onHub;
      if (roles.length === 0) return refuse('not-on-hub', { subject: identity.uid, orgCodes: identity.roles.map((r) => r.orgCode) });
      const pending: Pending = {
        uid: identity.uid,
        name: identity.name,
        ...(identity.email ? { email: identity.email } : {}),
        ...(identity.acr ? { acr: identity.acr } : {}),
        idToken,
        roles,
        returnTo: login.returnTo,
        invitationId: invitation?.id ?? null,
      };
      const choice = chooseRole(roles, identity.selectedRoleId);
      if (choice.kind === 'one') return signInAs(pending, choice.role, replacing);
      await deps.oidcLoginRepository.setPendingChoice(login.stateHash, pending);
      return { outcome: 'choose-role' };
    },

    /** The roles a browser's verified sign-in is waiting to choose among, or undefined (none, or expired). */
    async pendingRoles({ browserToken }: { browserToken: string | undefined }): Promise<SessionCis2Role[] | undefined> {
      if (!browserToken) return undefined;
      const login = await deps.oidcLoginRepository.findPendingChoice(hash(browserToken), now());
      const pending = pendingSchema.safeParse(login?.pendingChoice);
      return pending.success ? pending.data.roles : undefined;
    },

    /** Signs in as the role chosen on the chooser page; the waiting sign-in is used once. */
    async chooseRole({ browserToken, roleId, replacing }: { browserToken: string | undefined; roleId: string; replacing?: string }): Promise<OidcSignInResult> {
      if (!browserToken) return refuse('failed', { why: 'no-browser-binding' });
      const waiting = pendingSchema.safeParse((await deps.oidcLoginRepository.findPendingChoice(hash(browserToken), now()))?.pendingChoice);
      const role = waiting.success ? waiting.data.roles.find((r) => r.roleId === roleId) : undefined;
      if (!role) throw new AppError('invalid', 'Select one of your roles.', [{ field: 'roleId', message: 'Select the role you want to use' }]);
      const taken = pendingSchema.safeParse(await deps.oidcLoginRepository.takePendingChoice(hash(browserToken), now()));
      if (!taken.success) return refuse('failed', { why: 'choice-used' });
      return signInAs(taken.data, role, replacing);
    },

    /**
     * Moves a CIS2 session to another role it received at sign-in, without the provider (issue 15 Q5):
     * a new session on that role's organisation's account, the old token ended, audited.
     */
    async switchRole({ state, viewer, roleId, replacing }: { state: OidcSessionState; viewer: Viewer; roleId: string; replacing: string }): Promise<OidcSignInResult> {
      const role = state.roles.find((r) => r.roleId === roleId);
      if (!role) throw new AppError('invalid', 'Select one of your roles.', [{ field: 'roleId', message: 'Select the role you want to use' }]);
      const link = await deps.identityLinkRepository.getLink(state.identityLinkId);
      if (!link || link.personId !== viewer.personId) throw new AppError('forbidden', 'Sign in again to switch role.');
      const pending: Pending = { uid: link.subject, name: viewer.displayName, idToken: state.idTokenHint ?? '', roles: state.roles, returnTo: '/account', invitationId: null };
      return signInAs(pending, role, replacing, {
        action: 'sign-in.role-switched',
        detail: { fromPersonId: viewer.personId, fromRoleId: state.selectedRoleId, toRoleId: role.roleId, roleName: role.roleName, orgCode: role.orgCode },
      });
    },
  };
}

export type OidcSignInService = ReturnType<typeof createOidcSignInService>;
