import type { Database } from '../../db/client.ts';

/**
 * Finds the hub account an organisation's staff record (ESR) pre-links to a CIS2 identity: the
 * record's CIS UUID is the user's `nhsid_useruid` (issue 15 plan §3). The database's is
 * `createStaffRecordLookup` (db/staff-record-lookup.repository.ts); tests may pass their own.
 */
export interface StaffRecordLookup {
  /** Read in the sign-in's transaction (PGlite has one connection: a read beside it would wait for it). */
  findPersonByCisUuid(organisationId: string, cisUuid: string, tx?: Database): Promise<string | undefined>;
}
