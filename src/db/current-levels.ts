import { and, eq, inArray, sql } from 'drizzle-orm';
import type { SQL } from 'drizzle-orm';
import { currentTopicLevels, people } from './schema.ts';

export { currentTopicLevels };

/**
 * current_topic_levels is keyed by organisation first (docs/scale.md §1.2, the Citus distribution
 * key): these conditions name the people's organisations too, so a read uses the key (and, on Citus,
 * goes to one shard) while callers keep passing only person ids.
 */
export function personKey(personId: string): SQL {
  return and(
    eq(currentTopicLevels.organisationId, sql`(select ${people.organisationId} from ${people} where ${people.id} = ${personId})`),
    eq(currentTopicLevels.personId, personId),
  ) as SQL;
}

export function peopleKey(personIds: readonly string[]): SQL {
  return and(
    inArray(currentTopicLevels.organisationId, sql`(select ${people.organisationId} from ${people} where ${inArray(people.id, [...personIds])})`),
    inArray(currentTopicLevels.personId, [...personIds]),
  ) as SQL;
}
