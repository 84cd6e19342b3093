import { index, jsonb, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { createdAt, id, invitations, organisationRef, personRef } from './people.ts';

/**
 * Who an OpenID Connect identity is on this hub (issue 15 §4): one account per person per
 * organisation, so the same NHS CIS2 user (`subject` = nhsid_useruid) has one link per organisation
 * they hold a role in. `issuer` is kept exactly as the provider spells it (CIS2's carries `:443`).
 */
export const identityLinks = pgTable(
  'identity_links',
  {
    id: id(),
    organisationId: organisationRef(),
    personId: personRef('person_id'),
    issuer: text('issuer').notNull(),
    subject: text('subject').notNull(),
    /** How the link was made: an invitation, a staff record, or an account created at first sign-in. */
    linkedBy: text('linked_by', { enum: ['invitation', 'staff-record', 'created'] }).notNull(),
    createdAt: createdAt(),
    lastSignedInAt: timestamp('last_signed_in_at', { withTimezone: true }),
  },
  (t) => [uniqueIndex('identity_links_identity_unique').on(t.issuer, t.subject, t.organisationId), index('identity_links_person_idx').on(t.personId)],
);

/**
 * A sign-in in progress: started by GET /sign-in/nhs, consumed once by the callback. Only hashes of
 * the state and of the browser-binding cookie are stored, so a database reader cannot finish one.
 */
export const oidcLogins = pgTable(
  'oidc_logins',
  {
    stateHash: text('state_hash').primaryKey(),
    /** SHA-256 of the httpOnly cookie set when the sign-in began: the callback must come from that browser. */
    browserHash: text('browser_hash').notNull(),
    codeVerifier: text('code_verifier').notNull(),
    nonce: text('nonce').notNull(),
    returnTo: text('return_to').notNull().default('/'),
    /** The open invitation the browser came from, when accepting one with the provider. */
    invitationId: uuid('invitation_id').references(() => invitations.id),
    createdAt: createdAt(),
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
    consumedAt: timestamp('consumed_at', { withTimezone: true }),
    /**
     * A verified sign-in waiting for the person to choose one of several roles (the chooser page):
     * taken once, by the same browser, before `expires_at`.
     */
    pendingChoice: jsonb('pending_choice'),
  },
  (t) => [index('oidc_logins_expires_idx').on(t.expiresAt)],
);
