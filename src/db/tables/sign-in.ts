import { index, integer, pgTable, text, timestamp } from 'drizzle-orm/pg-core';

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
