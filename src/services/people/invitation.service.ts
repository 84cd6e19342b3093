import { createHash, randomBytes } from 'node:crypto';
import type { AuditRepository } from '../../db/audit.repository.ts';
import type { Database } from '../../db/client.ts';
import type { InvitationRepository, InvitationRow } from '../../db/invitation.repository.ts';
import type { OrganisationRepository, OrganisationRow } from '../../db/organisation.repository.ts';
import type { Notices } from '../mail/notices.ts';
import type { PersonRow } from '../../db/people.repository.ts';
import { inTransaction } from '../../db/transaction.ts';
import { isPlatformRole } from '../../domain/people/platform-roles.ts';
import type { PlatformRole } from '../../domain/people/platform-roles.ts';
import { AppError } from '../../errors.ts';
import { hashPassword } from '../identity/password-hasher.ts';
import type { Viewer } from '../identity/viewer.ts';
import type { AccessPolicy } from './access-policy.ts';
import { passwordProblems } from './account.service.ts';
import type { AccountService } from './account.service.ts';

export const INVITATION_LIFETIME_MS = 14 * 24 * 60 * 60 * 1000;

export interface InviteStaffOptions {
  viewer: Viewer;
  organisationId: string;
  email: string;
  displayName: string;
  /** Roles beyond learner, which everyone holds. */
  roles: readonly PlatformRole[];
}

export interface AcceptInvitationOptions {
  token: string;
  password: string;
}

export type ClosedInvitationState = 'expired' | 'accepted' | 'unknown';
/** Why an invitation cannot be accepted: closed, or its address already has an account (which the invitee, holding the link, may know). */
export type UnavailableState = ClosedInvitationState | 'has-account';
export type InvitationView = { state: 'open'; invitation: InvitationRow; organisation: OrganisationRow } | { state: ClosedInvitationState };
export type AcceptInvitationResult =
  | { outcome: 'accepted'; person: PersonRow }
  | { outcome: 'unavailable'; state: UnavailableState }
  | { outcome: 'invalid-password'; problems: string[]; invitation: InvitationView & { state: 'open' } };

export interface InvitationServiceDeps {
  db: Database;
  invitationRepository: InvitationRepository;
  /** Writes mail (text and HTML) into the outbox in the caller's transaction. */
  mail: Pick<Notices, 'mailText'>;
  organisationRepository: Pick<OrganisationRepository, 'getOrganisation'>;
  auditRepository: Pick<AuditRepository, 'insertAuditEvent'>;
  accounts: Pick<AccountService, 'createAccount' | 'findPersonByEmail' | 'findPeopleByEmail'>;
  access: Pick<AccessPolicy, 'assertCanAdministerOrganisation' | 'canSeePerson'>;
  /** Absolute base URL of the hub: invitation links are followed from an email client. */
  baseUrl: string;
  now?: () => Date;
}

/** Only the token's hash is stored: a database reader cannot accept someone else's invitation. */
const hashToken = (token: string) => createHash('sha256').update(token).digest('hex');

const longDate = (date: Date) => date.toLocaleDateString('en-GB', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'Europe/London' });

