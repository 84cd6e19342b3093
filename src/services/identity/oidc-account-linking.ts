import type { AuditRepository } from '../../db/audit.repository.ts';
import type { Database } from '../../db/client.ts';
import type { IdentityLinkRepository, IdentityLinkRow } from '../../db/identity-link.repository.ts';
import type { OrganisationRow } from '../../db/organisation.repository.ts';
import type { PeopleRepository, PersonRow } from '../../db/people.repository.ts';
import { inTransaction } from '../../db/transaction.ts';
import { isUniqueViolation } from '../../db/unique-violation.ts';
import { isPlatformRole } from '../../domain/people/platform-roles.ts';
import type { InsightContributions } from '../insight/insight-contributions.ts';
import type { StaffRecordLookup } from './staff-record-lookup.ts';

/** Who the provider says signed in, as far as linking needs (never their e-mail claim as proof). */
export interface LinkingIdentity {
  issuer: string;
  uid: string;
  name: string;
  /** A contact address only: it never links an identity to an existing account. */
  email?: string;
}

export interface AccountLinkingDeps {
  db: Database;
  identityLinkRepository: IdentityLinkRepository;
  peopleRepository: Pick<PeopleRepository, 'getPerson' | 'insertPerson' | 'saveProfile'>;
  audit: Pick<AuditRepository, 'insertAuditEvent'>;
  staffRecords: StaffRecordLookup;
  contributions?: Pick<InsightContributions, 'refreshStanding'>;
  now: () => Date;
}

export type LinkedAccount = { link: IdentityLinkRow; person: PersonRow };

/**
 * The account an identity signs in to at one organisation (issue 15 §4), linking a first sign-in
 * only through (a) an existing link, (b) the organisation's staff record, (c) the open invitation
 * the browser came from, or (d) the organisation's consent to create accounts. Undefined: not linked.
 */
export function createAccountLinking(deps: AccountLinkingDeps) {
  const links = deps.identityLinkRepository;
  const key = (identity: LinkingIdentity, organisation: OrganisationRow) => ({ issuer: identity.issuer, subject: identity.uid, organisationId: organisation.id });

  async function link(identity: LinkingIdentity, organisation: OrganisationRow, invitationId: string | undefined): Promise<LinkedAccount | undefined> {
    return inTransaction(deps.db, async (tx) => {
      const staffPersonId = await deps.staffRecords.findPersonByCisUuid(organisation.id, identity.uid, tx);
      const staffPerson = staffPersonId ? await deps.peopleRepository.getPerson(staffPersonId, tx) : undefined;
      if (staffPerson && staffPerson.organisationId === organisation.id) return linkTo(identity, staffPerson, 'staff-record', tx);
      if (invitationId) {
        const invited = await acceptInvitation(identity, organisation, invitationId, tx);
        if (invited) return invited;
      }
      if (!organisation.cis2CreateAccounts) return undefined;
      const email = await contactAddress(identity, organisation, tx);
      const created = await createPerson({ organisationId: organisation.id, email, displayName: identity.name, roles: ['learner'] }, tx);
      await deps.audit.insertAuditEvent({ organisationId: organisation.id, actorId: created.id, subjectId: created.id, action: 'person.created', detail: { via: 'NHS CIS2 first sign-in', roles: created.roles } }, tx);
      return linkTo(identity, created, 'created', tx);
    });
  }

  async function acceptInvitation(identity: LinkingIdentity, organisation: OrganisationRow, invitationId: string, tx: Database): Promise<LinkedAccount | undefined> {
    const invitation = await links.claimInvitationById(invitationId, deps.now(), tx);
    if (!invitation || invitation.organisationId !== organisation.id) return undefined;
    // The address the invitation was sent to already has an account here: that account is the one invited.
    const existing = await links.findPersonInOrganisationByEmail(organisation.id, invitation.email, tx);
    const person = existing ?? (await createPerson({ organisationId: organisation.id, email: invitation.email, displayName: invitation.displayName, roles: invitation.roles.filter(isPlatformRole) }, tx));
    await links.setInvitationAcceptedPerson(invitation.id, person.id, tx);
    await deps.audit.insertAuditEvent(
      { organisationId: organisation.id, actorId: person.id, subjectId: person.id, action: 'invitation.accepted', detail: { invitationId: invitation.id, invitedBy: invitation.invitedBy, roles: person.roles, via: 'oidc' } },
      tx,
    );
    return linkTo(identity, person, 'invitation', tx);
  }

  async function createPerson(row: { organisationId: string; email: string; displayName: string; roles: string[] }, tx: Database): Promise<PersonRow> {
    const roles = row.roles.includes('learner') ? row.roles : ['learner', ...row.roles];
    // No hub password: this account signs in with the provider only.
    const person = await deps.peopleRepository.insertPerson({ ...row, displayName: row.displayName.trim() || 'NHS CIS2 user', roles }, tx);
    await deps.peopleRepository.saveProfile({ personId: person.id, organisationId: row.organisationId }, tx);
    await deps.contributions?.refreshStanding(tx, person.id);
    return person;
  }

  /** The e-mail claim when no other account here uses it; otherwise a placeholder that is never mailed (.invalid). */
  async function contactAddress(identity: LinkingIdentity, organisation: OrganisationRow, tx: Database): Promise<string> {
    if (identity.email && !(await links.findPersonInOrganisationByEmail(organisation.id, identity.email, tx))) return identity.email;
    return `cis2-${identity.uid.toLowerCase().replace(/[^a-z0-9-]/g, '-')}@cis2.invalid`;
  }

  async function linkTo(identity: LinkingIdentity, person: PersonRow, linkedBy: IdentityLinkRow['linkedBy'], tx: Database): Promise<LinkedAccount> {
    const created = await links.insertLink({ organisationId: person.organisationId, personId: person.id, issuer: identity.issuer, subject: identity.uid, linkedBy }, tx);
    await deps.audit.insertAuditEvent({ organisationId: person.organisationId, actorId: person.id, subjectId: person.id, action: 'identity.linked', detail: { issuer: identity.issuer, via: linkedBy } }, tx);
    return { link: created, person };
  }

  return {
    async findOrLinkAccount(identity: LinkingIdentity, organisation: OrganisationRow, invitationId?: string): Promise<LinkedAccount | undefined> {
      const existing = await links.findLinkedPerson(key(identity, organisation));
      if (existing) return existing;
      try {
        return await link(identity, organisation, invitationId);
      } catch (error) {
        // Two first sign-ins at once: the other made the link.
        if (isUniqueViolation(error)) return links.findLinkedPerson(key(identity, organisation));
        throw error;
      }
    },
  };
}

export type AccountLinking = ReturnType<typeof createAccountLinking>;
