import { index, pgTable, primaryKey, smallint, uuid } from 'drizzle-orm/pg-core';
import { organisations } from './people.ts';

/**
 * Every (ancestor, descendant) pair of the organisation tree, itself included at depth 0 (docs/scale.md §2.1).
 * A trigger on `organisations` keeps it (migration organisation_closure_maintained), so a subtree or an
 * ancestry is one index read instead of a recursive walk, at national scale too.
 */
export const organisationClosure = pgTable(
  'organisation_closure',
  {
    ancestorId: uuid('ancestor_id').notNull().references(() => organisations.id),
    descendantId: uuid('descendant_id').notNull().references(() => organisations.id),
    /** Steps from the ancestor down to the descendant: 0 is the organisation itself. */
    depth: smallint('depth').notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.ancestorId, t.descendantId] }),
    index('organisation_closure_descendant_idx').on(t.descendantId, t.ancestorId, t.depth),
  ],
);