export function createInvitationService(deps: InvitationServiceDeps) {
  const { invitationRepository: invitations } = deps;
  const now = deps.now ?? (() => new Date());

  /** Whether the admin can see any of an address's accounts (it has one per organisation it works in). */
  async function someoneSeen(viewer: Viewer, accounts: PersonRow[]): Promise<boolean> {
    for (const person of accounts) if (await deps.access.canSeePerson(viewer, person)) return true;
    return false;
  }

  async function viewInvitation({ token }: { token: string }): Promise<InvitationView> {
    const invitation = await invitations.findInvitationByTokenHash(hashToken(token));
    if (!invitation) return { state: 'unknown' };
    if (invitation.acceptedAt) return { state: 'accepted' };
    if (invitation.expiresAt <= now()) return { state: 'expired' };
    const organisation = await deps.organisationRepository.getOrganisation(invitation.organisationId);
    if (!organisation) throw new Error(`invitation ${invitation.id} names a missing organisation`);
    return { state: 'open', invitation, organisation };
  }

  return {
    viewInvitation,

    /**
     * Invites a member of staff into an organisation the viewer administers. The invitation, the
     * email carrying its link and the audit record are written together or not at all.
     */
    async inviteStaff({ viewer, organisationId, email, displayName, roles }: InviteStaffOptions): Promise<InvitationRow> {
      const organisation = await deps.access.assertCanAdministerOrganisation(viewer, organisationId);
      if (roles.includes('platform-admin') && !viewer.roles.includes('platform-admin')) {
        throw new AppError('forbidden', 'Only a platform admin can invite a platform admin.', [{ field: 'roles', message: 'Only a platform admin can invite a platform admin' }]);
      }
      const address = email.trim().toLowerCase();
      // Only an account the admin can see is reported. Any other address is invited as a new one
      // would be (same answer, same mail), so inviting never reveals who has an account elsewhere;
      // the holder learns from the link that they already have one (acceptInvitation).
      if (await someoneSeen(viewer, await deps.accounts.findPeopleByEmail(address))) {
        throw new AppError('conflict', `There is already an account for ${address}.`, [{ field: 'email', message: 'There is already an account for this email address' }]);
      }
      const token = randomBytes(32).toString('base64url');
      const expiresAt = new Date(now().getTime() + INVITATION_LIFETIME_MS);
      const link = `${deps.baseUrl}/invitations/${token}`;
      const name = displayName.trim();
      return inTransaction(deps.db, async (tx) => {
        const invitation = await invitations.insertInvitation(
          { organisationId, email: address, displayName: name, roles: ['learner', ...new Set(roles.filter((r) => r !== 'learner'))], tokenHash: hashToken(token), invitedBy: viewer.personId, expiresAt },
          tx,
        );
        await deps.mail.mailText(tx, {
            organisationId,
            toAddress: address,
            subject: 'Your invitation to the AI Confidence Hub',
            bodyText: [
              `Dear ${name},`,
              `${viewer.displayName} has invited you to join ${organisation.name} on the AI Confidence Hub, where NHS staff build their confidence in AI.`,
              `Accept your invitation and choose a password:\n${link}`,
              `This link works once and expires on ${longDate(expiresAt)}. If you were not expecting this invitation, you can ignore this email.`,
            ].join('\n\n'),
          });
        await deps.auditRepository.insertAuditEvent(
          { organisationId, actorId: viewer.personId, subjectId: invitation.id, action: 'invitation.created', detail: { email: address, roles: invitation.roles } },
          tx,
        );
        return invitation;
      });
    },

    /** Creates the invited person's account with the password they chose, once per invitation. */
    async acceptInvitation({ token, password }: AcceptInvitationOptions): Promise<AcceptInvitationResult> {
      const view = await viewInvitation({ token });
      if (view.state !== 'open') return { outcome: 'unavailable', state: view.state };
      if (await deps.accounts.findPersonByEmail(view.invitation.email)) return { outcome: 'unavailable', state: 'has-account' };
      const problems = passwordProblems(password);
      if (problems.length > 0) return { outcome: 'invalid-password', problems, invitation: view };
      // scrypt takes a while: hash before the transaction so it holds no locks meanwhile.
      const passwordHash = await hashPassword(password);
      const person = await inTransaction(deps.db, async (tx) => {
        const claimed = await invitations.claimInvitation(hashToken(token), now(), tx);
        if (!claimed) return undefined;
        const created = await deps.accounts.createAccount(
          { organisationId: claimed.organisationId, email: claimed.email, displayName: claimed.displayName, roles: claimed.roles.filter(isPlatformRole), password: { hash: passwordHash } },
          tx,
        );
        await invitations.setAcceptedPerson(claimed.id, created.id, tx);
        await deps.auditRepository.insertAuditEvent(
          { organisationId: claimed.organisationId, actorId: created.id, subjectId: created.id, action: 'invitation.accepted', detail: { invitationId: claimed.id, invitedBy: claimed.invitedBy, roles: created.roles } },
          tx,
        );
        return created;
      });
      if (!person) {
        // Someone else used the link (or it expired) between reading it and claiming it.
        const again = await viewInvitation({ token });
        return { outcome: 'unavailable', state: again.state === 'open' ? 'accepted' : again.state };
      }
      return { outcome: 'accepted', person };
    },
  };
}

export type InvitationService = ReturnType<typeof createInvitationService>;
