import { index, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { assuranceReviews } from './assurance.ts';
import { createdAt, id, organisationRef, people, personRef } from './people.ts';

const at = (column: string) => timestamp(column, { withTimezone: true });

/**
 * Links a review's lead sends the supplier (issue 12, part 2): they work without an account and
 * only for their review. Only the token's SHA-256 is stored, so a database reader cannot use a
 * link. A link stops working when it expires, is revoked, or once the supplier has submitted
 * (after which it only shows what was sent); the lead re-opens with a new link.
 */
export const assuranceSupplierLinks = pgTable(
  'assurance_supplier_links',
  {
    id: id(),
    organisationId: organisationRef(),
    reviewId: uuid('review_id')
      .notNull()
      .references(() => assuranceReviews.id),
    tokenHash: text('token_hash').notNull(),
    supplierName: text('supplier_name').notNull().default(''),
    /** Where the link was sent, if the lead had the hub send it. */
    contactEmail: text('contact_email'),
    createdBy: personRef('created_by'),
    createdAt: createdAt(),
    expiresAt: at('expires_at').notNull(),
    revokedAt: at('revoked_at'),
    revokedBy: uuid('revoked_by').references(() => people.id),
    submittedAt: at('submitted_at'),
  },
  (t) => [uniqueIndex('assurance_supplier_links_token_unique').on(t.tokenHash), index('assurance_supplier_links_review_idx').on(t.reviewId)],
);
