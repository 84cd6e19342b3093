import { jsonb, pgTable, primaryKey, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { organisations } from './people.ts';

/**
 * The canonical definition of each activity an organisation's statements named (9274.1.1 §4.1.6.4):
 * merged from every statement's definition, newest winning per language and per property.
 */
export const xapiActivities = pgTable(
  'xapi_activities',
  {
    organisationId: uuid('organisation_id')
      .notNull()
      .references(() => organisations.id),
    activityId: text('activity_id').notNull(),
    definition: jsonb('definition').notNull(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.organisationId, t.activityId] })],
);
