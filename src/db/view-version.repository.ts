import { eq, sql } from 'drizzle-orm';
import type { Database } from './client.ts';
import { hubViewEpoch, personViewVersions } from './schema.ts';

/** Joins the two stamps a person's cached views depend on: their own rows, and what everyone shares. */
export function viewStampOf(personViewVersion: number, hubEpoch: number): string {
  return `${personViewVersion}.${hubEpoch}`;
}

export function createViewVersionRepository(db: Database) {
  return {
    /** The current stamp of a person's views (triggers keep it; see migration 0008). One indexed lookup. */
    async getViewStamp(personId: string): Promise<string> {
      const [row] = await db
        .select({
          person: sql<number>`coalesce((select ${personViewVersions.version} from ${personViewVersions} where ${personViewVersions.personId} = ${personId}), 0)`.mapWith(Number),
          hub: hubViewEpoch.version,
        })
        .from(hubViewEpoch)
        .where(eq(hubViewEpoch.id, 1));
      return viewStampOf(row?.person ?? 0, row?.hub ?? 0);
    },
  };
}

export type ViewVersionRepository = ReturnType<typeof createViewVersionRepository>;
