/**
 * Finds the hub account an organisation's staff record (ESR) pre-links to a CIS2 identity: the
 * record's CIS UUID is the user's `nhsid_useruid` (issue 15 plan §3). The ESR import supplies the
 * real one; until it is wired, no staff record links anyone.
 */
export interface StaffRecordLookup {
  findPersonByCisUuid(organisationId: string, cisUuid: string): Promise<string | undefined>;
}

export const noStaffRecords: StaffRecordLookup = {
  findPersonByCisUuid: async () => undefined,
};
