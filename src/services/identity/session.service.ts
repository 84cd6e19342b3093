import Tokens from '@fastify/csrf';
import { createHash, randomBytes } from 'node:crypto';
import type { PeopleRepository, PersonRow } from '../../db/people.repository.ts';
import type { SessionRepository, SessionRow } from '../../db/session.repository.ts';
import type { SessionCis2Role } from '../../db/tables/people.ts';
import { viewStampOf } from '../../db/view-version.repository.ts';
import type { ViewStamp } from '../../db/view-version.repository.ts';
import { isPlatformRole } from '../../domain/people/platform-roles.ts';
import type { Viewer } from './viewer.ts';

/** A session ends after this long without a request. */
export const SESSION_IDLE_MS = 8 * 60 * 60 * 1000;
/** Refresh `last_seen_at` at most this often, so reading pages does not write on every request. */
const TOUCH_INTERVAL_MS = 5 * 60 * 1000;

const csrfTokens = Tokens();

export interface LiveSession {
  viewer: Viewer;
  csrfSecret: string;
  /** The stamp of the person's cached views when the session was read (see view-version.repository.ts). */
  viewStamp: ViewStamp;
  unreadNotifications: number;
  /** What an OpenID Connect sign-in left with the session: for switching role and signing out at the provider. */
  oidc?: OidcSessionState;
}

export interface OidcSessionState {
  identityLinkId: string;
  idTokenHint: string | null;
  roles: SessionCis2Role[];
  selectedRoleId: string | null;
}

export function toViewer(person: PersonRow): Viewer {
  return {
    personId: person.id,
    organisationId: person.organisationId,
    displayName: person.displayName,
    email: person.email,
    roles: person.roles.filter(isPlatformRole),
  };
}

function oidcStateOf(session: SessionRow): OidcSessionState | undefined {
  if (session.authMethod !== 'oidc' || !session.identityLinkId) return undefined;
  return { identityLinkId: session.identityLinkId, idTokenHint: session.idTokenHint, roles: session.cis2Roles ?? [], selectedRoleId: session.cis2SelectedRoleId };
}

function hashToken(token: string): string {
  return createHash('sha256').update(token).digest('base64url');
}

export function createSessionService(deps: { sessionRepository: SessionRepository; peopleRepository: PeopleRepository; now?: () => Date }) {
  const now = deps.now ?? (() => new Date());
  return {
    /**
     * Starts a session for someone who has just proved who they are; returns the cookie token. A
     * session the browser already held (`replacing`) ends first: a new sign-in never leaves an old
     * token alive, whoever it belonged to.
     */
    async startSession({ personId, replacing, oidc }: { personId: string; replacing?: string | undefined; oidc?: OidcSessionState }): Promise<{ token: string; expiresAt: Date; csrfSecret: string }> {
      if (replacing) await deps.sessionRepository.deleteSession(hashToken(replacing));
      const token = randomBytes(32).toString('base64url');
      const expiresAt = new Date(now().getTime() + SESSION_IDLE_MS);
      const csrfSecret = csrfTokens.secretSync();
      const signIn = oidc
        ? { authMethod: 'oidc' as const, identityLinkId: oidc.identityLinkId, idTokenHint: oidc.idTokenHint, cis2Roles: oidc.roles, cis2SelectedRoleId: oidc.selectedRoleId }
        : {};
      await deps.sessionRepository.insertSession({ tokenHash: hashToken(token), personId, csrfSecret, expiresAt, ...signIn });
      return { token, expiresAt, csrfSecret };
    },

    async resolveSession({ token }: { token: string }): Promise<LiveSession | undefined> {
      const tokenHash = hashToken(token);
      const at = now();
      const found = await deps.sessionRepository.findLiveSession(tokenHash, at);
      if (!found) return undefined;
      if (at.getTime() - found.session.lastSeenAt.getTime() > TOUCH_INTERVAL_MS) {
        await deps.sessionRepository.touchSession(tokenHash, at, new Date(at.getTime() + SESSION_IDLE_MS));
      }
      const oidc = oidcStateOf(found.session);
      const role = oidc?.roles.find((r) => r.roleId === oidc.selectedRoleId);
      return {
        viewer: { ...toViewer(found.person), ...(role ? { signedInAs: { roleId: role.roleId, roleName: role.roleName, organisationName: role.organisationName } } : {}) },
        ...(oidc ? { oidc } : {}),
        csrfSecret: found.session.csrfSecret,
        viewStamp: { stamp: viewStampOf(found.personViewVersion, found.hubViewEpoch), hubEpoch: found.hubViewEpoch },
        unreadNotifications: found.unreadNotifications,
      };
    },

    /**
     * A session that has ended (timed out) but whose row remains: who held it, its CSRF secret, and a
     * reference to it (the token's hash) that proves the holder without being the token itself.
     */
    async findEndedSession({ token }: { token: string }): Promise<{ personId: string; csrfSecret: string; reference: string } | undefined> {
      const reference = hashToken(token);
      const found = await deps.sessionRepository.findSession(reference);
      return found ? { ...found, reference } : undefined;
    },

    /** Who held the session a reference from `findEndedSession` names, if it still exists. */
    async findPersonOfSession({ reference }: { reference: string }): Promise<string | undefined> {
      return (await deps.sessionRepository.findSession(reference))?.personId;
    },

    async endSession({ token }: { token: string }): Promise<void> {
      await deps.sessionRepository.deleteSession(hashToken(token));
    },

    /** Ends every session the person has but the one this token holds (after they change their password on it). */
    async endOtherSessions({ personId, keepToken }: { personId: string; keepToken: string }): Promise<number> {
      return deps.sessionRepository.expireOtherSessionsOfPerson(personId, hashToken(keepToken), now());
    },

    /** "Sign out everywhere": ends every session the person has, on every device. */
    async endAllSessions({ personId }: { personId: string }): Promise<number> {
      return deps.sessionRepository.expireSessionsOfPerson(personId, now());
    },
  };
}

export type SessionService = ReturnType<typeof createSessionService>;

/** CSRF tokens are minted from a secret held server-side (the session's, or a signed-out visitor's). */
export const csrf = {
  newSecret: (): string => csrfTokens.secretSync(),
  createToken: (secret: string): string => csrfTokens.create(secret),
  isValid: (secret: string, token: unknown): boolean => typeof token === 'string' && token.length > 0 && csrfTokens.verify(secret, token),
};
