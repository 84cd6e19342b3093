import { and, eq, isNull } from 'drizzle-orm';
import type { Database } from './client.ts';
import { people, staffPeople } from './schema.ts';

/**
 * Finds the account an ESR import made for a CIS2 user (issue 15 §1: "first sign-in links to an
 * account imported from ESR by a stable key"). ESR's NHS CIS UUID is CIS2's `nhsid_useruid`. The
 * account must be in the organisation the chosen role names, and the person must not have left.
 */
export function createStaffRecordLookup(db: Database) {
  return {
    async findPersonByCisUuid(organisationId: string, cisUuid: string, tx: Database = db): Promise<string | undefined> {
      const rows = await tx
        .select({ personId: staffPeople.personId })
        .from(staffPeople)
        .innerJoin(people, eq(people.id, staffPeople.personId))
        .where(and(eq(staffPeople.cisUuid, cisUuid), eq(people.organisationId, organisationId), isNull(staffPeople.leftAt)))
        .limit(2);
      // Two records claiming one CIS2 user in one organisation cannot be told apart: link neither.
      return rows.length === 1 ? rows[0]?.personId : undefined;
    },
  };
}
