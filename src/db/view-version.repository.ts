import { eq, sql } from 'drizzle-orm';
import type { Database } from './client.ts';
import { hubViewEpoch, personViewVersions } from './schema.ts';

/** A person's view stamp with its shared part apart, for views that depend on shared data alone. */
export interface ViewStamp {
  stamp: string;
  hubEpoch: number;
}

/** Joins the two stamps a person's cached views depend on: their own rows, and what everyone shares. */
export function viewStampOf(personViewVersion: number, hubEpoch: number): string {
  return `${personViewVersion}.${hubEpoch}`;
}

export function createViewVersionRepository(db: Database) {
  // Asked before every cached view is used: prepared once.
  const stampQuery = db
    .select({
      person: sql<number>`coalesce((select ${personViewVersions.version} from ${personViewVersions} where ${personViewVersions.personId} = ${sql.placeholder('personId')}), 0)`.mapWith(Number),
      hub: hubViewEpoch.version,
    })
    .from(hubViewEpoch)
    .where(eq(hubViewEpoch.id, 1))
    .prepare('view_stamp');
  return {
    /** The current stamp of a person's views (triggers keep it; see migration 0008). One indexed lookup. */
    async getViewStamp(personId: string): Promise<string> {
      const [row] = await stampQuery.execute({ personId });
      return viewStampOf(row?.person ?? 0, row?.hub ?? 0);
    },
  };
}

export type ViewVersionRepository = ReturnType<typeof createViewVersionRepository>;
