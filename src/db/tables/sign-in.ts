import { index, integer, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { organisations, people } from './people.ts';

/**
 * Failed sign-ins counted per scope (one account from one address, one account, one address; see
 * domain/people/sign-in-limits.ts), shared by every process of the hub. Keys are SHA-256 hashes,
 * so the table holds no email or network address. Rows are pruned once their window is long over.
 */
export const signInFailures = pgTable(
  'sign_in_failures',
  {
    keyHash: text('key_hash').primaryKey(),
    /** Failures in the current window (attempts in progress count until they succeed). */
    failures: integer('failures').notNull(),
    windowStartedAt: timestamp('window_started_at', { withTimezone: true }).notNull(),
    /** No attempt in this scope is checked before this time. */
    heldUntil: timestamp('held_until', { withTimezone: true }),
    /** When the account holder was told of this window's failures (account scope only). */
    holderToldAt: timestamp('holder_told_at', { withTimezone: true }),
  },
  (t) => [index('sign_in_failures_window_idx').on(t.windowStartedAt)],
);

/** Network sources each account has signed in from: exempt from that account's account-wide limit. */
export const signInKnownSources = pgTable(
  'sign_in_known_sources',
  {
    /** SHA-256 of the account and the source together. */
    keyHash: text('key_hash').primaryKey(),
    lastSignedInAt: timestamp('last_signed_in_at', { withTimezone: true }).notNull(),
  },
  (t) => [index('sign_in_known_sources_last_idx').on(t.lastSignedInAt)],
);

/**
 * "Forgot your password" links, one row per link sent. Only the token's SHA-256 is stored, so a
 * database reader cannot use a link; each works once (`used_at`) and only until `expires_at`.
 */
export const passwordResets = pgTable(
  'password_resets',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    organisationId: uuid('organisation_id')
      .notNull()
      .references(() => organisations.id),
    personId: uuid('person_id')
      .notNull()
      .references(() => people.id),
    tokenHash: text('token_hash').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
    /** When the link was used, or made void by a newer password; a used link never works again. */
    usedAt: timestamp('used_at', { withTimezone: true }),
  },
  (t) => [uniqueIndex('password_resets_token_unique').on(t.tokenHash), index('password_resets_person_idx').on(t.personId)],
);
