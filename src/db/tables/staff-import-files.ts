import { index, pgTable, timestamp, uuid } from 'drizzle-orm/pg-core';
import { bytea } from './bytea.ts';
import { organisationRef } from './people.ts';
import { staffImportRuns } from './staff-import.ts';

/**
 * The extract an admin uploaded, kept between its dry run and "Apply" on the web (the command line
 * reads its file again instead), so the admin does not choose the file twice and the hub applies
 * exactly the bytes it showed. It holds staff's names and addresses, so it is kept no longer than
 * that: removed when the run is applied, and by any later upload once it has expired (24 hours).
 */
export const staffImportFiles = pgTable(
  'staff_import_files',
  {
    runId: uuid('run_id')
      .primaryKey()
      .references(() => staffImportRuns.id),
    organisationId: organisationRef(),
    content: bytea('content').notNull(),
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
  },
  (t) => [index('staff_import_files_expiry_idx').on(t.expiresAt)],
);
