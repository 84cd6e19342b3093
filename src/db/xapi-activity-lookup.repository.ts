import { and, eq } from 'drizzle-orm';
import type { Database } from './client.ts';
import { xapiActivities } from './schema.ts';

/** Reads the canonical activity definitions the statements resource keeps (issue 16 §1), inside one organisation. */
export function createXapiActivityLookupRepository(db: Database) {
  return {
    async findActivityDefinition(organisationId: string, activityId: string, tx: Database = db): Promise<unknown> {
      const rows = await tx
        .select({ definition: xapiActivities.definition })
        .from(xapiActivities)
        .where(and(eq(xapiActivities.organisationId, organisationId), eq(xapiActivities.activityId, activityId)));
      return rows[0]?.definition;
    },
  };
}

export type XapiActivityLookupRepository = ReturnType<typeof createXapiActivityLookupRepository>;
