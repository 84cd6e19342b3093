import { and, eq, inArray } from 'drizzle-orm';
import type { Database } from './client.ts';
import { xapiActivities } from './schema.ts';
import { mergeDefinition } from '../xapi/statements/statement-format.ts';
import type { Json } from '../xapi/statements/statement-terms.ts';

export type XapiActivityRow = typeof xapiActivities.$inferSelect;

/** The canonical activity definitions of each organisation's LRS (9274.1.1 §4.1.6.4). */
export function createXapiActivityRepository(db: Database) {
  return {
    /** The activity as the organisation's statements defined it, if any statement did. */
    async findActivity(organisationId: string, activityId: string, tx: Database = db): Promise<XapiActivityRow | undefined> {
      const rows = await tx.select().from(xapiActivities).where(and(eq(xapiActivities.organisationId, organisationId), eq(xapiActivities.activityId, activityId)));
      return rows[0];
    },

    async findActivities(organisationId: string, activityIds: string[], tx: Database = db): Promise<Map<string, Json>> {
      if (activityIds.length === 0) return new Map();
      const rows = await tx.select().from(xapiActivities).where(and(eq(xapiActivities.organisationId, organisationId), inArray(xapiActivities.activityId, activityIds)));
      return new Map(rows.map((row) => [row.activityId, row.definition as Json]));
    },

    /** Merges definitions in the order given (one statement batch), locking each row so concurrent batches merge rather than overwrite. */
    async mergeDefinitions(organisationId: string, seen: Array<{ id: string; definition: Json }>, now: Date, tx: Database): Promise<void> {
      for (const { id, definition } of seen) {
        await tx.insert(xapiActivities).values({ organisationId, activityId: id, definition: {}, updatedAt: now }).onConflictDoNothing();
        const [row] = await tx
          .select()
          .from(xapiActivities)
          .where(and(eq(xapiActivities.organisationId, organisationId), eq(xapiActivities.activityId, id)))
          .for('update');
        const merged = mergeDefinition(row?.definition as Json | undefined, definition);
        await tx.update(xapiActivities).set({ definition: merged, updatedAt: now }).where(and(eq(xapiActivities.organisationId, organisationId), eq(xapiActivities.activityId, id)));
      }
    },
  };
}

export type XapiActivityRepository = ReturnType<typeof createXapiActivityRepository>;
