import { integer, jsonb, pgTable, primaryKey, text, timestamp } from 'drizzle-orm/pg-core';
import type { CaseWarningGroup } from '../../domain/case/case-warnings.ts';

/**
 * Frameworks are reference data shared by every organisation: one row per (id, version),
 * written once and never updated (a new version is a new row).
 */
export const frameworks = pgTable(
  'frameworks',
  {
    frameworkId: text('framework_id').notNull(),
    version: text('version').notNull(),
    title: text('title').notNull(),
    /** 'hub' for our canonical documents, 'case' for CASE packages imported from elsewhere. */
    format: text('format', { enum: ['hub', 'case'] }).notNull(),
    /** sha256 of the canonical JSON of `document`: how a reload is told apart from a change. */
    contentHash: text('content_hash').notNull(),
    itemCount: integer('item_count').notNull(),
    document: jsonb('document').notNull(),
    /**
     * What the tolerant CASE reader found wrong with the package as published and what it did
     * about it, grouped (issue 16 §3). Kept because the stored document is already normalised, so
     * the warnings cannot be recomputed from it.
     */
    importWarnings: jsonb('import_warnings').$type<CaseWarningGroup[]>().notNull().default([]),
    loadedAt: timestamp('loaded_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.frameworkId, t.version] })],
);
