import { and, eq, ne, sql } from 'drizzle-orm';
import type { Database } from './client.ts';
import { learningResources, organisationClosure, people } from './schema.ts';

export interface MatchedPerson {
  id: string;
  organisationId: string;
}

/** What an xAPI statement names, found in the hub: people within a key's organisation, resources by activity id (issue 16 §1). */
export function createPlatformCompletionRepository(db: Database) {
  const inSubtree = (rootId: string) =>
    sql`exists (select 1 from ${organisationClosure} where ${organisationClosure.ancestorId} = ${rootId} and ${organisationClosure.descendantId} = ${people.organisationId})`;

  return {
    /** Active accounts with this e-mail in the organisation or beneath it (one person may hold several). */
    async findPeopleByEmailWithin(rootId: string, email: string): Promise<MatchedPerson[]> {
      return db
        .select({ id: people.id, organisationId: people.organisationId })
        .from(people)
        .where(and(eq(people.email, email.toLowerCase()), eq(people.status, 'active'), inSubtree(rootId)));
    },

    async findPersonWithin(rootId: string, personId: string): Promise<MatchedPerson | undefined> {
      const rows = await db
        .select({ id: people.id, organisationId: people.organisationId })
        .from(people)
        .where(and(eq(people.id, personId), eq(people.status, 'active'), inSubtree(rootId)));
      return rows[0];
    },

    /** Resources a platform can complete: any but drafts (a journey keeps a resource retired after it was planned). */
    async findResourceIdsByActivityId(activityId: string): Promise<string[]> {
      const rows = await db
        .select({ id: learningResources.id })
        .from(learningResources)
        .where(and(eq(learningResources.activityId, activityId), ne(learningResources.status, 'draft')));
      return rows.map((r) => r.id);
    },
  };
}

export type PlatformCompletionRepository = ReturnType<typeof createPlatformCompletionRepository>;
