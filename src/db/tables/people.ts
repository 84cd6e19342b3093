import { sql } from 'drizzle-orm';
import type { AnyPgColumn } from 'drizzle-orm/pg-core';
import { boolean, index, integer, jsonb, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';

/** Columns most tables share. The references are lazy, so each may name a table declared below. */
export const id = () => uuid('id').primaryKey().defaultRandom();
export const createdAt = () => timestamp('created_at', { withTimezone: true }).notNull().defaultNow();
/** The owning organisation: the tenancy (and distribution) key of every organisation-owned row. */
export const organisationRef = () => uuid('organisation_id').notNull().references(() => organisations.id);
export const personRef = (column: string) => uuid(column).notNull().references(() => people.id);

/**
 * Organisations form one tree: national → region → integrated care system → trust / primary care
 * network / practice → team. Industry partners' staff (Box 5's Triadix) sit in a 'partner' organisation
 * under the NHS organisation that works with them. Every organisation-owned row elsewhere carries `organisation_id`.
 */
export const organisations = pgTable(
  'organisations',
  {
    id: id(),
    parentId: uuid('parent_id').references((): AnyPgColumn => organisations.id),
    kind: text('kind', {
      enum: ['national', 'region', 'integrated-care-system', 'trust', 'primary-care-network', 'practice', 'team', 'partner'],
    }).notNull(),
    name: text('name').notNull(),
    /** NHS Organisation Data Service code, where the organisation has one; upper case. CIS2 roles name it (`org_code`). */
    odsCode: text('ods_code'),
    /** Whether a CIS2 sign-in with a role here may create an account that no invitation or ESR record made (issue 15). */
    cis2CreateAccounts: boolean('cis2_create_accounts').notNull().default(false),
    createdAt: createdAt(),
  },
  (t) => [
    index('organisations_parent_idx').on(t.parentId),
    uniqueIndex('organisations_name_under_parent').on(t.parentId, t.name),
    uniqueIndex('organisations_ods_code_unique').on(sql`upper(${t.odsCode})`),
  ],
);

/** A member of staff. Platform roles grant permissions; archetypes never do. */
export const people = pgTable(
  'people',
  {
    id: id(),
    organisationId: organisationRef(),
    /**
     * Lower-cased. One account per person per organisation (issue 15): the same address may hold an
     * account in each organisation a person works for (bank staff, CIS2 roles in two trusts), and at
     * most one of them signs in with a hub password (see `findPersonByEmail`).
     */
    email: text('email').notNull(),
    displayName: text('display_name').notNull(),
    jobTitle: text('job_title'),
    roles: text('roles').array().notNull().default(sql`'{learner}'::text[]`),
    status: text('status', { enum: ['active', 'disabled'] }).notNull().default('active'),
    /** Generated for demonstration or benchmarks (issue 14 §4): insight pages say so and can leave them out. */
    synthetic: boolean('synthetic').notNull().default(false),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex('people_email_per_organisation').on(t.organisationId, t.email), index('people_email_idx').on(t.email), index('people_organisation_idx').on(t.organisationId)],
);

/** What a person says about the work they do: drives which requirements apply (R2–R4). */
export const profiles = pgTable('profiles', {
  personId: uuid('person_id')
    .primaryKey()
    .references(() => people.id),
  organisationId: organisationRef(),
  archetypes: text('archetypes').array().notNull().default(sql`'{}'::text[]`),
  professionalGroup: text('professional_group'),
  setting: text('setting'),
  clinicalDecisionMaking: boolean('clinical_decision_making').notNull().default(false),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
});

/** Local sign-in. Other identity providers (OpenID Connect) get their own table beside this. */
export const localCredentials = pgTable('local_credentials', {
  personId: uuid('person_id')
    .primaryKey()
    .references(() => people.id),
  /** `scrypt$N$r$p$salt$hash`, base64url parts. */
  passwordHash: text('password_hash').notNull(),
  passwordChangedAt: timestamp('password_changed_at', { withTimezone: true }).notNull().defaultNow(),
});

/** One CIS2 role on this hub, as a session keeps it for switching. */
export interface SessionCis2Role {
  roleId: string;
  orgCode: string;
  roleName: string;
  organisationId: string;
  organisationName: string;
}

/** Server-side sessions; the cookie carries a random token, the table only its SHA-256. */
export const sessions = pgTable(
  'sessions',
  {
    tokenHash: text('token_hash').primaryKey(),
    personId: personRef('person_id'),
    /** Secret behind this session's CSRF tokens. */
    csrfSecret: text('csrf_secret').notNull(),
    createdAt: createdAt(),
    lastSeenAt: timestamp('last_seen_at', { withTimezone: true }).notNull().defaultNow(),
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
    /** How the holder proved who they are: a hub password or an OpenID Connect provider (issue 15). */
    authMethod: text('auth_method', { enum: ['password', 'oidc'] }).notNull().default('password'),
    identityLinkId: uuid('identity_link_id'),
    /** The provider's ID token, sent back as `id_token_hint` when the holder signs out there too. */
    idTokenHint: text('id_token_hint'),
    /** The CIS2 roles on this hub offered at sign-in: the holder may switch among them without signing in again. */
    cis2Roles: jsonb('cis2_roles').$type<SessionCis2Role[]>(),
    cis2SelectedRoleId: text('cis2_selected_role_id'),
  },
  (t) => [index('sessions_person_idx').on(t.personId)],
);

export const invitations = pgTable(
  'invitations',
  {
    id: id(),
    organisationId: organisationRef(),
    email: text('email').notNull(),
    displayName: text('display_name').notNull(),
    roles: text('roles').array().notNull(),
    tokenHash: text('token_hash').notNull(),
    invitedBy: personRef('invited_by'),
    createdAt: createdAt(),
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
    acceptedAt: timestamp('accepted_at', { withTimezone: true }),
    acceptedPersonId: uuid('accepted_person_id').references(() => people.id),
  },
  (t) => [uniqueIndex('invitations_token_unique').on(t.tokenHash), index('invitations_organisation_idx').on(t.organisationId)],
);

/** Outgoing mail, written in the same transaction as what caused it; a transport may send it later. */
export const outbox = pgTable(
  'outbox',
  {
    id: id(),
    organisationId: organisationRef(),
    toAddress: text('to_address').notNull(),
    subject: text('subject').notNull(),
    bodyText: text('body_text').notNull(),
    /** The HTML alternative of body_text; null for mail queued before mail had an HTML part. */
    bodyHtml: text('body_html'),
    /**
     * The Message-ID header (`<outbox-id@host>`), fixed when queued: a message sent twice (at-least-once
     * delivery) carries the same one, so mail clients can tell it is a duplicate.
     */
    messageId: text('message_id').notNull().default(sql`'<' || gen_random_uuid() || '@ai-confidence-hub>'`),
    createdAt: createdAt(),
    sentAt: timestamp('sent_at', { withTimezone: true }),
    /** Delivery attempts so far (services/mail/mail-delivery.service.ts). */
    attempts: integer('attempts').notNull().default(0),
    /** When the transport may next try it; null once sent or failed. */
    nextAttemptAt: timestamp('next_attempt_at', { withTimezone: true }).defaultNow(),
    /** A worker that claimed it holds it until then, so another worker leaves it alone. */
    lockedUntil: timestamp('locked_until', { withTimezone: true }),
    lastError: text('last_error'),
    /** Given up: rejected for good, or out of attempts. */
    failedAt: timestamp('failed_at', { withTimezone: true }),
  },
  (t) => [
    index('outbox_organisation_idx').on(t.organisationId, t.createdAt),
    uniqueIndex('outbox_message_id_unique').on(t.messageId),
    // Only mail still to send is looked at by the delivery worker.
    index('outbox_due_idx').on(t.nextAttemptAt).where(sql`${t.sentAt} is null and ${t.failedAt} is null`),
  ],
);

/** Who supervises whom. Ended, not deleted, so the history of who verified what stays readable. */
export const supervisions = pgTable(
  'supervisions',
  {
    id: id(),
    organisationId: organisationRef(),
    supervisorId: personRef('supervisor_id'),
    learnerId: personRef('learner_id'),
    /** Null when a staff import run from the command line (which has no signed-in person) made the link. */
    assignedBy: uuid('assigned_by').references(() => people.id),
    assignedAt: timestamp('assigned_at', { withTimezone: true }).notNull().defaultNow(),
    endedAt: timestamp('ended_at', { withTimezone: true }),
    /** 'esr' when a staff import made it from a line manager: imports only ever end their own links. */
    source: text('source', { enum: ['manual', 'esr'] }).notNull().default('manual'),
  },
  (t) => [
    index('supervisions_supervisor_idx').on(t.supervisorId),
    index('supervisions_learner_idx').on(t.learnerId),
    // One current supervision per pair, even when two admins assign at the same moment.
    uniqueIndex('supervisions_one_current_per_pair').on(t.supervisorId, t.learnerId).where(sql`${t.endedAt} is null`),
  ],
);

/** Append-only record of changes: who did what to whom, and when. */
export const auditEvents = pgTable(
  'audit_events',
  {
    id: id(),
    organisationId: uuid('organisation_id').references(() => organisations.id),
    actorId: uuid('actor_id').references(() => people.id),
    subjectId: uuid('subject_id'),
    action: text('action').notNull(),
    detail: jsonb('detail').notNull().default({}),
    at: timestamp('at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('audit_events_subject_idx').on(t.subjectId, t.at), index('audit_events_organisation_idx').on(t.organisationId, t.action, t.at)],
);

export const notifications = pgTable(
  'notifications',
  {
    id: id(),
    organisationId: organisationRef(),
    personId: personRef('person_id'),
    message: text('message').notNull(),
    link: text('link'),
    createdAt: createdAt(),
    readAt: timestamp('read_at', { withTimezone: true }),
  },
  (t) => [
    index('notifications_person_idx').on(t.personId, t.createdAt),
    // Every signed-in page counts the unread ones with the session read: only those are indexed.
    index('notifications_unread_idx').on(t.personId).where(sql`${t.readAt} is null`),
  ],
);
