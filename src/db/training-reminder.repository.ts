import { and, asc, eq, lte, notIlike, sql } from 'drizzle-orm';
import type { Database } from './client.ts';
import { aiProducts, people, personTrainingCurrency, trainingReminders } from './schema.ts';

export type TrainingReminderRow = typeof trainingReminders.$inferSelect;

export interface OwedTraining {
  organisationId: string;
  personId: string;
  deploymentId: string;
  dueOn: string;
  email: string;
  displayName: string;
  productName: string;
}

const ptc = personTrainingCurrency;

export function createTrainingReminderRepository(db: Database) {
  return {
    /**
     * Active people's owed product training due by `dueUntil` with no reminder yet of the kind its
     * date earns on `today` (overdue before today, due otherwise), earliest first. People on the
     * reserved `.invalid` domain (the synthetic workforce) are never reminded.
     */
    async listUnreminded({ today, dueUntil, limit }: { today: string; dueUntil: string; limit: number }): Promise<OwedTraining[]> {
      const kindToday = sql`case when ${ptc.dueOn} < ${today}::date then 'overdue' else 'due' end`;
      const reminded = sql`exists (select 1 from ${trainingReminders} r where r.person_id = ${ptc.personId} and r.deployment_id = ${ptc.deploymentId} and r.due_by = ${ptc.dueOn} and r.kind = ${kindToday})`;
      return db
        .select({ organisationId: ptc.organisationId, personId: ptc.personId, deploymentId: ptc.deploymentId, dueOn: ptc.dueOn, email: people.email, displayName: people.displayName, productName: aiProducts.name })
        .from(ptc)
        .innerJoin(people, eq(people.id, ptc.personId))
        .innerJoin(aiProducts, eq(aiProducts.id, ptc.productId))
        .where(and(eq(ptc.state, 'owed'), lte(ptc.dueOn, dueUntil), eq(people.status, 'active'), notIlike(people.email, '%.invalid'), sql`not ${reminded}`))
        .orderBy(asc(ptc.dueOn), asc(ptc.personId))
        .limit(limit);
    },

    /** Records reminders, returning only those not already recorded (another process may have sent them). */
    async recordReminders(rows: ReadonlyArray<typeof trainingReminders.$inferInsert>, tx: Database = db): Promise<TrainingReminderRow[]> {
      if (rows.length === 0) return [];
      return tx.insert(trainingReminders).values([...rows]).onConflictDoNothing().returning();
    },

    async listRemindersOf(personId: string): Promise<TrainingReminderRow[]> {
      return db.select().from(trainingReminders).where(eq(trainingReminders.personId, personId)).orderBy(asc(trainingReminders.sentAt));
    },
  };
}

export type TrainingReminderRepository = ReturnType<typeof createTrainingReminderRepository>;
