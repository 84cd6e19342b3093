import { sql } from 'drizzle-orm';
import { index, integer, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { createdAt, id, organisationRef, people, personRef } from './people.ts';

export const ISSUER_KEY_STATUSES = ['active', 'retired', 'compromised'] as const;
export const CREDENTIAL_KINDS = ['product-module', 'topic-level', 'journey-template'] as const;

/**
 * An issuing organisation's Ed25519 signing keys (Open Badges 3.0, issue 16 §2). One is active;
 * retired keys stay published so earlier credentials still verify, and only a key marked
 * compromised is withdrawn from `assertionMethod`. The 32-byte seed is kept only encrypted
 * (AES-256-GCM under CREDENTIAL_KEY_ENCRYPTION_KEY, bound to the organisation and key id).
 */
export const issuerKeys = pgTable(
  'issuer_keys',
  {
    id: id(),
    organisationId: organisationRef(),
    /** `<issuer URL>#<publicKeyMultibase>`: the verification method every proof names. */
    verificationMethodId: text('verification_method_id').notNull(),
    publicKeyMultibase: text('public_key_multibase').notNull(),
    /** base64 of the encrypted seed, its 12-byte IV and 16-byte GCM tag. */
    secretCiphertext: text('secret_ciphertext').notNull(),
    secretIv: text('secret_iv').notNull(),
    secretTag: text('secret_tag').notNull(),
    status: text('status', { enum: ISSUER_KEY_STATUSES }).notNull().default('active'),
    createdAt: createdAt(),
    retiredAt: timestamp('retired_at', { withTimezone: true }),
  },
  (t) => [
    // At most one active key: two first issues at once cannot both create one.
    uniqueIndex('issuer_keys_one_active').on(t.organisationId).where(sql`${t.status} = 'active'`),
    uniqueIndex('issuer_keys_method_unique').on(t.verificationMethodId),
  ],
);

/**
 * An OpenBadgeCredential the hub signed for a learner, kept exactly as issued (the JSON text, not
 * jsonb, so the download is byte for byte what was signed). One per learner and achievement.
 */
export const issuedCredentials = pgTable(
  'issued_credentials',
  {
    id: id(),
    organisationId: organisationRef(),
    personId: personRef('person_id'),
    kind: text('kind', { enum: CREDENTIAL_KINDS }).notNull(),
    /** The Achievement's id (a hub URL): what "the same achievement" means. */
    achievementId: text('achievement_id').notNull(),
    achievementName: text('achievement_name').notNull(),
    /** The signed credential as issued. */
    document: text('document').notNull(),
    issuedAt: timestamp('issued_at', { withTimezone: true }).notNull().defaultNow(),
    /**
     * Its entry in the organisation's Bitstring Status Lists: list number and a random index in it
     * (random, so a position says nothing about when or to whom it was issued).
     */
    statusList: integer('status_list').notNull(),
    statusIndex: integer('status_index').notNull(),
    revokedAt: timestamp('revoked_at', { withTimezone: true }),
    revokedBy: uuid('revoked_by').references(() => people.id),
    revocationReason: text('revocation_reason'),
  },
  (t) => [
    uniqueIndex('issued_credentials_once_per_achievement').on(t.personId, t.achievementId),
    index('issued_credentials_organisation_idx').on(t.organisationId, t.issuedAt),
    uniqueIndex('issued_credentials_status_entry').on(t.organisationId, t.statusList, t.statusIndex),
  ],
);
