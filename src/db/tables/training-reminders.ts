import { date, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { id, organisationRef, personRef } from './people.ts';
import { aiDeployments } from './products.ts';

/**
 * Reminders sent about product training falling due or overdue: one of each kind per person,
 * deployment and due date, so a reminder goes once however often (and in however many processes)
 * the check runs, and again only when a new refresher brings a new due date.
 */
export const trainingReminders = pgTable(
  'training_reminders',
  {
    id: id(),
    organisationId: organisationRef(),
    personId: personRef('person_id'),
    deploymentId: uuid('deployment_id')
      .notNull()
      .references(() => aiDeployments.id),
    kind: text('kind', { enum: ['due', 'overdue'] }).notNull(),
    /** The UK date the training was due by (person_training_currency.due_on). */
    dueBy: date('due_by', { mode: 'string' }).notNull(),
    sentAt: timestamp('sent_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex('training_reminders_once').on(t.personId, t.deploymentId, t.kind, t.dueBy)],
);
